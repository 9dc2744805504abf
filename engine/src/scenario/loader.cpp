// The scenario loader's top level: the run, the typed values, the top-level table, the script
// and its files, [expect] and `next`.
#include <fmt/format.h>

#include <algorithm>

#include "awaitscope/documents.h"
#include "awaitscope/executor_kind.h"
#include "scenario/loader.h"

namespace aws::scenario_load {

namespace fs = std::filesystem;

std::optional<Scenario> Loader::Run() {
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

LineCol Loader::TextPos(const toml::node& n) {
  LineCol lc = toml_.src().Locate(toml_.SpanOf(n.source()).begin);
  lc.col += 1;
  return lc;
}

void Loader::Err(const toml::source_region& r, std::string msg) {
  diags_.Error(toml_.src(), toml_.SpanOf(r), std::move(msg));
}

bool Loader::CheckLines() {
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

std::optional<std::string> Loader::Str(const toml::node& n, std::string_view key) {
  if (const auto* v = n.as_string()) return v->get();
  Err(n.source(), fmt::format("`{}` must be a string, not {}", Shown(key), TypeName(n)));
  return std::nullopt;
}

std::optional<std::string> Loader::NonEmptyStr(const toml::node& n, std::string_view key) {
  auto s = Str(n, key);
  if (s && IsBlank(*s)) {
    Err(n.source(), fmt::format("`{}` must not be empty", Shown(key)));
    return std::nullopt;
  }
  return s;
}

std::optional<int64_t> Loader::Int(const toml::node& n, std::string_view key) {
  if (const auto* v = n.as_integer()) return v->get();
  Err(n.source(), fmt::format("`{}` must be an integer, not {}", Shown(key), TypeName(n)));
  return std::nullopt;
}

std::optional<bool> Loader::Bool(const toml::node& n, std::string_view key) {
  if (const auto* v = n.as_boolean()) return v->get();
  Err(n.source(), fmt::format("`{}` must be true or false, not {}", Shown(key), TypeName(n)));
  return std::nullopt;
}

std::optional<int64_t> Loader::NonNegative(const toml::node& n, std::string_view key) {
  auto v = Int(n, key);
  if (v && *v < 0) {
    Err(n.source(), fmt::format("`{}` must not be negative (got {})", Shown(key), *v));
    return std::nullopt;
  }
  return v;
}

std::optional<int64_t> Loader::Millis(const toml::node& n, std::string_view key) {
  auto v = NonNegative(n, key);
  if (!v) return std::nullopt;
  if (*v > kMaxLatencyMs) {
    Err(n.source(), fmt::format("`{}` is {} ms, more than one hour (the limit is {} ms)",
                                Shown(key), *v, kMaxLatencyMs));
    return std::nullopt;
  }
  return v;
}

std::optional<std::vector<std::string>> Loader::StrList(const toml::node& n, std::string_view key,
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

const toml::table* Loader::Table(const toml::node& n, std::string_view what) {
  if (const auto* t = n.as_table()) return t;
  Err(n.source(), fmt::format("{} must be a table, not {}", what, TypeName(n)));
  return nullptr;
}

std::vector<const toml::table*> Loader::TableList(const toml::node& n, std::string_view key) {
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

void Loader::Unknown(const toml::key& k, std::string_view where) {
  Err(k.source(), fmt::format("unknown key `{}` in {}", Shown(k.str()), where));
}

void Loader::Missing(const toml::source_region& r, std::string_view key, std::string_view where) {
  Err(r, fmt::format("missing required key `{}` in {}", key, where));
}

void Loader::Top(const toml::table& root) {
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

void Loader::Source(const toml::node& v, const std::string& s) {
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

void Loader::InlineScript(const toml::node& v) {
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

void Loader::ScriptFile(const toml::node& v) {
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

void Loader::Files(const toml::table& t) {
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

void Loader::Expect(const toml::table& t) {
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

void Loader::CheckNext(const toml::node& v) {
  if (s_.next == s_.id)
    Err(v.source(), fmt::format("`next` names this scenario itself (`{}`)", Shown(s_.next)));
  else if (!ScenarioIdInFolder(fs::path(path_).parent_path(), s_.next))
    Err(v.source(), fmt::format("`next` names no scenario of this folder: no `.toml` file here has the id `{}` "
                                "(an id is the file's stem unless its `id` key says otherwise)",
                                Shown(s_.next)));
}

}  // namespace aws::scenario_load
