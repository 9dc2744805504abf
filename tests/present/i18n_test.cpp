// The translation catalogs: the .pot lists every marked string (xgettext run again here), zh.po
// translates each one with the same placeholders, and the narration reads in Chinese with the
// terms of the Chinese translation of the blog post.
#include "present/i18n.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "awaitscope/lower.h"
#include "awaitscope/runtime.h"
#include "awaitscope/scenario.h"
#include "present/data_dirs.h"
#include "present/narration.h"

namespace aws::present {
namespace {

namespace fs = std::filesystem;
const fs::path kRoot = AWAITSCOPE_SOURCE_DIR;

std::string ReadText(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    const char c = s[++i];
    out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
  }
  return out;
}

struct PoEntry {
  std::string msgid, msgstr;
  bool c_format = false;
};

// A small reader of the PO files this project writes: flags, msgid and msgstr, each a run of
// quoted lines. The header (empty msgid) is skipped.
std::vector<PoEntry> ReadPo(const fs::path& p) {
  std::vector<PoEntry> out;
  std::istringstream in(ReadText(p));
  std::string line;
  PoEntry e;
  std::string* field = nullptr;
  auto flush = [&] {
    if (!e.msgid.empty()) out.push_back(e);
    e = PoEntry{};
    field = nullptr;
  };
  const std::regex quoted("^(?:msgid |msgstr )?\"(.*)\"$");
  while (std::getline(in, line)) {
    if (line.empty()) {
      flush();
      continue;
    }
    if (line.starts_with("#,") && line.find("c-format") != std::string::npos && line.find("no-c-format") == std::string::npos)
      e.c_format = true;
    if (line.starts_with("#")) continue;
    if (line.starts_with("msgid ")) field = &e.msgid;
    else if (line.starts_with("msgstr ")) field = &e.msgstr;
    std::smatch m;
    if (field != nullptr && std::regex_match(line, m, quoted)) *field += Unescape(m[1].str());
  }
  flush();
  return out;
}

// printf directives in order (what msgfmt --check compares for c-format strings).
std::vector<std::string> PrintfDirectives(const std::string& s) {
  std::vector<std::string> out;
  const std::regex re("%(%|[-+ #0]*[0-9]*(\\.[0-9]+)?(hh|h|ll|l|z|j|t)?[diouxXeEfgGcspn])");
  for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator(); ++it)
    out.push_back((*it)[0].str());
  return out;
}

// Brace placeholders as what they refer to: named ({task}), or an argument index ({} counted in
// order, {1}, {:.3g} and {0:.3g} alike), with the format spec. A set: a translation may reorder
// them or use one twice, but must use each and add none.
std::set<std::string> BracePlaceholders(const std::string& s) {
  std::set<std::string> out;
  const std::regex re("\\{([A-Za-z_0-9]*)(:[^}]*)?\\}");
  int next = 0;
  for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator(); ++it) {
    std::string name = (*it)[1].str();
    if (name.empty()) name = std::to_string(next++);
    out.insert(name + (*it)[2].str());
  }
  return out;
}

bool HasLatinLetters(const std::string& s) {
  for (char c : s)
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return false;
}

TEST(Catalog, TheChineseCatalogTranslatesEveryMsgidOfThePotWithTheSamePlaceholders) {
  const std::vector<PoEntry> pot = ReadPo(kRoot / "assets/po/awaitscope.pot");
  const std::vector<PoEntry> zh = ReadPo(kRoot / "assets/po/zh.po");
  ASSERT_GT(pot.size(), 250u);
  std::map<std::string, PoEntry> by_id;
  for (const PoEntry& e : zh) by_id[e.msgid] = e;
  for (const PoEntry& p : pot) {
    SCOPED_TRACE(p.msgid);
    auto it = by_id.find(p.msgid);
    ASSERT_NE(it, by_id.end()) << "not in zh.po (run scripts/update-pot.sh, then translate it)";
    const std::string& t = it->second.msgstr;
    EXPECT_FALSE(t.empty()) << "untranslated";
    EXPECT_NE(t, p.msgid) << "the translation is the English text";
    if (p.c_format) EXPECT_EQ(PrintfDirectives(t), PrintfDirectives(p.msgid));
    EXPECT_EQ(BracePlaceholders(t), BracePlaceholders(p.msgid));
  }
  EXPECT_EQ(zh.size(), pot.size()) << "zh.po holds entries the .pot no longer has";
}

