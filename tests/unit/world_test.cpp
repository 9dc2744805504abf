#include <gtest/gtest.h>

#include <unistd.h>

#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include <fmt/format.h>

#include "awaitscope/trace_io.h"
#include "awaitscope/world.h"

namespace aws {
namespace {

const std::string kScenarioDir = std::string(AWAITSCOPE_SOURCE_DIR) + "/scenarios";

// Builds traces by hand (payloads interned directly, without Trace::Intern). The events are
// edited after Add, so they are staged (a trace's events are read back as copies) and copied into
// the trace by Built().
struct TraceBuilder {
  std::deque<Event> staged;  // references stay valid as it grows
  int64_t t = 0;

  TraceBuilder() { trace.executor = "waker"; }

  Event& Add(EventKind kind, std::string payload = {}) {
    Event e;
    e.t_ms = t;
    e.kind = kind;
    if (!payload.empty()) e.payload = trace.Intern(std::move(payload));  // as the runtime records them
    staged.push_back(e);
    return staged.back();
  }
  // The trace with the staged events.
  Trace& Built() {
    trace.events.clear();
    for (const Event& e : staged) trace.events.push_back(e);
    return trace;
  }
  int Device(std::string name, std::string kind) {
    trace.devices.push_back(DeviceInfo{std::move(name), std::move(kind)});
    return static_cast<int>(trace.devices.size() - 1);
  }
  void Spawn(int task, int obj) {
    Event& e = Add(EventKind::Spawn, "task");
    e.task = task;
    e.obj = obj;
  }
  void Push(int task) { Add(EventKind::QueuePush).task = task; }
  void Pop(int task) { Add(EventKind::QueuePop).task = task; }
  void PollBegin(int task, int obj, int depth) {
    Event& e = Add(EventKind::PollBegin);
    e.task = task;
    e.obj = obj;
    e.a = depth;
  }
  void PollEnd(int task, int obj, int depth, bool ready, std::string value = {}) {
    Event& e = Add(EventKind::PollEnd, std::move(value));
    e.task = task;
    e.obj = obj;
    e.a = depth;
    e.b = ready ? 1 : 0;
  }
  void Wake(int waker, int task, int device, bool reached) {
    Event& e = Add(EventKind::WakerWake);
    e.waker = waker;
    e.task = task;
    e.device = device;
    e.b = reached ? 1 : 0;
  }
  void Transition(int task, int obj, int from, int to, std::string fields) {
    Event& e = Add(EventKind::Transition, std::move(fields));
    e.task = task;
    e.obj = obj;
    e.a = from;
    e.b = to;
  }

  // The state after every event, folded once from scratch.
  WorldState Fold() {
    const Trace& built = Built();
    return FoldTrace(built, static_cast<int64_t>(built.events.size()) - 1);
  }

