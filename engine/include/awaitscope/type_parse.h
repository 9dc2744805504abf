// Parsing a type written as text (scenario op signatures) with the script parser's grammar.
#pragma once
#include <string>

#include "awaitscope/ast.h"
#include "awaitscope/diagnostics.h"

namespace aws {

// Parses `text` as a type; syntax errors go to diags, naming `origin` as the file.
TypeExprPtr ParseTypeText(const std::string& text, const std::string& origin, uint32_t line, uint32_t col,
                          Diagnostics& diags);

}  // namespace aws
