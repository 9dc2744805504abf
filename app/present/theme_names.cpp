#include "present/theme_names.h"

#include <iterator>

namespace aws::present {
namespace {
constexpr const char* kThemeNames[] = {"dark", "light", "high-contrast"};
}  // namespace

std::optional<Theme> ParseTheme(std::string_view name) {
  for (size_t i = 0; i < std::size(kThemeNames); ++i)
    if (name == kThemeNames[i]) return static_cast<Theme>(i);
  return std::nullopt;
}

const char* ThemeName(Theme theme) { return kThemeNames[static_cast<size_t>(theme)]; }
std::span<const char* const> ThemeNames() { return kThemeNames; }

}  // namespace aws::present
