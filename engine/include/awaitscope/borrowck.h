// The borrow checker: rustc's ownership and borrowing rules over the CFG of every checked body
// (lower_ir.cpp). Moves and initialisation flow forward; a loan lives where some value that may
// hold it is still going to be used (non-lexical lifetimes). Errors carry rustc's codes and
// notes: E0381/E0382 (use before init / after move), E0384 (assign twice), E0499/E0502/E0503/
// E0505/E0506 (conflicting loans), E0507/E0508 (move out of a reference or an index),
// E0597/E0716 (value or temporary dropped while borrowed), E0515 (returning a reference to a
// local) and E0373 (an async block or closure that borrows a local must outlive it).
#pragma once
#include <vector>

#include "awaitscope/checker.h"
#include "awaitscope/diagnostics.h"
#include "awaitscope/ir.h"

namespace aws {

// Checks every body with IR (`ir[i]` belongs to body i; bodies without blocks are skipped).
void CheckBorrows(const CheckedProgram& prog, const std::vector<IrBody>& ir, Diagnostics& diags);

}  // namespace aws
