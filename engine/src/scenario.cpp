// [SECTION] Index: limits and small helpers, file reading, TOML positions, the TOML loader
// (top level, sub-tables), bare `.rs` scripts, the public entry points, ListScenarios.
#include "awaitscope/scenario.h"

#include "awaitscope/documents.h"
#include "awaitscope/executor_kind.h"
#include "awaitscope/file_io.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>

namespace aws {
namespace {

namespace fs = std::filesystem;

// [SECTION] Limits and small helpers

constexpr int64_t kMaxLatencyMs = 3'600'000;  // one hour of virtual time: anything longer is a typo
constexpr int64_t kMaxStepBudget = 1'000'000'000;
// A scenario file is hand-written; a line this long is garbage (and a valid 1 MB string would
// otherwise slip through without any message).
constexpr size_t kMaxTomlLineBytes = 64 * 1024;

bool IsIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsIdentChar(char c) { return IsIdentStart(c) || (c >= '0' && c <= '9'); }
bool IsIdent(std::string_view s) {
  return !s.empty() && IsIdentStart(s[0]) && std::all_of(s.begin(), s.end(), IsIdentChar);
}
bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// Length of the valid UTF-8 sequence starting at s[i], or 0 when the byte does not start one.
size_t Utf8Len(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  return n;
}

// Text from the file (a key, a value, a parser message) made safe to print inside a message:
// control bytes and invalid UTF-8 are escaped, and very long text is cut.
std::string Shown(std::string_view s, size_t max_bytes = 80) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (out.size() >= max_bytes) {
      out += "...";
      break;
    }
    size_t n = Utf8Len(s, i);
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (n == 0 || c < 0x20 || c == 0x7F) {
      out += fmt::format("\\x{:02X}", c);
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

const char* TypeName(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a floating-point number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    case toml::node_type::none: break;
  }
  return "nothing";
}

// toml++ says "Error while parsing key-value pair: expected '='"; we say
// "TOML syntax error in key-value pair: expected '='".
std::string ParseErrorMessage(std::string_view desc) {
  constexpr std::string_view kPrefix = "Error while parsing ";
  if (desc.substr(0, kPrefix.size()) == kPrefix) {
    std::string_view rest = desc.substr(kPrefix.size());
    size_t colon = rest.find(": ");
    if (colon != std::string_view::npos)
      return fmt::format("TOML syntax error in {}: {}", Shown(rest.substr(0, colon), 200),
                         Shown(rest.substr(colon + 2), 200));
  }
  return fmt::format("TOML syntax error: {}", Shown(desc, 200));
}

// [SECTION] File reading

// A scenario or a script file: at most kMaxScriptBytes, a regular file (file_io.h).
FileRead ReadWholeFile(const std::string& path) { return ReadInputFile(path, kMaxScriptBytes); }

bool IsRustPath(const std::string& path) { return fs::path(path).extension() == ".rs"; }

// [SECTION] TOML positions
// toml++ counts columns in code points; SourceFile and every diagnostic count bytes.

class TomlText {
 public:
  TomlText(const std::string& path, const std::string& text) : src_(path, text) {
    starts_.push_back(0);
    for (uint32_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') starts_.push_back(i + 1);
  }
  const SourceFile& src() const { return src_; }

  uint32_t Offset(const toml::source_position& p) const {
    const std::string& t = src_.text();
    size_t line = p.line == 0 ? 0 : std::min<size_t>(p.line - 1, starts_.size() - 1);
    size_t pos = starts_[line];
    for (uint32_t c = 1; c < p.column && pos < t.size() && t[pos] != '\n'; ++c) {
      ++pos;
      while (pos < t.size() && (static_cast<unsigned char>(t[pos]) & 0xC0) == 0x80) ++pos;
    }
    return static_cast<uint32_t>(pos);
  }

  Span SpanOf(const toml::source_region& r) const {
    uint32_t b = Offset(r.begin);
    uint32_t e = r.end.line == 0 ? b : Offset(r.end);
    return {b, std::max(e, b + 1)};
  }

 private:
  SourceFile src_;
  std::vector<uint32_t> starts_;
};

// A table's entries in the order they appear in the file (toml++ keeps them sorted by key).
using Entry = std::pair<const toml::key*, const toml::node*>;
std::vector<Entry> Entries(const toml::table& t) {
  std::vector<Entry> out;
  for (auto&& [k, v] : t) out.push_back({&k, &v});
  std::stable_sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) {
    const auto& pa = a.first->source().begin;
    const auto& pb = b.first->source().begin;
    return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
  });
  return out;
}

// [SECTION] Scenario ids in a folder (for `next`)

// The id a scenario file declares: its `id` key, else its stem; "" when it cannot be read.
std::string DeclaredId(const fs::path& p) {
  FileRead f = ReadWholeFile(p.string());
  if (!f.ok) return "";
  try {
    toml::table t = toml::parse(f.text, p.string());
    if (std::optional<std::string> id = t["id"].value<std::string>()) return *id;
  } catch (const toml::parse_error&) {
    return "";
  }
  return p.stem().string();
}

// Whether a scenario of `dir` has the id `id`: `ID.toml` (only that file is read, the common
// case), else any `*.toml` whose `id` key is `id`.
bool ScenarioIdInFolder(const fs::path& dir, const std::string& id) {
  const fs::path folder = dir.empty() ? fs::path(".") : dir;
  const fs::path direct = folder / (id + ".toml");
  std::error_code ec;
  if (fs::is_regular_file(direct, ec) && DeclaredId(direct) == id) return true;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code ec2;
    if (it->path().extension() == ".toml" && it->path().filename() != direct.filename() &&
        it->is_regular_file(ec2) && DeclaredId(it->path()) == id)
      return true;
  }
  return false;
}

// [SECTION] The TOML loader

class Loader {
 public:
  Loader(const std::string& path, const std::string& text, Diagnostics& diags)
      : path_(path), text_(text), diags_(diags), toml_(path, text) {}

