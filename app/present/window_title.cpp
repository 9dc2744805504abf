#include "present/window_title.h"

#include <algorithm>
#include <filesystem>

namespace aws::present {

std::string WindowTitle(const Session& session) {
  static constexpr const char* kApp = "Awaitscope";
  static constexpr const char* kDash = " \u2014 ";
  const Scenario* sc = session.scenario();
  if (sc == nullptr) return kApp;
  std::string name = sc->id;
  if (name.empty() && !sc->path.empty()) name = std::filesystem::path(sc->path).stem().string();
  const int64_t last = std::max<int64_t>(session.size() - 1, 0);
  std::string title = name.empty() ? "" : name + kDash;
  title += "step " + std::to_string(session.cursor()) + "/" + std::to_string(last) + kDash + kApp;
  return title;
}

}  // namespace aws::present