TEST(Catalog, ThePotListsEveryMarkedString) {
  if (std::system("command -v xgettext >/dev/null 2>&1") != 0) GTEST_SKIP() << "xgettext missing (apt-get install gettext)";
  const fs::path tmp = fs::temp_directory_path() / ("awaitscope_pot_" + std::to_string(::getpid()));
  fs::create_directories(tmp);
  const std::string cmd = "cd '" + kRoot.string() + "' && find app -name '*.cpp' | LC_ALL=C sort > '" +
                          (tmp / "files").string() + "' && xgettext --language=C++ --from-code=UTF-8 --keyword=_ "
                          "--keyword=N_ --no-location --sort-output --files-from='" + (tmp / "files").string() +
                          "' -o '" + (tmp / "now.pot").string() + "' 2>/dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::set<std::string> now, committed;
  for (const PoEntry& e : ReadPo(tmp / "now.pot")) now.insert(e.msgid);
  for (const PoEntry& e : ReadPo(kRoot / "assets/po/awaitscope.pot")) committed.insert(e.msgid);
  fs::remove_all(tmp);
  EXPECT_EQ(now, committed) << "assets/po/awaitscope.pot is out of date: run scripts/update-pot.sh";
}

TEST(Catalog, ChineseKeepsTheBlogTranslationsTerms) {
  std::map<std::string, std::string> zh;
  for (const PoEntry& e : ReadPo(kRoot / "assets/po/zh.po")) zh[e.msgid] = e.msgstr;
  EXPECT_EQ(zh["State machine"], "状态机");
  EXPECT_EQ(zh["Executor"], "执行器");
  EXPECT_EQ(zh["waker"], "唤醒器");
  EXPECT_NE(zh["Memory and pinning"].find("固定"), std::string::npos);
  EXPECT_NE(zh["Next poll"].find("轮询"), std::string::npos);
  // Rust identifiers stay in Latin script.
  for (const char* id : {"{task} returns Pending: {future} is waiting, so the executor moves on.",
                         "{future} returns Ready({result}), so {parent} continues right away without giving up the CPU."}) {
    EXPECT_NE(zh[id].find(std::string(id).find("Pending") != std::string::npos ? "Pending" : "Ready("), std::string::npos) << zh[id];
  }
  // Every entry with English words in it keeps only identifiers, key names and units in Latin
  // script: each translation carries at least one Chinese character.
  for (const auto& [id, t] : zh) {
    if (!HasLatinLetters(id)) continue;
    bool cjk = false;
    for (size_t i = 0; i + 2 < t.size(); ++i)
      if (static_cast<unsigned char>(t[i]) >= 0xE4 && static_cast<unsigned char>(t[i]) <= 0xE9) cjk = true;
    if (id == "the {}" || id == "<- await: " || id == "%.1f steps/s") continue;
    EXPECT_TRUE(cjk) << id << " -> " << t;
  }
}

class Language : public ::testing::Test {
 protected:
  void TearDown() override { SetLanguage(Lang::En); }
};

TEST_F(Language, ParsesCodesAndLocaleNames) {
  EXPECT_EQ(ParseLang("zh"), Lang::Zh);
  EXPECT_EQ(ParseLang("zh_CN.UTF-8"), Lang::Zh);
  EXPECT_EQ(ParseLang("zh-TW"), Lang::Zh);
  EXPECT_EQ(ParseLang("en_GB"), Lang::En);
  EXPECT_EQ(ParseLang("en"), Lang::En);
  EXPECT_EQ(ParseLang("zhx"), std::nullopt);
  EXPECT_EQ(ParseLang("de"), std::nullopt);
  EXPECT_EQ(ParseLang(""), std::nullopt);
}

TEST_F(Language, SwitchesBothWaysInOneProcess) {
  ASSERT_TRUE(SetLanguage(Lang::Zh));
  EXPECT_EQ(CurrentLanguage(), Lang::Zh);
  EXPECT_STREQ(Tr("State machine"), "状态机");
  EXPECT_STREQ(Tr("no such msgid"), "no such msgid");
  ASSERT_TRUE(SetLanguage(Lang::En));
  EXPECT_STREQ(Tr("State machine"), "State machine");
  ASSERT_TRUE(SetLanguage(Lang::Zh));
  EXPECT_STREQ(Tr("Timeline"), "时间线");
  EXPECT_EQ(TrFormat(N_("task {}"), 3), "任务 3");
}

