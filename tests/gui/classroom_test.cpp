// The classroom side of the window, rendered headlessly: themes, font scales, the Chinese font,
// the Okabe–Ito task markers, and exports from the window (PNG, PNG per step, traces).
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <tuple>
#include <vector>

#include "awaitscope/trace_io.h"
#include "cli_runner.h"
#include "gui/app.h"
#include "gui/app_main.h"
#include "gui/export.h"
#include "gui/fonts.h"
#include "gui/machine_svg.h"
#include "present/image.h"
#include "gui/platform.h"
#include "gui/theme.h"
#include "present/i18n.h"
#include "headless.h"

namespace aws::gui {
namespace {

using shots::FromImColor;
using shots::Rgb;

namespace fs = std::filesystem;

const fs::path kRoot = AWAITSCOPE_SOURCE_DIR;
const std::string kExample = (kRoot / "scenarios" / "example.toml").string();
const std::string kTwoTasks = (kRoot / "scenarios" / "two_tasks.toml").string();
constexpr int kWidth = 1000;
constexpr int kHeight = 600;
constexpr int kFrames = 3;
constexpr char32_t kZhong = 0x4E2D;  // 中, in the Simplified Chinese common range


// Pixels of exactly colour `c` inside [x0, x1) x [y0, y1).
int64_t CountColorIn(const Image& img, Rgb c, int x0, int y0, int x1, int y1) {
  int64_t n = 0;
  for (int y = std::max(y0, 0); y < std::min(y1, img.height); ++y)
    for (int x = std::max(x0, 0); x < std::min(x1, img.width); ++x) {
      const uint8_t* p = &img.rgba[(static_cast<size_t>(y) * img.width + x) * 4];
      if (p[0] == c.r && p[1] == c.g && p[2] == c.b) ++n;
    }
  return n;
}

// The window holding panel `title`, alone ("Source") or among tabs ("Source | Editor").
ImGuiWindow* PanelWindow(const std::string& title) {
  for (ImGuiWindow* w : GImGui->Windows) {
    const std::string name = w->Name;
    if (name == title || name.starts_with(title + " | ") || name.find(" | " + title) != std::string::npos) return w;
  }
  return nullptr;
}

// The first and last row where colour `c` appears between x0 and x1 ({-1, -1}: nowhere), checked
// to be one unbroken run.
std::pair<int, int> BandOf(const Image& img, Rgb c, int x0, int x1) {
  std::pair<int, int> band{-1, -1};
  for (int y = 0; y < img.height; ++y) {
    if (CountColorIn(img, c, x0, y, x1, y + 1) == 0) continue;
    if (band.first < 0) band.first = y;
    EXPECT_TRUE(band.second < 0 || band.second == y - 1) << "a second band at y=" << y;
    band.second = y;
  }
  return band;
}

// Mean luma over the image, 0..255.
double MeanLuma(const Image& img) {
  double sum = 0;
  for (size_t i = 0; i + 3 < img.rgba.size(); i += 4) sum += 0.299 * img.rgba[i] + 0.587 * img.rgba[i + 1] + 0.114 * img.rgba[i + 2];
  return sum / (static_cast<double>(img.rgba.size()) / 4);
}

// The luma of the picture's most common colour (its panels' background).
double CommonLuma(const Image& img) {
  std::map<uint32_t, int64_t> count;
  for (size_t i = 0; i + 3 < img.rgba.size(); i += 4)
    ++count[uint32_t(img.rgba[i]) << 16 | uint32_t(img.rgba[i + 1]) << 8 | img.rgba[i + 2]];
  const auto top = std::max_element(count.begin(), count.end(),
                                    [](const auto& a, const auto& b) { return a.second < b.second; });
  const uint32_t c = top == count.end() ? 0 : top->first;
  return 0.299 * double(c >> 16) + 0.587 * double((c >> 8) & 0xFF) + 0.114 * double(c & 0xFF);
}

int64_t DifferingPixels(const Image& a, const Image& b) {
  if (a.rgba.size() != b.rgba.size()) return -1;
  int64_t n = 0;
  for (size_t i = 0; i < a.rgba.size(); i += 4)
    if (a.rgba[i] != b.rgba[i] || a.rgba[i + 1] != b.rgba[i + 1] || a.rgba[i + 2] != b.rgba[i + 2]) ++n;
  return n;
}

std::string Slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

class Classroom : public ::testing::Test {
 protected:
  void Open(const std::string& scenario, CjkMode cjk = CjkMode::Off) {
    PlatformOptions o;
    o.width = kWidth;
    o.height = kHeight;
    o.headless = true;
    o.cjk = cjk;
    std::string error;
    ASSERT_TRUE(platform_.Open(o, &error)) << error;
    Diagnostics diags;
    ASSERT_TRUE(app_.Load(scenario, diags)) << diags.Render();
  }