 private:
  Trace trace;
};

std::vector<TaskStatus> Statuses(const Trace& trace, int task) {
  std::vector<TaskStatus> out;
  WorldState w;
  for (size_t i = 0; i < trace.events.size(); ++i) {
    ApplyEvent(trace, trace.events[i], static_cast<int64_t>(i), w);
    TaskStatus s = w.tasks.at(static_cast<size_t>(task)).status;
    if (out.empty() || out.back() != s) out.push_back(s);
  }
  return out;
}

// The session (flat fold, checkpoints, materialized states) agrees with the reference fold at
// every step, reached backwards, by long jumps both ways and by single steps.
void ExpectSessionAgreesWithTheFold(const Trace& trace) {
  std::vector<WorldState> ref;
  WorldState w;
  for (size_t i = 0; i < trace.events.size(); ++i) {
    ApplyEvent(trace, trace.events[i], static_cast<int64_t>(i), w);
    ref.push_back(w);
  }
  const int64_t n = static_cast<int64_t>(ref.size());
  Session s;
  s.LoadTrace(trace);
  ASSERT_EQ(s.size(), n);
  s.Seek(n - 1);
  for (int64_t i = n - 1; i >= 0; --i) {  // backwards: checkpoint + flat events + materialize
    s.Seek(i);
    ASSERT_EQ(s.state(), ref[static_cast<size_t>(i)]) << "seek back to " << i;
  }
  for (int64_t i = 0; i < n; ++i) {  // long jumps, alternating ends
    int64_t target = i % 2 ? n - 1 - i / 2 : i / 2;
    s.Seek(target);
    ASSERT_EQ(s.state(), ref[static_cast<size_t>(target)]) << "jump to " << target;
  }
  s.Reset();
  for (int64_t i = 0; i < n; ++i) {  // single steps apply both folds
    ASSERT_TRUE(s.Step());
    ASSERT_EQ(s.state(), ref[static_cast<size_t>(i)]) << "step to " << i;
  }
}

// ---------------------------------------------------------------------------------------------
// ApplyEvent on hand-built traces

TEST(WorldFold, QueuePushPopOrder) {
  TraceBuilder b;
  for (int i = 0; i < 3; ++i)
    b.Spawn(i, 10 + i);
  b.Push(0);
  b.Push(1);
  b.Push(2);
  WorldState w = b.Fold();
  EXPECT_EQ(w.queue, (std::vector<int>{0, 1, 2}));
  b.Pop(0);
  b.Push(0);
  EXPECT_EQ(b.Fold().queue, (std::vector<int>{1, 2, 0}));
  b.Pop(2);  // not at the front: the first occurrence goes
  EXPECT_EQ(b.Fold().queue, (std::vector<int>{1, 0}));
  b.Push(1);  // duplicates are kept (a task woken twice is pushed twice)
  b.Pop(1);
  EXPECT_EQ(b.Fold().queue, (std::vector<int>{0, 1}));
  b.Pop(7);  // unknown: ignored
  EXPECT_EQ(b.Fold().queue, (std::vector<int>{0, 1}));
  ExpectSessionAgreesWithTheFold(b.Built());
}

TEST(WorldFold, WakeCounting) {
  TraceBuilder b;
  b.Spawn(0, 10);
  b.Spawn(1, 11);
  b.Wake(0, 0, -1, true);
  b.Wake(0, 0, -1, true);   // duplicate wake: still reached the executor
  b.Wake(0, 0, -1, false);  // no-op (e.g. a dummy waker)
  b.Wake(1, 1, -1, true);
  b.Wake(2, -1, -1, true);  // no task
  WorldState w = b.Fold();
  EXPECT_EQ(w.tasks[0].wakes, 2);
  EXPECT_EQ(w.tasks[1].wakes, 1);
  EXPECT_EQ(w.tasks[0].polls, 0);
}

TEST(WorldFold, TransitionsSetStateAndFields) {
  TraceBuilder b;
  b.Spawn(0, 10);
  b.Transition(0, 10, 0, 1, "min_len=100\nfoo_txt_future=AsyncReadFile(\"foo.txt\")\nexpr=a == b");
  WorldState w = b.Fold();
  ASSERT_EQ(w.machines.count(10), 1u);
  const MachineView& m = w.machines.at(10);
  EXPECT_EQ(m.prev_state, 0);
  EXPECT_EQ(m.state, 1);
  EXPECT_EQ(m.last_transition_step, 1);
  using F = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(m.fields, (F{{"min_len", "100"},
                         {"foo_txt_future", "AsyncReadFile(\"foo.txt\")"},
                         {"expr", "a == b"}}));

  b.t = 30;
  b.Transition(0, 10, 1, 2, "min_len=100\ncontent=\"Hello\"");
  b.Transition(0, 11, 0, 3, "");  // another machine, no saved fields
  w = b.Fold();
  EXPECT_EQ(w.machines.at(10).state, 2);
  EXPECT_EQ(w.machines.at(10).prev_state, 1);
  EXPECT_EQ(w.machines.at(10).last_transition_step, 2);
  EXPECT_EQ(w.machines.at(10).fields, (F{{"min_len", "100"}, {"content", "\"Hello\""}}));
  EXPECT_EQ(w.machines.at(11).state, 3);
  EXPECT_TRUE(w.machines.at(11).fields.empty());
  EXPECT_EQ(w.t_ms, 30);
  EXPECT_EQ(w.step, 3);
  ExpectSessionAgreesWithTheFold(b.Built());
}

// Two machines entering states with the same saved values show one list, parsed once by the
// session's index: a seek copies a pointer, not the strings.
TEST(WorldSession, MachinesWithTheSamePayloadShareOneFieldList) {
  TraceBuilder b;
  b.Spawn(0, 10);
  b.Spawn(1, 11);
  b.Transition(0, 10, 0, 1, "n=1\nname=\"a\"");
  b.Transition(1, 11, 0, 1, "n=1\nname=\"a\"");  // the same payload
  Session s;
  s.LoadTrace(b.Built());
  s.Seek(s.size() - 1);
  const WorldState& w = s.state();
  ASSERT_EQ(w.machines.size(), 2u);
  EXPECT_TRUE(w.machines.at(10).fields.SameList(w.machines.at(11).fields));
  using F = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(w.machines.at(11).fields, (F{{"n", "1"}, {"name", "\"a\""}}));
  // A copy of the state keeps the lists alive after the session is gone.
  WorldState copy = w;
  s = Session{};
  EXPECT_EQ(copy.machines.at(10).fields, (F{{"n", "1"}, {"name", "\"a\""}}));
}

TEST(FlatMap, KeepsKeysSortedAndFindsThem) {
  FlatMap<int, int> m;
  m[5] = 50;
  m[1] = 10;
  m[3] = 30;
  std::vector<int> keys;
  for (const auto& [k, v] : m) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<int>{1, 3, 5}));
  EXPECT_EQ(m.at(3), 30);
  EXPECT_EQ(m.count(4), 0u);
  EXPECT_EQ(m.find(4), m.end());
  EXPECT_THROW(m.at(4), std::out_of_range);
  EXPECT_EQ(m.erase(3), 1u);
  EXPECT_EQ(m.erase(3), 0u);
  EXPECT_EQ(m.EraseIf([](const auto& kv) { return kv.second == 50; }), 1u);
  EXPECT_EQ(m, (FlatMap<int, int>{{1, 10}}));
}

