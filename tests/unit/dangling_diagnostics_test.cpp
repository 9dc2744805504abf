// Undefined behaviour enters the Output panel's diagnostics at the step of the dangling
// dereference itself, not one step later (the error diagnostic that follows it is the same line,
// listed once), in the session's flat fold and in the reference fold alike.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "awaitscope/world.h"

namespace aws {
namespace {

namespace fs = std::filesystem;

TEST(DanglingDiagnostics, UndefinedBehaviourIsListedAtItsOwnStepOnce) {
  int danglings = 0;  // pin_example_moved reads through a dangling pointer
  for (const auto& entry : fs::directory_iterator(fs::path(AWAITSCOPE_SOURCE_DIR) / "scenarios")) {
    if (entry.path().extension() != ".toml") continue;
    SCOPED_TRACE(entry.path().filename().string());
    Session s;
    Diagnostics d;
    ASSERT_TRUE(s.Load(entry.path().string(), d)) << d.Render();
    const Trace& t = s.trace();
    for (size_t i = 0; i < t.events.size(); ++i) {
      if (t.events[i].kind != EventKind::MemDangling) continue;
      ++danglings;
      const int64_t step = static_cast<int64_t>(i);
      const std::string& payload = t.Payload(t.events[i]);
      const std::string line = "t=" + std::to_string(t.events[i].t_ms) + "ms: error: " + payload.substr(0, payload.find('\n'));
      s.Seek(step - 1);
      const size_t before = s.state().diagnostics.size();
      s.Seek(step);
      ASSERT_EQ(s.state().diagnostics.size(), before + 1);
      EXPECT_EQ(s.state().diagnostics.back(), line);
      EXPECT_EQ(FoldTrace(t, step).diagnostics, s.state().diagnostics);
      // The run's error about it, right after: the same line, not listed again.
      ASSERT_LT(i + 1, t.events.size());
      EXPECT_EQ(t.events[i + 1].kind, EventKind::Diagnostic);
      s.Seek(step + 1);
      EXPECT_EQ(s.state().diagnostics.size(), before + 1);
      EXPECT_EQ(FoldTrace(t, step + 1).diagnostics, s.state().diagnostics);
    }
  }
  EXPECT_GE(danglings, 1);
}

}  // namespace
}  // namespace aws