  Image Render() {
    Image shot;
    for (int i = 0; i < kFrames; ++i) EXPECT_TRUE(DrawFrame(platform_, app_, i + 1 == kFrames ? &shot : nullptr));
    return shot;
  }

  void TearDown() override {
    if (!tmp_.empty()) fs::remove_all(tmp_);
  }

  // A fresh folder for this test's files.
  fs::path Tmp() {
    if (tmp_.empty()) {
      tmp_ = fs::temp_directory_path() / ("awaitscope_classroom_" + std::to_string(::getpid()) + "_" +
                                          ::testing::UnitTest::GetInstance()->current_test_info()->name());
      fs::remove_all(tmp_);
      fs::create_directories(tmp_);
    }
    return tmp_;
  }

  Platform platform_;
  App app_;
  fs::path tmp_;
};

TEST_F(Classroom, LightAndDarkThemesDrawTheSameStepDifferently) {
  Open(kExample);
  app_.Push({CommandKind::Seek, 7});
  Image dark = Render();
  EXPECT_EQ(platform_.applied().theme, "dark");
  app_.Push({CommandKind::SetTheme, -1, 0, "light"});
  Image light = Render();
  EXPECT_EQ(platform_.applied().theme, "light");
  app_.Push({CommandKind::SetTheme, -1, 0, "high-contrast"});
  Image contrast = Render();
  ASSERT_EQ(app_.session().cursor(), 7);

  EXPECT_LT(MeanLuma(dark), 60);
  EXPECT_GT(MeanLuma(light), 180);
  EXPECT_LT(CommonLuma(contrast), CommonLuma(dark));  // black panels
  EXPECT_GT(DifferingPixels(dark, light), kWidth * kHeight / 2);
  EXPECT_GT(DifferingPixels(dark, contrast), kWidth * kHeight / 4);

  // The current line's highlight follows the theme's palette (step 7 is on line 5) and stays in
  // place: the same band of rows across the Source panel, in the theme's colour only there.
  const Rgb dark_line = FromImColor(ThemePalette(Theme::Dark).current_line);
  const Rgb light_line = FromImColor(ThemePalette(Theme::Light).current_line);
  ImGuiWindow* src = PanelWindow("Source");
  ASSERT_NE(src, nullptr);
  const int sx0 = int(src->Pos.x), sy0 = int(src->Pos.y), sx1 = int(src->Pos.x + src->Size.x), sy1 = int(src->Pos.y + src->Size.y);
  const auto dark_band = BandOf(dark, dark_line, sx0, sx1);
  const auto light_band = BandOf(light, light_line, sx0, sx1);
  ASSERT_GE(dark_band.first, sy0);
  EXPECT_LE(dark_band.second, sy1);
  EXPECT_GE(dark_band.second - dark_band.first + 1, 14);  // one row of the 15 px mono font
  EXPECT_EQ(light_band, dark_band);
  // Across the panel: in the band's middle row, most of the panel's width has the colour.
  EXPECT_GT(CountColorIn(dark, dark_line, sx0, dark_band.first + 1, sx1, dark_band.first + 2), (sx1 - sx0) * 3 / 4);
  EXPECT_GT(CountColorIn(light, light_line, sx0, light_band.first + 1, sx1, light_band.first + 2), (sx1 - sx0) * 3 / 4);
  // Nowhere else, and never the other theme's colour.
  const int64_t dark_px = CountColorIn(dark, dark_line, 0, 0, kWidth, kHeight);
  EXPECT_EQ(CountColorIn(dark, dark_line, sx0, dark_band.first, sx1, dark_band.second + 1), dark_px);
  EXPECT_EQ(CountColorIn(light, dark_line, 0, 0, kWidth, kHeight), 0);

  // Back to dark: the very same picture as before.
  app_.Push({CommandKind::SetTheme, -1, 0, "dark"});
  EXPECT_EQ(DifferingPixels(Render(), dark), 0);
}

TEST_F(Classroom, FontAtTwoHundredPercentIsTwiceAsTall) {
  Open(kExample);
  Render();
  auto measure = [&] {
    EXPECT_TRUE(platform_.BeginFrame());
    ImVec2 size = ImGui::CalcTextSize("Waker W0 wakes T1");
    const float font = ImGui::GetFontSize();
    const float frame_padding = ImGui::GetStyle().FramePadding.y;
    platform_.EndFrame();
    return std::tuple(size, font, frame_padding);
  };
  auto [size100, font100, pad100] = measure();
  EXPECT_TRUE(platform_.fonts().dejavu) << "fonts-dejavu-core is not installed";
  EXPECT_EQ(font100, kBaseFontPx);

  app_.Push({CommandKind::SetScale, -1, 200});
  Render();
  ASSERT_EQ(platform_.applied().scale_percent, 200);
  auto [size200, font200, pad200] = measure();
  EXPECT_EQ(font200, 2 * kBaseFontPx);
  EXPECT_EQ(size200.y, 2 * size100.y);
  // Rasterised at 30 px, not scaled: hinting moves advances a little, never by 5 %.
  EXPECT_NEAR(size200.x / size100.x, 2.0, 0.1);
  EXPECT_EQ(ImGui::GetIO().FontGlobalScale, 1.0f);
  EXPECT_EQ(pad200, 2 * pad100);  // the style scales from the base style, once

  app_.Push({CommandKind::SetScale, -1, 300});
  Render();
  EXPECT_EQ(std::get<1>(measure()), 3 * kBaseFontPx);
  EXPECT_EQ(platform_.fonts().size_px, 3 * kBaseFontPx);
  // And back: 100 % again is exactly the first style (no compounding).
  app_.Push({CommandKind::SetScale, -1, 100});
  Render();
  auto [size_back, font_back, pad_back] = measure();
  EXPECT_EQ(font_back, font100);
  EXPECT_EQ(size_back.x, size100.x);
  EXPECT_EQ(pad_back, pad100);
}

TEST_F(Classroom, ChineseGlyphsAreInTheAtlasWhenEnabled) {
  const std::string cjk = FindCjkFont();
  if (cjk.empty()) GTEST_SKIP() << "no Chinese font installed (fonts-wqy-microhei or fonts-noto-cjk)";
  Open(kExample, CjkMode::On);
  EXPECT_TRUE(platform_.fonts().cjk);
  const Fonts f = CurrentFonts();
  EXPECT_NE(f.ui->FindGlyphNoFallback(static_cast<ImWchar>(kZhong)), nullptr);
  // The mono font has the catalog's characters only (中 of 中断 is one), not all common ones.
  EXPECT_NE(f.mono->FindGlyphNoFallback(static_cast<ImWchar>(kZhong)), nullptr);
  const std::string catalog = present::CatalogText(present::Lang::Zh);
  ImWchar outside = 0;
  for (ImWchar c = 0x4E00; c < 0x9FA0 && outside == 0; ++c) {
    char utf8[4] = {char(0xE0 | (c >> 12)), char(0x80 | ((c >> 6) & 0x3F)), char(0x80 | (c & 0x3F)), 0};
    if (f.ui->FindGlyphNoFallback(c) != nullptr && catalog.find(utf8) == std::string::npos) outside = c;
  }
  ASSERT_NE(outside, 0);
  EXPECT_EQ(f.mono->FindGlyphNoFallback(outside), nullptr);
  // Latin glyphs stay DejaVu's: merging never overwrites a glyph.
  EXPECT_NE(f.ui->FindGlyphNoFallback('A'), nullptr);
  // Still there after a rescale.
  app_.Push({CommandKind::SetScale, -1, 150});
  Render();
  Render();
  EXPECT_NE(CurrentFonts().ui->FindGlyphNoFallback(static_cast<ImWchar>(kZhong)), nullptr);
}

TEST_F(Classroom, NoChineseGlyphsWhenDisabled) {
  Open(kExample, CjkMode::Off);
  EXPECT_FALSE(platform_.fonts().cjk);
  EXPECT_EQ(CurrentFonts().ui->FindGlyphNoFallback(static_cast<ImWchar>(kZhong)), nullptr);
}

TEST_F(Classroom, ExecutorMarksTasksWithOkabeItoColoursAndShapes) {
  Open(kTwoTasks);
  app_.Push({CommandKind::Seek, 12});  // T0 running, T1 scheduled
  Image img = Render();
  ASSERT_EQ(app_.session().state().tasks.size(), 2u);
  ImGuiWindow* w = ImGui::FindWindowByName("Executor");
  ASSERT_NE(w, nullptr);
  const int x0 = int(w->Pos.x), y0 = int(w->Pos.y), x1 = int(w->Pos.x + w->Size.x), y1 = int(w->Pos.y + w->Size.y);
  const Rgb orange{230, 159, 0}, sky_blue{86, 180, 233};
  // A marker is 12 px across at 100 %: its inside is exactly the task's colour.
  EXPECT_GT(CountColorIn(img, orange, x0, y0, x1, y1), 50);
  EXPECT_GT(CountColorIn(img, sky_blue, x0, y0, x1, y1), 50);
  // Each on its task's row of the table: T0's orange above T1's sky blue, one table row apart,
  // in the same column.
  const auto t0 = BandOf(img, orange, x0, x1), t1 = BandOf(img, sky_blue, x0, x1);
  const float pitch = (t1.first + t1.second) / 2.0f - (t0.first + t0.second) / 2.0f;
  EXPECT_GT(pitch, 15.0f);
  EXPECT_LT(pitch, 26.0f);
  EXPECT_GE(t0.second - t0.first + 1, 8);
  // The same colours in the light theme: a task keeps its colour whatever the theme.
  app_.Push({CommandKind::SetTheme, -1, 0, "light"});
  Image light = Render();
  EXPECT_GT(CountColorIn(light, orange, x0, y0, x1, y1), 50);
  EXPECT_GT(CountColorIn(light, sky_blue, x0, y0, x1, y1), 50);
  // Before T1 is spawned, its sky blue is nowhere in the panel.
  app_.Push({CommandKind::SetTheme, -1, 0, "dark"});
  app_.Push({CommandKind::Seek, 0});
  Image one_task = Render();
  ASSERT_EQ(app_.session().state().tasks.size(), 1u);
  EXPECT_GT(CountColorIn(one_task, orange, x0, y0, x1, y1), 50);
  EXPECT_EQ(CountColorIn(one_task, sky_blue, x0, y0, x1, y1), 0);
}

TEST_F(Classroom, WindowPngExportWritesTheFrame) {
  Open(kExample);
  app_.Push({CommandKind::Seek, 7});
  Image before = Render();
  const fs::path out = Tmp() / "window.png";
  app_.Push({CommandKind::Export, -1, static_cast<int64_t>(ExportKind::WindowPng), out.string()});
  Image frame;
  ASSERT_TRUE(DrawFrame(platform_, app_, &frame));
  EXPECT_EQ(app_.view().status, "wrote " + out.string() + " (1000x600)");
  Image png;
  std::string error;
  ASSERT_TRUE(ReadPng(out.string(), &png, &error)) << error;
  EXPECT_EQ(png.width, kWidth);
  EXPECT_EQ(png.height, kHeight);
  EXPECT_EQ(DifferingPixels(png, frame), 0);
}

TEST_F(Classroom, StepRangeExportWritesOnePngPerStepAndRestoresTheCursor) {
  Open(kExample);
  app_.Push({CommandKind::Seek, 20});
  Render();
  const fs::path dir = Tmp() / "slides" / "nested";  // created on demand
  // Steps 8..10 all execute line 5: the Source panel's scrolling (which depends on the lines
  // visited before) is the same whichever way the step is reached.
  Command c{CommandKind::Export, 8, static_cast<int64_t>(ExportKind::StepRangePng), dir.string(), 10};
  app_.Push(c);
  ASSERT_TRUE(DrawFrame(platform_, app_));
  EXPECT_EQ(app_.view().status, "wrote 3 PNGs to " + dir.string());
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"step_000008.png", "step_000009.png", "step_000010.png"}));
  Image step9;
  std::string error;
  ASSERT_TRUE(ReadPng((dir / "step_000009.png").string(), &step9, &error)) << error;
  EXPECT_EQ(step9.width, kWidth);
  EXPECT_EQ(step9.height, kHeight);

  // The cursor is back where it was, and step 9's PNG is what the window shows at step 9
  // (without the status line, which was empty during the export).
  Render();
  EXPECT_EQ(app_.session().cursor(), 20);
  app_.SetStatus("");
  app_.Push({CommandKind::Seek, 9});
  EXPECT_EQ(DifferingPixels(Render(), step9), 0);
}

