// Text, native JSON and Chrome Trace Event output of a Trace; reading native traces back for
// replay. See trace_io.h.
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
//
// Addresses are strings in hex ("0x1001C"). `blocks` lists the snapshots the event carries
// (memory.h): id, address, size, align, region, type, owner, object, state, pinned, unpin,
// live, moved_from, fields [{name, type, offset, size, variant, value, pointer, target,
// target_name, dangling, self_ref, offset_ref, stale}] and bytes (hex).
#include "awaitscope/trace_io.h"

#include <fmt/format.h>

#include "text_escape.h"
#include <toml++/toml.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>

#include "awaitscope/lower.h"
#include "awaitscope/memory.h"

namespace aws {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kFormat = "awaitscope-trace";
constexpr int kVersion = 1;
// The run options a trace may ask for: what a scenario may (its step_budget), a poll 50 times
// longer than the default, a year of virtual time. A trace is input like any other file: past
// these a replay could run for hours.
constexpr int64_t kMaxTraceEvents = 1'000'000'000;
constexpr int64_t kMaxTraceStatementsPerPoll = 100'000'000;
constexpr int64_t kMaxTraceTimeMs = 365LL * 24 * 3600 * 1000;

const char* kEndReasons[] = {"finished", "faulted", "stopped", "idle"};
const char* kLevels[] = {"note", "warning", "error"};

const char* EndReasonName(int64_t a) {
  return a >= 0 && a <= 3 ? kEndReasons[a] : "unknown";
}
const char* LevelName(int64_t a) {
  return a >= 0 && a <= 2 ? kLevels[a] : "note";
}

// Invalid UTF-8 (a payload sliced mid-character) is replaced, never thrown about.
std::string Dump(const Json& j, int indent = -1) {
  return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

std::string Quote(std::string_view s) { return RustQuote(s); }

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

// [SECTION] Direct JSON writing
//
// Events are written straight into the output string (10^6-event traces): no JSON objects are
// built per event. Strings go through nlohmann's serializer whenever they need escaping, so the
// output is what nlohmann would write.

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

// One compact JSON object, keys in the order written. Members are gathered in a small buffer
// and appended to `out` a row at a time (a 10^6-event trace has ~10^7 members).
class JObj {
 public:
  explicit JObj(std::string& out) : out_(out) { Put('{'); }
  JObj(const JObj&) = delete;
  ~JObj() {
    Put('}');
    Spill();
  }
  // The output after `"k":`, for a value written directly (a nested object).
  std::string& Key(std::string_view k) {
    PutKey(k);
    Spill();
    return out_;
  }
  void Int(std::string_view k, int64_t v) {
    PutKey(k);
    fmt::format_int f(v);
    Put(f.data(), f.size());
  }
  void Id(std::string_view k, int64_t v) {  // -1: null
    if (v < 0) {
      PutKey(k);
      Put("null", 4);
    } else {
      Int(k, v);
    }
  }
  void Str(std::string_view k, std::string_view v) {
    PutKey(k);
    PutString(v);
  }
  void Bool(std::string_view k, bool v) {
    PutKey(k);
    if (v)
      Put("true", 4);
    else
      Put("false", 5);
  }

 private:
  void Spill() {
    out_.append(buf_, n_);
    n_ = 0;
  }
  void Put(char c) {
    if (n_ == sizeof buf_) Spill();
    buf_[n_++] = c;
  }
  void Put(const char* p, size_t k) {
    if (n_ + k > sizeof buf_) {
      Spill();
      if (k > sizeof buf_) {
        out_.append(p, k);
        return;
      }
    }
    std::memcpy(buf_ + n_, p, k);
    n_ += k;
  }
  void PutString(std::string_view s) {
    if (!PlainJson(s)) {
      Spill();
      AppendJsonString(out_, s);
      return;
    }
    Put('"');
    Put(s.data(), s.size());
    Put('"');
  }
  void PutKey(std::string_view k) {
    if (!first_) Put(',');
    first_ = false;
    PutString(k);
    Put(':');
  }

  std::string& out_;
  char buf_[240];
  size_t n_ = 0;
  bool first_ = true;
};

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

// [SECTION] Reading

struct Pos {
  uint32_t line = 0;
  uint32_t col = 0;
};

Pos PosOfOffset(const std::string& text, size_t offset) {
  offset = std::min(offset, text.size());
  Pos p{1, 1};
  size_t line_start = 0;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++p.line;
      line_start = i + 1;
    }
  }
  p.col = static_cast<uint32_t>(offset - line_start + 1);
  return p;
}

