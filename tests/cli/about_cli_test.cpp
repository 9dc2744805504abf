// `awaitscope about FILE`: a scenario's documents by name, its errata and its next scenario, from
// the real binary.
#include <gtest/gtest.h>

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

TEST(CliAbout, ABadScenarioIsAnErrorWithItsPosition) {
  testing::CliResult r = RunCli("about tests/bad/scenario_bad_source_tag.toml");
  EXPECT_EQ(r.exit_code, 2) << Describe(r);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("tests/bad/scenario_bad_source_tag.toml:2:10: error: unknown document tag `D9`", 0), 0u) << r.err;
}

}  // namespace
}  // namespace aws
