// Text and native JSON output of a Trace (the Chrome Trace Event writer is trace_chrome.cpp,
// reading native traces back for replay trace_read.cpp). See trace_io.h.
//
// Native JSON event fields (after step, t_ms, kind; `line` last: the script line executing, 0
// none). Ids that may be absent (-1) are written as null.
//
// | kind            | fields                                                              |
// |-----------------|---------------------------------------------------------------------|
// | spawn           | task, future, expr                                                  |
// | poll_begin      | task, future, depth                                                 |
// | poll_end        | task, future, depth, result ("Pending"/"Ready"), value (Ready only)  |
// | transition      | task, future, from, to, [from_label, to_label], fields {name: value}|
// | waker_create    | waker, task                                                         |
// | waker_clone     | waker, from                                                         |
// | register        | waker, future, device                                               |
// | wake            | waker, task, device (null: the task itself), reached_executor,      |
// |                 | detail (when the runtime gave one)                                  |
// | waker_drop      | waker                                                               |
// | queue_push/_pop | task, queue_len                                                     |
// | device_start    | device, future, request, due_ms, what                               |
// | device_complete | device, request, result                                             |
// | interrupt       | device, scancode, held                                              |
// | halt            | queue_nonempty                                                      |
// | resume          | -                                                                   |
// | print           | task, text                                                          |
// | panic           | task, future, message                                               |
// | task_done       | task, value                                                         |
// | diagnostic      | task, level ("note"/"warning"/"error"), message                     |
// | inject          | device, scancode                                                    |
// | cpu_busy        | task, duration_ms, blocking, what                                   |
// | run_end         | reason ("finished"/"faulted"/"stopped"/"idle"), why                 |
// | mem_alloc       | block, address, size, what, blocks                                  |
// | mem_move        | block, from, to, what, blocks                                       |
// | mem_free        | block, address, size, what, blocks                                  |
// | mem_write       | block, address, pointer (null: not a pointer), what, blocks         |
// | mem_dangling    | task, block, address, pointer_at, what                              |
// | exec_line       | fn, frame, depth (executor code's line step; `line` is the line)    |
//
// Addresses are strings in hex ("0x1001C"). `blocks` lists the snapshots the event carries
// (memory.h): id, address, size, align, region, type, owner, object, state, pinned, unpin,
// live, moved_from, fields [{name, type, offset, size, variant, value, pointer, target,
// target_name, dangling, self_ref, offset_ref, stale}] and bytes (hex).
#include "awaitscope/trace_io.h"

#include <fmt/format.h>

#include "text_escape.h"

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>

#include "awaitscope/lower.h"
#include "awaitscope/memory.h"
#include "trace_json.h"

namespace aws {
namespace {

using Json = nlohmann::ordered_json;

// Invalid UTF-8 (a payload sliced mid-character) is replaced, never thrown about.
std::string Dump(const Json& j, int indent = -1) {
  return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

std::string Quote(std::string_view s) { return RustQuote(s); }


}  // namespace

namespace trace_json {

namespace {
const char* kEndReasons[] = {"finished", "faulted", "stopped", "idle"};
const char* kLevels[] = {"note", "warning", "error"};
}  // namespace

const char* EndReasonName(int64_t a) {
  return a >= 0 && a <= 3 ? kEndReasons[a] : "unknown";
}
const char* LevelName(int64_t a) {
  return a >= 0 && a <= 2 ? kLevels[a] : "note";
}

std::string FutureName(const Trace& t, int32_t obj) {
  if (obj < 0) return "none";
  std::string name = static_cast<size_t>(obj) < t.objects.size() ? t.objects[obj].name : "?";
  return fmt::format("{}#{}", name, obj);
}

std::string DeviceName(const Trace& t, int32_t device) {
  if (device >= 0 && static_cast<size_t>(device) < t.devices.size()) return t.devices[device].name;
  return fmt::format("device{}", device);
}

const char* StateLabel(const Trace& t, const Program* program, int32_t obj, int64_t state) {
  if (!program || obj < 0 || static_cast<size_t>(obj) >= t.objects.size()) return nullptr;
  int m = t.objects[obj].machine;
  if (m < 0 || static_cast<size_t>(m) >= program->machines.size()) return nullptr;
  const auto& states = program->machines[m].states;
  if (state < 0 || static_cast<size_t>(state) >= states.size()) return nullptr;
  const State& s = states[state];
  return s.label.empty() ? s.name.c_str() : s.label.c_str();
}

bool PlainJson(std::string_view s) {
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f || c == '"' || c == '\\') return false;
  }
  return true;
}

void AppendJsonString(std::string& out, std::string_view s) {
  if (!PlainJson(s)) {
    out += Dump(Json(std::string(s)));
    return;
  }
  out += '"';
  out += s;
  out += '"';
}

// "a=1\nb=2" -> {"a":"1","b":"2"} (a repeated name keeps its first place and last value).
void AppendStateFields(std::string& out, std::string_view p) {
  std::vector<std::pair<std::string_view, std::string_view>> fields;
  while (!p.empty()) {
    size_t nl = p.find('\n');
    std::string_view line = p.substr(0, nl);
    if (!line.empty()) {
      size_t eq = line.find('=');
      std::string_view name = line.substr(0, eq);
      std::string_view value =
          eq == std::string_view::npos ? std::string_view() : line.substr(eq + 1);
      auto it = std::find_if(fields.begin(), fields.end(),
                             [&](const auto& f) { return f.first == name; });
      if (it == fields.end())
        fields.emplace_back(name, value);
      else
        it->second = value;
    }
    if (nl == std::string_view::npos) break;
    p.remove_prefix(nl + 1);
  }
  JObj o(out);
  for (const auto& [name, value] : fields)
    o.Str(name, value);
}

}  // namespace trace_json

