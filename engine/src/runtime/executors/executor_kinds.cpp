// The table of built-in executors (awaitscope/executor_kind.h): one row per kind, with the
// function in this folder that runs it.
#include "awaitscope/executor_kind.h"

#include <array>

#include "runtime/emulator.h"

namespace aws {
namespace {

constexpr std::array<ExecutorKindInfo, 4> kExecutorKinds = {{
    {ExecutorKind::Busy, "busy",
     "block_on in a loop: polls every unfinished task each tick, no wakers",
     /*enqueue_on_spawn=*/false, /*caches_wakers=*/false, QueueFull::Unbounded, 0,
     [](emu::Emulator& e) { e.RunBusy(); }},
    {ExecutorKind::Simple, "simple",
     "the blog's SimpleExecutor: a FIFO of tasks, a no-op waker per poll, Pending tasks go to the back",
     true, false, QueueFull::Unbounded, 0, [](emu::Emulator& e) { e.RunSimple(); }},
    {ExecutorKind::Waker, "waker",
     "the blog's Executor: a queue of ready task ids, a waker cache, hlt when idle",
     true, true, QueueFull::Panic, 0, [](emu::Emulator& e) { e.RunWaker(); }},
    {ExecutorKind::Channel, "channel",
     "the talk's executor: a channel of tasks, a woken task sends itself again",
     true, false, QueueFull::Deadlock, 10000 /* the talk's MAX_QUEUED_TASKS */,
     [](emu::Emulator& e) { e.RunChannel(); }},
}};

}  // namespace

std::span<const ExecutorKindInfo> ExecutorKinds() { return kExecutorKinds; }

const ExecutorKindInfo* FindExecutorKind(std::string_view name) {
  for (const ExecutorKindInfo& k : kExecutorKinds)
    if (k.name == name) return &k;
  return nullptr;
}

const ExecutorKindInfo& ExecutorKindInfoOf(ExecutorKind kind) { return kExecutorKinds[static_cast<size_t>(kind)]; }

std::string ExecutorKindNames() {
  std::string out;
  for (size_t i = 0; i < kExecutorKinds.size(); ++i) {
    if (i > 0) out += i + 1 == kExecutorKinds.size() ? " or " : ", ";
    out += kExecutorKinds[i].name;
  }
  return out;
}

}  // namespace aws
