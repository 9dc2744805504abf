// The futures crate's and tokio's other macros over futures, parsed into what the rest of the
// pipeline already knows:
//   `join!(a, b, ..)`      (`futures::join!`, `tokio::join!`)     ->  `join!(a, b, ..).await`
//   `try_join!(a, b, ..)`  (`futures::try_join!`, `tokio::try_join!`) -> `try_join!(a, b, ..).await`
// where `join!(..)` / `try_join!(..)` are the built-in Join and TryJoin futures (names no script can
// write; runtime/futures/combinators.cpp); and the pinning macros, as the crates expand them:
//   `tokio::pin!(x);` / `futures::pin_mut!(x);`  ->  `let mut x = x; let mut x = unsafe { Pin::new_unchecked(&mut x) };`
//   `let p = std::pin::pin!(e);`                 ->  `let mut p = e; let p = unsafe { Pin::new_unchecked(&mut p) };`
// (std's `pin!` pins a temporary that lives as long as the `let`; here that temporary is the
// first, shadowed `p`, which nothing else can name, so it is never moved either.)
#include <fmt/format.h>

#include "parse/parser_impl.h"

namespace aws::parse {

// A bare `name!` is in scope after `use CRATE::name;`, `use CRATE::{.., name, ..};` or `use CRATE::*;`
// for one of `crates` (`futures`, `tokio`, `std::pin`).
bool Parser::MacroImported(std::string_view name, std::initializer_list<std::string_view> crates) const {
  for (const UseDecl& u : module_.uses)
    for (std::string_view c : crates) {
      std::string_view p = u.path;
      if (p.size() <= c.size() + 2 || p.substr(0, c.size()) != c || p.substr(c.size(), 2) != "::") continue;
      std::string_view rest = p.substr(c.size() + 2);
      if (rest == name || rest == "*") return true;
      if (rest.empty() || rest.front() != '{') continue;
      size_t i = 1;
      while (i < rest.size()) {
        size_t j = rest.find_first_of(",}", i);
        if (j == std::string_view::npos) j = rest.size();
        std::string_view item = rest.substr(i, j - i);
        if (item == name || item == "*") return true;
        i = j + 1;
      }
    }
  return false;
}

// `join!(a, b, ..)` or `try_join!(..)`: `name` is `join` or `try_join`, `bare` when written without
// its crate.
ExprPtr Parser::ParseJoinMacro(std::string_view name, Span start, Tok close, bool bare) {
  if (bare && !MacroImported(name, {"futures", "tokio"}))
    Fail(start, fmt::format("cannot find macro `{0}` in this scope: add `use futures::{0};` (or `use tokio::{0};`), "
                            "or write `futures::{0}!`",
                            name));
  std::vector<ExprPtr> futs = ParseArgs(close);
  Span whole = start.Join(PrevSpan());
  if (futs.empty()) Fail(whole, fmt::format("`{}!` needs at least one future", name));
  if (futs.size() > 64) Fail(whole, fmt::format("`{}!` takes at most 64 futures here", name));
  auto callee = NewExpr(ExprKind::Path, start);
  callee->name = fmt::format("{}!", name);
  callee->path = {callee->name};
  auto call = NewExpr(ExprKind::Call, whole);
  call->operand = std::move(callee);
  call->args = std::move(futs);
  auto await = NewExpr(ExprKind::Await, whole);
  await->name_span = start;  // `await` outside async code: rustc points at the macro
  await->operand = std::move(call);
  return await;
}

namespace {

PatternPtr BindPattern(const std::string& name, bool is_mut, Span at) {
  auto p = std::make_unique<Pattern>();
  p->kind = Pattern::Kind::Bind;
  p->name = name;
  p->is_mut = is_mut;
  p->span = at;
  return p;
}

}  // namespace

// `let <mut> name = unsafe { Pin::new_unchecked(&mut name) };`, spanning `at`.
StmtPtr Parser::PinInPlace(const std::string& name, bool is_mut, Span at) {
  auto place = NewExpr(ExprKind::Path, at);
  place->name = name;
  place->path = {name};
  auto ref = NewExpr(ExprKind::Ref, at);
  ref->flag = true;
  ref->operand = std::move(place);
  auto callee = NewExpr(ExprKind::Path, at);
  callee->name = "new_unchecked";
  callee->path = {"Pin", "new_unchecked"};
  auto call = NewExpr(ExprKind::Call, at);
  call->operand = std::move(callee);
  call->args.push_back(std::move(ref));
  auto block = NewExpr(ExprKind::Unsafe, at);
  block->tail = std::move(call);
  auto s = std::make_unique<Stmt>();
  s->kind = Stmt::Kind::Let;
  s->span = at;
  s->pat = BindPattern(name, is_mut, at);
  s->init = std::move(block);
  s->has_semi = true;
  return s;
}

// `tokio::pin!(a, b);` / `futures::pin_mut!(a);` as a statement: each variable is moved into a
// new one of its name and shadowed by a `Pin<&mut _>` to it.
void Parser::ExpandPinStatement(Expr& mac, Expr& block) {
  for (ExprPtr& a : mac.args) {
    if (a->kind != ExprKind::Path || a->path.size() != 1)
      Fail(a->span, fmt::format("`{}!` pins variables: write their names (`{}!(fut);`)", mac.name, mac.name));
    auto init = NewExpr(ExprKind::Path, a->span);
    init->name = a->name;
    init->path = {a->name};
    auto moved = std::make_unique<Stmt>();
    moved->kind = Stmt::Kind::Let;
    moved->span = a->span;
    moved->pat = BindPattern(a->name, true, a->span);
    moved->init = std::move(init);
    moved->has_semi = true;
    block.stmts.push_back(std::move(moved));
    block.stmts.push_back(PinInPlace(a->name, true, a->span));
  }
}

// `let p = pin!(e);` (`std::pin::pin!`, or `pin!` after `use std::pin::pin;`): the value is moved
// into a variable of the binding's name, shadowed by the pin to it. Returns false when `s` is not
// such a `let`.
bool Parser::ExpandPinLet(Stmt& s, Expr& block) {
  if (!s.init || s.init->kind != ExprKind::MacroCall || s.init->name != "std::pin::pin") return false;
  if (!s.pat || s.pat->kind != Pattern::Kind::Bind)
    Fail(s.pat ? s.pat->span : s.span, "`pin!` here needs a plain name: `let fut = pin!(..);`");
  if (s.type) Fail(s.type->span, "`let name: T = pin!(..);` is not supported: write `let name = pin!(..);`");
  if (s.init->args.size() != 1) Fail(s.init->span, "`pin!` takes one value");
  auto moved = std::make_unique<Stmt>();
  moved->kind = Stmt::Kind::Let;
  moved->span = s.init->span;
  moved->pat = BindPattern(s.pat->name, true, s.pat->span);
  moved->init = std::move(s.init->args[0]);
  moved->has_semi = true;
  block.stmts.push_back(std::move(moved));
  block.stmts.push_back(PinInPlace(s.pat->name, s.pat->is_mut, s.pat->span));
  return true;
}

}  // namespace aws::parse