TEST(WorldFold, WakerRegisterThenWakeClearsDeviceBinding) {
  TraceBuilder b;
  int disk = b.Device("disk", "disk");
  b.Spawn(0, 10);
  Event& create = b.Add(EventKind::WakerCreate);
  create.waker = 0;
  create.task = 0;
  Event& clone = b.Add(EventKind::WakerClone);
  clone.waker = 1;
  clone.a = 0;
  Event& reg = b.Add(EventKind::WakerRegister);
  reg.waker = 1;
  reg.obj = 12;
  reg.device = disk;
  WorldState w = b.Fold();
  EXPECT_EQ(w.tasks[0].waker, 0);  // the task's cached waker (waker executor)
  EXPECT_EQ(w.live_wakers, (std::vector<int>{0, 1}));
  EXPECT_EQ(w.device_waker, (FlatMap<int, int>{{disk, 1}}));
  EXPECT_EQ(w.leaf_waker, (FlatMap<int, int>{{12, 1}}));

  b.Wake(1, 0, disk, true);
  w = b.Fold();
  EXPECT_TRUE(w.device_waker.empty());  // the device took the waker to wake it
  EXPECT_EQ(w.leaf_waker, (FlatMap<int, int>{{12, 1}}));
  EXPECT_EQ(w.tasks[0].wakes, 1);

  b.Add(EventKind::WakerDrop).waker = 1;
  w = b.Fold();
  EXPECT_EQ(w.live_wakers, (std::vector<int>{0}));
  EXPECT_TRUE(w.leaf_waker.empty());
  EXPECT_EQ(w.tasks[0].waker, 0);
  b.Add(EventKind::WakerDrop).waker = 0;
  w = b.Fold();
  EXPECT_TRUE(w.live_wakers.empty());
  EXPECT_EQ(w.tasks[0].waker, -1);
}

TEST(WorldFold, CachedWakerOnlyOnWakerExecutor) {
  TraceBuilder b;
  b.Built().executor = "simple";
  b.Spawn(0, 10);
  Event& create = b.Add(EventKind::WakerCreate);
  create.waker = 0;
  create.task = 0;
  WorldState w = b.Fold();
  EXPECT_EQ(w.tasks[0].waker, -1);
  EXPECT_EQ(w.live_wakers, (std::vector<int>{0}));
  ExpectSessionAgreesWithTheFold(b.Built());
}

TEST(WorldFold, PollStackNesting) {
  TraceBuilder b;
  b.Spawn(0, 10);
  b.PollBegin(0, 10, 0);
  b.PollBegin(0, 11, 1);
  b.PollBegin(0, 12, 2);
  WorldState w = b.Fold();
  EXPECT_EQ(w.poll_stack, (std::vector<int>{10, 11, 12}));
  EXPECT_EQ(w.running_task, 0);
  b.PollEnd(0, 12, 2, false);
  EXPECT_EQ(b.Fold().poll_stack, (std::vector<int>{10, 11}));
  b.PollEnd(0, 11, 1, false);
  b.PollBegin(0, 13, 1);  // a join polls its second child
  EXPECT_EQ(b.Fold().poll_stack, (std::vector<int>{10, 13}));
  b.PollEnd(0, 13, 1, false);
  w = b.Fold();
  EXPECT_EQ(w.poll_stack, (std::vector<int>{10}));
  EXPECT_EQ(w.running_task, 0);
  EXPECT_EQ(w.tasks[0].status, TaskStatus::Running);
  b.PollEnd(0, 10, 0, false);
  w = b.Fold();
  EXPECT_TRUE(w.poll_stack.empty());
  EXPECT_EQ(w.running_task, -1);
  EXPECT_EQ(w.tasks[0].polls, 1);  // only the executor's polls (depth 0) count
}

TEST(WorldFold, TaskStatusSequence) {
  TraceBuilder b;
  b.Spawn(0, 10);
  b.Push(0);
  b.Pop(0);
  b.PollBegin(0, 10, 0);
  b.PollEnd(0, 10, 0, false);
  b.Wake(0, 0, -1, true);
  b.Push(0);
  b.Pop(0);
  b.PollBegin(0, 10, 0);
  b.PollEnd(0, 10, 0, true, "42");
  b.Add(EventKind::TaskDone, "42").task = 0;
  EXPECT_EQ(Statuses(b.Built(), 0),
            (std::vector<TaskStatus>{TaskStatus::Scheduled, TaskStatus::Running, TaskStatus::Idle,
                                     TaskStatus::Scheduled, TaskStatus::Running, TaskStatus::Idle,
                                     TaskStatus::Done}));
  WorldState w = b.Fold();
  EXPECT_EQ(w.tasks[0].result, "42");
  EXPECT_EQ(w.tasks[0].polls, 2);
  EXPECT_EQ(w.tasks[0].wakes, 1);
  b.Push(0);  // a stale wake of a finished task does not revive it
  EXPECT_EQ(b.Fold().tasks[0].status, TaskStatus::Done);
  EXPECT_STREQ(TaskStatusName(TaskStatus::Scheduled), "scheduled");
  ExpectSessionAgreesWithTheFold(b.Built());
}

TEST(WorldFold, SelfWakeDuringPollStaysScheduled) {
  TraceBuilder b;
  b.Spawn(0, 10);
  b.Push(0);
  b.Pop(0);
  b.PollBegin(0, 10, 0);
  b.Wake(0, 0, -1, true);  // yield_now(): wakes itself, then returns Pending
  b.Push(0);
  EXPECT_EQ(b.Fold().tasks[0].status, TaskStatus::Running);
  b.PollEnd(0, 10, 0, false);
  WorldState w = b.Fold();
  EXPECT_EQ(w.tasks[0].status, TaskStatus::Scheduled);
  EXPECT_EQ(w.queue, (std::vector<int>{0}));
}

