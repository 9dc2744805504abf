#include "gui/fonts.h"

#include "present/data_dirs.h"
#include "present/i18n.h"
#include "present/scenario_texts.h"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string_view>

namespace aws::gui {
namespace {

constexpr const char* kUiFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kMonoFont = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";

struct CjkFont {
  const char* path;
  int index;  // the face inside a .ttc collection
};
// Noto's collection holds JP, KR, SC, TC, HK in that order: face 2 is Simplified Chinese.
constexpr CjkFont kCjkFonts[] = {
    {"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2},
    {"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0},
    {"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0},
};

// Latin-1, Latin Extended-A, general punctuation (dashes, quotes, ellipsis), arrows and
// geometric shapes: what scenario notes and narration may use. Zero-terminated pairs.
constexpr ImWchar kUiRanges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2010, 0x205E,
                                 0x2190, 0x21FF, 0x25A0, 0x25FF, 0};

int CjkIndex(const std::string& path) {
  for (const CjkFont& f : kCjkFonts)
    if (path == f.path) return f.index;
  return 0;
}

bool Exists(const char* path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec);
}

bool InRanges(const ImWchar* ranges, char32_t c) {
  for (; ranges[0] != 0; ranges += 2)
    if (c >= ranges[0] && c <= ranges[1]) return true;
  return false;
}

// The glyph ranges of every character of the Chinese catalog, after ImGui's common Simplified
// Chinese ranges when asked.
ImVector<ImWchar> CatalogRangesBuilt(bool with_common_chinese) {
  ImFontGlyphRangesBuilder b;
  if (with_common_chinese) {
    ImFontAtlas tables;  // the common ranges are static tables; no glyph is built here
    b.AddRanges(tables.GetGlyphRangesChineseSimplifiedCommon());
  }
  const std::string text = present::CatalogText(present::Lang::Zh);
  b.AddText(text.data(), text.data() + text.size());
  if (with_common_chinese) {  // the shipped scenarios' own Chinese texts (a rare character among them)
    const std::string scenarios = present::ScenarioFolderText(present::ScenariosDir(), "zh");
    b.AddText(scenarios.data(), scenarios.data() + scenarios.size());
  }
  ImVector<ImWchar> out;
  b.BuildRanges(&out);
  return out;
}

// The Chinese glyphs: ImGui's 2500 common Simplified Chinese characters plus every character of
// the Chinese catalog and of the scenarios folder's Chinese texts (some, such as 辑, are not among
// the common ones). Built once; the atlas
// keeps a pointer to it.
const ImWchar* CjkRanges() {
  static const ImVector<ImWchar> ranges = CatalogRangesBuilt(/*with_common_chinese=*/true);
  return ranges.Data;
}

// The glyphs of Chinese's own name in the Language menu: merged into an English window's UI font.
const ImWchar* LanguageNameRanges() {
  static const ImVector<ImWchar> ranges = [] {
    ImFontGlyphRangesBuilder b;
    b.AddText(kChineseNativeName);
    ImVector<ImWchar> out;
    b.BuildRanges(&out);
    return out;
  }();
  return ranges.Data;
}

// The characters of the Chinese catalog alone: merged into the mono font, whose panels (the
// memory map's labels) show translated words beside code.
const ImWchar* CatalogRanges() {
  static const ImVector<ImWchar> ranges = CatalogRangesBuilt(/*with_common_chinese=*/false);
  return ranges.Data;
}

}  // namespace

bool UiFontCovers(char32_t c, bool cjk) { return InRanges(kUiRanges, c) || (cjk && InRanges(CjkRanges(), c)); }

Fonts CurrentFonts() {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  ImFont* ui = atlas->Fonts.Size > 0 ? atlas->Fonts[0] : ImGui::GetFont();
  ImFont* mono = atlas->Fonts.Size > 1 ? atlas->Fonts[1] : ui;
  return {ui, mono};
}

bool CjkWanted(CjkMode mode) {
  if (mode != CjkMode::Auto) return mode == CjkMode::On;
  return present::LanguageFromEnvironment() == present::Lang::Zh;
}

std::string FindCjkFont() {
  if (const char* own = std::getenv("AWAITSCOPE_CJK_FONT")) return Exists(own) ? own : "";
  for (const CjkFont& f : kCjkFonts)
    if (Exists(f.path)) return f.path;
  return "";
}

FontReport BuildFonts(ImFontAtlas* atlas, int scale_percent, const std::string& cjk_path, bool cjk_full) {
  FontReport report;
  atlas->Clear();
  // Power-of-two heights only waste texture memory on the larger CJK atlases.
  atlas->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
  // A whole number of pixels: glyphs rasterised at the size they are drawn, never scaled.
  report.size_px = std::round(kBaseFontPx * static_cast<float>(scale_percent) / 100.0f);

  ImFontConfig cfg;
  cfg.SizePixels = report.size_px;
  cfg.OversampleH = 2;
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  report.dejavu = Exists(kUiFont) && Exists(kMonoFont);
  if (!report.dejavu) {
    // The built-in 13 px bitmap font, scaled: blurry above 100 %, but always there.
    cfg.SizePixels = report.size_px;
    cfg.OversampleH = 1;
    atlas->AddFontDefault(&cfg);
    atlas->Build();
    return report;
  }
  atlas->AddFontFromFileTTF(kUiFont, report.size_px, &cfg, kUiRanges);
  if (!cjk_path.empty() && Exists(cjk_path.c_str())) {
    ImFontConfig cjk;
    cjk.MergeMode = true;
    cjk.FontNo = CjkIndex(cjk_path);
    // CJK glyphs are dense and large: no horizontal oversampling keeps the atlas (and the cold
    // start) small without visible loss.
    cjk.OversampleH = 1;
    cjk.OversampleV = 1;
    cjk.PixelSnapH = true;
    const bool merged =
        atlas->AddFontFromFileTTF(cjk_path.c_str(), report.size_px, &cjk,
                                  cjk_full ? CjkRanges() : LanguageNameRanges()) != nullptr;
    report.cjk = merged && cjk_full;
  }
  atlas->AddFontFromFileTTF(kMonoFont, report.size_px, &cfg, kUiRanges);
  if (report.cjk) {
    ImFontConfig cjk;
    cjk.MergeMode = true;
    cjk.FontNo = CjkIndex(cjk_path);
    cjk.OversampleH = 1;
    cjk.OversampleV = 1;
    cjk.PixelSnapH = true;
    atlas->AddFontFromFileTTF(cjk_path.c_str(), report.size_px, &cjk, CatalogRanges());
  }
  if (!atlas->Build()) {
    // A font file that exists but does not parse: start again with the built-in font.
    atlas->Clear();
    ImFontConfig fallback;
    fallback.SizePixels = report.size_px;
    atlas->AddFontDefault(&fallback);
    atlas->Build();
    report = FontReport{false, false, report.size_px};
  }
  return report;
}

}  // namespace aws::gui
