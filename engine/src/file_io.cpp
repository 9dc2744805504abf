#include "awaitscope/file_io.h"

#include "awaitscope/out_stream.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

namespace aws {
namespace {

namespace fs = std::filesystem;

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

bool WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

mode_t NewFileMode() {
  mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

}  // namespace

std::string ShowByteLimit(size_t bytes) {
  if (bytes >= (size_t{1} << 20) && bytes % (size_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= (size_t{1} << 10) && bytes % (size_t{1} << 10) == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

FileRead ReadInputFile(const std::string& path, size_t max_bytes) {
  FileRead r;
  Fd f;
  // O_NONBLOCK: opening a FIFO without a writer returns at once instead of waiting.
  f.fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (f.fd < 0) {
    r.not_found = errno == ENOENT;
    r.reason = std::strerror(errno);
    return r;
  }
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) {
    r.reason = std::strerror(errno);
    return r;
  }
  if (S_ISDIR(st.st_mode)) {
    r.reason = std::strerror(EISDIR);
    return r;
  }
  if (!S_ISREG(st.st_mode)) {
    r.reason = S_ISFIFO(st.st_mode)   ? "it is a FIFO, not a regular file"
               : S_ISSOCK(st.st_mode) ? "it is a socket, not a regular file"
                                      : "it is a device, not a regular file";
    return r;
  }
  const std::string too_large = "it is larger than " + ShowByteLimit(max_bytes);
  if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    r.reason = too_large;
    return r;
  }
  int flags = ::fcntl(f.fd, F_GETFL);
  if (flags >= 0) ::fcntl(f.fd, F_SETFL, flags & ~O_NONBLOCK);
  // The size may change while reading (or be wrong, as in /proc): read at most one byte past
  // the limit to tell.
  std::string text;
  text.reserve(static_cast<size_t>(st.st_size));
  std::vector<char> buf(size_t{1} << 16);
  for (;;) {
    size_t want = std::min(buf.size(), max_bytes + 1 - text.size());
    ssize_t n = ::read(f.fd, buf.data(), want);
    if (n < 0) {
      if (errno == EINTR) continue;
      r.reason = std::strerror(errno);
      return r;
    }
    if (n == 0) break;
    text.append(buf.data(), static_cast<size_t>(n));
    if (text.size() > max_bytes) {
      r.reason = too_large;
      return r;
    }
  }
  r.ok = true;
  r.text = std::move(text);
  return r;
}

namespace {

// Both WriteFileAtomically: `fill` writes the file's bytes to the descriptor (false with errno
// on failure).
bool WriteFileThrough(const std::string& path, const std::function<bool(int fd)>& fill,
                      std::string* error) {
  auto fail = [&](const std::string& why) {
    *error = why;
    return false;
  };
  if (path.empty()) return fail("empty file name");
  std::error_code ec;
  fs::path target(path);
  struct stat st {};
  bool exists = ::stat(path.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) return fail(std::strerror(EISDIR));
  if (exists && !S_ISREG(st.st_mode)) {
    // A device or a FIFO: nothing to replace, write through it.
    Fd f;
    f.fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (f.fd < 0 || !fill(f.fd)) return fail(std::strerror(errno));
    return true;
  }
  // Replace what a symbolic link points to, not the link.
  if (exists) {
    fs::path real = fs::canonical(target, ec);
    if (!ec) target = real;
  }
  fs::path dir = target.parent_path();
  std::string tmpl = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  Fd f;
  f.fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (f.fd < 0) return fail(std::strerror(errno));
  const std::string tmp(name.data());
  auto fail_removing = [&](int err) {
    ::unlink(tmp.c_str());
    return fail(std::strerror(err));
  };
  if (::fchmod(f.fd, exists ? (st.st_mode & 07777) : NewFileMode()) != 0) return fail_removing(errno);
  if (!fill(f.fd)) return fail_removing(errno);
  if (::fsync(f.fd) != 0) return fail_removing(errno);
  int fd = f.fd;
  f.fd = -1;
  if (::close(fd) != 0) return fail_removing(errno);
  if (::rename(tmp.c_str(), target.c_str()) != 0) return fail_removing(errno);
  return true;
}

}  // namespace

bool WriteFileAtomically(const std::string& path, std::string_view bytes, std::string* error) {
  return WriteFileThrough(path, [&](int fd) { return WriteAll(fd, bytes); }, error);
}

bool WriteFileAtomically(const std::string& path, const std::function<void(OutStream&)>& write,
                         std::string* error) {
  return WriteFileThrough(
      path,
      [&](int fd) {
        int err = 0;  // the failed write's errno: the writer may run on after it
        OutStream out([fd, &err](std::string_view chunk) {
          if (WriteAll(fd, chunk)) return true;
          err = errno;
          return false;
        });
        write(out);
        if (out.Flush()) return true;
        errno = err;
        return false;
      },
      error);
}

}  // namespace aws
