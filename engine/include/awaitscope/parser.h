// Hand-written recursive-descent parser with panic-mode recovery: one message per real error.
#pragma once
#include "awaitscope/ast.h"
#include "awaitscope/diagnostics.h"
#include "awaitscope/source.h"

namespace aws {

// Parses a whole script. Never throws; syntax errors go to `diags` and the returned module holds
// every item that could be recovered.
Module Parse(const SourceFile& src, Diagnostics& diags);

}  // namespace aws