  std::optional<Scenario> Run() {
    size_t errors_before = diags_.ErrorCount();
    if (!CheckLines()) return std::nullopt;
    toml::table root;
    try {
      root = toml::parse(text_, path_);
    } catch (const toml::parse_error& err) {
      const toml::source_position& p = err.source().begin;
      uint32_t off = toml_.Offset(p);
      uint32_t line = toml_.src().Locate(off).line;
      uint32_t col = toml_.src().ColumnInLine(off);
      diags_.ReportAt(Severity::Error, path_, line, col, ParseErrorMessage(err.description()),
                      col <= 150 ? std::string(toml_.src().LineText(off)) : std::string());
      return std::nullopt;
    }
    s_.path = path_;
    s_.id = fs::path(path_).stem().string();
    s_.files = DefaultFiles();
    Top(root);
    if (next_node_ != nullptr) CheckNext(*next_node_);
    if (diags_.ErrorCount() > errors_before) return std::nullopt;
    return std::move(s_);
  }

 private:
  // ---- reporting
  // Where the text of a string value starts (just after its opening quote).
  LineCol TextPos(const toml::node& n) {
    LineCol lc = toml_.src().Locate(toml_.SpanOf(n.source()).begin);
    lc.col += 1;
    return lc;
  }

  void Err(const toml::source_region& r, std::string msg) {
    diags_.Error(toml_.src(), toml_.SpanOf(r), std::move(msg));
  }
  void ErrAtStart(std::string msg) { diags_.Error(toml_.src(), Span{0, 1}, std::move(msg)); }

  // Before toml++ sees the text: lines of absurd length, and bytes that are not UTF-8 (toml++
  // reports those one character early).
  bool CheckLines() {
    size_t line = 1, start = 0;
    for (size_t i = 0; i <= text_.size(); ++i) {
      if (i < text_.size() && text_[i] != '\n') {
        if (static_cast<unsigned char>(text_[i]) < 0x80) continue;
        size_t n = Utf8Len(text_, i);
        if (n == 0 && i - start < kMaxTomlLineBytes) {
          diags_.ReportAt(
              Severity::Error, path_, static_cast<uint32_t>(line),
              static_cast<uint32_t>(i - start + 1),
              fmt::format("invalid UTF-8 (byte 0x{:02X}); a scenario file must be UTF-8 text",
                          static_cast<unsigned char>(text_[i])),
              text_.substr(start, std::min(text_.find('\n', start), i + 40) - start));
          return false;
        }
        if (n > 1) i += n - 1;
        continue;
      }
      if (i - start > kMaxTomlLineBytes) {
        diags_.ReportAt(
            Severity::Error, path_, static_cast<uint32_t>(line), 1,
            fmt::format("line is too long ({} bytes; a scenario file's lines may have at "
                        "most {} bytes)",
                        i - start, kMaxTomlLineBytes),
            text_.substr(start, 120));
        return false;
      }
      ++line;
      start = i + 1;
    }
    return true;
  }

  // ---- typed values; each reports a wrong type at the value and returns nullopt
  std::optional<std::string> Str(const toml::node& n, std::string_view key) {
    if (const auto* v = n.as_string()) return v->get();
    Err(n.source(), fmt::format("`{}` must be a string, not {}", Shown(key), TypeName(n)));
    return std::nullopt;
  }
  std::optional<std::string> NonEmptyStr(const toml::node& n, std::string_view key) {
    auto s = Str(n, key);
    if (s && IsBlank(*s)) {
      Err(n.source(), fmt::format("`{}` must not be empty", Shown(key)));
      return std::nullopt;
    }
    return s;
  }
  std::optional<int64_t> Int(const toml::node& n, std::string_view key) {
    if (const auto* v = n.as_integer()) return v->get();
    Err(n.source(), fmt::format("`{}` must be an integer, not {}", Shown(key), TypeName(n)));
    return std::nullopt;
  }
  std::optional<bool> Bool(const toml::node& n, std::string_view key) {
    if (const auto* v = n.as_boolean()) return v->get();
    Err(n.source(), fmt::format("`{}` must be true or false, not {}", Shown(key), TypeName(n)));
    return std::nullopt;
  }
  // An integer >= 0 (a step, a count).
  std::optional<int64_t> NonNegative(const toml::node& n, std::string_view key) {
    auto v = Int(n, key);
    if (v && *v < 0) {
      Err(n.source(), fmt::format("`{}` must not be negative (got {})", Shown(key), *v));
      return std::nullopt;
    }
    return v;
  }
  // A duration or time in virtual milliseconds: 0 ..= one hour.
  std::optional<int64_t> Millis(const toml::node& n, std::string_view key) {
    auto v = NonNegative(n, key);
    if (!v) return std::nullopt;
    if (*v > kMaxLatencyMs) {
      Err(n.source(), fmt::format("`{}` is {} ms, more than one hour (the limit is {} ms)",
                                  Shown(key), *v, kMaxLatencyMs));
      return std::nullopt;
    }
    return v;
  }
  std::optional<std::vector<std::string>> StrList(const toml::node& n, std::string_view key,
                                                  bool allow_empty_items) {
    const auto* arr = n.as_array();
    if (!arr) {
      Err(n.source(),
          fmt::format("`{}` must be an array of strings, not {}", Shown(key), TypeName(n)));
      return std::nullopt;
    }
    std::vector<std::string> out;
    bool ok = true;
    for (const toml::node& e : *arr) {
      if (const auto* s = e.as_string()) {
        if (!allow_empty_items && IsBlank(s->get())) {
          Err(e.source(), fmt::format("`{}` entries must not be empty", Shown(key)));
          ok = false;
        }
        out.push_back(s->get());
      } else {
        Err(e.source(),
            fmt::format("`{}` entries must be strings, not {}", Shown(key), TypeName(e)));
        ok = false;
      }
    }
    if (!ok) return std::nullopt;
    return out;
  }
  const toml::table* Table(const toml::node& n, std::string_view what) {
    if (const auto* t = n.as_table()) return t;
    Err(n.source(), fmt::format("{} must be a table, not {}", what, TypeName(n)));
    return nullptr;
  }
  // `[[name]]`: an array of tables.
  std::vector<const toml::table*> TableList(const toml::node& n, std::string_view key) {
    std::vector<const toml::table*> out;
    const auto* arr = n.as_array();
    if (!arr) {
      Err(n.source(), fmt::format("`{0}` must be an array of tables, written [[{0}]], not {1}",
                                  Shown(key), TypeName(n)));
      return out;
    }
    for (const toml::node& e : *arr) {
      if (const auto* t = e.as_table())
        out.push_back(t);
      else
        Err(e.source(),
            fmt::format("each `{}` entry must be a table, not {}", Shown(key), TypeName(e)));
    }
    return out;
  }
  void Unknown(const toml::key& k, std::string_view where) {
    Err(k.source(), fmt::format("unknown key `{}` in {}", Shown(k.str()), where));
  }
  void Missing(const toml::source_region& r, std::string_view key, std::string_view where) {
    Err(r, fmt::format("missing required key `{}` in {}", key, where));
  }

