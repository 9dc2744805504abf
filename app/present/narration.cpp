// The narration table: one row per event kind, each with the sentence templates of its variants
// and a picker choosing the variant for an event. Placeholders are filled from a second table.
#include "present/narration.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <span>

namespace aws::present {
namespace {

struct Ctx {
  const Trace& trace;
  const Program* program;
  const Event& e;
};

// [SECTION] Helpers for the placeholders

const ObjectInfo* Object(const Ctx& c, int id) {
  if (id < 0 || static_cast<size_t>(id) >= c.trace.objects.size()) return nullptr;
  return &c.trace.objects[static_cast<size_t>(id)];
}

const Machine* MachineOf(const Ctx& c) {
  const ObjectInfo* o = Object(c, c.e.obj);
  if (c.program == nullptr || o == nullptr || o->kind != ObjectKind::Machine || o->machine < 0 ||
      static_cast<size_t>(o->machine) >= c.program->machines.size())
    return nullptr;
  return &c.program->machines[static_cast<size_t>(o->machine)];
}

const State* StateOf(const Ctx& c, int64_t index) {
  const Machine* m = MachineOf(c);
  if (m == nullptr || index < 0 || static_cast<size_t>(index) >= m->states.size()) return nullptr;
  return &m->states[static_cast<size_t>(index)];
}

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

std::string DeviceName(const Ctx& c) {
  int d = c.e.device;
  if (d < 0 || static_cast<size_t>(d) >= c.trace.devices.size()) return "the task itself";
  const DeviceInfo& dev = c.trace.devices[static_cast<size_t>(d)];
  std::string_view name = dev.name;
  if (size_t colon = name.find(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
  if (dev.kind == "op") return fmt::format("the {} operation", name);
  if (dev.kind == "thread") return fmt::format("the {} thread", name);
  return fmt::format("the {}", name);
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
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

std::string Plural(int64_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// [SECTION] The placeholders

struct Placeholder {
  std::string_view name;
  std::string (*fill)(const Ctx&);
  bool code = false;  // fills in a name from the program (`example`): never capitalized
};

constexpr Placeholder kPlaceholders[] = {
    {"task", [](const Ctx& c) { return c.e.task >= 0 ? fmt::format("task {}", c.e.task) : std::string("no task"); }},
    {"expr",
     [](const Ctx& c) {
       size_t t = static_cast<size_t>(c.e.task);
       return c.e.task >= 0 && t < c.trace.tasks.size() ? c.trace.tasks[t].name : Payload(c);
     }, true},
    {"future", [](const Ctx& c) { return ObjectName(c, c.e.obj, "the future"); }, true},
    {"parent",
     [](const Ctx& c) {
       const ObjectInfo* o = Object(c, c.e.obj);
       return o != nullptr ? ObjectName(c, o->parent, "the executor") : std::string("its caller");
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
    {"queue", [](const Ctx& c) { return Plural(c.e.a, "task", "tasks"); }},
    {"request", [](const Ctx& c) { return fmt::format("{}", c.e.a); }},
    {"due", [](const Ctx& c) { return fmt::format("{} ms", c.e.b); }},
    {"ms", [](const Ctx& c) { return fmt::format("{} ms", c.e.a); }},
    {"depth", [](const Ctx& c) { return fmt::format("{}", c.e.a); }},
    {"scancode", [](const Ctx& c) { return fmt::format("0x{:02X}", c.e.a); }},
    {"time", [](const Ctx& c) { return fmt::format("{} ms", c.e.t_ms); }},
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
    {"address", [](const Ctx& c) { return fmt::format("0x{:X}", static_cast<uint64_t>(c.e.a)); }},
    {"to_address", [](const Ctx& c) { return fmt::format("0x{:X}", static_cast<uint64_t>(c.e.b)); }},
};

const Placeholder* FindPlaceholder(std::string_view name) {
  for (const Placeholder& p : kPlaceholders)
    if (p.name == name) return &p;
  return nullptr;
}

// [SECTION] The table

constexpr size_t kMaxVariants = 4;

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

constexpr std::array<NarrationRow, static_cast<size_t>(EventKind::kCount)> kRows = {{
    {EventKind::Spawn, nullptr,
     {"The executor spawns {expr} as {task}. Its future {future} is created in its Start state; "
      "none of its code has run yet."}},
    {EventKind::PollBegin, [](const Ctx& c) { return c.e.a == 0 ? 0 : 1; },
     {"The executor polls {task}: it calls poll on the task's future {future}, which runs until "
      "its next .await that is not ready.",
      "{parent} reaches an .await and polls {future} (nesting depth {depth})."}},
    {EventKind::PollEnd,
     [](const Ctx& c) { return (c.e.a == 0 ? 0 : 2) + (c.e.b == 1 ? 1 : 0); },
     {"{task} returns Pending: {future} is waiting, so the executor moves on.",
      "{task} returns Ready({result}): {future} has run to completion.",
      "{future} returns Pending, so {parent} has to stop here and return Pending too.",
      "{future} returns Ready({result}), so {parent} continues right away without giving up the "
      "CPU."}},
    {EventKind::Transition, TransitionVariant,
     {"{future} moves from {from} to {to} and saves {saved}: the values it still needs after this "
      ".await.",
      "{future} moves from {from} to {to}. It needs no local values later, so this state holds only "
      "the future it awaits.",
      "{future} moves from {from} to {to}: its body has finished, and the saved values are gone.",
      "{future} moves from {from} to {to}: it panicked and can never be polled again."}},
    {EventKind::WakerCreate, [](const Ctx& c) { return c.e.task < 0 ? 1 : 0; },
     {"The executor creates waker {waker} for {task}. Whoever holds it can put the task back in the "
      "ready queue.",
      "A no-op waker {waker} is created: calling wake on it does nothing, so it can never "
      "reschedule anything."}},
    {EventKind::WakerClone, nullptr,
     {"Waker {from_waker} is cloned into {waker}: another holder can now wake the same task."}},
    {EventKind::WakerRegister, [](const Ctx& c) { return c.e.device < 0 ? 1 : 0; },
     {"{future} hands waker {waker} to {device}, which will call wake when the result is ready.",
      "{future} stores waker {waker} so that it can be woken later."}},
    {EventKind::WakerWake,
     [](const Ctx& c) {
       if (c.e.b != 1) return 3;
       if (c.e.device < 0) return 2;
       return c.trace.Payload(c.e).empty() ? 1 : 0;
     },
     {"{device} finished {what} and wakes {task}: its id goes back into the queue.",
      "{device} has something new and wakes {task}: its id goes back into the queue.",
      "{task} wakes itself through {waker}: its id goes straight back into the queue.",
      "{device} calls wake on {waker}, but it reaches no executor: nothing is put in the queue."}},
    {EventKind::WakerDrop, nullptr,
     {"Waker {waker} is dropped. Once the last clone is gone, nothing can wake its task any more."}},
    {EventKind::QueuePush, nullptr,
     {"{task} is pushed onto the ready queue, which now holds {queue}."}},
    {EventKind::QueuePop, nullptr,
     {"The executor pops {task} off the ready queue ({queue} left) and is about to poll it."}},
    {EventKind::DeviceStart, [](const Ctx& c) { return c.e.b >= 0 ? 0 : 1; },
     {"{future} asks {device} to {what}. The answer is due at {due}; until then the CPU is free for "
      "other work.",
      "{future} asks {device} to {what}. Nobody knows when the answer will come."}},
    {EventKind::DeviceComplete,
     [](const Ctx& c) {
       std::string_view p = c.trace.Payload(c.e);
       if (p.starts_with("push ")) return 1;
       if (p.starts_with("pop ")) return 2;
       return 0;
     },
     {"{device} completes request {request} with the result {result}.",
      "The keyboard's interrupt handler pushes scancode {detail} into the scancode queue.",
      "The stream takes scancode {detail} out of the scancode queue."}},
    {EventKind::Interrupt,
     [](const Ctx& c) { return c.e.b == 1 ? 2 : c.e.a >= 0x80 ? 3 : c.e.a >= 0 ? 1 : 0; },
     {"{device} raises an interrupt: the CPU stops what it was doing and runs its handler.",
      "A key press: the keyboard raises an interrupt carrying scancode {scancode}.",
      "{device} raises an interrupt, but interrupts are disabled, so it stays pending until they "
      "are enabled again.",
      "A key release: the keyboard raises an interrupt carrying scancode {scancode} (codes from "
      "0x80 up are releases)."}},
    {EventKind::Halt, [](const Ctx& c) { return c.e.a == 1 ? 1 : 0; },
     {"No task is ready, so the CPU halts until the next interrupt.",
      "The CPU halts although a task is in the ready queue: this wake-up is lost until the next "
      "interrupt."}},
    {EventKind::Resume, nullptr,
     {"At {time} an interrupt arrives and the CPU leaves hlt to handle it."}},
    {EventKind::Print, nullptr, {"{task} prints \"{what}\"."}},
    {EventKind::Panic, nullptr,
     {"{future} panics: {what}. Its task stops here and cannot be polled again."}},
    {EventKind::TaskDone, nullptr,
     {"{task} is done: its future returned {result}, so the executor removes the task."}},
    {EventKind::Diagnostic, [](const Ctx& c) { return Clamp(c.e.a, 2); },
     {"Note: {what}", "Warning: {what}", "Error: {what}"}},
    {EventKind::Inject, nullptr,
     {"You typed a key: scancode {scancode} arrives at the keyboard as if pressed at {time}."}},
    {EventKind::CpuBusy, [](const Ctx& c) { return c.e.b == 1 ? 1 : 0; },
     {"{task} computes for {ms} inside poll ({what}). No other task can run on this core meanwhile.",
      "{task} blocks the whole core for {ms} ({what}): the executor cannot poll anything else, and "
      "no timer or disk result is handled in the meantime."}},
    {EventKind::RunEnd, [](const Ctx& c) { return Clamp(c.e.a, 3); },
     {"Every task has finished, so the run is over.",
      "The run stops with a fault: {what}",
      "The run is stopped because it used up its step budget: {what}",
      "The run ends idle: no task is ready and no device will ever wake one. {what}"}},
    {EventKind::MemAlloc, nullptr, {"Memory is reserved at {address}: {headline}"}},
    {EventKind::MemMove, nullptr,
     {"A move copies the bytes from {address} to {to_address} and retires the old place: {headline}"}},
    {EventKind::MemFree, nullptr, {"The memory at {address} is freed: {headline}"}},
    {EventKind::MemWrite, nullptr, {"The program writes at {address}: {headline}"}},
    {EventKind::MemDangling, nullptr,
     {"Undefined behaviour: the program reads through a dangling pointer at {address}. {ub_detail}"}},
}};

constexpr bool RowsInOrder() {
  for (size_t i = 0; i < kRows.size(); ++i)
    if (static_cast<size_t>(kRows[i].kind) != i || kRows[i].text[0] == nullptr) return false;
  return true;
}
static_assert(RowsInOrder(), "one narration row per EventKind, in enum order");

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
  if (!out.empty() && std::string_view(".!?\"").find(out.back()) == std::string_view::npos) out += '.';
  if (!out.empty() && !starts_with_code) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

}  // namespace

std::string Narrate(const Trace& trace, const Program* program, int64_t step) {
  if (step < 0) return "Nothing has happened yet. Step forward to watch the executor start.";
  if (static_cast<size_t>(step) >= trace.events.size()) return "The run is over.";
  const Event& e = trace.events[static_cast<size_t>(step)];
  Ctx c{trace, program, e};
  const NarrationRow& row = kRows[static_cast<size_t>(e.kind)];
  int v = row.pick != nullptr ? row.pick(c) : 0;
  const char* text = v >= 0 && static_cast<size_t>(v) < kMaxVariants && row.text[v] ? row.text[v] : row.text[0];
  return Fill(text, c);
}

std::string NarrateSource(const Scenario* scenario, int64_t step) {
  if (scenario == nullptr) return "";
  std::string out;
  if (!scenario->document.empty() || !scenario->section.empty()) {
    out = "From: " + scenario->document;
    if (!scenario->document.empty() && !scenario->section.empty()) out += ", ";
    out += scenario->section;
  }
  for (const NoteSpec& n : scenario->notes) {
    if (n.step != step) continue;
    if (!out.empty()) out += '\n';
    out += n.text;
  }
  return out;
}

std::string_view NarrationTemplate(EventKind kind, int variant) {
  size_t k = static_cast<size_t>(kind);
  if (k >= kRows.size() || variant < 0 || static_cast<size_t>(variant) >= kMaxVariants) return "";
  const char* t = kRows[k].text[static_cast<size_t>(variant)];
  return t != nullptr ? t : "";
}

int NarrationVariants(EventKind kind) {
  int n = 0;
  while (!NarrationTemplate(kind, n).empty()) ++n;
  return n;
}

bool IsNarrationPlaceholder(std::string_view name) { return FindPlaceholder(name) != nullptr; }

}  // namespace aws::present
