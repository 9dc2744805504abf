// `const` and `static` items, and `thread_local!`. Each is kept as a body-less function
// `NAME() -> T` whose body is the initializer; the checker turns a use of NAME into the value
// (check/consts.cpp, check/statics.cpp). One written inside a body is hoisted to the module under a
// name of its own (`main::N`, as rustc's paths name it) and is visible by its own name in its block
// (and in the items nested there), before and after it, as rustc's items are.
#include <fmt/format.h>

#include "parse/parser_impl.h"

namespace aws::parse {

// At `const` or `static`: `const N: T = e;`, `static S: T = e;`, `static mut S: T = e;`; in a
// `thread_local!`, `static S: T = e;` or `static S: T = const { e };` with the `;` optional last.
std::unique_ptr<FnDecl> Parser::ParseConstOrStatic(size_t start, bool thread_local_item) {
  auto fn = std::make_unique<FnDecl>();
  fn->first_token = start;
  if (thread_local_item) {
    Expect(Tok::KwStatic, "`static` (a `thread_local!` holds `static NAME: T = value;` items)");
    fn->is_static = fn->is_thread_local = true;
    if (At(Tok::KwMut)) Fail(Cur().span, "a `thread_local!` item cannot be `static mut`: put a `Cell` or an atomic inside");
  } else if (Accept(Tok::KwConst)) {
    fn->is_const = true;
  } else {
    Expect(Tok::KwStatic);
    fn->is_static = true;
    fn->is_static_mut = Accept(Tok::KwMut);
  }
  const char* what = fn->is_const ? "constant" : "static";
  fn->name_span = Cur().span;
  fn->short_name = ExpectIdent(fmt::format("the {}'s name", what));
  fn->name = fn->short_name;
  module_.broken_names.insert(fn->name);  // until it parses: its uses stay quiet
  Expect(Tok::Colon, fmt::format("`:` and a type (a `{}` needs one)", fn->is_const ? "const" : "static"));
  fn->ret = ParseType();
  Expect(Tok::Eq, fmt::format("`=` and the {}'s value", what));
  ExprPtr init;
  if (thread_local_item && At(Tok::KwConst) && PeekTok().kind == Tok::LBrace) {
    Advance();  // `const { e }`: std's const-initialized form, the same value here
    init = ParseBlock();
  } else {
    init = ParseExpr();
  }
  if (!thread_local_item || !(At(Tok::RBrace) || At(Tok::RParen) || At(Tok::RBracket)))
    Expect(Tok::Semi, fmt::format("`;` after the {}", what));
  fn->body = NewExpr(ExprKind::Block, init->span);
  fn->body->tail = std::move(init);
  fn->span = Span{toks_[start].span.begin, PrevSpan().end};
  module_.broken_names.erase(fn->name);
  return fn;
}

// `thread_local! { static A: T = e; static B: U = f; }` (or with `(..)`): each a static of which
// every emulated thread has its own, made on that thread's first `A.with(..)`.
void Parser::ParseThreadLocal(size_t start, Expr* block) {
  Advance();  // thread_local
  Expect(Tok::Bang);
  Tok close = Tok::RBrace;
  if (Accept(Tok::LParen)) close = Tok::RParen;
  else if (Accept(Tok::LBracket)) close = Tok::RBracket;
  else Expect(Tok::LBrace, "`{` or `(` after `thread_local!`");
  while (!At(close) && !At(Tok::Eof)) {
    SkipAttributes();
    size_t item_start = pos_;
    if (Accept(Tok::KwPub) && Accept(Tok::LParen)) {
      while (!At(Tok::RParen) && !At(Tok::Eof)) Advance();
      Expect(Tok::RParen);
    }
    std::unique_ptr<FnDecl> fn = ParseConstOrStatic(item_start, true);
    if (block) AddBodyItem(std::move(fn), *block);
    else module_.fns.push_back(std::move(fn));
  }
  Expect(close);
  if (close != Tok::RBrace || !block) Accept(Tok::Semi);
  (void)start;
}

// A `const`/`static` met inside a body: hoisted, and named in the block by an empty statement.
FnDecl* Parser::AddBodyItem(std::unique_ptr<FnDecl> fn, Expr& block) {
  auto s = std::make_unique<Stmt>();
  s->kind = Stmt::Kind::Empty;
  s->span = fn->span;
  fn->in_body = true;
  FnDecl* at = nullptr;
  if (again_of_) {
    // A generic function's instance, parsed again: its items are those of the first parse (an
    // item cannot use the function's type parameters, E0401, so they are the same for all).
    for (const auto& f : again_of_->fns)
      if (f->in_body && f->first_token == fn->first_token) s->item = f.get();
    block.stmts.push_back(std::move(s));
    return nullptr;
  }
  std::string base = body_owner_.empty() ? fn->short_name : body_owner_ + "::" + fn->short_name;
  fn->name = base;
  for (int n = 2; module_.FindFn(fn->name); ++n) fn->name = fmt::format("{}#{}", base, n);
  at = fn.get();
  module_.fns.push_back(std::move(fn));
  s->item = at;
  if (!block_items_.empty()) block_items_.back().own.push_back(at);
  block.stmts.push_back(std::move(s));
  return at;
}

// At a block's `}`: its items become visible to each other and to every item inside it.
void Parser::CloseBlockItems() {
  BlockItems b = std::move(block_items_.back());
  block_items_.pop_back();
  for (FnDecl* f : b.own)
    for (FnDecl* g : b.own) f->scope_items.emplace_back(g->short_name, g);
  for (FnDecl* f : b.inner)
    for (FnDecl* g : b.own) f->scope_items.emplace_back(g->short_name, g);
  if (block_items_.empty()) return;
  BlockItems& up = block_items_.back();
  up.inner.insert(up.inner.end(), b.own.begin(), b.own.end());
  up.inner.insert(up.inner.end(), b.inner.begin(), b.inner.end());
}

}  // namespace aws::parse