  // ---- the top-level table
  void Top(const toml::table& root) {
    const toml::key* script_key = nullptr;
    const toml::node* script = nullptr;
    const toml::key* script_file_key = nullptr;
    const toml::node* script_file = nullptr;
    bool has_title = false;
    for (const auto& [kp, vp] : Entries(root)) {
      const toml::key& k = *kp;
      const toml::node& v = *vp;
      std::string_view key = k.str();
      if (key == "title") {
        has_title = true;
        if (auto s = NonEmptyStr(v, key)) s_.title = *s;
      } else if (key == "id") {
        if (auto s = NonEmptyStr(v, key)) {
          if (!std::all_of(s->begin(), s->end(),
                           [](char c) { return IsIdentChar(c) || c == '-' || c == '.'; }))
            Err(v.source(),
                fmt::format("`id` may only use letters, digits, `_`, `-` and `.`, not `{}`",
                            Shown(*s)));
          else
            s_.id = *s;
        }
      } else if (key == "source") {
        if (auto s = Str(v, key)) Source(v, *s);
      } else if (key == "document") {
        if (auto s = Str(v, key)) s_.document = *s;
      } else if (key == "section") {
        if (auto s = Str(v, key)) s_.section = *s;
      } else if (key == "description") {
        if (auto s = Str(v, key)) s_.description = *s;
      } else if (key == "errata") {
        if (auto l = StrList(v, key, false)) s_.errata = std::move(*l);
      } else if (key == "next") {
        if (auto s = NonEmptyStr(v, key)) {
          if (!std::all_of(s->begin(), s->end(), [](char c) { return IsIdentChar(c) || c == '-' || c == '.'; }))
            Err(v.source(), fmt::format("`next` is a scenario id (letters, digits, `_`, `-` and `.`), not `{}`",
                                        Shown(*s)));
          else {
            s_.next = *s;
            next_node_ = &v;
          }
        }
      } else if (key == "executor") {
        if (auto s = Str(v, key)) {
          if (!FindExecutorKind(*s))
            Err(v.source(), fmt::format("unknown executor `{}`; use {}", Shown(*s), ExecutorKindNames()));
          else
            s_.executor = *s;
        }
      } else if (key == "layout") {
        if (auto s = Str(v, key)) s_.layout = *s;
      } else if (key == "spawn") {
        if (auto l = StrList(v, key, false)) {
          if (l->empty())
            Err(v.source(), "`spawn` must name at least one task, e.g. [\"main()\"]");
          else {
            s_.spawn = std::move(*l);
            for (const toml::node& e : *v.as_array()) {
              s_.spawn_pos.push_back(TextPos(e));
              s_.spawn_lines.emplace_back(toml_.src().LineText(toml_.SpanOf(e.source()).begin));
            }
          }
        }
      } else if (key == "step_budget") {
        if (auto n = Int(v, key)) {
          if (*n < 1 || *n > kMaxStepBudget)
            Err(v.source(),
                fmt::format("`step_budget` must be between 1 and {} (got {})", kMaxStepBudget, *n));
          else
            s_.step_budget = *n;
        }
      } else if (key == "naive_sleep_if_idle") {
        if (auto b = Bool(v, key)) s_.naive_sleep_if_idle = *b;
      } else if (key == "drop_spawner") {
        if (auto b = Bool(v, key)) s_.drop_spawner = *b;
      } else if (key == "poll_after_ready") {
        if (auto b = Bool(v, key)) s_.poll_after_ready = *b;
      } else if (key == "queue_capacity") {
        if (auto n = Int(v, key)) {
          if (*n < 1 || *n > 10'000'000)
            Err(v.source(), fmt::format("`queue_capacity` must be between 1 and 10000000 (got {})", *n));
          else
            s_.queue_capacity = *n;
        }
      } else if (key == "script") {
        script_key = &k;
        script = &v;
      } else if (key == "script_file") {
        script_file_key = &k;
        script_file = &v;
      } else if (key == "files") {
        if (const auto* t = Table(v, "`files`")) Files(*t);
      } else if (key == "disk") {
        if (const auto* t = Table(v, "`disk`")) Disk(*t);
      } else if (key == "network") {
        if (const auto* t = Table(v, "`network`")) Network(*t);
      } else if (key == "threads") {
        if (const auto* t = Table(v, "`threads`")) Threads(*t);
      } else if (key == "keyboard") {
        for (const toml::table* t : TableList(v, key)) Key(*t);
        std::stable_sort(s_.keyboard.begin(), s_.keyboard.end(),
                         [](const KeySpec& a, const KeySpec& b) { return a.t_ms < b.t_ms; });
      } else if (key == "op") {
        for (const toml::table* t : TableList(v, key)) Op(*t);
      } else if (key == "note") {
        for (const toml::table* t : TableList(v, key)) Note(*t);
      } else if (key == "question") {
        for (const toml::table* t : TableList(v, key)) Question(*t);
      } else if (key == "memory") {
        if (const auto* t = Table(v, "`memory`")) Memory(*t);
      } else if (key == "expect") {
        if (const auto* t = Table(v, "`expect`")) Expect(*t);
      } else if (IsScenarioLanguage(key)) {
        if (const auto* t = Table(v, fmt::format("`{}` (the scenario's texts in that language)", key)))
          TopTranslation(std::string(key), *t);
      } else {
        Unknown(k, "scenario");
      }
    }
    CheckTranslations();
    if (!has_title) ErrAtStart("missing required key `title` in scenario");
    if (s_.spawn.empty()) s_.spawn = {"main()"};

    if (script && script_file) {
      const toml::key* later =
          script_key->source().begin.line > script_file_key->source().begin.line ? script_key
                                                                                 : script_file_key;
      Err(later->source(), "give either `script` or `script_file`, not both");
    } else if (script) {
      InlineScript(*script);
    } else if (script_file) {
      ScriptFile(*script_file);
    } else {
      ErrAtStart(
          "no script: give `script` (inline) or `script_file` (a .rs file next to this one)");
    }
  }

