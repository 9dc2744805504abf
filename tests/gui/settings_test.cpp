// The window's remembered settings (settings.h) and the gui command's argument parsers: no
// window needed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <sys/stat.h>

#include "gui/app_main.h"
#include "present/settings.h"
#include "gui/theme.h"

namespace aws::gui {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& p) {
  std::ifstream f(p);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// A fresh folder under the temp dir, removed afterwards.
class SettingsFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("awaitscope_settings_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& text) { std::ofstream(path()) << text; }
  std::string path() const { return (dir_ / "awaitscope" / "settings.toml").string(); }
  fs::path dir_;
};

// Sets an environment variable for one scope, restoring the old value.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) ::setenv(name, value, 1);
    else ::unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_) ::setenv(name_, old_->c_str(), 1);
    else ::unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST_F(SettingsFile, WrittenSettingsReadBackEqual) {
  Settings s;
  s.layout = "timeline";
  s.scale_percent = 250;
  s.theme = "high-contrast";
  s.fullscreen = true;
  s.language = "zh";
  s.step_into_executor_code = false;
  std::string error;
  ASSERT_TRUE(WriteSettings(path(), s, &error)) << error;  // creates the awaitscope folder
  EXPECT_EQ(Slurp(path()),
            "# Awaitscope's window settings, rewritten when they change.\n"
            "fullscreen = true\n"
            "language = 'zh'\n"
            "layout = 'timeline'\n"
            "scale_percent = 250\n"
            "step_into_executor_code = false\n"
            "theme = 'high-contrast'\n");
  Settings back;
  std::string warning;
  ASSERT_TRUE(ReadSettings(path(), &back, &warning)) << warning;
  EXPECT_EQ(back, s);
  EXPECT_EQ(warning, "");
  EXPECT_FALSE(fs::exists(path() + ".tmp"));
}

TEST_F(SettingsFile, MissingFileKeepsTheDefaults) {
  Settings s;
  std::string warning;
  EXPECT_TRUE(ReadSettings(path(), &s, &warning));
  EXPECT_EQ(s, Settings{});
  EXPECT_EQ(warning, "");
}

TEST_F(SettingsFile, KeysMayBeMissingOrUnknown) {
  fs::create_directories(fs::path(path()).parent_path());
  Write("theme = \"light\"\nfuture_option = 3\n");
  Settings s;
  std::string warning;
  EXPECT_TRUE(ReadSettings(path(), &s, &warning)) << warning;
  Settings expected;
  expected.theme = "light";
  EXPECT_EQ(s, expected);
}

TEST_F(SettingsFile, CorruptFileIsIgnoredWithOneLineWarning) {
  fs::create_directories(fs::path(path()).parent_path());
  const struct {
    const char* text;
    std::string warning;
  } cases[] = {
      {"scale_percent = [\n", path() + ":1:"},
      {"\x01\x02garbage", path() + ":1:1:"},
      {"scale_percent = 500\n", path() + ": `scale_percent` must be an integer from 100 to 300; settings ignored"},
      {"scale_percent = \"big\"\n", path() + ": `scale_percent` must be an integer from 100 to 300; settings ignored"},
      {"theme = \"sepia\"\n", path() + ": `theme` must be \"dark\", \"light\" or \"high-contrast\"; settings ignored"},
      {"layout = 7\n", path() + ": `layout` must be a preset's name; settings ignored"},
      {"fullscreen = \"yes\"\n", path() + ": `fullscreen` must be true or false; settings ignored"},
      {"language = \"fr\"\n", path() + ": `language` must be \"en\", \"zh\" or \"\" (follow the locale); settings ignored"},
      {"step_into_executor_code = 1\n", path() + ": `step_into_executor_code` must be true or false; settings ignored"},
  };
  for (const auto& c : cases) {
    Write(c.text);
    Settings s;
    s.scale_percent = 150;  // untouched by a bad file, even by its valid keys
    std::string warning;
    EXPECT_FALSE(ReadSettings(path(), &s, &warning)) << c.text;
    EXPECT_EQ(warning.substr(0, c.warning.size()), c.warning) << c.text;
    EXPECT_EQ(warning.find('\n'), std::string::npos) << warning;
    EXPECT_EQ(s.scale_percent, 150);
    EXPECT_EQ(s.theme, "dark");
  }
}

