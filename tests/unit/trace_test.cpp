// Traces built by hand (no runtime involved): the event kind table, the payload pool, the exact
// text line of every kind, the exact native JSON of a small trace and reading it back, replaying
// a scenario from the text a trace embeds, and the structure of the Chrome trace (also of every
// shipped scenario's run).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "awaitscope/lower.h"
#include "awaitscope/trace.h"
#include "awaitscope/trace_io.h"
#include "awaitscope/world.h"

namespace aws {
namespace {

using nlohmann::json;

// An event with a payload interned into `t`.
Event Ev(Trace& t, Event e, const std::string& payload) {
  e.payload = t.Intern(payload);
  return e;
}

// example#0 (a machine), async_read_file("foo.txt")#1 (a leaf); devices disk and keyboard;
// one task.
Trace BaseTrace() {
  Trace t;
  t.scenario = "handmade";
  t.executor = "waker";
  t.objects.push_back({ObjectKind::Machine, 0, "example", -1, 0, 0});
  t.objects.push_back({ObjectKind::Leaf, -1, "async_read_file(\"foo.txt\")", 0, 0, 2});
  t.devices.push_back({"disk", "disk"});
  t.devices.push_back({"keyboard", "keyboard"});
  t.tasks.push_back({"example(100)", 0, 0});
  return t;
}

// A program whose machine 0 has the states of the documents' `example`.
std::unique_ptr<Program> ExampleProgram() {
  auto p = std::make_unique<Program>();
  Machine m;
  m.name = "example";
  for (const char* label : {"Start", "WaitingOnFooTxt", "WaitingOnBarTxt", "End", "Panicked"}) {
    State s;
    s.index = static_cast<int>(m.states.size());
    s.label = label;
    m.states.push_back(s);
  }
  p->machines.push_back(std::move(m));
  return p;
}

// [SECTION] Kinds and payloads

TEST(TraceKinds, EveryKindHasAUniqueSnakeCaseNameThatParsesBack) {
  std::set<std::string> names;
  for (int i = 0; i < static_cast<int>(EventKind::kCount); ++i) {
    EventKind k = static_cast<EventKind>(i);
    std::string name = EventKindName(k);
    EXPECT_TRUE(names.insert(name).second) << name;
    for (char c : name)
      EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '_') << name;
    EventKind back = EventKind::kCount;
    ASSERT_TRUE(ParseEventKind(name, &back)) << name;
    EXPECT_EQ(back, k);
    EXPECT_STRNE(EventKindLabel(k), "unknown");
  }
  EXPECT_EQ(names,
            (std::set<std::string>{"spawn",           "poll_begin",  "poll_end",  "transition",
                                   "waker_create",    "waker_clone", "register",  "wake",
                                   "waker_drop",      "queue_push",  "queue_pop", "device_start",
                                   "device_complete", "interrupt",   "halt",      "resume",
                                   "print",           "panic",       "task_done", "diagnostic",
                                   "exec_line",
                                   "inject",          "cpu_busy",    "run_end",
                                   "mem_alloc",       "mem_move",    "mem_free",  "mem_write",
                                   "mem_dangling",    "thread",      "context_switch"}));
  EventKind k;
  EXPECT_FALSE(ParseEventKind("poll", &k));
  EXPECT_FALSE(ParseEventKind("", &k));
  EXPECT_FALSE(ParseEventKind("Wake", &k));
}

// The intern table grows (it stays at most half full) without losing or duplicating a string,
// and picks up strings appended directly, duplicates included.
TEST(TracePayloads, InternKeepsIndicesAcrossTableGrowth) {
  Trace t;
  for (int i = 0; i < 5000; ++i) EXPECT_EQ(t.Intern("s" + std::to_string(i)), i);
  for (int i = 0; i < 5000; i += 7) EXPECT_EQ(t.Intern("s" + std::to_string(i)), i);
  t.strings.push_back("direct");
  t.strings.push_back("s3");  // a duplicate appended directly: the first copy stays the index
  EXPECT_EQ(t.Intern("s3"), 3);
  EXPECT_EQ(t.Intern("direct"), 5000);
  EXPECT_EQ(t.Intern("new"), 5002);
  EXPECT_EQ(t.strings.size(), 5003u);
}

TEST(TracePayloads, InternDeduplicatesAndSurvivesCopies) {
  Trace t;
  int a = t.Intern("Hello");
  int b = t.Intern("World");
  EXPECT_NE(a, b);
  EXPECT_EQ(t.Intern("Hello"), a);
  EXPECT_EQ(t.Intern(""), t.Intern(""));
  EXPECT_EQ(t.strings.size(), 3u);

  Trace copy = t;  // copyable; the copy interns on its own
  EXPECT_EQ(copy.Intern("World"), b);
  int c = copy.Intern("only in the copy");
  EXPECT_EQ(copy.strings[c], "only in the copy");
  EXPECT_EQ(t.strings.size(), 3u);

  t.strings.push_back("appended directly");  // picked up by the next Intern
  EXPECT_EQ(t.Intern("appended directly"), 3);
  EXPECT_EQ(t.strings.size(), 4u);
  t.strings.clear();  // replaced: the index starts over
  EXPECT_EQ(t.Intern("Hello"), 0);
}

TEST(TracePayloads, PayloadOfAnEventWithoutOneIsEmpty) {
  Trace t;
  Event e;
  EXPECT_EQ(t.Payload(e), "");
  e.payload = 42;
  EXPECT_EQ(t.Payload(e), "");
  e.payload = t.Intern("x");
  EXPECT_EQ(t.Payload(e), "x");
}

// [SECTION] Text lines

struct TextCase {
  Event e;
  const char* payload;  // nullptr: none
  std::string text;
};

TEST(TraceText, EveryKindHasItsExactLine) {
  Trace t = BaseTrace();
  auto program = ExampleProgram();
  std::vector<TextCase> cases = {
      {{.kind = EventKind::Spawn, .task = 0, .obj = 0},
       "example(100)",
       "t=0ms spawn task=0 future=example#0 example(100)"},
      {{.kind = EventKind::PollBegin, .task = 0, .obj = 0, .a = 0},
       nullptr,
       "t=0ms poll_begin task=0 future=example#0 depth=0"},
      {{.kind = EventKind::PollEnd, .task = 0, .obj = 0, .a = 0, .b = 0},
       nullptr,
       "t=0ms poll_end task=0 future=example#0 depth=0 -> Pending"},
      {{.t_ms = 50, .kind = EventKind::PollEnd, .task = 0, .obj = 0, .a = 0, .b = 1},
       "\"Hello World\"",
       "t=50ms poll_end task=0 future=example#0 depth=0 -> Ready(\"Hello World\")"},
      {{.kind = EventKind::Transition, .task = 0, .obj = 0, .a = 0, .b = 1},
       "min_len=100",
       "t=0ms transition task=0 future=example#0 Start -> WaitingOnFooTxt {min_len=100}"},
      {{.t_ms = 30, .kind = EventKind::Transition, .task = 0, .obj = 0, .a = 1, .b = 2},
       "content=\"Hello\"\nbar_txt_future=<async_read_file(\"bar.txt\")#2>",
       "t=30ms transition task=0 future=example#0 WaitingOnFooTxt -> WaitingOnBarTxt "
       "{content=\"Hello\", bar_txt_future=<async_read_file(\"bar.txt\")#2>}"},
      {{.t_ms = 50, .kind = EventKind::Transition, .task = 0, .obj = 0, .a = 2, .b = 3},
       "",
       "t=50ms transition task=0 future=example#0 WaitingOnBarTxt -> End {}"},
      {{.kind = EventKind::WakerCreate, .task = 0, .waker = 1},
       nullptr,
       "t=0ms waker_create waker=W1 task=0"},
      {{.kind = EventKind::WakerCreate, .task = -1, .waker = 0},
       nullptr,
       "t=0ms waker_create waker=W0 task=none"},
      {{.kind = EventKind::WakerClone, .waker = 2, .a = 1},
       nullptr,
       "t=0ms waker_clone waker=W2 from=W1"},
      {{.kind = EventKind::WakerRegister, .obj = 1, .waker = 1, .device = 0},
       nullptr,
       "t=0ms register waker=W1 future=async_read_file(\"foo.txt\")#1 device=disk"},
      {{.t_ms = 30, .kind = EventKind::WakerWake, .task = 1, .waker = 1, .device = 0, .b = 1},
       "foo.txt",
       "t=30ms wake task=1 waker=W1 by=disk(foo.txt)"},
      {{.t_ms = 30, .kind = EventKind::WakerWake, .task = 0, .waker = 1, .device = 0, .b = 1},
       nullptr,
       "t=30ms wake task=0 waker=W1 by=disk"},
      {{.kind = EventKind::WakerWake, .task = 0, .waker = 3, .device = -1, .b = 1},
       nullptr,
       "t=0ms wake task=0 waker=W3 by=self"},
      {{.t_ms = 100, .kind = EventKind::WakerWake, .task = -1, .waker = -1, .device = 1, .b = 0},
       "no waker registered",
       "t=100ms wake task=none waker=none by=keyboard(no waker registered) no-op"},
      {{.t_ms = 50, .kind = EventKind::WakerDrop, .waker = 1},
       nullptr,
       "t=50ms waker_drop waker=W1"},
      {{.t_ms = 30, .kind = EventKind::QueuePush, .task = 1, .a = 1},
       nullptr,
       "t=30ms queue_push task=1 len=1"},
      {{.t_ms = 30, .kind = EventKind::QueuePop, .task = 1, .a = 0},
       nullptr,
       "t=30ms queue_pop task=1 len=0"},
      {{.kind = EventKind::DeviceStart, .obj = 1, .device = 0, .a = 1, .b = 30},
       "read foo.txt",
       "t=0ms device_start device=disk request=1 due=30ms read foo.txt"},
      {{.kind = EventKind::DeviceStart, .obj = 1, .device = 0, .a = 2, .b = -1},
       "read bar.txt",
       "t=0ms device_start device=disk request=2 due=? read bar.txt"},
      {{.t_ms = 30, .kind = EventKind::DeviceComplete, .device = 0, .a = 1},
       "\"Hello\"",
       "t=30ms device_complete device=disk request=1 -> \"Hello\""},
      {{.t_ms = 100, .kind = EventKind::Interrupt, .device = 1, .a = 0x23, .b = 0},
       nullptr,
       "t=100ms interrupt device=keyboard scancode=0x23"},
      {{.t_ms = 100, .kind = EventKind::Interrupt, .device = 1, .a = 0x05, .b = 1},
       nullptr,
       "t=100ms interrupt device=keyboard scancode=0x05 held"},
      {{.t_ms = 30, .kind = EventKind::Interrupt, .device = 0, .a = -1, .b = 0},
       nullptr,
       "t=30ms interrupt device=disk"},
      {{.kind = EventKind::Halt, .a = 0}, nullptr, "t=0ms halt"},
      {{.kind = EventKind::Halt, .a = 1}, nullptr, "t=0ms halt queue=nonempty"},
      {{.t_ms = 30, .kind = EventKind::Resume}, nullptr, "t=30ms resume"},
      {{.kind = EventKind::Print, .task = 0}, "Hello World", "t=0ms print task=0 \"Hello World\""},
      {{.kind = EventKind::Print, .task = 0},
       "say \"hi\"\\\n",
       "t=0ms print task=0 \"say \\\"hi\\\"\\\\\\n\""},
      {{.t_ms = 50, .kind = EventKind::Panic, .task = 0, .obj = 0},
       "poll called after Poll::Ready was returned",
       "t=50ms panic task=0 future=example#0 \"poll called after Poll::Ready was returned\""},
      {{.t_ms = 50, .kind = EventKind::TaskDone, .task = 0}, "()", "t=50ms task_done task=0 -> ()"},
      {{.kind = EventKind::Diagnostic, .task = 1, .a = 1},
       "task never yielded",
       "t=0ms diagnostic task=1 warning: task never yielded"},
      {{.kind = EventKind::Diagnostic, .task = -1, .a = 2},
       "two\nlines",
       "t=0ms diagnostic error: two\\nlines"},
      {{.t_ms = 120, .kind = EventKind::Inject, .device = 1, .a = 0x17},
       nullptr,
       "t=120ms inject device=keyboard scancode=0x17"},
      {{.kind = EventKind::CpuBusy, .task = 0, .a = 100, .b = 1},
       "thread_sleep(100ms)",
       "t=0ms cpu_busy task=0 duration=100ms blocking thread_sleep(100ms)"},
      {{.kind = EventKind::CpuBusy, .task = 0, .a = 5, .b = 0},
       nullptr,
       "t=0ms cpu_busy task=0 duration=5ms work"},
      {{.t_ms = 50, .kind = EventKind::RunEnd, .a = 0}, nullptr, "t=50ms run_end reason=finished"},
      {{.t_ms = 7, .kind = EventKind::RunEnd, .a = 1},
       "task 0 panicked",
       "t=7ms run_end reason=faulted task 0 panicked"},
      {{.kind = EventKind::RunEnd, .a = 3}, nullptr, "t=0ms run_end reason=idle"},
      {{.kind = EventKind::MemAlloc, .obj = 0, .a = 0x10010, .b = 72},
       "pin_example#1 in tasks\nblock 0 0x10010 72 8 tasks 0 1 1 1 0\n",
       "t=0ms mem_alloc block=0 at=0x10010 size=72 pin_example#1 in tasks"},
      {{.kind = EventKind::MemMove, .obj = 0, .a = 0x10010, .b = 0x10020},
       "pin_example#1 moves",
       "t=0ms mem_move block=0 from=0x10010 to=0x10020 pin_example#1 moves"},
      {{.kind = EventKind::MemFree, .obj = 2, .a = 0x55550000, .b = 8}, nullptr,
       "t=0ms mem_free block=2 at=0x55550000 size=8"},
      {{.kind = EventKind::MemWrite, .obj = 0, .a = 0x10020, .b = 0x1001C},
       "element = &array[2]",
       "t=0ms mem_write block=0 at=0x10020 ptr=0x1001C element = &array[2]"},
      {{.kind = EventKind::MemWrite, .obj = 0, .a = 0x10014, .b = -1}, nullptr,
       "t=0ms mem_write block=0 at=0x10014"},
      {{.kind = EventKind::MemDangling, .task = 0, .a = 0x1001C},
       "stale\nmore",
       "t=0ms mem_dangling task=0 at=0x1001C stale"},
      {{.kind = EventKind::ExecLine, .obj = 0, .a = 2, .line = 42}, nullptr, "t=0ms exec_line fn=example depth=2 line=42"},
      {{.kind = EventKind::ThreadState, .a = 1, .b = kThreadBlocked}, "in `read` on 127.0.0.1:50001",
       "t=0ms thread id=1 blocked in `read` on 127.0.0.1:50001"},
      {{.kind = EventKind::ThreadState, .a = 0, .b = kThreadRuns}, "main", "t=0ms thread id=0 runs main"},
      {{.kind = EventKind::ThreadState, .a = 2, .b = kThreadReady}, "spawned by main",
       "t=0ms thread id=2 ready spawned by main"},
      {{.kind = EventKind::ThreadState, .a = 2, .b = kThreadFinished}, "thread#2", "t=0ms thread id=2 finished thread#2"},
      {{.kind = EventKind::ContextSwitch, .device = 0, .a = 1, .b = 2}, "saved",
       "t=0ms context_switch from=1 to=2 device=disk saved"},
  };
  std::set<EventKind> covered;
  for (TextCase& c : cases) {
    Event e = c.payload ? Ev(t, c.e, c.payload) : c.e;
    EXPECT_EQ(EventText(t, e, program.get()), c.text);
    covered.insert(e.kind);
  }
  EXPECT_EQ(covered.size(), static_cast<size_t>(EventKind::kCount)) << "a kind has no text case";
}

TEST(TraceText, WithoutAProgramStatesAreIndices) {
  Trace t = BaseTrace();
  Event e =
      Ev(t, {.kind = EventKind::Transition, .task = 0, .obj = 0, .a = 0, .b = 1}, "min_len=100");
  EXPECT_EQ(EventText(t, e), "t=0ms transition task=0 future=example#0 s0 -> s1 {min_len=100}");
  // Out-of-range ids never crash.
  Event bad{.kind = EventKind::WakerRegister, .obj = 99, .waker = 1, .device = 7};
  EXPECT_EQ(EventText(t, bad), "t=0ms register waker=W1 future=?#99 device=device7");
  Event odd{.kind = EventKind::Transition, .task = 0, .obj = 0, .a = 9, .b = 1};
  auto program = ExampleProgram();
  EXPECT_EQ(EventText(t, odd, program.get()),
            "t=0ms transition task=0 future=example#0 s9 -> WaitingOnFooTxt {}");
}

// [SECTION] Native JSON

Trace ThreeEventTrace() {
  Trace t = BaseTrace();
  t.events.push_back(Ev(t, {.kind = EventKind::Spawn, .task = 0, .obj = 0}, "example(100)"));
  t.events.push_back({.kind = EventKind::PollBegin, .task = 0, .obj = 0, .a = 0, .line = 4});
  t.events.push_back(Ev(t, {.t_ms = 30, .kind = EventKind::Print, .task = 0, .line = 7}, "Hello"));
  t.summary = {1, 1, 0, 0, 30, "Hello\n", 0};
  t.injected.push_back({120, 0x23, true});
  return t;
}

NativeTraceSource HandSource() {
  NativeTraceSource s;
  s.path = "dir/s.toml";
  s.text = "title = \"t\"\nscript_file = \"s.rs\"\n";
  s.script_path = "dir/s.rs";
  s.script_text = "async fn main() {}\n";
  s.options.executor = "busy";
  s.options.max_events = 500;
  return s;
}

const char* kThreeEventJson = R"json({
  "format": "awaitscope-trace",
  "version": 1,
  "scenario": "handmade",
  "executor": "waker",
  "summary": {
    "polls": 1,
    "pending": 1,
    "ready": 0,
    "wakes": 0,
    "end_time_ms": 30,
    "output": "Hello\n",
    "end": "finished"
  },
  "source": {
    "path": "dir/s.toml",
    "text": "title = \"t\"\nscript_file = \"s.rs\"\n",
    "script_path": "dir/s.rs",
    "script_text": "async fn main() {}\n"
  },
  "options": {
    "executor": "busy",
    "max_events": 500,
    "max_statements_per_poll": 2000000,
    "max_time_ms": 86400000,
    "poll_after_ready": false
  },
  "injected": [
    {"t_ms":120,"scancode":35}
  ],
  "tasks": [
    {"id":0,"name":"example(100)","root":0,"spawned_step":0}
  ],
  "devices": [
    {"id":0,"name":"disk","kind":"disk"},
    {"id":1,"name":"keyboard","kind":"keyboard"}
  ],
  "objects": [
    {"id":0,"kind":"machine","name":"example","machine":0,"parent":null,"task":0,"created_step":0},
    {"id":1,"kind":"leaf","name":"async_read_file(\"foo.txt\")","machine":null,"parent":0,"task":0,"created_step":2}
  ],
  "events": [
    {"step":0,"t_ms":0,"kind":"spawn","task":0,"future":0,"expr":"example(100)","line":0},
    {"step":1,"t_ms":0,"kind":"poll_begin","task":0,"future":0,"depth":0,"line":4},
    {"step":2,"t_ms":30,"kind":"print","task":0,"text":"Hello","line":7}
  ]
}
)json";

