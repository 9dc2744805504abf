// The trace of a run: every event the emulated machine produces, typed and ordered, with its
// step index (its position) and virtual time. Everything the GUI shows at a step is a fold of
// the events before it (world.h), so stepping back and forth is exact and deterministic.
#pragma once
#include <compare>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "awaitscope/big_alloc.h"

namespace aws {

struct Program;  // lower.h

// One table row per kind (trace.cpp): name, text template, narration. Fields used per kind:
enum class EventKind : uint8_t {
  Spawn,          // task, obj (its root future); payload: spawned expression
  PollBegin,      // task, obj (the future polled), a = depth (0: the executor's poll of the task)
  PollEnd,        // task, obj, a = depth, b = 1 Ready / 0 Pending; payload: the Ready value
  Transition,     // task, obj (a state machine), a = from state, b = to state; payload: the new
                  // state's saved fields as "name=value" lines joined by '\n'
  WakerCreate,    // waker, task (-1 for a no-op/dummy waker)
  WakerClone,     // waker (the new clone), a = the waker cloned
  WakerRegister,  // waker, obj (the leaf future storing it), device
  WakerWake,      // waker, task (woken task or -1), device (who woke it, -1 = the task itself);
                  // b = 1 when it reached the executor (pushed/sent), 0 when it was a no-op;
                  // payload: what finished (e.g. "foo.txt")
  WakerDrop,      // waker
  QueuePush,      // task; a = queue length after
  QueuePop,       // task; a = queue length after
  DeviceStart,    // device, obj (the leaf future), a = request id, b = due time (ms, -1 unknown);
                  // payload: what, e.g. "read foo.txt"
  DeviceComplete, // device, a = request id; payload: result
  Interrupt,      // device, a = scancode (keyboard) or -1; b = 1 when held pending (cli)
  Halt,           // the CPU executes hlt; a = 1 when the queue was not empty (lost wakeup)
  Resume,         // the CPU leaves hlt
  Print,          // task; payload: the exact text printed (println! includes its newline)
  Panic,          // task, obj; payload: message
  TaskDone,       // task; payload: the task's output value
  Diagnostic,     // task (or -1); a = 0 note / 1 warning / 2 error; payload: message
  Inject,         // device (keyboard), a = scancode: a keystroke injected live (recorded for replay)
  CpuBusy,        // task; a = duration ms, b = 1 blocking (thread_sleep) / 0 work(); payload: what
  RunEnd,         // a = 0 finished / 1 faulted / 2 stopped (budget) / 3 idle forever; payload: why
  // Memory events (memory.h), recorded only by scenarios that track memory. Their payload is a
  // one-line headline, then '\n' and the snapshots (EncodeBlock) of the blocks they change.
  MemAlloc,       // obj = block id, a = address, b = size
  MemMove,        // obj = block id, a = from address, b = to address (the old range turns stale)
  MemFree,        // obj = block id, a = address, b = size (the range turns stale)
  MemWrite,       // obj = block id, a = address written, b = the pointer stored (-1: not a pointer)
  MemDangling,    // task, obj = block that used to live there (-1 none), a = address dereferenced,
                  // b = address of the pointer read (-1 unknown); payload: headline = what memory
                  // holds there and what the program meant (undefined behaviour)
  // Executor code: the code a plain `fn main()` runs on its main thread while no task is being
  // polled (main, the executor's methods, the waker functions it calls; runtime/events.cpp).
  // One step per source line entered; recorded only by runs of a plain `fn main()`.
  ExecLine,       // obj = the function's frame (its ObjectInfo's name is the function's),
                  // a = call depth (1: main itself); line = the line entered
  // Emulated threads (runtime/devices/threads.cpp), recorded once a run spawns a thread or one
  // blocks in a std call; thread 0 is the run's own (main). task = -1.
  ThreadState,    // a = thread id, b = 0 runs / 1 blocked / 2 finished / 3 ready (spawned, or
                  // preempted by a thread that woke); payload: what it waits on (blocked), why it
                  // is ready (ready), else its name ("main", "thread#1")
  ContextSwitch,  // a = the thread leaving the core (it stays ready), b = the thread taking it,
                  // device = the timer whose interrupt preempted it; payload: what is saved where
  kCount,
};

// One event as readers see it (48 bytes; the trace stores them packed, see EventLog): the virtual
// time and the kind share a word. Both are bit-fields, so pass them by value (`int64_t{e.t_ms}`)
// where a reference is taken.
struct Event {
  int64_t t_ms : 56 = 0;  // virtual time, ms (far past any run's end)
  EventKind kind : 8 = EventKind::Diagnostic;
  int32_t task = -1;
  int32_t obj = -1;
  int32_t waker = -1;
  int32_t device = -1;
  int64_t a = -1;
  int64_t b = -1;
  uint32_t line = 0;     // source line executing when the event happened (0: none)
  int32_t payload = -1;  // index into Trace::strings
  friend bool operator==(const Event&, const Event&) = default;
};
static_assert(sizeof(Event) == 48);

// The trace's events, stored packed (a run of 10^6 events holds 10^6 of them): 32 bytes per event
// instead of an Event's 48. An event whose values fit the packed fields (time < 2^32 ms, device
// -1..254, line < 2^16, a and b 32-bit) is stored in them; any other is kept whole in a side
// table (`wide_`), so every value of every field reads back exactly, whatever its kind. Reads
// decode a copy: `events[i]`, `back()` and iteration give an Event by value (bind it to a
// `const Event&` or copy it; never keep a pointer). Writes go through push_back and Set.
// A new field of Event: give it room in Packed and in Pack/Unpack (or let it make events wide).
class EventLog {
 public:
  struct Packed {
    uint32_t t_ms;
    uint8_t kind;      // kWide: the event is wide_[task]
    uint8_t device;    // device + 1 (0: none)
    uint16_t line;
    int32_t task, obj, waker;
    int32_t a, b;
    int32_t payload;
  };
  static_assert(sizeof(Packed) == 32);
  static_assert(static_cast<int>(EventKind::kCount) < 255, "EventLog::kWide must stay outside the kinds");
  static constexpr uint8_t kWide = 255;

