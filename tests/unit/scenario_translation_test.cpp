// A scenario's own texts in Chinese: the `[zh]` table and the `zh` sub-tables of [[note]] and
// [[question]] (scenarios/README.md, "Translations"), their fallback to English, the loader's
// errors, D2's headings for the sections of D1/D2, and every shipped scenario translated.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include <fmt/format.h>

#include "awaitscope/documents.h"
#include "awaitscope/scenario.h"

namespace aws {
namespace {

namespace fs = std::filesystem;

const std::string kScenarioDir = std::string(AWAITSCOPE_SOURCE_DIR) + "/scenarios";

class TranslatedScenario : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / fmt::format("awaitscope_zh_{}_{}", info->name(), getpid());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::optional<Scenario> Load(const std::string& text, Diagnostics& d) {
    const std::string p = (dir_ / "s.toml").string();
    std::ofstream(p, std::ios::binary) << text;
    return LoadScenario(p, d);
  }
  std::string Errors(const std::string& text) {
    Diagnostics d;
    EXPECT_FALSE(Load(text, d).has_value()) << "loaded although it should not";
    return d.Headlines();
  }
  std::string At(int line, int col, const std::string& msg) const {
    return fmt::format("{}:{}:{}: error: {}\n", (dir_ / "s.toml").string(), line, col, msg);
  }
  fs::path dir_;
};

constexpr const char* kTranslated = R"toml(title = "two reads"
source = "D1/D2"
document = "Async/Await (blog_os, post 12)"
section = "Waiting on Futures; Future Combinators (Advantages, Drawbacks)"
description = "It reads `foo.txt`."
errata = ["D1: one", "D2: two"]
script = 'async fn main() {}'

[zh]
title = "两次读取"
description = "它读取 `foo.txt`。"
errata = ["D1：一", "D2：二"]

[[note]]
step = 2
text = "first"
zh.text = "第一"

[[note]]
step = 5
text = "second"

[[question]]
step = 3
prompt = "Pending or Ready?"
choices = ["Pending", "Ready"]
answer = "Ready"
explanation = "it was there"
zh.prompt = "Pending 还是 Ready？"
zh.choices = ["Pending（等待）", "Ready（就绪）"]
zh.explanation = "已经在那里了"
)toml";

TEST_F(TranslatedScenario, EveryTranslatedFieldIsReadAndShownInItsLanguage) {
  Diagnostics d;
  const std::optional<Scenario> s = Load(kTranslated, d);
  ASSERT_TRUE(s.has_value()) << d.Render();
  ASSERT_EQ(s->translations.count("zh"), 1u);
  const aws::ScenarioTranslation& tr = s->translations.at("zh");
  EXPECT_EQ(tr.title, "两次读取");
  EXPECT_EQ(tr.errata, (std::vector<std::string>{"D1：一", "D2：二"}));
  EXPECT_EQ(tr.notes, (std::vector<std::string>{"第一", ""}));
  ASSERT_EQ(tr.questions.size(), 1u);
  EXPECT_EQ(tr.questions[0].choices, (std::vector<std::string>{"Pending（等待）", "Ready（就绪）"}));

  const ScenarioTexts zh = TextsIn(*s, "zh");
  EXPECT_EQ(zh.title, "两次读取");
  EXPECT_EQ(zh.description, "它读取 `foo.txt`。");
  EXPECT_EQ(zh.document, "Async/Await（blog_os 第 12 篇）");
  EXPECT_EQ(zh.section, "等待 Future; Future组合器 (优势, 缺点)");
  EXPECT_EQ(zh.errata, (std::vector<std::string>{"D1：一", "D2：二"}));
  EXPECT_EQ(zh.notes, (std::vector<std::string>{"第一", "second"}));
  ASSERT_EQ(zh.questions.size(), 1u);
  EXPECT_EQ(zh.questions[0].prompt, "Pending 还是 Ready？");
  EXPECT_EQ(zh.questions[0].choices[1], "Ready（就绪）");
  EXPECT_EQ(zh.questions[0].answer, 1) << "the answer is the same choice, by position";
  EXPECT_EQ(zh.questions[0].explanation, "已经在那里了");
  EXPECT_EQ(zh.missing, (std::vector<std::string>{"[[note]] 2 (step 5): text"}));

  const ScenarioTexts en = TextsIn(*s, "en");
  EXPECT_EQ(en.title, "two reads");
  EXPECT_EQ(en.section, "Waiting on Futures; Future Combinators (Advantages, Drawbacks)");
  EXPECT_EQ(en.document, "Async/Await (blog_os, post 12)");
  EXPECT_EQ(en.notes, (std::vector<std::string>{"first", "second"}));
  EXPECT_EQ(en.questions[0].prompt, "Pending or Ready?");
  EXPECT_TRUE(en.missing.empty());

  const Scenario localized = Localized(*s, "zh");
  EXPECT_EQ(localized.title, "两次读取");
  EXPECT_EQ(localized.notes[0].text, "第一");
  EXPECT_EQ(localized.notes[1].text, "second");
  EXPECT_EQ(localized.notes[1].step, 5);
  EXPECT_EQ(localized.questions[0].choices[0], "Pending（等待）");
  EXPECT_EQ(localized.script.text(), s->script.text());
}

