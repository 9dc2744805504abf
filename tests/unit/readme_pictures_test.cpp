// README.md opens with pictures of the window that scripts/update-readme-pictures.sh renders with
// the app's own headless screenshot. This keeps the two in step: README shows exactly the pictures
// the script makes, each is committed, and each is a PNG of the size the script renders.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace aws {
namespace {

namespace fs = std::filesystem;
const fs::path kRoot = AWAITSCOPE_SOURCE_DIR;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

uint32_t BigEndian32(const std::string& s, size_t at) {
  uint32_t v = 0;
  for (size_t i = 0; i < 4; ++i) v = v << 8 | static_cast<unsigned char>(s[at + i]);
  return v;
}

TEST(ReadmePictures, ReadmeShowsExactlyThePicturesTheScriptRenders) {
  const std::string script = Slurp(kRoot / "scripts" / "update-readme-pictures.sh");
  const std::string readme = Slurp(kRoot / "README.md");
  ASSERT_FALSE(script.empty());

  // The script's table: `  "NAME.png   scenarios/X.toml   STEP  OPTIONS"`.
  std::set<std::string> rendered;
  const std::regex row(R"re(\n  "([a-z_]+\.png)\s+(scenarios/[a-z_]+\.toml)\s+(\d+))re");
  for (auto it = std::sregex_iterator(script.begin(), script.end(), row); it != std::sregex_iterator(); ++it) {
    rendered.insert((*it)[1]);
    EXPECT_TRUE(fs::exists(kRoot / (*it)[2].str())) << (*it)[2];
  }
  EXPECT_EQ(rendered.size(), 4u);

  std::set<std::string> shown;
  const std::regex image(R"re(!\[[^\]]+\]\(docs/pictures/([a-z_]+\.png)\))re");
  for (auto it = std::sregex_iterator(readme.begin(), readme.end(), image); it != std::sregex_iterator(); ++it)
    shown.insert((*it)[1]);
  EXPECT_EQ(shown, rendered);

  const std::regex size(R"re(\nsize=(\d+)x(\d+)\n)re");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(script, m, size));
  const uint32_t w = std::stoul(m[1]), h = std::stoul(m[2]);
  for (const std::string& name : rendered) {
    SCOPED_TRACE(name);
    const std::string png = Slurp(kRoot / "docs" / "pictures" / name);
    ASSERT_GE(png.size(), 24u) << "missing or empty: run scripts/update-readme-pictures.sh";
    EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    EXPECT_EQ(png.substr(12, 4), "IHDR");
    EXPECT_EQ(BigEndian32(png, 16), w);
    EXPECT_EQ(BigEndian32(png, 20), h);
  }
}

}  // namespace
}  // namespace aws