  class const_iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = Event;
    using difference_type = std::ptrdiff_t;
    using reference = Event;
    using pointer = void;
    const_iterator() = default;
    const_iterator(const EventLog* log, size_t i) : log_(log), i_(i) {}
    Event operator*() const { return (*log_)[i_]; }
    Event operator[](difference_type d) const { return (*log_)[i_ + static_cast<size_t>(d)]; }
    const_iterator& operator++() { return ++i_, *this; }
    const_iterator operator++(int) { const_iterator o = *this; ++i_; return o; }
    const_iterator& operator--() { return --i_, *this; }
    const_iterator operator--(int) { const_iterator o = *this; --i_; return o; }
    const_iterator& operator+=(difference_type d) { return i_ += static_cast<size_t>(d), *this; }
    const_iterator& operator-=(difference_type d) { return i_ -= static_cast<size_t>(d), *this; }
    friend const_iterator operator+(const_iterator it, difference_type d) { return it += d; }
    friend const_iterator operator+(difference_type d, const_iterator it) { return it += d; }
    friend const_iterator operator-(const_iterator it, difference_type d) { return it -= d; }
    friend difference_type operator-(const const_iterator& x, const const_iterator& y) {
      return static_cast<difference_type>(x.i_) - static_cast<difference_type>(y.i_);
    }
    friend bool operator==(const const_iterator& x, const const_iterator& y) { return x.i_ == y.i_; }
    friend auto operator<=>(const const_iterator& x, const const_iterator& y) { return x.i_ <=> y.i_; }

   private:
    const EventLog* log_ = nullptr;
    size_t i_ = 0;
  };
  using iterator = const_iterator;
  using value_type = Event;
  using size_type = size_t;

  size_t size() const { return packed_.size(); }
  bool empty() const { return packed_.empty(); }
  Event operator[](size_t i) const {
    const Packed& p = packed_[i];
    return p.kind == kWide ? wide_[static_cast<size_t>(p.task)] : Unpack(p);
  }
  Event front() const { return (*this)[0]; }
  Event back() const { return (*this)[size() - 1]; }
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size()}; }

  void push_back(const Event& e) { packed_.push_back(Pack(e)); }
  void Set(size_t i, const Event& e) { packed_[i] = Pack(e); }  // replaces event i
  void clear() {
    packed_.clear();
    wide_.clear();
  }
  void reserve(size_t n) { packed_.reserve(n); }
  void resize(size_t n) {  // new events are default Events
    while (packed_.size() > n) packed_.pop_back();
    while (packed_.size() < n) push_back(Event{});
  }
  // Identifies the stored events (views cache what they built from a trace by it and size()).
  const void* data() const { return packed_.data(); }
  size_t wide_count() const { return wide_.size(); }
  size_t bytes() const { return packed_.size() * sizeof(Packed) + wide_.size() * sizeof(Event); }  // as stored

 private:
  static Event Unpack(const Packed& p) {
    Event e;
    e.t_ms = p.t_ms;
    e.kind = static_cast<EventKind>(p.kind);
    e.task = p.task;
    e.obj = p.obj;
    e.waker = p.waker;
    e.device = static_cast<int32_t>(p.device) - 1;
    e.a = p.a;
    e.b = p.b;
    e.line = p.line;
    e.payload = p.payload;
    return e;
  }
  Packed Pack(const Event& e) {
    Packed p{static_cast<uint32_t>(e.t_ms), static_cast<uint8_t>(e.kind), static_cast<uint8_t>(e.device + 1),
             static_cast<uint16_t>(e.line), e.task, e.obj, e.waker,
             static_cast<int32_t>(e.a), static_cast<int32_t>(e.b), e.payload};
    if (Unpack(p) == e) return p;  // every field read back exactly
    p.kind = kWide;
    p.task = static_cast<int32_t>(wide_.size());
    wide_.push_back(e);
    return p;
  }

  BigVector<Packed> packed_;  // big_alloc.h: huge pages when large, grown without copying
  std::vector<Event> wide_;   // the events Packed cannot hold, in order
};

