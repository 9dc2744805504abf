// The keyboard map: one table from keys to commands, read by the frame loop and shown by the
// help overlay. Input is passed in as plain data so the mapping is unit-tested without a window.
#pragma once
#include <string>
#include <vector>

#include "present/commands.h"

namespace aws::present {

// F is the letter key, read for Ctrl+F only (typed letters arrive as characters).
enum class NamedKey { Right, Left, Home, End, Space, Escape, F11, PageDown, PageUp, Up, Down, Enter, F };

// What the user pressed during one frame. The frame loop gives ImGui at most one new key press a
// frame (platform.cpp), so `keys` and `chars` hold the presses in the order they came.
struct KeyPresses {
  std::vector<NamedKey> keys;  // presses (and auto-repeats) of named keys
  bool shift = false;
  bool ctrl = false;
  std::u32string chars;        // typed characters, as the keyboard layout produced them
};

// What the mapping needs to know besides the keys.
struct KeyContext {
  uint32_t current_line = 0;  // the source line at the cursor (B toggles its breakpoint)
  int followed_task = 0;
  int scale_percent = 100;
  bool help_open = false;
  double steps_per_second = 8.0;
  bool gallery_shown = false;  // the gallery is on screen: Up / Down / Enter choose a scenario
  bool predicting = false;     // prediction or presenter mode is on (Q leaves it)
  // The choices of the question waiting at the cursor in prediction mode (0: none): the digits
  // 1..n answer it instead of choosing a layout, and Enter shows its answer.
  int question_choices = 0;
};

std::vector<Command> CommandsFor(const KeyPresses& in, const KeyContext& ctx);

// The help overlay's rows: keys and what they do, in the order shown.
struct KeyHelp {
  const char* keys;
  const char* action;
};
const std::vector<KeyHelp>& KeyHelpRows();

// Font scale presets in percent (100 .. 300); the next one up or down from `percent`.
const std::vector<int>& ScalePresets();
int NextScale(int percent, int direction);

}  // namespace aws::present