namespace {

using namespace trace_json;

// A memory event's payload: the headline as `what`, the block snapshots as `blocks`.
void AppendMemoryPayload(JObj& o, std::string_view payload) {
  size_t nl = payload.find('\n');
  o.Str("what", payload.substr(0, nl));
  std::vector<MemBlock> blocks;
  if (nl != std::string_view::npos) DecodeBlocks(payload.substr(nl + 1), &blocks);
  Json arr = Json::array();
  for (const MemBlock& b : blocks) {
    Json jb;
    jb["id"] = b.id;
    jb["address"] = HexAddress(b.address);
    jb["size"] = b.size;
    jb["align"] = b.align;
    jb["region"] = MemRegionName(b.region);
    jb["type"] = b.type_name;
    jb["owner"] = b.owner;
    jb["object"] = b.object >= 0 ? Json(b.object) : Json(nullptr);
    jb["state"] = b.state >= 0 ? Json(b.state) : Json(nullptr);
    jb["pinned"] = b.pinned;
    jb["unpin"] = b.unpin;
    jb["live"] = b.live;
    jb["moved_from"] = b.moved_from != 0 ? Json(HexAddress(b.moved_from)) : Json(nullptr);
    Json fields = Json::array();
    for (const MemField& f : b.fields) {
      Json jf;
      jf["name"] = f.name;
      jf["type"] = f.type;
      jf["offset"] = f.offset;
      jf["size"] = f.size;
      jf["variant"] = f.variant >= 0 ? Json(f.variant) : Json(nullptr);
      jf["value"] = f.value;
      jf["pointer"] = f.is_pointer;
      if (f.is_pointer) {
        jf["target"] = HexAddress(f.target);
        jf["target_name"] = f.target_name;
        jf["dangling"] = f.dangling;
        jf["self_ref"] = f.self_ref;
        jf["offset_ref"] = f.offset_ref;
      }
      jf["stale"] = f.stale;
      fields.push_back(std::move(jf));
    }
    jb["fields"] = std::move(fields);
    std::string hex;
    for (uint8_t byte : b.bytes) hex += fmt::format("{:02x}", byte);
    jb["bytes"] = hex;
    arr.push_back(std::move(jb));
  }
  o.Key("blocks") += Dump(arr);
}


// [SECTION] Native JSON: one event

void AppendEventJson(std::string& out, const Trace& t, const Program* program, const Event& e,
                     int64_t step) {
  JObj o(out);
  o.Int("step", step);
  o.Int("t_ms", e.t_ms);
  o.Str("kind", EventKindName(e.kind));
  const std::string& payload = t.Payload(e);
  bool has_payload = e.payload >= 0 && static_cast<size_t>(e.payload) < t.strings.size();
  switch (e.kind) {
    case EventKind::Spawn:
      o.Id("task", e.task);
      o.Id("future", e.obj);
      o.Str("expr", payload);
      break;
    case EventKind::PollBegin:
      o.Id("task", e.task);
      o.Id("future", e.obj);
      o.Int("depth", e.a);
      break;
    case EventKind::PollEnd:
      o.Id("task", e.task);
      o.Id("future", e.obj);
      o.Int("depth", e.a);
      o.Str("result", e.b == 1 ? "Ready" : "Pending");
      if (e.b == 1 && has_payload) o.Str("value", payload);
      break;
    case EventKind::Transition: {
      o.Id("task", e.task);
      o.Id("future", e.obj);
      o.Int("from", e.a);
      o.Int("to", e.b);
      const char* from = StateLabel(t, program, e.obj, e.a);
      const char* to = StateLabel(t, program, e.obj, e.b);
      if (from) o.Str("from_label", from);
      if (to) o.Str("to_label", to);
      AppendStateFields(o.Key("fields"), payload);
      break;
    }
    case EventKind::WakerCreate:
      o.Id("waker", e.waker);
      o.Id("task", e.task);
      break;
    case EventKind::WakerClone:
      o.Id("waker", e.waker);
      o.Id("from", e.a);
      break;
    case EventKind::WakerRegister:
      o.Id("waker", e.waker);
      o.Id("future", e.obj);
      o.Id("device", e.device);
      break;
    case EventKind::WakerWake:
      o.Id("waker", e.waker);
      o.Id("task", e.task);
      o.Id("device", e.device);
      o.Bool("reached_executor", e.b == 1);
      if (has_payload && !payload.empty()) o.Str("detail", payload);
      break;
    case EventKind::WakerDrop:
      o.Id("waker", e.waker);
      break;
    case EventKind::QueuePush:
    case EventKind::QueuePop:
      o.Id("task", e.task);
      o.Int("queue_len", e.a);
      break;
    case EventKind::DeviceStart:
      o.Id("device", e.device);
      o.Id("future", e.obj);
      o.Int("request", e.a);
      o.Id("due_ms", e.b);
      o.Str("what", payload);
      break;
    case EventKind::DeviceComplete:
      o.Id("device", e.device);
      o.Int("request", e.a);
      o.Str("result", payload);
      break;
    case EventKind::Interrupt:
      o.Id("device", e.device);
      o.Id("scancode", e.a);
      o.Bool("held", e.b == 1);
      break;
    case EventKind::Halt:
      o.Bool("queue_nonempty", e.a == 1);
      break;
    case EventKind::Resume:
      break;
    case EventKind::Print:
      o.Id("task", e.task);
      o.Str("text", payload);
      break;
    case EventKind::Panic:
      o.Id("task", e.task);
      o.Id("future", e.obj);
      o.Str("message", payload);
      break;
    case EventKind::TaskDone:
      o.Id("task", e.task);
      o.Str("value", payload);
      break;
    case EventKind::Diagnostic:
      o.Id("task", e.task);
      o.Str("level", LevelName(e.a));
      o.Str("message", payload);
      break;
    case EventKind::Inject:
      o.Id("device", e.device);
      o.Int("scancode", e.a);
      break;
    case EventKind::CpuBusy:
      o.Id("task", e.task);
      o.Int("duration_ms", e.a);
      o.Bool("blocking", e.b == 1);
      o.Str("what", payload);
      break;
    case EventKind::RunEnd:
      o.Str("reason", EndReasonName(e.a));
      o.Str("why", payload);
      break;
    case EventKind::MemAlloc:
    case EventKind::MemFree:
      o.Id("block", e.obj);
      o.Str("address", HexAddress(static_cast<uint64_t>(e.a)));
      o.Int("size", e.b);
      AppendMemoryPayload(o, payload);
      break;
    case EventKind::MemMove:
      o.Id("block", e.obj);
      o.Str("from", HexAddress(static_cast<uint64_t>(e.a)));
      o.Str("to", HexAddress(static_cast<uint64_t>(e.b)));
      AppendMemoryPayload(o, payload);
      break;
    case EventKind::MemWrite:
      o.Id("block", e.obj);
      o.Str("address", HexAddress(static_cast<uint64_t>(e.a)));
      if (e.b >= 0) o.Str("pointer", HexAddress(static_cast<uint64_t>(e.b)));
      else o.Key("pointer") += "null";
      AppendMemoryPayload(o, payload);
      break;
    case EventKind::MemDangling:
      o.Id("task", e.task);
      o.Id("block", e.obj);
      o.Str("address", HexAddress(static_cast<uint64_t>(e.a)));
      if (e.b >= 0) o.Str("pointer_at", HexAddress(static_cast<uint64_t>(e.b)));
      else o.Key("pointer_at") += "null";
      o.Str("what", payload);
      break;
    case EventKind::ExecLine:
      o.Str("fn", e.obj >= 0 && static_cast<size_t>(e.obj) < t.objects.size() ? t.objects[e.obj].name : "");
      o.Id("frame", e.obj);
      o.Int("depth", e.a);
      break;
    case EventKind::ThreadState:
      o.Int("thread", e.a);
      o.Str("state", ThreadStateName(e.b));
      o.Str(e.b == kThreadBlocked ? "waits" : e.b == kThreadReady ? "why" : "name", payload);
      break;
    case EventKind::ContextSwitch:
      o.Int("from", e.a);
      o.Int("to", e.b);
      o.Id("device", e.device);
      o.Str("saved", payload);
      break;
    case EventKind::kCount:
      break;
  }
  o.Int("line", e.line);
}

const char* ObjectKindName(ObjectKind k) {
  switch (k) {
    case ObjectKind::Machine:
      return "machine";
    case ObjectKind::Leaf:
      return "leaf";
    case ObjectKind::Combinator:
      return "combinator";
  }
  return "machine";
}

// [SECTION] Native JSON: layout
//
// Pretty-printed with two spaces, except that the rows of the tables and the events are one
// compact object per line, so that 10^6-event traces stay greppable and diffable.

void AppendIndented(std::string& out, const std::string& text, const char* indent) {
  size_t pos = 0;
  for (size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', pos)) {
    out.append(text, pos, nl + 1 - pos);
    out += indent;
    pos = nl + 1;
  }
  out.append(text, pos, std::string::npos);
}

class JsonWriter {
 public:
  explicit JsonWriter(OutStream& out) : stream_(out), out_(out.buf()) { out_ += "{\n"; }
  void Key(const char* key) {
    if (!first_) out_ += ",\n";
    first_ = false;
    out_ += "  ";
    out_ += Dump(Json(key));
    out_ += ": ";
  }
  void Value(const char* key, const Json& v) {
    Key(key);
    AppendIndented(out_, Dump(v, 2), "  ");
    stream_.Pump();
  }
  // An array with one compact row per line; row(i, out) appends row i.
  template <typename RowFn>
  void Rows(const char* key, size_t n, RowFn&& row) {
    Key(key);
    if (n == 0) {
      out_ += "[]";
      return;
    }
    out_ += "[\n";
    for (size_t i = 0; i < n; ++i) {
      out_ += "    ";
      row(i, out_);
      out_ += i + 1 < n ? ",\n" : "\n";
      stream_.Pump();
    }
    out_ += "  ]";
  }
  void Close() {
    out_ += "\n}\n";
    stream_.Pump();
  }

