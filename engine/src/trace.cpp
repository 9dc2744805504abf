// Event kinds: one table row per kind (name, human label, text format), the payload string
// pool, and the one-line text form of an event.
//
// Text format: every line starts `t=<ms>ms <name>`, then the kind's fields. Tasks print as
// plain ids (`task=0`; `task=none` for -1), wakers as `W<id>` (`none` for -1), futures as
// `<name>#<object id>`, devices by name, scancodes in hex. Text the script produced (print,
// panic) is quoted Rust style (`"a\"b\n"`); other payloads (what a device does, results,
// messages) follow raw, with control characters escaped so that each event stays on one line.
//
// clang-format off
// kind             example (and variants)
// spawn            t=0ms spawn task=0 future=main#0 main()
// poll_begin       t=0ms poll_begin task=0 future=example#1 depth=1
// poll_end         t=0ms poll_end task=0 future=example#1 depth=1 -> Pending
//                  t=50ms poll_end task=0 future=example#1 depth=1 -> Ready("Hello World")
// transition       t=0ms transition task=0 future=example#1 Start -> WaitingOnFooTxt {min_len=100}
//                  (state indices `s0 -> s1` without a Program; fields joined by ", ")
// waker_create     t=0ms waker_create waker=W1 task=0        (task=none: a no-op waker)
// waker_clone      t=0ms waker_clone waker=W2 from=W1
// register         t=0ms register waker=W1 future=async_read_file("foo.txt")#2 device=disk
//                  (no device: a hand-written future stored the waker in its fields)
// wake             t=30ms wake task=1 waker=W1 by=disk(foo.txt)
//                  (`by=self`: the task woke itself; `(..)`: the payload, if any; a trailing
//                  ` no-op` when the wake did not reach the executor)
// waker_drop       t=50ms waker_drop waker=W1
// queue_push       t=30ms queue_push task=1 len=1
// queue_pop        t=30ms queue_pop task=1 len=0
// device_start     t=0ms device_start device=disk request=1 due=30ms read foo.txt  (due=?: unknown)
// device_complete  t=30ms device_complete device=disk request=1 -> "Hello"
// interrupt        t=100ms interrupt device=keyboard scancode=0x23   (+ ` held` while held pending)
// halt             t=50ms halt     (`halt queue=nonempty` when tasks were ready: a lost wakeup)
// resume           t=100ms resume
// print            t=50ms print task=0 "Hello World"
// panic            t=50ms panic task=0 future=example#1 "poll called after Poll::Ready was ret.."
// task_done        t=50ms task_done task=0 -> ()
// diagnostic       t=50ms diagnostic task=1 warning: task never yielded  (no task= when -1)
// inject           t=120ms inject device=keyboard scancode=0x17
// cpu_busy         t=0ms cpu_busy task=0 duration=100ms blocking thread_sleep(100ms)
//                  (`work` instead of `blocking` for work(d) inside a poll)
// run_end          t=50ms run_end reason=finished   (finished | faulted | stopped | idle; + why)
// mem_alloc        t=0ms mem_alloc block=0 at=0x10010 size=72 pin_example#1 in tasks
// mem_move         t=0ms mem_move block=0 from=0x10010 to=0x10020 pin_example#1 (72 bytes copied)
// mem_free         t=9ms mem_free block=2 at=0x55550000 size=8 heap_value
// mem_write        t=0ms mem_write block=0 at=0x10020 ptr=0x1001C element = &array[2]
//                  (no ptr= when the value written is not a pointer)
// mem_dangling     t=15ms mem_dangling task=0 at=0x1001C element dangles: ...
//                  (memory events print only the first line of their payload, the headline)
// exec_line        t=0ms exec_line fn=SimpleExecutor::run depth=2 line=47
//                  (executor code's line steps: printed only on request, TraceTextOptions)
// thread           t=2ms thread id=1 runs thread#1     (runs | finished: its name)
//                  t=2ms thread id=1 ready spawned by main   (why it is ready)
//                  t=2ms thread id=1 blocked in `read` on 127.0.0.1:50001   (what it waits on)
// context_switch   t=10ms context_switch from=1 to=2 device=timer ...   (what is saved where)
// clang-format on
#include "awaitscope/trace.h"

#include <fmt/format.h>

#include "text_escape.h"

#include <array>
#include <functional>

#include "awaitscope/lower.h"

