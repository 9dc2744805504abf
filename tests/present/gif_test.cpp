// The animated GIF writer (app/present/gif.h), read back with giflib's own decoder.
#include "present/gif.h"

#include <gif_lib.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <string>

namespace aws::present {
namespace {

namespace fs = std::filesystem;

Image Solid(int w, int h, uint8_t r, uint8_t g, uint8_t b) {
  Image img{w, h, std::vector<uint8_t>(static_cast<size_t>(w) * h * 4, 255)};
  for (size_t i = 0; i < img.rgba.size(); i += 4) {
    img.rgba[i] = r;
    img.rgba[i + 1] = g;
    img.rgba[i + 2] = b;
  }
  return img;
}

fs::path Scratch(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("awaitscope_gif_test_" + std::to_string(getpid()));
  fs::create_directories(dir);
  return dir / name;
}

size_t FilesIn(const fs::path& dir) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

// The colour of pixel (x, y) of frame `i`.
GifColorType PixelOf(const GifFileType* gif, int i, int x, int y) {
  const SavedImage& img = gif->SavedImages[i];
  const ColorMapObject* map = img.ImageDesc.ColorMap ? img.ImageDesc.ColorMap : gif->SColorMap;
  return map->Colors[img.RasterBits[y * img.ImageDesc.Width + x]];
}

TEST(GifWriter, WritesLoopingFramesWithTheirDelaysAndColours) {
  const fs::path path = Scratch("three.gif");
  GifWriter w;
  std::string error;
  ASSERT_TRUE(w.Open(path.string(), 16, 8, &error)) << error;
  Image two = Solid(16, 8, 0, 0, 255);
  for (int y = 0; y < 8; ++y)
    for (int x = 8; x < 16; ++x) two.rgba[(y * 16 + x) * 4 + 1] = 200, two.rgba[(y * 16 + x) * 4 + 2] = 0;
  ASSERT_TRUE(w.AddFrame(Solid(16, 8, 255, 0, 0), 250, &error)) << error;
  ASSERT_TRUE(w.AddFrame(two, 500, &error)) << error;
  ASSERT_TRUE(w.AddFrame(Solid(16, 8, 10, 20, 30), 5, &error)) << error;  // shorter than 20 ms
  EXPECT_FALSE(fs::exists(path)) << "the GIF appears under its name only when finished";
  ASSERT_TRUE(w.Finish(&error)) << error;
  EXPECT_EQ(FilesIn(path.parent_path()), 1u) << "no temporary file left";

  int code = 0;
  GifFileType* gif = DGifOpenFileName(path.string().c_str(), &code);
  ASSERT_NE(gif, nullptr) << GifErrorString(code);
  ASSERT_EQ(DGifSlurp(gif), GIF_OK) << GifErrorString(gif->Error);
  EXPECT_EQ(gif->SWidth, 16);
  EXPECT_EQ(gif->SHeight, 8);
  ASSERT_EQ(gif->ImageCount, 3);
  const int delays[] = {25, 50, 2};
  for (int i = 0; i < 3; ++i) {
    GraphicsControlBlock gcb;
    ASSERT_EQ(DGifSavedExtensionToGCB(gif, i, &gcb), GIF_OK);
    EXPECT_EQ(gcb.DelayTime, delays[i]) << i;
  }
  // The first frame carries NETSCAPE2.0 with a loop count of 0: forever.
  bool loops = false;
  const SavedImage& first = gif->SavedImages[0];
  for (int e = 0; e + 1 < first.ExtensionBlockCount; ++e)
    if (first.ExtensionBlocks[e].Function == APPLICATION_EXT_FUNC_CODE &&
        std::memcmp(first.ExtensionBlocks[e].Bytes, "NETSCAPE2.0", 11) == 0)
      loops = first.ExtensionBlocks[e + 1].ByteCount == 3 && first.ExtensionBlocks[e + 1].Bytes[0] == 1 &&
              first.ExtensionBlocks[e + 1].Bytes[1] == 0 && first.ExtensionBlocks[e + 1].Bytes[2] == 0;
  EXPECT_TRUE(loops);
  auto rgb = [](GifColorType c) { return std::to_string(c.Red) + "," + std::to_string(c.Green) + "," + std::to_string(c.Blue); };
  // giflib's quantizer keeps 5 bits per channel, so flat colours come back within 8 of each channel.
  auto near = [](GifColorType c, int r, int g, int b) {
    return std::abs(c.Red - r) < 8 && std::abs(c.Green - g) < 8 && std::abs(c.Blue - b) < 8;
  };
  EXPECT_TRUE(near(PixelOf(gif, 0, 3, 3), 255, 0, 0)) << rgb(PixelOf(gif, 0, 3, 3));
  EXPECT_TRUE(near(PixelOf(gif, 1, 2, 5), 0, 0, 255)) << rgb(PixelOf(gif, 1, 2, 5));
  EXPECT_TRUE(near(PixelOf(gif, 1, 12, 5), 0, 200, 0)) << rgb(PixelOf(gif, 1, 12, 5));
  EXPECT_TRUE(near(PixelOf(gif, 2, 15, 7), 10, 20, 30)) << rgb(PixelOf(gif, 2, 15, 7));
  DGifCloseFile(gif, &code);
  fs::remove_all(path.parent_path());
}

TEST(GifWriter, AnAbandonedOrEmptyGifLeavesNoFile) {
  const fs::path path = Scratch("cancelled.gif");
  std::string error;
  {
    GifWriter w;
    ASSERT_TRUE(w.Open(path.string(), 4, 4, &error)) << error;
    ASSERT_TRUE(w.AddFrame(Solid(4, 4, 1, 2, 3), 100, &error)) << error;
    EXPECT_EQ(FilesIn(path.parent_path()), 1u);  // the temporary file
  }  // destroyed before Finish: an export that was cancelled
  EXPECT_EQ(FilesIn(path.parent_path()), 0u);

  GifWriter empty;
  ASSERT_TRUE(empty.Open(path.string(), 4, 4, &error)) << error;
  EXPECT_FALSE(empty.Finish(&error));
  EXPECT_EQ(error, "a GIF needs at least one frame");
  EXPECT_EQ(FilesIn(path.parent_path()), 0u);
  fs::remove_all(path.parent_path());
}

TEST(GifWriter, RefusesAFrameOfAnotherSizeAndAFolderThatIsMissing) {
  const fs::path path = Scratch("sizes.gif");
  std::string error;
  GifWriter w;
  ASSERT_TRUE(w.Open(path.string(), 4, 4, &error)) << error;
  EXPECT_FALSE(w.AddFrame(Solid(5, 4, 0, 0, 0), 100, &error));
  EXPECT_EQ(error, "a frame of 5x4 in a GIF of 4x4");
  w.Abort();
  GifWriter nowhere;
  const std::string missing = (path.parent_path() / "no" / "such" / "x.gif").string();
  EXPECT_FALSE(nowhere.Open(missing, 4, 4, &error));
  EXPECT_EQ(error, "cannot write " + missing + ": No such file or directory");
  fs::remove_all(path.parent_path());
}

}  // namespace
}  // namespace aws::present
