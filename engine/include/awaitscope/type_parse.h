// Parsing a type written as text (scenario op signatures) with the script parser's grammar.
#pragma once
#include <string>

#include "awaitscope/ast.h"
#include "awaitscope/diagnostics.h"

namespace aws {

// Parses `text` as a type; syntax errors go to diags, naming `origin` as the file.
// Parses the whole of `src` as a type; spans point into `src`, which the caller keeps alive.
TypeExprPtr ParseTypeSource(const SourceFile& src, Diagnostics& diags);

TypeExprPtr ParseTypeText(const std::string& text, const std::string& origin, uint32_t line, uint32_t col,
                          Diagnostics& diags);

}  // namespace aws
