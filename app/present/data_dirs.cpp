#include "present/data_dirs.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace aws::present {
namespace fs = std::filesystem;
namespace {

// The folder of the running executable, from /proc/self/exe; empty when it cannot be read.
fs::path ExecutableDir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

std::string Find(const char* env_name, const char* name) {
  if (const char* env = std::getenv(env_name); env != nullptr && *env != '\0') return env;
  std::error_code ec;
  const fs::path exe_dir = ExecutableDir();
  if (!exe_dir.empty()) {
    fs::path installed = exe_dir.parent_path() / "share" / "awaitscope" / name;
    if (fs::is_directory(installed, ec)) return installed.string();
  }
  fs::path source = fs::path(AWAITSCOPE_SOURCE_DIR) / name;
  if (fs::is_directory(source, ec)) return source.string();
  if (fs::is_directory(name, ec)) return name;
  return {};
}

}  // namespace

std::string ScenariosDir() {
  std::string dir = Find("AWAITSCOPE_SCENARIOS", "scenarios");
  return dir.empty() ? "scenarios" : dir;
}

std::string AssetsDir() { return Find("AWAITSCOPE_ASSETS", "assets"); }

std::string BuildLocaleDir() { return AWAITSCOPE_LOCALE_BUILD_DIR; }

}  // namespace aws::present
