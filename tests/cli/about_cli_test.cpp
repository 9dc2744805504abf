// `awaitscope about FILE`: a scenario's documents by name, its errata and its next scenario, from
// the real binary.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "awaitscope/documents.h"
#include "cli_runner.h"

namespace aws {
namespace {

using testing::Describe;
using testing::RunCli;

TEST(CliAbout, NamesTheDocumentsTheErrataAndTheNextScenario) {
  testing::CliResult r = RunCli("about scenarios/pin_example_forbid.toml");
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_EQ(r.err, "");
  const std::string& out = r.out;
  EXPECT_EQ(out.rfind("pin_example_forbid: pin_example moved, solution 3: forbid the move (Pin)\nsource: D1/D2\n  D1: ", 0),
            0u)
      << out;
  for (const char* tag : {"D1", "D2"}) {
    const DocumentInfo* d = FindDocument(tag);
    ASSERT_NE(d, nullptr);
    EXPECT_NE(out.find("  " + std::string(tag) + ": " + std::string(d->title) + " (" + std::string(d->author) + "), " +
                       std::string(d->where) + "\n"),
              std::string::npos)
        << tag;
  }
  EXPECT_NE(out.find("\nsection: Possible Solutions (D1: the second of two; D2: the third of three)\n"),
            std::string::npos);
  EXPECT_NE(out.find("\nerratum: D1, Possible Solutions: the draft lists only two solutions"), std::string::npos);
  EXPECT_NE(out.find("\nnext: heap_self_ref\n"), std::string::npos);
}

TEST(CliAbout, InChineseGivesTheTranslationAndWhatItLacks) {
  testing::CliResult r = RunCli("about scenarios/pin_example_forbid.toml --lang zh");
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_EQ(r.out.rfind("pin_example_forbid: 移动 pin_example，方案 3：禁止移动（Pin）\nsource: D1/D2\n", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("\nsection: 可能的解决方案（D1：两种中的第二种；D2：三种中的第三种）\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\nerratum: D1，可能的解决方案：草稿只列出两种方案"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("not translated"), std::string::npos) << r.out;

  // A scenario of a course author's, half translated: the rest shows in English and is listed.
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("awaitscope_about_zh_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  testing::WriteFileText(dir / "mine.toml", R"(title = "my lesson"
source = "D1/D2"
section = "Heap Values"
description = "what happens"
script = 'async fn main() {}'
[zh]
title = "我的课"
[[note]]
step = 1
text = "look"
)");
  r = RunCli("about " + (dir / "mine.toml").string() + " --lang zh");
  std::filesystem::remove_all(dir);
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_EQ(r.out.substr(r.out.find('\n') + 1),
            "source: D1/D2\n"
            "  D1: " + std::string(FindDocument("D1")->title) + " (" + std::string(FindDocument("D1")->author) + "), " +
                std::string(FindDocument("D1")->where) + "\n" +
            "  D2: " + std::string(FindDocument("D2")->title) + " (" + std::string(FindDocument("D2")->author) + "), " +
                std::string(FindDocument("D2")->where) + "\n" +
            "section: 堆上的值\n"
            "description: what happens\n"
            "not translated (zh): description\n"
            "not translated (zh): [[note]] 1 (step 1): text\n");
  EXPECT_EQ(r.out.rfind("mine: 我的课\n", 0), 0u) << r.out;
}

TEST(CliAbout, ABadScenarioIsAnErrorWithItsPosition) {
  testing::CliResult r = RunCli("about tests/bad/scenario_bad_source_tag.toml");
  EXPECT_EQ(r.exit_code, 2) << Describe(r);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("tests/bad/scenario_bad_source_tag.toml:2:10: error: unknown document tag `D9`", 0), 0u) << r.err;
}

}  // namespace
}  // namespace aws
