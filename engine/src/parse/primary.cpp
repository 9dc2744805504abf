// Primary expressions: literals, paths, struct literals, tuples and arrays, `if`, `match`, loops,
// `async` blocks, closures, `break` / `continue` / `return`, and macros.
#include <cctype>

#include "parse/parser_impl.h"

namespace aws::parse {

ExprPtr Parser::ParseMacro(std::string name, Span start) {
  auto m = NewExpr(ExprKind::MacroCall, start);
  m->name = name;
  m->name_span = start;
  Tok close;
  if (Accept(Tok::LParen)) close = Tok::RParen;
  else if (Accept(Tok::LBracket)) close = Tok::RBracket;
  else { Expect(Tok::LBrace, "`(`, `[` or `{` after the macro name"); close = Tok::RBrace; }
  if (name == "select" || name == "tokio::select") return ParseSelect(start, close, name == "select");
  if (name == "join" || name == "try_join") return ParseJoinMacro(name, start, close, true);
  if (name == "futures::join" || name == "tokio::join") return ParseJoinMacro("join", start, close, false);
  if (name == "futures::try_join" || name == "tokio::try_join") return ParseJoinMacro("try_join", start, close, false);
  if (name == "pin") {  // std's expression macro or tokio's statement macro, whichever is imported
    if (MacroImported("pin", {"std::pin", "core::pin"})) m->name = "std::pin::pin";
    else if (MacroImported("pin", {"tokio"})) m->name = "tokio::pin";
    else Fail(start, "cannot find macro `pin` in this scope: add `use std::pin::pin;` (or `use tokio::pin;`), or write `std::pin::pin!`");
  }
  if (name == "pin_mut") {
    if (!MacroImported("pin_mut", {"futures"}))
      Fail(start, "cannot find macro `pin_mut` in this scope: add `use futures::pin_mut;` or write `futures::pin_mut!`");
    m->name = "futures::pin_mut";
  }
  if (name == "vec" && close != Tok::RBrace) {
    // vec![x; n] or vec![a, b, c]
    if (!At(close)) {
      ExprPtr first = ParseExpr();
      if (Accept(Tok::Semi)) {
        auto r = NewExpr(ExprKind::ArrayRepeat, start);
        r->lhs = std::move(first);
        r->rhs = ParseExpr();
        Expect(close, "`]` to close `vec!`");
        m->kind = ExprKind::VecMacro;
        m->args.push_back(std::move(r));
        m->flag = true;  // repeat form
        m->span = m->span.Join(PrevSpan());
        return m;
      }
      m->args.push_back(std::move(first));
      if (Accept(Tok::Comma)) {
        auto rest = ParseArgs(close);
        for (auto& a : rest) m->args.push_back(std::move(a));
      } else {
        Expect(close, "`,` or `]` in `vec!`");
      }
    } else {
      Advance();
    }
    m->kind = ExprKind::VecMacro;
    m->span = m->span.Join(PrevSpan());
    return m;
  }
  m->args = ParseArgs(close);
  m->span = m->span.Join(PrevSpan());
  if (name == "println" || name == "print" || name == "format" || name == "panic" || name == "eprintln" ||
      name == "eprint")
    InlineFormatArgs(*m);
  return m;
}

// `println!("{name} {n:?}")`: each named placeholder becomes `{}` / `{:?}` with the variable as
// the argument at its position (after the positional arguments of the placeholders before it).
void Parser::InlineFormatArgs(Expr& m) {
  if (m.args.empty() || m.args[0]->kind != ExprKind::StrLit) return;
  std::string& text = m.args[0]->name;
  std::string out;
  size_t placeholder = 0;
  std::vector<std::pair<size_t, std::string>> named;  // (placeholder index, variable)
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
      out += c;
      out += c;
      ++i;
      continue;
    }
    if (c != '{') {
      out += c;
      continue;
    }
    size_t close = text.find('}', i);
    if (close == std::string::npos) {
      out += text.substr(i);
      break;
    }
    std::string inner = text.substr(i + 1, close - i - 1);
    size_t colon = inner.find(':');
    std::string id = inner.substr(0, colon);
    bool ident = !id.empty() && (std::isalpha(static_cast<unsigned char>(id[0])) || id[0] == '_');
    for (char ch : id) ident = ident && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_');
    if (ident) named.emplace_back(placeholder, id);
    out += "{" + (ident ? (colon == std::string::npos ? std::string() : inner.substr(colon)) : inner) + "}";
    ++placeholder;
    i = close;
  }
  if (named.empty()) return;
  text = out;
  for (const auto& [index, id] : named) {
    auto v = NewExpr(ExprKind::Path, m.args[0]->span);
    v->path = {id};
    v->name = id;
    size_t at = std::min(index + 1, m.args.size());
    m.args.insert(m.args.begin() + static_cast<long>(at), std::move(v));
  }
}

