// Shared by the golden tests: the shipped scenario ids and file reading.
#pragma once
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace aws::golden {

inline const std::filesystem::path kRoot = AWAITSCOPE_SOURCE_DIR;

inline std::vector<std::string> ScenarioIds() {
  std::vector<std::string> ids;
  for (const auto& e : std::filesystem::directory_iterator(kRoot / "scenarios"))
    if (e.path().extension() == ".toml") ids.push_back(e.path().stem().string());
  std::sort(ids.begin(), ids.end());
  return ids;
}

inline std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace aws::golden