TEST_F(TranslatedScenario, WhatIsNotTranslatedShowsInEnglishAndIsNamed) {
  Diagnostics d;
  const std::optional<Scenario> s = Load(R"toml(title = "T"
source = "D4"
document = "Asynchronous Programming in Rust (CS3211 lecture slides)"
section = "Futures"
description = "words"
errata = ["D4: wrong"]
script = 'async fn main() {}'
[zh]
title = "标题"
[[note]]
step = 1
text = "n"
[[question]]
step = 2
prompt = "p"
choices = ["a", "b"]
answer = "a"
zh.prompt = "问"
)toml",
                                         d);
  ASSERT_TRUE(s.has_value()) << d.Render();
  const ScenarioTexts zh = TextsIn(*s, "zh");
  EXPECT_EQ(zh.title, "标题");
  EXPECT_EQ(zh.description, "words");
  EXPECT_EQ(zh.errata, (std::vector<std::string>{"D4: wrong"}));
  EXPECT_EQ(zh.section, "Futures") << "D4 is read in English: its headings stay";
  EXPECT_EQ(zh.document, "Asynchronous Programming in Rust（CS3211 课程讲义）");
  EXPECT_EQ(zh.notes, (std::vector<std::string>{"n"}));
  EXPECT_EQ(zh.questions[0].prompt, "问");
  EXPECT_EQ(zh.questions[0].choices, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(zh.missing, (std::vector<std::string>{"description", "errata", "[[note]] 1 (step 1): text",
                                                  "[[question]] 1 (step 2): choices"}));
  // No translation at all: every text is missing, and D1/D2's headings are still D2's.
  Diagnostics d2;
  const std::optional<Scenario> bare = Load(R"toml(title = "T"
source = "D1/D2/D4"
section = "D1/D2: Waiting on Futures; Executors and Wakers; D4: Futures; Executors"
description = "words"
script = 'async fn main() {}'
)toml",
                                            d2);
  ASSERT_TRUE(bare.has_value()) << d2.Render();
  const ScenarioTexts none = TextsIn(*bare, "zh");
  EXPECT_EQ(none.title, "T");
  EXPECT_EQ(none.section, "D1/D2: 等待 Future; Executors and Wakers; D4: Futures; Executors");
  EXPECT_EQ(none.missing, (std::vector<std::string>{"title", "description"}));
}

TEST_F(TranslatedScenario, BadTranslationTablesAreErrorsAtTheirPlace) {
  EXPECT_EQ(Errors("title = \"T\"\nzh = \"标题\"\nscript = 'x'\n"),
            At(2, 6, "`zh` (the scenario's texts in that language) must be a table, not a string"));
  EXPECT_EQ(Errors("title = \"T\"\nscript = 'x'\n[zh]\ntitel = \"标题\"\nsection = \"\"\n"),
            At(4, 1, "unknown key `titel` in [zh]; a translation may give `title`, `description`, `document`, "
                     "`section` and `errata`") +
                At(5, 11, "`zh.section` must not be empty"));
  EXPECT_EQ(Errors("title = \"T\"\nerrata = [\"a\", \"b\"]\nscript = 'x'\n[zh]\nerrata = [\"一\"]\n"),
            At(5, 10, "`zh.errata` has 1 entries and `errata` has 2: translate every erratum, in the same order"));
  EXPECT_EQ(Errors("title = \"T\"\nscript = 'x'\n[[note]]\nstep = 1\ntext = \"t\"\nzh.txt = \"文\"\nzh.text = 3\n"),
            At(6, 4, "unknown key `txt` in [[note]] `zh`; a note's translation gives `text`") +
                At(7, 11, "`zh.text` must be a string, not an integer"));
  EXPECT_EQ(Errors("title = \"T\"\nscript = 'x'\n[[question]]\nstep = 1\nprompt = \"p\"\nchoices = [\"a\", \"b\"]\n"
                   "answer = \"a\"\nzh.choices = [\"甲\"]\n"),
            At(8, 14, "`zh.choices` has 1 entries and `choices` has 2: translate every choice, in the same order"));
  EXPECT_EQ(Errors("title = \"T\"\nscript = 'x'\n[[question]]\nstep = 1\nprompt = \"p\"\nchoices = [\"a\", \"b\"]\n"
                   "answer = \"a\"\nzh.choices = [\"甲\", \"甲\"]\nzh.hint = \"h\"\n"),
            At(8, 14, "`zh.choices` lists \"甲\" twice") +
                At(9, 4, "unknown key `hint` in [[question]] `zh`; a question's translation gives `prompt`, "
                         "`choices` and `explanation`"));
  EXPECT_EQ(Errors("title = \"T\"\nscript = 'x'\n[fr]\ntitle = \"Titre\"\n"),
            At(3, 2, "unknown key `fr` in scenario"));
}