ExprPtr Parser::ParseClosure(Span start, bool is_move) {
  auto c = NewExpr(ExprKind::Closure, start);
  c->flag = is_move;
  if (!Accept(Tok::PipePipe)) {
    Expect(Tok::Pipe, "`|` to start the closure parameters");
    while (!At(Tok::Pipe)) {
      ClosureParam p;
      p.span = Cur().span;
      p.is_mut = Accept(Tok::KwMut);
      if (Accept(Tok::Underscore)) p.name = "_";
      else p.name = ExpectIdent("closure parameter name");
      if (Accept(Tok::Colon)) p.type = ParseType();
      c->params.push_back(std::move(p));
      if (!Accept(Tok::Comma)) break;
    }
    Expect(Tok::Pipe, "`|` to end the closure parameters");
  }
  if (Accept(Tok::Arrow)) {
    ParseType();
    if (!At(Tok::LBrace)) FailExpected("`{` after a closure return type");
  }
  c->operand = ParseExpr();
  c->span = c->span.Join(c->operand->span);
  return c;
}

// `if .. else if .. else ..`: a loop, one link per `else if` (a chain of any length).
ExprPtr Parser::ParseIf() {
  ExprPtr head;
  Expr* last = nullptr;
  std::vector<Expr*> links;
  for (;;) {
    Span start = Expect(Tok::KwIf).span;
    ExprPtr e;
    if (Accept(Tok::KwLet)) {
      e = NewExpr(ExprKind::IfLet, start);
      e->pat = ParsePattern();
      Expect(Tok::Eq, "`=` in `if let`");
      e->operand = ParseExprNoStruct();
    } else {
      e = NewExpr(ExprKind::If, start);
      e->cond = ParseExprNoStruct();
    }
    if (!At(Tok::LBrace)) FailExpected("`{` after the `if` condition");
    e->body = ParseBlock();
    Expr* link = e.get();
    if (last) last->else_ = std::move(e);
    else head = std::move(e);
    last = link;
    links.push_back(link);
    if (!Accept(Tok::KwElse)) break;
    if (At(Tok::KwIf)) continue;
    if (At(Tok::LBrace)) last->else_ = ParseBlock();
    else FailExpected("`{` or `if` after `else`");
    break;
  }
  for (Expr* link : links) link->span = link->span.Join(PrevSpan());  // each link ends where the chain ends
  return head;
}

