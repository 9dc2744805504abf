// Session::Reopen, the GUI editor's engine entry: an edited scenario replaces the loaded one
// only when it compiles; otherwise the session keeps running its last good version.
#include <gtest/gtest.h>

#include <string>

#include "awaitscope/trace_io.h"
#include "awaitscope/world.h"

namespace aws {
namespace {

const std::string kExample = std::string(AWAITSCOPE_SOURCE_DIR) + "/scenarios/example.toml";
const std::string kExampleRs = std::string(AWAITSCOPE_SOURCE_DIR) + "/scenarios/example.rs";

Session LoadExample() {
  Session s;
  Diagnostics diags;
  EXPECT_TRUE(s.Load(kExample, diags)) << diags.Render();
  return s;
}

Scenario WithScript(const Session& s, const std::string& find, const std::string& replace) {
  Scenario sc = *s.scenario();
  std::string text = sc.script.text();
  size_t at = text.find(find);
  EXPECT_NE(at, std::string::npos) << find;
  if (at != std::string::npos) text.replace(at, find.size(), replace);
  sc.script = SourceFile(sc.script.name(), text, 0, 0);
  return sc;
}

TEST(SessionReopen, ABrokenScriptKeepsTheLastGoodProgramAndTrace) {
  Session s = LoadExample();
  s.Seek(7);
  const std::string before = TraceToText(s.trace(), s.program());
  const Program* program = s.program();

  Diagnostics diags;
  EXPECT_FALSE(s.Reopen(WithScript(s, "< min_len {", "< min_len2 {"), diags));
  EXPECT_EQ(diags.Headlines(), kExampleRs + ":6:24: error: cannot find value `min_len2` in this scope\n");
  EXPECT_EQ(s.program(), program);
  EXPECT_EQ(TraceToText(s.trace(), s.program()), before);
  EXPECT_EQ(s.cursor(), 7);
  EXPECT_EQ(s.scenario()->script.text().find("min_len2"), std::string::npos);
}

TEST(SessionReopen, AGoodScriptEditChangesTheTraceAndKeepsTheCursor) {
  Session s = LoadExample();
  s.Seek(7);
  EXPECT_EQ(s.trace().summary.output, "Hello World\n");
  Diagnostics diags;
  // min_len 3: "Hello" is long enough, so bar.txt is never read.
  ASSERT_TRUE(s.Reopen(WithScript(s, "example(100)", "example(3)"), diags)) << diags.Render();
  EXPECT_FALSE(diags.HasErrors());
  EXPECT_EQ(s.trace().summary.output, "Hello\n");
  EXPECT_EQ(s.trace().summary.end_time_ms, 30);
  EXPECT_EQ(s.cursor(), 7);
  EXPECT_NE(s.scenario()->script.text().find("example(3)"), std::string::npos);
  const std::string text = TraceToText(s.trace(), s.program());
  EXPECT_NE(text.find("transition task=0 future=example#1 Start -> WaitingOnFooTxt {min_len=3,"), std::string::npos)
      << text;
}

TEST(SessionReopen, DeviceParametersAndExecutorApply) {
  Session s = LoadExample();
  Scenario sc = *s.scenario();
  ASSERT_EQ(sc.files.size(), 2u);
  sc.files[0].read_latency_ms = 70;   // foo.txt
  sc.files[1].contents = " there";    // bar.txt
  sc.executor = "busy";
  Diagnostics diags;
  ASSERT_TRUE(s.Reopen(sc, diags)) << diags.Render();
  EXPECT_EQ(s.trace().executor, "busy");
  EXPECT_EQ(s.options().executor, "busy");
  EXPECT_EQ(s.trace().summary.output, "Hello there\n");
  EXPECT_EQ(s.trace().summary.end_time_ms, 90);  // 70 ms for foo.txt, then 20 ms for bar.txt
}

TEST(SessionReopen, BadParametersAndMissingSpawnTargetsAreRejected) {
  Session s = LoadExample();
  const int64_t events = s.size();
  Scenario negative = *s.scenario();
  negative.files[1].read_latency_ms = -5;
  negative.executor = "threads";
  Diagnostics diags;
  EXPECT_FALSE(s.Reopen(negative, diags));
  EXPECT_EQ(diags.Headlines(),
            kExample + ": error: unknown executor `threads` (busy, simple, waker or channel)\n" + kExample +
                ": error: file `bar.txt`: latencies must not be negative\n");

  // `main` renamed: the scenario's `spawn = ["main()"]` no longer resolves.
  Diagnostics spawn;
  EXPECT_FALSE(s.Reopen(WithScript(s, "async fn main()", "async fn start()"), spawn));
  EXPECT_EQ(spawn.Headlines(), kExample + ":15:11: error: cannot find function `main` in this scope\n");
  EXPECT_EQ(s.size(), events);
  EXPECT_EQ(s.trace().summary.output, "Hello World\n");
}

TEST(SessionReopen, LiveKeystrokesSurviveAnEdit) {
  Session s;
  Diagnostics diags;
  ASSERT_TRUE(s.Load(std::string(AWAITSCOPE_SOURCE_DIR) + "/scenarios/keyboard_hi.toml", diags));
  s.Seek(s.size() - 1);
  s.InjectScancode(0x17, diags);  // i
  ASSERT_EQ(s.options().injected.size(), 1u);
  Scenario sc = *s.scenario();
  std::string text = sc.script.text();
  text.replace(text.find("Some('i')"), 9, "Some('j')");
  sc.script = SourceFile(sc.script.name(), text, 0, 0);
  ASSERT_TRUE(s.Reopen(sc, diags)) << diags.Render();
  EXPECT_EQ(s.options().injected.size(), 1u);
  EXPECT_EQ(s.trace().summary.output, "async number: 42\nhjj");
}

}  // namespace
}  // namespace aws
