// Blocks and statements, and items met inside a body.

#include "parse/parser_impl.h"

namespace aws::parse {

ExprPtr Parser::ParseBlock() {
  DepthGuard guard(*this);
  auto block = NewExpr(ExprKind::Block, Cur().span);
  Expect(Tok::LBrace, "`{`");
  open_blocks_.push_back(block->span);
  block_items_.emplace_back();
  struct Pop {
    Parser& p;
    ~Pop() {
      p.open_blocks_.pop_back();
      p.CloseBlockItems();
    }
  } pop{*this};
  while (!At(Tok::RBrace) && !At(Tok::Eof)) {
    size_t stmt_start = pos_;
    try {
      ParseStmtInto(*block);
    } catch (const ParseError&) {
      SyncStmt(stmt_start);
      if (pos_ == stmt_start && !At(Tok::RBrace) && !At(Tok::Eof)) Advance();
    }
  }
  if (At(Tok::Eof)) {
    ReportEof();
    throw ParseError{};
  }
  Expect(Tok::RBrace);
  block->span = block->span.Join(PrevSpan());
  return block;
}

bool Parser::IsBlockLike(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Block: case ExprKind::Unsafe: case ExprKind::If: case ExprKind::IfLet:
    case ExprKind::Match: case ExprKind::Loop: case ExprKind::While: case ExprKind::WhileLet:
    case ExprKind::For:
      return true;
    default:
      return false;
  }
}

// At `fn`/`struct` inside a body: a nested item (its braces balance before the body ends)
// or the next top-level item after a body that was never closed.
void Parser::ItemInsideBody() {
  int depth = 0;
  int open = static_cast<int>(open_blocks_.size());
  for (size_t i = pos_; i < toks_.size() && toks_[i].kind != Tok::Eof; ++i) {
    if (toks_[i].kind == Tok::LBrace) depth++;
    if (toks_[i].kind == Tok::RBrace && --depth < 0 && -depth >= open) {
      // Everything open gets closed later: this really is a nested item. It is hoisted to the
      // top level (visible everywhere, unlike in Rust, where only its block sees it).
      size_t item_start = pos_;
      if (At(Tok::KwStruct)) return ParseStruct(item_start);
      if (At(Tok::KwEnum)) return ParseEnum(item_start);
      if (At(Tok::KwFn) || At(Tok::KwAsync)) {
        bool is_async = Accept(Tok::KwAsync);
        bool is_unsafe = Accept(Tok::KwUnsafe);
        size_t fns_before = module_.fns.size();
        ParseFn(item_start, is_async, is_unsafe);
        // It sees the `const`/`static` items of the blocks around it (parse/consts.cpp).
        if (module_.fns.size() > fns_before && !block_items_.empty()) block_items_.back().inner.push_back(module_.fns.back().get());
        return;
      }
      const Token& kw = Cur();
      diags_.Error(src_, kw.span, "nested items are not supported; declare functions and structs at the top level");
      while (!At(Tok::LBrace) && !At(Tok::Semi) && !At(Tok::Eof)) Advance();
      if (Accept(Tok::Semi)) return;
      int d = 0;
      do {
        if (At(Tok::LBrace)) d++;
        if (At(Tok::RBrace)) d--;
        Advance();
      } while (d > 0 && !At(Tok::Eof));
      return;
    }
  }
  if (!eof_reported_) diags_.Error(src_, open_blocks_.front(), "this `{` is never closed");
  eof_reported_ = true;
  throw ItemRestart{};
}