std::string LineAt(const std::string& text, uint32_t line) {
  size_t start = 0;
  for (uint32_t l = 1; l < line; ++l) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) return {};
    start = nl + 1;
  }
  size_t end = text.find('\n', start);
  std::string s = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (!s.empty() && s.back() == '\r') s.pop_back();
  return s;
}

class TraceReader {
 public:
  TraceReader(const std::string& text, const std::string& path, Diagnostics& diags)
      : text_(text), path_(path), diags_(diags) {}

  // Reports at the first `"key":` of the text (after `after`), else at the top of the file.
  void ErrorAtKey(const std::string& key, const std::string& message, size_t after = 0) {
    size_t at = std::string::npos;
    std::string quoted = "\"" + key + "\"";
    for (size_t p = text_.find(quoted, after); p != std::string::npos;
         p = text_.find(quoted, p + 1)) {
      size_t q = text_.find_first_not_of(" \t\r\n", p + quoted.size());
      if (q != std::string::npos && text_[q] == ':') {
        at = p;
        break;
      }
    }
    Error(at == std::string::npos ? 0 : at, message);
  }

  void Error(size_t offset, const std::string& message) {
    Pos p = PosOfOffset(text_, offset);
    diags_.ReportAt(Severity::Error, path_, p.line, p.col, message, LineAt(text_, p.line));
    ok_ = false;
  }

  size_t KeyOffset(const std::string& key) const {
    size_t p = text_.find("\"" + key + "\"");
    return p == std::string::npos ? 0 : p;
  }

  bool Read(NativeTraceSource* out) {
    nlohmann::json j;
    try {
      // Only the header is read back (format, version, source, options, injected): the
      // recorded tables are dropped as they are parsed, so a large trace costs its text's size
      // in memory, not the several times more of a JSON tree.
      j = nlohmann::json::parse(text_, [](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
        if (depth != 1 || event != nlohmann::json::parse_event_t::key) return true;
        return !(parsed == "events" || parsed == "tasks" || parsed == "objects" || parsed == "devices");
      });
    } catch (const nlohmann::json::parse_error& e) {
      // `byte` counts the characters read, the offending one included.
      std::string what = e.what();
      size_t colon = what.find(": ", what.find("parse error"));
      std::string detail = colon == std::string::npos ? what : what.substr(colon + 2);
      Error(e.byte > 0 ? e.byte - 1 : 0, "invalid JSON: " + detail);
      return false;
    }
    if (!j.is_object()) {
      Error(text_.find_first_not_of(" \t\r\n"),
            "not an awaitscope trace: the JSON is not an object");
      return false;
    }
    auto format = j.find("format");
    if (format == j.end() || !format->is_string() || *format != kFormat) {
      if (format == j.end())
        Error(0, fmt::format("not an awaitscope trace: no \"format\": \"{}\"", kFormat));
      else
        ErrorAtKey("format",
                   fmt::format("not an awaitscope trace: \"format\" must be \"{}\"", kFormat));
      return false;
    }
    auto version = j.find("version");
    if (version == j.end() || !version->is_number_integer()) {
      ErrorAtKey(version == j.end() ? "format" : "version", "the trace has no integer \"version\"");
      return false;
    }
    if (*version != kVersion) {
      ErrorAtKey("version",
                 fmt::format("unsupported trace version {} (this awaitscope reads version {})",
                             version->get<int64_t>(), kVersion));
      return false;
    }

    NativeTraceSource s;
    auto source = j.find("source");
    if (source == j.end() || !source->is_object()) {
      if (source == j.end())
        ErrorAtKey("version", "the trace has no \"source\": it cannot be replayed");
      else
        ErrorAtKey("source", "\"source\" must be an object");
      return false;
    }
    String(*source, "source", "path", &s.path);
    String(*source, "source", "text", &s.text);
    String(*source, "source", "script_path", &s.script_path);
    String(*source, "source", "script_text", &s.script_text);
    if (ok_ && s.path.empty())
      ErrorAtKey("path", "\"path\" must not be empty", KeyOffset("source"));

    if (auto o = j.find("options"); o != j.end()) {
      if (!o->is_object()) {
        ErrorAtKey("options", "\"options\" must be an object");
      } else {
        size_t at = KeyOffset("options");
        if (o->contains("executor")) String(*o, "options", "executor", &s.options.executor);
        Int(*o, "max_events", &s.options.max_events, at, 0, kMaxTraceEvents);
        Int(*o, "max_statements_per_poll", &s.options.max_statements_per_poll, at, 0, kMaxTraceStatementsPerPoll);
        Int(*o, "max_time_ms", &s.options.max_time_ms, at, 0, kMaxTraceTimeMs);
        if (auto p = o->find("poll_after_ready"); p != o->end()) {
          if (p->is_boolean())
            s.options.poll_after_ready = p->get<bool>();
          else
            ErrorAtKey("poll_after_ready", "\"poll_after_ready\" must be true or false", at);
        }
      }
    }

    if (auto inj = j.find("injected"); inj != j.end()) {
      if (!inj->is_array()) {
        ErrorAtKey("injected", "\"injected\" must be an array of {\"t_ms\", \"scancode\"}");
      } else {
        for (const auto& k : *inj) {
          auto t = k.is_object() ? k.find("t_ms") : k.end();
          auto sc = k.is_object() ? k.find("scancode") : k.end();
          if (!k.is_object() || t == k.end() || sc == k.end() || !t->is_number_integer() ||
              !sc->is_number_integer()) {
            ErrorAtKey("injected",
                       "each injected key must be {\"t_ms\": integer, \"scancode\": integer}");
            break;
          }
          int64_t tv = t->get<int64_t>();
          int64_t sv = sc->get<int64_t>();
          if (tv < 0 || sv < 0 || sv > 255) {
            ErrorAtKey("injected",
                       fmt::format("injected key at t_ms={} with scancode {}: t_ms must be >= 0 "
                                   "and the scancode 0..255",
                                   tv, sv));
            break;
          }
          KeyInput key;
          key.t_ms = tv;
          key.scancode = static_cast<uint8_t>(sv);
          key.injected = true;
          s.options.injected.push_back(key);
        }
      }
    }
    if (!ok_) return false;
    *out = std::move(s);
    return true;
  }