ExprPtr Parser::ParsePrimary() {
  DepthGuard guard(*this);
  const Token& t = Cur();
  Span start = t.span;
  switch (t.kind) {
    case Tok::Int: {
      auto e = NewExpr(ExprKind::IntLit, start);
      e->int_value = t.int_value;
      e->suffix = t.suffix;
      e->name = t.text;
      e->flag = t.int_overflow;  // already reported by the lexer
      Advance();
      return e;
    }
    case Tok::Str: {
      auto e = NewExpr(ExprKind::StrLit, start);
      e->name = t.text;
      Advance();
      return e;
    }
    case Tok::Char: {
      auto e = NewExpr(ExprKind::CharLit, start);
      e->name = t.text;
      e->int_value = t.int_value;
      Advance();
      return e;
    }
    case Tok::KwTrue: case Tok::KwFalse: {
      auto e = NewExpr(ExprKind::BoolLit, start);
      e->flag = t.kind == Tok::KwTrue;
      Advance();
      return e;
    }
    case Tok::LParen: {
      Advance();
      bool saved = no_struct_;
      no_struct_ = false;
      if (Accept(Tok::RParen)) {
        no_struct_ = saved;
        return NewExpr(ExprKind::Unit, start.Join(PrevSpan()));
      }
      ExprPtr first = ParseExpr();
      if (Accept(Tok::RParen)) {
        no_struct_ = saved;
        first->span = start.Join(PrevSpan());  // parentheses belong to the expression's span
        return first;
      }
      auto tup = NewExpr(ExprKind::Tuple, start);
      tup->args.push_back(std::move(first));
      while (Accept(Tok::Comma)) {
        if (At(Tok::RParen)) break;
        tup->args.push_back(ParseExpr());
      }
      no_struct_ = saved;
      Expect(Tok::RParen, "`,` or `)` in the tuple");
      tup->span = tup->span.Join(PrevSpan());
      return tup;
    }
    case Tok::LBracket: {
      Advance();
      bool saved = no_struct_;
      no_struct_ = false;
      if (Accept(Tok::RBracket)) {
        no_struct_ = saved;
        return NewExpr(ExprKind::Array, start.Join(PrevSpan()));
      }
      ExprPtr first = ParseExpr();
      if (Accept(Tok::Semi)) {
        auto r = NewExpr(ExprKind::ArrayRepeat, start);
        r->lhs = std::move(first);
        r->rhs = ParseExpr();
        no_struct_ = saved;
        Expect(Tok::RBracket, "`]` to close the array");
        r->span = r->span.Join(PrevSpan());
        return r;
      }
      auto arr = NewExpr(ExprKind::Array, start);
      arr->args.push_back(std::move(first));
      while (Accept(Tok::Comma)) {
        if (At(Tok::RBracket)) break;
        arr->args.push_back(ParseExpr());
      }
      no_struct_ = saved;
      Expect(Tok::RBracket, "`,` or `]` in the array");
      arr->span = arr->span.Join(PrevSpan());
      return arr;
    }
    case Tok::LBrace: {
      bool saved = no_struct_;
      no_struct_ = false;
      ExprPtr b = ParseBlock();
      no_struct_ = saved;
      return b;
    }
    case Tok::KwUnsafe: {
      Advance();
      if (!At(Tok::LBrace)) FailExpected("`{` after `unsafe`");
      ExprPtr b = ParseBlock();
      b->kind = ExprKind::Unsafe;
      b->span = start.Join(b->span);
      return b;
    }
    case Tok::KwAsync: {
      Advance();
      bool is_move = Accept(Tok::KwMove);
      if (At(Tok::Pipe) || At(Tok::PipePipe)) Fail(Cur().span, "async closures are not supported; use a closure returning `async move { ... }`");
      if (!At(Tok::LBrace)) FailExpected("`{` after `async`");
      auto e = NewExpr(ExprKind::AsyncBlock, start);
      e->flag = is_move;
      bool saved = no_struct_;
      no_struct_ = false;
      e->body = ParseBlock();
      no_struct_ = saved;
      e->span = e->span.Join(PrevSpan());
      return e;
    }
    case Tok::KwMove: {
      Advance();
      if (!At(Tok::Pipe) && !At(Tok::PipePipe)) FailExpected("a closure `|...|` after `move`");
      return ParseClosure(start, true);
    }
    case Tok::Pipe: case Tok::PipePipe:
      return ParseClosure(start, false);
    case Tok::KwIf:
      return ParseIf();
    case Tok::KwMatch: {
      Advance();
      auto m = NewExpr(ExprKind::Match, start);
      m->operand = ParseExprNoStruct();
      Expect(Tok::LBrace, "`{` after the `match` scrutinee");
      bool saved = no_struct_;
      no_struct_ = false;
      while (!At(Tok::RBrace)) {
        MatchArm arm;
        arm.span = Cur().span;
        arm.pat = ParsePattern();
        while (Accept(Tok::Pipe)) ParsePattern();  // alternatives: only the first is kept
        if (Accept(Tok::KwIf)) arm.guard = ParseExpr();
        Expect(Tok::FatArrow, "`=>` after the match pattern");
        arm.body = ParseExprStmt();
        arm.span = arm.span.Join(arm.body->span);
        bool block_like = IsBlockLike(*arm.body);
        m->arms.push_back(std::move(arm));
        if (!Accept(Tok::Comma) && !block_like && !At(Tok::RBrace)) FailExpected("`,` or `}` after the match arm");
      }
      no_struct_ = saved;
      Expect(Tok::RBrace);
      m->span = m->span.Join(PrevSpan());
      return m;
    }
    case Tok::KwLoop: {
      Advance();
      auto l = NewExpr(ExprKind::Loop, start);
      l->body = ParseBlock();
      l->span = l->span.Join(PrevSpan());
      return l;
    }
    case Tok::KwWhile: {
      Advance();
      ExprPtr w;
      if (Accept(Tok::KwLet)) {
        w = NewExpr(ExprKind::WhileLet, start);
        w->pat = ParsePattern();
        Expect(Tok::Eq, "`=` in `while let`");
        w->operand = ParseExprNoStruct();
      } else {
        w = NewExpr(ExprKind::While, start);
        w->cond = ParseExprNoStruct();
      }
      if (!At(Tok::LBrace)) FailExpected("`{` after the `while` condition");
      w->body = ParseBlock();
      w->span = w->span.Join(PrevSpan());
      return w;
    }
    case Tok::KwFor: {
      Advance();
      auto f = NewExpr(ExprKind::For, start);
      f->pat = ParsePattern();
      Expect(Tok::KwIn, "`in` after the `for` pattern");
      f->operand = ParseExprNoStruct();
      if (!At(Tok::LBrace)) FailExpected("`{` after the `for` iterator");
      f->body = ParseBlock();
      f->span = f->span.Join(PrevSpan());
      return f;
    }
    case Tok::KwBreak: case Tok::KwContinue: case Tok::KwReturn: {
      Advance();
      ExprKind k = t.kind == Tok::KwBreak ? ExprKind::Break : t.kind == Tok::KwContinue ? ExprKind::Continue : ExprKind::Return;
      auto e = NewExpr(k, start);
      if (At(Tok::Lifetime)) Fail(Cur().span, "loop labels are not supported");
      if (k != ExprKind::Continue && !AtRangeEnd() && !At(Tok::FatArrow)) {
        e->operand = ParseExpr();
        e->span = e->span.Join(e->operand->span);
      }
      return e;
    }
    case Tok::KwSelfValue: {
      Advance();
      auto e = NewExpr(ExprKind::Path, start);
      e->path = {"self"};
      e->name = "self";
      return e;
    }
    case Tok::Ident: case Tok::KwSelfType:
      return ParsePathExpr();
    default:
      FailExpected("an expression");
  }
}

