// Presentation mode and large fonts, rendered headlessly: the State machine graph's labels grow
// with the font, the transport bar fits the window, the current source line stays in view when
// the font, the layout or the window changes, P toggles the font back after a layout switch, and
// the Editor writes code in the mono font.
#include <SDL.h>
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "gui/app.h"
#include "gui/app_main.h"
#include "gui/graph_layout.h"
#include "gui/platform.h"
#include "gui/theme.h"
#include "gui/views/views.h"
#include "headless.h"
#include "present/image.h"

namespace aws::gui {
namespace {

using shots::FromImColor;
using shots::Rgb;

namespace fs = std::filesystem;

const std::string kExample = (fs::path(AWAITSCOPE_SOURCE_DIR) / "scenarios" / "example.toml").string();
constexpr int kWidth = 1280;
constexpr int kHeight = 720;
constexpr int kFrames = 4;
// Steps of the example's trace (`awaitscope run scenarios/example.toml`, from 0).
constexpr int64_t kLine14Step = 5;  // main#0 Start -> WaitingOnExample, on line 14 of 16
constexpr int64_t kBarHalt = 32;    // the CPU halts; example#1 waits in WaitingOnBarTxt (no edge lit)

struct Box {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // x1, y1 exclusive
  bool empty() const { return x1 <= x0 || y1 <= y0; }
};

// The last frame's rectangle of the top-level window whose name starts with `prefix` (a tab
// group's window is named after all its panels, e.g. "State machine | Executor").
Box WindowBox(const std::string& prefix) {
  for (ImGuiWindow* w : GImGui->Windows) {
    if ((w->Flags & ImGuiWindowFlags_ChildWindow) != 0 || !w->WasActive) continue;
    if (std::string(w->Name).rfind(prefix, 0) != 0) continue;
    return {int(w->Pos.x), int(w->Pos.y), int(w->Pos.x + w->Size.x), int(w->Pos.y + w->Size.y)};
  }
  return {};
}

bool Is(const Image& img, int x, int y, Rgb c) {
  const size_t i = (size_t(y) * size_t(img.width) + size_t(x)) * 4;
  return img.rgba[i] == c.r && img.rgba[i + 1] == c.g && img.rgba[i + 2] == c.b;
}

int Luma(const Image& img, int x, int y) {
  const size_t i = (size_t(y) * size_t(img.width) + size_t(x)) * 4;
  return (img.rgba[i] * 299 + img.rgba[i + 1] * 587 + img.rgba[i + 2] * 114) / 1000;
}

// The bounding box of the pixels of colour `c` inside `within`.
Box ColorBox(const Image& img, Rgb c, Box within) {
  Box b{within.x1, within.y1, within.x0, within.y0};
  for (int y = std::max(0, within.y0); y < std::min(img.height, within.y1); ++y)
    for (int x = std::max(0, within.x0); x < std::min(img.width, within.x1); ++x)
      if (Is(img, x, y, c)) {
        b.x0 = std::min(b.x0, x), b.y0 = std::min(b.y0, y);
        b.x1 = std::max(b.x1, x + 1), b.y1 = std::max(b.y1, y + 1);
      }
  return b;
}

// Rows of `within` where at least `min_run` pixels have colour `c`: the first and last.
Box BandRows(const Image& img, Rgb c, Box within, int min_run) {
  Box b{within.x0, within.y1, within.x1, within.y0};
  for (int y = std::max(0, within.y0); y < std::min(img.height, within.y1); ++y) {
    int n = 0;
    for (int x = std::max(0, within.x0); x < std::min(img.width, within.x1); ++x) n += Is(img, x, y, c) ? 1 : 0;
    if (n >= min_run) b.y0 = std::min(b.y0, y), b.y1 = std::max(b.y1, y + 1);
  }
  return b;
}

class Presentation : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(shots::OpenHeadless(platform_, kWidth, kHeight, &error)) << error;
    Diagnostics diags;
    ASSERT_TRUE(app_.Load(kExample, diags)) << diags.Render();
  }

  // Frames as the window draws them (DrawFrame applies the font size and theme first).
  Image Render() {
    Image shot;
    for (int i = 0; i < kFrames; ++i) EXPECT_TRUE(DrawFrame(platform_, app_, i + 1 == kFrames ? &shot : nullptr));
    if (const char* dir = std::getenv("AWAITSCOPE_SHOT_DIR")) {  // for looking at them
      std::string error;
      WritePng(std::string(dir) + "/" + ::testing::UnitTest::GetInstance()->current_test_info()->name() + "_" +
                   std::to_string(shot_no_++) + ".png",
               shot, &error);
    }
    return shot;
  }

