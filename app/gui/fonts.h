// The app's fonts: DejaVu Sans for the UI and DejaVu Sans Mono for code (fonts-dejavu-core),
// rasterised at the exact pixel size of the current scale, and optionally a Chinese font
// (Simplified Chinese common glyphs) merged into the UI font so the UI can be translated; the
// mono font gets the Chinese catalog's own characters (translated labels beside code).
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

// Auto: on when the language is Chinese (--lang zh, the View menu, or the locale: i18n.h).
enum class CjkMode { Auto, On, Off };

// Whether the font is wanted at start: On, or Auto with a Chinese locale (Platform::Apply loads it
// later when Chinese is chosen).
bool CjkWanted(CjkMode mode);
// The first Chinese font found at the known Debian paths (Noto Sans CJK, then WenQuanYi Micro
// Hei / Zen Hei); "" when none is installed. $AWAITSCOPE_CJK_FONT, when set, is the only candidate
// (another font; or, set to a missing file, a machine without one).
std::string FindCjkFont();

// Whether the UI font has a glyph for `c`: the UI ranges (Latin, punctuation, arrows, shapes),
// plus with `cjk` the Simplified Chinese ranges merged from the CJK font.
bool UiFontCovers(char32_t c, bool cjk);

// What BuildFonts loaded.
struct FontReport {
  bool dejavu = false;  // false: ImGui's built-in bitmap font, scaled
  bool cjk = false;     // the Chinese font was merged into the UI font (all its glyphs the UI needs)
  float size_px = 0;    // the UI font's pixel height
};

// Chinese named in itself, as the View > Language menu shows it in every language.
inline constexpr const char* kChineseNativeName = "\u4E2D\u6587\uFF08\u7B80\u4F53\uFF09";  // 中文（简体）

// Clears `atlas` and fills it with the UI font and the mono font at kBaseFontPx * scale_percent
// / 100 pixels, then builds it. With `cjk_full`, the Chinese font `cjk_path` is merged with every
// glyph the Chinese UI needs; without, only the glyphs of kChineseNativeName (so an English
// window still shows where Chinese is; "" leaves both out). Missing files are skipped (the
// built-in font stands in); the OpenGL texture is the caller's business.
FontReport BuildFonts(ImFontAtlas* atlas, int scale_percent, const std::string& cjk_path, bool cjk_full = true);

}  // namespace aws::gui