enum class ObjectKind : uint8_t { Machine, Leaf, Combinator };

// A future that existed during the run (state machine instance, leaf future, combinator).
struct ObjectInfo {
  ObjectKind kind = ObjectKind::Machine;
  int machine = -1;        // Program::machines index for state machines
  std::string name;        // "example", "async_read_file(\"foo.txt\")", "join"
  int parent = -1;         // the future it is awaited by / stored in (-1: a task's root)
  int task = -1;
  int64_t created_step = 0;
};

struct DeviceInfo {
  std::string name;        // "disk", "timer", "keyboard", "op:load_message", "thread:TimerFuture#2"
  std::string kind;        // "disk" | "timer" | "keyboard" | "op" | "thread"
};

struct TaskInfo {
  std::string name;        // the spawned expression, e.g. "example(100)"
  int root = -1;           // root future object
  int64_t spawned_step = 0;
};

struct KeyInput {
  int64_t t_ms = 0;
  uint8_t scancode = 0;
  bool injected = false;   // typed live (GUI) rather than scripted
};

struct TraceSummary {
  int64_t polls = 0;       // the executor's top-level polls of tasks
  int64_t pending = 0;
  int64_t ready = 0;
  int64_t wakes = 0;       // wake calls that reached the executor (stale and duplicate ones too)
  int64_t end_time_ms = 0; // when the last task finished (or the run stopped)
  std::string output;      // everything printed
  int end_reason = 0;      // as RunEnd.a
};

struct Trace {
  std::string scenario;    // id
  std::string executor;
  EventLog events;  // packed; events[i] is a decoded copy
  std::vector<std::string> strings;
  std::vector<ObjectInfo> objects;
  std::vector<DeviceInfo> devices;
  std::vector<TaskInfo> tasks;
  std::vector<KeyInput> injected;  // live keystrokes, replayed when the trace is loaded again
  TraceSummary summary;

  int Intern(std::string s);       // payload index; identical strings share one index
  const std::string& Payload(const Event& e) const;  // "" when the event has no payload

  // Intern's index: an open-addressing table (a power of two long, at most half full) of each
  // distinct string's index and hash. Plain values (no pointers into `strings`), so a Trace
  // stays copyable; strings appended directly are picked up by the next Intern call.
  struct InternSlot {
    uint32_t hash = 0;
    int32_t index = -1;  // -1: empty
  };
  std::vector<InternSlot> string_index;
  size_t strings_distinct = 0;
  size_t strings_indexed = 0;
};

const char* EventKindName(EventKind k);           // "poll_begin", "wake", ...
const char* EventKindLabel(EventKind k);          // "poll begins", "wake", ... (for people)
bool ParseEventKind(std::string_view name, EventKind* out);
// ThreadState's b: kThreadRuns..kThreadReady, named "runs", "blocked", "finished", "ready".
constexpr int64_t kThreadRuns = 0, kThreadBlocked = 1, kThreadFinished = 2, kThreadReady = 3;
const char* ThreadStateName(int64_t b);  // "?" outside 0..3
// Emulated thread `id`'s name: "thread#<id>", thread 0 as its first ThreadState names it ("main").
std::string ThreadName(const Trace& t, int64_t id);

// One text line per event, e.g. `t=30ms wake task=1 waker=W1 by=disk(foo.txt)`; the formats of
// all kinds are listed in trace.cpp. With `program`, transitions show the states' teaching
// labels (`Start -> WaitingOnFooTxt`); without it, state indices (`s0 -> s1`).
std::string EventText(const Trace& t, const Event& e, const Program* program = nullptr);
void AppendEventText(std::string& out, const Trace& t, const Event& e, const Program* program);

}  // namespace aws
