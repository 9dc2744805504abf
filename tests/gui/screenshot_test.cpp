// Headless screenshots of the GUI (SDL's offscreen driver on Mesa's llvmpipe; no display, no
// GPU): the panels draw something, change with the step, and depend only on the step.
#include <SDL.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <utility>

#include "gui/app.h"
#include "gui/app_main.h"
#include "present/image.h"
#include "gui/platform.h"
#include "gui/views/views.h"
#include "headless.h"

namespace aws::gui {
namespace {

using shots::FromImColor;
using shots::OpenHeadless;
using shots::RenderFrames;
using shots::Rgb;

namespace fs = std::filesystem;

const fs::path kRoot = AWAITSCOPE_SOURCE_DIR;
const std::string kExample = (kRoot / "scenarios" / "example.toml").string();
constexpr int kWidth = 1000;
constexpr int kHeight = 600;
constexpr int kFrames = 3;  // as GuiMain renders before a screenshot

// The example's trace: step 1 pushes T0 on the ready queue (no source line); step 7 is the
// transition of `example` to WaitingOnFooTxt on line 5, with the queue empty.
constexpr int64_t kQueuedStep = 1;
constexpr int64_t kLine5Step = 7;


int64_t CountColor(const Image& img, Rgb c) {
  int64_t n = 0;
  for (size_t i = 0; i + 3 < img.rgba.size(); i += 4)
    if (img.rgba[i] == c.r && img.rgba[i + 1] == c.g && img.rgba[i + 2] == c.b) ++n;
  return n;
}

size_t DistinctColors(const Image& img) {
  std::set<uint32_t> colors;
  for (size_t i = 0; i + 3 < img.rgba.size(); i += 4)
    colors.insert(uint32_t(img.rgba[i]) << 16 | uint32_t(img.rgba[i + 1]) << 8 | img.rgba[i + 2]);
  return colors.size();
}

int64_t DifferingPixels(const Image& a, const Image& b) {
  if (a.rgba.size() != b.rgba.size()) return -1;
  int64_t n = 0;
  for (size_t i = 0; i < a.rgba.size(); i += 4)
    if (a.rgba[i] != b.rgba[i] || a.rgba[i + 1] != b.rgba[i + 1] || a.rgba[i + 2] != b.rgba[i + 2]) ++n;
  return n;
}

class GuiScreenshot : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(OpenHeadless(platform_, kWidth, kHeight, &error)) << error;
    Diagnostics diags;
    ASSERT_TRUE(app_.Load(kExample, diags)) << diags.Render();
  }

  Image Render() {
    Image shot = RenderFrames(platform_, app_, kFrames);
    return shot;
  }

  Image RenderAt(int64_t step) {
    app_.Push({CommandKind::Seek, step});
    return Render();
  }

  Platform platform_;
  App app_;
};

TEST_F(GuiScreenshot, ImageIsNotBlank) {
  Image img = RenderAt(kLine5Step);
  ASSERT_EQ(img.width, kWidth);
  ASSERT_EQ(img.height, kHeight);
  EXPECT_GT(DistinctColors(img), 20u) << "text, panels and highlights should give many colours";
}

TEST_F(GuiScreenshot, QueueBoxesAndHighlightedLineFollowTheStep) {
  const Rgb box = FromImColor(kQueueBoxColor);
  const Rgb line = FromImColor(kCurrentLineColor);
  Image queued = RenderAt(kQueuedStep);
  EXPECT_EQ(app_.session().state().queue.size(), 1u);
  Image on_line5 = RenderAt(kLine5Step);
  EXPECT_TRUE(app_.session().state().queue.empty());

  // One box on the queue at step 1, none at step 7.
  int64_t one_box = CountColor(queued, box);
  EXPECT_GT(one_box, 48 * 30 / 2);
  EXPECT_EQ(CountColor(on_line5, box), 0);
  // Step 1 has no source line; step 7 highlights line 5 across the Source panel.
  EXPECT_EQ(CountColor(queued, line), 0);
  EXPECT_GT(CountColor(on_line5, line), kWidth / 4 * 10);
  EXPECT_GT(DifferingPixels(queued, on_line5), 1000);

  // Another one-task queue later in the run: the same single box.
  Image queued_again = RenderAt(19);
  ASSERT_EQ(app_.session().state().queue.size(), 1u);
  EXPECT_EQ(CountColor(queued_again, box), one_box);
}

TEST_F(GuiScreenshot, SameStepForwardsAndBackwardsGivesTheSameImage) {
  constexpr int64_t kTarget = 25;
  app_.Push({CommandKind::Seek, -1});
  for (int64_t i = 0; i <= kTarget; ++i) app_.Push({CommandKind::Step});
  Image forwards = Render();
  ASSERT_EQ(app_.session().cursor(), kTarget);

  Image at_end = RenderAt(app_.session().size() - 1);
  EXPECT_GT(DifferingPixels(forwards, at_end), 0);
  for (int64_t i = app_.session().size() - 1; i > kTarget; --i) app_.Push({CommandKind::StepBack});
  Image backwards = Render();
  ASSERT_EQ(app_.session().cursor(), kTarget);
  EXPECT_EQ(DifferingPixels(forwards, backwards), 0);
}

