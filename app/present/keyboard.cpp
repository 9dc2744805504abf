#include "present/keyboard.h"

#include <fmt/format.h>

#include <array>
#include <cctype>

namespace aws::present {
namespace {

// Set 1 make codes by row of a US keyboard: the digits row starts at 0x02, the letter rows at
// 0x10, 0x1E and 0x2C.
constexpr std::string_view kKeyRows[] = {"1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"};
constexpr uint8_t kRowStart[] = {0x02, 0x10, 0x1E, 0x2C};
constexpr uint8_t kEnter = 0x1C;
constexpr uint8_t kSpace = 0x39;

}  // namespace

uint8_t MakeCode(char c) {
  if (c == '\n' || c == '\r') return kEnter;
  if (c == ' ') return kSpace;
  const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (size_t r = 0; r < std::size(kKeyRows); ++r) {
    size_t i = kKeyRows[r].find(lower);
    if (i != std::string_view::npos) return static_cast<uint8_t>(kRowStart[r] + i);
  }
  return 0;
}

char KeyChar(uint8_t scancode) {
  const uint8_t make = scancode & static_cast<uint8_t>(~kReleaseBit);
  if (make == kEnter) return '\n';
  if (make == kSpace) return ' ';
  for (size_t r = 0; r < std::size(kKeyRows); ++r)
    if (make >= kRowStart[r] && make < kRowStart[r] + kKeyRows[r].size()) return kKeyRows[r][make - kRowStart[r]];
  return 0;
}

std::string ScancodeLabel(uint8_t scancode) {
  const char c = KeyChar(scancode);
  std::string name;
  if (c == '\n') name = "Enter";
  else if (c == ' ') name = "Space";
  else if (c != 0) name = std::string(1, static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  else return fmt::format("0x{:02X}", scancode);
  return (scancode & kReleaseBit) ? name + " up" : name;
}

std::vector<uint8_t> ScancodesFor(char c, bool releases) {
  const uint8_t make = MakeCode(c);
  if (make == 0) return {};
  if (!releases) return {make};
  return {make, static_cast<uint8_t>(make | kReleaseBit)};
}

bool ScenarioHasKeyboard(const Session& s) {
  for (const DeviceInfo& d : s.trace().devices)
    if (d.kind == "keyboard") return true;
  const Scenario* sc = s.scenario();
  return sc != nullptr && (!sc->keyboard.empty() ||
                           sc->script.text().find("ScancodeStream") != std::string::npos);
}

bool ScenarioSendsReleases(const Session& s) {
  const Scenario* sc = s.scenario();
  if (sc == nullptr || sc->keyboard.empty()) return true;  // a real keyboard sends both
  for (const KeySpec& k : sc->keyboard)
    if (k.scancode & kReleaseBit) return true;
  return false;
}

void InjectKey(Session& s, KeyboardState& k, int64_t scancode) {
  if (scancode < 0 || scancode > 0xFF) {
    k.last_error = fmt::format("scancode {} is outside 0..255", scancode);
    return;
  }
  Diagnostics diags;
  s.InjectScancode(static_cast<uint8_t>(scancode), diags);
  k.last_error.clear();
  for (const Diagnostic& d : diags.items())
    if (d.severity == Severity::Error) k.last_error = Diagnostics::Render(d).substr(0, Diagnostics::Render(d).find('\n'));
}

}  // namespace aws::present
