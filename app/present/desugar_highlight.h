// What the Desugared code panel marks in a machine's generated code (no ImGui): the current
// state's struct and enum variant, its arm of `poll`'s match (executing or merely current), and
// the saved field values beside the struct's field lines.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "awaitscope/lower.h"
#include "present/machine_choice.h"

namespace aws::present {

enum class CodeLineMark : uint8_t { None, Struct, Variant, Arm, ExecutingArm };

struct FieldNote {
  uint32_t line = 0;   // 1-based line of the field in its state struct
  std::string text;    // "name = value"
};

struct DesugarHighlight {
  LineRange struct_lines;
  uint32_t variant_line = 0;
  LineRange arm;
  bool executing = false;          // the machine is being polled: this arm is running
  std::vector<FieldNote> notes;    // in line order
  CodeLineMark MarkOf(uint32_t line) const;
};

// The marks for the instance `c` of `m` (nothing when it has no state at the cursor).
DesugarHighlight HighlightDesugared(const Machine& m, const MachineChoice& c);

// The line to scroll to the top of a view `visible_lines` high so that the arm is seen: from the
// state's struct when the struct, the arm and `context` lines above them fit, else from `context`
// lines above the arm. 0 when there is no arm.
uint32_t FirstLineToShow(const DesugarHighlight& h, uint32_t visible_lines, uint32_t context = 2);

}  // namespace aws::present
