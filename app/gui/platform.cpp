#include "gui/platform.h"

#include <SDL.h>
#include <imgui.h>
#include <imgui/backends/imgui_impl_opengl3.h>
#include <imgui/backends/imgui_impl_sdl.h>

#include <langinfo.h>

#include <algorithm>
#include <clocale>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <optional>
#include <set>
#include <utility>

#include "gui/theme.h"
#include "present/data_dirs.h"
#include "present/i18n.h"

namespace aws::gui {
namespace {

// The window's icon from assets/awaitscope.png; without it the window manager's default stays.
void SetIcon(SDL_Window* window) {
  const std::string assets = AssetsDir();
  Image icon;
  std::string error;
  if (assets.empty() || !ReadPng(assets + "/awaitscope.png", &icon, &error)) return;
  SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormatFrom(icon.rgba.data(), icon.width, icon.height, 32,
                                                            icon.width * 4, SDL_PIXELFORMAT_RGBA32);
  if (surface == nullptr) return;
  SDL_SetWindowIcon(window, surface);
  SDL_FreeSurface(surface);
}


// The few GL 1.x entry points used outside the ImGui backend. Fetched from the context rather
// than linked, so the executable needs no libGL at link time (the backend's own loader opens
// libGL.so.1 at run time).
using GlViewport = void (*)(int, int, int, int);
using GlClearColor = void (*)(float, float, float, float);
using GlClear = void (*)(unsigned);
using GlReadPixels = void (*)(int, int, int, int, unsigned, unsigned, void*);
using GlPixelStorei = void (*)(unsigned, int);
constexpr unsigned kGlColorBufferBit = 0x4000;
constexpr unsigned kGlRgba = 0x1908;
constexpr unsigned kGlUnsignedByte = 0x1401;
constexpr unsigned kGlPackAlignment = 0x0D05;

// GL 3.0 with GLSL 1.30 is what the OpenGL3 backend's own examples use on Linux; Mesa's
// llvmpipe (software) gives 4.5, so the same request works with and without a GPU.
constexpr int kGlMajor = 3;
constexpr int kGlMinor = 0;
constexpr const char* kGlslVersion = "#version 130";
constexpr Uint64 kMinFrameMs = 16;  // when vsync is unavailable

}  // namespace

struct Platform::Impl {
  SDL_Window* window = nullptr;
  SDL_GLContext gl = nullptr;
  bool sdl_video = false;
  bool imgui_sdl = false;
  bool imgui_gl = false;
  bool vsync = false;
  bool headless = false;
  Uint64 last_frame_ms = 0;
  // SDL events taken from SDL's queue and not yet given to ImGui; BeginFrame gives each frame
  // the events up to the next one ImGui 1.86 would lose (see FrameEnds).
  std::deque<SDL_Event> pending;
  std::string title;  // the window title last set
  std::string cjk_font;  // the Chinese font; "" with --cjk off or when none is installed
  bool cjk_full = false; // all the Chinese UI's glyphs merged (else only Chinese's own name)
  CjkMode cjk_mode = CjkMode::Auto;
  std::optional<Lang> lang;  // the language applied last (none before the first Apply)
  std::string notice;        // for the status line (TakeNotice)
  Settings applied;
  FontReport fonts;
  ImVec4 background{0, 0, 0, 1};  // the clear colour
  GlViewport viewport = nullptr;
  GlClearColor clear_color = nullptr;
  GlClear clear = nullptr;
  GlReadPixels read_pixels = nullptr;
  GlPixelStorei pixel_store = nullptr;