TEST_F(Language, AMissingCatalogKeepsEnglishAndSaysWhere) {
  const char* old = std::getenv("AWAITSCOPE_LOCALE");
  const std::string saved = old ? old : "";
  ::setenv("AWAITSCOPE_LOCALE", "/nonexistent/locale", 1);
  std::string why;
  EXPECT_FALSE(SetLanguage(Lang::Zh, &why));
  if (old) ::setenv("AWAITSCOPE_LOCALE", saved.c_str(), 1);
  else ::unsetenv("AWAITSCOPE_LOCALE");
  EXPECT_EQ(CurrentLanguage(), Lang::En);
  EXPECT_NE(why.find("/nonexistent/locale/zh/LC_MESSAGES/awaitscope.mo"), std::string::npos) << why;
}

// Sets the four locale variables for one scope.
class Locale {
 public:
  Locale(const char* language, const char* all, const char* messages, const char* lang) {
    const char* names[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
    const char* values[] = {language, all, messages, lang};
    for (int i = 0; i < 4; ++i) {
      const char* old = std::getenv(names[i]);
      saved_.emplace_back(names[i], old ? std::optional<std::string>(old) : std::nullopt);
      if (values[i]) ::setenv(names[i], values[i], 1);
      else ::unsetenv(names[i]);
    }
  }
  ~Locale() {
    for (auto& [name, value] : saved_) {
      if (value) ::setenv(name, value->c_str(), 1);
      else ::unsetenv(name);
    }
  }

 private:
  std::vector<std::pair<const char*, std::optional<std::string>>> saved_;
};

TEST_F(Language, TheLocaleChoosesInGettextsOrder) {
  {
    Locale l(nullptr, nullptr, nullptr, "zh_CN.UTF-8");
    EXPECT_EQ(LanguageFromEnvironment(), Lang::Zh);
  }
  {
    Locale l(nullptr, "C.UTF-8", nullptr, "zh_CN.UTF-8");
    EXPECT_EQ(LanguageFromEnvironment(), Lang::En);  // LC_ALL before LANG
  }
  {
    Locale l(nullptr, nullptr, "zh_CN.UTF-8", "en_US.UTF-8");
    EXPECT_EQ(LanguageFromEnvironment(), Lang::Zh);  // LC_MESSAGES before LANG
  }
  {
    Locale l("zh_CN:en", "en_US.UTF-8", nullptr, nullptr);
    EXPECT_EQ(LanguageFromEnvironment(), Lang::Zh);  // LANGUAGE first
  }
  {
    Locale l(nullptr, nullptr, nullptr, nullptr);
    EXPECT_EQ(LanguageFromEnvironment(), Lang::En);
  }
}

TEST_F(Language, ChoosingChineseDoesNotChangeWhatTheLocaleSays) {
  Locale l(nullptr, nullptr, nullptr, "en_US.UTF-8");
  ASSERT_TRUE(SetLanguage(Lang::Zh));  // sets $LANGUAGE for glibc
  EXPECT_EQ(LanguageFromEnvironment(), Lang::En);
}

// The narration of the documents' example, step by step, in Chinese.
TEST_F(Language, TheNarrationReadsInChinese) {
  Diagnostics diags;
  std::optional<Scenario> sc = LoadScenario((kRoot / "scenarios/example.toml").string(), diags);
  ASSERT_TRUE(sc) << diags.Render();
  std::unique_ptr<Program> program = Compile(std::make_unique<SourceFile>(sc->script), sc->ops, diags);
  ASSERT_TRUE(program) << diags.Render();
  ResolveSpawns(*program, *sc, diags);
  const Trace trace = RunScenario(*program, *sc, RunOptions{}, diags);
  ASSERT_TRUE(SetLanguage(Lang::Zh));
  EXPECT_EQ(Narrate(trace, program.get(), -1), "还什么都没有发生。向前单步，观察执行器启动。");
  EXPECT_EQ(Narrate(trace, program.get(), 0),
            "执行器把 main() 生成为任务 0。它的 future main 以 Start 状态被创建；它的代码还一行都没有运行。");
  const std::string end = Narrate(trace, program.get(), static_cast<int64_t>(trace.events.size()) - 1);
  EXPECT_EQ(end, "所有任务都已完成，运行结束。");
  for (size_t i = 0; i < trace.events.size(); ++i) {
    const std::string s = Narrate(trace, program.get(), static_cast<int64_t>(i));
    EXPECT_TRUE(s.ends_with("。") || s.ends_with("”") || s.ends_with(".")) << i << ": " << s;
    EXPECT_EQ(s.find("{"), std::string::npos) << i << ": " << s;
  }
}

}  // namespace
}  // namespace aws::present
