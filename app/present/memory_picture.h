// The Memory panel's picture of the address space, computed without a window: rows of bytes
// with addresses, which field each byte belongs to, labels for the fields, one line per variant
// of a state machine (so the overlap of variants shows), and pointer arrows from line/column to
// line/column. memory_view.cpp only draws it; every line is one text line high.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "awaitscope/memory.h"

namespace aws::present {

// One byte cell of a Bytes line.
struct MemCell {
  uint64_t address = 0;
  bool mapped = false;   // a live block or a stale range covers it
  bool stale = false;    // no live block here: the bytes a move or free left behind
  uint8_t value = 0;
  int block = -1;        // the live block (or, for stale bytes, the block that lived here)
  int stale_range = -1;  // AddressSpace::stale index when stale
  int field = -1;        // index into the block's (stale: the range's) fields, the one in force here
  bool other_variant = false;  // a field of another variant of the machine overlaps this byte
};

// A field named on the line where it starts.
struct MemLabel {
  int column = 0;        // the byte cell it starts at
  int block = -1;
  int stale = -1;        // >= 0: a field of a stale range (what the bytes held then)
  int field = -1;        // index into the block's / range's fields
  std::string text;      // "array = [1, 2, 3]", "element = 0x1001C -> array[2]"
  bool dangling = false;
};

enum class MemLineKind { Header, Variant, Bytes, Gap };

struct MemLine {
  MemLineKind kind = MemLineKind::Bytes;
  uint64_t address = 0;          // Bytes: the row's first address; Header: the block's or range's
  int block = -1;                // Header, Variant: the block (stale header: the block that lived there)
  int stale = -1;                // Header of a stale range: its AddressSpace::stale index
  int variant = -1;              // Variant: the machine state index; its fields are at `fields`
  bool in_force = false;         // Variant: the state the machine is in
  std::vector<int> fields;       // Variant: indexes into the block's fields
  std::vector<MemCell> cells;    // Bytes: bytes_per_row cells
  std::vector<MemLabel> labels;  // Bytes: fields that start on this row, by column
  uint64_t gap_bytes = 0;        // Gap: how many addresses are skipped
};

struct MemArrow {
  size_t from_line = 0;  // the pointer field's first byte
  int from_column = 0;
  size_t to_line = 0;    // the byte it holds the address of
  int to_column = 0;
  int block = -1;        // the pointer's block
  std::string name;      // the pointer field
  bool dangling = false;  // aims at stale memory (or at a place the pointee left)
  bool self_ref = false;  // into its own block
  // A dangling self-reference: where its pointee lives now (MeantTarget), when that is drawn.
  bool meant_known = false;
  size_t meant_line = 0;
  int meant_column = 0;
};

struct MemPicture {
  int bytes_per_row = 8;
  std::vector<MemLine> lines;
  std::vector<MemArrow> arrows;
  // The Bytes line and column of `address`, or false when it is not drawn.
  bool Locate(uint64_t address, size_t* line, int* column) const;
};

// Lays out the live blocks and the stale ranges in address order. Ranges closer than two rows
// share one run of rows (a move by a few bytes shows the old and the new place together);
// farther apart, a Gap line stands for the skipped addresses. Just before the row where a block
// or range starts come its Header and, for a machine, a Variant line per state with fields.
MemPicture BuildMemoryPicture(const AddressSpace& space, int bytes_per_row);

// "PinExampleStateMachine at 0x10020, 72 bytes, stack, in WaitingOnWrite; moved from 0x10010
// at step 27". `state_label` is the label of the state in force ("" for other blocks).
std::string BlockHeader(const MemBlock& b, const std::string& state_label);
// "0x10010..0x10058: 72 bytes left behind by the move of PinExampleStateMachine at step 27"
std::string StaleHeader(const MemStale& st, const MemBlock* was, bool freed);
// "element = 0x1001C -> array[2]"; dangling: "element = 0x1001C (dangling: array[2] is now at
// 0x1002C)" when `meant` (MeantTarget) is known, else "... (dangling: array[2] is not there)".
std::string FieldLabel(const MemField& f, uint64_t meant = 0);
// Where a dangling self-reference's pointee lives now: `name[i]` of the block's field `name` of
// type `[T; n]` in force (the documents' `element = &array[2]`); 0 when that cannot be told.
uint64_t MeantTarget(const MemBlock& b, const MemField& pointer);
// A skipped stretch of addresses: "48 bytes", "12 KiB", "1.07 GiB of addresses".
std::string GapText(uint64_t bytes);

}  // namespace aws::present