  ~Impl() {
    if (imgui_gl) ImGui_ImplOpenGL3_Shutdown();
    if (imgui_sdl) ImGui_ImplSDL2_Shutdown();
    if (imgui_gl || imgui_sdl) ImGui::DestroyContext();
    if (gl) SDL_GL_DeleteContext(gl);
    if (window) SDL_DestroyWindow(window);
    if (sdl_video) SDL_QuitSubSystem(SDL_INIT_VIDEO);
  }
};

Platform::Platform() = default;
Platform::~Platform() = default;

bool Platform::Open(const PlatformOptions& options, std::string* error) {
  auto fail = [&](const std::string& what) {
    *error = what + ": " + SDL_GetError();
    impl_.reset();
    return false;
  };
  impl_ = std::make_unique<Impl>();
  Impl& p = *impl_;
  p.headless = options.headless;
  // Xlib converts the window title (UTF-8, with em dashes) through the C library's character
  // locale, and in the "C" locale it drops the title rather than convert it. Only LC_CTYPE:
  // numbers and messages stay as they are.
  if (std::setlocale(LC_CTYPE, "") == nullptr || std::string(nl_langinfo(CODESET)) != "UTF-8")
    std::setlocale(LC_CTYPE, "C.UTF-8");
  // Normal priority: $SDL_VIDEODRIVER still wins (e.g. x11 under Xvfb).
  if (options.headless) SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
  const bool driver_chosen = std::getenv("SDL_VIDEODRIVER") != nullptr;
  if (!options.headless && !driver_chosen && std::getenv("DISPLAY") == nullptr &&
      std::getenv("WAYLAND_DISPLAY") == nullptr) {
    // Without a display SDL 2.26 quietly falls back to its offscreen driver: an invisible window.
    *error = "no display ($DISPLAY and $WAYLAND_DISPLAY are unset; set $SDL_VIDEODRIVER to force one)";
    impl_.reset();
    return false;
  }
  if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) return fail("cannot start SDL video");
  p.sdl_video = true;
  const std::string driver = SDL_GetCurrentVideoDriver();
  if (!options.headless && !driver_chosen && (driver == "offscreen" || driver == "dummy")) {
    *error = "no display (SDL found only its `" + driver + "` video driver)";
    impl_.reset();
    return false;
  }

  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, kGlMajor);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, kGlMinor);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
  SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
  Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI;
  if (!options.headless) flags |= SDL_WINDOW_RESIZABLE;
  p.window = SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                              options.width, options.height, flags);
  if (p.window == nullptr) return fail("cannot open a window");
  SetIcon(p.window);
  p.gl = SDL_GL_CreateContext(p.window);
  if (p.gl == nullptr) return fail("cannot create an OpenGL 3 context");
  SDL_GL_MakeCurrent(p.window, p.gl);
  p.vsync = !options.headless && SDL_GL_SetSwapInterval(1) == 0;

  p.viewport = reinterpret_cast<GlViewport>(SDL_GL_GetProcAddress("glViewport"));
  p.clear_color = reinterpret_cast<GlClearColor>(SDL_GL_GetProcAddress("glClearColor"));
  p.clear = reinterpret_cast<GlClear>(SDL_GL_GetProcAddress("glClear"));
  p.read_pixels = reinterpret_cast<GlReadPixels>(SDL_GL_GetProcAddress("glReadPixels"));
  p.pixel_store = reinterpret_cast<GlPixelStorei>(SDL_GL_GetProcAddress("glPixelStorei"));
  if (!p.viewport || !p.clear_color || !p.clear || !p.read_pixels || !p.pixel_store)
    return fail("OpenGL entry points missing");

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is computed each frame (views.cpp); nothing to save
  // A steady caret: a blinking one would need a redraw every few hundred milliseconds while a
  // text field has focus, and a window that waits for input draws nothing on its own.
  io.ConfigInputTextCursorBlink = false;
  p.cjk_mode = options.cjk;
  if (options.cjk != CjkMode::Off) p.cjk_font = FindCjkFont();
  p.cjk_full = CjkWanted(options.cjk) && !p.cjk_font.empty();
  p.fonts = BuildFonts(io.Fonts, p.applied.scale_percent, p.cjk_font, p.cjk_full);
  ImGui::GetStyle() = MakeStyle(Theme::Dark, 1.0f);
  p.background = ImGui::ColorConvertU32ToFloat4(ThemePalette(Theme::Dark).clear);
  p.imgui_sdl = ImGui_ImplSDL2_InitForOpenGL(p.window, p.gl);
  if (!p.imgui_sdl) return fail("ImGui SDL2 backend failed");
  p.imgui_gl = ImGui_ImplOpenGL3_Init(kGlslVersion);
  if (!p.imgui_gl) return fail("ImGui OpenGL3 backend failed (is libGL.so.1 installed?)");
  p.last_frame_ms = SDL_GetTicks64();
  p.title = options.title;
  return true;
}

