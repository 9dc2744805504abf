#include "gui/platform.h"

#include <SDL.h>
#include <imgui.h>
#include <imgui/backends/imgui_impl_opengl3.h>
#include <imgui/backends/imgui_impl_sdl.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "gui/theme.h"
#include "present/data_dirs.h"

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
  std::string cjk_path;  // "" when Chinese is off or no font was found
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
  if (CjkWanted(options.cjk)) p.cjk_path = FindCjkFont();
  p.fonts = BuildFonts(io.Fonts, p.applied.scale_percent, p.cjk_path);
  ImGui::GetStyle() = MakeStyle(Theme::Dark, 1.0f);
  p.background = ImGui::ColorConvertU32ToFloat4(ThemePalette(Theme::Dark).clear);
  p.imgui_sdl = ImGui_ImplSDL2_InitForOpenGL(p.window, p.gl);
  if (!p.imgui_sdl) return fail("ImGui SDL2 backend failed");
  p.imgui_gl = ImGui_ImplOpenGL3_Init(kGlslVersion);
  if (!p.imgui_gl) return fail("ImGui OpenGL3 backend failed (is libGL.so.1 installed?)");
  p.last_frame_ms = SDL_GetTicks64();
  return true;
}

bool Platform::BeginFrame() {
  SDL_Event e;
  while (SDL_PollEvent(&e)) {
    ImGui_ImplSDL2_ProcessEvent(&e);
    if (e.type == SDL_QUIT) return false;
    if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE &&
        e.window.windowID == SDL_GetWindowID(impl_->window))
      return false;
  }
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
  return true;
}

void Platform::EndFrame(Image* capture) {
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
  SDL_GL_SwapWindow(p.window);
  if (!p.vsync && !p.headless) {
    Uint64 now = SDL_GetTicks64();
    if (now - p.last_frame_ms < kMinFrameMs) SDL_Delay(static_cast<Uint32>(kMinFrameMs - (now - p.last_frame_ms)));
  }
  p.last_frame_ms = SDL_GetTicks64();
}

void Platform::Apply(const Settings& s) {
  Impl& p = *impl_;
  const int scale = std::clamp(s.scale_percent, 100, 300);
  const Theme theme = ParseTheme(s.theme).value_or(Theme::Dark);
  const bool rescale = scale != p.applied.scale_percent;
  if (rescale) {
    // The backend uploaded the old atlas; a new pixel size needs new glyphs, not a scaled
    // texture (FontGlobalScale would blur them).
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    p.fonts = BuildFonts(ImGui::GetIO().Fonts, scale, p.cjk_path);
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

const Settings& Platform::applied() const { return impl_->applied; }
const FontReport& Platform::fonts() const { return impl_->fonts; }

}  // namespace aws::gui