 private:
  // A string member of the object at the top-level key `parent`.
  void String(const nlohmann::json& obj, const char* parent, const char* key, std::string* out) {
    auto it = obj.find(key);
    if (it == obj.end()) {
      ErrorAtKey(parent, fmt::format("\"{}\" has no \"{}\"", parent, key));
      return;
    }
    if (!it->is_string()) {
      ErrorAtKey(key, fmt::format("\"{}\" must be a string", key), KeyOffset(parent));
      return;
    }
    *out = it->get<std::string>();
  }

  // An integer member in [min, max]. A number past int64 (JSON allows it) is out of range too.
  void Int(const nlohmann::json& obj, const char* key, int64_t* out, size_t after, int64_t min, int64_t max) {
    auto it = obj.find(key);
    if (it == obj.end()) return;
    bool fits = it->is_number_integer() &&
                (!it->is_number_unsigned() || it->get<uint64_t>() <= static_cast<uint64_t>(max));
    if (!fits || it->get<int64_t>() < min || it->get<int64_t>() > max) {
      ErrorAtKey(key, fmt::format("\"{}\" must be an integer from {} to {}", key, min, max), after);
      return;
    }
    *out = it->get<int64_t>();
  }

  const std::string& text_;
  const std::string& path_;
  Diagnostics& diags_;
  bool ok_ = true;
};

// A TOML basic string on one line.
std::string TomlBasicString(const std::string& s) {
  std::string out = "\"";
  AppendEscaped(out, s, EscapeStyle::TomlString);
  return out + "\"";
}