TEST(TraceJson, ThreeEventTraceHasExactText) {
  EXPECT_EQ(TraceToJson(ThreeEventTrace(), nullptr, HandSource()), kThreeEventJson);
}

TEST(TraceJson, EveryKindWritesValidJsonWithItsFields) {
  Trace t = BaseTrace();
  auto program = ExampleProgram();
  for (int i = 0; i < static_cast<int>(EventKind::kCount); ++i)
    t.events.push_back(Ev(t,
                          {.t_ms = i,
                           .kind = static_cast<EventKind>(i),
                           .task = 0,
                           .obj = 0,
                           .waker = 1,
                           .device = 0,
                           .a = 1,
                           .b = 1,
                           .line = 3},
                          "x=1\ny=\"a\xff\""));  // invalid UTF-8 is replaced, not thrown
  auto j = nlohmann::ordered_json::parse(TraceToJson(t, program.get(), HandSource()));
  ASSERT_EQ(j["events"].size(), static_cast<size_t>(EventKind::kCount));
  for (const auto& e : j["events"]) {
    EXPECT_TRUE(e.contains("step") && e.contains("t_ms") && e.contains("kind") &&
                e.contains("line"))
        << e;
    EXPECT_EQ(e.begin().key(), "step");
    EXPECT_EQ(e["line"], 3);
  }
  const auto& tr = j["events"][static_cast<int>(EventKind::Transition)];
  EXPECT_EQ(tr["from_label"], "WaitingOnFooTxt");
  EXPECT_EQ(tr["fields"]["x"], "1");
  const auto& wake = j["events"][static_cast<int>(EventKind::WakerWake)];
  EXPECT_EQ(wake["reached_executor"], true);
  EXPECT_EQ(wake["device"], 0);
  EXPECT_EQ(j["events"][static_cast<int>(EventKind::RunEnd)]["reason"], "faulted");
  EXPECT_EQ(j["events"][static_cast<int>(EventKind::PollEnd)]["result"], "Ready");
}

