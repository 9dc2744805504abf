#include "present/image.h"

#include <stb_image.h>
#include <stb_image_write.h>

#include <cstring>

namespace aws::present {

bool WritePng(const std::string& path, const Image& img, std::string* error) {
  if (img.width <= 0 || img.height <= 0 ||
      img.rgba.size() != static_cast<size_t>(img.width) * img.height * 4) {
    *error = "no image to write";
    return false;
  }
  if (stbi_write_png(path.c_str(), img.width, img.height, 4, img.rgba.data(), img.width * 4) == 0) {
    *error = "cannot write " + path;
    return false;
  }
  return true;
}

bool ReadPng(const std::string& path, Image* img, std::string* error) {
  int w = 0, h = 0, channels = 0;
  stbi_uc* data = stbi_load(path.c_str(), &w, &h, &channels, 4);
  if (data == nullptr) {
    *error = path + ": " + stbi_failure_reason();
    return false;
  }
  img->width = w;
  img->height = h;
  img->rgba.assign(data, data + static_cast<size_t>(w) * h * 4);
  stbi_image_free(data);
  return true;
}

}  // namespace aws::present