  void Source(const toml::node& v, const std::string& s) {
    if (s.empty()) return;
    size_t start = 0;
    for (;;) {
      size_t slash = s.find('/', start);
      std::string tag =
          s.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
      if (FindDocument(tag) == nullptr) {
        Err(v.source(), fmt::format("unknown document tag `{}` in `source`; use {} "
                                    "(several joined by `/`, e.g. \"D1/D2\"; scenarios/DOCUMENTS.md names them)",
                                    Shown(tag), DocumentTagList()));
        return;
      }
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
    s_.source = s;
  }

  // `script = '''...'''`: positioned so diagnostics point at the .toml line the user sees.
  void InlineScript(const toml::node& v) {
    auto text = Str(v, "script");
    if (!text) return;
    if (IsBlank(*text)) {
      Err(v.source(), "`script` is empty");
      return;
    }
    uint32_t off = toml_.Offset(v.source().begin);  // the opening quote(s)
    LineCol at = toml_.src().Locate(off);
    std::string_view rest = std::string_view(text_).substr(off);
    uint32_t line_base = at.line - 1;
    uint32_t col_base = at.col;  // "x": the text starts one byte after the quote
    if (rest.substr(0, 3) == "'''" || rest.substr(0, 3) == "\"\"\"") {
      // TOML drops a newline right after the opening delimiter: line 1 is then the next line.
      if (rest.substr(3, 1) == "\n" || rest.substr(3, 2) == "\r\n") {
        line_base = at.line;
        col_base = 0;
      } else {
        col_base = at.col + 2;
      }
    }
    s_.script = SourceFile(path_, *text, line_base, col_base);
  }

  // `script_file = "x.rs"`: a file next to the .toml, named as the user would type it.
  void ScriptFile(const toml::node& v) {
    auto name = NonEmptyStr(v, "script_file");
    if (!name) return;
    fs::path parent = fs::path(path_).parent_path();
    std::string joined = parent.empty() ? *name : (parent / *name).string();
    std::error_code ec;
    if (!fs::exists(joined, ec)) {
      Err(v.source(), fmt::format("script file `{}` not found", Shown(joined, 300)));
      return;
    }
    FileRead f = ReadWholeFile(joined);
    if (!f.ok) {
      Err(v.source(),
          fmt::format("cannot read script file `{}`: {}", Shown(joined, 300), f.reason));
      return;
    }
    if (IsBlank(f.text)) {
      Err(v.source(), fmt::format("script file `{}` is empty", Shown(joined, 300)));
      return;
    }
    s_.script = SourceFile(joined, std::move(f.text), 0, 0);
  }

  // ---- sub-tables
  void Files(const toml::table& t) {
    s_.files.clear();  // any [files] replaces the default set
    for (const auto& [kp, vp] : Entries(t)) {
      std::string name(kp->str());
      std::string where = fmt::format("[files.\"{}\"]", Shown(name));
      if (IsBlank(name)) {
        Err(kp->source(), "a file name must not be empty");
        continue;
      }
      const auto* ft = vp->as_table();
      if (!ft) {
        Err(vp->source(),
            fmt::format("file `{}` must be a table such as {} with `contents`, not {}", Shown(name),
                        where, TypeName(*vp)));
        continue;
      }
      FileSpec f;
      f.name = name;
      for (const auto& [k, v] : Entries(*ft)) {
        std::string_view key = k->str();
        if (key == "contents") {
          if (auto s = Str(*v, key)) f.contents = *s;
        } else if (key == "read_latency_ms") {
          if (auto n = Millis(*v, key)) f.read_latency_ms = *n;
        } else if (key == "write_latency_ms") {
          if (auto n = Millis(*v, key)) f.write_latency_ms = *n;
        } else {
          Unknown(*k, where);
        }
      }
      s_.files.push_back(std::move(f));
    }
  }

  void Disk(const toml::table& t) {
    for (const auto& [k, v] : Entries(t)) {
      std::string_view key = k->str();
      if (key == "write_latency_ms") {
        if (auto n = Millis(*v, key)) s_.disk.write_latency_ms = *n;
      } else {
        Unknown(*k, "[disk]");
      }
    }
  }

  // `[threads]`: how emulated threads share the one core.
  void Threads(const toml::table& t) {
    for (const auto& [k, v] : Entries(t)) {
      std::string_view key = k->str();
      if (key == "preemptive_slice_ms") {
        if (auto n = Millis(*v, key)) {
          if (*n < 1)
            Err(v->source(), fmt::format("`preemptive_slice_ms` must be at least 1 (got {})", *n));
          else
            s_.preemptive_slice_ms = *n;
        }
      } else {
        Unknown(*k, "[threads]");
      }
    }
  }

  // `[network]` with its `[[network.connection]]` entries and their `send` chunks.
  void Network(const toml::table& t) {
    s_.network.present = true;
    for (const auto& [k, v] : Entries(t)) {
      std::string_view key = k->str();
      if (key == "address") {
        if (auto a = NonEmptyStr(*v, key)) {
          if (!IsSocketAddr(*a))
            Err(v->source(), fmt::format("`address` must be an IPv4 address and port such as \"127.0.0.1:8080\", "
                                         "not \"{}\"", Shown(*a)));
          else
            s_.network.address = *a;
        }
      } else if (key == "read_latency_ms") {
        if (auto n = Millis(*v, key)) s_.network.read_latency_ms = *n;
      } else if (key == "write_latency_ms") {
        if (auto n = Millis(*v, key)) s_.network.write_latency_ms = *n;
      } else if (key == "connection") {
        for (const toml::table* c : TableList(*v, "network.connection")) Connection(*c);
      } else {
        Unknown(*k, "[network]");
      }
    }
    auto& cs = s_.network.connections;
    std::stable_sort(cs.begin(), cs.end(), [](const ConnectionSpec& a, const ConnectionSpec& b) { return a.t_ms < b.t_ms; });
  }

  // "a.b.c.d:port" with each part in range.
  static bool IsSocketAddr(const std::string& a) {
    int parts[5], n = 0;
    char tail = 0;
    if (std::sscanf(a.c_str(), "%d.%d.%d.%d:%d%c", &parts[0], &parts[1], &parts[2], &parts[3], &parts[4], &tail) != 5)
      return false;
    for (n = 0; n < 4; ++n)
      if (parts[n] < 0 || parts[n] > 255) return false;
    return parts[4] > 0 && parts[4] <= 65535 && a.find_first_not_of("0123456789.:") == std::string::npos;
  }

  void Connection(const toml::table& t) {
    ConnectionSpec c;
    const std::string where = "[[network.connection]]";
    bool has_t = false;
    const toml::node* close_node = nullptr;
    for (const auto& [k, v] : Entries(t)) {
      std::string_view key = k->str();
      if (key == "t_ms") {
        has_t = true;
        if (auto n = Millis(*v, key)) c.t_ms = *n;
      } else if (key == "peer") {
        if (auto a = NonEmptyStr(*v, key)) {
          if (!IsSocketAddr(*a))
            Err(v->source(), fmt::format("`peer` must be an IPv4 address and port such as \"127.0.0.1:50001\", "
                                         "not \"{}\"", Shown(*a)));
          else
            c.peer = *a;
        }
      } else if (key == "send") {
        for (const toml::table* ch : TableList(*v, "send")) {
          NetChunkSpec chunk;
          bool has_ct = false, has_data = false;
          for (const auto& [ck, cv] : Entries(*ch)) {
            std::string_view ckey = ck->str();
            if (ckey == "t_ms") {
              has_ct = true;
              if (auto n = Millis(*cv, ckey)) chunk.t_ms = *n;
            } else if (ckey == "data") {
              has_data = true;
              if (auto d = Str(*cv, ckey)) {
                if (d->empty()) Err(cv->source(), "`data` must not be empty: a chunk sends at least one byte");
                else chunk.data = *d;
              }
            } else {
              Unknown(*ck, "a `send` chunk of [[network.connection]]");
            }
          }
          if (!has_ct) Missing(ch->source(), "t_ms", "a `send` chunk of [[network.connection]]");
          if (!has_data) Missing(ch->source(), "data", "a `send` chunk of [[network.connection]]");
          if (has_t && chunk.t_ms < c.t_ms)
            Err(ch->source(), fmt::format("a chunk is sent at {} ms, before its client connects at {} ms", chunk.t_ms, c.t_ms));
          if (!c.send.empty() && chunk.t_ms < c.send.back().t_ms)
            Err(ch->source(), fmt::format("`send` chunks must be in time order ({} ms comes after {} ms)", chunk.t_ms,
                                          c.send.back().t_ms));
          c.send.push_back(std::move(chunk));
        }
      } else if (key == "close_ms") {
        close_node = v;
        if (auto n = Millis(*v, key)) c.close_ms = *n;
      } else {
        Unknown(*k, where);
      }
    }
    if (!has_t) Missing(t.source(), "t_ms", where);
    if (close_node && c.close_ms) {
      int64_t last = c.send.empty() ? c.t_ms : c.send.back().t_ms;
      if (*c.close_ms < last)
        Err(close_node->source(), fmt::format("`close_ms` is {} ms, before the client's last byte or its connection "
                                              "at {} ms", *c.close_ms, last));
    }
    if (s_.network.connections.size() >= 10000) {
      Err(t.source(), "more than 10000 connections in [network]");
      return;
    }
    if (c.peer.empty()) c.peer = fmt::format("127.0.0.1:{}", 50001 + s_.network.connections.size());
    s_.network.connections.push_back(std::move(c));
  }

  void Key(const toml::table& t) {
    KeySpec ks;
    bool has_t = false, has_code = false;
    for (const auto& [k, v] : Entries(t)) {
      std::string_view key = k->str();
      if (key == "t_ms") {
        has_t = true;
        if (auto n = Millis(*v, key)) ks.t_ms = *n;
      } else if (key == "scancode") {
        has_code = true;
        if (auto n = Int(*v, key)) {
          if (*n < 0 || *n > 255)
            Err(v->source(),
                fmt::format("`scancode` must be between 0 and 255 (0x00 to 0xFF), not {}", *n));
          else
            ks.scancode = static_cast<uint8_t>(*n);
        }
      } else if (key == "during_poll") {
        if (auto b = Bool(*v, key)) ks.during_poll = *b;
      } else {
        Unknown(*k, "[[keyboard]]");
      }
    }
    if (!has_t) Missing(t.source(), "t_ms", "[[keyboard]]");
    if (!has_code) Missing(t.source(), "scancode", "[[keyboard]]");
    s_.keyboard.push_back(ks);
  }

  void Op(const toml::table& t) {
    OpSpec op;
    op.result = "()";
    LineCol at = toml_.src().Locate(toml_.Offset(t.source().begin));
    op.line = at.line;
    op.col = at.col;
    op.file = path_;
    bool has_name = false;
    const toml::node* latency = nullptr;
    const toml::node* name_node = nullptr;
    for (const auto& [k, v] : Entries(t)) {
      std::string_view key = k->str();
      if (key == "name") {
        has_name = true;
        name_node = v;
        if (auto s = Str(*v, key)) {
          if (!IsIdent(*s))
            Err(v->source(), fmt::format("op name `{}` is not a Rust identifier", Shown(*s)));
          else
            op.name = *s;
        }
      } else if (key == "receiver") {
        if (auto s = Str(*v, key)) {
          if (!s->empty() && !IsIdent(*s))
            Err(v->source(),
                fmt::format("`receiver` must name a struct type, not `{}`", Shown(*s)));
          else
            op.receiver = *s;
        }
      } else if (key == "params") {
        if (auto l = StrList(*v, key, false)) {
          op.params = std::move(*l);
          for (const toml::node& e : *v->as_array()) op.param_pos.push_back(TextPos(e));
        }
      } else if (key == "returns") {
        if (auto s = NonEmptyStr(*v, key)) {
          op.returns = *s;
          op.returns_pos = TextPos(*v);
        }
      } else if (key == "async") {
        if (auto b = Bool(*v, key)) op.is_async = *b;
      } else if (key == "latency_ms") {
        latency = v;
        if (auto n = Millis(*v, key)) op.latency_ms = *n;
      } else if (key == "result") {
        if (auto s = NonEmptyStr(*v, key)) {
          op.result = *s;
          op.result_pos = TextPos(*v);
        }
      } else {
        Unknown(*k, "[[op]]");
      }
    }
    if (!has_name) Missing(t.source(), "name", "[[op]]");
    if (!op.is_async && latency && op.latency_ms > 0)
      Err(latency->source(),
          "`latency_ms` is only for async ops; a synchronous op (async = false) returns at once");
    if (!op.name.empty()) {
      std::string full = op.receiver.empty() ? op.name : op.receiver + "::" + op.name;
      auto [it, fresh] = op_lines_.emplace(full, op.line);
      if (!fresh)
        Err(name_node->source(),
            fmt::format("op `{}` is declared twice (first on line {})", full, it->second));
    }
    s_.ops.push_back(std::move(op));
  }

  void Note(const toml::table& t) {
    NoteSpec n;
    bool has_step = false, has_text = false;
    for (const auto& [k, v] : Entries(t)) {
      std::string_view key = k->str();
      if (key == "step") {
        has_step = true;
        if (auto i = NonNegative(*v, key)) n.step = *i;
      } else if (key == "text") {
        has_text = true;
        if (auto s = NonEmptyStr(*v, key)) n.text = *s;
      } else if (IsScenarioLanguage(key)) {
        if (const auto* t = Table(*v, fmt::format("`{}` in [[note]] (the note in that language)", key)))
          NoteTranslation(std::string(key), *t);
      } else {
        Unknown(*k, "[[note]]");
      }
    }
    if (!has_step) Missing(t.source(), "step", "[[note]]");
    if (!has_text) Missing(t.source(), "text", "[[note]]");
    s_.notes.push_back(std::move(n));
  }

  void Question(const toml::table& t) {
    QuestionSpec q;
    bool has_step = false, has_prompt = false;
    const toml::node* choices = nullptr;
    const toml::node* answer = nullptr;
    std::optional<std::string> answer_text;
    std::vector<std::pair<std::string, const toml::table*>> translated;
    for (const auto& [k, v] : Entries(t)) {
      std::string_view key = k->str();
      if (key == "step") {
        has_step = true;
        if (auto i = NonNegative(*v, key)) q.step = *i;
      } else if (key == "prompt") {
        has_prompt = true;
        if (auto s = NonEmptyStr(*v, key)) q.prompt = *s;
      } else if (key == "choices") {
        choices = v;
        if (auto l = StrList(*v, key, false)) q.choices = std::move(*l);
      } else if (key == "answer") {
        answer = v;
        answer_text = NonEmptyStr(*v, key);
      } else if (key == "explanation") {
        if (auto s = Str(*v, key)) q.explanation = *s;
      } else if (IsScenarioLanguage(key)) {
        if (const auto* t = Table(*v, fmt::format("`{}` in [[question]] (the question in that language)", key)))
          translated.emplace_back(std::string(key), t);
      } else {
        Unknown(*k, "[[question]]");
      }
    }
    for (const auto& [lang, t] : translated) TranslateQuestion(lang, *t, choices != nullptr ? q.choices.size() : 0);
    if (!has_step) Missing(t.source(), "step", "[[question]]");
    if (!has_prompt) Missing(t.source(), "prompt", "[[question]]");
    if (choices == nullptr) Missing(t.source(), "choices", "[[question]]");
    if (answer == nullptr) Missing(t.source(), "answer", "[[question]]");
    if (choices != nullptr && q.choices.size() < 2)
      Err(choices->source(), "`choices` needs at least two entries");
    for (size_t i = 0; i < q.choices.size(); ++i)
      for (size_t j = 0; j < i; ++j)
        if (q.choices[i] == q.choices[j])
          Err(choices->source(), fmt::format("`choices` lists \"{}\" twice", q.choices[i]));
    if (answer_text && choices != nullptr && q.choices.size() >= 2) {
      auto it = std::find(q.choices.begin(), q.choices.end(), *answer_text);
      if (it == q.choices.end())
        Err(answer->source(), fmt::format("`answer` \"{}\" is not one of the `choices`", *answer_text));
      else
        q.answer = static_cast<int>(it - q.choices.begin());
    }
    s_.questions.push_back(std::move(q));
  }

  // An address: 1 ..= 2^48 - 1 (a user-space address of the emulated 64-bit machine).
  std::optional<uint64_t> Address(const toml::node& n, std::string_view key) {
    auto v = Int(n, key);
    if (!v) return std::nullopt;
    if (*v <= 0 || *v >= (int64_t{1} << 48)) {
      Err(n.source(), fmt::format("`{}` must be an address between 0x1 and 0xFFFFFFFFFFFF, not {}", Shown(key), *v));
      return std::nullopt;
    }
    return static_cast<uint64_t>(*v);
  }

  void Memory(const toml::table& t) {
    s_.memory.track = true;
    for (const auto& [k, v] : Entries(t)) {
      std::string_view key = k->str();
      if (key == "stack_base") {
        if (auto a = Address(*v, key)) s_.memory.stack_base = *a;
      } else if (key == "heap_base") {
        if (auto a = Address(*v, key)) s_.memory.heap_base = *a;
      } else if (key == "tasks_base") {
        if (auto a = Address(*v, key)) s_.memory.tasks_base = *a;
      } else if (key == "self_refs") {
        if (auto s = Str(*v, key)) {
          if (*s != "dangle" && *s != "update" && *s != "offsets" && *s != "forbid")
            Err(v->source(), fmt::format("unknown `self_refs` policy `{}` (dangle, update, offsets or forbid)", *s));
          else
            s_.memory.self_refs = *s;
        }
      } else if (key == "connections" || key == "thread_stack_mb") {
        if (auto n = Int(*v, key)) {
          if (*n < 1 || *n > 10000000)
            Err(v->source(), fmt::format("`{}` must be between 1 and 10000000, not {}", Shown(key), *n));
          else
            (key == "connections" ? s_.memory.connections : s_.memory.thread_stack_mb) = *n;
        }
      } else if (key == "connection") {
        if (auto s = NonEmptyStr(*v, key)) s_.memory.connection = *s;
      } else if (key == "at") {
        if (const auto* at = Table(*v, "`memory.at`")) {
          for (const auto& [fk, fv] : Entries(*at))
            if (auto a = Address(*fv, fk->str())) s_.memory.at.emplace_back(std::string(fk->str()), *a);
        }
      } else if (key == "move") {
        for (const toml::table* mt : TableList(*v, key)) {
          MoveSpec m;
          m.line = mt->source().begin.line;
          bool has_future = false;
          for (const auto& [mk, mv] : Entries(*mt)) {
            std::string_view mkey = mk->str();
            if (mkey == "future") {
              has_future = true;
              m.line = mk->source().begin.line;
              size_t start = 0;
              for (uint32_t l = 1; l < m.line && start != std::string::npos; ++l) {
                start = text_.find('\n', start);
                if (start != std::string::npos) ++start;
              }
              if (start != std::string::npos) m.line_text = text_.substr(start, text_.find('\n', start) - start);
              if (auto s = NonEmptyStr(*mv, mkey)) m.future = *s;
            } else if (mkey == "after_polls") {
              if (auto n = Int(*mv, mkey)) {
                if (*n < 0 || *n > 1000000)
                  Err(mv->source(), fmt::format("`after_polls` must be between 0 and 1000000, not {}", *n));
                else
                  m.after_polls = *n;
              }
            } else if (mkey == "to") {
              if (auto a = Address(*mv, mkey)) m.to = *a;
            } else {
              Unknown(*mk, "[[memory.move]]");
            }
          }
          if (!has_future) Missing(mt->source(), "future", "[[memory.move]]");
          s_.memory.moves.push_back(std::move(m));
        }
      } else {
        Unknown(*k, "[memory]");
      }
    }
  }

  void Expect(const toml::table& t) {
    for (const auto& [k, v] : Entries(t)) {
      std::string_view key = k->str();
      if (key == "output") {
        if (auto l = StrList(*v, key, true)) s_.expect_output = std::move(*l);
      } else if (key == "trace") {
        if (auto l = StrList(*v, key, false)) s_.expect_trace = std::move(*l);
      } else {
        Unknown(*k, "[expect]");
      }
    }
  }

  // ---- translations: `[zh]`, and `zh` in a [[note]] or [[question]]
  static bool IsScenarioLanguage(std::string_view key) {
    const auto& langs = ScenarioLanguages();
    return std::find(langs.begin(), langs.end(), key) != langs.end();
  }

  void TopTranslation(const std::string& lang, const toml::table& t) {
    ScenarioTranslation& tr = s_.translations[lang];
    for (const auto& [k, v] : Entries(t)) {
      const std::string key = lang + "." + std::string(k->str());
      std::string_view name = k->str();
      if (name == "title" || name == "document" || name == "section" || name == "description") {
        auto s = NonEmptyStr(*v, key);
        if (!s) continue;
        (name == "title" ? tr.title : name == "document" ? tr.document : name == "section" ? tr.section : tr.description) =
            *s;
      } else if (name == "errata") {
        if (auto l = StrList(*v, key, false)) {
          tr.errata = std::move(*l);
          errata_nodes_[lang] = v;
        }
      } else {
        Err(k->source(), fmt::format("unknown key `{}` in [{}]; a translation may give `title`, `description`, "
                                     "`document`, `section` and `errata`",
                                     Shown(k->str()), lang));
      }
    }
  }

  void NoteTranslation(const std::string& lang, const toml::table& t) {
    ScenarioTranslation& tr = s_.translations[lang];
    tr.notes.resize(s_.notes.size() + 1);
    for (const auto& [k, v] : Entries(t)) {
      if (k->str() == "text") {
        if (auto s = NonEmptyStr(*v, lang + ".text")) tr.notes.back() = *s;
      } else {
        Err(k->source(), fmt::format("unknown key `{}` in [[note]] `{}`; a note's translation gives `text`",
                                     Shown(k->str()), lang));
      }
    }
  }

  // `choices`: how many the question offers in English (0: none given, already reported).
  void TranslateQuestion(const std::string& lang, const toml::table& t, size_t choices) {
    ScenarioTranslation& tr = s_.translations[lang];
    tr.questions.resize(s_.questions.size() + 1);
    aws::QuestionTranslation& q = tr.questions.back();
    for (const auto& [k, v] : Entries(t)) {
      const std::string key = lang + "." + std::string(k->str());
      std::string_view name = k->str();
      if (name == "prompt") {
        if (auto s = NonEmptyStr(*v, key)) q.prompt = *s;
      } else if (name == "explanation") {
        if (auto s = NonEmptyStr(*v, key)) q.explanation = *s;
      } else if (name == "choices") {
        auto l = StrList(*v, key, false);
        if (!l) continue;
        if (choices > 0 && l->size() != choices) {
          Err(v->source(), fmt::format("`{}` has {} entries and `choices` has {}: translate every choice, in the "
                                       "same order",
                                       key, l->size(), choices));
          continue;
        }
        bool twice = false;
        for (size_t i = 0; i < l->size() && !twice; ++i)
          for (size_t j = 0; j < i && !twice; ++j)
            if ((*l)[i] == (*l)[j]) {
              Err(v->source(), fmt::format("`{}` lists \"{}\" twice", key, (*l)[i]));
              twice = true;
            }
        if (!twice) q.choices = std::move(*l);
      } else {
        Err(k->source(), fmt::format("unknown key `{}` in [[question]] `{}`; a question's translation gives "
                                     "`prompt`, `choices` and `explanation`",
                                     Shown(k->str()), lang));
      }
    }
  }

  // Each language's errata, one per erratum; its notes and questions, one per note and question.
  void CheckTranslations() {
    for (auto& [lang, tr] : s_.translations) {
      if (auto it = errata_nodes_.find(lang); it != errata_nodes_.end() && tr.errata.size() != s_.errata.size())
        Err(it->second->source(), fmt::format("`{0}.errata` has {1} entries and `errata` has {2}: translate every "
                                              "erratum, in the same order",
                                              lang, tr.errata.size(), s_.errata.size()));
      tr.notes.resize(s_.notes.size());
      tr.questions.resize(s_.questions.size());
    }
  }

  // `next` must name another scenario of this file's folder.
  void CheckNext(const toml::node& v) {
    if (s_.next == s_.id)
      Err(v.source(), fmt::format("`next` names this scenario itself (`{}`)", Shown(s_.next)));
    else if (!ScenarioIdInFolder(fs::path(path_).parent_path(), s_.next))
      Err(v.source(), fmt::format("`next` names no scenario of this folder: no `.toml` file here has the id `{}` "
                                  "(an id is the file's stem unless its `id` key says otherwise)",
                                  Shown(s_.next)));
  }

  const std::string& path_;
  const std::string& text_;
  Diagnostics& diags_;
  TomlText toml_;
  Scenario s_;
  const toml::node* next_node_ = nullptr;
  std::map<std::string, uint32_t> op_lines_;
  std::map<std::string, const toml::node*> errata_nodes_;  // language -> its `errata` value
};

// [SECTION] Bare `.rs` scripts

Scenario RustScenario(const std::string& path, const std::string& text) {
  Scenario s;
  s.path = path;
  s.id = fs::path(path).stem().string();
  s.title = fs::path(path).filename().string();
  s.spawn = {"main()"};
  s.script_only = true;
  s.files = DefaultFiles();
  s.script = SourceFile(path, text, 0, 0);
  return s;
}

std::optional<Scenario> LoadText(const std::string& path, const std::string& text,
                                 Diagnostics& diags) {
  if (IsBlank(text)) {
    diags.ReportAt(Severity::Error, path, 1, 1, "file is empty");
    return std::nullopt;
  }
  if (IsRustPath(path)) return RustScenario(path, text);
  return Loader(path, text, diags).Run();
}

}  // namespace