namespace {

// ImGui 1.86 has no input event queue: it sees each key as down or up at the start of a frame,
// so a key pressed and released within one frame is never seen pressed, a release and a new
// press of the same key within one frame look like one long press, and of two keys pressed in
// one frame the order is lost. A frame therefore ends before the event that would hide an
// earlier one: a second change of the same key, a second key press, a modifier (Ctrl, Shift,
// Alt, Super) pressed or released after a key press (the frame reads one set of modifiers for
// all its keys: Ctrl let go a moment before F must still make Ctrl+F), or a second mouse button
// press. Text input (SDL_TEXTINPUT) is queued by ImGui itself and never ends a frame; SDL's
// auto-repeats change no key and never end one either.
struct FrameCut {
  std::set<SDL_Scancode> changed;  // keys pressed or released in this frame
  bool key_pressed = false;
  bool button_pressed = false;

  static bool IsModifier(SDL_Scancode sc) { return sc >= SDL_SCANCODE_LCTRL && sc <= SDL_SCANCODE_RGUI; }

  // Whether `e` must wait for the next frame; otherwise notes it as taken.
  bool Ends(const SDL_Event& e) {
    if ((e.type == SDL_KEYDOWN && e.key.repeat == 0) || e.type == SDL_KEYUP) {
      const bool press = e.type == SDL_KEYDOWN;
      const SDL_Scancode sc = e.key.keysym.scancode;
      if (changed.count(sc) || (press && key_pressed) || (IsModifier(sc) && key_pressed)) return true;
      changed.insert(e.key.keysym.scancode);
      key_pressed |= press;
    } else if (e.type == SDL_MOUSEBUTTONDOWN) {
      if (button_pressed) return true;
      button_pressed = true;
    }
    return false;
  }
};

}  // namespace

bool Platform::BeginFrame(bool hold_keys) {
  Impl& p = *impl_;
  SDL_Event e;
  while (SDL_PollEvent(&e)) p.pending.push_back(e);
  FrameCut cut;
  auto held = [&](const SDL_Event& x) {
    return hold_keys && (x.type == SDL_KEYDOWN || x.type == SDL_KEYUP || x.type == SDL_TEXTINPUT ||
                         x.type == SDL_TEXTEDITING);
  };
  while (!p.pending.empty() && !held(p.pending.front()) && !cut.Ends(p.pending.front())) {
    e = p.pending.front();
    p.pending.pop_front();
    ImGui_ImplSDL2_ProcessEvent(&e);
    if (e.type == SDL_KEYDOWN || e.type == SDL_KEYUP) {
      // The backend reads the modifiers SDL holds now, after every queued event; the ones
      // held when this key went down or up are the ones that go with it (Shift+Right).
      ImGuiIO& io = ImGui::GetIO();
      const Uint16 mod = e.key.keysym.mod;
      io.KeyShift = (mod & KMOD_SHIFT) != 0;
      io.KeyCtrl = (mod & KMOD_CTRL) != 0;
      io.KeyAlt = (mod & KMOD_ALT) != 0;
      io.KeySuper = (mod & KMOD_GUI) != 0;
    }
    if (e.type == SDL_QUIT) return false;
    if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE &&
        e.window.windowID == SDL_GetWindowID(p.window))
      return false;
  }
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
  return true;
}

bool Platform::WaitForInput(int timeout_ms) {
  Impl& p = *impl_;
  if (!p.pending.empty()) return true;
  SDL_Event e;
  if (!SDL_WaitEventTimeout(&e, std::max(timeout_ms, 1))) return false;
  p.pending.push_back(e);
  return true;
}

