// The exports for other tools, through the real binary: `lower --format svg` (the state machines
// rendered by Graphviz in-process) and `handout` (a page for a class with pictures of the window).
// Both exist only in a build with the window, and `handout` loads Mesa: hence tests/gui (label
// `mesa` under ASan). Opening them in a real browser is tests/browser's job; here: the files,
// their references and their text.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli_runner.h"

#include <gif_lib.h>

namespace aws::testing {
namespace {

namespace fs = std::filesystem;

fs::path TempDir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("awaitscope_export_cli_" + std::to_string(getpid()) + "_" + name);
  fs::remove_all(dir);
  return dir;
}

TEST(LowerSvg, ExampleIsAnSvgWithEveryStateLabel) {
  CliResult r = RunCli("lower scenarios/example.toml --format svg");
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out.rfind("<?xml", 0), 0u) << r.out.substr(0, 200);
  EXPECT_NE(r.out.find("<svg"), std::string::npos);
  ASSERT_GE(r.out.size(), 7u);
  EXPECT_EQ(r.out.substr(r.out.size() - 7), "</svg>\n");
  // Each node: rustc's state name over the teaching label, as two lines of text.
  for (const char* text : {">Unresumed</text>", ">Start</text>", ">Suspend0</text>", ">WaitingOnFooTxt</text>",
                           ">Suspend1</text>", ">Returned</text>", ">End</text>", ">async fn example</text>"})
    EXPECT_NE(r.out.find(text), std::string::npos) << text;
  EXPECT_EQ(RunCli("lower scenarios/example.toml --format svg").out, r.out);  // deterministic
}

TEST(LowerSvg, BadInputIsReportedNotRendered) {
  CliResult r = RunCli("lower tests/bad/does_not_exist.toml --format svg");
  EXPECT_EQ(r.exit_code, 2) << Describe(r);
  EXPECT_EQ(r.out, "");
}

// Reads `<img src="...">` out of the page.
std::vector<std::string> ImageSources(const std::string& html) {
  std::vector<std::string> out;
  static const std::regex img("<img src=\"([^\"]+)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), img); it != std::sregex_iterator(); ++it)
    out.push_back((*it)[1]);
  return out;
}

// The narration lines of `run --narrate`: "STEP  sentence" -> sentence, by step.
std::map<int, std::string> Narration(const std::string& lang) {
  CliResult r = RunCli("run scenarios/example.toml --narrate --lang " + lang);
  std::map<int, std::string> out;
  static const std::regex line("^(\\d+)  (.*)$");
  std::istringstream in(r.out);
  std::string l;
  std::smatch m;
  while (std::getline(in, l))
    if (std::regex_match(l, m, line)) out[std::stoi(m[1])] = m[2];
  return out;
}

std::string HtmlText(std::string s) {
  for (auto [from, to] : {std::pair{"&", "&amp;"}, std::pair{"<", "&lt;"}, std::pair{">", "&gt;"},
                          std::pair{"\"", "&quot;"}, std::pair{"'", "&#39;"}}) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) out += s[i] == from[0] ? std::string(to) : std::string(1, s[i]);
    s = out;
  }
  return s;
}

TEST(Handout, WritesAPageWhoseImagesExistWithEveryKeyStepsNarration) {
  const fs::path dir = TempDir("en");
  CliResult r = RunCli("handout scenarios/example.toml --lang en --out " + ShellQuote(dir.string()), kRoot, "", 180);
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  const std::string html = ReadFileText(dir / "index.html");
  ASSERT_FALSE(html.empty());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0), 0u);
  EXPECT_NE(html.find("<h1>example(min_len): two reads, four states</h1>"), std::string::npos) << html.substr(0, 600);
  EXPECT_NE(html.find("<svg"), std::string::npos);  // the state machines, inline
  EXPECT_NE(html.find("async fn example(min_len: usize) -&gt; String {"), std::string::npos);  // the script, escaped
  const std::vector<std::string> images = ImageSources(html);
  // example: 5 transitions and 2 wakes (`run` shows them); one picture each.
  ASSERT_EQ(images.size(), 7u) << html;
  for (const std::string& src : images) {
    ASSERT_TRUE(fs::is_regular_file(dir / src)) << src;
    const std::string png = ReadFileText(dir / src);
    ASSERT_GT(png.size(), 24u);
    EXPECT_EQ(png.substr(1, 3), "PNG");
    // IHDR: 1280 x 800, big-endian at bytes 16..23.
    EXPECT_EQ(png.substr(16, 8), std::string("\0\0\x05\x00\0\0\x03\x20", 8)) << src;
  }
  const std::map<int, std::string> said = Narration("en");
  static const std::regex section("<section class=\"step\" id=\"step-(\\d+)\">");
  int sections = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), section); it != std::sregex_iterator(); ++it) {
    const int step = std::stoi((*it)[1]);
    ASSERT_TRUE(said.count(step)) << step;
    EXPECT_NE(html.find("<p class=\"narration\">" + HtmlText(said.at(step)) + "</p>"), std::string::npos)
        << step << ": " << said.at(step);
    EXPECT_NE(html.find("src=\"images/step_" + std::string(6 - std::to_string(step).size(), '0') +
                        std::to_string(step) + ".png\""),
              std::string::npos);
    ++sections;
  }
  EXPECT_EQ(sections, 7);
  EXPECT_NE(html.find("<h2>Summary</h2>"), std::string::npos);
  EXPECT_NE(html.find("3 polls of tasks: 2 returned Pending, 1 Ready. 2 wakes reached the executor. The run "
                      "ended at 50 ms."),
            std::string::npos);
  // Written through temporary names: nothing but the page and the pictures is left.
  std::set<std::string> names;
  for (const auto& e : fs::recursive_directory_iterator(dir)) names.insert(fs::relative(e.path(), dir).string());
  EXPECT_EQ(names.size(), 2u + images.size()) << ::testing::PrintToString(names);
  fs::remove_all(dir);
}

