// `awaitscope whatif`: the real binary's exact text for a faster read, its JSON, and the usage and
// input errors (exit 2).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_runner.h"

namespace aws {
namespace {

using testing::Describe;
using testing::RunCli;

TEST(CliWhatIf, AFasterReadSideBySideAndOnOneTimeline) {
  testing::CliResult r = RunCli("whatif scenarios/example.toml --latency read:foo.txt=5ms");
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out,
      "what if: latency of read:foo.txt: 5 ms\n"
      "\n"
      "            before (waker)   after (waker)\n"
      "  executor  waker            waker\n"
      "  polls     3                3\n"
      "  pending   2                2\n"
      "  ready     1                1\n"
      "  wakes     2                2\n"
      "* end time  50 ms            25 ms\n"
      "  end       finished         finished\n"
      "  faults    0                0\n"
      "  output    \"Hello World\\n\"  \"Hello World\\n\"\n"
      "* task 0    () at 50 ms      () at 25 ms\n"
      "2 differences (marked *)\n"
      "\n"
      "timeline (virtual time; - before, + after, = both)\n"
      "t=0ms\n"
      "  - device_start device=disk request=1 due=30ms read foo.txt\n"
      "  + device_start device=disk request=1 due=5ms read foo.txt\n"
      "t=5ms\n"
      "  + device_complete device=disk request=1 -> \"Hello\"\n"
      "  + wake task=0 waker=W0 by=disk(foo.txt)\n"
      "  + device_start device=disk request=2 due=25ms read bar.txt\n"
      "t=25ms\n"
      "  + device_complete device=disk request=2 -> \" World\"\n"
      "  + wake task=0 waker=W0 by=disk(bar.txt)\n"
      "  + print task=0 \"Hello World\\n\"\n"
      "  + task_done task=0 -> ()\n"
      "  + run_end reason=finished\n"
      "t=30ms\n"
      "  - device_complete device=disk request=1 -> \"Hello\"\n"
      "  - wake task=0 waker=W0 by=disk(foo.txt)\n"
      "  - device_start device=disk request=2 due=50ms read bar.txt\n"
      "t=50ms\n"
      "  - device_complete device=disk request=2 -> \" World\"\n"
      "  - wake task=0 waker=W0 by=disk(bar.txt)\n"
      "  - print task=0 \"Hello World\\n\"\n"
      "  - task_done task=0 -> ()\n"
      "  - run_end reason=finished\n");
}

TEST(CliWhatIf, JsonHasBothSummariesTheRowsAndTheTimeline) {
  testing::CliResult r = RunCli("whatif scenarios/example.toml --executor busy --format json");
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["change"], "executor: waker -> busy");
  EXPECT_EQ(j["before"]["polls"], 3);
  EXPECT_EQ(j["after"]["polls"], 51);
  EXPECT_EQ(j["after"]["wakes"], 0);
  EXPECT_EQ(j["after"]["end_time_ms"], 50);
  EXPECT_EQ(j["after"]["output"], "Hello World\n");
  EXPECT_EQ(j["differences"], 4);
  EXPECT_EQ(j["rows"][1]["field"], "polls");
  EXPECT_EQ(j["rows"][1]["before"], "3");
  EXPECT_EQ(j["rows"][1]["after"], "51");
  EXPECT_EQ(j["rows"][1]["differs"], true);
  EXPECT_EQ(j["rows"][9]["task"], 0);
  EXPECT_EQ(j["timeline"][0]["t_ms"], 0);
  EXPECT_EQ(j["timeline"][1]["t_ms"], 30);
  EXPECT_EQ(j["timeline"][1]["before"][1], "wake task=0 waker=W0 by=disk(foo.txt)");
}

TEST(CliWhatIf, TheCancelledTaskDropsItsReadMidAwait) {
  testing::CliResult r = RunCli("whatif scenarios/example.toml --cancel 0@5");
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_NE(r.out.find("* task 0    () at 50 ms      (cancelled) at 0 ms\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  + diagnostic note: drop async_read_file(\"foo.txt\")#2: request #1 (read foo.txt, due at 30 ms) "
                       "is abandoned;"),
            std::string::npos)
      << r.out;
}

TEST(CliWhatIf, UsageAndInputErrorsExitTwo) {
  struct Case {
    const char* args;
    const char* err;
  };
  const Case cases[] = {
      {"whatif scenarios/example.toml",
       "awaitscope whatif: error: name one change: --executor, --latency, --swap-completions, --spurious-wake, --cancel, "
       "--sleep-if-idle or --blocking\n"},
      {"whatif scenarios/example.toml --executor busy --cancel 0@3",
       "awaitscope whatif: error: name only one change: a what-if compares a run with one thing changed\n"},
      {"whatif scenarios/example.toml --latency read=fast",
       "awaitscope whatif: error: --latency `read=fast`: expected TARGET=MS, e.g. read=5ms or read:foo.txt=5\n"},
      {"whatif scenarios/example.toml --cancel 3",
       "awaitscope whatif: error: --cancel `3`: expected TASK@STEP, e.g. 0@5\n"},
      {"whatif scenarios/example.toml --swap-completions 1,2",
       "scenarios/example.toml: error: what if: requests #1 and #2 are never in flight together (one starts after the "
       "other is done): their completions cannot change order\n"},
      {"whatif scenarios/example_busy.toml --sleep-if-idle naive",
       "scenarios/example_busy.toml: error: what if: sleep_if_idle belongs to the waker executor; this run uses the busy "
       "executor\n"},
      {"whatif scenarios/example.toml --blocking read:nope.txt",
       "scenarios/example.toml: error: what if: the run never reads `nope.txt`\n"},
      {"whatif scenarios/example.toml --blocking foo.txt",
       "scenarios/example.toml: error: what if: unknown call `foo.txt` to make blocking: request:N, read:FILE or "
       "write:FILE\n"},
      {"whatif scenarios/timer_vs_sleep.toml --blocking request:1",
       "scenarios/timer_vs_sleep.toml: error: what if: request #1 (sleep 50ms) waits for a thread or a key, not for a "
       "latency: there is no blocking call to put in its place\n"},
      {"whatif scenarios/example.toml --spurious-wake 0@99",
       "scenarios/example.toml: error: what if: step 99 is not inside the run: pick a step from 0 to 49\n"},
  };
  for (const Case& c : cases) {
    testing::CliResult r = RunCli(c.args);
    EXPECT_EQ(r.exit_code, 2) << Describe(r);
    EXPECT_EQ(r.out, "") << c.args;
    EXPECT_EQ(r.err, c.err) << c.args;
  }
  testing::CliResult bad = RunCli("whatif tests/bad/scenario_bad_source_tag.toml --executor busy");
  EXPECT_EQ(bad.exit_code, 2) << Describe(bad);
  EXPECT_EQ(bad.err.rfind("tests/bad/scenario_bad_source_tag.toml:2:10: error: unknown document tag `D9`", 0), 0u) << bad.err;
}

}  // namespace
}  // namespace aws
