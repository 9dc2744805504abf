#include "present/gif.h"

#include <fcntl.h>
#include <gif_lib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

namespace aws::present {

struct GifWriter::File {
  GifFileType* gif = nullptr;
};

namespace {

std::string GifError(int code) {
  const char* s = GifErrorString(code);
  return s ? s : "unknown giflib error";
}

}  // namespace

GifWriter::GifWriter() = default;

GifWriter::~GifWriter() { Abort(); }

void GifWriter::Abort() {
  if (file_ && file_->gif) {
    int code = 0;
    EGifCloseFile(file_->gif, &code);
    file_->gif = nullptr;
  }
  file_.reset();
  if (!temp_.empty()) std::remove(temp_.c_str());
  temp_.clear();
}

bool GifWriter::Open(const std::string& path, int width, int height, std::string* error) {
  Abort();
  if (width <= 0 || height <= 0 || width > 65535 || height > 65535) {
    *error = "a GIF frame must be 1 to 65535 pixels wide and high";
    return false;
  }
  path_ = path;
  temp_ = path + ".tmp-" + std::to_string(getpid());
  int code = 0;
  // Opened here rather than by EGifOpenFileName, which creates files readable by their owner
  // only: a GIF gets the mode every other export gets (0666 less the umask).
  const int fd = open(temp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) {
    *error = "cannot write " + path + ": " + std::strerror(errno);
    temp_.clear();
    return false;
  }
  GifFileType* gif = EGifOpenFileHandle(fd, &code);
  if (!gif) {
    close(fd);
    std::remove(temp_.c_str());
    *error = "cannot write " + path + ": " + GifError(code);
    temp_.clear();
    return false;
  }
  file_ = std::make_unique<File>();
  file_->gif = gif;
  width_ = width;
  height_ = height;
  frames_ = 0;
  EGifSetGifVersion(gif, true);  // GIF89a: delays and looping
  if (EGifPutScreenDesc(gif, width, height, 8, 0, nullptr) == GIF_ERROR) {
    *error = "cannot write " + path + ": " + GifError(gif->Error);
    Abort();
    return false;
  }
  // NETSCAPE2.0: loop forever.
  static const unsigned char kApp[] = "NETSCAPE2.0";
  static const unsigned char kLoop[] = {1, 0, 0};
  if (EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR ||
      EGifPutExtensionBlock(gif, 11, kApp) == GIF_ERROR || EGifPutExtensionBlock(gif, 3, kLoop) == GIF_ERROR ||
      EGifPutExtensionTrailer(gif) == GIF_ERROR) {
    *error = "cannot write " + path + ": " + GifError(gif->Error);
    Abort();
    return false;
  }
  return true;
}

bool GifWriter::AddFrame(const Image& frame, int delay_ms, std::string* error) {
  if (!file_ || !file_->gif) {
    *error = "the GIF is not open";
    return false;
  }
  if (frame.width != width_ || frame.height != height_ ||
      frame.rgba.size() != static_cast<size_t>(width_) * height_ * 4) {
    *error = "a frame of " + std::to_string(frame.width) + "x" + std::to_string(frame.height) + " in a GIF of " +
             std::to_string(width_) + "x" + std::to_string(height_);
    return false;
  }
  GifFileType* gif = file_->gif;
  const size_t n = static_cast<size_t>(width_) * height_;
  std::vector<GifByteType> r(n), g(n), b(n), index(n);
  for (size_t i = 0; i < n; ++i) {
    r[i] = frame.rgba[i * 4];
    g[i] = frame.rgba[i * 4 + 1];
    b[i] = frame.rgba[i * 4 + 2];
  }
  int colors = 256;
  GifColorType palette[256] = {};
  if (GifQuantizeBuffer(width_, height_, &colors, r.data(), g.data(), b.data(), index.data(), palette) == GIF_ERROR) {
    *error = "cannot reduce the frame to 256 colours";
    return false;
  }
  const int centis = std::clamp((delay_ms + 5) / 10, 2, 65535);
  GraphicsControlBlock gcb{};
  gcb.DisposalMode = DISPOSE_DO_NOT;
  gcb.DelayTime = centis;
  gcb.TransparentColor = NO_TRANSPARENT_COLOR;
  GifByteType ext[4];
  EGifGCBToExtension(&gcb, ext);
  ColorMapObject* map = GifMakeMapObject(256, palette);
  bool ok = map != nullptr && EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, 4, ext) != GIF_ERROR &&
            EGifPutImageDesc(gif, 0, 0, width_, height_, false, map) != GIF_ERROR;
  for (int y = 0; ok && y < height_; ++y)
    ok = EGifPutLine(gif, index.data() + static_cast<size_t>(y) * width_, width_) != GIF_ERROR;
  if (map) GifFreeMapObject(map);
  if (!ok) {
    *error = "cannot write " + path_ + ": " + GifError(gif->Error);
    return false;
  }
  ++frames_;
  return true;
}

bool GifWriter::Finish(std::string* error) {
  if (!file_ || !file_->gif) {
    *error = "the GIF is not open";
    return false;
  }
  if (frames_ == 0) {
    *error = "a GIF needs at least one frame";
    Abort();
    return false;
  }
  int code = 0;
  const int closed = EGifCloseFile(file_->gif, &code);
  file_->gif = nullptr;
  if (closed == GIF_ERROR) {
    *error = "cannot write " + path_ + ": " + GifError(code);
    Abort();
    return false;
  }
  if (std::rename(temp_.c_str(), path_.c_str()) != 0) {
    *error = "cannot write " + path_ + ": " + std::strerror(errno);
    Abort();
    return false;
  }
  temp_.clear();
  file_.reset();
  return true;
}

}  // namespace aws::present
