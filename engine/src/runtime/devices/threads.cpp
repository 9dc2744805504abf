// Threads of plain code, `hlt` and the interrupt flag.
//
// Spawned threads (`std::thread::spawn`) are contexts on the one emulated core. The interpreter
// runs plain code as nested C++ calls (CallBody -> Execute -> Call -> ...), so a thread that
// blocks in the middle of a call must keep its C++ stack: each emulated thread runs on a native
// thread of its own, and a baton (one mutex and condition variable) lets exactly one of them run
// at a time. The baton changes hands only at the points the script's semantics define (a thread
// blocks, sleeps, finishes, or its sleep ends on the virtual clock), never by the OS scheduler,
// so a run is as deterministic as one without threads. The interpreter's per-thread state (call
// depth, the statement budget, the current line) is saved and restored at each hand-over. A
// fault in any thread ends the run: the thread that faulted hands the baton to the run's own
// thread, which rethrows it; at the end of a run every waiting thread is unwound and joined.
//
// Scheduling: a spawned thread first runs when the thread that spawned it blocks; a blocked
// thread's successor is the next runnable one in spawn order after it (round robin); when none
// can run, virtual time jumps to the next event (a sleeping thread's wake-up or an interrupt);
// when nothing can come, the run ends as a deadlock naming what every thread waits on.
//
// Preemption (`[threads] preemptive_slice_ms`, scenarios/README.md conventions): by default a
// thread keeps the core until it blocks. With a slice, the core's timer interrupts at the end of
// each slice of `work`; when another thread is ready, the running one is preempted: its
// registers go onto its own stack (a ContextSwitch event) and the next ready thread in spawn
// order gets the core and a fresh slice. A slice ends only inside `work`, the only plain code
// that takes time on the core.
//
// The trace (trace.h ThreadState): once a thread is spawned or blocks in a std call, every
// thread's changes are recorded: it runs, it blocks (and on what), it is ready (spawned or
// preempted), it finishes. The `hlt` of a scripted executor alone records nothing.
//
// A plain `fn main()`: A program whose entry is a plain `fn main()` has no executor: its main
// thread runs the body on the emulated core to its end, and its output and trace are those of
// any run (print, cpu_busy, run_end), with task -1 (no task).
//
// The time rule of plain code (README "The script language", scenarios/README.md conventions):
// statements cost no virtual time. Time passes only where the code says so: `work(d)` keeps the
// core busy for d, a blocking call (`thread::sleep(d)`) holds the core for d, and `hlt()` jumps
// to the next interrupt. A poll that plain code makes of a future and that returns Pending costs
// one tick (kBusyTickMs), as one round of the built-in `busy` executor does, so that an
// executor written in the script spins on the same virtual clock as the built-in ones.
// Because plain code between those points takes no time, a loop that never reaches one would
// spin at the same instant forever: the main thread's statement budget
// (RunOptions::max_statements_per_poll) counts the statements since time last passed.
#include <fmt/format.h>

#include <condition_variable>
#include <mutex>
#include <thread>

#include "awaitscope/library_types.h"
#include "runtime/emulator.h"

