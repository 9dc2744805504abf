// What the interactive window remembers between runs (layout, scale, theme, fullscreen, language,
// stepping into or over executor code), in
// $XDG_CONFIG_HOME/awaitscope/settings.toml (~/.config when unset). Headless runs never read or
// write it, so screenshots depend only on their command line.
#pragma once
#include <string>

#include "present/commands.h"

namespace aws::present {

// The settings file's path; "" when neither $XDG_CONFIG_HOME nor $HOME is set.
std::string SettingsPath();

// Reads `path` into `out`. A missing file is no error (true, `out` untouched). A file that does
// not parse, or whose values are out of range, leaves `out` untouched, returns false and puts a
// one-line reason in `warning` (`PATH:LINE:COL: ...` when TOML gives a position).
// Unknown keys are ignored (a newer version's settings).
bool ReadSettings(const std::string& path, Settings* out, std::string* warning);

// Writes `s` to `path` (creating its folder). False with a message in `error`.
bool WriteSettings(const std::string& path, const Settings& s, std::string* error);

}  // namespace aws::present
