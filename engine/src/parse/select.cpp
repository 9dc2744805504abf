// `select! { p = fut => handler, .. }` (tokio's form, also as `tokio::select!` and
// `futures::select!`): parsed into the expression the rest of the pipeline already knows,
//     match select!(fut0, fut1, ..).await { (Some(p0), _, ..) => handler0, (_, Some(p1), ..) => handler1, ..,
//                                            _ => panic!(..) }
// `select!(..)` is the built-in Select future (a name no script can write): it polls the branches'
// futures in order, is Ready with `Some` for the first one that is Ready and `None` for the others,
// and drops the others (runtime/futures/combinators.cpp). Awaitscope always polls in the written
// order, which is tokio's `biased;` (accepted); tokio's default starts at a random branch.
#include <fmt/format.h>

#include "parse/parser_impl.h"

namespace aws::parse {
namespace {

// A pattern that always matches: a name, `_`, or a tuple of those (tokio would disable a branch
// whose pattern does not match; that is not modelled).
bool Irrefutable(const Pattern& p) {
  if (p.kind == Pattern::Kind::Wild || p.kind == Pattern::Kind::Bind) return true;
  if (p.kind != Pattern::Kind::Tuple) return false;
  for (const PatternPtr& s : p.subs)
    if (!Irrefutable(*s)) return false;
  return true;
}

}  // namespace

ExprPtr Parser::ParseSelect(Span start, Tok close, bool bare) {
  if (bare) {  // `select!` as a bare name needs tokio's macro in scope, as rustc does
    bool imported = false;
    for (const UseDecl& u : module_.uses)
      if (u.path.rfind("tokio::", 0) == 0 &&
          (u.path.find("select") != std::string::npos || u.path.back() == '*'))
        imported = true;
    if (!imported)
      Fail(start, "cannot find macro `select` in this scope: add `use tokio::select;` or write `tokio::select!`");
  }
  struct Branch {
    PatternPtr pat;
    ExprPtr fut;
    ExprPtr handler;
    Span span;
  };
  std::vector<Branch> branches;
  if (At(Tok::Ident) && Cur().text == "biased" && PeekTok().kind == Tok::Semi) {
    Advance();
    Advance();
  }
  bool saved = no_struct_;
  no_struct_ = false;
  while (!At(close) && !At(Tok::Eof)) {
    if (At(Tok::KwElse)) Fail(Cur().span, "`select!`'s `else` branch is not supported: every branch must be a future");
    Branch b;
    b.span = Cur().span;
    b.pat = ParsePattern();
    if (!Irrefutable(*b.pat))
      Fail(b.pat->span, "a `select!` branch's pattern must always match here (a name, `_` or a tuple of those): "
                        "branches disabled by a pattern that does not match are not supported");
    Expect(Tok::Eq, "`=` after the `select!` branch's pattern");
    b.fut = ParseExpr();
    if (At(Tok::Comma) && PeekTok().kind == Tok::KwIf)
      Fail(PeekTok().span, "`select!`'s preconditions (`, if cond`) are not supported");
    Expect(Tok::FatArrow, "`=>` after the `select!` branch's future");
    b.handler = ParseExprStmt();
    b.span = b.span.Join(b.handler->span);
    bool block_like = IsBlockLike(*b.handler);
    branches.push_back(std::move(b));
    if (!Accept(Tok::Comma) && !block_like && !At(close)) FailExpected("`,` or the end of `select!` after the branch");
  }
  no_struct_ = saved;
  Expect(close, "the end of `select!`");
  Span whole = start.Join(PrevSpan());
  if (branches.size() < 2) Fail(whole, "`select!` needs at least two branches here");
  if (branches.size() > 64) Fail(whole, "`select!` takes at most 64 branches");

  // select!(fut0, fut1, ..), spanning the whole macro
  auto callee = NewExpr(ExprKind::Path, start);
  callee->path = {"select!"};
  callee->name = "select!";
  auto call = NewExpr(ExprKind::Call, whole);
  call->operand = std::move(callee);
  for (Branch& b : branches) call->args.push_back(std::move(b.fut));
  auto await = NewExpr(ExprKind::Await, whole);
  await->operand = std::move(call);
  auto m = NewExpr(ExprKind::Match, whole);
  m->operand = std::move(await);
  for (size_t i = 0; i < branches.size(); ++i) {
    const Span at{whole.begin, whole.begin};  // empty: printed from its parts (desugar)
    auto tuple = std::make_unique<Pattern>();
    tuple->kind = Pattern::Kind::Tuple;
    tuple->span = at;
    for (size_t j = 0; j < branches.size(); ++j) {
      auto sub = std::make_unique<Pattern>();
      sub->span = at;
      if (j == i) {
        sub->kind = Pattern::Kind::Path;
        sub->name = "Some";
        sub->path = {"Some"};
        sub->has_parens = true;
        sub->subs.push_back(std::move(branches[i].pat));
      }
      tuple->subs.push_back(std::move(sub));
    }
    MatchArm arm;
    arm.span = branches[i].span;
    arm.pat = std::move(tuple);
    arm.body = std::move(branches[i].handler);
    m->arms.push_back(std::move(arm));
  }
  // one branch always wins, but the match must be exhaustive as written
  MatchArm rest;
  rest.span = whole;
  rest.pat = std::make_unique<Pattern>();
  rest.pat->span = Span{whole.begin, whole.begin};
  auto never = NewExpr(ExprKind::MacroCall, whole);
  never->name = "panic";
  never->name_span = whole;
  auto msg = NewExpr(ExprKind::StrLit, Span{whole.begin, whole.begin});
  msg->name = "select!: one branch is always ready";
  never->args.push_back(std::move(msg));
  rest.body = std::move(never);
  m->arms.push_back(std::move(rest));
  return m;
}

}  // namespace aws::parse
