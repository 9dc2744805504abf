// A hand-written future's own entry in the State machine panel, in headless screenshots of the
// panel alone on string_len: while StringLen's poll runs its `poll` box is lit and the running
// line of its code is banded; after a poll that returned Pending, the Pending box; after the one
// that returned Ready, the Ready box (left, middle, right of one row).
#include <gtest/gtest.h>
#include <imgui.h>

#include <filesystem>
#include <string>
#include <vector>

#include "gui/app.h"
#include "gui/graph_layout.h"
#include "gui/views/views.h"
#include "headless.h"

namespace aws::gui {
namespace {

namespace fs = std::filesystem;
using shots::FromImColor;
using shots::Rgb;

bool Is(const Image& img, int x, int y, Rgb c) {
  const size_t i = (size_t(y) * size_t(img.width) + size_t(x)) * 4;
  return img.rgba[i] == c.r && img.rgba[i + 1] == c.g && img.rgba[i + 2] == c.b;
}

struct Extent {
  int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1;
  int64_t count = 0;
};

Extent Of(const Image& img, Rgb c) {
  Extent e;
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x)
      if (Is(img, x, y, c)) {
        e.x0 = std::min(e.x0, x), e.y0 = std::min(e.y0, y), e.x1 = std::max(e.x1, x), e.y1 = std::max(e.y1, y);
        ++e.count;
      }
  return e;
}

class HandWrittenView : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(shots::OpenHeadless(platform_, 900, 700, &error)) << error;
    Diagnostics diags;
    ASSERT_TRUE(app_.Load((fs::path(AWAITSCOPE_SOURCE_DIR) / "scenarios" / "string_len.toml").string(), diags))
        << diags.Render();
  }

  int64_t Find(EventKind kind, const std::string& prefix, int n = 0) {
    const Trace& t = app_.session().trace();
    for (size_t i = 0; i < t.events.size(); ++i)
      if (t.events[i].kind == kind && t.events[i].obj >= 0 &&
          t.objects[size_t(t.events[i].obj)].name.rfind(prefix, 0) == 0 && n-- == 0)
        return int64_t(i);
    ADD_FAILURE() << "no such event on " << prefix;
    return 0;
  }

  // The State machine panel alone, filling the window, following the current event.
  Image RenderPanel(int64_t step) {
    app_.Push({CommandKind::Seek, step});
    Image shot;
    for (int i = 0; i < 3; ++i) {
      EXPECT_TRUE(platform_.BeginFrame());
      app_.Frame();
      ViewData view;
      std::vector<Command> commands;
      ViewContext ctx{app_.session(), view, commands};
      ImGui::SetNextWindowPos(ImVec2(0, 0));
      ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
      ImGui::SetNextWindowFocus();
      ImGui::SetNextWindowBgAlpha(1.0f);
      ImGui::Begin("State machine alone", nullptr, ImGuiWindowFlags_NoDecoration);
      DrawMachineView(ctx);
      ImGui::End();
      platform_.EndFrame(i == 2 ? &shot : nullptr);
    }
    return shot;
  }

  Platform platform_;
  App app_;
};

TEST_F(HandWrittenView, ThePollBoxThenPendingThenReadyIsLit) {
  const Rgb lit = FromImColor(kCurrentStateColor), band = FromImColor(kCurrentLineColor);
  const Image running = RenderPanel(Find(EventKind::PollBegin, "async_read_file"));
  const Extent poll = Of(running, lit);
  ASSERT_GT(poll.count, 0) << "nothing lit while the poll runs";
  // The running line of its code is banded (`inner_future.poll(cx)`), under the boxes.
  const Extent line = Of(running, band);
  ASSERT_GT(line.count, 0) << "no running line";
  EXPECT_GT(line.y0, poll.y1);

  const Extent pending = Of(RenderPanel(Find(EventKind::PollEnd, "StringLen", 0)), lit);
  const Extent ready = Of(RenderPanel(Find(EventKind::PollEnd, "StringLen", 1)), lit);
  ASSERT_GT(pending.count, 0);
  ASSERT_GT(ready.count, 0);
  // One row: Pending left of poll, Ready right of it, the same height, one box each.
  EXPECT_LT(pending.x1, poll.x0);
  EXPECT_GT(ready.x0, poll.x1);
  EXPECT_EQ(pending.y0, poll.y0);
  EXPECT_EQ(ready.y0, poll.y0);
  EXPECT_EQ(pending.x1 - pending.x0, poll.x1 - poll.x0);
  EXPECT_EQ(ready.x1 - ready.x0, poll.x1 - poll.x0);
  // No running line once the poll returned.
  EXPECT_EQ(Of(RenderPanel(Find(EventKind::PollEnd, "StringLen", 1)), band).count, 0);
}

}  // namespace
}  // namespace aws::gui