TEST(WorldFold, DevicesInterruptsAndKeyboardQueue) {
  TraceBuilder b;
  int disk = b.Device("disk", "disk");
  int kbd = b.Device("keyboard", "keyboard");
  Event& start = b.Add(EventKind::DeviceStart, "read foo.txt");
  start.device = disk;
  start.obj = 12;
  start.a = 0;
  start.b = 30;
  b.t = 5;
  Event& start2 = b.Add(EventKind::DeviceStart, "read bar.txt");
  start2.device = disk;
  start2.obj = 13;
  start2.a = 1;
  start2.b = 25;
  WorldState w = b.Fold();
  ASSERT_EQ(w.requests.size(), 2u);
  EXPECT_EQ(w.requests[0].what, "read foo.txt");
  EXPECT_EQ(w.requests[0].due_ms, 30);
  EXPECT_EQ(w.requests[1].start_ms, 5);
  EXPECT_EQ(w.requests[1].obj, 13);

  b.t = 25;
  Event& irq = b.Add(EventKind::Interrupt);
  irq.device = disk;
  Event& done = b.Add(EventKind::DeviceComplete, "\" World\"");
  done.device = disk;
  done.a = 1;
  w = b.Fold();
  ASSERT_EQ(w.requests.size(), 1u);
  EXPECT_EQ(w.requests[0].id, 0);
  EXPECT_EQ(w.last_interrupt_step, 2);

  // The keyboard handler's pushes and the task's pops (runtime.cpp: DeviceComplete, a = -1).
  auto key = [&](std::string text) {
    Event& e = b.Add(EventKind::DeviceComplete, std::move(text));
    e.device = kbd;
    e.a = -1;
  };
  for (int sc : {0x1E, 0x9E, 0x30}) {
    Event& k = b.Add(EventKind::Interrupt);
    k.device = kbd;
    k.a = sc;
    k.b = 0;
    key(fmt::format("push 0x{:02X}", sc));
  }
  Event& dropped = b.Add(EventKind::Interrupt);  // a full queue drops it: no push event
  dropped.device = kbd;
  dropped.a = 0x2E;
  w = b.Fold();
  EXPECT_EQ(w.keyboard_queue, (std::vector<uint8_t>{0x1E, 0x9E, 0x30}));
  EXPECT_EQ(w.last_interrupt_step, 10);
  EXPECT_EQ(w.requests.size(), 1u);  // the keyboard events touch no request
  key("pop 0x1E");
  EXPECT_EQ(b.Fold().keyboard_queue, (std::vector<uint8_t>{0x9E, 0x30}));
  key("pop 0x9E");
  key("pop 0x30");
  key("pop 0x30");  // more pops than pushes: ignored
  EXPECT_TRUE(b.Fold().keyboard_queue.empty());
  ExpectSessionAgreesWithTheFold(b.Built());
}

TEST(WorldFold, LeafWakerClearedWhenTheLeafIsReady) {
  TraceBuilder b;
  b.Spawn(0, 10);
  Event& reg = b.Add(EventKind::WakerRegister);
  reg.waker = 0;
  reg.obj = 12;
  reg.device = 0;
  b.PollBegin(0, 10, 0);
  b.PollBegin(0, 12, 1);
  b.PollEnd(0, 12, 1, true, "\"Hello\"");
  WorldState w = b.Fold();
  EXPECT_TRUE(w.leaf_waker.empty());
  EXPECT_EQ(w.device_waker, (FlatMap<int, int>{{0, 0}}));
}

// A dropped leaf (select!'s loser): its request stays in flight, marked abandoned, and the waker it
// stored is gone; the Devices panel says so instead of "holds W0".
TEST(WorldFold, DroppedLeafAbandonsItsRequestAndItsWaker) {
  TraceBuilder b;
  const int disk = b.Device("disk", "disk");
  b.Spawn(0, 10);
  Event& start = b.Add(EventKind::DeviceStart, "read foo.txt");
  start.device = disk;
  start.obj = 12;
  start.a = 1;
  start.b = 30;
  Event& reg = b.Add(EventKind::WakerRegister);
  reg.waker = 0;
  reg.obj = 12;
  reg.device = disk;
  Event& other = b.Add(EventKind::DeviceStart, "read bar.txt");  // another leaf's: untouched
  other.device = disk;
  other.obj = 13;
  other.a = 2;
  other.b = 40;
  b.t = 5;
  Event& note = b.Add(EventKind::Diagnostic, "drop async_read_file(\"foo.txt\")#12: request #1 is abandoned");
  note.obj = 12;
  note.a = 0;
  note.b = 1;
  WorldState w = b.Fold();
  ASSERT_EQ(w.requests.size(), 2u);
  EXPECT_EQ(w.requests[0].obj, 12);
  EXPECT_TRUE(w.requests[0].abandoned);
  EXPECT_FALSE(w.requests[1].abandoned);
  EXPECT_TRUE(w.leaf_waker.empty());
  EXPECT_EQ(w.diagnostics.size(), 1u);
  // A plain note naming no dropped future changes nothing.
  TraceBuilder plain = b;
  plain.staged.back().b = -1;
  EXPECT_FALSE(plain.Fold().requests[0].abandoned);
  EXPECT_EQ(plain.Fold().leaf_waker, (FlatMap<int, int>{{12, 0}}));
  ExpectSessionAgreesWithTheFold(b.Built());
  ExpectSessionAgreesWithTheFold(plain.Built());
}

