// `awaitscope run FILE --narrate [--lang en|zh]`: the narration, one line per event, compared with
// tests/golden/narration/ID.LANG.txt. Regenerate after an intended change with
// AWAITSCOPE_UPDATE_GOLDEN=1 and review the diff.
#include <gtest/gtest.h>

#include <cstdlib>

#include "cli_runner.h"

namespace aws::testing {
namespace {

struct NarrateCase {
  const char* id;
  const char* lang;
};

class NarrateGolden : public ::testing::TestWithParam<NarrateCase> {};

TEST_P(NarrateGolden, MatchesTheGoldenFile) {
  const NarrateCase c = GetParam();
  const CliResult r = RunCli(std::string("run scenarios/") + c.id + ".toml --narrate --lang " + c.lang);
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  const std::filesystem::path golden = kRoot / "tests/golden/narration" / (std::string(c.id) + "." + c.lang + ".txt");
  if (std::getenv("AWAITSCOPE_UPDATE_GOLDEN")) {
    std::filesystem::create_directories(golden.parent_path());
    WriteFileText(golden, r.out);
  }
  EXPECT_EQ(r.out, ReadFileText(golden)) << "run with AWAITSCOPE_UPDATE_GOLDEN=1 and review it";
}

INSTANTIATE_TEST_SUITE_P(Scenarios, NarrateGolden,
                         ::testing::Values(NarrateCase{"example", "en"}, NarrateCase{"example", "zh"},
                                           NarrateCase{"keyboard_hi", "en"}, NarrateCase{"keyboard_hi", "zh"},
                                           NarrateCase{"pin_example_moved", "en"}, NarrateCase{"pin_example_moved", "zh"}),
                         [](const auto& info) { return std::string(info.param.id) + "_" + info.param.lang; });

TEST(Narrate, OneLinePerEventAfterTheSourceLine) {
  const CliResult trace = RunCli("run scenarios/example.toml");
  const CliResult narration = RunCli("run scenarios/example.toml --narrate --lang en");
  ASSERT_EQ(narration.exit_code, 0) << Describe(narration);
  // The trace's text form ends with a summary line; the narration has the source line first.
  size_t events = 0;
  for (char ch : trace.out) events += ch == '\n';
  size_t lines = 0;
  for (char ch : narration.out) lines += ch == '\n';
  EXPECT_TRUE(narration.out.starts_with("From: ")) << narration.out.substr(0, 200);
  EXPECT_NE(narration.out.find("\n0  The executor spawns main() as task 0."), std::string::npos);
  EXPECT_GT(lines, 10u);
}

TEST(Narrate, TheLocaleChoosesTheLanguageWithoutLang) {
  const CliResult zh = RunCli("run scenarios/example.toml --narrate", kRoot, "LANGUAGE= LC_ALL= LC_MESSAGES= LANG=zh_CN.UTF-8 ");
  ASSERT_EQ(zh.exit_code, 0) << Describe(zh);
  EXPECT_NE(zh.out.find("执行器"), std::string::npos) << zh.out.substr(0, 400);
  const CliResult en = RunCli("run scenarios/example.toml --narrate", kRoot, "LANGUAGE= LC_ALL=C.UTF-8 LANG=zh_CN.UTF-8 ");
  EXPECT_NE(en.out.find("The executor spawns"), std::string::npos) << en.out.substr(0, 400);
}

TEST(Narrate, AnUnknownLanguageIsAUsageError) {
  const CliResult r = RunCli("run scenarios/example.toml --narrate --lang fr");
  EXPECT_EQ(r.exit_code, 2) << Describe(r);
  EXPECT_NE(r.err.find("--lang"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace aws::testing