// [SECTION] Public entry points

const std::vector<std::string_view>& ScenarioLanguages() {
  static const std::vector<std::string_view> kLanguages = {"zh"};
  return kLanguages;
}

std::vector<FileSpec> DefaultFiles() {
  FileSpec foo;
  foo.name = "foo.txt";
  foo.contents = "Hello";
  foo.read_latency_ms = 30;
  FileSpec bar;
  bar.name = "bar.txt";
  bar.contents = " World";
  bar.read_latency_ms = 20;
  return {foo, bar};
}

std::optional<Scenario> LoadScenarioText(const std::string& path, const std::string& text,
                                         Diagnostics& diags) {
  try {
    return LoadText(path, text, diags);
  } catch (const std::exception& e) {
    diags.ReportAt(Severity::Error, path, 0, 0,
                   fmt::format("could not load the scenario: {}", e.what()));
  } catch (...) {
    diags.ReportAt(Severity::Error, path, 0, 0, "could not load the scenario");
  }
  return std::nullopt;
}

std::optional<Scenario> LoadScenario(const std::string& path, Diagnostics& diags) {
  try {
    FileRead f = ReadWholeFile(path);
    if (!f.ok) {
      diags.ReportAt(Severity::Error, path, 0, 0,
                     f.not_found ? std::string("file not found")
                                 : fmt::format("cannot read file: {}", f.reason));
      return std::nullopt;
    }
    return LoadText(path, f.text, diags);
  } catch (const std::exception& e) {
    diags.ReportAt(Severity::Error, path, 0, 0,
                   fmt::format("could not load the scenario: {}", e.what()));
  } catch (...) {
    diags.ReportAt(Severity::Error, path, 0, 0, "could not load the scenario");
  }
  return std::nullopt;
}