// [SECTION] Chrome Trace Event JSON
//
// One process (pid 1). Threads: tid 1 "executor"; tid 2+i "task i: <spawned expr>"; then one per
// device, in the trace's device order. thread_sort_index keeps that order in Perfetto.
// Times are display times, not virtual times: virtual time does not advance inside most polls,
// and slices of zero length are invisible in Perfetto and speedscope. So every event occupies a
// slot of its own, 1000 us wide, and virtual time adds to it: event `step` at virtual time t_ms
// occupies [(t_ms + step) * 1000, (t_ms + step) * 1000 + 1000) us. The map is strictly
// increasing, so slices nest as the events do and no two events share a time. A slice covers
// the slots of the events that begin and end it (a poll: its poll_begin through its poll_end);
// cpu_busy adds its virtual duration to its slot; an instant sits at the start of its slot and
// carries the event's virtual `t_ms` and `step`. README.md ("Chrome trace") states the rule.
//
// * Complete slices (ph X) carry only args that repeat from slice to slice (no step numbers):
//   speedscope names a frame after its name *and* args, so per-step args would make every poll
//   a frame of its own. Instants, which speedscope ignores, carry `t_ms` and `step`.
// * Polls: a complete slice (ph X, cat "task") "poll <future>" from each poll_begin to its
//   poll_end on the task's thread; inner polls (depth > 0) nest inside. A poll still open when
//   the trace ends closes where the last slot ends (args.unfinished).
// * Wakes: an instant (ph i, s t, cat "wake") on the waking device's thread (the task's own
//   thread for self-wakes). A wake that reached the executor also gets a one-slot slice
//   "wake task N" (cat "task") one slot long there, and a flow from it to the task's next top-level poll:
//   ph s at the wake (same ts/pid/tid/cat as that one-slot slice) and ph f with bp "e" at
//   the poll's start (same ts/pid/tid/cat as the poll slice). The flow id is the wake's step.
//   Wakes never followed by a poll get no flow.
// * Queue length: a counter (ph C) "ready queue" with args.tasks at every push and pop, starting
//   at 0.
// * Device requests may overlap on one device (two reads in flight), which complete slices on
//   one thread cannot show, so they are async slices (ph b/e, cat "device", id = the step of
//   device_start) that Perfetto lays out in rows of their own.
// * hlt (halt -> resume) and cpu_busy (work / thread_sleep) are complete slices (cat "cpu") on
//   the executor's and the task's thread. Transitions, spawns, prints, panics, task ends,
//   interrupts, injected keys and diagnostics are instants on their task's or device's thread;
//   run_end is a global instant. Waker create/clone/register/drop are left out.

class ChromeWriter {
 public:
  ChromeWriter(const Trace& t, const Program* program, OutStream& out)
      : t_(t), program_(program), out_(out) {}

  void Write() {
    Prepare();
    out_.buf() += "{\"traceEvents\":[\n";
    Metadata();
    Drain();
    for (size_t i = 0; i < t_.events.size(); ++i) {
      On(t_.events[i], static_cast<int64_t>(i));
      Drain();
    }
    Finish();
    Drain();
    std::string& out = out_.buf();
    if (written_ > 0) out += "\n";
    out += "],\n\"displayTimeUnit\":\"ms\",\n\"otherData\":";
    {
      JObj other(out);
      other.Str("scenario", t_.scenario);
      other.Str("executor", t_.executor);
      other.Str("time_unit",
                "display time: event number `step` at virtual time t_ms starts at (t_ms + step) * 1000 us "
                "and lasts 1000 us");
    }
    out += "}\n";
    out_.Pump();
  }

 private:
  static constexpr int kPid = 1;
  static constexpr int kExecutorTid = 1;

  // Display time (see above): event `step` occupies [SlotUs, SlotUs + kSlotUs).
  static constexpr int64_t kSlotUs = 1000;
  static int64_t SlotUs(const Event& e, int64_t step) { return (e.t_ms + step) * kSlotUs; }

  int TaskTid(int32_t task) const { return task < 0 ? kExecutorTid : 2 + task; }
  int DeviceTid(int32_t device) const {
    return device < 0 ? kExecutorTid : 2 + static_cast<int>(num_tasks_) + device;
  }

  void Prepare() {
    num_tasks_ = t_.tasks.size();
    num_devices_ = t_.devices.size();
    for (const Event& e : t_.events) {
      if (e.task >= 0) num_tasks_ = std::max(num_tasks_, static_cast<size_t>(e.task) + 1);
      if (e.device >= 0) num_devices_ = std::max(num_devices_, static_cast<size_t>(e.device) + 1);
    }
    // Slices still open at the end close where the last event's slot (or a cpu_busy slice
    // running past it) ends.
    for (size_t i = 0; i < t_.events.size(); ++i) {
      const Event& e = t_.events[i];
      int64_t end = SlotUs(e, static_cast<int64_t>(i)) + kSlotUs;
      if (e.kind == EventKind::CpuBusy) end += std::max<int64_t>(0, e.a) * 1000;
      end_us_ = std::max(end_us_, end);
    }
    open_polls_.resize(num_tasks_);
    pending_wakes_.resize(num_tasks_);
  }

  // The fields every row starts with: ph, name, cat, ts, pid, tid.
  static void Head(JObj& o, const char* ph, std::string_view name, const char* cat, int64_t ts_us,
                   int tid) {
    o.Str("ph", ph);
    o.Str("name", name);
    o.Str("cat", cat);
    o.Int("ts", ts_us);
    o.Int("pid", kPid);
    o.Int("tid", tid);
  }

  // Rows are numbered in file order. A row is written once it and every row before it are
  // complete; a slice reserves its row (empty until Close), holding back the rows after it.
  std::string& NewRow() {
    if (free_.empty()) return pending_.emplace_back();
    pending_.push_back(std::move(free_.back()));
    free_.pop_back();
    return pending_.back();
  }
  size_t NextRow() const { return pending_base_ + pending_.size(); }
  std::string& Row(size_t row) { return pending_[row - pending_base_]; }