TEST(TraceJson, RoundTripsThroughReadNativeTrace) {
  std::string text = TraceToJson(ThreeEventTrace(), nullptr, HandSource());
  NativeTraceSource back;
  Diagnostics diags;
  ASSERT_TRUE(ReadNativeTrace(text, "x.json", &back, diags)) << diags.Render();
  EXPECT_TRUE(diags.empty());
  NativeTraceSource want = HandSource();
  EXPECT_EQ(back.path, want.path);
  EXPECT_EQ(back.text, want.text);
  EXPECT_EQ(back.script_path, want.script_path);
  EXPECT_EQ(back.script_text, want.script_text);
  EXPECT_EQ(back.options.executor, "busy");
  EXPECT_EQ(back.options.max_events, 500);
  EXPECT_EQ(back.options.max_time_ms, want.options.max_time_ms);
  ASSERT_EQ(back.options.injected.size(), 1u);
  EXPECT_EQ(back.options.injected[0].t_ms, 120);
  EXPECT_EQ(back.options.injected[0].scancode, 0x23);
  EXPECT_TRUE(back.options.injected[0].injected);
  // Written again from what was read: the same bytes.
  EXPECT_EQ(TraceToJson(ThreeEventTrace(), nullptr, back), text);
}

std::string ReadError(const std::string& text) {
  NativeTraceSource out;
  Diagnostics diags;
  EXPECT_FALSE(ReadNativeTrace(text, "t.json", &out, diags));
  return diags.Headlines();
}

