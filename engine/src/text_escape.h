// Escaping text for the engine's outputs: one rule, three spellings of control characters.
#pragma once
#include <fmt/format.h>

#include <string>
#include <string_view>

namespace aws {

enum class EscapeStyle {
  OneLine,     // keep one event per line: control characters only, Rust-style `\u{1b}`
  RustString,  // a Rust string literal body: also `"` and `\`
  TomlString,  // a TOML basic string body: also `"` and `\`, `\u001b`
};

inline bool NeedsEscape(char c, bool quoting) {
  auto u = static_cast<unsigned char>(c);
  return u < 0x20 || u == 0x7f || (quoting && (c == '"' || c == '\\'));
}

// Runs of characters that need no escape are appended whole.
inline void AppendEscaped(std::string& out, std::string_view s, EscapeStyle style) {
  const bool quoting = style != EscapeStyle::OneLine;
  size_t i = 0;
  while (i < s.size()) {
    size_t run = i;
    while (run < s.size() && !NeedsEscape(s[run], quoting)) ++run;
    out.append(s.data() + i, run - i);
    if (run == s.size()) break;
    const char c = s[run];
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        auto u = static_cast<unsigned>(static_cast<unsigned char>(c));
        if (style == EscapeStyle::TomlString)
          fmt::format_to(std::back_inserter(out), "\\u{:04x}", u);
        else
          fmt::format_to(std::back_inserter(out), "\\u{{{:x}}}", u);
      }
    }
    i = run + 1;
  }
}

// `"text"` with the body escaped as a Rust string literal.
inline std::string RustQuote(std::string_view s) {
  std::string out = "\"";
  AppendEscaped(out, s, EscapeStyle::RustString);
  return out + "\"";
}

}  // namespace aws
