// The window's colour themes by name, as the settings file and the View menu spell them.
#pragma once
#include <optional>
#include <span>
#include <string_view>

namespace aws::present {

enum class Theme { Dark, Light, HighContrast };

// "dark" | "light" | "high-contrast"; nullopt for anything else.
std::optional<Theme> ParseTheme(std::string_view name);
const char* ThemeName(Theme theme);
std::span<const char* const> ThemeNames();

}  // namespace aws::present