TEST_F(SettingsFile, SpecialOrOversizedFileIsIgnoredWithoutReadingIt) {
  fs::create_directories(fs::path(path()).parent_path());
  ASSERT_EQ(mkfifo(path().c_str(), 0600), 0);  // no writer: reading would wait forever
  Settings s;
  std::string warning;
  EXPECT_FALSE(ReadSettings(path(), &s, &warning));
  EXPECT_EQ(warning, path() + ": cannot read: it is a FIFO, not a regular file; settings ignored");
  fs::remove(path());
  Write("# " + std::string(64 * 1024, 'x') + "\ntheme = \"light\"\n");
  EXPECT_FALSE(ReadSettings(path(), &s, &warning));
  EXPECT_EQ(warning, path() + ": cannot read: it is larger than 64 KiB; settings ignored");
  EXPECT_EQ(s.theme, "dark");
}

TEST_F(SettingsFile, RewriteReplacesTheFileWholeAndLeavesNoTemporary) {
  fs::create_directories(fs::path(path()).parent_path());
  Write("theme = \"light\"\n");
  Settings s;
  s.theme = "high-contrast";
  std::string error;
  ASSERT_TRUE(WriteSettings(path(), s, &error)) << error;
  Settings back;
  std::string warning;
  ASSERT_TRUE(ReadSettings(path(), &back, &warning)) << warning;
  EXPECT_EQ(back, s);
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(fs::path(path()).parent_path())) names.push_back(e.path().filename().string());
  EXPECT_EQ(names, std::vector<std::string>{"settings.toml"});
}

TEST_F(SettingsFile, UnwritablePathIsAnError) {
  fs::create_directories(dir_ / "blocker");
  std::ofstream(dir_ / "blocker" / "file") << "x";  // a file where a folder is needed
  std::string error;
  EXPECT_FALSE(WriteSettings((dir_ / "blocker" / "file" / "settings.toml").string(), Settings{}, &error));
  EXPECT_NE(error.find("cannot write"), std::string::npos) << error;
}

TEST(SettingsPath, XdgConfigHomeThenHomeDotConfig) {
  {
    ScopedEnv xdg("XDG_CONFIG_HOME", "/tmp/xdg");
    ScopedEnv home("HOME", "/home/ada");
    EXPECT_EQ(SettingsPath(), "/tmp/xdg/awaitscope/settings.toml");
  }
  {
    ScopedEnv xdg("XDG_CONFIG_HOME", nullptr);
    ScopedEnv home("HOME", "/home/ada");
    EXPECT_EQ(SettingsPath(), "/home/ada/.config/awaitscope/settings.toml");
  }
  {
    ScopedEnv xdg("XDG_CONFIG_HOME", "relative/dir");  // invalid per the XDG spec
    ScopedEnv home("HOME", "/home/ada");
    EXPECT_EQ(SettingsPath(), "/home/ada/.config/awaitscope/settings.toml");
  }
  {
    ScopedEnv xdg("XDG_CONFIG_HOME", nullptr);
    ScopedEnv home("HOME", nullptr);
    EXPECT_EQ(SettingsPath(), "");
  }
}

TEST(GuiArgs, ScaleIsAPercentageOrAFactor) {
  const struct {
    const char* text;
    int percent;
  } good[] = {{"100", 100}, {"150", 150}, {"300", 300}, {"1", 100}, {"2", 200}, {"3", 300}, {"1.5", 150}, {"2.25", 225}};
  for (const auto& g : good) {
    int p = 0;
    EXPECT_TRUE(ParseScale(g.text, &p)) << g.text;
    EXPECT_EQ(p, g.percent) << g.text;
  }
  for (const char* bad : {"", "0", "4", "99", "301", "0.5", "3.5", "1.", ".5", "-2", "150%", "abc", "1e2"}) {
    int p = 0;
    EXPECT_FALSE(ParseScale(bad, &p)) << bad;
  }
}

