// Golden tests next to the data: every scenario's `awaitscope lower` text (states, labels, fields,
// sizes, transitions, desugared code) must equal tests/golden/<id>.lower.txt.
// Regenerate after an intended change with: AWAITSCOPE_UPDATE_GOLDEN=1 ./build/tests/awaitscope_tests
#include <gtest/gtest.h>

#include "golden_util.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "awaitscope/lower.h"
#include "awaitscope/scenario.h"

namespace aws {
namespace {

namespace fs = std::filesystem;
using golden::kRoot;
using golden::ReadFile;
using golden::ScenarioIds;

std::string LowerText(const Program& p) {
  std::string out = DumpMachinesText(p);
  for (const Machine& m : p.machines) out += "--- desugared: " + m.name + " ---\n" + m.desugared + "\n";
  return out;
}

class LowerGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(LowerGolden, MatchesGoldenFile) {
  const std::string id = GetParam();
  // Paths relative to the repo root, as a user would type them.
  fs::current_path(kRoot);
  Diagnostics diags;
  auto scenario = LoadScenario("scenarios/" + id + ".toml", diags);
  ASSERT_TRUE(scenario) << diags.Render();
  auto program = Compile(std::make_unique<SourceFile>(scenario->script), scenario->ops, diags);
  ASSERT_FALSE(diags.HasErrors()) << diags.Render();
  std::string actual = LowerText(*program);
  fs::path golden = kRoot / "tests" / "golden" / (id + ".lower.txt");
  if (std::getenv("AWAITSCOPE_UPDATE_GOLDEN")) {
    std::ofstream(golden, std::ios::binary) << actual;
    GTEST_SKIP() << "updated " << golden;
  }
  ASSERT_TRUE(fs::exists(golden)) << "missing golden file " << golden
                                  << " (run with AWAITSCOPE_UPDATE_GOLDEN=1 and review it)";
  EXPECT_EQ(actual, ReadFile(golden));
}

INSTANTIATE_TEST_SUITE_P(Scenarios, LowerGolden, ::testing::ValuesIn(ScenarioIds()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace aws