TEST(Handout, InChineseNarratesInChinese) {
  const fs::path dir = TempDir("zh");
  CliResult r = RunCli("handout scenarios/example.toml --lang zh --out " + ShellQuote(dir.string()), kRoot, "", 180);
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  const std::string html = ReadFileText(dir / "index.html");
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"zh\">", 0), 0u);
  for (const char* heading : {"<h2>状态机</h2>", "<h2>关键步骤</h2>", "<h2>总结</h2>"})
    EXPECT_NE(html.find(heading), std::string::npos) << heading;
  // The scenario's own texts come from its [zh] translation; the section under D2's headings.
  for (const char* text : {"<title>example(min_len)：两次读取，四个状态</title>",
                           "<h1>example(min_len)：两次读取，四个状态</h1>",
                           "<p class=\"source\">出处：Async/Await（blog_os 第 12 篇）, Async/Await 模式; 状态机转换; "
                           "保存状态</p>",
                           "<p class=\"description\">`example(100)` 读取 foo.txt。",
                           "<p class=\"erratum\">勘误：D1/D2，状态机转换：正文把图中没有标注的红色菱形称为 "
                           "`if content.len() &lt; 100` 分支；"})
    EXPECT_NE(html.find(text), std::string::npos) << text;
  EXPECT_EQ(html.find("two reads, four states"), std::string::npos);
  const std::map<int, std::string> said = Narration("zh");
  ASSERT_FALSE(said.empty());
  int found = 0;
  for (const auto& [step, sentence] : said)
    if (html.find("<p class=\"narration\">" + HtmlText(sentence) + "</p>") != std::string::npos) ++found;
  EXPECT_EQ(found, 7);
  fs::remove_all(dir);
}

TEST(Handout, BadInputAndUnwritableFoldersExitTwo) {
  CliResult r = RunCli("handout tests/bad/does_not_exist.toml --out " + ShellQuote(TempDir("bad").string()));
  EXPECT_EQ(r.exit_code, 2) << Describe(r);
  const fs::path blocker = TempDir("blocker");
  WriteFileText(blocker, "x");  // a file where the folder should go
  r = RunCli("handout scenarios/example.toml --out " + ShellQuote(blocker.string()));
  EXPECT_EQ(r.exit_code, 2) << Describe(r);
  EXPECT_NE(r.err.find("cannot create the folder"), std::string::npos) << Describe(r);
  fs::remove(blocker);
}

}  // namespace
}  // namespace aws::testing

namespace aws::testing {
namespace {

// `gui --export-steps A:B --gif FILE`: an animated GIF of the steps, headlessly, through a
// temporary name; piped, it prints no progress line, only what it wrote.
TEST(GifExport, CommandLineWritesOneFramePerStepWithItsDelay) {
  const fs::path dir = TempDir("gif");
  fs::create_directories(dir);
  const fs::path gif = dir / "example.gif";
  CliResult r = RunCli("gui scenarios/example.toml --size 480x300 --export-steps 3:7 --gif-step-ms 250 --gif " +
                       ShellQuote(gif.string()));
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_EQ(r.err, "awaitscope: wrote " + gif.string() + " (5 steps)\n");
  int code = 0;
  GifFileType* file = DGifOpenFileName(gif.string().c_str(), &code);
  ASSERT_NE(file, nullptr) << GifErrorString(code);
  ASSERT_EQ(DGifSlurp(file), GIF_OK);
  EXPECT_EQ(file->SWidth, 480);
  EXPECT_EQ(file->SHeight, 300);
  EXPECT_EQ(file->ImageCount, 5);
  GraphicsControlBlock gcb;
  ASSERT_EQ(DGifSavedExtensionToGCB(file, 4, &gcb), GIF_OK);
  EXPECT_EQ(gcb.DelayTime, 25);
  DGifCloseFile(file, &code);
  size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1u) << "no temporary file left";
  fs::remove_all(dir);
}

TEST(GifExport, UsageErrorsExitTwo) {
  CliResult r = RunCli("gui scenarios/example.toml --gif /tmp/never.gif");
  EXPECT_EQ(r.exit_code, 2) << Describe(r);
  EXPECT_EQ(r.err, "awaitscope: --out-dir and --gif need --export-steps FIRST:LAST\n");
  r = RunCli("gui scenarios/example.toml --export-steps 1:2");
  EXPECT_EQ(r.exit_code, 2) << Describe(r);
  EXPECT_EQ(r.err, "awaitscope: --export-steps needs --out-dir (PNGs) or --gif (an animated GIF)\n");
  r = RunCli("gui scenarios/example.toml --export-steps 1:2 --gif /tmp/never.gif --gif-step-ms 5");
  EXPECT_EQ(r.exit_code, 2) << Describe(r);
  EXPECT_EQ(r.err, "awaitscope: --gif-step-ms must be from 20 to 60000, not 5\n");
  EXPECT_FALSE(fs::exists("/tmp/never.gif"));
}

}  // namespace
}  // namespace aws::testing
