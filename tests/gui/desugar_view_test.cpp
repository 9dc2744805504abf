// The Desugared code panel on the example: which machine and state it shows at a step (shared with
// the State machine panel), which lines it marks and where it scrolls, and a headless screenshot
// in which the marked arm shows in the panel's colours.
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "gui/app.h"
#include "present/desugar_highlight.h"
#include "gui/fonts.h"
#include "present/image.h"
#include "present/machine_choice.h"
#include "gui/platform.h"
#include "gui/views/views.h"
#include "headless.h"

namespace aws::gui {
namespace {

using shots::FromImColor;
using shots::RenderFrames;
using shots::Rgb;

namespace fs = std::filesystem;

const std::string kExample = (fs::path(AWAITSCOPE_SOURCE_DIR) / "scenarios" / "example.toml").string();

// Steps of the example's trace (`awaitscope run scenarios/example.toml`, counted from 0).
constexpr int64_t kFooTransition = 7;   // example#1: Start -> WaitingOnFooTxt, inside its poll
constexpr int64_t kBarRegister = 28;    // async_read_file("bar.txt")#3 registers W0: example#1 is
                                        // in WaitingOnBarTxt and on the poll stack
constexpr int64_t kExamplePending = 30; // poll_end of example#1 -> Pending: off the poll stack
constexpr int64_t kBarHalt = 32;        // the CPU halts; example#1 waits in WaitingOnBarTxt

// Machines of the example: `example` is machine 0 (object 1), `main` machine 1 (object 0).
constexpr int kExampleMachine = 0;
constexpr int kMainMachine = 1;

class DesugarChoice : public ::testing::Test {
 protected:
  void SetUp() override {
    Diagnostics d;
    ASSERT_TRUE(session_.Load(kExample, d)) << d.Render();
  }
  MachineChoice At(int64_t step, int pinned = -1) {
    session_.Seek(step);
    return ChooseMachine(session_, pinned);
  }
  const Machine& M(int i) const { return session_.program()->machines[size_t(i)]; }
  Session session_;
};

TEST_F(DesugarChoice, FollowsTheMachineOfTheCurrentEvent) {
  // Before the first event: task 0's root future, `main`, not created yet.
  MachineChoice c = At(-1);
  EXPECT_EQ(c.machine, kMainMachine);
  EXPECT_EQ(c.object, 0);
  EXPECT_FALSE(c.created);
  EXPECT_EQ(c.state, -1);

  c = At(kFooTransition);
  EXPECT_EQ(c.machine, kExampleMachine);
  EXPECT_EQ(c.object, 1);
  EXPECT_EQ(M(c.machine).states[size_t(c.state)].label, "WaitingOnFooTxt");
  EXPECT_TRUE(c.polling);

  // A leaf future's event belongs to the machine awaiting it.
  c = At(kBarRegister);
  EXPECT_EQ(c.machine, kExampleMachine);
  EXPECT_EQ(c.object, 1);
  EXPECT_EQ(M(c.machine).states[size_t(c.state)].label, "WaitingOnBarTxt");
  EXPECT_TRUE(c.polling);
  ASSERT_NE(c.view, nullptr);

  // A CPU event: the machine that moved last, now off the poll stack.
  c = At(kBarHalt);
  EXPECT_EQ(c.machine, kExampleMachine);
  EXPECT_EQ(M(c.machine).states[size_t(c.state)].label, "WaitingOnBarTxt");
  EXPECT_FALSE(c.polling);
}

TEST_F(DesugarChoice, PinnedMachineIsShownWhateverTheEvent) {
  MachineChoice c = At(kBarRegister, kMainMachine);
  EXPECT_EQ(c.machine, kMainMachine);
  EXPECT_EQ(c.object, 0);
  EXPECT_EQ(M(c.machine).states[size_t(c.state)].label, "WaitingOnExample");
  EXPECT_TRUE(c.polling);  // main is polling example
  // An index past the program's machines means "follow".
  EXPECT_EQ(At(kBarRegister, 99).machine, kExampleMachine);
}

TEST_F(DesugarChoice, MarksTheStructVariantAndArmOfTheCurrentState) {
  MachineChoice c = At(kBarRegister);
  DesugarHighlight h = HighlightDesugared(M(c.machine), c);
  EXPECT_EQ(h.struct_lines, (LineRange{12, 15}));
  EXPECT_EQ(h.variant_line, 22u);
  EXPECT_EQ(h.arm, (LineRange{56, 64}));
  EXPECT_TRUE(h.executing);
  ASSERT_EQ(h.notes.size(), 2u);
  EXPECT_EQ(h.notes[0].line, 13u);
  EXPECT_EQ(h.notes[0].text, "content = \"Hello\"");
  EXPECT_EQ(h.notes[1].line, 14u);
  EXPECT_EQ(h.notes[1].text, "bar_txt_future = <async_read_file(\"bar.txt\")#3>");
  EXPECT_EQ(h.MarkOf(55), CodeLineMark::None);
  EXPECT_EQ(h.MarkOf(56), CodeLineMark::ExecutingArm);
  EXPECT_EQ(h.MarkOf(64), CodeLineMark::ExecutingArm);
  EXPECT_EQ(h.MarkOf(65), CodeLineMark::None);
  EXPECT_EQ(h.MarkOf(12), CodeLineMark::Struct);
  EXPECT_EQ(h.MarkOf(15), CodeLineMark::Struct);
  EXPECT_EQ(h.MarkOf(16), CodeLineMark::None);
  EXPECT_EQ(h.MarkOf(21), CodeLineMark::None);
  EXPECT_EQ(h.MarkOf(22), CodeLineMark::Variant);
  EXPECT_EQ(h.MarkOf(0), CodeLineMark::None);

  // The same state after the poll: the arm is current but not running.
  c = At(kExamplePending);
  h = HighlightDesugared(M(c.machine), c);
  EXPECT_FALSE(h.executing);
  EXPECT_EQ(h.MarkOf(60), CodeLineMark::Arm);
  EXPECT_EQ(h.notes.size(), 2u);

  // The first state before its first poll: Start's struct and arm, and no values yet (the
  // instance exists, but only its first transition records fields).
  c = At(kFooTransition - 2, kExampleMachine);  // step 5: main creates example#1
  EXPECT_TRUE(c.created);
  EXPECT_EQ(c.view, nullptr);
  h = HighlightDesugared(M(c.machine), c);
  EXPECT_EQ(h.struct_lines, (LineRange{3, 5}));
  EXPECT_EQ(h.arm, (LineRange{32, 38}));
  EXPECT_TRUE(h.notes.empty());

  // Nothing to mark before the machine exists.
  c = At(-1, kExampleMachine);
  h = HighlightDesugared(M(c.machine), c);
  EXPECT_TRUE(h.arm.empty());
  EXPECT_EQ(h.MarkOf(56), CodeLineMark::None);
  EXPECT_EQ(FirstLineToShow(h, 40), 0u);
}

TEST_F(DesugarChoice, ScrollsToTheStructAndArmWhenBothFitElseToTheArm) {
  MachineChoice c = At(kBarRegister);
  DesugarHighlight h = HighlightDesugared(M(c.machine), c);
  // Lines 10..64 (two lines of context above the struct) are 55 lines.
  EXPECT_EQ(FirstLineToShow(h, 55), 10u);
  EXPECT_EQ(FirstLineToShow(h, 80), 10u);
  EXPECT_EQ(FirstLineToShow(h, 54), 54u);
  EXPECT_EQ(FirstLineToShow(h, 1), 54u);
  EXPECT_EQ(FirstLineToShow(h, 55, 0), 12u);
  // Context never scrolls above line 1.
  DesugarHighlight top;
  top.arm = {2, 3};
  EXPECT_EQ(FirstLineToShow(top, 1, 5), 1u);
}

// [SECTION] screenshots


struct PixelRect {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // [x0, x1) x [y0, y1)
  bool Contains(int x, int y) const { return x >= x0 && x < x1 && y >= y0 && y < y1; }
};

bool IsColor(const Image& img, int x, int y, Rgb c) {
  const size_t i = (size_t(y) * size_t(img.width) + size_t(x)) * 4;
  return img.rgba[i] == c.r && img.rgba[i + 1] == c.g && img.rgba[i + 2] == c.b;
}

// Pixels of colour `c` inside (or outside) `r`, and the rows of `r` that contain any.
struct ColorCount {
  int64_t inside = 0, outside = 0;
  int rows = 0;
};
ColorCount Count(const Image& img, const PixelRect& r, uint32_t im_color) {
  const Rgb c = FromImColor(im_color);
  ColorCount n;
  for (int y = 0; y < img.height; ++y) {
    bool row = false;
    for (int x = 0; x < img.width; ++x) {
      if (!IsColor(img, x, y, c)) continue;
      if (r.Contains(x, y)) ++n.inside, row = true;
      else ++n.outside;
    }
    n.rows += row ? 1 : 0;
  }
  return n;
}

class DesugarScreenshot : public ::testing::Test {
 protected:
  void Open(int width, int height) {
    PlatformOptions o;
    o.width = width;
    o.height = height;
    o.headless = true;
    o.cjk = CjkMode::Off;
    std::string error;
    ASSERT_TRUE(platform_.Open(o, &error)) << error;
    Diagnostics diags;
    ASSERT_TRUE(app_.Load(kExample, diags)) << diags.Render();
    Command layout;
    layout.kind = CommandKind::SetLayout;
    layout.text = "state-machine";  // the Desugared code panel in its own rectangle
    app_.Push(layout);
  }