bool Platform::InputPending() const { return !impl_->pending.empty(); }

void Platform::SetTitle(const std::string& title) {
  Impl& p = *impl_;
  if (title == p.title) return;
  p.title = title;
  SDL_SetWindowTitle(p.window, title.c_str());
}

void Platform::EndFrame(Image* capture, bool present) {
  Impl& p = *impl_;
  ImGui::Render();
  int w = 0, h = 0;
  SDL_GL_GetDrawableSize(p.window, &w, &h);
  p.viewport(0, 0, w, h);
  p.clear_color(p.background.x, p.background.y, p.background.z, 1.0f);
  p.clear(kGlColorBufferBit);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (capture != nullptr) {
    // Before the swap: afterwards the back buffer's contents are undefined.
    capture->width = w;
    capture->height = h;
    capture->rgba.assign(static_cast<size_t>(w) * h * 4, 0);
    std::vector<uint8_t> bottom_up(capture->rgba.size());
    p.pixel_store(kGlPackAlignment, 1);
    p.read_pixels(0, 0, w, h, kGlRgba, kGlUnsignedByte, bottom_up.data());
    const size_t row = static_cast<size_t>(w) * 4;
    for (int y = 0; y < h; ++y)
      std::memcpy(&capture->rgba[y * row], &bottom_up[(h - 1 - y) * row], row);
    for (size_t i = 3; i < capture->rgba.size(); i += 4) capture->rgba[i] = 255;  // opaque PNGs
  }
  if (!present) return;
  SDL_GL_SwapWindow(p.window);
  if (!p.vsync && !p.headless && p.pending.empty()) {
    Uint64 now = SDL_GetTicks64();
    if (now - p.last_frame_ms < kMinFrameMs) SDL_Delay(static_cast<Uint32>(kMinFrameMs - (now - p.last_frame_ms)));
  }
  p.last_frame_ms = SDL_GetTicks64();
}

void Platform::Apply(const Settings& s) {
  Impl& p = *impl_;
  const int scale = std::clamp(s.scale_percent, 100, 300);
  const Theme theme = ParseTheme(s.theme).value_or(Theme::Dark);
  bool rescale = scale != p.applied.scale_percent;
  // The language: the settings' choice, else the locale's. Chinese needs the CJK font merged
  // into the UI font (unless --cjk off): the atlas is rebuilt when it is not there yet.
  const Lang lang = ParseLang(s.language).value_or(LanguageFromEnvironment());
  if (lang != p.lang) {
    std::string why;
    if (!SetLanguage(lang, &why)) p.notice = why;
    p.lang = lang;
    if (lang == Lang::Zh && p.cjk_mode != CjkMode::Off && !p.cjk_full) {
      // In English: without the font, Chinese text would be boxes.
      if (p.cjk_font.empty())
        p.notice = "No Chinese font found: Chinese text shows as boxes. Install fonts-wqy-microhei or fonts-noto-cjk "
                   "(apt-get install fonts-wqy-microhei)";
      else
        p.cjk_full = rescale = true;
    }
  }
  if (rescale) {
    // The backend uploaded the old atlas; a new pixel size needs new glyphs, not a scaled
    // texture (FontGlobalScale would blur them).
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    p.fonts = BuildFonts(ImGui::GetIO().Fonts, scale, p.cjk_font, p.cjk_full);
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  if (rescale || s.theme != p.applied.theme) {
    ImGui::GetStyle() = MakeStyle(theme, static_cast<float>(scale) / 100.0f);
    p.background = ImGui::ColorConvertU32ToFloat4(ThemePalette(theme).clear);
  }
  if (s.fullscreen != p.applied.fullscreen && !p.headless)
    SDL_SetWindowFullscreen(p.window, s.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
  p.applied = s;
  p.applied.scale_percent = scale;
}

std::string Platform::TakeNotice() { return std::exchange(impl_->notice, {}); }

const Settings& Platform::applied() const { return impl_->applied; }
const FontReport& Platform::fonts() const { return impl_->fonts; }

}  // namespace aws::gui
