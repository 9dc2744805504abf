// Emulated threads in the window, rendered headlessly: in preemptive_threads the Timeline's lanes
// of the two threads are solid (the RUNNING colour) exactly where each has the core, taking turns
// every 10 ms.
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "gui/app.h"
#include "gui/theme.h"
#include "headless.h"

namespace aws::gui {
namespace {

namespace fs = std::filesystem;
using shots::FromImColor;
using shots::Rgb;

constexpr int kWidth = 1600, kHeight = 900;

bool Is(const Image& img, int x, int y, Rgb c) {
  const size_t i = (size_t(y) * size_t(img.width) + size_t(x)) * 4;
  return img.rgba[i] == c.r && img.rgba[i + 1] == c.g && img.rgba[i + 2] == c.b;
}

// The runs [x0, x1] of colour `c` on row y within [from, to), at least `min_w` pixels wide.
std::vector<std::pair<int, int>> ColumnRuns(const Image& img, Rgb c, int y, int from, int to, int min_w) {
  std::vector<std::pair<int, int>> runs;
  for (int x = from; x < to; ++x) {
    if (!Is(img, x, y, c)) continue;
    if (!runs.empty() && runs.back().second == x - 1) runs.back().second = x;
    else runs.push_back({x, x});
  }
  std::erase_if(runs, [&](const auto& r) { return r.second - r.first + 1 < min_w; });
  return runs;
}

class ThreadsView : public ::testing::Test {
 protected:
  void Open(const char* scenario) {
    std::string error;
    ASSERT_TRUE(shots::OpenHeadless(platform_, kWidth, kHeight, &error)) << error;
    Diagnostics diags;
    ASSERT_TRUE(app_.Load((fs::path(AWAITSCOPE_SOURCE_DIR) / "scenarios" / scenario).string(), diags)) << diags.Render();
  }
  Image RenderLast() {
    app_.Push({CommandKind::Seek, app_.session().size() - 1});
    return shots::RenderFrames(platform_, app_);
  }
  // The rows of the Timeline's time area and, for each row, its runs of the RUNNING colour.
  std::map<int, std::vector<std::pair<int, int>>> RunningRows(const Image& img, int min_w) {
    std::map<int, std::vector<std::pair<int, int>>> rows;
    ImGuiWindow* w = ImGui::FindWindowByName("Timeline");
    EXPECT_NE(w, nullptr);
    if (w == nullptr) return rows;
    const Rgb running = FromImColor(ThemePalette("dark").status[static_cast<size_t>(TaskStatus::Running)]);
    // Right of the lane labels (130 px at the 15 px font), inside the window.
    const int x0 = int(w->Pos.x) + 140, x1 = int(w->Pos.x + w->Size.x) - 10;
    for (int y = std::max(0, int(w->Pos.y)); y < std::min(img.height, int(w->Pos.y + w->Size.y)); ++y) {
      auto runs = ColumnRuns(img, running, y, x0, x1, min_w);
      if (!runs.empty()) rows[y] = std::move(runs);
    }
    return rows;
  }
  Platform platform_;
  App app_;
};

TEST_F(ThreadsView, PreemptedThreadsTakeTurnsOnTheirTimelineLanes) {
  Open("preemptive_threads.toml");
  const Image img = RenderLast();
  const auto rows = RunningRows(img, 6);
  // thread#1 has the core at 0-10, 20-30 and 40-50 ms: rows with three equal solid runs, the
  // second starting two slice widths after the first. thread#2 at 10-20 and 30-40 ms: rows
  // with two, each starting one slice width after thread#1's.
  std::vector<std::pair<int, int>> first, second;
  for (const auto& [y, runs] : rows) {
    if (runs.size() == 3 && first.empty()) first = runs;
    if (runs.size() == 2 && second.empty()) second = runs;
  }
  ASSERT_EQ(first.size(), 3u) << "no lane with three slices";
  ASSERT_EQ(second.size(), 2u) << "no lane with two slices";
  // The first slice starts at the time area's left edge, where the labels' margin clips it: the
  // slice width is the second one's.
  const int slice = first[1].second - first[1].first + 1;
  EXPECT_GT(slice, 100);  // 10 ms of about 52 ms across some 1000 px
  EXPECT_NEAR(first[2].second - first[2].first + 1, slice, 2);
  for (const auto& r : second) EXPECT_NEAR(r.second - r.first + 1, slice, 2);
  EXPECT_NEAR(first[2].first - first[1].first, 2 * slice, 3);
  EXPECT_NEAR(second[0].first - first[1].first, -slice, 3);
  EXPECT_NEAR(second[1].first - first[1].first, slice, 3);
}

}  // namespace
}  // namespace aws::gui
