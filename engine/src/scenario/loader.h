// Inside the scenario loader (the files of this folder): its limits, the helpers that read
// toml++'s nodes and positions, and the Loader class, whose parts live by the tables they read:
// loader.cpp (the top level, the script and files, typed values, [expect]), devices.cpp ([disk],
// [threads], [network], [[key]], [[op]]), lessons.cpp ([[note]], [[question]], [memory]) and
// translations.cpp (`[zh]` and the like). scenario.cpp holds the public entry points.
#pragma once

#include <toml++/toml.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "awaitscope/diagnostics.h"
#include "awaitscope/file_io.h"
#include "awaitscope/scenario.h"
#include "awaitscope/source.h"

namespace aws::scenario_load {

constexpr int64_t kMaxLatencyMs = 3'600'000;  // one hour of virtual time: anything longer is a typo
constexpr int64_t kMaxStepBudget = 1'000'000'000;
// A scenario file is hand-written; a line this long is garbage (and a valid 1 MB string would
// otherwise slip through without any message).
constexpr size_t kMaxTomlLineBytes = 64 * 1024;

bool IsIdentChar(char c);
bool IsIdent(std::string_view s);
bool IsBlank(std::string_view s);
// Length of the valid UTF-8 sequence starting at s[i], or 0 when the byte does not start one.
size_t Utf8Len(std::string_view s, size_t i);
// Text from the file (a key, a value, a parser message) made safe to print inside a message:
// control bytes and invalid UTF-8 are escaped, and very long text is cut.
std::string Shown(std::string_view s, size_t max_bytes = 80);
const char* TypeName(const toml::node& n);
// toml++ says "Error while parsing key-value pair: expected '='"; we say
// "TOML syntax error in key-value pair: expected '='".
std::string ParseErrorMessage(std::string_view desc);

// A scenario or a script file: at most kMaxScriptBytes, a regular file (file_io.h).
FileRead ReadWholeFile(const std::string& path);
// Whether a scenario of `dir` has the id `id`: `ID.toml` (only that file is read, the common
// case), else any `*.toml` whose `id` key is `id`.
bool ScenarioIdInFolder(const std::filesystem::path& dir, const std::string& id);

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
std::vector<Entry> Entries(const toml::table& t);

// Reads one scenario file's TOML into a Scenario, reporting every problem at its line and column.
class Loader {
 public:
  Loader(const std::string& path, const std::string& text, Diagnostics& diags)
      : path_(path), text_(text), diags_(diags), toml_(path, text) {}

  std::optional<Scenario> Run();

 private:
  // ---- reporting
  // Where the text of a string value starts (just after its opening quote).
  LineCol TextPos(const toml::node& n);
  void Err(const toml::source_region& r, std::string msg);
  void ErrAtStart(std::string msg) { diags_.Error(toml_.src(), Span{0, 1}, std::move(msg)); }

  // Before toml++ sees the text: lines of absurd length, and bytes that are not UTF-8 (toml++
  // reports those one character early).
  bool CheckLines();

  // ---- typed values; each reports a wrong type at the value and returns nullopt
  std::optional<std::string> Str(const toml::node& n, std::string_view key);
  std::optional<std::string> NonEmptyStr(const toml::node& n, std::string_view key);
  std::optional<int64_t> Int(const toml::node& n, std::string_view key);
  std::optional<bool> Bool(const toml::node& n, std::string_view key);
  // An integer >= 0 (a step, a count).
  std::optional<int64_t> NonNegative(const toml::node& n, std::string_view key);
  // A duration or time in virtual milliseconds: 0 ..= one hour.
  std::optional<int64_t> Millis(const toml::node& n, std::string_view key);
  std::optional<std::vector<std::string>> StrList(const toml::node& n, std::string_view key,
                                                  bool allow_empty_items);
  const toml::table* Table(const toml::node& n, std::string_view what);
  // `[[name]]`: an array of tables.
  std::vector<const toml::table*> TableList(const toml::node& n, std::string_view key);
  void Unknown(const toml::key& k, std::string_view where);
  void Missing(const toml::source_region& r, std::string_view key, std::string_view where);

  // ---- the top-level table
  void Top(const toml::table& root);
  void Source(const toml::node& v, const std::string& s);

  // `script = '''...'''`: positioned so diagnostics point at the .toml line the user sees.
  void InlineScript(const toml::node& v);

  // `script_file = "x.rs"`: a file next to the .toml, named as the user would type it.
  void ScriptFile(const toml::node& v);

  // ---- sub-tables
  void Files(const toml::table& t);
  void Disk(const toml::table& t);

  // `[threads]`: how emulated threads share the one core.
  void Threads(const toml::table& t);

  // `[network]` with its `[[network.connection]]` entries and their `send` chunks.
  void Network(const toml::table& t);

  // "a.b.c.d:port" with each part in range.
  static bool IsSocketAddr(const std::string& a);
  void Connection(const toml::table& t);
  void Key(const toml::table& t);
  void Op(const toml::table& t);
  void Note(const toml::table& t);
  void Question(const toml::table& t);

  // An address: 1 ..= 2^48 - 1 (a user-space address of the emulated 64-bit machine).
  std::optional<uint64_t> Address(const toml::node& n, std::string_view key);
  void Memory(const toml::table& t);
  void Expect(const toml::table& t);

  // ---- translations: `[zh]`, and `zh` in a [[note]] or [[question]]
  static bool IsScenarioLanguage(std::string_view key);
  void TopTranslation(const std::string& lang, const toml::table& t);
  void NoteTranslation(const std::string& lang, const toml::table& t);

  // `choices`: how many the question offers in English (0: none given, already reported).
  void TranslateQuestion(const std::string& lang, const toml::table& t, size_t choices);

  // Each language's errata, one per erratum; its notes and questions, one per note and question.
  void CheckTranslations();

  // `next` must name another scenario of this file's folder.
  void CheckNext(const toml::node& v);
  const std::string& path_;
  const std::string& text_;
  Diagnostics& diags_;
  TomlText toml_;
  Scenario s_;
  const toml::node* next_node_ = nullptr;
  std::map<std::string, uint32_t> op_lines_;
  std::map<std::string, const toml::node*> errata_nodes_;  // language -> its `errata` value
};

}  // namespace aws::scenario_load