namespace aws {
namespace {

// [SECTION] Pieces of a line

struct Ctx {
  const Trace& trace;
  const Event& e;
  const Program* program;
  std::string& out;
};

// Escapes control characters so that a payload cannot break the one-line-per-event rule.
void AppendOneLine(std::string& out, std::string_view s) { AppendEscaped(out, s, EscapeStyle::OneLine); }

// Rust-style debug quoting: "a\"b\n".
void AppendQuoted(std::string& out, std::string_view s) {
  out += '"';
  AppendEscaped(out, s, EscapeStyle::RustString);
  out += '"';
}

void Task(Ctx& c, int32_t task) {
  if (task < 0)
    c.out += " task=none";
  else
    fmt::format_to(std::back_inserter(c.out), " task={}", task);
}

void Waker(Ctx& c, const char* key, int64_t waker) {
  if (waker < 0)
    fmt::format_to(std::back_inserter(c.out), " {}=none", key);
  else
    fmt::format_to(std::back_inserter(c.out), " {}=W{}", key, waker);
}

void AppendFutureName(const Trace& t, int32_t obj, std::string& out) {
  if (obj < 0) {
    out += "none";
    return;
  }
  if (static_cast<size_t>(obj) < t.objects.size())
    AppendOneLine(out, t.objects[obj].name);
  else
    out += "?";
  fmt::format_to(std::back_inserter(out), "#{}", obj);
}

void Future(Ctx& c) {
  c.out += " future=";
  AppendFutureName(c.trace, c.e.obj, c.out);
}

void AppendDeviceName(const Trace& t, int32_t device, std::string& out) {
  if (device >= 0 && static_cast<size_t>(device) < t.devices.size())
    AppendOneLine(out, t.devices[device].name);
  else
    fmt::format_to(std::back_inserter(out), "device{}", device);
}

void Device(Ctx& c) {
  c.out += " device=";
  AppendDeviceName(c.trace, c.e.device, c.out);
}

bool HasPayload(const Ctx& c) {
  return c.e.payload >= 0 && static_cast<size_t>(c.e.payload) < c.trace.strings.size();
}

// ` <payload>` raw (one-lined), when there is one.
void RawPayload(Ctx& c, const char* sep = " ") {
  if (!HasPayload(c) || c.trace.Payload(c.e).empty()) return;
  c.out += sep;
  AppendOneLine(c.out, c.trace.Payload(c.e));
}

void QuotedPayload(Ctx& c) {
  c.out += ' ';
  AppendQuoted(c.out, c.trace.Payload(c.e));
}

// A state of the machine that object `obj` is: its teaching label when the program is known.
void AppendStateLabel(const Ctx& c, int64_t state) {
  const Trace& t = c.trace;
  int32_t obj = c.e.obj;
  if (c.program && obj >= 0 && static_cast<size_t>(obj) < t.objects.size()) {
    int m = t.objects[obj].machine;
    if (m >= 0 && static_cast<size_t>(m) < c.program->machines.size()) {
      const auto& states = c.program->machines[m].states;
      if (state >= 0 && static_cast<size_t>(state) < states.size()) {
        const State& s = states[state];
        AppendOneLine(c.out, s.label.empty() ? s.name : s.label);
        return;
      }
    }
  }
  fmt::format_to(std::back_inserter(c.out), "s{}", state);
}

// "a=1\nb=2" -> "{a=1, b=2}".
void StateFields(Ctx& c) {
  c.out += " {";
  std::string_view p = c.trace.Payload(c.e);
  bool first = true;
  while (!p.empty()) {
    size_t nl = p.find('\n');
    std::string_view line = p.substr(0, nl);
    if (!line.empty()) {
      if (!first) c.out += ", ";
      AppendOneLine(c.out, line);
      first = false;
    }
    if (nl == std::string_view::npos) break;
    p.remove_prefix(nl + 1);
  }
  c.out += '}';
}

// The first line of a memory event's payload (the rest is block snapshots).
void Headline(Ctx& c) {
  if (!HasPayload(c)) return;
  std::string_view p = c.trace.Payload(c.e);
  p = p.substr(0, p.find('\n'));
  if (p.empty()) return;
  c.out += ' ';
  AppendOneLine(c.out, p);
}

void Address(Ctx& c, const char* key, int64_t addr) {
  fmt::format_to(std::back_inserter(c.out), " {}=0x{:X}", key, static_cast<uint64_t>(addr));
}

const char* kLevelNames[] = {"note", "warning", "error"};
const char* kEndReasons[] = {"finished", "faulted", "stopped", "idle"};
const char* kThreadStates[] = {"runs", "blocked", "finished", "ready"};

// [SECTION] The table

using FormatFn = void (*)(Ctx&);

struct KindRow {
  EventKind kind;
  const char* name;   // snake_case, as in the text and JSON traces
  const char* label;  // for people: legends, menus, narration
  FormatFn format;    // the fields after `t=<ms>ms <name>`
};

constexpr std::array<KindRow, static_cast<size_t>(EventKind::kCount)> kEventKindRows = {{
    {EventKind::Spawn, "spawn", "task spawned",
     [](Ctx& c) {
       Task(c, c.e.task);
       Future(c);
       RawPayload(c);
     }},
    {EventKind::PollBegin, "poll_begin", "poll begins",
     [](Ctx& c) {
       Task(c, c.e.task);
       Future(c);
       fmt::format_to(std::back_inserter(c.out), " depth={}", c.e.a);
     }},
    {EventKind::PollEnd, "poll_end", "poll returns",
     [](Ctx& c) {
       Task(c, c.e.task);
       Future(c);
       fmt::format_to(std::back_inserter(c.out), " depth={}", c.e.a);
       if (c.e.b == 1) {
         c.out += " -> Ready";
         if (HasPayload(c) && !c.trace.Payload(c.e).empty()) {
           c.out += '(';
           AppendOneLine(c.out, c.trace.Payload(c.e));
           c.out += ')';
         }
       } else {
         c.out += " -> Pending";
       }
     }},
    {EventKind::Transition, "transition", "state transition",
     [](Ctx& c) {
       Task(c, c.e.task);
       Future(c);
       c.out += ' ';
       AppendStateLabel(c, c.e.a);
       c.out += " -> ";
       AppendStateLabel(c, c.e.b);
       StateFields(c);
     }},
    {EventKind::WakerCreate, "waker_create", "waker created",
     [](Ctx& c) {
       Waker(c, "waker", c.e.waker);
       Task(c, c.e.task);
     }},
    {EventKind::WakerClone, "waker_clone", "waker cloned",
     [](Ctx& c) {
       Waker(c, "waker", c.e.waker);
       Waker(c, "from", c.e.a);
     }},
    {EventKind::WakerRegister, "register", "waker registered",
     [](Ctx& c) {
       Waker(c, "waker", c.e.waker);
       Future(c);
       if (c.e.device >= 0) Device(c);  // none: a hand-written future stored it in its fields
     }},
    {EventKind::WakerWake, "wake", "wake",
     [](Ctx& c) {
       Task(c, c.e.task);
       Waker(c, "waker", c.e.waker);
       c.out += " by=";
       if (c.e.device < 0)
         c.out += "self";
       else
         AppendDeviceName(c.trace, c.e.device, c.out);
       if (HasPayload(c) && !c.trace.Payload(c.e).empty()) {
         c.out += '(';
         AppendOneLine(c.out, c.trace.Payload(c.e));
         c.out += ')';
       }
       if (c.e.b == 0) c.out += " no-op";
     }},
    {EventKind::WakerDrop, "waker_drop", "waker dropped",
     [](Ctx& c) { Waker(c, "waker", c.e.waker); }},
    {EventKind::QueuePush, "queue_push", "task queued",
     [](Ctx& c) {
       Task(c, c.e.task);
       fmt::format_to(std::back_inserter(c.out), " len={}", c.e.a);
     }},
    {EventKind::QueuePop, "queue_pop", "task dequeued",
     [](Ctx& c) {
       Task(c, c.e.task);
       fmt::format_to(std::back_inserter(c.out), " len={}", c.e.a);
     }},
    {EventKind::DeviceStart, "device_start", "device request started",
     [](Ctx& c) {
       Device(c);
       fmt::format_to(std::back_inserter(c.out), " request={}", c.e.a);
       if (c.e.b < 0)
         c.out += " due=?";
       else
         fmt::format_to(std::back_inserter(c.out), " due={}ms", c.e.b);
       RawPayload(c);
     }},
    {EventKind::DeviceComplete, "device_complete", "device request completed",
     [](Ctx& c) {
       Device(c);
       fmt::format_to(std::back_inserter(c.out), " request={}", c.e.a);
       RawPayload(c, " -> ");
     }},
    {EventKind::Interrupt, "interrupt", "interrupt",
     [](Ctx& c) {
       Device(c);
       if (c.e.a >= 0) fmt::format_to(std::back_inserter(c.out), " scancode=0x{:02X}", c.e.a);
       if (c.e.b == 1) c.out += " held";
     }},
    {EventKind::Halt, "halt", "CPU halts (hlt)",
     [](Ctx& c) {
       if (c.e.a == 1) c.out += " queue=nonempty";
     }},
    {EventKind::Resume, "resume", "CPU resumes", [](Ctx&) {}},
    {EventKind::Print, "print", "printed",
     [](Ctx& c) {
       Task(c, c.e.task);
       QuotedPayload(c);
     }},
    {EventKind::Panic, "panic", "panic",
     [](Ctx& c) {
       Task(c, c.e.task);
       Future(c);
       QuotedPayload(c);
     }},
    {EventKind::TaskDone, "task_done", "task finished",
     [](Ctx& c) {
       Task(c, c.e.task);
       RawPayload(c, " -> ");
     }},
    {EventKind::Diagnostic, "diagnostic", "diagnostic",
     [](Ctx& c) {
       if (c.e.task >= 0) Task(c, c.e.task);
       c.out += ' ';
       c.out += (c.e.a >= 0 && c.e.a <= 2) ? kLevelNames[c.e.a] : "note";
       RawPayload(c, ": ");
     }},
    {EventKind::Inject, "inject", "keystroke injected",
     [](Ctx& c) {
       Device(c);
       fmt::format_to(std::back_inserter(c.out), " scancode=0x{:02X}", c.e.a);
     }},
    {EventKind::CpuBusy, "cpu_busy", "CPU busy",
     [](Ctx& c) {
       Task(c, c.e.task);
       fmt::format_to(std::back_inserter(c.out), " duration={}ms {}", c.e.a,
                      c.e.b == 1 ? "blocking" : "work");
       RawPayload(c);
     }},
    {EventKind::RunEnd, "run_end", "run ended",
     [](Ctx& c) {
       c.out += " reason=";
       c.out += (c.e.a >= 0 && c.e.a <= 3) ? kEndReasons[c.e.a] : "unknown";
       RawPayload(c);
     }},
    {EventKind::MemAlloc, "mem_alloc", "memory allocated",
     [](Ctx& c) {
       fmt::format_to(std::back_inserter(c.out), " block={}", c.e.obj);
       Address(c, "at", c.e.a);
       fmt::format_to(std::back_inserter(c.out), " size={}", c.e.b);
       Headline(c);
     }},
    {EventKind::MemMove, "mem_move", "value moved",
     [](Ctx& c) {
       fmt::format_to(std::back_inserter(c.out), " block={}", c.e.obj);
       Address(c, "from", c.e.a);
       Address(c, "to", c.e.b);
       Headline(c);
     }},
    {EventKind::MemFree, "mem_free", "memory freed",
     [](Ctx& c) {
       fmt::format_to(std::back_inserter(c.out), " block={}", c.e.obj);
       Address(c, "at", c.e.a);
       fmt::format_to(std::back_inserter(c.out), " size={}", c.e.b);
       Headline(c);
     }},
    {EventKind::MemWrite, "mem_write", "memory written",
     [](Ctx& c) {
       fmt::format_to(std::back_inserter(c.out), " block={}", c.e.obj);
       Address(c, "at", c.e.a);
       if (c.e.b >= 0) Address(c, "ptr", c.e.b);
       Headline(c);
     }},
    {EventKind::MemDangling, "mem_dangling", "dangling dereference",
     [](Ctx& c) {
       Task(c, c.e.task);
       Address(c, "at", c.e.a);
       Headline(c);
     }},
    {EventKind::ExecLine, "exec_line", "executor code line",
     [](Ctx& c) {
       c.out += " fn=";
       if (c.e.obj >= 0 && static_cast<size_t>(c.e.obj) < c.trace.objects.size())
         AppendOneLine(c.out, c.trace.objects[c.e.obj].name);
       else
         c.out += '?';
       fmt::format_to(std::back_inserter(c.out), " depth={} line={}", c.e.a, c.e.line);
     }},
    {EventKind::ThreadState, "thread", "thread state",
     [](Ctx& c) {
       fmt::format_to(std::back_inserter(c.out), " id={} {}", c.e.a, ThreadStateName(c.e.b));
       RawPayload(c);
     }},
    {EventKind::ContextSwitch, "context_switch", "context switch",
     [](Ctx& c) {
       fmt::format_to(std::back_inserter(c.out), " from={} to={}", c.e.a, c.e.b);
       if (c.e.device >= 0) Device(c);
       RawPayload(c);
     }},
}};

constexpr bool TableInEnumOrder() {
  for (size_t i = 0; i < kEventKindRows.size(); ++i)
    if (static_cast<size_t>(kEventKindRows[i].kind) != i || kEventKindRows[i].format == nullptr) return false;
  return true;
}
static_assert(TableInEnumOrder(), "kEventKindRows must list every EventKind once, in enum order");

uint64_t HashString(std::string_view s) {
  return std::hash<std::string_view>{}(s);
}

}  // namespace

// [SECTION] Public functions

const char* ThreadStateName(int64_t b) { return b >= 0 && b <= 3 ? kThreadStates[b] : "?"; }

std::string ThreadName(const Trace& t, int64_t id) {
  if (id != 0) return "thread#" + std::to_string(id);
  for (const Event& e : t.events)
    if (e.kind == EventKind::ThreadState && e.a == 0 && e.b != kThreadBlocked && e.b != kThreadReady)
      return t.Payload(e);
  return "main";
}

const char* EventKindName(EventKind k) {
  size_t i = static_cast<size_t>(k);
  return i < kEventKindRows.size() ? kEventKindRows[i].name : "unknown";
}

const char* EventKindLabel(EventKind k) {
  size_t i = static_cast<size_t>(k);
  return i < kEventKindRows.size() ? kEventKindRows[i].label : "unknown";
}

bool ParseEventKind(std::string_view name, EventKind* out) {
  for (const KindRow& row : kEventKindRows) {
    if (name == row.name) {
      if (out) *out = row.kind;
      return true;
    }
  }
  return false;
}

namespace {

// The slot of `s` in `table` (hash `h`): the one holding it, or the empty one where it goes.
Trace::InternSlot& FindSlot(std::vector<Trace::InternSlot>& table, const std::vector<std::string>& strings,
                            std::string_view s, uint32_t h) {
  const size_t mask = table.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    Trace::InternSlot& slot = table[i];
    if (slot.index < 0 || (slot.hash == h && strings[static_cast<size_t>(slot.index)] == s)) return slot;
  }
}

}  // namespace

