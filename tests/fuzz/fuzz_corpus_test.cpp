// Replays every committed fuzz input through its harness (fuzz_targets.h) in the test suite: the
// minimised corpus (tests/fuzz/corpus/HARNESS) and the inputs that once crashed, hung or ran out
// of memory (tests/fuzz/regressions/HARNESS, each named for what it found). Under the `asan`
// preset this is the fuzzers' check without libFuzzer.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz_targets.h"

namespace {

namespace fs = std::filesystem;

const fs::path kFuzzDir = fs::path(AWAITSCOPE_SOURCE_DIR) / "tests" / "fuzz";

std::vector<fs::path> Inputs(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class FuzzInputs : public ::testing::TestWithParam<std::string> {};

TEST_P(FuzzInputs, CorpusRunsClean) {
  aws::fuzz::Target target = aws::fuzz::FindTarget(GetParam());
  ASSERT_NE(target, nullptr);
  std::vector<fs::path> files = Inputs(kFuzzDir / "corpus" / GetParam());
  EXPECT_GE(files.size(), 20u) << "the committed corpus of " << GetParam() << " is missing";
  for (const fs::path& f : files) EXPECT_EQ(target(Read(f)), "") << f;
}

TEST_P(FuzzInputs, RegressionsRunClean) {
  aws::fuzz::Target target = aws::fuzz::FindTarget(GetParam());
  ASSERT_NE(target, nullptr);
  for (const fs::path& f : Inputs(kFuzzDir / "regressions" / GetParam())) EXPECT_EQ(target(Read(f)), "") << f;
}

INSTANTIATE_TEST_SUITE_P(Harness, FuzzInputs, ::testing::Values("script", "scenario", "trace", "writers"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