namespace aws::emu {

constexpr size_t kMaxLiveThreads = 64;

struct ThreadRec {
  std::string name;  // "main", "thread#1"
  std::thread native;  // not joinable for the run's own thread
  bool done = false;
  bool started = false;
  Value result;
  // While blocked: what it waits for.
  bool waiting = false;
  std::function<bool()> ready;
  int64_t until = -1;
  bool woken = false;  // its sleep's ThreadWake fired
  std::string what;
  // The interpreter's state while another thread runs.
  int call_depth = 0;
  uint32_t line = 0;
  Span span;
  int64_t stmts = 0;
  int task = -1;
};

struct ThreadTable {
  std::mutex mu;
  std::condition_variable cv;
  int running = 0;                 // the thread holding the baton
  bool abort = false;              // the run ended: waiting threads unwind
  std::deque<ThreadRec> threads;   // [0]: the run's own thread (main, or the executor)
  std::optional<StopRun> failure;  // a spawned thread's fault, for the run's thread to rethrow
  size_t live = 0;
};

namespace {
struct ThreadAbort {};  // unwinds a waiting thread at the end of the run
}  // namespace

void ThreadTableDeleter::operator()(ThreadTable* t) const { delete t; }

Emulator::~Emulator() { EndThreads(); }

void Emulator::RunMainThread() {
  cur_task_ = -1;
  stmts_in_poll_ = 0;
  CallBody(main_thread_body_, {}, {});
  last_done_ms_ = now_;
  if (thread_events_) EmitThreadState(0, kThreadFinished, "main");
  if (threads_) {
    std::string left;
    for (const ThreadRec& t : threads_->threads)
      if (&t != &threads_->threads.front() && !t.done) left += (left.empty() ? "" : ", ") + t.name;
    if (!left.empty()) Note(0, fmt::format("main returned: the process ends, and with it {}", left));
  }
}

void Emulator::PlainTimePassed() {
  if (cur_task_ < 0) {
    stmts_in_poll_ = 0;
    plain_time_event_ = static_cast<int64_t>(T.events.size());
  }
}

void Emulator::PlainPollPending() {
  AdvanceTo(now_ + kBusyTickMs, true);
  PlainTimePassed();
}

}  // namespace aws::emu