int Trace::Intern(std::string s) {
  if (strings_indexed > strings.size()) {  // `strings` was replaced or shrunk: start over
    string_index.clear();
    strings_indexed = 0;
    strings_distinct = 0;
  }
  // Room for every string not indexed yet, and `s`, at most half full.
  const size_t need = 2 * (strings_distinct + (strings.size() - strings_indexed) + 1);
  if (string_index.size() < need) {
    size_t size = 64;
    while (size < need) size *= 2;
    std::vector<InternSlot> table(size);
    const size_t mask = size - 1;
    for (const InternSlot& slot : string_index) {
      if (slot.index < 0) continue;
      size_t i = slot.hash & mask;
      while (table[i].index >= 0) i = (i + 1) & mask;
      table[i] = slot;
    }
    string_index = std::move(table);
  }
  for (; strings_indexed < strings.size(); ++strings_indexed) {
    const std::string& t = strings[strings_indexed];
    const uint32_t h = static_cast<uint32_t>(HashString(t));
    InternSlot& slot = FindSlot(string_index, strings, t, h);
    if (slot.index < 0) {
      slot = {h, static_cast<int32_t>(strings_indexed)};
      ++strings_distinct;
    }
  }
  const uint32_t h = static_cast<uint32_t>(HashString(s));
  InternSlot& slot = FindSlot(string_index, strings, s, h);
  if (slot.index >= 0) return slot.index;
  slot = {h, static_cast<int32_t>(strings.size())};
  ++strings_distinct;
  strings.push_back(std::move(s));
  strings_indexed = strings.size();
  return slot.index;
}

const std::string& Trace::Payload(const Event& e) const {
  static const std::string kEmpty;
  if (e.payload < 0 || static_cast<size_t>(e.payload) >= strings.size()) return kEmpty;
  return strings[e.payload];
}

void AppendEventText(std::string& out, const Trace& t, const Event& e, const Program* program) {
  fmt::format_to(std::back_inserter(out), "t={}ms {}", int64_t{e.t_ms}, EventKindName(e.kind));
  size_t i = static_cast<size_t>(e.kind);
  if (i < kEventKindRows.size()) {
    Ctx c{t, e, program, out};
    kEventKindRows[i].format(c);
  }
}

std::string EventText(const Trace& t, const Event& e, const Program* program) {
  std::string out;
  out.reserve(64);
  AppendEventText(out, t, e, program);
  return out;
}

}  // namespace aws
