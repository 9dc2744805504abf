// Quick key taps in the headless window: key events queued faster than frames (a press and its
// release, then the next press, all before one frame) each count, in order. Dear ImGui 1.86 has
// no input event queue, so without the frame loop's cut (platform.cpp) they collapse into one.
#include <SDL.h>
#include <gtest/gtest.h>

#include <string>

#include "gui/app.h"
#include "gui/platform.h"
#include "present/gallery.h"
#include "headless.h"

namespace aws::gui {
namespace {

const std::string kScenarios = std::string(AWAITSCOPE_SOURCE_DIR) + "/scenarios";

void PushKey(Uint32 type, SDL_Scancode sc, Uint16 mod = KMOD_NONE) {
  SDL_Event e{};
  e.type = type;
  e.key.state = type == SDL_KEYDOWN ? SDL_PRESSED : SDL_RELEASED;
  e.key.keysym.scancode = sc;
  e.key.keysym.sym = SDL_GetKeyFromScancode(sc);
  e.key.keysym.mod = mod;
  ASSERT_EQ(SDL_PushEvent(&e), 1) << SDL_GetError();
}

void Tap(SDL_Scancode sc, Uint16 mod = KMOD_NONE) {
  PushKey(SDL_KEYDOWN, sc, mod);
  PushKey(SDL_KEYUP, sc, mod);
}

// A key typed as X delivers it: its press, the text it makes, its release (`_` with Shift).
void TypeChar(char c) {
  const bool shift = c == '_';
  const SDL_Scancode sc = shift ? SDL_SCANCODE_MINUS : c == '/' ? SDL_SCANCODE_SLASH
                                                               : SDL_GetScancodeFromKey(static_cast<SDL_Keycode>(c));
  const Uint16 mod = shift ? KMOD_LSHIFT : KMOD_NONE;
  if (shift) PushKey(SDL_KEYDOWN, SDL_SCANCODE_LSHIFT, KMOD_LSHIFT);
  PushKey(SDL_KEYDOWN, sc, mod);
  SDL_Event text{};
  text.type = SDL_TEXTINPUT;
  text.text.text[0] = c;
  ASSERT_EQ(SDL_PushEvent(&text), 1) << SDL_GetError();
  PushKey(SDL_KEYUP, sc, mod);
  if (shift) PushKey(SDL_KEYUP, SDL_SCANCODE_LSHIFT, KMOD_NONE);
}

class QuickTaps : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(shots::OpenHeadless(platform_, 640, 400, &error)) << error;
    Diagnostics diags;
    ASSERT_TRUE(app_.Load(kScenarios + "/example.toml", diags)) << diags.Render();
    app_.Push({CommandKind::Seek, 0});
    shots::RenderFrames(platform_, app_, 2);
    ASSERT_EQ(app_.session().cursor(), 0);
  }
  // Frames until every queued event is taken (and one more, for the last key's command).
  void Drain() {
    shots::RenderFrames(platform_, app_, 1);  // takes SDL's queue into the platform's
    for (int i = 0; i < 100 && platform_.InputPending(); ++i) shots::RenderFrames(platform_, app_, 1);
    shots::RenderFrames(platform_, app_, 2);
  }
  Platform platform_;
  App app_;
};

TEST_F(QuickTaps, TenRightTapsQueuedTogetherAreTenSteps) {
  for (int i = 0; i < 10; ++i) Tap(SDL_SCANCODE_RIGHT);
  Drain();
  EXPECT_EQ(app_.session().cursor(), 10);
}

TEST_F(QuickTaps, PageDownAndPageUpTapsCountInOrder) {
  Tap(SDL_SCANCODE_PAGEDOWN);
  Tap(SDL_SCANCODE_PAGEDOWN);
  Tap(SDL_SCANCODE_PAGEDOWN);
  Tap(SDL_SCANCODE_PAGEUP);
  Tap(SDL_SCANCODE_PAGEDOWN);
  Drain();
  EXPECT_EQ(app_.session().cursor(), 3);
}

// Shift held for a tap that SDL queues with the release of Shift right behind it: the tap keeps
// the Shift it was pressed with (the backend would read the modifiers after the whole queue).
TEST_F(QuickTaps, ShiftRightTapKeepsItsShift) {
  PushKey(SDL_KEYDOWN, SDL_SCANCODE_LSHIFT, KMOD_LSHIFT);
  Tap(SDL_SCANCODE_RIGHT, KMOD_LSHIFT);
  PushKey(SDL_KEYUP, SDL_SCANCODE_LSHIFT, KMOD_NONE);
  Drain();
  App plain;
  Diagnostics diags;
  ASSERT_TRUE(plain.Load(kScenarios + "/example.toml", diags));
  plain.Push({CommandKind::Seek, 0});
  plain.Push({CommandKind::StepPoll});
  plain.Apply();
  ASSERT_GT(plain.session().cursor(), 1) << "the next poll is more than one event away";
  EXPECT_EQ(app_.session().cursor(), plain.session().cursor());
}

// Ctrl let go before F (keys rolled, or X delivering a chord under load as it did in CI): SDL
// queues Ctrl's release between F's press and F's release. The press still goes with Ctrl, so
// Ctrl+F shows the gallery, and no `f` is typed anywhere.
TEST_F(QuickTaps, CtrlReleasedBeforeTheLetterStillMakesCtrlF) {
  ASSERT_FALSE(app_.view().gallery_shown);
  PushKey(SDL_KEYDOWN, SDL_SCANCODE_LCTRL, KMOD_LCTRL);
  PushKey(SDL_KEYDOWN, SDL_SCANCODE_F, KMOD_LCTRL);
  PushKey(SDL_KEYUP, SDL_SCANCODE_LCTRL, KMOD_NONE);
  PushKey(SDL_KEYUP, SDL_SCANCODE_F, KMOD_NONE);
  Drain();
  EXPECT_TRUE(app_.view().gallery_shown);
  ASSERT_NE(app_.view().gallery, nullptr);
  EXPECT_EQ(app_.view().gallery->filter, "");
}

// `/heap_self_ref` and Enter typed faster than the window draws (a quick typist, or X under load
// as in CI): all of it is queued before the frame that takes `/`. The search box gets the focus
// only a frame or two after `/` asks for it; the letters wait for it instead of reaching the
// window's shortcuts (`e` is the Editor layout, `p` presentation, `f` fullscreen), and Enter
// opens the match.
TEST_F(QuickTaps, TypingRightAfterSlashGoesIntoTheGallerySearch) {
  for (char c : std::string("/heap_self_ref")) TypeChar(c);
  Tap(SDL_SCANCODE_RETURN);
  Drain();
  ASSERT_NE(app_.view().gallery, nullptr);
  EXPECT_EQ(app_.view().gallery->filter, "heap_self_ref");
  ASSERT_NE(app_.session().scenario(), nullptr);
  EXPECT_NE(app_.session().scenario()->path.find("heap_self_ref.toml"), std::string::npos)
      << app_.session().scenario()->path;
  EXPECT_FALSE(app_.HoldsKeys());
}

}  // namespace
}  // namespace aws::gui