 private:
  OutStream& stream_;
  std::string& out_;  // stream_.buf()
  bool first_ = true;
};

}  // namespace

// [SECTION] Public functions

NativeTraceSource MakeTraceSource(const Scenario& scenario, const std::string& file_text,
                                  const RunOptions& options) {
  NativeTraceSource s;
  s.path = scenario.path;
  s.text = file_text;
  s.script_path = scenario.script.name();
  s.script_text = scenario.script.text();
  s.options = options;
  return s;
}

std::string TraceSummaryLine(const Trace& t) {
  const TraceSummary& s = t.summary;
  return fmt::format(
      "summary: polls={} pending={} ready={} wakes={} end_time={}ms end={} output={}", s.polls,
      s.pending, s.ready, s.wakes, s.end_time_ms, EndReasonName(s.end_reason), Quote(s.output));
}

void WriteTraceText(const Trace& trace, const Program* program, OutStream& out, const TraceTextOptions& options) {
  std::string& buf = out.buf();
  for (const Event& e : trace.events) {
    if (e.kind == EventKind::ExecLine && !options.exec_lines) continue;
    AppendEventText(buf, trace, e, program);
    buf += '\n';
    out.Pump();
  }
  buf += TraceSummaryLine(trace);
  buf += '\n';
  out.Pump();
}

