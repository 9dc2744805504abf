// The emulated threads of a run (trace.h ThreadState, ContextSwitch), indexed once per trace:
// each thread's states as spans over virtual time, for the Timeline's thread lanes and the
// Executor panel's thread rows. No ImGui.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "awaitscope/trace.h"

namespace aws::present {

// One stretch of a thread in one state (kThreadRuns, kThreadBlocked, kThreadReady): from the
// event at step0 (its time t0) to the event that ends it at step1 (t1). `open`: still in that
// state at the end of the trace (t1 = the last event's time, step1 = -1). `why` is the step
// whose payload says what it waits on (blocked) or why it is ready: the ThreadState event, or
// the ContextSwitch that preempted it.
struct ThreadSpan {
  int64_t state = kThreadRuns;
  int64_t t0 = 0, t1 = 0, step0 = -1, step1 = -1;
  int64_t why = -1;
  bool open = false;
};

struct ThreadTrack {
  std::string name;              // "main", "thread#1"
  std::vector<ThreadSpan> spans;  // in time order, never overlapping; none after it finished
  int64_t finished_step = -1;    // its ThreadState finished event (-1: it never finished)
};

// Every thread the trace records, by id; empty when it records none. Thread 0 runs from step 0:
// it is the run's own thread, recorded only from its first spawn or blocking call.
std::vector<ThreadTrack> BuildThreadTracks(const Trace& trace);

// A thread's state at the cursor (`step` applied), for the Executor panel.
struct ThreadRow {
  int id = 0;
  std::string name;
  int64_t state = kThreadRuns;  // kThreadRuns, kThreadBlocked, kThreadFinished, kThreadReady
  std::string what;             // blocked: what it waits on; ready: why
};
// The threads that exist at `step` (spawned at or before it), in id order. Before the first
// step (-1) only thread 0, running.
std::vector<ThreadRow> ThreadsAt(const Trace& trace, const std::vector<ThreadTrack>& tracks, int64_t step);

// The tracks of the trace last asked for, rebuilt when another trace is loaded (the app's
// ViewData keeps one).
struct ThreadsCache {
  const void* events = nullptr;  // the trace's EventLog::data()
  size_t size = 0;
  std::vector<ThreadTrack> tracks;
  const std::vector<ThreadTrack>& For(const Trace& trace);
};

// The Executor panel's line for a run without an executor: "no executor: 4 threads".
std::string NoExecutorLine(size_t threads);

}  // namespace aws::present