TEST_F(Classroom, UnwritableExportsReportAndNeverCrash) {
  Open(kExample);
  Render();
  const fs::path blocker = Tmp() / "file";
  std::ofstream(blocker) << "x";  // a file where a folder is needed
  app_.Push({CommandKind::Export, -1, static_cast<int64_t>(ExportKind::WindowPng), (blocker / "x.png").string()});
  ASSERT_TRUE(DrawFrame(platform_, app_));
  EXPECT_EQ(app_.view().status.rfind("export failed: ", 0), 0u) << app_.view().status;
  app_.Push({CommandKind::Export, 0, static_cast<int64_t>(ExportKind::StepRangePng), (blocker / "dir").string(), 2});
  ASSERT_TRUE(DrawFrame(platform_, app_));
  EXPECT_EQ(app_.view().status, "export failed after 0 PNGs: cannot create the folder " + (blocker / "dir").string());
  app_.Push({CommandKind::Export, -1, static_cast<int64_t>(ExportKind::ChromeTrace), (blocker / "t.json").string()});
  ASSERT_TRUE(DrawFrame(platform_, app_));
  EXPECT_EQ(app_.view().status, "export failed: cannot write " + (blocker / "t.json").string() + ": Not a directory");
}

// The File menu's names. speedscope reads a name ending in .chrome.json as a DevTools profile
// and cannot open the Chrome trace under it (tests/browser checks the name opens).
TEST(ExportNames, AreNamedForTheScenarioAndOpenInSpeedscope) {
  EXPECT_EQ(ExportFileName(ExportKind::ChromeTrace, "example"), "awaitscope-example.chrome-trace.json");
  EXPECT_EQ(ExportFileName(ExportKind::NativeTrace, "example"), "awaitscope-example.trace.json");
  EXPECT_EQ(ExportFileName(ExportKind::TextTrace, "example"), "awaitscope-example.trace.txt");
  EXPECT_EQ(ExportFileName(ExportKind::StepRangePng, "example"), "awaitscope-example-steps");
  EXPECT_EQ(ExportFileName(ExportKind::MachinesSvg, "example"), "awaitscope-example.machines.svg");
  EXPECT_FALSE(ExportFileName(ExportKind::ChromeTrace, "x").ends_with(".chrome.json"));
}

