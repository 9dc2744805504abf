// Buffered output for the trace writers (trace_io.h): they append each row (an event, a line)
// to buf() and call Pump() after it; once the buffer holds a chunk, Pump hands it to the sink
// (a file, stdout) and empties it. Writing a 10^6-event trace so needs a chunk and a row of
// memory, never the whole document. An OutStream made on a string has no sink: everything
// stays in that string (the std::string-returning writers).
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace aws {

class OutStream {
 public:
  // Takes the bytes written so far; false stops the stream (ok() turns false, later bytes are
  // dropped).
  using Sink = std::function<bool(std::string_view)>;
  static constexpr size_t kChunkBytes = size_t{1} << 16;

  explicit OutStream(Sink sink, size_t chunk = kChunkBytes);
  explicit OutStream(std::string* into) : buf_(into) {}
  OutStream(const OutStream&) = delete;
  OutStream& operator=(const OutStream&) = delete;

  std::string& buf() { return *buf_; }  // append here, then Pump()
  void Pump() {
    if (sink_ && buf_->size() >= chunk_) Flush();
  }
  bool Flush();  // hands everything buffered to the sink; false once the sink failed
  bool ok() const { return ok_; }

 private:
  std::string own_;
  std::string* buf_ = &own_;
  Sink sink_;
  size_t chunk_ = 0;
  bool ok_ = true;
};

}  // namespace aws
