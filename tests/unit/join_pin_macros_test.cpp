// futures'/tokio's join! and try_join! (the futures polled together; try_join!'s first Err drops
// the unfinished others) and the pinning macros (a pinned future polled through `&mut` by
// select!, surviving the rounds it loses), at the level of the trace.
#include <gtest/gtest.h>

#include "awaitscope/checker.h"
#include "awaitscope/executor_kind.h"
#include "awaitscope/runtime.h"
#include "awaitscope/trace_io.h"

namespace aws {
namespace {

std::string RunText(const std::string& script) {
  Diagnostics d;
  auto s = LoadScenarioText("t.toml", "title = \"t\"\nscript = '''\n" + script + "'''\n", d);
  EXPECT_TRUE(s) << d.Render();
  if (!s) return "";
  auto p = Compile(std::make_unique<SourceFile>(s->script), s->ops, d);
  EXPECT_FALSE(d.HasErrors()) << d.Render();
  if (d.HasErrors()) return "";
  Trace t = RunScenario(*p, *s, {}, d);
  return TraceToText(t, p.get());
}

std::string CheckErrors(const std::string& text) {
  Diagnostics d;
  CheckScript(std::make_unique<SourceFile>("t.rs", text), {}, d);
  return d.Headlines();
}

// The lines of `text` that contain `part` (e.g. "diagnostic", "future=join#").
std::string Lines(const std::string& text, const std::string& part) {
  std::string out;
  size_t at = 0;
  while (at < text.size()) {
    size_t nl = text.find('\n', at);
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(at, nl - at);
    if (line.find(part) != std::string::npos) out += line + "\n";
    at = nl + 1;
  }
  return out;
}

TEST(JoinMacro, ThreeTimersRunTogetherAndTheJoinEndsWithTheLongest) {
  std::string t = RunText(
      "use futures::join;\n"
      "async fn main() {\n"
      "    let (a, b, c) = join!(sleep(20ms), sleep(10ms), sleep(30ms));\n"
      "    println!(\"{:?} {:?} {:?}\", a, b, c);\n"
      "}\n");
  EXPECT_EQ(Lines(t, "transition"), "t=0ms transition task=0 future=main#0 Start -> WaitingOnJoin {join_future=<join#4>}\n"
            "t=30ms transition task=0 future=main#0 WaitingOnJoin -> End {}\n");
  EXPECT_EQ(Lines(t, "device_start"), "t=0ms device_start device=timer request=1 due=20ms sleep(20ms)\n"
            "t=0ms device_start device=timer request=2 due=10ms sleep(10ms)\n"
            "t=0ms device_start device=timer request=3 due=30ms sleep(30ms)\n");
  EXPECT_EQ(Lines(t, "future=join#"), "t=0ms poll_begin task=0 future=join#4 depth=1\n"
            "t=0ms poll_end task=0 future=join#4 depth=1 -> Pending\n"
            "t=10ms poll_begin task=0 future=join#4 depth=1\n"
            "t=10ms poll_end task=0 future=join#4 depth=1 -> Pending\n"
            "t=20ms poll_begin task=0 future=join#4 depth=1\n"
            "t=20ms poll_end task=0 future=join#4 depth=1 -> Pending\n"
            "t=30ms poll_begin task=0 future=join#4 depth=1\n"
            "t=30ms poll_end task=0 future=join#4 depth=1 -> Ready(((), (), ()))\n");
  EXPECT_NE(t.find("summary: polls=4 pending=3 ready=1 wakes=3 end_time=30ms end=finished output=\"() () ()\\n\""), std::string::npos) << t;
}

TEST(TryJoinMacro, AnEarlyErrEndsItAndDropsThePendingRead) {
  std::string t = RunText(
      "async fn check(ms: u64) -> Result<u32, String> {\n"
      "    sleep(Duration::from_millis(ms)).await;\n"
      "    Err(format!(\"failed after {}ms\", ms))\n"
      "}\n"
      "async fn load(path: &str) -> Result<usize, String> {\n"
      "    Ok(async_read_file(path).await.len())\n"
      "}\n"
      "async fn main() {\n"
      "    let r = tokio::try_join!(load(\"foo.txt\"), check(5));\n"
      "    println!(\"{:?}\", r);\n"
      "}\n");
  EXPECT_EQ(Lines(t, "diagnostic"), "t=5ms diagnostic task=0 note: try_join!: future 2 (check#2) is Err: that is the output at once; the unfinished others are cancelled: their futures are dropped (load#1)\n"
            "t=5ms diagnostic task=0 note: drop load#1 in state WaitingOnRead: its saved fields go: read_future\n"
            "t=5ms diagnostic task=0 note: drop async_read_file(\"foo.txt\")#4: request #1 (read foo.txt, due at 30 ms) is abandoned; the device still finishes it, but the waker W0 it stored is gone with the future\n"
            "t=30ms diagnostic note: request #1 (read foo.txt) is done, but its future was dropped: nothing waits for it, the result is thrown away\n");
  EXPECT_EQ(Lines(t, "future=try_join#"), "t=0ms poll_begin task=0 future=try_join#3 depth=1\n"
            "t=0ms poll_end task=0 future=try_join#3 depth=1 -> Pending\n"
            "t=5ms poll_begin task=0 future=try_join#3 depth=1\n"
            "t=5ms poll_end task=0 future=try_join#3 depth=1 -> Ready(Err(\"failed after 5ms\"))\n");
  EXPECT_NE(t.find("summary: polls=2 pending=1 ready=1 wakes=1 end_time=5ms end=finished output=\"Err(\\\"failed after 5ms\\\")\\n\""), std::string::npos) << t;
}

TEST(PinMacros, APinnedSleepSurvivesTheSelectRoundsItLoses) {
  std::string t = RunText(
      "async fn main() {\n"
      "    let deadline = sleep(25ms);\n"
      "    tokio::pin!(deadline);\n"
      "    let mut n = 0;\n"
      "    loop {\n"
      "        tokio::select! {\n"
      "            _ = &mut deadline => break,\n"
      "            _ = sleep(10ms) => n += 1,\n"
      "        }\n"
      "    }\n"
      "    println!(\"{} ticks\", n);\n"
      "}\n");
  EXPECT_EQ(Lines(t, "device_start"), "t=0ms device_start device=timer request=1 due=25ms sleep(25ms)\n"
            "t=0ms device_start device=timer request=2 due=10ms sleep(10ms)\n"
            "t=10ms device_start device=timer request=3 due=20ms sleep(10ms)\n"
            "t=20ms device_start device=timer request=4 due=30ms sleep(10ms)\n");
  EXPECT_EQ(Lines(t, "diagnostic"), "t=10ms diagnostic task=0 note: select!: branch 2 (sleep(10ms)#2) is ready first; no other branch is cancelled; borrowed with `&mut`, not dropped: it stays pinned where it is, as it is, for a later poll (sleep(25ms)#1)\n"
            "t=20ms diagnostic task=0 note: select!: branch 2 (sleep(10ms)#4) is ready first; no other branch is cancelled; borrowed with `&mut`, not dropped: it stays pinned where it is, as it is, for a later poll (sleep(25ms)#1)\n"
            "t=25ms diagnostic task=0 note: select!: branch 1 (sleep(25ms)#1) is ready first; the other branches are cancelled: their futures are dropped (sleep(10ms)#6)\n"
            "t=25ms diagnostic task=0 note: drop sleep(10ms)#6: request #4 (sleep(10ms), due at 30 ms) is abandoned; the device still finishes it, but the waker W0 it stored is gone with the future\n"
            "t=30ms diagnostic note: request #4 (sleep(10ms)) is done, but its future was dropped: nothing waits for it, the result is thrown away\n");
  EXPECT_NE(t.find("summary: polls=4 pending=3 ready=1 wakes=3 end_time=25ms end=finished output=\"2 ticks\\n\""), std::string::npos) << t;
}

TEST(JoinMacro, ErrorsAreRustcs) {
  EXPECT_EQ(CheckErrors("fn main() {\n    let (a, b) = futures::join!(ready(1), ready(2));\n}\n"), "t.rs:2:18: error[E0728]: `await` is only allowed inside `async` functions and blocks\n");
  EXPECT_EQ(CheckErrors("use futures::future::join;\nasync fn main() {\n    let (a,) = join!(ready(1));\n}\n"), "t.rs:3:16: error: cannot find macro `join` in this scope: add `use futures::join;` (or `use tokio::join;`), or write `futures::join!`\n");
  EXPECT_EQ(CheckErrors("async fn main() {\n    let mut s = sleep(5ms);\n    tokio::select! {\n"
                        "        _ = &mut s => {}\n        _ = ready(1) => {}\n    }\n}\n"),
            "t.rs:4:13: error[E0277]: `PhantomPinned` cannot be unpinned\n");
  EXPECT_EQ(CheckErrors("async fn main() {\n    let p = (std::pin::pin!(sleep(5ms)), 1);\n}\n"), "t.rs:2:14: error: `pin!` is supported as a `let`'s value only: `let fut = pin!(..);`\n");
}

}  // namespace
}  // namespace aws
