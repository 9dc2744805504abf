// The What-if panel (whatif_view.cpp) in the App: a change picked and run by commands, the
// summary's differing rows lit in kWhatIfDiffColor (rendered headlessly), the changed run opened
// as the main run, and an injected change (a cancellation) that stays in the panel only.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "gui/app.h"
#include "gui/platform.h"
#include "gui/views/views.h"
#include "headless.h"
#include "present/whatif.h"

namespace aws::gui {
namespace {

namespace fs = std::filesystem;
const std::string kExample = (fs::path(AWAITSCOPE_SOURCE_DIR) / "scenarios" / "example.toml").string();
constexpr int kWidth = 1280;
constexpr int kHeight = 720;

void Do(App& app, Command c) {
  app.Push(std::move(c));
  app.Apply();
}

Command Pick(WhatIfKind kind, std::string text, int64_t value2 = 0, int64_t step = -1) {
  Command c = MakeCommand(CommandKind::PickWhatIf, static_cast<int64_t>(kind), std::move(text));
  c.value2 = value2;
  c.step = step;
  return c;
}

// Pixels of exactly `c` in [x0, x1) x [y0, y1).
int64_t Count(const Image& img, shots::Rgb c, int x0, int y0, int x1, int y1) {
  int64_t n = 0;
  for (int y = y0; y < std::min(y1, img.height); ++y)
    for (int x = x0; x < std::min(x1, img.width); ++x) {
      const uint8_t* p = &img.rgba[(static_cast<size_t>(y) * img.width + x) * 4];
      if (p[0] == c.r && p[1] == c.g && p[2] == c.b) ++n;
    }
  return n;
}

TEST(WhatIfPanel, AnotherExecutorSideBySideThenOpenedAsTheMainRun) {
  Platform platform;
  std::string error;
  ASSERT_TRUE(shots::OpenHeadless(platform, kWidth, kHeight, &error)) << error;
  App app;
  Diagnostics d;
  ASSERT_TRUE(app.Load(kExample, d)) << d.Render();
  Do(app, MakeCommand(CommandKind::SetLayout, 0, "whatif"));
  const shots::Rgb lit = shots::FromImColor(kWhatIfDiffColor);
  const Image empty = shots::RenderFrames(platform, app);
  EXPECT_EQ(Count(empty, lit, 0, 0, kWidth, kHeight), 0);
  Do(app, Pick(WhatIfKind::Executor, "busy"));
  Do(app, MakeCommand(CommandKind::RunWhatIf));
  ASSERT_TRUE(app.view().whatif && app.view().whatif->result);
  const WhatIfComparison& c = *app.view().whatif->result;
  EXPECT_EQ(c.change, "executor: waker -> busy");
  EXPECT_EQ(c.differences, 4);
  const Image shot = shots::RenderFrames(platform, app);
  if (const char* dir = std::getenv("AWAITSCOPE_SHOTS")) WritePng(std::string(dir) + "/whatif_panel.png", shot, &error);
  // Four rows differ (executor, polls, pending, wakes): four bands across the panel's table,
  // which takes the left 64 % of the window; nothing of that colour anywhere else.
  const int panel_right = kWidth * 64 / 100;
  const int64_t in_panel = Count(shot, lit, 0, 0, panel_right, kHeight);
  EXPECT_GT(in_panel, 4 * 500 * 12);
  EXPECT_EQ(Count(shot, lit, panel_right, 0, kWidth, kHeight), 0);
  int bands = 0;
  bool in_band = false;
  for (int y = 0; y < kHeight; ++y) {
    const bool row = Count(shot, lit, 0, y, panel_right, y + 1) > 300;
    if (row && !in_band) ++bands;
    in_band = row;
  }
  EXPECT_EQ(bands, 4);
  // The main run is still the waker executor's until the changed run is opened.
  EXPECT_EQ(app.session().trace().executor, "waker");
  Do(app, MakeCommand(CommandKind::OpenWhatIfVariant));
  EXPECT_EQ(app.session().trace().executor, "busy");
  EXPECT_EQ(app.session().size(), 373);
  EXPECT_EQ(app.view().status, "the changed run is the main run now: executor: waker -> busy");
}

TEST(WhatIfPanel, ACancellationIsShownButNotOpenedAsTheMainRun) {
  App app;
  Diagnostics d;
  ASSERT_TRUE(app.Load(kExample, d)) << d.Render();
  Do(app, Pick(WhatIfKind::Cancel, "", 0, 5));
  Do(app, MakeCommand(CommandKind::RunWhatIf));
  ASSERT_TRUE(app.view().whatif && app.view().whatif->result);
  EXPECT_EQ(app.view().whatif->result->change, "cancel task 0 after step 5 (t=0ms) while it waits in an .await");
  EXPECT_EQ(app.view().whatif->result->differences, 7);
  Do(app, MakeCommand(CommandKind::OpenWhatIfVariant));
  EXPECT_EQ(app.session().size(), 51);  // unchanged: an injected change has no scenario to open
  // A change the run does not allow says why.
  Do(app, Pick(WhatIfKind::Cancel, "", 0, 50));
  Do(app, MakeCommand(CommandKind::RunWhatIf));
  EXPECT_FALSE(app.view().whatif->result.has_value());
  EXPECT_EQ(app.view().whatif->error, "what if: step 50 is not inside the run: pick a step from 0 to 49");
}

// The panel's blocking pick is an index into the run's blockable requests: the example's second
// request is the read of bar.txt, which made blocking costs the task one Pending poll.
TEST(WhatIfPanel, ACallMadeBlockingFromTheRequestList) {
  App app;
  Diagnostics d;
  ASSERT_TRUE(app.Load(kExample, d)) << d.Render();
  Do(app, Pick(WhatIfKind::Blocking, "", 1));
  Do(app, MakeCommand(CommandKind::RunWhatIf));
  ASSERT_TRUE(app.view().whatif && app.view().whatif->result) << app.view().whatif->error;
  EXPECT_EQ(app.view().whatif->result->change,
            "blocking call: request #2 (read bar.txt) holds the core until it is done");
  const std::vector<WhatIfRow>& rows = app.view().whatif->result->rows;
  ASSERT_GE(rows.size(), 2u);
  EXPECT_EQ(rows[1].base + " -> " + rows[1].variant, "3 -> 2");  // polls
  Do(app, MakeCommand(CommandKind::OpenWhatIfVariant));
  EXPECT_EQ(app.session().size(), 51);  // injected: stays in the panel
}

}  // namespace
}  // namespace aws::gui