TEST(WorldFold, HaltPrintDiagnosticsAndDone) {
  TraceBuilder b;
  b.Spawn(0, 10);
  b.Add(EventKind::Halt).a = 0;
  EXPECT_TRUE(b.Fold().halted);
  b.t = 30;
  b.Add(EventKind::Resume);
  EXPECT_FALSE(b.Fold().halted);
  b.Add(EventKind::Print, "Hello").task = 0;
  b.Add(EventKind::Print, " World\n").task = 0;
  b.Add(EventKind::Panic, "index out of bounds").task = 0;
  Event& d = b.Add(EventKind::Diagnostic, "lost wakeup");
  d.a = 1;
  WorldState w = b.Fold();
  EXPECT_EQ(w.output, "Hello World\n");
  EXPECT_EQ(w.diagnostics, (std::vector<std::string>{"t=30ms: panic: index out of bounds",
                                                     "t=30ms: warning: lost wakeup"}));
  EXPECT_EQ(w.t_ms, 30);
  EXPECT_EQ(w.step, 6);
  ExpectSessionAgreesWithTheFold(b.Built());
}

TEST(WorldFold, BadIdsAndPayloadsAreIgnored) {
  TraceBuilder b;
  b.Push(-1);
  b.Add(EventKind::TaskDone).task = 1 << 30;
  Event& e = b.Add(EventKind::Print);
  e.payload = 999;  // out of range: an empty payload
  WorldState w = b.Fold();
  EXPECT_TRUE(w.tasks.empty());
  EXPECT_TRUE(w.output.empty());
}

// ---------------------------------------------------------------------------------------------
// Session time travel on hand-built traces

// A synthetic run: `tasks` tasks cycling through pop/poll/transition/register/wake/push, devices
// completing requests (mostly in order), keyboard pushes and pops, wakers cloned, registered,
// re-created and dropped, prints and diagnostics. Deterministic for a seed.
Trace SyntheticTrace(int tasks, int64_t events, uint32_t seed) {
  TraceBuilder b;
  std::mt19937 rng(seed);
  int disk = b.Device("disk", "disk");
  int kbd = b.Device("keyboard", "keyboard");
  int next_waker = 0;
  int64_t next_request = 1;
  std::vector<int64_t> open_requests;  // in start order
  std::vector<int> task_waker(static_cast<size_t>(tasks));
  std::vector<int> state(static_cast<size_t>(tasks), 0);
  for (int t = 0; t < tasks && static_cast<int64_t>(b.staged.size()) < events; ++t) {
    b.Spawn(t, t);
    Event& c = b.Add(EventKind::WakerCreate);
    c.waker = task_waker[static_cast<size_t>(t)] = next_waker++;
    c.task = t;
    b.Push(t);
  }
  std::vector<int> queue;
  for (int t = 0; t < tasks; ++t)
    queue.push_back(t);
  size_t head = 0;
  auto complete = [&](size_t k) {
    Event& d = b.Add(EventKind::DeviceComplete, "\"Hello\"");
    d.device = disk;
    d.a = open_requests[k];
    open_requests.erase(open_requests.begin() + static_cast<ptrdiff_t>(k));
  };
  while (static_cast<int64_t>(b.staged.size()) < events) {
    b.t += static_cast<int64_t>(rng() % 3);
    if (head == queue.size()) {  // idle: a device wakes a random task
      int t = static_cast<int>(rng() % static_cast<uint32_t>(tasks));
      bool key = rng() % 2;
      Event& irq = b.Add(EventKind::Interrupt);
      irq.device = key ? kbd : disk;
      irq.a = key ? 0x1E : -1;
      irq.b = 0;
      if (key) {
        Event& push = b.Add(EventKind::DeviceComplete, "push 0x1E");
        push.device = kbd;
        push.a = -1;
      } else if (!open_requests.empty()) {
        complete(0);
      }
      b.Wake(task_waker[static_cast<size_t>(t)], t, key ? kbd : disk, true);
      b.Push(t);
      queue.push_back(t);
      continue;
    }
    size_t pick = head;
    if (rng() % 16 == 0) pick = head + rng() % (queue.size() - head);  // not the front
    int t = queue[pick];
    queue.erase(queue.begin() + static_cast<ptrdiff_t>(pick));
    b.Pop(t);
    int& w = task_waker[static_cast<size_t>(t)];
    b.PollBegin(t, t, 0);
    b.staged.back().line = static_cast<uint32_t>(1 + rng() % 40);
    b.PollBegin(t, tasks + t, 1);
    int& s = state[static_cast<size_t>(t)];
    b.Transition(t, t, s, s + 1, "n=" + std::to_string(s) + "\nname=\"task\"");
    ++s;
    bool leaf_ready = false;
    switch (rng() % 10) {
      case 0:
      case 1: {  // register with the disk, start a request
        Event& r = b.Add(EventKind::WakerRegister);
        r.waker = w;
        r.obj = tasks + t;
        r.device = disk;
        Event& st = b.Add(EventKind::DeviceStart, "read foo.txt");
        st.device = disk;
        st.obj = tasks + t;
        st.a = next_request++;
        st.b = b.t + 30;
        open_requests.push_back(st.a);
        break;
      }
      case 2: {  // a request completes (one in eight not the oldest); the keyboard is drained
        if (!open_requests.empty()) complete(rng() % 8 ? 0 : rng() % open_requests.size());
        Event& pop = b.Add(EventKind::DeviceComplete, "pop 0x1E");
        pop.device = kbd;
        pop.a = -1;
        leaf_ready = true;
        break;
      }
      case 3: {  // clone and drop a waker
        Event& c = b.Add(EventKind::WakerClone);
        c.waker = next_waker++;
        c.a = w;
        b.Add(EventKind::WakerDrop).waker = c.waker;
        break;
      }
      case 4: {  // a clone registered with the keyboard and a leaf, then dropped
        const int clone = next_waker++;
        Event& c = b.Add(EventKind::WakerClone);
        c.waker = clone;
        c.a = w;
        Event& r = b.Add(EventKind::WakerRegister);  // (Add invalidates earlier references)
        r.waker = clone;
        r.obj = 2 * tasks + t;
        r.device = kbd;
        if (rng() % 2) b.Add(EventKind::WakerDrop).waker = clone;
        break;
      }
      case 5: {  // the task's waker re-created, the old one dropped
        const int fresh = next_waker++;
        Event& c = b.Add(EventKind::WakerCreate);
        c.waker = fresh;
        c.task = t;
        b.Add(EventKind::WakerDrop).waker = w;
        w = fresh;
        break;
      }
      case 6: {
        if (rng() % 2) {  // wakes itself during the poll (yield_now)
          b.Wake(w, t, -1, true);
          b.Push(t);
          queue.push_back(t);
        }
        Event& d = b.Add(EventKind::Diagnostic, "warning " + std::to_string(rng() % 5));
        d.a = rng() % 3;
        break;
      }
      case 7:
        if (rng() % 64 == 0) b.Add(EventKind::TaskDone, "()").task = t;
        break;
      default:
        b.Add(EventKind::Print, "x\n").task = t;
    }
    b.PollEnd(t, tasks + t, 1, leaf_ready);
    b.PollEnd(t, t, 0, false);
    if (rng() % 2) {  // woken again right away
      b.Wake(w, t, rng() % 2 ? disk : -1, true);
      b.Push(t);
      queue.push_back(t);
    }
  }
  b.staged.resize(static_cast<size_t>(events));
  return std::move(b.Built());
}

