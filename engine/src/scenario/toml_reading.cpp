// The small helpers of the scenario loader: names, UTF-8, text shown in messages, toml++'s
// types and errors, a table's entries in file order.
#include <fmt/format.h>

#include <algorithm>

#include "scenario/loader.h"

namespace aws::scenario_load {

namespace {

bool IsIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

}  // namespace

bool IsIdentChar(char c) { return IsIdentStart(c) || (c >= '0' && c <= '9'); }
bool IsIdent(std::string_view s) {
  return !s.empty() && IsIdentStart(s[0]) && std::all_of(s.begin(), s.end(), IsIdentChar);
}
bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// Length of the valid UTF-8 sequence starting at s[i], or 0 when the byte does not start one.
size_t Utf8Len(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  return n;
}

// Text from the file (a key, a value, a parser message) made safe to print inside a message:
// control bytes and invalid UTF-8 are escaped, and very long text is cut.
std::string Shown(std::string_view s, size_t max_bytes) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (out.size() >= max_bytes) {
      out += "...";
      break;
    }
    size_t n = Utf8Len(s, i);
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (n == 0 || c < 0x20 || c == 0x7F) {
      out += fmt::format("\\x{:02X}", c);
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

const char* TypeName(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a floating-point number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    case toml::node_type::none: break;
  }
  return "nothing";
}

// toml++ says "Error while parsing key-value pair: expected '='"; we say
// "TOML syntax error in key-value pair: expected '='".
std::string ParseErrorMessage(std::string_view desc) {
  constexpr std::string_view kPrefix = "Error while parsing ";
  if (desc.substr(0, kPrefix.size()) == kPrefix) {
    std::string_view rest = desc.substr(kPrefix.size());
    size_t colon = rest.find(": ");
    if (colon != std::string_view::npos)
      return fmt::format("TOML syntax error in {}: {}", Shown(rest.substr(0, colon), 200),
                         Shown(rest.substr(colon + 2), 200));
  }
  return fmt::format("TOML syntax error: {}", Shown(desc, 200));
}


std::vector<Entry> Entries(const toml::table& t) {
  std::vector<Entry> out;
  for (auto&& [k, v] : t) out.push_back({&k, &v});
  std::stable_sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) {
    const auto& pa = a.first->source().begin;
    const auto& pb = b.first->source().begin;
    return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
  });
  return out;
}

}  // namespace aws::scenario_load
