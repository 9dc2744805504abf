// Files in and out. Every input file is read through ReadInputFile: a size limit per kind of
// file, and special files (directories, devices such as /dev/zero, FIFOs, sockets) refused
// without reading or blocking. Every output file (traces, PNGs, settings) is written through
// WriteFileAtomically: a temporary file in the same folder, renamed over the target once
// complete, so a failure never leaves a half-written file under the final name.
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace aws {

// The size limits of the readers (bytes).
constexpr size_t kMaxScriptBytes = size_t{8} << 20;         // a script (.rs) or scenario (.toml)
constexpr size_t kMaxNativeTraceBytes = size_t{256} << 20;  // a native trace (.json, events included)
constexpr size_t kMaxSettingsBytes = size_t{64} << 10;      // the window's settings.toml

struct FileRead {
  bool ok = false;
  bool not_found = false;  // the path does not exist
  std::string text;        // the whole file when ok
  std::string reason;      // why not, e.g. "Is a directory", "it is larger than 8 MiB"
};

// Reads the regular file at `path` (symbolic links followed) if it holds at most `max_bytes`.
// Refuses a special file before reading from it; opening a FIFO does not wait for a writer.
FileRead ReadInputFile(const std::string& path, size_t max_bytes);

// "8 MiB", "64 KiB", "100 bytes": a limit as the messages show it.
std::string ShowByteLimit(size_t bytes);

// Writes `bytes` to `path` through a temporary file beside it and a rename (the mode of an
// existing target is kept, else 0666 minus the umask). A path naming an existing non-regular
// file that is not a directory (a device such as /dev/stdout, a FIFO) is written directly.
// False with `error` (the reason, e.g. "Permission denied"); the target is then untouched and no
// temporary file is left behind.
bool WriteFileAtomically(const std::string& path, std::string_view bytes, std::string* error);

// The same, streamed: `write` fills an OutStream whose chunks go to the file as they fill, so
// the whole text is never held in memory (the trace writers). A sink failure stops the stream
// and fails the write the same way.
class OutStream;
bool WriteFileAtomically(const std::string& path, const std::function<void(OutStream&)>& write,
                         std::string* error);

}  // namespace aws
