// The waker executor (see the table in executor_kinds.cpp).
#include <fmt/format.h>

#include <algorithm>

#include "runtime/emulator.h"

namespace aws::emu {

// The blog's Executor: tasks by id, a queue of ready ids, a waker cache, and hlt when idle.
void Emulator::RunWaker() {
  for (;;) {
    // run_ready_tasks
    while (!queue_.empty()) {
      int task = queue_.front();
      queue_.pop_front();
      EmitQueuePop(task);
      if (!tasks_[task].in_map) {
        Note(0, fmt::format("task {} is already finished: its stale wake-up is skipped", task));
        continue;
      }
      if (tasks_[task].cached_waker < 0) tasks_[task].cached_waker = NewWaker(task);
      if (PollTask(task, tasks_[task].cached_waker)) {
        tasks_[task].in_map = false;
        DropWaker(tasks_[task].cached_waker);
        tasks_[task].cached_waker = -1;
      }
    }
    PollAfterReadyIfAsked();
    // sleep_if_idle
    if (pending_.empty()) {
      if (AllDone()) return;
      end_reason_ = 0;
      end_why_.clear();
      std::string waiting;
      for (size_t i = 0; i < tasks_.size(); ++i)
        if (!tasks_[i].done) waiting += (waiting.empty() ? "" : ", ") + std::to_string(i);
      EmitHalt(false);
      Note(0, fmt::format("the CPU halts for good: task(s) {} wait for something that will never come", waiting));
      for (size_t i = 0; i < tasks_.size(); ++i)
        if (std::string why = tasks_[i].done ? "" : WhyStuck(static_cast<int>(i)); !why.empty()) Note(1, why);
      return;
    }
    int64_t next = pending_.begin()->t;
    if (S.naive_sleep_if_idle) {
      // The race the blog describes: the queue is found empty, then an interrupt arrives
      // before `hlt`; its wake-up is lost until the next interrupt.
      AdvanceTo(next - 1 >= now_ ? next - 1 : now_, true);
      now_ = std::max(now_, next);
      Note(0, "sleep_if_idle: the task queue is empty");
      DeliverDueAt(next);
      bool lost = !queue_.empty();
      EmitHalt(lost);
      halted_ = true;
      if (lost) Note(1, "lost wake-up: an interrupt arrived between the emptiness check and `hlt`; the ready task waits for the next interrupt");
      if (pending_.empty()) {
        if (lost) throw StopRun{1, "the CPU halted with a ready task and no interrupt will ever come (lost wake-up)"};
        return;
      }
      AdvanceTo(pending_.begin()->t, true);
      DeliverDueAt(now_);
      continue;
    }
    EmitHalt(false);
    halted_ = true;
    AdvanceTo(next, true);
  }
}

}  // namespace aws::emu
