// The window in two languages: the View menu's Language entry (a command) switches every panel
// title, menu and the narration, loads the Chinese font on the way, and every character the
// Chinese catalog uses has a glyph in the atlas (no tofu boxes).
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "gui/app.h"
#include "gui/app_main.h"
#include "gui/fonts.h"
#include "gui/platform.h"
#include "present/i18n.h"
#include "present/image.h"

namespace aws::gui {
namespace {

namespace fs = std::filesystem;
const fs::path kRoot = AWAITSCOPE_SOURCE_DIR;
const std::string kExample = (kRoot / "scenarios" / "example.toml").string();

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