  void Drain() {
    std::string& out = out_.buf();
    while (!pending_.empty() && !pending_.front().empty()) {
      if (written_ > 0) out += ",\n";
      out += pending_.front();
      ++written_;
      free_.push_back(std::move(pending_.front()));
      free_.back().clear();
      pending_.pop_front();
      ++pending_base_;
      out_.Pump();
    }
  }

  void Meta(const char* name, int tid, const char* key, const std::string& value) {
    JObj o(NewRow());
    o.Str("ph", "M");
    o.Str("name", name);
    o.Int("pid", kPid);
    o.Int("tid", tid);
    JObj args(o.Key("args"));
    args.Str(key, value);
  }

  void Thread(int tid, const std::string& name, int sort) {
    Meta("thread_name", tid, "name", name);
    JObj o(NewRow());
    o.Str("ph", "M");
    o.Str("name", "thread_sort_index");
    o.Int("pid", kPid);
    o.Int("tid", tid);
    JObj args(o.Key("args"));
    args.Int("sort_index", sort);
  }

  void Metadata() {
    std::string process = "awaitscope";
    if (!t_.scenario.empty()) process += ": " + t_.scenario;
    Meta("process_name", kExecutorTid, "name", process);
    Thread(kExecutorTid, t_.executor.empty() ? "executor" : "executor (" + t_.executor + ")", 0);
    for (size_t i = 0; i < num_tasks_; ++i) {
      std::string name = fmt::format("task {}", i);
      if (i < t_.tasks.size() && !t_.tasks[i].name.empty()) name += ": " + t_.tasks[i].name;
      Thread(TaskTid(static_cast<int32_t>(i)), name, 1 + static_cast<int>(i));
    }
    for (size_t d = 0; d < num_devices_; ++d)
      Thread(DeviceTid(static_cast<int32_t>(d)), DeviceName(t_, static_cast<int32_t>(d)),
             1 + static_cast<int>(num_tasks_ + d));
  }

  // An instant in the current event's slot; args(JObj&) writes its args, then `t_ms` and `step`.
  template <typename ArgsFn>
  void Instant(std::string_view name, const char* cat, int tid, ArgsFn&& args,
               const char* scope = "t") {
    JObj o(NewRow());
    Head(o, "i", name, cat, at_us_, tid);
    o.Str("s", scope);
    JObj a(o.Key("args"));
    args(a);
    a.Int("t_ms", at_ms_);
    a.Int("step", step_);
  }

  // A complete slice written now.
  template <typename ArgsFn>
  void Slice(std::string_view name, const char* cat, int64_t ts_us, int64_t dur_us, int tid,
             ArgsFn&& args) {
    JObj o(NewRow());
    Head(o, "X", name, cat, ts_us, tid);
    o.Int("dur", std::max<int64_t>(0, dur_us));
    JObj a(o.Key("args"));
    args(a);
  }

  // A complete slice whose end is known later: its row is reserved now, written by Close.
  struct Open {
    size_t row;
    int64_t ts_us;
    std::string head;  // `{"ph":"X",...,"tid":N`
    std::string args;  // the args' members written so far, without braces
  };

  Open OpenSlice(std::string_view name, const char* cat, int64_t ts_us, int tid) {
    Open s;
    s.row = NextRow();
    s.ts_us = ts_us;
    NewRow();
    {
      JObj o(s.head);
      Head(o, "X", name, cat, ts_us, tid);
    }
    s.head.pop_back();  // reopen the object
    return s;
  }

  static void Arg(std::string& args, std::string_view key, std::string_view raw_value) {
    if (!args.empty()) args += ',';
    AppendJsonString(args, key);
    args += ':';
    args += raw_value;
  }
  static void ArgInt(std::string& args, std::string_view key, int64_t v) {
    fmt::format_int f(v);
    Arg(args, key, std::string_view(f.data(), f.size()));
  }
  static void ArgStr(std::string& args, std::string_view key, std::string_view v) {
    if (!args.empty()) args += ',';
    AppendJsonString(args, key);
    args += ':';
    AppendJsonString(args, v);
  }

  void Close(const Open& s, int64_t end_us) {
    std::string& row = Row(s.row);
    fmt::format_int dur(std::max<int64_t>(0, end_us - s.ts_us));
    row.reserve(s.head.size() + s.args.size() + 32);
    row = s.head;
    row += ",\"dur\":";
    row.append(dur.data(), dur.size());
    row += ",\"args\":{";
    row += s.args;
    row += "}}";
  }

