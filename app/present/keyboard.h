// The live keyboard's model: typed characters become PC scancode set 1 codes (no ImGui here;
// keyboard_view.cpp reads the keys, tests use it as is).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "awaitscope/world.h"

namespace aws::present {

constexpr uint8_t kReleaseBit = 0x80;  // set 1: a key's release ("break") code is make | 0x80

// The set-1 make code of a typed character: letters (either case), digits, space, and Enter as
// '\n' or '\r'. 0 when the character has no key here.
uint8_t MakeCode(char c);

// The character a make or release code stands for ('\n' for Enter); 0 when unknown.
char KeyChar(uint8_t scancode);

// "H", "Enter", "Space", "0x5B"; releases end in " up".
std::string ScancodeLabel(uint8_t scancode);

// The scancodes one typed character becomes: its make code, then its release when `releases`.
// Empty when the character has no key.
std::vector<uint8_t> ScancodesFor(char c, bool releases);

// Whether the loaded run has a keyboard (a script that reads ScancodeStream, or scripted keys).
bool ScenarioHasKeyboard(const Session& s);

// Whether typed keys should send their releases: as the scenario's scripted keystrokes do (any
// release among them), and yes when it scripts none, as a real keyboard would.
bool ScenarioSendsReleases(const Session& s);

// What the keyboard panel keeps between frames (view state, in ViewData).
struct KeyboardState {
  bool releases = true;        // send each key's release after its press
  bool releases_chosen = false;  // set from the scenario once, then the user's choice
  std::string last_error;      // headlines of the last failed injection
};

// Types `scancode` into the session at the cursor's virtual time (Session::InjectScancode); a
// failure (a trace without its scenario, a code outside 0..255) is kept in k.last_error.
void InjectKey(Session& s, KeyboardState& k, int64_t scancode);

}  // namespace aws::present
