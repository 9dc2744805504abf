// Running one of `awaitscope`'s subcommands (app/cli/commands.h) inside the test process, as the
// binary would run it from `cwd`: file descriptors 1 and 2 go to temporary files for the call, so
// what the command writes through std::cout, std::cerr, stdout or stderr is kept apart exactly as
// RunCli (cli_runner.h) keeps it. A test that runs many commands saves a process start, an ASan
// start-up and a dynamic-link of the window's libraries per command.
//
// Not for commands that must be seen to exit, crash or time out as a process: use RunCli.
#pragma once
#include <unistd.h>

#include <cstdio>
#include <exception>
#include <filesystem>
#include <functional>
#include <iostream>
#include <string>

#include "cli_runner.h"

namespace aws::testing {

namespace detail {

// Redirects one file descriptor to a fresh temporary file until Take().
class CapturedFd {
 public:
  explicit CapturedFd(int fd) : fd_(fd), file_(std::tmpfile()), saved_(dup(fd)) {
    if (file_ && saved_ >= 0) dup2(fileno(file_), fd_);
  }
  CapturedFd(const CapturedFd&) = delete;
  CapturedFd& operator=(const CapturedFd&) = delete;
  ~CapturedFd() { Restore(); }

  // Puts the descriptor back and returns what was written to it meanwhile.
  std::string Take() {
    Restore();
    std::string text;
    if (!file_) return text;
    std::rewind(file_);
    char buf[1 << 16];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, file_)) > 0) text.append(buf, n);
    std::fclose(file_);
    file_ = nullptr;
    return text;
  }

 private:
  void Restore() {
    if (saved_ < 0) return;
    dup2(saved_, fd_);
    close(saved_);
    saved_ = -1;
  }

  int fd_;
  std::FILE* file_;
  int saved_;
};

inline void FlushStandardStreams() {
  std::cout.flush();
  std::cerr.flush();
  std::fflush(stdout);
  std::fflush(stderr);
}

}  // namespace detail

// Runs `command` (e.g. `[&] { return cli::Check({file}); }`) from `cwd`; `shown` is how the
// command reads on a command line, for Describe(). An exception escaping the command is a result
// with exit code -1 and the exception's text as stderr.
inline CliResult RunCliInProcess(const std::string& shown, const std::function<int()>& command,
                                 const std::filesystem::path& cwd = kRoot) {
  namespace fs = std::filesystem;
  CliResult r;
  r.command = "(in-process) cd " + ShellQuote(cwd.string()) + " && awaitscope " + shown;
  std::error_code ec;
  fs::path before = fs::current_path(ec);
  fs::current_path(cwd, ec);
  if (ec) {
    r.err = "cannot enter " + cwd.string() + ": " + ec.message();
    return r;
  }
  detail::FlushStandardStreams();
  std::string exception_text;
  {
    detail::CapturedFd out(1), err(2);
    try {
      r.exit_code = command();
    } catch (const std::exception& e) {
      exception_text = std::string("exception: ") + e.what();
    } catch (...) {
      exception_text = "exception of unknown type";
    }
    detail::FlushStandardStreams();
    r.out = out.Take();
    r.err = err.Take() + exception_text;
  }
  fs::current_path(before, ec);
  return r;
}

}  // namespace aws::testing