// [SECTION] ListScenarios

std::vector<ScenarioInfo> ListScenarios(const std::string& dir, Diagnostics& diags) {
  std::vector<ScenarioInfo> out;
  try {
    std::error_code ec;
    std::vector<std::string> paths;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      std::error_code ec2;
      if (it->path().extension() == ".toml" && it->is_regular_file(ec2))
        paths.push_back((fs::path(dir) / it->path().filename()).string());
    }
    if (ec) {
      diags.ReportAt(Severity::Error, dir, 0, 0,
                     fmt::format("cannot list scenarios: {}", ec.message()));
      return out;
    }
    std::sort(paths.begin(), paths.end());
    std::map<std::string, std::string> seen;  // id -> path
    for (const std::string& p : paths) {
      std::optional<Scenario> s = LoadScenario(p, diags);
      if (!s) continue;
      auto [it, fresh] = seen.emplace(s->id, p);
      if (!fresh) {
        diags.ReportAt(Severity::Error, p, 0, 0,
                       fmt::format("scenario id `{}` is already used by {}; this file is skipped",
                                   s->id, it->second));
        continue;
      }
      out.push_back({s->id, s->title, s->source, p, s->next});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const ScenarioInfo& a, const ScenarioInfo& b) { return a.id < b.id; });
  } catch (const std::exception& e) {
    diags.ReportAt(Severity::Error, dir, 0, 0, fmt::format("cannot list scenarios: {}", e.what()));
  }
  return out;
}

}  // namespace aws