TEST(TraceJson, ReadErrorsCarryFileLineAndColumn) {
  EXPECT_EQ(
      ReadError("{\n  \"format\": \"awaitscope-trace\",\n  oops\n}"),
      "t.json:3:3: error: invalid JSON: syntax error while parsing object key - invalid literal; "
      "last read: '\"awaitscope-trace\",<U+000A>  o'; expected string literal\n");
  EXPECT_EQ(
      ReadError("{\"format\": \"chrome\"}"),
      "t.json:1:2: error: not an awaitscope trace: \"format\" must be \"awaitscope-trace\"\n");
  EXPECT_EQ(ReadError("{}"),
            "t.json:1:1: error: not an awaitscope trace: no \"format\": \"awaitscope-trace\"\n");
  EXPECT_EQ(ReadError("[1]"),
            "t.json:1:1: error: not an awaitscope trace: the JSON is not an object\n");
  EXPECT_EQ(ReadError("{\"format\": \"awaitscope-trace\",\n \"version\": 9}"),
            "t.json:2:2: error: unsupported trace version 9 (this awaitscope reads version 1)\n");
  EXPECT_EQ(ReadError("{\"format\": \"awaitscope-trace\", \"version\": 1}"),
            "t.json:1:32: error: the trace has no \"source\": it cannot be replayed\n");
  std::string good = TraceToJson(ThreeEventTrace(), nullptr, HandSource());
  std::string bad_key = good;
  bad_key.replace(bad_key.find("\"scancode\":35"), 13, "\"scancode\":256");
  EXPECT_EQ(
      ReadError(bad_key),
      "t.json:28:3: error: injected key at t_ms=120 with scancode 256: t_ms must be >= 0 and the "
      "scancode 0..255\n");
  std::string bad_type = good;
  bad_type.replace(bad_type.find("\"script_text\": \""), 16, "\"script_text\": 7, \"x\": \"");
  EXPECT_EQ(ReadError(bad_type), "t.json:19:5: error: \"script_text\" must be a string\n");
  EXPECT_EQ(ReadError(""),
            "t.json:1:1: error: invalid JSON: syntax error while parsing value - unexpected end "
            "of input; expected '[', '{', or a literal\n");
}

