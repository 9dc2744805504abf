// The language corpus: small complete programs checked against what rustc does with them.
//   tests/lang/valid/NAME.rs     rustc accepts it; NAME.lower.txt is the stdout of
//                                `awaitscope lower tests/lang/valid/NAME.rs`, NAME.run.txt that of
//                                `awaitscope run tests/lang/valid/NAME.rs` (both from the repo root).
//   tests/lang/invalid/NAME.rs   rustc rejects it; NAME.expected is the stderr of
//                                `awaitscope check tests/lang/invalid/NAME.rs`, which exits 2 and whose
//                                first line carries rustc's `error[EXXXX]` at rustc's primary line:col.
// Regenerate after an intended change with AWAITSCOPE_UPDATE_GOLDEN=1 and review the diff;
// scripts/check_lang_corpus_with_rustc.sh re-checks the programs themselves against rustc.
// The commands run in this process (cli_in_process.h): over two hundred programs, three commands
// each, would otherwise start as many processes, which under ASan took about a quarter of the suite.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli_in_process.h"

namespace aws {
namespace {

namespace fs = std::filesystem;
using testing::Describe;
using testing::kRoot;
using testing::ReadFileText;
using testing::RunCliInProcess;
using testing::WriteFileText;

const fs::path kLang = kRoot / "tests" / "lang";

// The NAMEs of the `.rs` programs in tests/lang/<kind>, sorted.
std::vector<std::string> Programs(const std::string& kind) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(kLang / kind, ec))
    if (e.path().extension() == ".rs") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

bool Updating() { return std::getenv("AWAITSCOPE_UPDATE_GOLDEN") != nullptr; }

// Compares `actual` with the expectation file, or writes it when regenerating.
void ExpectMatches(const fs::path& file, const std::string& actual) {
  if (Updating()) {
    WriteFileText(file, actual);
    return;
  }
  ASSERT_TRUE(fs::exists(file)) << "missing " << file << " (run with AWAITSCOPE_UPDATE_GOLDEN=1 and review it)";
  EXPECT_EQ(actual, ReadFileText(file)) << "differs from " << file;
}

class ValidProgram : public ::testing::TestWithParam<std::string> {};

TEST_P(ValidProgram, LowersAndRunsAsExpected) {
  const std::string rel = "tests/lang/valid/" + GetParam() + ".rs";
  testing::CliResult check = RunCliInProcess("check " + rel, [&] { return cli::Check({rel}); });
  ASSERT_EQ(check.exit_code, 0) << "rustc accepts this program" << Describe(check);
  testing::CliResult lower = RunCliInProcess("lower " + rel, [&] { return cli::Lower(rel, "text", false); });
  ASSERT_EQ(lower.exit_code, 0) << Describe(lower);
  ExpectMatches(kLang / "valid" / (GetParam() + ".lower.txt"), lower.out);
  cli::RunArgs args;
  args.file = rel;
  testing::CliResult run = RunCliInProcess("run " + rel, [&] { return cli::Run(args); });
  ASSERT_EQ(run.exit_code, 0) << Describe(run);
  ExpectMatches(kLang / "valid" / (GetParam() + ".run.txt"), run.out);
}

INSTANTIATE_TEST_SUITE_P(Lang, ValidProgram, ::testing::ValuesIn(Programs("valid")),
                         [](const auto& info) { return info.param; });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ValidProgram);

class InvalidProgram : public ::testing::TestWithParam<std::string> {};

TEST_P(InvalidProgram, IsRejectedWithRustcsCode) {
  const std::string rel = "tests/lang/invalid/" + GetParam() + ".rs";
  testing::CliResult check = RunCliInProcess("check " + rel, [&] { return cli::Check({rel}); });
  ASSERT_EQ(check.exit_code, 2) << "rustc rejects this program" << Describe(check);
  // The first line names the file and carries rustc's error code.
  std::string first = check.err.substr(0, check.err.find('\n'));
  EXPECT_EQ(first.rfind(rel + ":", 0), 0u) << first;
  // rustc gives every error of the corpus a code but one: a future that is not `Send` where one is
  // required (check/send.cpp), which it reports as a plain `error:`.
  bool codeless_in_rustc = first.find(": error: future cannot be sent between threads safely") != std::string::npos;
  EXPECT_TRUE(codeless_in_rustc || first.find(": error[E") != std::string::npos) << "no rustc error code in: " << first;
  ExpectMatches(kLang / "invalid" / (GetParam() + ".expected"), check.err);
}

