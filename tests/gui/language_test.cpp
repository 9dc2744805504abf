// The window in two languages: the View menu's Language entry (a command) switches every panel
// title, menu and the narration, loads the Chinese font on the way, and every character the
// Chinese catalog uses has a glyph in the atlas (no tofu boxes).
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "gui/app.h"
#include "gui/app_main.h"
#include "gui/fonts.h"
#include "gui/platform.h"
#include "present/data_dirs.h"
#include "present/i18n.h"
#include "present/image.h"
#include "present/narration.h"
#include "present/scenario_texts.h"

namespace aws::gui {
namespace {

namespace fs = std::filesystem;
const fs::path kRoot = AWAITSCOPE_SOURCE_DIR;
const std::string kExample = (kRoot / "scenarios" / "example.toml").string();

// Every code point of UTF-8 `text`.
std::set<char32_t> CodePoints(const std::string& text) {
  std::set<char32_t> out;
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
    for (int k = 1; k < n && i + k < text.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    out.insert(cp);
    i += n;
  }
  return out;
}

// Every code point of the msgstr lines of a PO file.
std::set<char32_t> CatalogCodePoints(const fs::path& po) {
  std::ifstream in(po, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::set<char32_t> out;
  std::istringstream lines(ss.str());
  std::string line;
  bool in_msgstr = false;
  while (std::getline(lines, line)) {
    if (line.starts_with("msgstr ")) in_msgstr = true;
    else if (line.starts_with("msgid ") || line.starts_with("#") || line.empty()) in_msgstr = false;
    if (!in_msgstr) continue;
    for (size_t i = 0; i < line.size();) {
      const unsigned char c = static_cast<unsigned char>(line[i]);
      const int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      char32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
      for (int k = 1; k < n && i + k < line.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(line[i + k]) & 0x3F);
      out.insert(cp);
      i += n;
    }
  }
  return out;
}

class Languages : public ::testing::Test {
 protected:
  void Open() {
    PlatformOptions o;
    o.width = 1280;
    o.height = 800;
    o.headless = true;
    o.cjk = CjkMode::Auto;
    std::string error;
    ASSERT_TRUE(platform_.Open(o, &error)) << error;
    Diagnostics diags;
    ASSERT_TRUE(app_.Load(kExample, diags)) << diags.Render();
  }
  Image Render() {
    Image shot;
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(DrawFrame(platform_, app_, i == 2 ? &shot : nullptr));
    return shot;
  }
  void TearDown() override { present::SetLanguage(present::Lang::En); }

  Platform platform_;
  App app_;
};

TEST(ChineseCatalog, EveryCharacterItUsesIsInTheFontsRanges) {
  const std::set<char32_t> used = CatalogCodePoints(kRoot / "assets/po/zh.po");
  ASSERT_GT(used.size(), 300u);
  for (char32_t c : used)
    EXPECT_TRUE(UiFontCovers(c, true)) << "U+" << std::hex << static_cast<uint32_t>(c) << " is outside the glyph ranges";
}

TEST(ChineseScenarios, EveryCharacterOfTheirTextsIsInTheFontsRanges) {
  const std::set<char32_t> used = CodePoints(present::ScenarioFolderText(present::ScenariosDir(), "zh"));
  ASSERT_GT(used.size(), 500u) << "the shipped scenarios are translated";
  for (char32_t c : used)
    EXPECT_TRUE(UiFontCovers(c, true)) << "U+" << std::hex << static_cast<uint32_t>(c) << " is outside the glyph ranges";
}

// The scenario's own texts follow the language: the step bar's title and the narration's source
// line are Chinese in a Chinese window, drawn with glyphs the font has, and the step bar looks
// different from the same scenario without its translation.
TEST_F(Languages, TheScenariosOwnTextsAreChineseInAChineseWindow) {
  if (FindCjkFont().empty()) GTEST_SKIP() << "no Chinese font installed (fonts-wqy-microhei or fonts-noto-cjk)";
  Open();
  app_.Push({CommandKind::SetLanguage, -1, 0, "zh"});
  app_.Push({CommandKind::Seek, 3});
  const Image translated = Render();
  ASSERT_TRUE(platform_.fonts().cjk);
  EXPECT_EQ(present::NarrateSource(app_.session().scenario(), 3),
            "出处：Async/Await（blog_os 第 12 篇）, Async/Await 模式; 状态机转换; 保存状态");
  const ScenarioTexts zh = present::CurrentTexts(*app_.session().scenario());
  EXPECT_EQ(zh.title, "example(min_len)：两次读取，四个状态");
  EXPECT_TRUE(zh.missing.empty()) << ::testing::PrintToString(zh.missing);
  ImFont* ui = CurrentFonts().ui;
  std::string shown = zh.title + zh.description + zh.document + zh.section;
  for (const std::string& e : zh.errata) shown += e;
  for (char32_t c : CodePoints(shown))
    EXPECT_NE(ui->FindGlyphNoFallback(static_cast<ImWchar>(c)), nullptr) << "no glyph for U+" << std::hex << uint32_t(c);
  for (char32_t c : CodePoints(present::ScenarioFolderText(present::ScenariosDir(), "zh")))
    EXPECT_NE(ui->FindGlyphNoFallback(static_cast<ImWchar>(c)), nullptr) << "no glyph for U+" << std::hex << uint32_t(c);
  ImGuiWindow* step = ImGui::FindWindowByName("###Step");
  ASSERT_NE(step, nullptr);
  const int x0 = static_cast<int>(step->Pos.x), y0 = static_cast<int>(step->Pos.y);
  const int x1 = static_cast<int>(step->Pos.x + step->Size.x), y1 = static_cast<int>(step->Pos.y + step->Size.y);

  // The same scenario with its Chinese texts taken out: English where the translation was.
  const fs::path dir = fs::temp_directory_path() / ("awaitscope_zh_title_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ifstream in(kExample);
  std::stringstream text;
  text << in.rdbuf();
  std::string toml = text.str();
  const size_t zh_at = toml.find("\n[zh]\n"), zh_end = toml.find("\n[", zh_at + 1);
  ASSERT_NE(zh_at, std::string::npos);
  toml.erase(zh_at, zh_end - zh_at);
  const size_t next_at = toml.find("\nnext = ");  // its `next` is not in the temporary folder
  ASSERT_NE(next_at, std::string::npos);
  toml.erase(next_at, toml.find('\n', next_at + 1) - next_at);
  std::ofstream(dir / "example.toml") << toml;
  fs::copy_file(kRoot / "scenarios" / "example.rs", dir / "example.rs", fs::copy_options::overwrite_existing);
  Diagnostics diags;
  ASSERT_TRUE(app_.Load((dir / "example.toml").string(), diags)) << diags.Render();
  app_.Push({CommandKind::Seek, 3});
  const Image english = Render();
  fs::remove_all(dir);
  EXPECT_EQ(present::CurrentTexts(*app_.session().scenario()).title, "example(min_len): two reads, four states");
  ASSERT_EQ(translated.width, english.width);
  int differ = 0;
  for (int y = std::max(0, y0); y < std::min(y1, translated.height); ++y)
    for (int x = std::max(0, x0); x < std::min(x1, translated.width); ++x) {
      const size_t i = (static_cast<size_t>(y) * translated.width + x) * 4;
      if (translated.rgba[i] != english.rgba[i] || translated.rgba[i + 1] != english.rgba[i + 1]) ++differ;
    }
  EXPECT_GT(differ, 200) << "the step bar shows the translated title";
}

TEST_F(Languages, TheLanguageCommandSwitchesTitlesMenusAndNarrationAndLoadsTheChineseFont) {
  const std::string font = FindCjkFont();
  if (font.empty()) GTEST_SKIP() << "no Chinese font installed (fonts-wqy-microhei or fonts-noto-cjk)";
  Open();
  app_.Push({CommandKind::SetLanguage, -1, 0, "en"});
  app_.Push({CommandKind::Seek, 3});
  const Image en = Render();
  EXPECT_NE(ImGui::FindWindowByName("Narration"), nullptr);
  EXPECT_STREQ(present::Tr("State machine"), "State machine");
  // In English only Chinese's own name (View > Language) comes from the Chinese font: it reads
  // 中文（简体）, not "??????", and the rest of the CJK glyphs wait until Chinese is chosen.
  EXPECT_FALSE(platform_.fonts().cjk);
  for (ImWchar c : {0x4E2D, 0x6587, 0xFF08, 0x7B80, 0x4F53, 0xFF09})
    EXPECT_NE(CurrentFonts().ui->FindGlyphNoFallback(c), nullptr) << "no glyph for U+" << std::hex << uint32_t(c);
  EXPECT_EQ(CurrentFonts().ui->FindGlyphNoFallback(static_cast<ImWchar>(0x8BB2)), nullptr);  // 讲

  app_.Push({CommandKind::SetLanguage, -1, 0, "zh"});
  const Image zh = Render();
  EXPECT_EQ(present::CurrentLanguage(), present::Lang::Zh);
  EXPECT_TRUE(platform_.fonts().cjk) << "the Chinese font is loaded when Chinese is chosen";
  ImGuiWindow* narration = ImGui::FindWindowByName("###Narration");
  ASSERT_NE(narration, nullptr);
  EXPECT_STREQ(narration->Name, "讲解###Narration");
  ImGuiWindow* executor = ImGui::FindWindowByName("###Executor");
  ASSERT_NE(executor, nullptr);
  EXPECT_STREQ(executor->Name, "执行器###Executor");
  EXPECT_EQ(app_.view().settings.language, "zh");
  // Every glyph of every translation is in the atlas: nothing falls back to a box.
  ImFont* ui = CurrentFonts().ui;
  for (char32_t c : CatalogCodePoints(kRoot / "assets/po/zh.po")) {
    if (c < 0x20) continue;
    EXPECT_NE(ui->FindGlyphNoFallback(static_cast<ImWchar>(c)), nullptr) << "no glyph for U+" << std::hex << uint32_t(c);
  }
  ASSERT_EQ(en.rgba.size(), zh.rgba.size());
  EXPECT_NE(en.rgba, zh.rgba);

  app_.Push({CommandKind::SetLanguage, -1, 0, "en"});
  Render();
  EXPECT_EQ(present::CurrentLanguage(), present::Lang::En);
  EXPECT_STREQ(ImGui::FindWindowByName("Narration")->Name, "Narration");
}

TEST_F(Languages, AnUnknownLanguageKeepsTheCurrentOneAndSaysSo) {
  Open();
  app_.Push({CommandKind::SetLanguage, -1, 0, "fr"});
  Render();
  EXPECT_EQ(app_.view().settings.language, "");
  EXPECT_EQ(app_.view().status, "no language `fr` (known: en, zh)");
}

TEST_F(Languages, WithoutTheChineseFontTheStatusLineSaysWhatToInstall) {
  PlatformOptions o;
  o.width = 800;
  o.height = 600;
  o.headless = true;
  o.cjk = CjkMode::Auto;
  // A machine without a Chinese font: the only candidate is a file that does not exist.
  ::setenv("AWAITSCOPE_CJK_FONT", "/nonexistent/font.ttc", 1);
  ASSERT_EQ(FindCjkFont(), "");
  std::string error;
  ASSERT_TRUE(platform_.Open(o, &error)) << error;
  Diagnostics diags;
  ASSERT_TRUE(app_.Load(kExample, diags));
  app_.Push({CommandKind::SetLanguage, -1, 0, "zh"});
  Render();
  ::unsetenv("AWAITSCOPE_CJK_FONT");
  EXPECT_FALSE(platform_.fonts().cjk);
  EXPECT_EQ(app_.view().status,
            "No Chinese font found: Chinese text shows as boxes. Install fonts-wqy-microhei or fonts-noto-cjk "
            "(apt-get install fonts-wqy-microhei)");
}

}  // namespace
}  // namespace aws::gui