// Every run option of a trace is untrusted: past its bound the replay could run for hours.
TEST(TraceJson, RunOptionsOutsideTheirBoundsAreErrors) {
  std::string good = TraceToJson(ThreeEventTrace(), nullptr, HandSource());
  auto with = [&](const std::string& from, const std::string& to) {
    std::string t = good;
    size_t at = t.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return t.replace(at, from.size(), to);
  };
  EXPECT_EQ(ReadError(with("\"max_events\": 500", "\"max_events\": 1000000001")),
            "t.json:23:5: error: \"max_events\" must be an integer from 0 to 1000000000\n");
  EXPECT_EQ(ReadError(with("\"max_events\": 500", "\"max_events\": 18446744073709551615")),
            "t.json:23:5: error: \"max_events\" must be an integer from 0 to 1000000000\n");
  EXPECT_EQ(ReadError(with("\"max_events\": 500", "\"max_events\": -1")),
            "t.json:23:5: error: \"max_events\" must be an integer from 0 to 1000000000\n");
  EXPECT_EQ(ReadError(with("\"max_statements_per_poll\": 2000000", "\"max_statements_per_poll\": 100000001")),
            "t.json:24:5: error: \"max_statements_per_poll\" must be an integer from 0 to 100000000\n");
  EXPECT_EQ(ReadError(with("\"max_time_ms\": 86400000", "\"max_time_ms\": 1e300")),
            "t.json:25:5: error: \"max_time_ms\" must be an integer from 0 to 31536000000\n");
  // At the bounds: read.
  NativeTraceSource out;
  Diagnostics diags;
  EXPECT_TRUE(ReadNativeTrace(with("\"max_events\": 500", "\"max_events\": 1000000000"), "t.json", &out, diags))
      << diags.Render();
  EXPECT_EQ(out.options.max_events, 1000000000);
}

// Only the header is read back: the recorded tables may hold anything (they are dropped while
// parsing), but the JSON must still be well-formed.
TEST(TraceJson, RecordedTablesAreNotInterpreted) {
  std::string good = TraceToJson(ThreeEventTrace(), nullptr, HandSource());
  std::string odd = good;
  size_t at = odd.find("\"events\": [");
  ASSERT_NE(at, std::string::npos);
  odd.replace(at, 11, "\"events\": [\"not an event\", {\"step\": -5, \"kind\": 7}, [[[]]], ");
  NativeTraceSource out;
  Diagnostics diags;
  EXPECT_TRUE(ReadNativeTrace(odd, "t.json", &out, diags)) << diags.Render();
  EXPECT_EQ(out.script_text, "async fn main() {}\n");
  std::string broken = good;
  broken.replace(broken.find("\"events\": ["), 11, "\"events\": [,");
  EXPECT_NE(ReadError(broken).find("invalid JSON"), std::string::npos);
}

TEST(TraceJson, LooksLikeJsonByContent) {
  EXPECT_TRUE(LooksLikeJson("{}"));
  EXPECT_TRUE(LooksLikeJson("\n  {\"format\": 1}"));
  EXPECT_TRUE(LooksLikeJson("\xEF\xBB\xBF{}"));
  EXPECT_FALSE(LooksLikeJson("title = \"x\""));
  EXPECT_FALSE(LooksLikeJson("async fn main() {}"));
  EXPECT_FALSE(LooksLikeJson(""));
}

// [SECTION] Replaying a scenario from a trace

TEST(TraceReplay, ScriptFileComesFromTheTraceNotTheDisk) {
  NativeTraceSource s;
  s.path = "/nonexistent/awaitscope/lesson.toml";
  s.text =
      "title = \"lesson\"\nspawn = [\"main()\"]\nscript_file = \"lesson.rs\"  # next to it\n"
      "[[op]]\nname = \"load\"\nlatency_ms = 5\n";
  s.script_path = "/nonexistent/awaitscope/lesson.rs";
  s.script_text = "async fn main() {\n    load().await;\n}\n";
  Diagnostics diags;
  std::optional<Scenario> sc = LoadTraceScenario(s, diags);
  ASSERT_TRUE(sc) << diags.Render();
  EXPECT_TRUE(diags.empty()) << diags.Render();
  EXPECT_EQ(sc->path, s.path);
  EXPECT_EQ(sc->id, "lesson");
  EXPECT_EQ(sc->script.name(), s.script_path);
  EXPECT_EQ(sc->script.text(), s.script_text);
  EXPECT_EQ(sc->script.Locate(0).line, 1u);
  ASSERT_EQ(sc->ops.size(), 1u);
  EXPECT_EQ(sc->ops[0].line, 4u);  // the lines after `script_file` did not move
}