void Parser::ParseStmtInto(Expr& block) {
  if (At(Tok::KwFn) || At(Tok::KwStruct) || At(Tok::KwEnum) || (At(Tok::KwAsync) && PeekTok().kind == Tok::KwFn)) {
    if (block.tail) {
      auto s = std::make_unique<Stmt>();
      s->kind = Stmt::Kind::Expr;
      s->span = block.tail->span;
      s->init = std::move(block.tail);
      block.stmts.push_back(std::move(s));
    }
    ItemInsideBody();
    return;
  }
  if (block.tail) {
    // An expression without `;` was followed by more statements.
    const Expr& prev = *block.tail;
    if (!IsBlockLike(prev)) {
      diags_.Error(src_, Span{prev.span.end, prev.span.end}, "expected `;` after this expression");
    }
    auto s = std::make_unique<Stmt>();
    s->kind = Stmt::Kind::Expr;
    s->span = prev.span;
    s->init = std::move(block.tail);
    block.stmts.push_back(std::move(s));
  }
  if (Accept(Tok::Semi)) return;

  if ((At(Tok::KwConst) && PeekTok().kind == Tok::Ident) || At(Tok::KwStatic)) {
    AddBodyItem(ParseConstOrStatic(pos_, false), block);  // parse/consts.cpp
    return;
  }
  if (AtIdent("thread_local") && PeekTok().kind == Tok::Bang) return ParseThreadLocal(pos_, &block);
  if (At(Tok::KwUse)) return ParseUse();  // `use` inside a body (parse/items.cpp)
  if (At(Tok::KwLet)) {
    auto s = std::make_unique<Stmt>();
    s->kind = Stmt::Kind::Let;
    s->span = Advance().span;
    s->pat = ParsePattern();
    if (Accept(Tok::Colon)) s->type = ParseType();
    if (Accept(Tok::Eq)) s->init = ParseExpr();
    if (At(Tok::KwElse)) Fail(Cur().span, "`let ... else` is not supported");
    Expect(Tok::Semi, "`;` after the `let` statement");
    s->has_semi = true;
    s->span = s->span.Join(PrevSpan());
    if (ExpandPinLet(*s, block)) return;  // `let p = pin!(e);` (parse/future_macros.cpp)
    block.stmts.push_back(std::move(s));
    return;
  }
  ExprPtr e = ParseExprStmt();
  if (e->kind == ExprKind::MacroCall && (e->name == "tokio::pin" || e->name == "futures::pin_mut")) {
    Accept(Tok::Semi);
    ExpandPinStatement(*e, block);  // the variables shadowed by pins to them (parse/future_macros.cpp)
    return;
  }
  if (Accept(Tok::Semi)) {
    auto s = std::make_unique<Stmt>();
    s->kind = Stmt::Kind::Expr;
    s->span = e->span.Join(PrevSpan());
    s->init = std::move(e);
    s->has_semi = true;
    block.stmts.push_back(std::move(s));
    return;
  }
  if (At(Tok::Eof)) {
    ReportEof();
    throw ParseError{};
  }
  bool item_next = At(Tok::KwFn) || At(Tok::KwStruct) || At(Tok::KwEnum) || (At(Tok::KwAsync) && PeekTok().kind == Tok::KwFn);
  if (!At(Tok::RBrace) && !IsBlockLike(*e) && !item_next) {
    diags_.Error(src_, Span{e->span.end, e->span.end}, "expected `;` after this expression");
    throw ParseError{};
  }
  block.tail = std::move(e);  // becomes a statement if more follow
}

// A statement-position expression: block-like expressions end the statement by themselves.
ExprPtr Parser::ParseExprStmt() {
  if (At(Tok::LBrace) || At(Tok::KwIf) || At(Tok::KwMatch) || At(Tok::KwLoop) || At(Tok::KwWhile) ||
      At(Tok::KwFor) || (At(Tok::KwUnsafe) && PeekTok().kind == Tok::LBrace)) {
    ExprPtr e = ParsePrimary();
    if (At(Tok::Dot) || At(Tok::Question)) {
      e = ParsePostfixOps(std::move(e));
      return ParseBinaryRest(std::move(e), 0);
    }
    return e;
  }
  return ParseExpr();
}

}  // namespace aws::parse