namespace aws::emu {

// The baton: hands the core from thread `from` to thread `to` and waits until `from` has it
// again. Saves and restores the interpreter's per-thread state around the wait.
static void HandOver(ThreadTable& tt, int from, int to, std::unique_lock<std::mutex>& lock) {
  tt.running = to;
  tt.cv.notify_all();
  tt.cv.wait(lock, [&] { return tt.running == from || tt.abort; });
}

// The thread table, made on first use with the context that runs now as thread 0 (the plain
// `main`, or the executor of an async program).
ThreadTable& Emulator::Threads() {
  if (!threads_) {
    threads_.reset(new ThreadTable);
    threads_->threads.emplace_back();
    threads_->threads[0].name = main_thread_body_ >= 0 ? "main" : "the executor";
    threads_->threads[0].started = true;
    threads_->live = 1;
  }
  return *threads_;
}

void Emulator::ShowThreads() {
  if (thread_events_) return;
  thread_events_ = true;
  slice_end_ = now_ + S.preemptive_slice_ms;
  EmitThreadState(0, kThreadRuns, Threads().threads[0].name);
}

void Emulator::SwitchTo(int next) {
  ThreadTable& tt = *threads_;
  const int me = tt.running;
  ThreadRec& self = tt.threads[me];
  ThreadRec& other = tt.threads[next];
  self.call_depth = call_depth_;
  self.line = cur_line_;
  self.span = cur_span_;
  self.stmts = stmts_in_poll_;
  self.task = cur_task_;
  {
    std::unique_lock<std::mutex> lock(tt.mu);
    other.started = true;
    HandOver(tt, me, next, lock);
    if (tt.abort) throw ThreadAbort{};
  }
  call_depth_ = self.call_depth;
  cur_line_ = self.line;
  cur_span_ = self.span;
  stmts_in_poll_ = self.stmts;
  cur_task_ = self.task;
  if (tt.failure) {
    StopRun f = *tt.failure;
    tt.failure.reset();
    throw f;
  }
}

static bool CanRun(const ThreadRec& t) { return !t.done && (!t.waiting || t.woken || (t.ready && t.ready())); }

// The next thread that can run, in spawn order after `me` (round robin); -1: none.
static int NextRunnable(const ThreadTable& tt, int me) {
  const int n = static_cast<int>(tt.threads.size());
  for (int k = 1; k < n; ++k)
    if (int id = (me + k) % n; CanRun(tt.threads[id])) return id;
  return -1;
}

void Emulator::WaitFor(const std::function<bool()>& ready, int64_t until, const std::string& what,
                       WaitShows shows) {
  if (ready()) return;
  if (shows == WaitShows::Blocked) ShowThreads();
  ThreadTable& tt = Threads();
  const int me = tt.running;
  ThreadRec& self = tt.threads[me];
  self.waiting = true;
  self.ready = ready;
  self.until = until;
  self.woken = false;
  self.what = what;
  const bool recorded = thread_events_ && shows != WaitShows::Quiet && !self.done;
  if (recorded) EmitThreadState(me, shows == WaitShows::Blocked ? kThreadBlocked : kThreadReady, what);
  if (until >= 0) Schedule({until, 0, DevEvent::Kind::ThreadWake, me, -1, 0});
  for (;;) {
    if (self.woken || ready()) break;
    const int next = NextRunnable(tt, me);
    if (next < 0) {
      // Nobody can run: time passes to the next event, or nothing will ever come.
      if (pending_.empty() || interrupts_off_) {
        int waiting = 0;
        for (const ThreadRec& t : tt.threads) waiting += !t.done && t.waiting;
        if (!interrupts_off_ && OnlyNetworkWaits(waiting)) {
          // A server between clients: it would wait for the next one forever (devices/network.cpp).
          EmitHalt(false);
          Note(0, "every thread waits on the network and no client will connect or send again: a server waits "
                  "here forever; the run ends");
          throw StopRun{0, ""};
        }
        std::string waits;
        for (const ThreadRec& t : tt.threads)
          if (!t.done && t.waiting) waits += fmt::format("{}{} waits {}", waits.empty() ? "" : "; ", t.name, t.what);
        // A scripted executor's tasks that never finished, and why, when script code is the reason.
        for (size_t i = 0; i < tasks_.size(); ++i)
          if (std::string stuck = tasks_[i].done ? "" : WhyStuck(static_cast<int>(i)); !stuck.empty()) waits += "; " + stuck;
        throw StopRun{1, fmt::format("deadlock: every thread is blocked and nothing can wake one ({})", waits), cur_span_};
      }
      EmitHalt(false);
      halted_ = true;
      AdvanceTo(pending_.begin()->t, true);
      halted_ = false;
      PlainTimePassed();
      continue;
    }
    SwitchTo(next);
  }
  self.waiting = false;
  self.ready = nullptr;
  self.woken = false;
  if (recorded) {
    slice_end_ = now_ + S.preemptive_slice_ms;
    EmitThreadState(me, kThreadRuns, self.name);
  }
  PlainTimePassed();
}

void Emulator::PlainWork(int64_t ms) {
  EmitCpuBusy(ms, false);
  if (S.preemptive_slice_ms <= 0 || cur_task_ >= 0 || !thread_events_) {
    AdvanceTo(now_ + ms, true);
    PlainTimePassed();
    return;
  }
  const int64_t end = now_ + ms;
  while (now_ < end) {
    AdvanceTo(std::min(end, slice_end_), true);
    PlainTimePassed();
    if (now_ >= slice_end_) Preempt();
  }
}

void Emulator::Preempt() {
  ThreadTable& tt = *threads_;
  const int me = tt.running;
  const int next = NextRunnable(tt, me);
  slice_end_ = now_ + S.preemptive_slice_ms;
  // With interrupts off (`interrupts::disable`) the timer cannot preempt; with nobody else ready
  // the interrupt handler lets this thread go on.
  if (next < 0 || interrupts_off_) return;
  if (preempt_timer_ < 0)
    preempt_timer_ = Device(fmt::format("timer interrupt ({}ms slice)", S.preemptive_slice_ms), "timer");
  ThreadRec& self = tt.threads[me];
  EmitInterrupt(preempt_timer_, -1, false);
  EmitContextSwitch(me, next, preempt_timer_,
                    fmt::format("{}'s slice is over: its registers (instruction pointer, stack pointer, flags and the "
                                "general-purpose ones) are saved on {}'s own stack, and {}'s are restored from {}'s stack",
                                self.name, self.name, tt.threads[next].name, tt.threads[next].name));
  SwitchTo(next);
  slice_end_ = now_ + S.preemptive_slice_ms;
  EmitThreadState(me, kThreadRuns, self.name);
}

void Emulator::WakeThread(int thread) {
  if (!threads_ || thread < 0 || static_cast<size_t>(thread) >= threads_->threads.size()) return;
  ThreadRec& t = threads_->threads[thread];
  if (!t.waiting || t.done) return;
  t.woken = true;
  // The clock interrupted another context (an executor's loop, `work`): the woken thread runs
  // now, until it blocks or ends, as a timer interrupt's handler would let it.
  const int me = threads_->running;
  if (me == thread) return;
  ThreadRec& self = threads_->threads[me];
  bool was_waiting = self.waiting;
  self.waiting = true;  // the interrupted context waits for the woken thread to block or end
  auto saved_ready = self.ready;
  int64_t saved_until = self.until;
  bool saved_woken = self.woken;
  std::string saved_what = self.what;
  self.ready = [this, thread] {
    const ThreadRec& w = threads_->threads[thread];
    return w.done || (w.waiting && !w.woken && !(w.ready && w.ready()));
  };
  self.until = -1;
  self.woken = false;
  self.what = fmt::format("for {} to run", t.name);
  const bool saved_halted = halted_;
  halted_ = false;
  auto go = self.ready;
  WaitFor(go, -1, self.what, was_waiting ? WaitShows::Quiet : WaitShows::Preempted);
  halted_ = saved_halted;
  self.waiting = was_waiting;
  self.ready = saved_ready;
  self.until = saved_until;
  self.woken = saved_woken;
  self.what = saved_what;
}

void Emulator::EndThreads() {
  if (!threads_) return;
  ThreadTable& tt = *threads_;
  {
    std::lock_guard<std::mutex> lock(tt.mu);
    tt.abort = true;
  }
  tt.cv.notify_all();
  for (ThreadRec& t : tt.threads)
    if (t.native.joinable()) t.native.join();
  threads_.reset();
}

int Emulator::CurrentThread() const { return threads_ ? threads_->running : 0; }

std::string Emulator::CurrentThreadName() const {
  if (threads_ && threads_->running != 0) return "<unnamed>";
  return main_thread_body_ >= 0 && cur_task_ < 0 ? "main" : "";
}

// `hlt` in plain code: the calling thread waits for the next event the interrupt controller
// handles; meanwhile the other threads run, and when none can, the core halts and time jumps.
void Emulator::HaltCore() {
  if (interrupts_off_)
    FaultHere("deadlock: `hlt` with interrupts disabled: no interrupt can wake the core (use `enable_and_hlt`)");
  bool others = false;
  if (threads_)
    for (size_t i = 0; i < threads_->threads.size(); ++i) {
      const ThreadRec& t = threads_->threads[i];
      if (static_cast<int>(i) != threads_->running && !t.done && (!t.waiting || t.woken || (t.ready && t.ready())))
        others = true;
    }
  if (!others && NaiveHalt()) return;  // the race of a naive sleep_if_idle (futures/arc_wakers.cpp)
  if (pending_.empty() && !others) HaltForGood(true);
  const int64_t seen = fired_;
  WaitFor([this, seen] { return fired_ > seen; }, -1, "in `hlt` for an interrupt",
          thread_events_ ? WaitShows::Blocked : WaitShows::Quiet);
}

void Emulator::HaltForGood(bool emit_halt) {
  if (emit_halt) EmitHalt(false);
  // As the built-in waker executor says it: which tasks wait forever, and why when it is known.
  std::string waiting;
  for (size_t i = 0; i < tasks_.size(); ++i)
    if (!tasks_[i].done) waiting += (waiting.empty() ? "" : ", ") + std::to_string(i);
  if (waiting.empty()) {
    Note(0, "the CPU halts for good: no interrupt will ever come");
  } else {
    Note(0, fmt::format("the CPU halts for good: task(s) {} wait for something that will never come", waiting));
    for (size_t i = 0; i < tasks_.size(); ++i)
      if (std::string why = tasks_[i].done ? "" : WhyStuck(static_cast<int>(i)); !why.empty()) Note(1, why);
  }
  throw StopRun{0, ""};
}

void Emulator::EnableInterrupts() {
  interrupts_off_ = false;
  DeliverDueAt(now_);
}

Value Emulator::CallThreadBuiltin(const Builtin& b, std::vector<Value>& a) {
  switch (b.id) {
    case BuiltinId::ThreadSpawn: {
      ShowThreads();
      ThreadTable& tt = Threads();
      if (tt.live >= kMaxLiveThreads)
        FaultHere(fmt::format("more than {} threads alive at once (threads spawning threads without end?)",
                              kMaxLiveThreads));
      const int id = static_cast<int>(tt.threads.size());
      tt.threads.emplace_back();
      ThreadRec& rec = tt.threads.back();
      rec.name = fmt::format("thread#{}", id);
      ++tt.live;
      EmitThreadState(id, kThreadReady, fmt::format("spawned by {}", tt.threads[tt.running].name));
      Value closure = a[0];
      rec.native = std::thread([this, id, closure] {
        ThreadTable& t = *threads_;
        {
          std::unique_lock<std::mutex> lock(t.mu);
          t.cv.wait(lock, [&] { return t.running == id || t.abort; });
          if (t.abort) return;
        }
        ThreadRec& r = t.threads[id];
        call_depth_ = 0;
        stmts_in_poll_ = 0;
        cur_task_ = -1;
        try {
          slice_end_ = now_ + S.preemptive_slice_ms;
          EmitThreadState(id, kThreadRuns, r.name);
          drop_captures_ = true;
          r.result = CallClosure(closure, {});
          r.done = true;
          --t.live;
          EmitThreadState(id, kThreadFinished, r.name);
          // Its successor: whoever can run; if nobody can, WaitFor's search passes time.
          WaitFor([] { return false; }, -1, "(finished)");
        } catch (const ThreadAbort&) {
          return;
        } catch (const StopRun& s) {
          r.done = true;
          std::unique_lock<std::mutex> lock(t.mu);
          if (!t.abort) {
            t.failure = s;
            t.running = 0;
            t.cv.notify_all();
          }
        }
      });
      Value h = Value::Make(Value::K::Struct);
      h.mode = kLibChannelEnd;
      h.s = "JoinHandle";
      h.i = id;
      return h;
    }
    case BuiltinId::ThreadJoin: {
      const int id = static_cast<int>(Load(a[0]).i);
      ThreadTable& tt = *threads_;
      WaitFor([&tt, id] { return tt.threads[id].done; }, -1, fmt::format("in `join()` for {}", tt.threads[id].name));
      return Value::Variant("Ok", {tt.threads[id].result});
    }
    case BuiltinId::Hlt:
      // `std::process::exit(code)` shares `hlt`'s id: the whole program ends here, whatever
      // thread or task still waits (the run ends normally, saying so).
      if (b.name == "process::exit")
        throw StopRun{0, fmt::format("process::exit({}) ended the program", Load(a[0]).i), std::nullopt};
      HaltCore();
      return Value::Unit();
    case BuiltinId::InterruptsDisable: interrupts_off_ = true; return Value::Unit();
    case BuiltinId::InterruptsEnable: EnableInterrupts(); return Value::Unit();
    case BuiltinId::EnableAndHlt:
      interrupts_off_ = false;  // `sti; hlt`: an interrupt due already ends the halt at once
      if (!pending_.empty() && pending_.begin()->t <= now_) {
        DeliverDueAt(now_);
        return Value::Unit();
      }
      HaltCore();
      return Value::Unit();
    case BuiltinId::WithoutInterrupts: {
      const bool was_off = interrupts_off_;
      interrupts_off_ = true;
      Value out = CallClosure(a[0], {});
      if (!was_off) EnableInterrupts();
      return out;
    }
    default: break;
  }
  Fault(fmt::format("internal error: built-in `{}` is not available at run time", b.name));
}

}  // namespace aws::emu
