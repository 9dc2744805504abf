// Headless screenshots of the gallery and the editor (see screenshot_test.cpp for how frames are
// rendered): a failed load and a broken edit show their errors in red, the scenario on screen
// stays the last good one, and fixing the error clears the marks. With $AWAITSCOPE_SHOT_DIR set,
// the images are also written there to be looked at.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "gui/app.h"
#include "present/editor.h"
#include "present/gallery.h"
#include "present/image.h"
#include "present/keyboard.h"
#include "gui/platform.h"
#include "gui/views/views.h"
#include "headless.h"

#include <SDL.h>
#include <imgui.h>

namespace aws::gui {
namespace {

using shots::OpenHeadless;
using shots::RenderFrames;

namespace fs = std::filesystem;

const std::string kScenarios = std::string(AWAITSCOPE_SOURCE_DIR) + "/scenarios";
constexpr int kWidth = 1400;
constexpr int kHeight = 800;
constexpr int kFrames = 3;

int64_t CountRgba(const Image& img, uint32_t abgr, int x0 = 0, int x1 = kWidth) {
  const uint8_t r = abgr & 0xFF, g = (abgr >> 8) & 0xFF, b = (abgr >> 16) & 0xFF;
  int64_t n = 0;
  for (int y = 0; y < img.height; ++y)
    for (int x = x0; x < x1 && x < img.width; ++x) {
      const size_t i = (static_cast<size_t>(y) * img.width + x) * 4;
      n += img.rgba[i] == r && img.rgba[i + 1] == g && img.rgba[i + 2] == b;
    }
  return n;
}

int64_t Differing(const Image& a, const Image& b) {
  if (a.rgba.size() != b.rgba.size()) return -1;
  int64_t n = 0;
  for (size_t i = 0; i < a.rgba.size(); i += 4)
    n += a.rgba[i] != b.rgba[i] || a.rgba[i + 1] != b.rgba[i + 1] || a.rgba[i + 2] != b.rgba[i + 2];
  return n;
}

class EditScreenshot : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(OpenHeadless(platform_, kWidth, kHeight, &error)) << error;
    Diagnostics diags;
    ASSERT_TRUE(app_.Load(kScenarios + "/example.toml", diags)) << diags.Render();
  }

  Image Render(const std::string& name) {
    Image shot = RenderFrames(platform_, app_, kFrames);
    if (const char* dir = std::getenv("AWAITSCOPE_SHOT_DIR")) {
      std::string error;
      EXPECT_TRUE(WritePng((fs::path(dir) / (name + ".png")).string(), shot, &error)) << error;
    }
    return shot;
  }

  void Layout(const std::string& name) {
    Command c{CommandKind::SetLayout};
    c.text = name;
    app_.Push(c);
  }

  Platform platform_;
  App app_;
};

