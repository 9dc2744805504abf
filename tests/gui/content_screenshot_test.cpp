// Headless screenshots checked for where things are, not how many colours they hold: the Source
// panel's current-line band lies on the current line (counted against the line numbers in the
// gutter), and the Executor's ready-queue boxes sit side by side in queue order.
#include <gtest/gtest.h>
#include <imgui.h>

#include <algorithm>
#include <map>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "gui/app.h"
#include "gui/views/views.h"
#include "headless.h"

namespace aws::gui {
namespace {

namespace fs = std::filesystem;
using shots::FromImColor;
using shots::Rgb;

constexpr int kWidth = 1000, kHeight = 600;

bool Is(const Image& img, int x, int y, Rgb c) {
  const size_t i = (size_t(y) * size_t(img.width) + size_t(x)) * 4;
  return img.rgba[i] == c.r && img.rgba[i + 1] == c.g && img.rgba[i + 2] == c.b;
}

// Runs of consecutive rows y in [y0, y1) that hold colour `c` somewhere in x in [x0, x1).
std::vector<std::pair<int, int>> RowRuns(const Image& img, Rgb c, int x0, int x1, int y0, int y1) {
  std::vector<std::pair<int, int>> runs;
  for (int y = y0; y < y1; ++y) {
    bool found = false;
    for (int x = x0; x < x1 && !found; ++x) found = Is(img, x, y, c);
    if (!found) continue;
    if (!runs.empty() && runs.back().second == y - 1) runs.back().second = y;
    else runs.push_back({y, y});
  }
  return runs;
}

// Runs of consecutive rows in [y0, y1) with ink in x in [x0, x1): a pixel unlike the most common
// colour of that row's span (the panel's background, or the band's colour inside the band).
// Antialiased glyphs have few pixels of their exact colour, so ink is anything else.
std::vector<std::pair<int, int>> InkRuns(const Image& img, int x0, int x1, int y0, int y1) {
  std::vector<std::pair<int, int>> runs;
  for (int y = y0; y < y1; ++y) {
    std::map<uint32_t, int> count;
    auto at = [&](int x) {
      const size_t i = (size_t(y) * size_t(img.width) + size_t(x)) * 4;
      return uint32_t(img.rgba[i]) << 16 | uint32_t(img.rgba[i + 1]) << 8 | img.rgba[i + 2];
    };
    for (int x = x0; x < x1; ++x) count[at(x)]++;
    const uint32_t mode = std::max_element(count.begin(), count.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
    bool ink = false;
    for (int x = x0; x < x1 && !ink; ++x) ink = at(x) != mode;
    if (!ink) continue;
    if (!runs.empty() && runs.back().second == y - 1) runs.back().second = y;
    else runs.push_back({y, y});
  }
  return runs;
}

class ContentScreenshot : public ::testing::Test {
 protected:
  void Open(const char* scenario) {
    std::string error;
    ASSERT_TRUE(shots::OpenHeadless(platform_, kWidth, kHeight, &error)) << error;
    Diagnostics diags;
    ASSERT_TRUE(app_.Load((fs::path(AWAITSCOPE_SOURCE_DIR) / "scenarios" / scenario).string(), diags)) << diags.Render();
  }
  Image RenderAt(int64_t step) {
    app_.Push({CommandKind::Seek, step});
    Image img = shots::RenderFrames(platform_, app_);
    text_disabled_ = FromImColor(ImGui::GetColorU32(ImGuiCol_TextDisabled));
    return img;
  }
  Platform platform_;
  App app_;
  Rgb text_disabled_{0, 0, 0};
};

// In the state-machine layout the Source panel holds all 16 lines of example.rs in the window's
// left 28 %, unscrolled. For each step that executes a line, the band of kCurrentLineColor there
// holds exactly one line number, and below it are exactly the numbers of the lines after it
// (a band drawn a line too high or too low has one more or one fewer).
TEST_F(ContentScreenshot, CurrentLineBandLiesOnTheCurrentLine) {
  Open("example.toml");
  Command layout{CommandKind::SetLayout};
  layout.text = "state-machine";
  app_.Push(layout);
  const int source_right = kWidth * 28 / 100;
  const int numbers_left = 24, numbers_right = 64;  // the four-digit line numbers, right of the gutter
  const Rgb band = FromImColor(kCurrentLineColor);
  std::vector<uint32_t> lines_seen;
  const Trace& t = app_.session().trace();
  for (size_t i = 0; i < t.events.size(); ++i) {
    const uint32_t line = t.events[i].line;
    if (line == 0 || std::find(lines_seen.begin(), lines_seen.end(), line) != lines_seen.end()) continue;
    lines_seen.push_back(line);
    SCOPED_TRACE("line " + std::to_string(line) + " at step " + std::to_string(i));
    const Image img = RenderAt(static_cast<int64_t>(i));
    const auto bands = RowRuns(img, band, 0, source_right, 0, kHeight);
    ASSERT_EQ(bands.size(), 1u) << "one band";
    const auto [top, bottom] = bands[0];
    EXPECT_GE(bottom - top + 1, 14);  // a full row of the mono font
    // The line numbers' column, above the panel's horizontal scrollbar.
    const auto inside = InkRuns(img, numbers_left, numbers_right, top, bottom + 1);
    EXPECT_EQ(inside.size(), 1u) << "the band holds one line number";
    const auto below = InkRuns(img, numbers_left, numbers_right, bottom + 1, kHeight - 25);
    EXPECT_EQ(below.size(), 16u - line) << "the numbers of the lines after it";
  }
  EXPECT_GE(lines_seen.size(), 4u);
  // Before the first event no line executes: no band.
  EXPECT_TRUE(RowRuns(RenderAt(-1), band, 0, source_right, 0, kHeight).empty());
}

// Bounding boxes of the columns and rows where colour `c` forms boxes at least `min` pixels wide
// and tall, right of x = `x_from`.
struct Rect {
  int x0, y0, x1, y1;
};
std::vector<Rect> Boxes(const Image& img, Rgb c, int x_from, int min) {
  std::vector<Rect> out;
  for (const auto& [y0, y1] : RowRuns(img, c, x_from, img.width, 0, img.height)) {
    if (y1 - y0 + 1 < min) continue;
    const int row = y0 + 3;  // above the label's glyphs, below the rounded corners
    for (int x = x_from; x < img.width; ++x) {
      if (!Is(img, x, row, c)) continue;
      int x1 = x;
      while (x1 + 1 < img.width && Is(img, x1 + 1, row, c)) ++x1;
      out.push_back({x, y0, x1, y1});
      x = x1;
    }
  }
  std::erase_if(out, [&](const Rect& r) { return r.x1 - r.x0 + 1 < min; });
  return out;
}

// two_tasks.toml at step 3 in the executor layout: T0 then T1 on the ready queue. Two boxes of 3.2 x 2 font heights,
// on one row, the second one box width and a gap (half a font height) to the right of the first,
// each labelled. After the pop at step 4 one box is left, where the first was, now labelled T1
// (not the picture T0's label made there).
TEST_F(ContentScreenshot, QueueBoxesSitSideBySideInQueueOrder) {
  Open("two_tasks.toml");
  Command layout{CommandKind::SetLayout};
  layout.text = "executor";  // the Executor panel tall enough for the queue, right of Source
  app_.Push(layout);
  const Image two = RenderAt(3);
  ASSERT_EQ(app_.session().state().queue, (std::vector<int>{0, 1}));
  const Rgb box = FromImColor(kQueueBoxColor);
  const std::vector<Rect> boxes = Boxes(two, box, kWidth / 4, 20);
  ASSERT_EQ(boxes.size(), 2u);
  const int w = boxes[0].x1 - boxes[0].x0 + 1, h = boxes[0].y1 - boxes[0].y0 + 1;
  EXPECT_NEAR(float(w) / float(h), 1.6f, 0.08f);
  EXPECT_EQ(boxes[1].y0, boxes[0].y0);
  EXPECT_NEAR(boxes[1].x1 - boxes[1].x0 + 1, w, 1);  // boxes start at fractional x
  EXPECT_NEAR(boxes[1].x0 - boxes[0].x0, w + h / 4.0f, 1.5f);
  // The labels: box text pixels inside each box, not the same picture.
  std::vector<std::vector<bool>> labels(2);
  for (int b = 0; b < 2; ++b)
    for (int y = boxes[size_t(b)].y0; y <= boxes[size_t(b)].y1; ++y)
      for (int x = boxes[size_t(b)].x0; x <= boxes[size_t(b)].x1; ++x) labels[size_t(b)].push_back(!Is(two, x, y, box));
  EXPECT_GT(std::count(labels[0].begin(), labels[0].end(), true), 20);
  EXPECT_GT(std::count(labels[1].begin(), labels[1].end(), true), 20);

  const Image one = RenderAt(4);
  ASSERT_EQ(app_.session().state().queue, (std::vector<int>{1}));
  const std::vector<Rect> left = Boxes(one, box, kWidth / 4, 20);
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].x0, boxes[0].x0);
  EXPECT_EQ(left[0].y0, boxes[0].y0);
  // T1 moved to the front: the box at the same place shows another label than T0's.
  std::vector<bool> front;
  for (int y = left[0].y0; y <= left[0].y1; ++y)
    for (int x = left[0].x0; x <= left[0].x1; ++x) front.push_back(!Is(one, x, y, box));
  EXPECT_GT(std::count(front.begin(), front.end(), true), 20);
  EXPECT_NE(front, labels[0]);
}

}  // namespace
}  // namespace aws::gui