std::string TraceToText(const Trace& trace, const Program* program, const TraceTextOptions& options) {
  std::string text;
  text.reserve(trace.events.size() * 48 + 128);
  OutStream out(&text);
  WriteTraceText(trace, program, out, options);
  return text;
}

std::string TraceToJson(const Trace& t, const Program* program, const NativeTraceSource& source) {
  std::string text;
  text.reserve(t.events.size() * 96 + source.text.size() + source.script_text.size() + 1024);
  OutStream out(&text);
  WriteTraceJson(t, program, source, out);
  return text;
}

void WriteTraceJson(const Trace& t, const Program* program, const NativeTraceSource& source,
                    OutStream& out) {
  JsonWriter w(out);
  w.Value("format", kFormat);
  w.Value("version", kVersion);
  w.Value("scenario", t.scenario);
  w.Value("executor", t.executor);
  Json summary;
  summary["polls"] = t.summary.polls;
  summary["pending"] = t.summary.pending;
  summary["ready"] = t.summary.ready;
  summary["wakes"] = t.summary.wakes;
  summary["end_time_ms"] = t.summary.end_time_ms;
  summary["output"] = t.summary.output;
  summary["end"] = EndReasonName(t.summary.end_reason);
  w.Value("summary", summary);
  Json src;
  src["path"] = source.path;
  src["text"] = source.text;
  src["script_path"] = source.script_path;
  src["script_text"] = source.script_text;
  w.Value("source", src);
  Json options;
  options["executor"] = source.options.executor;
  options["max_events"] = source.options.max_events;
  options["max_statements_per_poll"] = source.options.max_statements_per_poll;
  options["max_time_ms"] = source.options.max_time_ms;
  options["poll_after_ready"] = source.options.poll_after_ready;
  w.Value("options", options);
  // The keystrokes to replay: the trace's record of them, else what the run was given.
  const std::vector<KeyInput>& injected = t.injected.empty() ? source.options.injected : t.injected;
  w.Rows("injected", injected.size(), [&](size_t i, std::string& row) {
    JObj k(row);
    k.Int("t_ms", injected[i].t_ms);
    k.Int("scancode", injected[i].scancode);
  });
  w.Rows("tasks", t.tasks.size(), [&](size_t i, std::string& row) {
    JObj k(row);
    k.Int("id", static_cast<int64_t>(i));
    k.Str("name", t.tasks[i].name);
    k.Id("root", t.tasks[i].root);
    k.Int("spawned_step", t.tasks[i].spawned_step);
  });
  w.Rows("devices", t.devices.size(), [&](size_t i, std::string& row) {
    JObj k(row);
    k.Int("id", static_cast<int64_t>(i));
    k.Str("name", t.devices[i].name);
    k.Str("kind", t.devices[i].kind);
  });
  w.Rows("objects", t.objects.size(), [&](size_t i, std::string& row) {
    const ObjectInfo& o = t.objects[i];
    JObj k(row);
    k.Int("id", static_cast<int64_t>(i));
    k.Str("kind", ObjectKindName(o.kind));
    k.Str("name", o.name);
    k.Id("machine", o.machine);
    if (program && o.machine >= 0 && static_cast<size_t>(o.machine) < program->machines.size())
      k.Str("machine_name", program->machines[o.machine].name);
    k.Id("parent", o.parent);
    k.Id("task", o.task);
    k.Int("created_step", o.created_step);
  });
  w.Rows("events", t.events.size(), [&](size_t i, std::string& row) {
    AppendEventJson(row, t, program, t.events[i], static_cast<int64_t>(i));
  });
  w.Close();
}

// A panic or a fault (including a task that never yielded) is a fault; a run merely stopped by
// its event budget, or idle forever, is not.
bool TraceFaulted(const Trace& trace) {
  if (trace.summary.end_reason == 1) return true;
  for (const Event& e : trace.events) {
    if (e.kind == EventKind::Panic) return true;
    if (e.kind == EventKind::RunEnd && e.a == 1) return true;
  }
  return false;
}

}  // namespace aws
