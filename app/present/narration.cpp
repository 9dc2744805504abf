// The narration table: one row per event kind, each with the sentence templates of its variants
// and a picker choosing the variant for an event. Placeholders are filled from a second table.
#include "present/narration.h"

#include "present/i18n.h"
#include "present/scenario_texts.h"
#include "present/trace_lookup.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <optional>
#include <span>

namespace aws::present {
namespace {


struct Ctx {
  const Trace& trace;
  const Program* program;
  const Event& e;
  int64_t step;
  const WorldState* world;  // the world after `step`; set for the kinds that need it (NeedsWorld)
};

// The run's end is told from the world: which tasks are unfinished and what they wait on.
bool NeedsWorld(EventKind k) { return k == EventKind::RunEnd; }

// [SECTION] Helpers for the placeholders

const ObjectInfo* Object(const Ctx& c, int id) { return ObjectAt(c.trace, id); }

const Machine* MachineOf(const Ctx& c) { return MachineOfObject(c.trace, c.program, c.e.obj); }

const State* StateOf(const Ctx& c, int64_t index) { return StateAt(MachineOf(c), index); }

std::string StateLabel(const Ctx& c, int64_t index) {
  const State* s = StateOf(c, index);
  return s != nullptr ? s->label : fmt::format("s{}", index);
}

std::string OneLine(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  std::string out;
  for (char ch : s) out += ch == '\n' ? ' ' : ch;
  return out;
}

std::string Payload(const Ctx& c) { return OneLine(c.trace.Payload(c.e)); }

std::string ObjectName(const Ctx& c, int id, const char* none) {
  const ObjectInfo* o = Object(c, id);
  return o != nullptr ? o->name : none;
}

std::string DeviceNameOf(const Trace& trace, int d) {
  if (d < 0 || static_cast<size_t>(d) >= trace.devices.size()) return _("the task itself");
  const DeviceInfo& dev = trace.devices[static_cast<size_t>(d)];
  if (dev.kind == "net") {  // "listener 127.0.0.1:8080", "conn 127.0.0.1:50001" (devices/network.cpp)
    std::string_view addr = std::string_view(dev.name).substr(dev.name.find(' ') + 1);
    if (dev.name.rfind("listener ", 0) == 0) return TrFormat(N_("the listening socket {}"), addr);
    return TrFormat(N_("the connection from {}"), addr);
  }
  std::string_view name = dev.name;
  if (size_t colon = name.find(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
  if (dev.kind == "op") return TrFormat(N_("the {} operation"), name);
  if (dev.kind == "thread") return TrFormat(N_("the {} thread"), name);
  return TrFormat(N_("the {}"), name);
}

std::string DeviceName(const Ctx& c) { return DeviceNameOf(c.trace, c.e.device); }

// Whether the CPU leaves hlt again after this step (an interrupt still comes).
bool ResumesLater(const Ctx& c) {
  for (size_t i = static_cast<size_t>(c.step) + 1; i < c.trace.events.size(); ++i)
    if (c.trace.events[i].kind == EventKind::Resume) return true;
  return false;
}

std::vector<int> UnfinishedTasks(const Ctx& c) {
  std::vector<int> out;
  if (c.world == nullptr) return out;
  for (size_t t = 0; t < c.world->tasks.size(); ++t)
    if (c.world->tasks[t].status != TaskStatus::Done) out.push_back(static_cast<int>(t));
  return out;
}

// What an unfinished task waits on, from the world: the device holding the waker that one of its
// leaf futures stored, or a request still in flight, or nothing at all.
std::string StuckTask(const Ctx& c, int task) {
  const size_t t = static_cast<size_t>(task);
  const ObjectInfo* root = t < c.trace.tasks.size() ? Object(c, c.trace.tasks[t].root) : nullptr;
  const std::string who = root != nullptr ? TrFormat(N_("task {} ({})"), task, root->name) : TrFormat(N_("task {}"), task);
  const WorldState& w = *c.world;
  bool stored = false;
  for (const auto& [obj, waker] : w.leaf_waker) {
    const ObjectInfo* o = Object(c, obj);
    if (o == nullptr || o->task != task) continue;
    stored = true;
    for (const auto& [device, held] : w.device_waker) {
      if (held != waker) continue;
      const DeviceInfo& dev = c.trace.devices[static_cast<size_t>(device)];
      if (dev.kind == "keyboard") return TrFormat(N_("{} waits for a key press, and no more keys will come"), who);
      if (dev.kind == "net") return TrFormat(N_("{} waits on {}, and no client will connect or send again"), who,
                                             DeviceNameOf(c.trace, device));
      return TrFormat(N_("{} waits for {}, which has nothing more to deliver"), who, DeviceNameOf(c.trace, device));
    }
  }
  for (const RequestView& r : w.requests) {
    const ObjectInfo* o = Object(c, r.obj);
    if (o != nullptr && o->task == task)
      return TrFormat(N_("{} waits for {} to finish {}"), who, DeviceNameOf(c.trace, r.device), r.what);
  }
  if (stored) return TrFormat(N_("{} waits for a wake that nothing will send"), who);
  return TrFormat(N_("{} returned Pending, but nothing holds its waker any more"), who);
}

// The names of the saved fields in the new state's payload ("name=value" lines), without the
// awaited future (the await itself, not a value the code still needs).
std::vector<std::string> SavedFields(const Ctx& c) {
  const State* to = StateOf(c, c.e.b);
  std::vector<std::string> names;
  std::string_view p = c.trace.Payload(c.e);
  while (!p.empty()) {
    size_t nl = p.find('\n');
    std::string_view line = p.substr(0, nl);
    std::string_view name = line.substr(0, line.find('='));
    bool awaitee = false;
    if (to != nullptr)
      for (const StateField& f : to->fields)
        if (f.name == name && f.role == FieldRole::Awaitee) awaitee = true;
    if (!name.empty() && !awaitee) names.emplace_back(name);
    if (nl == std::string_view::npos) break;
    p.remove_prefix(nl + 1);
  }
  return names;
}

std::string JoinAnd(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? _(" and ") : _(", ");
    out += items[i];
  }
  return out;
}

// `one` or `many` (each a format with one {}), translated, for `n`.
std::string Plural(int64_t n, const char* one, const char* many) { return TrFormat(n == 1 ? one : many, n); }

// The text of source line `line` of the program's script (numbered as the user's editor shows
// it: an inline script starts further down its .toml), trimmed and cut at 80 characters.
std::string SourceLineText(const Ctx& c, uint32_t line) {
  if (c.program == nullptr || c.program->checked == nullptr || c.program->checked->source == nullptr) return "";
  const SourceFile& src = *c.program->checked->source;
  const uint32_t first = src.Locate(0).line;
  if (line < first) return "";
  std::string_view text = src.text();
  for (uint32_t n = first; n < line; ++n) {
    const size_t nl = text.find('\n');
    if (nl == std::string_view::npos) return "";
    text.remove_prefix(nl + 1);
  }
  text = text.substr(0, text.find('\n'));
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  constexpr size_t kMaxCode = 80;
  std::string out = OneLine(text);
  if (out.size() > kMaxCode) {
    size_t cut = kMaxCode;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // a whole UTF-8 character
    out = out.substr(0, cut) + "...";
  }
  return out;
}

// [SECTION] The placeholders

struct Placeholder {
  std::string_view name;
  std::string (*fill)(const Ctx&);
  bool code = false;  // fills in a name from the program (`example`): never capitalized
};

constexpr Placeholder kPlaceholders[] = {
    {"task", [](const Ctx& c) { return c.e.task >= 0 ? TrFormat(N_("task {}"), c.e.task) : std::string(_("no task")); }},
    {"expr",
     [](const Ctx& c) {
       size_t t = static_cast<size_t>(c.e.task);
       return c.e.task >= 0 && t < c.trace.tasks.size() ? c.trace.tasks[t].name : Payload(c);
     }, true},
    {"future", [](const Ctx& c) { return ObjectName(c, c.e.obj, _("the future")); }, true},
    {"parent",
     [](const Ctx& c) {
       const ObjectInfo* o = Object(c, c.e.obj);
       return o != nullptr ? ObjectName(c, o->parent, _("the executor")) : std::string(_("its caller"));
     }, true},
    {"from", [](const Ctx& c) { return StateLabel(c, c.e.a); }, true},
    {"to", [](const Ctx& c) { return StateLabel(c, c.e.b); }, true},
    {"saved", [](const Ctx& c) { return JoinAnd(SavedFields(c)); }, true},
    {"waker", [](const Ctx& c) { return fmt::format("W{}", c.e.waker); }},
    {"from_waker", [](const Ctx& c) { return fmt::format("W{}", c.e.a); }, true},
    {"device", DeviceName},
    {"what", Payload},
    {"result", Payload},
    {"detail",
     [](const Ctx& c) {
       std::string p = Payload(c);
       size_t sp = p.find(' ');
       return sp == std::string::npos ? p : p.substr(sp + 1);
     }},
    {"queue", [](const Ctx& c) { return Plural(c.e.a, N_("{} task"), N_("{} tasks")); }},
    {"request", [](const Ctx& c) { return fmt::format("{}", c.e.a); }},
    {"due", [](const Ctx& c) { return fmt::format("{} ms", c.e.b); }},
    {"ms", [](const Ctx& c) { return fmt::format("{} ms", c.e.a); }},
    {"depth", [](const Ctx& c) { return fmt::format("{}", c.e.a); }},
    {"scancode", [](const Ctx& c) { return fmt::format("0x{:02X}", c.e.a); }},
    {"time", [](const Ctx& c) { return fmt::format("{} ms", int64_t{c.e.t_ms}); }},
    // Memory events: the first line of the payload (the rest is block snapshots, memory.h).
    {"headline",
     [](const Ctx& c) {
       const std::string_view p = c.trace.Payload(c.e);
       return OneLine(p.substr(0, p.find('\n')));
     }},
    // A dangling dereference's explanation without its "undefined behaviour: " prefix, as a sentence.
    {"ub_detail",
     [](const Ctx& c) {
       const std::string_view p = c.trace.Payload(c.e);
       std::string d = OneLine(p.substr(0, p.find('\n')));
       constexpr std::string_view kPrefix = "undefined behaviour: ";
       if (d.starts_with(kPrefix)) d.erase(0, kPrefix.size());
       if (!d.empty() && d[0] >= 'a' && d[0] <= 'z') d[0] = char(d[0] - 'a' + 'A');
       if (!d.empty() && d.back() != '.') d += '.';
       return d;
     }},
    // The run's end: every unfinished task and what it waits on; how the machine stops.
    {"stuck",
     [](const Ctx& c) {
       std::vector<std::string> parts;
       for (int t : UnfinishedTasks(c)) parts.push_back(StuckTask(c, t));
       return JoinAnd(parts);
     }},
    {"machine_stop",
     [](const Ctx& c) {
       return std::string(c.world != nullptr && c.world->halted ? _("the CPU halts for good") : _("the executor stops"));
     }},
    // Executor code's line steps: the function, the line and its code.
    {"function", [](const Ctx& c) { return ObjectName(c, c.e.obj, _("the executor's code")); }, true},
    {"line", [](const Ctx& c) { return fmt::format("{}", c.e.line); }},
    {"code", [](const Ctx& c) { return SourceLineText(c, c.e.line); }, true},
    {"address", [](const Ctx& c) { return fmt::format("0x{:X}", static_cast<uint64_t>(c.e.a)); }},
    {"to_address", [](const Ctx& c) { return fmt::format("0x{:X}", static_cast<uint64_t>(c.e.b)); }},
    {"thread", [](const Ctx& c) { return ThreadName(c.trace, c.e.a); }, true},
    {"to_thread", [](const Ctx& c) { return ThreadName(c.trace, c.e.b); }, true},
};

const Placeholder* FindPlaceholder(std::string_view name) {
  for (const Placeholder& p : kPlaceholders)
    if (p.name == name) return &p;
  return nullptr;
}

// [SECTION] The table

constexpr size_t kMaxVariants = 5;

struct NarrationRow {
  EventKind kind;
  int (*pick)(const Ctx&);  // which of `text` fits the event; null: always the first
  std::array<const char*, kMaxVariants> text;
};

int TransitionVariant(const Ctx& c) {
  const State* to = StateOf(c, c.e.b);
  if (to != nullptr && to->kind == StateKind::Returned) return 2;
  if (to != nullptr && to->kind == StateKind::Panicked) return 3;
  return SavedFields(c).empty() ? 1 : 0;
}

int Clamp(int64_t v, int hi) { return v < 0 ? 0 : v > hi ? hi : static_cast<int>(v); }

constexpr std::array<NarrationRow, static_cast<size_t>(EventKind::kCount)> kNarrationRows = {{
    {EventKind::Spawn, nullptr,
     {N_("The executor spawns {expr} as {task}. Its future {future} is created in its Start state; "
      "none of its code has run yet.")}},
    {EventKind::PollBegin, [](const Ctx& c) { return c.e.a == 0 ? 0 : 1; },
     {N_("The executor polls {task}: it calls poll on the task's future {future}, which runs until "
      "its next .await that is not ready."),
      N_("{parent} reaches an .await and polls {future} (nesting depth {depth}).")}},
    {EventKind::PollEnd,
     [](const Ctx& c) { return (c.e.a == 0 ? 0 : 2) + (c.e.b == 1 ? 1 : 0); },
     {N_("{task} returns Pending: {future} is waiting, so the executor moves on."),
      N_("{task} returns Ready({result}): {future} has run to completion."),
      N_("{future} returns Pending, so {parent} has to stop here and return Pending too."),
      N_("{future} returns Ready({result}), so {parent} continues right away without giving up the "
      "CPU.")}},
    {EventKind::Transition, TransitionVariant,
     {N_("{future} moves from {from} to {to} and saves {saved}: the values it still needs after this "
      ".await."),
      N_("{future} moves from {from} to {to}. It needs no local values later, so this state holds only "
      "the future it awaits."),
      N_("{future} moves from {from} to {to}: its body has finished, and the saved values are gone."),
      N_("{future} moves from {from} to {to}: it panicked and can never be polled again.")}},
    {EventKind::WakerCreate, [](const Ctx& c) { return c.e.task < 0 ? 1 : 0; },
     {N_("The executor creates waker {waker} for {task}. Whoever holds it can put the task back in the "
      "ready queue."),
      N_("A no-op waker {waker} is created: calling wake on it does nothing, so it can never "
      "reschedule anything.")}},
    {EventKind::WakerClone, nullptr,
     {N_("Waker {from_waker} is cloned into {waker}: another holder can now wake the same task.")}},
    {EventKind::WakerRegister, [](const Ctx& c) { return c.e.device < 0 ? 1 : 0; },
     {N_("{future} hands waker {waker} to {device}, which will call wake when the result is ready."),
      N_("{future} stores waker {waker} so that it can be woken later.")}},
    {EventKind::WakerWake,
     [](const Ctx& c) {
       if (c.e.b != 1) return c.e.waker < 0 ? 4 : 3;
       if (c.e.device < 0) return 2;
       return c.trace.Payload(c.e).empty() ? 1 : 0;
     },
     {N_("{device} finished {what} and wakes {task}: its id goes back into the queue."),
      N_("{device} has something new and wakes {task}: its id goes back into the queue."),
      N_("{task} wakes itself through {waker}: its id goes straight back into the queue."),
      N_("{device} calls wake on {waker}, but it reaches no executor: nothing is put in the queue."),
      N_("{device} has something new, but no waker is registered with it, so no task is woken.")}},
    {EventKind::WakerDrop, nullptr,
     {N_("Waker {waker} is dropped. Once the last clone is gone, nothing can wake its task any more.")}},
    {EventKind::QueuePush, nullptr,
     {N_("{task} is pushed onto the ready queue, which now holds {queue}.")}},
    {EventKind::QueuePop, nullptr,
     {N_("The executor pops {task} off the ready queue ({queue} left) and is about to poll it.")}},
    {EventKind::DeviceStart, [](const Ctx& c) { return c.e.b >= 0 ? 0 : 1; },
     {N_("{future} asks {device} to {what}. The answer is due at {due}; until then the CPU is free for "
      "other work."),
      N_("{future} asks {device} to {what}. Nobody knows when the answer will come.")}},
    {EventKind::DeviceComplete,
     [](const Ctx& c) {
       std::string_view p = c.trace.Payload(c.e);
       if (p.starts_with("push ")) return 1;
       if (p.starts_with("pop ")) return 2;
       return 0;
     },
     {N_("{device} completes request {request} with the result {result}."),
      N_("The keyboard's interrupt handler pushes scancode {detail} into the scancode queue."),
      N_("The stream takes scancode {detail} out of the scancode queue.")}},
    {EventKind::Interrupt,
     [](const Ctx& c) { return c.e.b == 1 ? 2 : c.e.a >= 0x80 ? 3 : c.e.a >= 0 ? 1 : 0; },
     {N_("{device} raises an interrupt: the CPU stops what it was doing and runs its handler."),
      N_("A key press: the keyboard raises an interrupt carrying scancode {scancode}."),
      N_("{device} raises an interrupt, but interrupts are disabled, so it stays pending until they "
      "are enabled again."),
      N_("A key release: the keyboard raises an interrupt carrying scancode {scancode} (codes from "
      "0x80 up are releases).")}},
    {EventKind::Halt, [](const Ctx& c) { return (c.e.a == 1 ? 1 : 0) + (ResumesLater(c) ? 0 : 2); },
     {N_("No task is ready, so the CPU halts until the next interrupt."),
      N_("The CPU halts although a task is in the ready queue: this wake-up is lost until the next "
      "interrupt."),
      N_("No task is ready and no interrupt will ever come again, so the CPU halts for good."),
      N_("The CPU halts although a task is in the ready queue, and no interrupt will ever come again: "
      "the ready task is never polled.")}},
    {EventKind::Resume, nullptr,
     {N_("At {time} an interrupt arrives and the CPU leaves hlt to handle it.")}},
    {EventKind::Print, nullptr, {N_("{task} prints \"{what}\".")}},
    {EventKind::Panic, nullptr,
     {N_("{future} panics: {what}. Its task stops here and cannot be polled again.")}},
    {EventKind::TaskDone, nullptr,
     {N_("{task} is done: its future returned {result}, so the executor removes the task.")}},
    {EventKind::Diagnostic, [](const Ctx& c) { return Clamp(c.e.a, 2); },
     {N_("Note: {what}"), N_("Warning: {what}"), N_("Error: {what}")}},
    {EventKind::Inject, nullptr,
     {N_("You typed a key: scancode {scancode} arrives at the keyboard as if pressed at {time}.")}},
    {EventKind::CpuBusy, [](const Ctx& c) { return c.e.b == 1 ? 1 : 0; },
     {N_("{task} computes for {ms} inside poll ({what}). No other task can run on this core meanwhile."),
      N_("{task} blocks the whole core for {ms} ({what}): the executor cannot poll anything else, and "
      "no timer or disk result is handled in the meantime.")}},
    {EventKind::RunEnd,
     [](const Ctx& c) {
       if (c.e.a == 1 || c.e.a == 2) return static_cast<int>(c.e.a);
       if (c.trace.Payload(c.e).starts_with("process::exit(")) return 4;  // the program ended itself
       return UnfinishedTasks(c).empty() ? 0 : 3;  // finished, or idle for good (a = 0 or 3)
     },
     {N_("Every task has finished, so the run is over."),
      N_("The run stops with a fault: {what}"),
      N_("The run is stopped because it used up its step budget: {what}"),
      N_("Not every task finished: {stuck}. Nothing is left to run, so {machine_stop}."),
      N_("The run ends here because the program called process::exit, whatever still waits: {what}.")}},
    {EventKind::MemAlloc, nullptr, {N_("Memory is reserved at {address}: {headline}")}},
    {EventKind::MemMove, nullptr,
     {N_("A move copies the bytes from {address} to {to_address} and retires the old place: {headline}")}},
    {EventKind::MemFree, nullptr, {N_("The memory at {address} is freed: {headline}")}},
    {EventKind::MemWrite, nullptr, {N_("The program writes at {address}: {headline}")}},
    {EventKind::MemDangling, nullptr,
     {N_("Undefined behaviour: the program reads through a dangling pointer at {address}. {ub_detail}")}},
    {EventKind::ExecLine, [](const Ctx& c) { return c.e.a <= 1 ? 0 : 1; },
     {N_("Executor code: main goes on at line {line}, `{code}`"),
      N_("Executor code: {function} runs line {line}, `{code}`")}},
    {EventKind::ThreadState, [](const Ctx& c) { return c.e.b >= 0 && c.e.b <= 3 ? static_cast<int>(c.e.b) : 0; },
     {N_("{thread} has the core and runs."),
      N_("{thread} blocks {what}. It gives the core away and sleeps until that is done; its own stack "
      "stays reserved all the while."),
      N_("{thread} has finished: its stack is freed."),
      N_("{thread} is ready ({what}) and waits for its turn on the core.")}},
    {EventKind::ContextSwitch, nullptr,
     {N_("The timer interrupt ends the time slice of {thread}, and the CPU switches context: it saves all of "
      "{thread}'s registers (instruction pointer, stack pointer and the rest) on {thread}'s own stack and loads "
      "{to_thread}'s from {to_thread}'s stack. {to_thread} goes on exactly where it was stopped.")}},
}};

constexpr bool RowsInOrder() {
  for (size_t i = 0; i < kNarrationRows.size(); ++i)
    if (static_cast<size_t>(kNarrationRows[i].kind) != i || kNarrationRows[i].text[0] == nullptr) return false;
  return true;
}
static_assert(RowsInOrder(), "one narration row per EventKind, in enum order");

// Whether `s` ends with a Chinese full stop, question or exclamation mark or closing quote.
bool EndsWithCjkStop(std::string_view s) {
  for (std::string_view stop : {"\u3002", "\uFF01", "\uFF1F", "\u201D", "\uFF09"})
    if (s.ends_with(stop)) return true;
  return false;
}

std::string Fill(std::string_view tmpl, const Ctx& c) {
  std::string out;
  bool starts_with_code = false;
  while (!tmpl.empty()) {
    size_t open = tmpl.find('{');
    size_t close = open == std::string_view::npos ? open : tmpl.find('}', open);
    if (close == std::string_view::npos) {
      out += tmpl;
      break;
    }
    out += tmpl.substr(0, open);
    std::string_view name = tmpl.substr(open + 1, close - open - 1);
    if (const Placeholder* p = FindPlaceholder(name)) {
      if (out.empty()) starts_with_code = p->code;
      out += p->fill(c);
    } else out += tmpl.substr(open, close - open + 1);
    tmpl.remove_prefix(close + 1);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  // Payloads at the end of a sentence ("Error: {what}") bring no full stop of their own.
  // In Chinese a Chinese full stop, unless the sentence ends in a Latin payload.
  const bool zh = CurrentLanguage() == Lang::Zh;
  if (!out.empty() && std::string_view(".!?\"").find(out.back()) == std::string_view::npos &&
      !EndsWithCjkStop(out))
    out += zh && static_cast<unsigned char>(out.back()) >= 0x80 ? "\u3002" : ".";
  // Chinese has no capitals: a Latin name at its start (a device) keeps its own spelling.
  if (!out.empty() && !starts_with_code && !zh) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

// The row's variant for `c`: the picker's choice when it names a template, else the first.
int PickVariant(const Ctx& c) {
  const NarrationRow& row = kNarrationRows[static_cast<size_t>(c.e.kind)];
  const int v = row.pick != nullptr ? row.pick(c) : 0;
  return v >= 0 && static_cast<size_t>(v) < kMaxVariants && row.text[static_cast<size_t>(v)] != nullptr ? v : 0;
}

// Calls `f` with the context of the event at `step` (which must be inside the trace), the world
// attached when the kind needs it: `world` when it is the state after `step`, else folded.
template <typename F>
auto WithContext(const Trace& trace, const Program* program, int64_t step, const WorldState* world, F f) {
  const Event& e = trace.events[static_cast<size_t>(step)];
  std::optional<WorldState> folded;
  if (NeedsWorld(e.kind) && (world == nullptr || world->step != step)) world = &folded.emplace(FoldTrace(trace, step));
  return f(Ctx{trace, program, e, step, NeedsWorld(e.kind) ? world : nullptr});
}

}  // namespace

std::string Narrate(const Trace& trace, const Program* program, int64_t step, const WorldState* world) {
  if (step < 0) return _("Nothing has happened yet. Step forward to watch the executor start.");
  if (static_cast<size_t>(step) >= trace.events.size()) return _("The run is over.");
  return WithContext(trace, program, step, world, [](const Ctx& c) {
    return Fill(Tr(kNarrationRows[static_cast<size_t>(c.e.kind)].text[static_cast<size_t>(PickVariant(c))]), c);
  });
}

int NarrationVariantAt(const Trace& trace, const Program* program, int64_t step, const WorldState* world) {
  if (step < 0 || static_cast<size_t>(step) >= trace.events.size()) return -1;
  return WithContext(trace, program, step, world, PickVariant);
}

std::string NarrateSource(const Scenario* scenario, int64_t step) {
  if (scenario == nullptr) return "";
  const ScenarioTexts texts = CurrentTexts(*scenario);
  std::string out;
  if (!texts.document.empty() || !texts.section.empty()) {
    out = std::string(_("From: ")) + texts.document;
    if (!texts.document.empty() && !texts.section.empty()) out += ", ";
    out += texts.section;
  }
  for (size_t i = 0; i < scenario->notes.size(); ++i) {
    if (scenario->notes[i].step != step) continue;
    if (!out.empty()) out += '\n';
    out += texts.notes[i];
  }
  return out;
}

std::string_view NarrationTemplate(EventKind kind, int variant) {
  size_t k = static_cast<size_t>(kind);
  if (k >= kNarrationRows.size() || variant < 0 || static_cast<size_t>(variant) >= kMaxVariants) return "";
  const char* t = kNarrationRows[k].text[static_cast<size_t>(variant)];
  return t != nullptr ? t : "";
}

int NarrationVariants(EventKind kind) {
  int n = 0;
  while (!NarrationTemplate(kind, n).empty()) ++n;
  return n;
}

bool IsNarrationPlaceholder(std::string_view name) { return FindPlaceholder(name) != nullptr; }

}  // namespace aws::present
