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

inline void AppendEscaped(std::string& out, std::string_view s, EscapeStyle style) {
  bool quoting = style != EscapeStyle::OneLine;
  for (char c : s) {
    switch (c) {
      case '"': out += quoting ? "\\\"" : "\""; break;
      case '\\': out += quoting ? "\\\\" : "\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        auto u = static_cast<unsigned>(static_cast<unsigned char>(c));
        if (u < 0x20 || u == 0x7f)
          out += style == EscapeStyle::TomlString ? fmt::format("\\u{:04x}", u) : fmt::format("\\u{{{:x}}}", u);
        else
          out += c;
      }
    }
  }
}

// `"text"` with the body escaped as a Rust string literal.
inline std::string RustQuote(std::string_view s) {
  std::string out = "\"";
  AppendEscaped(out, s, EscapeStyle::RustString);
  return out + "\"";
}

}  // namespace aws