INSTANTIATE_TEST_SUITE_P(Lang, InvalidProgram, ::testing::ValuesIn(Programs("invalid")),
                         [](const auto& info) { return info.param; });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(InvalidProgram);

// tests/lang/teaching/NAME.rs: a program in the shape of a well-known teaching text's example
// (README.md there). rustc accepts each one. NAME.run.txt is the stdout of `awaitscope run` for a
// program that runs; NAME.gap.txt the stderr of `awaitscope run` (exit 1 or 2) for one that Awaitscope
// does not run yet, so closing a gap fails here until its expectation becomes a .run.txt.
class TeachingProgram : public ::testing::TestWithParam<std::string> {};

TEST_P(TeachingProgram, RunsOrFailsAsRecorded) {
  const std::string rel = "tests/lang/teaching/" + GetParam() + ".rs";
  const fs::path run_file = kLang / "teaching" / (GetParam() + ".run.txt");
  const fs::path gap_file = kLang / "teaching" / (GetParam() + ".gap.txt");
  cli::RunArgs args;
  args.file = rel;
  testing::CliResult run = RunCliInProcess("run " + rel, [&] { return cli::Run(args); });
  if (Updating()) {
    std::error_code ec;
    fs::remove(run.exit_code == 0 ? gap_file : run_file, ec);
    WriteFileText(run.exit_code == 0 ? run_file : gap_file, run.exit_code == 0 ? run.out : run.err);
    return;
  }
  ASSERT_NE(fs::exists(run_file), fs::exists(gap_file)) << rel << " needs exactly one of .run.txt and .gap.txt";
  if (fs::exists(run_file)) {
    ASSERT_EQ(run.exit_code, 0) << Describe(run);
    EXPECT_EQ(run.out, ReadFileText(run_file)) << "differs from " << run_file;
  } else {
    EXPECT_NE(run.exit_code, 0) << "the gap is closed: regenerate and review" << Describe(run);
    EXPECT_EQ(run.err, ReadFileText(gap_file)) << "differs from " << gap_file;
  }
}

INSTANTIATE_TEST_SUITE_P(Lang, TeachingProgram, ::testing::ValuesIn(Programs("teaching")),
                         [](const auto& info) { return info.param; });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(TeachingProgram);

// Every file in the corpus folders is a program or the expectation of one, and every program has
// its expectations: a stray or orphaned file fails here rather than being silently skipped.
TEST(LangCorpus, EveryFileBelongsToAProgram) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> kinds = {
      {"valid", {".lower.txt", ".run.txt"}}, {"invalid", {".expected"}}, {"teaching", {".run.txt", ".gap.txt"}}};
  for (const auto& [kind, suffixes] : kinds) {
    std::vector<std::string> programs = Programs(kind);
    std::set<std::string> names(programs.begin(), programs.end());
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(kLang / kind, ec)) {
      std::string file = e.path().filename().string();
      bool ok = e.path().extension() == ".rs" || (kind == "teaching" && file == "README.md");
      for (const std::string& s : suffixes)
        if (file.size() > s.size() && file.compare(file.size() - s.size(), s.size(), s) == 0)
          ok = ok || names.count(file.substr(0, file.size() - s.size())) > 0;
      EXPECT_TRUE(ok) << "tests/lang/" << kind << "/" << file << " is not a program nor the expectation of one";
    }
    if (Updating() || kind == "teaching") continue;  // teaching: one of the two (TeachingProgram)
    for (const std::string& n : programs)
      for (const std::string& s : suffixes)
        EXPECT_TRUE(fs::exists(kLang / kind / (n + s))) << "tests/lang/" << kind << "/" << n << ".rs has no " << s;
  }
}

}  // namespace
}  // namespace aws