TEST(WorldSession, SeekStepAndStepBackAgreeWithTheFold) {
  Session s;
  s.LoadTrace(SyntheticTrace(5, 3000, 1));
  ASSERT_EQ(s.size(), 3000);
  EXPECT_EQ(s.cursor(), -1);
  std::vector<WorldState> forward;
  while (s.Step())
    forward.push_back(s.state());
  ASSERT_EQ(forward.size(), 3000u);
  EXPECT_EQ(s.cursor(), 2999);
  EXPECT_FALSE(s.Step());
  for (int64_t n = 2998; n >= 0; --n) {
    ASSERT_TRUE(s.StepBack());
    ASSERT_EQ(s.state(), forward[static_cast<size_t>(n)]) << "step " << n;
  }
  ASSERT_TRUE(s.StepBack());
  EXPECT_EQ(s.state(), WorldState{});
  EXPECT_FALSE(s.StepBack());
  for (int64_t n : {0, 255, 256, 257, 1023, 1024, 2999, 17, 1500, 1499}) {
    s.Seek(n);
    EXPECT_EQ(s.state(), forward[static_cast<size_t>(n)]) << "step " << n;
  }
  s.Seek(100000);
  EXPECT_EQ(s.cursor(), 2999);
  s.Seek(-50);
  EXPECT_EQ(s.cursor(), -1);
}

TEST(WorldSession, FlatFoldAgreesOnSyntheticTraces) {
  for (uint32_t seed : {1u, 2u, 3u, 4u}) {
    SCOPED_TRACE(seed);
    ExpectSessionAgreesWithTheFold(SyntheticTrace(7, 2000, seed));
  }
  SCOPED_TRACE("40 tasks");
  ExpectSessionAgreesWithTheFold(SyntheticTrace(40, 3000, 5));
}

TEST(WorldSession, RunUntilCommands) {
  TraceBuilder b;
  b.Spawn(0, 10);  // 0
  b.Push(0);       // 1
  b.t = 10;
  b.Pop(0);                               // 2
  b.PollBegin(0, 10, 0);                  // 3
  b.Add(EventKind::Print, "a").line = 7;  // 4
  b.Transition(0, 10, 0, 1, "x=1");       // 5
  b.PollEnd(0, 10, 0, false);             // 6
  b.t = 40;
  b.Wake(0, 0, -1, true);                 // 7
  b.Push(0);                              // 8
  b.Transition(0, 10, 1, 2, "");          // 9
  b.Add(EventKind::Print, "b").line = 7;  // 10
  Session s;
  s.LoadTrace(b.Built());
  EXPECT_TRUE(s.RunUntilKind(EventKind::Transition));
  EXPECT_EQ(s.cursor(), 5);
  EXPECT_EQ(s.trace().events[5].kind, EventKind::Transition);
  EXPECT_TRUE(s.RunUntilKind(EventKind::Transition));  // strictly after the cursor
  EXPECT_EQ(s.cursor(), 9);
  EXPECT_FALSE(s.RunUntilKind(EventKind::Transition));
  EXPECT_EQ(s.cursor(), 9);  // none: the cursor stays
  s.Reset();
  EXPECT_TRUE(s.RunUntilLine(7));
  EXPECT_EQ(s.cursor(), 4);
  EXPECT_TRUE(s.RunUntilLine(7));
  EXPECT_EQ(s.cursor(), 10);
  EXPECT_FALSE(s.RunUntilLine(7));
  s.Reset();
  EXPECT_TRUE(s.RunUntilTime(10));
  EXPECT_EQ(s.cursor(), 2);
  EXPECT_TRUE(s.RunUntilTime(10));  // the next one, still at t >= 10
  EXPECT_EQ(s.cursor(), 3);
  EXPECT_TRUE(s.RunUntilTime(11));
  EXPECT_EQ(s.cursor(), 7);
  EXPECT_EQ(s.state().t_ms, 40);
  EXPECT_FALSE(s.RunUntilTime(41));
  EXPECT_TRUE(s.RunUntilStep(3));
  EXPECT_EQ(s.state(), FoldTrace(b.Built(), 3));
  EXPECT_FALSE(s.RunUntilStep(99));
  EXPECT_EQ(s.cursor(), 10);
  s.Reset();
  EXPECT_EQ(s.cursor(), -1);
  EXPECT_EQ(s.state(), WorldState{});
}

