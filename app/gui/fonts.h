// The app's fonts: DejaVu Sans for the UI and DejaVu Sans Mono for code (fonts-dejavu-core),
// rasterised at the exact pixel size of the current scale, and optionally a Chinese font
// (Simplified Chinese common glyphs) merged into the UI font so the UI can be translated.
#pragma once
#include <imgui.h>

#include <string>

namespace aws::gui {

// The UI and code font heights at 100 %, in pixels.
constexpr float kBaseFontPx = 15.0f;

struct Fonts {
  ImFont* ui;    // the default font
  ImFont* mono;  // for code panels (Source, Desugared): ImGui::PushFont(CurrentFonts().mono)
};

// The fonts of the current ImGui context's atlas (built by BuildFonts). Both are the default
// font before any atlas was built or when DejaVu is missing.
Fonts CurrentFonts();

enum class CjkMode { Auto, On, Off };  // Auto: on when $LC_ALL (else $LANG) starts with "zh"

bool CjkWanted(CjkMode mode);
// The first Chinese font found at the known Debian paths (Noto Sans CJK, then WenQuanYi Micro
// Hei / Zen Hei); "" when none is installed.
std::string FindCjkFont();

// What BuildFonts loaded.
struct FontReport {
  bool dejavu = false;  // false: ImGui's built-in bitmap font, scaled
  bool cjk = false;     // the Chinese font was merged into the UI font
  float size_px = 0;    // the UI font's pixel height
};

// Clears `atlas` and fills it with the UI font (plus `cjk_path` merged when not empty) and the
// mono font at kBaseFontPx * scale_percent / 100 pixels, then builds it. Missing files are
// skipped (the built-in font stands in); the OpenGL texture is the caller's business.
FontReport BuildFonts(ImFontAtlas* atlas, int scale_percent, const std::string& cjk_path);

}  // namespace aws::gui