// File > Export state machines (SVG): the bytes `awaitscope lower --format svg` prints, written
// through a temporary file; an unwritable path reports and leaves nothing behind.
TEST_F(Classroom, MachinesSvgExportIsTheCommandLinesSvg) {
  Open(kExample);
  Render();
  const fs::path dir = Tmp();
  const fs::path path = dir / "m.svg";
  app_.Push({CommandKind::Export, -1, static_cast<int64_t>(ExportKind::MachinesSvg), path.string()});
  ASSERT_TRUE(DrawFrame(platform_, app_));
  EXPECT_EQ(app_.view().status, "wrote " + path.string());
  // The same bytes as the command line's, from another process, and as every later render in
  // this one (cgraph's default IDs followed heap addresses: the clusters' order, and so the
  // layout, changed from process to process; machine_svg.cpp numbers objects itself).
  const aws::testing::CliResult cli = aws::testing::RunCli("lower scenarios/example.toml --format svg");
  ASSERT_EQ(cli.exit_code, 0) << aws::testing::Describe(cli);
  EXPECT_EQ(Slurp(path), cli.out);
  for (int i = 0; i < 3; ++i) {
    std::vector<std::string> churn(100 + 37 * i, std::string(64 + i, 'x'));  // a different heap each time
    std::string svg, error;
    ASSERT_TRUE(RenderMachinesSvg(*app_.session().program(), &svg, &error)) << error;
    EXPECT_EQ(svg, cli.out) << i;
  }
  EXPECT_NE(cli.out.find(">WaitingOnFooTxt</text>"), std::string::npos);
  const fs::path blocker = dir / "file";
  std::ofstream(blocker) << "x";
  app_.Push({CommandKind::Export, -1, static_cast<int64_t>(ExportKind::MachinesSvg), (blocker / "m.svg").string()});
  ASSERT_TRUE(DrawFrame(platform_, app_));
  EXPECT_EQ(app_.view().status, "export failed: cannot write " + (blocker / "m.svg").string() + ": Not a directory");
  size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 2u);  // m.svg and the blocker: no temporary file left
}