TEST(WorldSession, EmptySession) {
  Session s;
  EXPECT_EQ(s.size(), 0);
  EXPECT_FALSE(s.Step());
  EXPECT_FALSE(s.StepBack());
  s.Seek(10);
  EXPECT_EQ(s.cursor(), -1);
  EXPECT_FALSE(s.RunUntilKind(EventKind::Spawn));
  Diagnostics diags;
  s.InjectScancode(0x1E, diags);  // nothing to re-run
  EXPECT_TRUE(diags.HasErrors());
}

// Not a timing test: a 10^6-event trace over 1,000 tasks must seek correctly from the
// checkpoints (thinned to the memory budget); the timing is in the benchmark.
TEST(WorldSession, MillionEventTraceSeeksCorrectly) {
  constexpr int64_t kEvents = 1'000'000;
  Trace trace = SyntheticTrace(1000, kEvents, 7);
  Session s;
  s.LoadTrace(trace);
  ASSERT_EQ(s.size(), kEvents);
  EXPECT_LE(s.checkpoint_bytes(), Session::kCheckpointBudgetBytes);
  EXPECT_GE(s.interval(), 256);
  EXPECT_LE(s.checkpoint_count(), static_cast<size_t>(kEvents / s.interval() + 1));
  EXPECT_GE(s.checkpoint_count(), 8u);

  std::mt19937 rng(42);
  std::vector<int64_t> targets;
  for (int i = 0; i < 1000; ++i)
    targets.push_back(static_cast<int64_t>(rng() % kEvents));
  targets.push_back(kEvents - 1);
  targets.push_back(0);
  // A few of them are compared with a from-scratch fold (one pass, snapshots on the way).
  std::map<int64_t, WorldState> reference;
  for (size_t i = 0; i < targets.size(); i += 200)
    reference[targets[i]];
  reference[kEvents - 1];
  reference[0];
  reference[3 * s.interval() - 1];
  {
    WorldState w;
    int64_t i = 0;
    for (auto& [step, snapshot] : reference) {
      for (; i <= step; ++i)
        ApplyEvent(trace, trace.events[static_cast<size_t>(i)], i, w);
      snapshot = w;
    }
  }
  size_t compared = 0;
  for (int64_t target : targets) {
    s.Seek(target);
    ASSERT_EQ(s.cursor(), target);
    ASSERT_EQ(s.state().step, target);
    if (auto it = reference.find(target); it != reference.end()) {
      ASSERT_EQ(s.state(), it->second) << "step " << target;
      ++compared;
    }
  }
  EXPECT_GE(compared, 7u);
  // Stepping back across a checkpoint boundary from a seek.
  int64_t boundary = 3 * s.interval();
  s.Seek(boundary + 1);
  ASSERT_TRUE(s.StepBack());
  ASSERT_TRUE(s.StepBack());
  EXPECT_EQ(s.state(), reference.at(boundary - 1));
}

// ---------------------------------------------------------------------------------------------
// Session on real scenarios

TEST(WorldScenario, ExampleForwardBackwardAndSeekAgree) {
  Session s;
  Diagnostics diags;
  ASSERT_TRUE(s.Load(kScenarioDir + "/example.toml", diags)) << diags.Render();
  ASSERT_NE(s.program(), nullptr);
  ASSERT_NE(s.scenario(), nullptr);
  ASSERT_GT(s.size(), 0);
  EXPECT_EQ(s.cursor(), -1);
  std::vector<WorldState> forward;
  while (s.Step())
    forward.push_back(s.state());
  ASSERT_EQ(static_cast<int64_t>(forward.size()), s.size());
  const int64_t last = s.size() - 1;
  EXPECT_EQ(forward.back(), FoldTrace(s.trace(), last));
  EXPECT_EQ(forward.back().output, s.trace().summary.output);

  for (int64_t n = last; n >= 0; --n) {
    if (n != last) {
      ASSERT_TRUE(s.StepBack());
    }
    ASSERT_EQ(s.cursor(), n);
    ASSERT_EQ(s.state(), forward[static_cast<size_t>(n)]) << "step back to " << n;
  }
  for (int64_t n = 0; n <= last; ++n) {
    s.Seek(n);
    ASSERT_EQ(s.state(), forward[static_cast<size_t>(n)]) << "seek to " << n;
  }

  s.Reset();
  EXPECT_EQ(s.cursor(), -1);
  EXPECT_EQ(s.state(), WorldState{});
  ASSERT_TRUE(s.RunUntilKind(EventKind::Transition));
  EXPECT_EQ(s.trace().events[static_cast<size_t>(s.cursor())].kind, EventKind::Transition);
  EXPECT_FALSE(s.state().machines.empty());
}

