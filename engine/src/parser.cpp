// The parser's entry points. The parser itself is split by concept under engine/src/parse/ (see
// parse/parser_impl.h for the index).
#include "awaitscope/parser.h"
#include "awaitscope/type_parse.h"

#include "parse/parser_impl.h"

namespace aws {

using parse::Parser;

TypeExprPtr ParseTypeSource(const SourceFile& src, Diagnostics& diags) {
  LexResult lex = Lex(src, diags);
  Parser p(src, diags, std::move(lex));
  return p.TypeOnly();
}

ExprPtr ParseExprText(const std::string& text, const std::string& origin, uint32_t line, uint32_t col,
                      Diagnostics& diags) {
  SourceFile src(origin, text, line > 0 ? line - 1 : 0, col > 0 ? col - 1 : 0);
  LexResult lex = Lex(src, diags);
  Parser p(src, diags, std::move(lex));
  return p.ExprOnly();
}

std::unique_ptr<FnDecl> ParseFnAgain(const SourceFile& src, const Module& module, size_t first_token,
                                     ImplDecl* impl_decl, int impl_index) {
  if (!module.tokens || first_token >= module.tokens->size()) return nullptr;
  Diagnostics quiet;  // reported at the first parse
  Parser p(src, quiet, *module.tokens);
  p.SetAgainOf(&module);
  std::unique_ptr<FnDecl> fn = p.FnAgain(first_token, impl_decl, impl_index);
  // A function with a syntax error has no instances: its recovered tree is not a body that
  // lowering can take (a generic `poll` with `let this &= ..` sent lowering into endless recursion).
  if (quiet.HasErrors()) return nullptr;
  return fn;
}

Module Parse(const SourceFile& src, Diagnostics& diags) {
  size_t first = diags.items().size();
  LexResult lex = Lex(src, diags);
  Module m = Parser(src, diags, std::move(lex)).Run();
  diags.SortFrom(first);  // lexer and parser errors in file order
  return m;
}

}  // namespace aws