  void Do(CommandKind kind, int64_t value = 0, const std::string& text = "") {
    Command c;
    c.kind = kind;
    if (kind == CommandKind::Seek) c.step = value;
    else c.value = value;
    c.text = text;
    app_.Push(c);
  }

  // The current line's band in the Source panel: rows of at least a third of the panel's width
  // in the band's colour. Empty when it is not drawn (scrolled out of view).
  Box CurrentLineBand(const Image& img) {
    const Box source = WindowBox("Source");
    EXPECT_FALSE(source.empty());
    const Rgb band = FromImColor(ThemePalette(app_.view().settings.theme).current_line);
    return BandRows(img, band, source, (source.x1 - source.x0) / 3);
  }

  // The band is a whole text line high and lies inside the Source panel.
  void ExpectCurrentLineInView(const Image& img, const char* after) {
    const Box source = WindowBox("Source");
    const Box band = CurrentLineBand(img);
    ASSERT_FALSE(band.empty()) << "no current-line band in the Source panel after " << after;
    EXPECT_GE(band.y1 - band.y0, int(ImGui::GetFontSize())) << after;
    EXPECT_GE(band.y0, source.y0) << after;
    EXPECT_LE(band.y1, source.y1) << after;
  }

  // The height, in pixels, of the label inside the lit node of the State machine graph: from the
  // top of its first line's glyphs to the bottom of its second's.
  int LitLabelHeight(const Image& img) {
    const Palette& pal = ThemePalette(app_.view().settings.theme);
    const Box graph = WindowBox("State machine");
    EXPECT_FALSE(graph.empty());
    const Box node = ColorBox(img, FromImColor(pal.lit_state), graph);
    EXPECT_FALSE(node.empty());
    if (node.empty()) return 0;
    // Label pixels: clearly darker than the lit fill (the text is near black on orange).
    int top = node.y1, bottom = node.y0;
    for (int y = node.y0 + 3; y < node.y1 - 3; ++y)
      for (int x = node.x0 + 3; x < node.x1 - 3; ++x)
        if (Luma(img, x, y) < 80) top = std::min(top, y), bottom = std::max(bottom, y + 1);
    return std::max(0, bottom - top);
  }

  Platform platform_;
  App app_;
  int shot_no_ = 0;
};

// P, then a layout key (E), then P again: the font goes back to what it was before P.
TEST_F(Presentation, LeavingAfterALayoutSwitchRestoresTheFont) {
  ASSERT_EQ(app_.view().settings.scale_percent, 100);
  const std::string before = app_.view().settings.layout;
  Do(CommandKind::TogglePresentation);
  app_.Apply();
  EXPECT_EQ(app_.view().settings.layout, "presentation");
  EXPECT_EQ(app_.view().settings.scale_percent, 200);
  Do(CommandKind::SetLayout, 0, "editor");
  app_.Apply();
  EXPECT_EQ(app_.view().settings.layout, "editor");
  EXPECT_EQ(app_.view().settings.scale_percent, 200);  // still presenting: the projector is still there
  Do(CommandKind::TogglePresentation);
  app_.Apply();
  EXPECT_EQ(app_.view().settings.scale_percent, 100);
  EXPECT_EQ(app_.view().settings.layout, "editor");  // the layout chosen meanwhile stays
  EXPECT_TRUE(app_.view().layout_before_presentation.empty());

  // Plain P, P still returns to the layout and font from before.
  Do(CommandKind::SetLayout, 0, before);
  Do(CommandKind::SetScale, 150);
  Do(CommandKind::TogglePresentation);
  Do(CommandKind::TogglePresentation);
  app_.Apply();
  EXPECT_EQ(app_.view().settings.layout, before);
  EXPECT_EQ(app_.view().settings.scale_percent, 150);

  // Opening another scenario while presenting keeps the way back.
  Do(CommandKind::TogglePresentation);
  Do(CommandKind::LoadScenario, 0, kExample);
  Do(CommandKind::TogglePresentation);
  app_.Apply();
  EXPECT_EQ(app_.view().settings.scale_percent, 150);
  EXPECT_EQ(app_.view().settings.layout, before);
}

// The graph is laid out for the font: the lit node's label grows with it in the same
// presentation layout (it kept the same ~12 px at 100 % and 200 %).
TEST_F(Presentation, GraphLabelsGrowWithTheFont) {
  Do(CommandKind::Seek, kBarHalt);
  Do(CommandKind::SetLayout, 0, "presentation");
  const int at100 = LitLabelHeight(Render());
  Do(CommandKind::SetScale, 200);
  const int at200 = LitLabelHeight(Render());
  // Two lines of 15 px text: from the first line's ascenders to the second's descenders.
  EXPECT_GE(at100, 24);
  // Drawn at 1:1 when it fits, never below 0.8:1 (then the panel scrolls): at least 1.5 times.
  EXPECT_GE(at200 * 10, at100 * 15) << "100 %: " << at100 << " px, 200 %: " << at200 << " px";
}