TEST(TraceReplay, InlineScriptsAndBareScriptsLoadAsTheyWere) {
  NativeTraceSource s;
  s.path = "/nonexistent/inline.toml";
  s.text = "title = \"inline\"\nscript = '''\nasync fn main() {}\n'''\n";
  s.script_path = s.path;
  s.script_text = "async fn main() {}\n";
  Diagnostics diags;
  std::optional<Scenario> sc = LoadTraceScenario(s, diags);
  ASSERT_TRUE(sc) << diags.Render();
  EXPECT_EQ(sc->script.name(), s.path);
  EXPECT_EQ(sc->script.Locate(0).line, 3u);  // positions inside the .toml, as when first loaded

  NativeTraceSource rs;
  rs.path = "/nonexistent/bare.rs";
  rs.text = rs.script_text = "async fn main() {}\n";
  rs.script_path = rs.path;
  std::optional<Scenario> bare = LoadTraceScenario(rs, diags);
  ASSERT_TRUE(bare) << diags.Render();
  EXPECT_EQ(bare->executor, "waker");
  EXPECT_EQ(bare->script.text(), rs.text);
}

TEST(TraceReplay, BrokenEmbeddedScenarioIsReportedAgainstItsOriginalPath) {
  NativeTraceSource s;
  s.path = "/nonexistent/broken.toml";
  s.text = "title = \"x\"\nscript_file = \"b.rs\"\nexecutor = \"fast\"\n";
  s.script_path = "/nonexistent/b.rs";
  s.script_text = "async fn main() {}\n";
  Diagnostics diags;
  EXPECT_FALSE(LoadTraceScenario(s, diags));
  ASSERT_TRUE(diags.HasErrors());
  EXPECT_EQ(diags.items()[0].file, s.path);
  EXPECT_EQ(diags.items()[0].line, 3u);
}

// [SECTION] Chrome trace

// Two tasks. Task 0 polls example (with an inner poll of the leaf), starts a disk read and
// returns Pending; the disk completes at 30 ms and wakes it; it is polled again and finishes.
// Task 1 wakes itself (yield) once. The CPU halts in between.
Trace TwoTaskTrace() {
  Trace t = BaseTrace();
  t.tasks.push_back({"other()", -1, 1});
  auto add = [&](Event e, const char* payload = nullptr) {
    t.events.push_back(payload ? Ev(t, e, payload) : e);
  };
  add({.kind = EventKind::Spawn, .task = 0, .obj = 0}, "example(100)");
  add({.kind = EventKind::Spawn, .task = 1, .obj = -1}, "other()");
  add({.kind = EventKind::QueuePush, .task = 0, .a = 1});
  add({.kind = EventKind::QueuePush, .task = 1, .a = 2});
  add({.kind = EventKind::QueuePop, .task = 0, .a = 1});
  add({.kind = EventKind::PollBegin, .task = 0, .obj = 0, .a = 0});  // 5
  add({.kind = EventKind::PollBegin, .task = 0, .obj = 1, .a = 1});  // 6
  add({.kind = EventKind::DeviceStart, .obj = 1, .device = 0, .a = 1, .b = 30}, "read foo.txt");
  add({.kind = EventKind::WakerRegister, .obj = 1, .waker = 0, .device = 0});
  add({.kind = EventKind::PollEnd, .task = 0, .obj = 1, .a = 1, .b = 0});
  add({.kind = EventKind::PollEnd, .task = 0, .obj = 0, .a = 0, .b = 0});  // 10
  add({.kind = EventKind::QueuePop, .task = 1, .a = 0});
  add({.kind = EventKind::PollBegin, .task = 1, .obj = -1, .a = 0});
  add({.kind = EventKind::WakerWake,
       .task = 1,
       .waker = 1,
       .device = -1,
       .b = 1});  // 13: self-wake
  add({.kind = EventKind::QueuePush, .task = 1, .a = 1});
  add({.t_ms = 2, .kind = EventKind::CpuBusy, .task = 1, .a = 3, .b = 0}, "work(3ms)");
  add({.t_ms = 5, .kind = EventKind::PollEnd, .task = 1, .obj = -1, .a = 0, .b = 0});  // 16
  add({.t_ms = 5, .kind = EventKind::QueuePop, .task = 1, .a = 0});
  add({.t_ms = 5, .kind = EventKind::PollBegin, .task = 1, .obj = -1, .a = 0});  // 18
  add({.t_ms = 5, .kind = EventKind::PollEnd, .task = 1, .obj = -1, .a = 0, .b = 1}, "()");
  add({.t_ms = 5, .kind = EventKind::TaskDone, .task = 1}, "()");
  add({.t_ms = 5, .kind = EventKind::Halt, .a = 0});
  add({.t_ms = 30, .kind = EventKind::Resume});
  add({.t_ms = 30, .kind = EventKind::Interrupt, .device = 0, .a = -1, .b = 0});
  add({.t_ms = 30, .kind = EventKind::DeviceComplete, .device = 0, .a = 1}, "\"Hello\"");
  add({.t_ms = 30,
       .kind = EventKind::WakerWake,
       .task = 0,
       .waker = 0,
       .device = 0,
       .b = 1});  // 25
  add({.t_ms = 30,
       .kind = EventKind::WakerWake,
       .task = -1,
       .waker = 2,
       .device = 0,
       .b = 0});  // no-op
  add({.t_ms = 30, .kind = EventKind::QueuePush, .task = 0, .a = 1});
  add({.t_ms = 30, .kind = EventKind::QueuePop, .task = 0, .a = 0});
  add({.t_ms = 30, .kind = EventKind::PollBegin, .task = 0, .obj = 0, .a = 0});  // 29
  add({.t_ms = 30, .kind = EventKind::Transition, .task = 0, .obj = 0, .a = 1, .b = 3}, "");
  add({.t_ms = 30, .kind = EventKind::Print, .task = 0}, "Hello");
  add({.t_ms = 30, .kind = EventKind::PollEnd, .task = 0, .obj = 0, .a = 0, .b = 1}, "()");
  add({.t_ms = 30, .kind = EventKind::RunEnd, .a = 0});
  return t;
}