TEST_F(EditScreenshot, GalleryListsEveryScenarioAndShowsAFailedLoad) {
  Layout("gallery");
  app_.Push({CommandKind::Seek, 7});
  Image clean = Render("gallery");
  ASSERT_NE(app_.view().gallery, nullptr);
  size_t files = 0;
  for (const fs::directory_entry& f : fs::directory_iterator(kScenarios)) files += f.path().extension() == ".toml";
  EXPECT_EQ(app_.view().gallery->gallery.entries.size(), files);
  EXPECT_EQ(CountRgba(clean, kErrorMarkColor), 0);

  fs::path dir = fs::temp_directory_path() / ("awaitscope_shot_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "broken.toml") << "title = \"broken\"\nscript = \"async fn main() { let x = ; }\"\n";
  Command load{CommandKind::LoadScenario};
  load.text = (dir / "broken.toml").string();
  app_.Push(load);
  Image failed = Render("gallery_failed_load");
  fs::remove_all(dir);
  EXPECT_EQ(app_.session().scenario()->id, "example");
  EXPECT_EQ(app_.session().cursor(), 7);
  // The error line sits in the gallery panel (the left 55 %), in red.
  EXPECT_GT(CountRgba(failed, kErrorMarkColor, 0, kWidth * 55 / 100), 40);

  load.text = kScenarios + "/keyboard_hi.toml";
  app_.Push(load);
  Image loaded = Render("gallery_loaded");
  EXPECT_EQ(app_.session().scenario()->id, "keyboard_hi");
  EXPECT_EQ(CountRgba(loaded, kErrorMarkColor), 0);
  EXPECT_GT(Differing(clean, loaded), 5000);
}

TEST_F(EditScreenshot, EditorMarksTheBrokenLineAndKeepsTheLastGoodRun) {
  Layout("editor");
  app_.Push({CommandKind::Seek, 7});
  Image clean = Render("editor");
  ASSERT_NE(app_.view().editor, nullptr);
  EXPECT_EQ(CountRgba(clean, kErrorMarkColor), 0);

  std::string script = app_.session().scenario()->script.text();
  Command edit{CommandKind::ApplyEdit};
  edit.text = script;
  edit.text.replace(edit.text.find("< min_len {"), 11, "< min_len2 {");
  app_.Push(edit);
  Image broken = Render("editor_error");
  ASSERT_EQ(app_.view().editor->errors.size(), 1u);
  EXPECT_EQ(app_.session().scenario()->script.text(), script);
  EXPECT_EQ(app_.session().cursor(), 7);
  // The gutter dot, the squiggle, the message after the line and the list below: all in the
  // editor panel (the left 46 %).
  EXPECT_GT(CountRgba(broken, kErrorMarkColor, 0, kWidth * 46 / 100), 120);
  EXPECT_EQ(CountRgba(broken, kErrorMarkColor, kWidth * 47 / 100, kWidth), 0);

  edit.text = script;
  app_.Push(edit);
  Image fixed = Render("editor_fixed");
  EXPECT_TRUE(app_.view().editor->errors.empty());
  EXPECT_EQ(CountRgba(fixed, kErrorMarkColor), 0);
}

// The keyboard panel on its own, in a window of the test's, over a session and view state of the
// test's: characters typed into its box become InjectKey commands (press, then release).
TEST_F(EditScreenshot, KeyboardPanelTurnsTypedCharactersIntoScancodeCommands) {
  Session s;
  Diagnostics diags;
  ASSERT_TRUE(s.Load(kScenarios + "/keyboard_hi.toml", diags));
  s.Seek(s.size() - 1);
  s.InjectScancode(0x23, diags);
  s.InjectScancode(0xA3, diags);
  ViewData view;
  std::vector<Command> commands;
  ViewContext ctx{s, view, commands};
  Image shot;
  auto frame = [&](bool focus, Image* capture) {
    ASSERT_TRUE(platform_.BeginFrame());
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(600, 300));
    ImGui::Begin("Keyboard");
    if (focus) ImGui::SetKeyboardFocusHere();
    DrawKeyboardView(ctx);
    ImGui::End();
    platform_.EndFrame(capture);
  };
  frame(true, nullptr);
  frame(false, nullptr);
  SDL_Event e{};
  e.type = SDL_TEXTINPUT;
  std::snprintf(e.text.text, sizeof e.text.text, "%s", "hi!");
  SDL_PushEvent(&e);
  frame(false, nullptr);
  frame(false, &shot);
  std::vector<int64_t> codes;
  for (const Command& c : commands) {
    EXPECT_EQ(c.kind, CommandKind::InjectKey);
    codes.push_back(c.value);
  }
  EXPECT_EQ(codes, (std::vector<int64_t>{0x23, 0xA3, 0x17, 0x97}));  // `!` has no key here
  ASSERT_NE(view.keyboard, nullptr);
  EXPECT_TRUE(view.keyboard->releases);  // keyboard_hi scripts its releases
  if (const char* dir = std::getenv("AWAITSCOPE_SHOT_DIR")) {
    std::string error;
    EXPECT_TRUE(WritePng((fs::path(dir) / "keyboard.png").string(), shot, &error)) << error;
  }
}

}  // namespace
}  // namespace aws::gui
