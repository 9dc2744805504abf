// Animated GIFs of a run, for slides (giflib, Debian's libgif-dev): frames are added one at a
// time and written straight to a temporary file beside the target, so a long range never sits in
// memory; Finish renames it into place, and a writer destroyed before Finish (an export that was
// cancelled or failed) removes it, so no half-written GIF is ever left under the final name.
#pragma once
#include <memory>
#include <string>

#include "present/image.h"

namespace aws::present {

class GifWriter {
 public:
  GifWriter();
  ~GifWriter();
  GifWriter(const GifWriter&) = delete;
  GifWriter& operator=(const GifWriter&) = delete;

  // Starts `path` (its temporary file) for frames of width x height that loop forever. False
  // with `error` when the file cannot be created.
  bool Open(const std::string& path, int width, int height, std::string* error);
  // Appends `frame`, shown for `delay_ms` (GIF keeps hundredths of a second: rounded, at least
  // 20 ms, as browsers show shorter delays as 100 ms). Each frame gets its own 256-colour
  // palette, so the window's text and colours survive. False with `error` on a size mismatch or
  // a write failure.
  bool AddFrame(const Image& frame, int delay_ms, std::string* error);
  // Completes the file and renames it to `path`. False with `error`, and no file, on failure or
  // when no frame was added.
  bool Finish(std::string* error);
  // Drops the file being written (also what the destructor does before Finish).
  void Abort();

  int frames() const { return frames_; }

 private:
  struct File;
  std::unique_ptr<File> file_;
  std::string path_, temp_;
  int width_ = 0, height_ = 0, frames_ = 0;
};

}  // namespace aws::present
