// Hand-written recursive-descent parser with panic-mode recovery: one message per real error.
#pragma once
#include "awaitscope/ast.h"
#include "awaitscope/diagnostics.h"
#include "awaitscope/source.h"

namespace aws {

// Parses a whole script. Never throws; syntax errors go to `diags` and the returned module holds
// every item that could be recovered.
Module Parse(const SourceFile& src, Diagnostics& diags);

// Parses `text` as one expression (scenario op results, spawn entries); errors go to diags,
// positioned at (line, col) of `origin`. Null on a syntax error.
ExprPtr ParseExprText(const std::string& text, const std::string& origin, uint32_t line, uint32_t col,
                      Diagnostics& diags);

// A generic function's instance: the function whose tokens start at `first_token` in `module`,
// parsed again, as a member of `impl_decl` (index `impl_index`; null and -1 for a free function).
std::unique_ptr<FnDecl> ParseFnAgain(const SourceFile& src, const Module& module, size_t first_token,
                                     ImplDecl* impl_decl, int impl_index);

}  // namespace aws