TEST_F(GuiScreenshot, CommandLineWritesThePngOfTheSameFrame) {
  fs::path out = fs::temp_directory_path() / ("awaitscope_gui_" + std::to_string(::getpid()) + ".png");
  std::string cmd = std::string("'") + AWAITSCOPE_BINARY + "' gui '" + kExample + "' --step " +
                    std::to_string(kLine5Step) + " --size " + std::to_string(kWidth) + "x" +
                    std::to_string(kHeight) + " --screenshot '" + out.string() + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  Image png;
  std::string error;
  ASSERT_TRUE(ReadPng(out.string(), &png, &error)) << error;
  fs::remove(out);
  Image in_process = RenderAt(kLine5Step);
  EXPECT_EQ(DifferingPixels(png, in_process), 0);
}

// The first run of rows from `from_y` down where colour `c` appears left of x = `right`:
// [first, last], or {-1, -1}.
std::pair<int, int> RowsOf(const Image& img, Rgb c, int right, int from_y = 0) {
  std::pair<int, int> rows{-1, -1};
  for (int y = from_y; y < img.height; ++y) {
    bool found = false;
    for (int x = 0; x < right && !found; ++x) {
      const size_t i = (size_t(y) * size_t(img.width) + size_t(x)) * 4;
      found = img.rgba[i] == c.r && img.rgba[i + 1] == c.g && img.rgba[i + 2] == c.b;
    }
    if (found) {
      if (rows.first < 0) rows.first = y;
      rows.second = y;
    } else if (rows.first >= 0) {
      break;
    }
  }
  return rows;
}

TEST_F(GuiScreenshot, BreakpointDotsSitOnTheirLinesInTheMonoFont) {
  Command layout{CommandKind::SetLayout};
  layout.text = "state-machine";  // Source takes the full height: lines 1-16 all show
  app_.Push(layout);
  for (int64_t line : {5, 14}) {
    Command bp{CommandKind::ToggleLineBreakpoint};
    bp.value = line;
    app_.Push(bp);
  }
  Image img = RenderAt(kLine5Step);
  const int source_right = kWidth * 28 / 100;
  const auto band = RowsOf(img, FromImColor(kCurrentLineColor), source_right);
  const auto dot5 = RowsOf(img, FromImColor(kBreakpointColor), source_right);
  ASSERT_GE(band.first, 0);
  ASSERT_GE(dot5.first, 0);
  // Line 5's dot is centred in the current line's band.
  const float band_h = float(band.second - band.first + 1);
  EXPECT_NEAR((dot5.first + dot5.second) / 2.0f, (band.first + band.second) / 2.0f, 1.0f);
  EXPECT_LT(dot5.second, band.second);
  // Line 14's dot (the line with an await mark) is 9 rows further down: rows are exactly one
  // band apart, as the clipper and the scrolling assume.
  const auto dot14 = RowsOf(img, FromImColor(kBreakpointColor), source_right, band.second + 1);
  ASSERT_GE(dot14.first, 0);
  EXPECT_NEAR((dot14.first + dot14.second) / 2.0f - (dot5.first + dot5.second) / 2.0f, 9 * band_h, 1.5f);
}

void PushKey(Uint32 type, SDL_Scancode code) {
  SDL_Event e{};
  e.type = type;
  e.key.state = type == SDL_KEYDOWN ? SDL_PRESSED : SDL_RELEASED;
  e.key.keysym.scancode = code;
  e.key.keysym.sym = SDL_GetKeyFromScancode(code);
  SDL_PushEvent(&e);
}

TEST_F(GuiScreenshot, ArrowsStepAndSpaceToggles) {
  Render();
  ASSERT_EQ(app_.session().cursor(), -1);
  // ImGui 1.86 reads key state per frame (no input queue): the key is down for one frame, up in
  // the next, as a person's key press would be.
  auto frame_after = [&](SDL_Scancode code) {
    for (Uint32 type : {SDL_KEYDOWN, SDL_KEYUP}) {
      PushKey(type, code);
      ASSERT_TRUE(platform_.BeginFrame());
      app_.Frame();
      platform_.EndFrame();
    }
  };
  frame_after(SDL_SCANCODE_RIGHT);
  EXPECT_EQ(app_.session().cursor(), 0);
  frame_after(SDL_SCANCODE_RIGHT);
  EXPECT_EQ(app_.session().cursor(), 1);
  frame_after(SDL_SCANCODE_LEFT);
  EXPECT_EQ(app_.session().cursor(), 0);
  frame_after(SDL_SCANCODE_SPACE);
  EXPECT_TRUE(app_.view().playing);
  frame_after(SDL_SCANCODE_SPACE);
  EXPECT_FALSE(app_.view().playing);
}

TEST(GuiArgs, SizeIsWidthXHeight) {
  int w = 0, h = 0;
  EXPECT_TRUE(ParseSize("800x600", &w, &h));
  EXPECT_EQ(w, 800);
  EXPECT_EQ(h, 600);
  for (const char* bad : {"", "800", "800x", "x600", "800x600x2", "10x10", "800X600", "-800x600", "8e2x600"})
    EXPECT_FALSE(ParseSize(bad, &w, &h)) << bad;
}

}  // namespace
}  // namespace aws::gui