TEST(TraceChrome, HasThreadsSlicesFlowsAndCounters) {
  Trace t = TwoTaskTrace();
  auto program = ExampleProgram();
  json j = json::parse(TraceToChrome(t, program.get()));
  ASSERT_TRUE(j.contains("traceEvents"));
  EXPECT_EQ(j["displayTimeUnit"], "ms");
  const json& ev = j["traceEvents"];

  // Metadata: a process name and one named thread each for the executor, tasks and devices.
  std::map<int, std::string> threads;
  bool process_named = false;
  for (const json& e : ev) {
    ASSERT_TRUE(e.contains("ph") && e.contains("pid")) << e;
    if (e["ph"] != "M") continue;
    if (e["name"] == "process_name") process_named = true;
    if (e["name"] == "thread_name") threads[e["tid"].get<int>()] = e["args"]["name"];
  }
  EXPECT_TRUE(process_named);
  EXPECT_EQ(threads, (std::map<int, std::string>{{1, "executor (waker)"},
                                                 {2, "task 0: example(100)"},
                                                 {3, "task 1: other()"},
                                                 {4, "disk"},
                                                 {5, "keyboard"}}));

  // One X slice per poll, on the task's thread, in microseconds.
  std::vector<json> polls, wake_slices;
  for (const json& e : ev) {
    if (e["ph"] != "X") continue;
    if (e["args"].contains("depth")) polls.push_back(e);
    if (std::string(e["name"]).rfind("wake ", 0) == 0) wake_slices.push_back(e);
  }
  ASSERT_EQ(polls.size(), 5u);  // task 0: 2 top-level + 1 inner; task 1: 2
  EXPECT_EQ(polls[0]["name"], "poll example");
  EXPECT_EQ(polls[0]["tid"], 2);
  EXPECT_EQ(polls[0]["args"]["depth"], 0);
  EXPECT_EQ(polls[0]["args"]["result"], "Pending");
  EXPECT_EQ(polls[1]["name"], "poll async_read_file(\"foo.txt\")");
  EXPECT_EQ(polls[1]["args"]["depth"], 1);
  // Display time: event `step` at t_ms occupies [(t_ms + step) * 1000, +1000) us.
  EXPECT_EQ(polls[2]["tid"], 3);
  EXPECT_EQ(polls[2]["ts"], 12000);   // poll_begin: step 12 at 0 ms
  EXPECT_EQ(polls[2]["dur"], 10000);  // to the end of poll_end's slot: step 16 at 5 ms
  EXPECT_EQ(polls[4]["ts"], 59000);   // step 29 at 30 ms
  EXPECT_EQ(polls[4]["args"]["result"], "Ready");
  for (const json& p : polls)
    EXPECT_EQ(p["cat"], "task");

  // Flows: each s has exactly one f with the same id; both sit on slices of the same cat at
  // the same ts and tid: s on a zero-length wake slice, f at the start of a top-level poll.
  std::map<int64_t, json> starts, finishes;
  for (const json& e : ev) {
    if (e["ph"] == "s") EXPECT_TRUE(starts.emplace(e["id"].get<int64_t>(), e).second);
    if (e["ph"] == "f") EXPECT_TRUE(finishes.emplace(e["id"].get<int64_t>(), e).second);
  }
  ASSERT_EQ(starts.size(), 2u);  // the self-wake and the disk's wake; not the no-op one
  ASSERT_EQ(finishes.size(), 2u);
  auto bound = [](const std::vector<json>& slices, const json& f, bool at_start) {
    for (const json& s : slices)
      if (s["ts"] == f["ts"] && s["tid"] == f["tid"] && s["cat"] == f["cat"] &&
          s["pid"] == f["pid"] && (!at_start || s["args"]["depth"] == 0))
        return true;
    return false;
  };
  for (const auto& [id, s] : starts) {
    ASSERT_TRUE(finishes.count(id)) << id;
    const json& f = finishes[id];
    EXPECT_EQ(f["bp"], "e");
    EXPECT_EQ(s["cat"], f["cat"]);
    EXPECT_TRUE(bound(wake_slices, s, false)) << s;
    EXPECT_TRUE(bound(polls, f, true)) << f;
  }
  EXPECT_EQ(starts[25]["tid"], 4);  // the disk's thread
  EXPECT_EQ(starts[25]["ts"], 55000);
  EXPECT_EQ(finishes[25]["tid"], 2);
  EXPECT_EQ(starts[13]["tid"], 3);      // a self-wake starts on the task's own thread...
  EXPECT_EQ(finishes[13]["ts"], 23000);  // ...and ends at its next top-level poll (step 18, 5 ms)
  for (const json& w : wake_slices)
    EXPECT_EQ(w["dur"], 1000);  // the wake's own slot

  // Wake instants, including the no-op wake.
  int wake_instants = 0;
  for (const json& e : ev)
    if (e["ph"] == "i" && e["cat"] == "wake") {
      ++wake_instants;
      EXPECT_EQ(e["s"], "t");
    }
  EXPECT_EQ(wake_instants, 3);

  // The queue-length counter: 0 first, then one value per push/pop.
  std::vector<int> lengths;
  for (const json& e : ev)
    if (e["ph"] == "C") lengths.push_back(e["args"]["tasks"]);
  EXPECT_EQ(lengths, (std::vector<int>{0, 1, 2, 1, 0, 1, 0, 1, 0}));

  // The disk request as an async slice; hlt on the executor's thread.
  int begins = 0, ends = 0;
  for (const json& e : ev) {
    if (e["ph"] == "b") {
      ++begins;
      EXPECT_EQ(e["name"], "read foo.txt");
      EXPECT_EQ(e["tid"], 4);
    }
    if (e["ph"] == "e") {
      ++ends;
      EXPECT_EQ(e["ts"], 55000);  // the end of device_complete's slot (step 24, 30 ms)
    }
    if (e["ph"] == "X" && e["name"] == "hlt") {
      EXPECT_EQ(e["tid"], 1);
      EXPECT_EQ(e["ts"], 26000);   // halt: step 21 at 5 ms
      EXPECT_EQ(e["dur"], 27000);  // through resume's slot: step 22 at 30 ms
    }
    if (e["ph"] == "X" && e["cat"] == "cpu" && e["name"] == "work(3ms)") {
      EXPECT_EQ(e["ts"], 17000);  // step 15 at 2 ms
      EXPECT_EQ(e["dur"], 4000);  // its slot and its 3 virtual ms
    }
  }
  EXPECT_EQ(begins, 1);
  EXPECT_EQ(ends, 1);
}