  void Counter(int64_t ts_us, int64_t len) {
    JObj o(NewRow());
    o.Str("ph", "C");
    o.Str("name", "ready queue");
    o.Int("ts", ts_us);
    o.Int("pid", kPid);
    o.Int("tid", kExecutorTid);
    JObj args(o.Key("args"));
    args.Int("tasks", len);
  }

  void On(const Event& e, int64_t step) {
    const std::string& payload = t_.Payload(e);
    step_ = step;
    at_ms_ = e.t_ms;
    at_us_ = SlotUs(e, step);
    const int64_t slot_end = at_us_ + kSlotUs;
    switch (e.kind) {
      case EventKind::PollBegin: {
        if (e.task < 0) break;
        std::string future = FutureName(t_, e.obj);
        std::string name = "poll " + (e.obj >= 0 && static_cast<size_t>(e.obj) < t_.objects.size()
                                          ? t_.objects[e.obj].name
                                          : future);
        Open s = OpenSlice(name, "task", at_us_, TaskTid(e.task));
        ArgStr(s.args, "future", future);
        ArgInt(s.args, "depth", e.a);
        open_polls_[e.task].push_back({std::move(s), e.a});
        if (e.a == 0) {
          // Flows from the wakes that led to this poll.
          for (const PendingWake& w : pending_wakes_[e.task]) {
            {
              JObj o(NewRow());
              Head(o, "s", "wake", "task", w.ts_us, w.tid);
              o.Int("id", w.id);
            }
            JObj o(NewRow());
            Head(o, "f", "wake", "task", at_us_, TaskTid(e.task));
            o.Str("bp", "e");
            o.Int("id", w.id);
          }
          pending_wakes_[e.task].clear();
        }
        break;
      }
      case EventKind::PollEnd: {
        if (e.task < 0) break;
        auto& stack = open_polls_[e.task];
        while (!stack.empty()) {
          OpenPoll p = std::move(stack.back());
          stack.pop_back();
          if (p.depth != e.a) {  // a poll_end went missing: close that poll with its parent
            Arg(p.slice.args, "unfinished", "true");
            Close(p.slice, slot_end);
            continue;
          }
          ArgStr(p.slice.args, "result", e.b == 1 ? "Ready" : "Pending");
          if (e.b == 1 && !payload.empty()) ArgStr(p.slice.args, "value", payload);
          Close(p.slice, slot_end);
          break;
        }
        break;
      }
      case EventKind::WakerWake: {
        int tid = e.device >= 0 ? DeviceTid(e.device) : TaskTid(e.task);
        std::string target = e.task >= 0 ? fmt::format("task {}", e.task) : "no task";
        std::string waker = e.waker >= 0 ? fmt::format("W{}", e.waker) : "none";
        std::string by = e.device >= 0 ? DeviceName(t_, e.device) : std::string("self");
        auto args = [&](JObj& a) {
          a.Str("waker", waker);
          a.Id("task", e.task);
          a.Str("by", by);
          a.Bool("reached_executor", e.b == 1);
        };
        Instant(fmt::format("wake {} -> {}", waker, target), "wake", tid, args);
        if (e.b == 1 && e.task >= 0) {
          Slice("wake " + target, "task", at_us_, kSlotUs, tid, args);
          pending_wakes_[e.task].push_back({step, at_us_, tid});
        }
        break;
      }
      case EventKind::QueuePush:
      case EventKind::QueuePop:
        if (!counter_started_) {
          Counter(0, 0);
          counter_started_ = true;
        }
        Counter(at_us_, e.a);
        break;
      case EventKind::DeviceStart: {
        std::string name = payload.empty() ? fmt::format("request {}", e.a) : payload;
        int tid = DeviceTid(e.device);
        {
          JObj o(NewRow());
          Head(o, "b", name, "device", at_us_, tid);
          o.Int("id", step);
          JObj a(o.Key("args"));
          a.Int("request", e.a);
          a.Str("future", FutureName(t_, e.obj));
          a.Id("due_ms", e.b);
        }
        open_requests_[{e.device, e.a}] = {step, std::move(name), tid};
        break;
      }
      case EventKind::DeviceComplete: {
        auto it = open_requests_.find({e.device, e.a});
        if (it == open_requests_.end()) {
          Instant(e.a >= 0 ? fmt::format("request {} completed", e.a) : std::string("completed"),
                  "device", DeviceTid(e.device), [&](JObj& a) { a.Str("result", payload); });
          break;
        }
        {
          JObj o(NewRow());
          Head(o, "e", it->second.name, "device", slot_end, it->second.tid);
          o.Int("id", it->second.id);
          JObj a(o.Key("args"));
          a.Str("result", payload);
        }
        open_requests_.erase(it);
        break;
      }
      case EventKind::Interrupt:
        Instant(e.a >= 0 ? fmt::format("interrupt 0x{:02X}", e.a) : std::string("interrupt"),
                "device", DeviceTid(e.device), [&](JObj& a) { a.Bool("held", e.b == 1); });
        break;
      case EventKind::Inject:
        Instant(fmt::format("inject 0x{:02X}", e.a), "device", DeviceTid(e.device), [](JObj&) {});
        break;
      case EventKind::Halt:
        if (!halt_) {
          halt_ = OpenSlice("hlt", "cpu", at_us_, kExecutorTid);
          Arg(halt_->args, "queue_nonempty", e.a == 1 ? "true" : "false");
        }
        break;
      case EventKind::Resume:
        if (halt_) {
          Close(*halt_, slot_end);
          halt_.reset();
        }
        break;
      case EventKind::CpuBusy:
        Slice(payload.empty() ? (e.b == 1 ? "blocking" : "work") : std::string_view(payload), "cpu",
              at_us_, std::max<int64_t>(0, e.a) * 1000 + kSlotUs, TaskTid(e.task), [&](JObj& a) {
                a.Int("duration_ms", e.a);
                a.Bool("blocking", e.b == 1);
              });
        break;
      case EventKind::Transition: {
        const char* from = StateLabel(t_, program_, e.obj, e.a);
        const char* to = StateLabel(t_, program_, e.obj, e.b);
        std::string name =
            fmt::format("{}: {} -> {}", FutureName(t_, e.obj),
                        from ? from : fmt::format("s{}", e.a), to ? to : fmt::format("s{}", e.b));
        Instant(name, "state", TaskTid(e.task),
                [&](JObj& a) { AppendStateFields(a.Key("fields"), payload); });
        break;
      }
      case EventKind::Spawn:
        Instant("spawn", "task", TaskTid(e.task), [&](JObj& a) { a.Str("expr", payload); });
        break;
      case EventKind::Print:
        Instant("print", "output", TaskTid(e.task), [&](JObj& a) { a.Str("text", payload); });
        break;
      case EventKind::Panic:
        Instant("panic", "fault", TaskTid(e.task), [&](JObj& a) {
          a.Str("future", FutureName(t_, e.obj));
          a.Str("message", payload);
        });
        break;
      case EventKind::TaskDone:
        Instant("task done", "task", TaskTid(e.task), [&](JObj& a) { a.Str("value", payload); });
        break;
      case EventKind::Diagnostic:
        Instant(LevelName(e.a), "diagnostic", TaskTid(e.task),
                [&](JObj& a) { a.Str("message", payload); });
        break;
      case EventKind::RunEnd:
        Instant(
            fmt::format("run end: {}", EndReasonName(e.a)), "run", kExecutorTid,
            [&](JObj& a) { a.Str("why", payload); }, "g");
        break;
      case EventKind::MemMove:
        Instant("move", "memory", TaskTid(e.task), [&](JObj& a) {
          a.Str("from", HexAddress(static_cast<uint64_t>(e.a)));
          a.Str("to", HexAddress(static_cast<uint64_t>(e.b)));
          a.Str("what", std::string_view(payload).substr(0, payload.find('\n')));
        });
        break;
      case EventKind::MemDangling:
        Instant("dangling dereference", "memory", TaskTid(e.task), [&](JObj& a) {
          a.Str("address", HexAddress(static_cast<uint64_t>(e.a)));
          a.Str("what", payload);
        });
        break;
      case EventKind::MemAlloc:
      case EventKind::MemFree:
      case EventKind::MemWrite:
      case EventKind::WakerCreate:
      case EventKind::WakerClone:
      case EventKind::WakerRegister:
      case EventKind::WakerDrop:
      case EventKind::kCount:
        break;
    }
  }

