// Parsing a type written as text (scenario op signatures) with the script parser's grammar.
#pragma once
#include <string>

#include "awaitscope/ast.h"
#include "awaitscope/diagnostics.h"

namespace aws {

// Parses the whole of `src` as a type; spans point into `src`, which the caller keeps alive.
TypeExprPtr ParseTypeSource(const SourceFile& src, Diagnostics& diags);

}  // namespace aws