TEST(WorldScenario, FailedLoadKeepsTheSession) {
  Session s;
  Diagnostics diags;
  ASSERT_TRUE(s.Load(kScenarioDir + "/example.toml", diags)) << diags.Render();
  const int64_t size = s.size();
  s.Seek(size / 2);
  Diagnostics bad;
  EXPECT_FALSE(s.LoadText("broken.rs", "async fn main() { let x: u32 = ; }\n", bad));
  EXPECT_TRUE(bad.HasErrors());
  EXPECT_EQ(s.size(), size);
  EXPECT_EQ(s.cursor(), size / 2);
  EXPECT_EQ(s.scenario()->id, "example");
}

TEST(WorldScenario, FinalStateMatchesTheSummaryForEveryScenario) {
  Diagnostics list_diags;
  std::vector<ScenarioInfo> all = ListScenarios(kScenarioDir, list_diags);
  ASSERT_FALSE(all.empty());
  for (const ScenarioInfo& info : all) {
    Session s;
    Diagnostics diags;
    ASSERT_TRUE(s.Load(info.path, diags)) << info.path << "\n" << diags.Render();
    s.Seek(s.size() - 1);
    const WorldState& w = s.state();
    EXPECT_EQ(w.output, s.trace().summary.output) << info.id;
    EXPECT_EQ(w, FoldTrace(s.trace(), s.size() - 1)) << info.id;
    int64_t polls = 0;
    for (const TaskView& t : w.tasks)
      polls += t.polls;
    // Every poll counts, also one that panics or never returns (never_yields).
    EXPECT_EQ(polls, s.trace().summary.polls) << info.id;
    EXPECT_TRUE(w.keyboard_queue.empty()) << info.id;
    SCOPED_TRACE(info.id);
    ExpectSessionAgreesWithTheFold(s.trace());
  }
}

TEST(WorldScenario, InjectScancodeKeepsTheCursorAndReplaysFromANativeTrace) {
  Session s;
  Diagnostics diags;
  ASSERT_TRUE(s.Load(kScenarioDir + "/keyboard_hi.toml", diags)) << diags.Render();
  const std::string before = s.trace().summary.output;
  ASSERT_TRUE(s.RunUntilKind(EventKind::Halt));  // idle, waiting for the first key at 100 ms
  const int64_t cursor = s.cursor();
  const int64_t t = s.state().t_ms;
  Diagnostics inject;
  s.InjectScancode(0x17, inject);  // `i` pressed
  EXPECT_FALSE(inject.HasErrors()) << inject.Render();
  EXPECT_EQ(s.cursor(), cursor);
  EXPECT_EQ(s.state(), FoldTrace(s.trace(), cursor));
  ASSERT_EQ(s.options().injected.size(), 1u);
  EXPECT_EQ(s.options().injected[0].t_ms, t);
  EXPECT_EQ(s.options().injected[0].scancode, 0x17);
  EXPECT_TRUE(s.options().injected[0].injected);
  bool has_inject = false;
  for (const Event& e : s.trace().events)
    has_inject |= e.kind == EventKind::Inject && e.a == 0x17;
  EXPECT_TRUE(has_inject);
  EXPECT_NE(s.trace().summary.output, before);

  // A native trace of the session replays the same run, keystroke included.
  std::string json = TraceToJson(s.trace(), s.program(),
                                 MakeTraceSource(*s.scenario(), s.file_text(), s.options()));
  Session r;
  Diagnostics rd;
  ASSERT_TRUE(r.LoadText("keyboard_hi.trace.json", json, rd)) << rd.Render();
  ASSERT_EQ(r.size(), s.size());
  EXPECT_EQ(r.trace().summary.output, s.trace().summary.output);
  r.Seek(r.size() - 1);
  s.Seek(s.size() - 1);
  EXPECT_EQ(r.state(), s.state());
  EXPECT_EQ(r.options().injected.size(), 1u);

  // Loading it from a file (.json) works the same.
  std::string path = (std::filesystem::temp_directory_path() /
                      ("awaitscope_world_test_" + std::to_string(::getpid()) + ".json"))
                         .string();
  { std::ofstream(path, std::ios::binary) << json; }
  Session f;
  Diagnostics fd;
  EXPECT_TRUE(f.Load(path, fd)) << fd.Render();
  EXPECT_EQ(f.size(), s.size());
  std::filesystem::remove(path);
}

TEST(WorldScenario, BrokenNativeTraceKeepsTheSession) {
  Session s;
  Diagnostics diags;
  ASSERT_TRUE(s.Load(kScenarioDir + "/example.toml", diags)) << diags.Render();
  const int64_t size = s.size();
  Diagnostics bad;
  EXPECT_FALSE(s.LoadText("broken.json", "{\"format\": \"awaitscope-trace\", ", bad));
  EXPECT_TRUE(bad.HasErrors());
  EXPECT_EQ(s.size(), size);
  Diagnostics missing;
  EXPECT_FALSE(s.Load(kScenarioDir + "/no_such_scenario.toml", missing));
  EXPECT_TRUE(missing.HasErrors());
  EXPECT_EQ(s.size(), size);
}

}  // namespace
}  // namespace aws