TEST(DocumentSections, D1AndD2HeadingsBecomeD2sAndTheOthersStay) {
  bool complete = false;
  EXPECT_EQ(TranslateSection("D1/D2", "The Async/Await Pattern; State Machine Transformation; Saving State", "zh",
                             &complete),
            "Async/Await 模式; 状态机转换; 保存状态");
  EXPECT_TRUE(complete);
  EXPECT_EQ(TranslateSection("D1/D2", "Executors and Wakers (Executors; Wakers)", "zh"),
            "Executors and Wakers (Executors; Waker)");
  EXPECT_EQ(TranslateSection("D1/D2/D4",
                             "D1/D2: Cooperative Multitasking; D2: Cooperative Multitasking?; D4: Futures should not "
                             "block!; Summary",
                             "zh", &complete),
            "D1/D2: 协作式多任务; D2: 协作式多任务？; D4: Futures should not block!; Summary");
  EXPECT_TRUE(complete);
  EXPECT_EQ(TranslateSection("R1", "Implementation: Sleep If Idle", "zh", &complete), "Implementation: Sleep If Idle");
  EXPECT_TRUE(complete) << "R1 has no Chinese version: nothing is missing";
  EXPECT_EQ(TranslateSection("D1/D2", "Possible Solutions (D1: the first of two; D2: the first of three)", "zh",
                             &complete),
            "可能的解决方案 (D1: the first of two; D2: the first of three)");
  EXPECT_FALSE(complete) << "a D1/D2 heading without a Chinese entry";
  EXPECT_EQ(TranslateSection("D1/D2", "Heap Values", "en"), "Heap Values");
  EXPECT_EQ(DocumentNameIn("Async in depth (Tokio tutorial)", "zh"), "Async in depth（Tokio 教程）");
  EXPECT_EQ(DocumentNameIn("Async in depth (Tokio tutorial)", "en"), "Async in depth (Tokio tutorial)");
  EXPECT_EQ(DocumentNameIn("my notes", "zh"), "my notes");
}

// The `code` spans of `text`, in order.
std::vector<std::string> CodeSpans(const std::string& text) {
  std::vector<std::string> out;
  for (size_t start = text.find('`'); start != std::string::npos;) {
    const size_t end = text.find('`', start + 1);
    if (end == std::string::npos) break;
    out.push_back(text.substr(start + 1, end - start - 1));
    start = text.find('`', end + 1);
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool HasChinese(const std::string& text) {
  for (size_t i = 0; i + 2 < text.size(); ++i)
    if (static_cast<unsigned char>(text[i]) >= 0xE4 && static_cast<unsigned char>(text[i]) <= 0xE9) return true;
  return false;
}

// Other helpers add scenarios while the shipped ones are translated: a failure names the file and
// the field, so whoever merges knows what to translate.
TEST(ShippedScenarios, EachHasACompleteChineseTranslationWithTheSameCode) {
  int checked = 0;
  for (const fs::directory_entry& f : fs::directory_iterator(kScenarioDir)) {
    if (f.path().extension() != ".toml") continue;
    const std::string file = "scenarios/" + f.path().filename().string();
    Diagnostics d;
    const std::optional<Scenario> s = LoadScenario(f.path().string(), d);
    ASSERT_TRUE(s.has_value()) << d.Render();
    ++checked;
    const ScenarioTexts zh = TextsIn(*s, "zh");
    // `missing` also names a section whose D1/D2 headings are not all D2's.
    for (const std::string& field : zh.missing)
      ADD_FAILURE() << file << ": no Chinese translation of " << field << " (add it under [zh], or `zh.` in the "
                    << "[[note]] / [[question]]; scenarios/README.md, Translations)";
    const ScenarioTexts en = TextsIn(*s, "en");
    auto same = [&](const std::string& field, const std::string& english, const std::string& chinese) {
      if (english.empty()) return;
      EXPECT_TRUE(HasChinese(chinese)) << file << ": the Chinese " << field << " has no Chinese in it: " << chinese;
      EXPECT_EQ(CodeSpans(chinese), CodeSpans(english))
          << file << ": the Chinese " << field << " must keep the English one's `code` spans";
    };
    same("title", en.title, zh.title);
    same("description", en.description, zh.description);
    ASSERT_EQ(zh.errata.size(), en.errata.size()) << file;
    for (size_t i = 0; i < en.errata.size(); ++i) same(fmt::format("erratum {}", i + 1), en.errata[i], zh.errata[i]);
    ASSERT_EQ(zh.notes.size(), en.notes.size()) << file;
    for (size_t i = 0; i < en.notes.size(); ++i) same(fmt::format("[[note]] {}", i + 1), en.notes[i], zh.notes[i]);
    ASSERT_EQ(zh.questions.size(), en.questions.size()) << file;
    for (size_t i = 0; i < en.questions.size(); ++i) {
      same(fmt::format("[[question]] {} prompt", i + 1), en.questions[i].prompt, zh.questions[i].prompt);
      same(fmt::format("[[question]] {} explanation", i + 1), en.questions[i].explanation,
           zh.questions[i].explanation);
    }
  }
  EXPECT_GE(checked, 44);
}

}  // namespace
}  // namespace aws