TEST(TraceChrome, UnfinishedPollsAndRequestsAreClosedAtTheEnd) {
  Trace t = BaseTrace();
  t.events.push_back({.kind = EventKind::PollBegin, .task = 0, .obj = 0, .a = 0});
  t.events.push_back(
      Ev(t, {.kind = EventKind::DeviceStart, .obj = 1, .device = 0, .a = 1, .b = 30}, "read"));
  t.events.push_back({.t_ms = 40, .kind = EventKind::CpuBusy, .task = 0, .a = 0, .b = 1});
  t.events.push_back({.t_ms = 40, .kind = EventKind::RunEnd, .a = 2});
  json j = json::parse(TraceToChrome(t, nullptr));
  int unfinished = 0;
  for (const json& e : j["traceEvents"]) {
    if (e["ph"] == "X" && e["name"] == "poll example") {
      EXPECT_EQ(e["dur"], 44000);  // to the end of run_end's slot: step 3 at 40 ms
      EXPECT_EQ(e["args"]["unfinished"], true);
      ++unfinished;
    }
    if (e["ph"] == "e") {
      EXPECT_EQ(e["args"]["unfinished"], true);
      ++unfinished;
    }
  }
  EXPECT_EQ(unfinished, 2);
}

// Every shipped scenario: each complete slice lasts at least one slot (so Perfetto and speedscope
// draw it), the slices of one thread nest without overlapping (speedscope rejects anything
// else), each instant sits at its event's slot, and every poll becomes a slice.
TEST(TraceChrome, EverySliceHasADurationAndSlicesNestInEveryScenario) {
  int scenarios = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::filesystem::path(AWAITSCOPE_SOURCE_DIR) / "scenarios")) {
    if (entry.path().extension() != ".toml") continue;
    SCOPED_TRACE(entry.path().filename().string());
    Session s;
    Diagnostics d;
    ASSERT_TRUE(s.Load(entry.path().string(), d)) << d.Render();
    ++scenarios;
    const Trace& t = s.trace();
    json j = json::parse(TraceToChrome(t, s.program()));
    std::map<int, std::vector<std::pair<int64_t, int64_t>>> slices;  // tid -> [begin, end)
    size_t poll_slices = 0;
    for (const json& e : j["traceEvents"]) {
      if (e["ph"] == "X") {
        EXPECT_GE(e["dur"].get<int64_t>(), 1000) << e;
        slices[e["tid"]].push_back({e["ts"], e["ts"].get<int64_t>() + e["dur"].get<int64_t>()});
        if (e["args"].contains("depth")) ++poll_slices;
      }
      if (e["ph"] == "i") {
        const int64_t step = e["args"]["step"];
        ASSERT_LT(static_cast<size_t>(step), t.events.size());
        EXPECT_EQ(e["args"]["t_ms"], t.events[step].t_ms);
        EXPECT_EQ(e["ts"], (t.events[step].t_ms + step) * 1000) << e;
      }
    }
    size_t polls = 0;
    for (const Event& e : t.events)
      if (e.kind == EventKind::PollBegin && e.task >= 0) ++polls;
    EXPECT_EQ(poll_slices, polls);
    for (auto& [tid, list] : slices) {
      std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first < b.first : a.second > b.second;
      });
      std::vector<int64_t> open;  // the ends of the enclosing slices
      for (const auto& [begin, end] : list) {
        while (!open.empty() && open.back() <= begin) open.pop_back();
        if (!open.empty()) EXPECT_LE(end, open.back()) << "tid " << tid << " [" << begin << ", " << end << ")";
        open.push_back(end);
      }
    }
  }
  EXPECT_GT(scenarios, 30);
}

// [SECTION] Determinism and faults

TEST(TraceOutput, IsByteIdenticalEveryTime) {
  auto program = ExampleProgram();
  Trace a = TwoTaskTrace();
  Trace b = TwoTaskTrace();
  Trace c = a;
  NativeTraceSource src = HandSource();
  for (const Trace* t : {&b, &c}) {
    EXPECT_EQ(TraceToText(*t, program.get()), TraceToText(a, program.get()));
    EXPECT_EQ(TraceToJson(*t, program.get(), src), TraceToJson(a, program.get(), src));
    EXPECT_EQ(TraceToChrome(*t, program.get()), TraceToChrome(a, program.get()));
  }
  EXPECT_EQ(TraceToChrome(a, nullptr), TraceToChrome(a, nullptr));
}

TEST(TraceOutput, TextIsOneLinePerEventThenTheSummary) {
  Trace t = ThreeEventTrace();
  EXPECT_EQ(TraceToText(t, nullptr),
            "t=0ms spawn task=0 future=example#0 example(100)\n"
            "t=0ms poll_begin task=0 future=example#0 depth=0\n"
            "t=30ms print task=0 \"Hello\"\n"
            "summary: polls=1 pending=1 ready=0 wakes=0 end_time=30ms end=finished "
            "output=\"Hello\\n\"\n");
}

TEST(TraceOutput, FaultedMeansPanicOrFaultNotBudget) {
  Trace t = BaseTrace();
  EXPECT_FALSE(TraceFaulted(t));
  t.events.push_back({.kind = EventKind::RunEnd, .a = 3});  // idle forever: not a fault
  EXPECT_FALSE(TraceFaulted(t));
  const size_t end = t.events.size() - 1;
  t.events.Set(end, {.kind = EventKind::RunEnd, .a = 2});  // stopped by the event budget: not a fault
  EXPECT_FALSE(TraceFaulted(t));
  t.events.Set(end, {.kind = EventKind::RunEnd, .a = 1});
  EXPECT_TRUE(TraceFaulted(t));
  t.events.Set(end, {.kind = EventKind::RunEnd, .a = 0});
  t.events.push_back({.kind = EventKind::Panic, .task = 0});
  EXPECT_TRUE(TraceFaulted(t));
}

}  // namespace
}  // namespace aws
