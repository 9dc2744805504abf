// The one place with window, OpenGL context and frame-loop code: SDL2 and the stock Dear ImGui
// SDL2 + OpenGL3 backends. Everything else draws with ImGui between BeginFrame and EndFrame.
#pragma once
#include <memory>
#include <string>

#include "gui/app.h"
#include "gui/fonts.h"
#include "present/image.h"

namespace aws::gui {

struct PlatformOptions {
  std::string title = "Awaitscope";
  int width = 1280;
  int height = 800;
  // No visible window: SDL's `offscreen` video driver (EGL on Mesa's llvmpipe, no X, no GPU)
  // unless $SDL_VIDEODRIVER names another one. For screenshots and tests.
  bool headless = false;
  CjkMode cjk = CjkMode::Auto;  // merge a Chinese font into the UI font (fonts.h)
};

class Platform {
 public:
  Platform();
  ~Platform();  // closes the window and destroys the ImGui context
  Platform(const Platform&) = delete;
  Platform& operator=(const Platform&) = delete;

  // Opens the window with an OpenGL 3 context and creates the ImGui context. False with a
  // message in `error` (no display, no GL) and nothing left open.
  bool Open(const PlatformOptions& options, std::string* error);
  // Handles pending input, then starts an ImGui frame. False once the user closed the window
  // (no frame is started then).
  // With `hold_keys` (App::HoldsKeys), key and text events stay queued, in order with everything
  // after them, for a later frame.
  bool BeginFrame(bool hold_keys = false);
  // Sleeps until an input or window event arrives or `timeout_ms` passes; true when there is
  // something for the next frame to handle. Lets an idle window rest instead of redrawing.
  bool WaitForInput(int timeout_ms);
  // Whether events are waiting for the next frame (BeginFrame gives ImGui 1.86 at most one new
  // key press a frame, so that quick taps are never lost).
  bool InputPending() const;
  // The window's title (task switchers, screen recordings; tests read the step from it).
  void SetTitle(const std::string& title);
  // Renders the frame and shows it; with `capture`, first reads the frame's pixels into it.
  // `present` false: the frame is drawn (and captured) but not shown, so the window keeps
  // showing the frame before it (an export's pictures do not flicker over its progress dialog).
  void EndFrame(Image* capture = nullptr, bool present = true);
  // Makes `s` take effect, between EndFrame and the next BeginFrame: a changed scale rebuilds
  // the font atlas at the new pixel size (and its OpenGL texture) and rescales the style from
  // the base style; a changed theme swaps style colours and the clear colour; a changed
  // fullscreen flag toggles desktop fullscreen (never in headless mode). The layout is the
  // app's business. Open applies the defaults (dark, 100 %).
  void Apply(const Settings& s);
  // Also makes the settings' language current (i18n.h SetLanguage) and, for Chinese, loads the
  // CJK font when it was not loaded yet.
  const Settings& applied() const;
  // A message from the last Apply for the status line (a missing Chinese font or catalog); "" when
  // there is none. Each message is taken once.
  std::string TakeNotice();
  const FontReport& fonts() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace aws::gui