TEST(GuiArgs, StepRangeIsFirstColonLast) {
  int64_t a = -1, b = -1;
  EXPECT_TRUE(ParseStepRange("3:5", &a, &b));
  EXPECT_EQ(a, 3);
  EXPECT_EQ(b, 5);
  EXPECT_TRUE(ParseStepRange("7:7", &a, &b));
  EXPECT_EQ(a, 7);
  EXPECT_EQ(b, 7);
  for (const char* bad : {"", "3", "3:", ":5", "5:3", "-1:2", "a:b", "1:2:3", "1-2"}) EXPECT_FALSE(ParseStepRange(bad, &a, &b)) << bad;
}

TEST(Theme, NamesRoundTrip) {
  for (const char* name : ThemeNames()) {
    auto t = ParseTheme(name);
    ASSERT_TRUE(t) << name;
    EXPECT_STREQ(ThemeName(*t), name);
  }
  EXPECT_FALSE(ParseTheme("Dark"));
  EXPECT_EQ(&ThemePalette("nonsense"), &ThemePalette(Theme::Dark));
}

TEST(Theme, OkabeItoColoursWithAShapeEach) {
  // Orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple (ImGui's ABGR).
  EXPECT_EQ(TaskColor(0), IM_COL32(230, 159, 0, 255));
  EXPECT_EQ(TaskColor(1), IM_COL32(86, 180, 233, 255));
  EXPECT_EQ(TaskColor(6), IM_COL32(204, 121, 167, 255));
  EXPECT_EQ(TaskColor(7), TaskColor(0));
  EXPECT_EQ(TaskShape(0), MarkerShape::Circle);
  EXPECT_EQ(TaskShape(1), MarkerShape::Square);
  // Neighbouring tasks never share colour or shape, and a (colour, shape) pair repeats only
  // after 42 tasks.
  for (int t = 0; t < 42; ++t) {
    EXPECT_NE(TaskColor(t), TaskColor(t + 1));
    EXPECT_NE(TaskShape(t), TaskShape(t + 1));
    for (int u = t + 1; u < 42; ++u) EXPECT_FALSE(TaskColor(t) == TaskColor(u) && TaskShape(t) == TaskShape(u)) << t << " " << u;
  }
}

// WCAG 2 relative luminance and contrast ratio (1..21).
double Luminance(ImVec4 c) {
  auto lin = [](float v) { return v <= 0.03928f ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * lin(c.x) + 0.7152 * lin(c.y) + 0.0722 * lin(c.z);
}
double Contrast(ImU32 fg, ImVec4 bg) {
  const double a = Luminance(ImGui::ColorConvertU32ToFloat4(fg)), b = Luminance(bg);
  return (std::max(a, b) + 0.05) / (std::min(a, b) + 0.05);
}

TEST(Theme, SuccessTextReadsOnEveryThemesWindows) {
  for (const char* name : ThemeNames()) {
    const Theme t = *ParseTheme(name);
    const ImGuiStyle style = MakeStyle(t, 1.0f);
    // WCAG AA for normal text: 4.5:1.
    EXPECT_GE(Contrast(ThemePalette(t).ok, style.Colors[ImGuiCol_WindowBg]), 4.5) << name;
  }
}

TEST(Fonts, ChineseWhenTheLocaleSaysSoOrAsked) {
  ScopedEnv language("LANGUAGE", nullptr);
  ScopedEnv messages("LC_MESSAGES", nullptr);
  {
    ScopedEnv all("LC_ALL", nullptr);
    ScopedEnv lang("LANG", "zh_CN.UTF-8");
    EXPECT_TRUE(CjkWanted(CjkMode::Auto));
    EXPECT_FALSE(CjkWanted(CjkMode::Off));
  }
  {
    ScopedEnv all("LC_ALL", "zh_TW.UTF-8");
    ScopedEnv lang("LANG", "en_GB.UTF-8");
    EXPECT_TRUE(CjkWanted(CjkMode::Auto));
  }
  {
    ScopedEnv all("LC_ALL", "C.UTF-8");
    ScopedEnv lang("LANG", "zh_CN.UTF-8");
    EXPECT_FALSE(CjkWanted(CjkMode::Auto));  // LC_ALL wins
    EXPECT_TRUE(CjkWanted(CjkMode::On));
  }
}

}  // namespace
}  // namespace aws::gui
