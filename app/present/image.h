// An RGBA image in memory (a screenshot) and its PNG files (stb_image_write / stb_image).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace aws::present {

struct Image {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> rgba;  // width * height * 4 bytes, top row first
  bool operator==(const Image&) const = default;
};

// Writes `img` as a PNG. False with a message in `error` when the file cannot be written.
bool WritePng(const std::string& path, const Image& img, std::string* error);
// Reads a PNG (any channel count) as RGBA. False with a message in `error` on failure.
bool ReadPng(const std::string& path, Image* img, std::string* error);

}  // namespace aws::present
