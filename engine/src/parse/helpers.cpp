// Helpers every part of the parser uses: errors, expected tokens, the depth limit, and the
// recovery after an error (skipping to the next item or statement).
#include <fmt/format.h>

#include "parse/parser_impl.h"

namespace aws::parse {

std::string TooDeepMessage() {
  return fmt::format("nesting is too deep: more than {} levels (each nested bracket or block counts, and so does "
                     "each link of a chain like `a + b + c`, `x.f().g()` or `else if`); split it up with `let` "
                     "statements or functions",
                     kMaxTreeDepth);
}

void Parser::Fail(Span span, std::string msg) {
  if (At(Tok::Eof) && span.begin >= Cur().span.begin && !open_blocks_.empty()) ReportEof();
  else if (!eof_reported_) diags_.Error(src_, span, std::move(msg));
  throw ParseError{};
}

// The file ended inside a block: one message, at the innermost `{` still open. Whatever else
// goes wrong at the end of the file is a consequence of it.
void Parser::ReportEof() {
  if (eof_reported_) return;
  eof_reported_ = true;
  if (!open_blocks_.empty()) diags_.Error(src_, open_blocks_.back(), "this `{` is never closed");
  else diags_.Error(src_, Cur().span, "unexpected end of file");
}

void Parser::FailExpected(std::string_view what) {
  const Token& t = Cur();
  if (t.kind == Tok::Eof && !open_blocks_.empty()) {
    ReportEof();
    throw ParseError{};
  }
  std::string found = t.kind == Tok::Ident ? fmt::format("`{}`", t.text) : TokName(t.kind);
  Fail(t.span, fmt::format("expected {}, found {}", what, found));
}

const Token& Parser::Expect(Tok t, std::string_view what) {
  if (!At(t) && t == Tok::Semi && pos_ > 0) {
    const Token& found = Cur();
    std::string f = found.kind == Tok::Ident ? fmt::format("`{}`", found.text) : TokName(found.kind);
    Fail(Span{PrevSpan().end, PrevSpan().end}, fmt::format("expected {}, found {}", what.empty() ? TokName(t) : what, f));
  }
  if (!At(t)) FailExpected(what.empty() ? TokName(t) : what);
  return Advance();
}

std::string Parser::ExpectIdent(std::string_view what) {
  if (!At(Tok::Ident)) FailExpected(what);
  return Advance().text;
}

// The parser builds flat chains without recursing, but the tree they make is as deep as they
// are long, and every later pass recurses once per level: one error for a tree past the limit.
bool Parser::WithinDepthLimit(const Expr& root) {
  const Expr* deep = FindTooDeep(root, kMaxTreeDepth);
  if (!deep) return true;
  diags_.Error(src_, NodePosition(*deep), TooDeepMessage());
  return false;
}

// Skips to the start of the next item after an error at item level.
void Parser::SyncItem() {
  int depth = 0;
  while (!At(Tok::Eof)) {
    Tok k = Cur().kind;
    bool async_fn = k == Tok::KwAsync && (PeekTok().kind == Tok::KwFn || PeekTok().kind == Tok::KwUnsafe);
    if (depth == 0 && (k == Tok::KwFn || async_fn || k == Tok::KwStruct || k == Tok::KwEnum || k == Tok::KwUse || k == Tok::KwImpl ||
                       k == Tok::KwTrait || k == Tok::KwPub || k == Tok::Hash) && pos_ > sync_floor_) {
      return;
    }
    if (k == Tok::LBrace) depth++;
    if (k == Tok::RBrace && depth > 0) depth--;
    Advance();
  }
}

// Skips to the end of the current statement: past a `;` at this depth, or to a `}` closing the
// enclosing block (not consumed), or to a keyword that starts a statement.
void Parser::SyncStmt(size_t stmt_start) {
  int depth = 0;
  size_t start = pos_;
  if (stmt_start < pos_) {
    pos_ = stmt_start;
    start = pos_;
  }
  while (!At(Tok::Eof)) {
    Tok k = Cur().kind;
    if (depth == 0) {
      if (k == Tok::Semi) { Advance(); return; }
      if (k == Tok::RBrace) return;
      if (pos_ > start && (k == Tok::KwLet || k == Tok::KwFn || k == Tok::KwStruct || k == Tok::KwEnum ||
                           (k == Tok::KwAsync && PeekTok().kind == Tok::KwFn)))
        return;
    }
    // Only braces count: a statement with an unclosed `(` must still end at its `;`.
    if (k == Tok::LBrace) depth++;
    if (k == Tok::RBrace && depth > 0) {
      depth--;
      if (depth == 0) {
        Advance();
        return;  // a block-like statement ended
      }
    }
    Advance();
  }
}

ExprPtr Parser::NewExpr(ExprKind k, Span span) {
  auto e = std::make_unique<Expr>();
  e->kind = k;
  e->span = span;
  return e;
}

}  // namespace aws::parse
