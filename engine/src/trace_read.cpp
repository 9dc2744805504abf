// Reading native JSON traces (trace_io.h): a hand-written parser over the text, so that an error
// names its line and column, and LoadTraceScenario, which turns a trace back into the scenario
// it was recorded from.
#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>

#include "awaitscope/trace_io.h"
#include "text_escape.h"
#include "trace_json.h"

namespace aws {
namespace {

using namespace trace_json;

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

}  // namespace

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

}  // namespace aws