  void Finish() {
    for (auto& stack : open_polls_) {
      for (OpenPoll& p : stack) {
        Arg(p.slice.args, "unfinished", "true");
        Close(p.slice, end_us_);
      }
      stack.clear();
    }
    if (halt_) Close(*halt_, end_us_);
    for (const auto& [key, r] : open_requests_) {  // std::map: in (device, request) order
      JObj o(NewRow());
      Head(o, "e", r.name, "device", end_us_, r.tid);
      o.Int("id", r.id);
      JObj a(o.Key("args"));
      a.Bool("unfinished", true);
    }
  }

  struct OpenPoll {
    Open slice;
    int64_t depth;
  };
  struct PendingWake {
    int64_t id;
    int64_t ts_us;
    int tid;
  };
  struct OpenRequest {
    int64_t id;
    std::string name;
    int tid;
  };

  const Trace& t_;
  const Program* program_;
  size_t num_tasks_ = 0;
  size_t num_devices_ = 0;
  int64_t end_us_ = 0;
  // The event being written: its step, virtual time and display slot.
  int64_t step_ = 0;
  int64_t at_ms_ = 0;
  int64_t at_us_ = 0;
  OutStream& out_;
  std::deque<std::string> pending_;  // rows pending_base_, pending_base_ + 1, ...
  size_t pending_base_ = 0;
  size_t written_ = 0;               // rows written to out_
  std::vector<std::string> free_;    // emptied rows, reused (their capacity)
  std::vector<std::vector<OpenPoll>> open_polls_;
  std::vector<std::vector<PendingWake>> pending_wakes_;
  std::map<std::pair<int32_t, int64_t>, OpenRequest> open_requests_;
  std::optional<Open> halt_;
  bool counter_started_ = false;
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

void WriteTraceText(const Trace& trace, const Program* program, OutStream& out) {
  std::string& buf = out.buf();
  for (const Event& e : trace.events) {
    AppendEventText(buf, trace, e, program);
    buf += '\n';
    out.Pump();
  }
  buf += TraceSummaryLine(trace);
  buf += '\n';
  out.Pump();
}

std::string TraceToText(const Trace& trace, const Program* program) {
  std::string text;
  text.reserve(trace.events.size() * 48 + 128);
  OutStream out(&text);
  WriteTraceText(trace, program, out);
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

bool LooksLikeJson(const std::string& text) {
  size_t i = 0;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;  // UTF-8 byte order mark
  i = text.find_first_not_of(" \t\r\n", i);
  return i != std::string::npos && text[i] == '{';
}

bool ReadNativeTrace(const std::string& text, const std::string& path, NativeTraceSource* out,
                     Diagnostics& diags) {
  try {
    return TraceReader(text, path, diags).Read(out);
  } catch (const std::exception& e) {
    diags.ReportAt(Severity::Error, path, 0, 0, fmt::format("cannot read the trace: {}", e.what()));
  }
  return false;
}

std::optional<Scenario> LoadTraceScenario(const NativeTraceSource& source, Diagnostics& diags) {
  std::string text = source.text;
  bool script_file = source.script_path != source.path;
  if (script_file) {
    // Replace the `script_file = "..."` line with the embedded script as an inline `script`
    // on the same line, so that the loader reads nothing from disk and the other keys keep
    // their line numbers; the script itself is then named after its original file below.
    try {
      toml::table root = toml::parse(text, source.path);
      if (const toml::node* key = root.get("script_file")) {
        uint32_t first = key->source().begin.line;
        uint32_t last = key->source().end.line;
        std::string inline_script = "script = " + TomlBasicString(source.script_text);
        if (inline_script.size() > 60000 && source.script_text.find("'''") == std::string::npos)
          inline_script = "script = '''\n" + source.script_text + "'''";  // lines may shift
        std::string rebuilt;
        uint32_t line = 1;
        size_t pos = 0;
        while (pos <= text.size()) {
          size_t nl = text.find('\n', pos);
          size_t end = nl == std::string::npos ? text.size() : nl;
          if (line == first)
            rebuilt += inline_script;
          else if (line < first || line > last)
            rebuilt.append(text, pos, end - pos);
          if (nl == std::string::npos) break;
          if (line < first || line >= last) rebuilt += '\n';
          pos = nl + 1;
          ++line;
        }
        text = std::move(rebuilt);
      }
    } catch (const toml::parse_error&) {
      // Leave the text alone: the loader reports the syntax error with its position.
    }
  }
  std::optional<Scenario> s = LoadScenarioText(source.path, text, diags);
  if (s && script_file) s->script = SourceFile(source.script_path, source.script_text, 0, 0);
  return s;
}

void WriteTraceChrome(const Trace& trace, const Program* program, OutStream& out) {
  ChromeWriter(trace, program, out).Write();
}

std::string TraceToChrome(const Trace& trace, const Program* program) {
  std::string text;
  text.reserve(trace.events.size() * 96 + 256);
  OutStream out(&text);
  WriteTraceChrome(trace, program, out);
  return text;
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