// At 200 % on 1280x720 the transport bar wraps to two rows: every control, T> last, is inside
// the window and the bar.
TEST_F(Presentation, TransportBarFitsAt200Percent) {
  Do(CommandKind::TogglePresentation);
  Render();
  ImGuiWindow* bar = ImGui::FindWindowByName("Step");
  ASSERT_NE(bar, nullptr);
  const ImGuiStyle& style = ImGui::GetStyle();
  EXPECT_EQ(TransportRows(float(kWidth)), 2);
  EXPECT_LE(bar->ContentSize.x + style.WindowPadding.x * 2, bar->Size.x + 0.5f);
  EXPECT_LE(bar->ContentSize.y + style.WindowPadding.y * 2, bar->Size.y + 0.5f);
  EXPECT_LE(bar->Pos.x + bar->Size.x, float(kWidth));
  // At 100 % everything fits on one row.
  Do(CommandKind::TogglePresentation);
  Render();
  EXPECT_EQ(TransportRows(float(kWidth)), 1);
  EXPECT_LE(bar->ContentSize.x + style.WindowPadding.x * 2, bar->Size.x + 0.5f);
}

// The current line stays in view after P (bigger font, other layout), + (bigger font), a layout
// switch and a smaller window, not only when the cursor moves.
TEST_F(Presentation, CurrentLineStaysInViewWhenTheFontLayoutOrSizeChanges) {
  Do(CommandKind::Seek, kLine14Step);
  ExpectCurrentLineInView(Render(), "the seek");
  Do(CommandKind::TogglePresentation);
  ExpectCurrentLineInView(Render(), "P");
  Do(CommandKind::TogglePresentation);
  ExpectCurrentLineInView(Render(), "P again");
  Do(CommandKind::SetScale, 150);
  ExpectCurrentLineInView(Render(), "+ to 150 %");
  Do(CommandKind::SetLayout, 0, "timeline");
  ExpectCurrentLineInView(Render(), "the timeline layout");
  Do(CommandKind::SetLayout, 0, "everything");
  Do(CommandKind::SetScale, 100);
  Render();
  SDL_SetWindowSize(SDL_GL_GetCurrentWindow(), kWidth, kHeight * 2 / 3);
  ExpectCurrentLineInView(Render(), "a smaller window");
}

// The Editor draws code in the mono font: a line of i's is as wide as a line of W's.
TEST_F(Presentation, EditorWritesInTheMonoFont) {
  auto render_with = [&](const std::string& word) {
    Diagnostics diags;
    EXPECT_TRUE(app_.Load(kExample, diags));  // the same edit count in the Editor's status line
    Do(CommandKind::SetLayout, 0, "editor");
    Do(CommandKind::ApplyEdit, 0, "async fn main() {\n    // " + word + "\n}\n");
    return Render();
  };
  const Image narrow = render_with(std::string(24, 'i'));
  const Image wide = render_with(std::string(24, 'W'));
  const Box editor = WindowBox("Editor");
  ASSERT_FALSE(editor.empty());
  ASSERT_EQ(narrow.width, wide.width);
  // The rows where the two pictures differ hold the comment; its rightmost bright (text) pixel.
  auto right_edge = [&](const Image& img) {
    int right = 0;
    for (int y = editor.y0; y < editor.y1; ++y) {
      bool differs = false;
      for (int x = editor.x0; x < editor.x1 && !differs; ++x)
        differs = Luma(narrow, x, y) != Luma(wide, x, y);
      if (!differs) continue;
      for (int x = editor.x0; x < editor.x1; ++x)
        if (Luma(img, x, y) > 150) right = std::max(right, x);
    }
    return right;
  };
  EXPECT_GT(right_edge(narrow), editor.x0 + 100);
  EXPECT_NEAR(right_edge(narrow), right_edge(wide), 3);
}

// Popups and menus are opaque in every theme (a projector washes out translucency).
TEST(PresentationTheme, PopupsAndMenusAreOpaque) {
  for (Theme t : {Theme::Dark, Theme::Light, Theme::HighContrast}) {
    const ImGuiStyle s = MakeStyle(t, 2.0f);
    EXPECT_EQ(s.Colors[ImGuiCol_PopupBg].w, 1.0f);
    EXPECT_EQ(s.Colors[ImGuiCol_MenuBarBg].w, 1.0f);
  }
}

}  // namespace
}  // namespace aws::gui
