#include "present/settings.h"

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <toml++/toml.h>

#include "awaitscope/file_io.h"
#include "present/theme_names.h"

namespace aws::present {
namespace fs = std::filesystem;

std::string SettingsPath() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  fs::path dir;
  // The XDG spec: a relative $XDG_CONFIG_HOME is invalid and is ignored.
  if (xdg != nullptr && *xdg == '/') {
    dir = xdg;
  } else {
    const char* home = std::getenv("HOME");
    if (home == nullptr || *home == '\0') return "";
    dir = fs::path(home) / ".config";
  }
  return (dir / "awaitscope" / "settings.toml").string();
}

bool ReadSettings(const std::string& path, Settings* out, std::string* warning) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return true;
  FileRead f = ReadInputFile(path, kMaxSettingsBytes);
  if (!f.ok) {
    *warning = path + ": cannot read: " + f.reason + "; settings ignored";
    return false;
  }
  toml::table t;
  try {
    t = toml::parse(f.text, path);
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    *warning = path + ":" + std::to_string(b.line) + ":" + std::to_string(b.column) + ": " +
               std::string(e.description()) + "; settings ignored";
    return false;
  }
  Settings s = *out;
  auto bad = [&](const char* key, const std::string& why) {
    *warning = path + ": `" + key + "` " + why + "; settings ignored";
    return false;
  };
  if (auto* v = t.get("layout")) {
    auto layout = v->value<std::string>();
    if (!layout || layout->empty()) return bad("layout", "must be a preset's name");
    s.layout = *layout;
  }
  if (auto* v = t.get("scale_percent")) {
    auto scale = v->value<int64_t>();
    if (!scale || *scale < 100 || *scale > 300) return bad("scale_percent", "must be an integer from 100 to 300");
    s.scale_percent = static_cast<int>(*scale);
  }
  if (auto* v = t.get("theme")) {
    auto theme = v->value<std::string>();
    if (!theme || !ParseTheme(*theme)) return bad("theme", "must be \"dark\", \"light\" or \"high-contrast\"");
    s.theme = *theme;
  }
  if (auto* v = t.get("fullscreen")) {
    auto full = v->value<bool>();
    if (!full) return bad("fullscreen", "must be true or false");
    s.fullscreen = *full;
  }
  if (auto* v = t.get("language")) {
    auto lang = v->value<std::string>();
    if (!lang || (!lang->empty() && *lang != "en" && *lang != "zh"))
      return bad("language", "must be \"en\", \"zh\" or \"\" (follow the locale)");
    s.language = *lang;
  }
  if (auto* v = t.get("step_into_executor_code")) {
    const auto* into = v->as_boolean();  // value<bool>() would take 1 for true
    if (into == nullptr) return bad("step_into_executor_code", "must be true or false");
    s.step_into_executor_code = into->get();
  }
  *out = s;
  return true;
}

bool WriteSettings(const std::string& path, const Settings& s, std::string* error) {
  std::error_code ec;
  const fs::path p(path);
  if (p.has_parent_path()) fs::create_directories(p.parent_path(), ec);
  toml::table t{{"layout", s.layout},
                {"scale_percent", s.scale_percent},
                {"theme", s.theme},
                {"fullscreen", s.fullscreen},
                {"language", s.language},
                {"step_into_executor_code", s.step_into_executor_code}};
  std::ostringstream text;
  text << "# Awaitscope's window settings, rewritten when they change.\n" << t << "\n";
  // Written beside and renamed (file_io.h): a crash mid-write never leaves a half file behind.
  std::string why;
  if (!WriteFileAtomically(path, text.str(), &why)) {
    *error = "cannot write " + path + ": " + why;
    return false;
  }
  return true;
}

}  // namespace aws::present
