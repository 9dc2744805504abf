#include "awaitscope/out_stream.h"

namespace aws {

OutStream::OutStream(Sink sink, size_t chunk) : sink_(std::move(sink)), chunk_(chunk) {
  // A row may overshoot the chunk; reserving a little more keeps the buffer from growing.
  own_.reserve(chunk_ + chunk_ / 4);
}

bool OutStream::Flush() {
  if (!sink_) return ok_;
  if (ok_ && !buf_->empty()) ok_ = sink_(*buf_);
  buf_->clear();  // keeps the capacity
  return ok_;
}

}  // namespace aws
