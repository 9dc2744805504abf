// The built-in executors, each defined once: its name (as scenarios, the CLI and the editor spell
// it), what the window and the help say about it, its queue rules and the runtime function that
// runs it. The scenario loader, the CLI, the editor, the runtime and the world fold all read this
// table; adding an executor adds a row (and its run function in engine/src/runtime/executors/).
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace aws {

namespace emu {
class Emulator;
}

enum class ExecutorKind : uint8_t { Busy, Simple, Waker, Channel };

// What pushing a task onto a full ready queue does.
enum class QueueFull : uint8_t {
  Unbounded,  // the queue grows without bound
  Panic,      // the push panics (the blog's ArrayQueue: "task_queue full")
  Deadlock,   // the push blocks the executor's own thread: the run faults (a full sync_channel)
};

struct ExecutorKindInfo {
  ExecutorKind kind;
  std::string_view name;         // "waker"
  std::string_view description;  // one line for help texts and the editor
  bool enqueue_on_spawn;         // spawn pushes the task onto the ready queue
  bool caches_wakers;            // one waker per task, kept between polls (shown beside the task)
  QueueFull when_full;
  size_t capacity;               // the queue's bound; 0: the scenario's queue_capacity
  void (*run)(emu::Emulator&);   // runs every task until the run ends
};

// Every executor kind, in the order the editor lists them.
std::span<const ExecutorKindInfo> ExecutorKinds();
// The kind named `name`, or nullptr.
const ExecutorKindInfo* FindExecutorKind(std::string_view name);
const ExecutorKindInfo& ExecutorKindInfoOf(ExecutorKind kind);
// The names, for messages: "busy, simple, waker or channel".
std::string ExecutorKindNames();

}  // namespace aws
