#include "present/image.h"

#include <stb_image.h>
#include <stb_image_write.h>

#include <cstring>

#include "awaitscope/file_io.h"

namespace aws::present {

bool WritePng(const std::string& path, const Image& img, std::string* error) {
  if (img.width <= 0 || img.height <= 0 ||
      img.rgba.size() != static_cast<size_t>(img.width) * img.height * 4) {
    *error = "no image to write";
    return false;
  }
  // Encoded in memory, then written whole (file_io.h): a failure leaves no half PNG behind.
  std::string png;
  auto append = [](void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<size_t>(size));
  };
  if (stbi_write_png_to_func(append, &png, img.width, img.height, 4, img.rgba.data(), img.width * 4) == 0) {
    *error = "cannot encode the PNG for " + path;
    return false;
  }
  std::string why;
  if (!WriteFileAtomically(path, png, &why)) {
    *error = "cannot write " + path + ": " + why;
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