TEST_F(Classroom, TraceExportsMatchTheCommandLineWriters) {
  Open(kExample);
  Render();
  const fs::path dir = Tmp();
  for (auto [kind, name] : {std::pair{ExportKind::ChromeTrace, "chrome.json"}, std::pair{ExportKind::NativeTrace, "native.json"},
                            std::pair{ExportKind::TextTrace, "trace.txt"}}) {
    app_.Push({CommandKind::Export, -1, static_cast<int64_t>(kind), (dir / name).string()});
    ASSERT_TRUE(DrawFrame(platform_, app_));
    EXPECT_EQ(app_.view().status, "wrote " + (dir / name).string());
  }
  const Session& s = app_.session();
  EXPECT_EQ(Slurp(dir / "chrome.json"), TraceToChrome(s.trace(), s.program()));
  EXPECT_EQ(Slurp(dir / "trace.txt"), TraceToText(s.trace(), s.program()));
  // The native trace replays to the same run.
  Session replay;
  Diagnostics diags;
  ASSERT_TRUE(replay.Load((dir / "native.json").string(), diags)) << diags.Render();
  EXPECT_EQ(TraceToText(replay.trace(), replay.program()), Slurp(dir / "trace.txt"));
}

// The command line: --export-steps writes the folder; headless runs ignore the settings file.
TEST_F(Classroom, CommandLineExportsStepsAndIgnoresRememberedSettings) {
  const fs::path dir = Tmp();
  fs::create_directories(dir / "config" / "awaitscope");
  std::ofstream(dir / "config" / "awaitscope" / "settings.toml") << "theme = \"light\"\nscale_percent = 300\n";
  const std::string cmd = "XDG_CONFIG_HOME='" + (dir / "config").string() + "' '" + AWAITSCOPE_BINARY + "' gui '" +
                          kExample + "' --size 640x400 --export-steps 2:3 --out-dir '" + (dir / "out").string() +
                          "' --step 9 --screenshot '" + (dir / "shot.png").string() + "' 2>/dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  Image a, shot;
  std::string error;
  ASSERT_TRUE(ReadPng((dir / "out" / "step_000002.png").string(), &a, &error)) << error;
  EXPECT_EQ(a.width, 640);
  EXPECT_EQ(a.height, 400);
  EXPECT_TRUE(fs::exists(dir / "out" / "step_000003.png"));
  EXPECT_FALSE(fs::exists(dir / "out" / "step_000004.png"));
  ASSERT_TRUE(ReadPng((dir / "shot.png").string(), &shot, &error)) << error;
  EXPECT_LT(MeanLuma(shot), 60) << "a headless screenshot must not take the remembered light theme";
  EXPECT_EQ(Slurp(dir / "config" / "awaitscope" / "settings.toml"), "theme = \"light\"\nscale_percent = 300\n");

  // --theme and --scale on the command line do apply; an unknown preset is an error naming the known ones.
  const std::string themed = "'" + std::string(AWAITSCOPE_BINARY) + "' gui '" + kExample +
                             "' --size 640x400 --theme light --scale 1.5 --screenshot '" + (dir / "light.png").string() + "'";
  ASSERT_EQ(std::system(themed.c_str()), 0) << themed;
  Image light;
  ASSERT_TRUE(ReadPng((dir / "light.png").string(), &light, &error)) << error;
  EXPECT_GT(MeanLuma(light), 180);
  const std::string bad = "'" + std::string(AWAITSCOPE_BINARY) + "' gui '" + kExample + "' --preset nope --screenshot '" +
                          (dir / "x.png").string() + "' 2>'" + (dir / "err.txt").string() + "'";
  EXPECT_EQ(WEXITSTATUS(std::system(bad.c_str())), 2);
  EXPECT_EQ(Slurp(dir / "err.txt").rfind("awaitscope: no layout preset `nope` (known: everything, ", 0), 0u)
      << Slurp(dir / "err.txt");
  EXPECT_FALSE(fs::exists(dir / "x.png"));
}

}  // namespace
}  // namespace aws::gui
