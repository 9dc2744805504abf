// Golden runs next to the data: every scenario's text trace must equal
// tests/golden/<id>.trace.txt, its printed output must equal its [expect] output, and its
// [expect] trace lines must appear in order. Regenerate after an intended change with
// AWAITSCOPE_UPDATE_GOLDEN=1 and review the diff.
#include <gtest/gtest.h>

#include "golden_util.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "awaitscope/runtime.h"
#include "awaitscope/trace_io.h"

namespace aws {
namespace {

namespace fs = std::filesystem;
using golden::kRoot;
using golden::ReadFile;
using golden::ScenarioIds;

struct ScenarioRun {
  std::optional<Scenario> scenario;
  std::unique_ptr<Program> program;
  Trace trace;
  std::string text;
};

ScenarioRun RunId(const std::string& id) {
  fs::current_path(kRoot);
  ScenarioRun r;
  Diagnostics diags;
  r.scenario = LoadScenario("scenarios/" + id + ".toml", diags);
  EXPECT_TRUE(r.scenario) << diags.Render();
  if (!r.scenario) return r;
  r.program = Compile(std::make_unique<SourceFile>(r.scenario->script), r.scenario->ops, diags);
  EXPECT_FALSE(diags.HasErrors()) << diags.Render();
  r.trace = RunScenario(*r.program, *r.scenario, {}, diags);
  r.text = TraceToText(r.trace, r.program.get());
  return r;
}

class RunGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(RunGolden, TraceMatchesGoldenFile) {
  ScenarioRun r = RunId(GetParam());
  ASSERT_TRUE(r.scenario);
  fs::path golden = kRoot / "tests" / "golden" / (GetParam() + ".trace.txt");
  if (std::getenv("AWAITSCOPE_UPDATE_GOLDEN")) {
    std::ofstream(golden, std::ios::binary) << r.text;
    GTEST_SKIP() << "updated " << golden;
  }
  ASSERT_TRUE(fs::exists(golden)) << "missing " << golden << " (run with AWAITSCOPE_UPDATE_GOLDEN=1 and review it)";
  EXPECT_EQ(r.text, ReadFile(golden));
}

TEST_P(RunGolden, PrintsTheExpectedOutput) {
  ScenarioRun r = RunId(GetParam());
  ASSERT_TRUE(r.scenario);
  std::string want;
  for (const std::string& line : r.scenario->expect_output) want += line + "\n";
  // A last line printed without a newline (`print!`, as the blog's keyboard task) is a line too.
  std::string got = r.trace.summary.output;
  if (!got.empty() && got.back() != '\n') got += '\n';
  EXPECT_EQ(got, want);
}

TEST_P(RunGolden, ExpectedTraceLinesAppearInOrder) {
  ScenarioRun r = RunId(GetParam());
  ASSERT_TRUE(r.scenario);
  size_t from = 0;
  for (const std::string& line : r.scenario->expect_trace) {
    size_t at = r.text.find(line + "\n", from);
    ASSERT_NE(at, std::string::npos) << "expected trace line not found (in order): " << line;
    from = at + line.size();
  }
}

TEST_P(RunGolden, IsDeterministic) {
  ScenarioRun a = RunId(GetParam());
  ScenarioRun b = RunId(GetParam());
  EXPECT_EQ(a.text, b.text);
}

INSTANTIATE_TEST_SUITE_P(Scenarios, RunGolden, ::testing::ValuesIn(ScenarioIds()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace aws
