// Running the real `awaitscope` binary (AWAITSCOPE_BINARY) from a test: stdout and stderr kept
// apart, the exit status (or 128 + N when killed by signal N), a timeout so that a hang fails the
// test instead of stopping the suite.
#pragma once
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace aws::testing {

inline const std::filesystem::path kRoot = AWAITSCOPE_SOURCE_DIR;

inline std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

inline std::string ReadFileText(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void WriteFileText(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

struct CliResult {
  int exit_code = -1;  // the exit status, or 128 + N when killed by signal N
  bool timed_out = false;
  std::string out;
  std::string err;
  std::string command;
};

inline std::string Describe(const CliResult& r) {
  return "\n  command: " + r.command + "\n  exit: " + std::to_string(r.exit_code) +
         (r.timed_out ? " (timed out)" : "") + "\n  stdout: " + r.out.substr(0, 2000) +
         "\n  stderr: " + r.err.substr(0, 4000);
}

// Runs `PREFIX awaitscope ARGS` in `cwd` through /bin/sh: ARGS are shell-quoted by the caller;
// PREFIX is shell text run first in the same shell (e.g. `ulimit -f 1;`).
inline CliResult RunCli(const std::string& args, const std::filesystem::path& cwd = kRoot,
                        const std::string& prefix = "", int timeout_seconds = 60) {
  namespace fs = std::filesystem;
  static std::atomic<int> counter{0};
  fs::path err_file = fs::temp_directory_path() / ("awaitscope_cli_runner_" + std::to_string(getpid()) + "_" +
                                                   std::to_string(counter++) + ".stderr");
  CliResult r;
  r.command = "cd " + ShellQuote(cwd.string()) + " && " + prefix + std::string(AWAITSCOPE_BINARY) + " " + args;
  std::string timeout = fs::exists("/usr/bin/timeout")
                            ? "/usr/bin/timeout -k 5 " + std::to_string(timeout_seconds) + " "
                            : std::string();
  std::string cmd = "cd " + ShellQuote(cwd.string()) + " && unset AWAITSCOPE_SCENARIOS && " + prefix + " exec " +
                    timeout + ShellQuote(AWAITSCOPE_BINARY) + " " + args + " 2>" + ShellQuote(err_file.string());
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[1 << 16];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  else if (WIFSIGNALED(status)) r.exit_code = 128 + WTERMSIG(status);
  r.timed_out = !timeout.empty() && (r.exit_code == 124 || r.exit_code == 128 + 9);
  r.err = ReadFileText(err_file);
  std::error_code ec;
  fs::remove(err_file, ec);
  return r;
}

}  // namespace aws::testing