  Image RenderAt(int64_t step) {
    app_.Push({CommandKind::Seek, step});
    Image shot = RenderFrames(platform_, app_, 3);
    return shot;
  }

  // The Desugared code panel's rectangle in the last frame, and its code's row height.
  PixelRect PanelRect() const {
    ImGuiWindow* w = ImGui::FindWindowByName("Desugared code");
    EXPECT_NE(w, nullptr);
    if (w == nullptr) return {};
    return {int(w->Pos.x), int(w->Pos.y), int(w->Pos.x + w->Size.x), int(w->Pos.y + w->Size.y)};
  }
  static int LineHeight() { return int(CurrentFonts().mono->FontSize + ImGui::GetStyle().ItemSpacing.y + 0.5f); }

  Platform platform_;
  App app_;
};

TEST_F(DesugarScreenshot, ArmOfWaitingOnBarTxtIsLitWhilePolledAndDimAfter) {
  Open(1600, 900);
  Image polled = RenderAt(kBarRegister);
  ASSERT_EQ(app_.session().cursor(), kBarRegister);
  const PixelRect panel = PanelRect();
  ASSERT_GT(panel.x1 - panel.x0, 200);
  ASSERT_GT(panel.y1 - panel.y0, 200);
  // The nine lines of the arm (56..64) across the panel in the executing colour, nowhere else.
  ColorCount running = Count(polled, panel, kExecutingArmColor);
  EXPECT_EQ(running.rows, 9 * LineHeight());
  EXPECT_GT(running.inside, int64_t(9 * LineHeight()) * (panel.x1 - panel.x0) / 2);
  EXPECT_EQ(running.outside, 0);
  EXPECT_EQ(Count(polled, panel, kCurrentArmColor).inside, 0);

  // After example's poll has returned Pending: the same arm, in the waiting colour.
  Image waiting = RenderAt(kBarHalt);
  ColorCount running_after = Count(waiting, panel, kExecutingArmColor);
  EXPECT_EQ(running_after.inside + running_after.outside, 0);
  EXPECT_EQ(Count(waiting, panel, kCurrentArmColor).rows, 9 * LineHeight());
}

// A window tall enough for the whole code: the struct (4 lines) and the enum variant (1 line) are
// lit too, with the saved values drawn beside the struct.
TEST_F(DesugarScreenshot, StructAndVariantOfTheCurrentStateAreLit) {
  Open(1600, 1800);
  Image img = RenderAt(kExamplePending);
  const PixelRect panel = PanelRect();
  EXPECT_EQ(Count(img, panel, kCurrentStructColor).rows, 5 * LineHeight());
  EXPECT_EQ(Count(img, panel, kCurrentArmColor).rows, 9 * LineHeight());
  // The saved values (content = "Hello", bar_txt_future = <...>) are drawn beside the struct.
  EXPECT_GT(Count(img, panel, kFieldValueColor).inside, 10);  // fully covered glyph pixels
  // Before example exists, neither its struct nor values are drawn.
  Image before = RenderAt(-1);
  EXPECT_EQ(Count(before, panel, kFieldValueColor).inside, 0);
  EXPECT_EQ(Count(before, panel, kCurrentStructColor).inside, 0);
}

}  // namespace
}  // namespace aws::gui