ExprPtr Parser::ParsePathExpr() {
  Span start = Cur().span;
  std::vector<std::string> path;
  path.push_back(At(Tok::KwSelfType) ? (Advance(), std::string("Self")) : Advance().text);
  if (At(Tok::Bang) && PeekTok().kind != Tok::Eq) {
    Advance();
    return ParseMacro(path[0], start.Join(PrevSpan()));
  }
  std::vector<std::vector<TypeExprPtr>> seg_generics;
  for (;;) {
    if (At(Tok::ColonColon) && PeekTok().kind == Tok::Lt) {
      Advance();
      Advance();
      seg_generics.resize(path.size());
      while (!At(Tok::Gt) && !At(Tok::Eof)) {
        seg_generics[path.size() - 1].push_back(ParseType());
        if (!Accept(Tok::Comma)) break;
      }
      Expect(Tok::Gt, "`>` to close the turbofish");
      continue;
    }
    if (!Accept(Tok::ColonColon)) break;
    path.push_back(ExpectIdent("a path segment after `::`"));
    if (At(Tok::Bang) && PeekTok().kind != Tok::Eq && (path[0] == "tokio" || path[0] == "futures" ||
                                                      path[0] == "std" || path[0] == "core")) {
      // `tokio::select!`, `futures::pin_mut!`, `std::pin::pin!`: the crate's macro by its name
      if (path[0] == "futures" && path.back() == "select")
        Fail(start.Join(Cur().span), "`futures::select!` (with `.fuse()` and `FusedFuture`) is not supported: write "
                                     "tokio's `tokio::select!`, which takes the futures as they are");
      Advance();
      const std::string& last = path.back();
      if (last == "join" || last == "try_join" || last == "pin" || last == "pin_mut") {
        // the crate's name tells `tokio::pin!` (a statement) from `std::pin::pin!` (an expression)
        std::string full = path[0] == "core" ? "std" : path[0];
        for (size_t i = 1; i < path.size(); ++i) full += "::" + path[i];
        return ParseMacro(full, start.Join(PrevSpan()));
      }
      return ParseMacro(last == "select" ? "tokio::select" : last, start.Join(PrevSpan()));
    }
  }
  if (!seg_generics.empty()) seg_generics.resize(path.size());
  // Generic arguments on a type in expression position: `Vec<u8>::new()` is not Rust; skip.
  bool upper = std::isupper(static_cast<unsigned char>(path.back()[0]));
  if (!no_struct_ && upper && At(Tok::LBrace) && LooksLikeStructLiteral()) {
    auto s = NewExpr(ExprKind::StructLit, start);
    s->path = path;
    s->name = path.back();
    Advance();
    while (!At(Tok::RBrace)) {
      FieldInit f;
      f.span = Cur().span;
      f.name = ExpectIdent("a field name");
      if (Accept(Tok::Colon)) {
        f.value = ParseExpr();
      } else {  // shorthand `Foo { x }`
        auto p = NewExpr(ExprKind::Path, f.span);
        p->path = {f.name};
        p->name = f.name;
        f.value = std::move(p);
      }
      f.span = f.span.Join(PrevSpan());
      s->fields.push_back(std::move(f));
      if (!Accept(Tok::Comma)) break;
    }
    Expect(Tok::RBrace, "`,` or `}` in the struct literal");
    s->span = s->span.Join(PrevSpan());
    s->seg_generics = std::move(seg_generics);
    return s;
  }
  auto e = NewExpr(ExprKind::Path, start.Join(PrevSpan()));
  e->path = std::move(path);
  e->name = e->path.back();
  e->seg_generics = std::move(seg_generics);
  return e;
}

// `Name {` starts a struct literal when followed by `}` or `ident :` / `ident ,` / `ident }`.
bool Parser::LooksLikeStructLiteral() const {
  const Token& a = PeekTok(1);
  if (a.kind == Tok::RBrace) return true;
  if (a.kind != Tok::Ident) return false;
  Tok b = PeekTok(2).kind;
  return b == Tok::Colon || b == Tok::Comma || b == Tok::RBrace;
}

}  // namespace aws::parse
