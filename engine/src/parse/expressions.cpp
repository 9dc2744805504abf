// Expressions by operator precedence (the table): assignment, ranges, binary and unary
// operators, arguments and the postfix operators (calls, methods, fields, indexing, `.await`, `?`).
#include <array>

#include "parse/parser_impl.h"

namespace aws::parse {
namespace {

// Rust precedence, higher binds tighter. Comparisons are non-associative.
constexpr std::array kBinRules = {
    BinRule{Tok::PipePipe, 1, BinOp::Or},  BinRule{Tok::AmpAmp, 2, BinOp::And},
    BinRule{Tok::EqEq, 3, BinOp::Eq},      BinRule{Tok::Ne, 3, BinOp::Ne},
    BinRule{Tok::Lt, 3, BinOp::Lt},        BinRule{Tok::Le, 3, BinOp::Le},
    BinRule{Tok::Gt, 3, BinOp::Gt},        BinRule{Tok::Ge, 3, BinOp::Ge},
    BinRule{Tok::Pipe, 4, BinOp::BitOr},   BinRule{Tok::Caret, 5, BinOp::BitXor},
    BinRule{Tok::Amp, 6, BinOp::BitAnd},   BinRule{Tok::Shl, 7, BinOp::Shl},
    BinRule{Tok::Shr, 7, BinOp::Shr},      BinRule{Tok::Plus, 8, BinOp::Add},
    BinRule{Tok::Minus, 8, BinOp::Sub},    BinRule{Tok::Star, 9, BinOp::Mul},
    BinRule{Tok::Slash, 9, BinOp::Div},    BinRule{Tok::Percent, 9, BinOp::Rem},
};
constexpr int kCastPrec = 10;
constexpr int kComparePrec = 3;

struct CompoundRule {
  Tok tok;
  BinOp op;
};
constexpr std::array kCompoundRules = {
    CompoundRule{Tok::PlusEq, BinOp::Add}, CompoundRule{Tok::MinusEq, BinOp::Sub},
    CompoundRule{Tok::StarEq, BinOp::Mul}, CompoundRule{Tok::SlashEq, BinOp::Div},
    CompoundRule{Tok::PercentEq, BinOp::Rem},
};

}  // namespace

ExprPtr Parser::ExprOnly() {
  try {
    ExprPtr e = ParseExpr();
    if (!At(Tok::Eof)) FailExpected("end of the expression");
    if (!WithinDepthLimit(*e)) return nullptr;
    return e;
  } catch (const ParseError&) {
    return nullptr;
  }
}

ExprPtr Parser::ParseExpr() { return ParseAssign(); }

ExprPtr Parser::ParseExprNoStruct() {
  bool saved = no_struct_;
  no_struct_ = true;
  ExprPtr e = ParseExpr();
  no_struct_ = saved;
  return e;
}

ExprPtr Parser::ParseAssign() {
  ExprPtr lhs = ParseRange();
  if (At(Tok::Eq)) {
    Advance();
    auto e = NewExpr(ExprKind::Assign, lhs->span);
    e->lhs = std::move(lhs);
    e->rhs = ParseAssign();
    e->span = e->span.Join(e->rhs->span);
    return e;
  }
  for (const CompoundRule& r : kCompoundRules) {
    if (At(r.tok)) {
      Advance();
      auto e = NewExpr(ExprKind::CompoundAssign, lhs->span);
      e->bin_op = r.op;
      e->lhs = std::move(lhs);
      e->rhs = ParseAssign();
      e->span = e->span.Join(e->rhs->span);
      return e;
    }
  }
  return lhs;
}

bool Parser::AtRangeEnd() const {
  return At(Tok::RParen) || At(Tok::RBracket) || At(Tok::RBrace) || At(Tok::Comma) || At(Tok::Semi) ||
         At(Tok::Eof) || (no_struct_ && At(Tok::LBrace));
}

ExprPtr Parser::ParseRange() {
  ExprPtr lhs;
  if (!(At(Tok::DotDot) || At(Tok::DotDotEq))) lhs = ParseBinary(0);
  if (At(Tok::DotDot) || At(Tok::DotDotEq)) {
    bool inclusive = At(Tok::DotDotEq);
    Span s = Advance().span;
    auto e = NewExpr(ExprKind::Range, lhs ? lhs->span.Join(s) : s);
    e->flag = inclusive;
    e->lhs = std::move(lhs);
    if (!AtRangeEnd()) e->rhs = ParseBinary(0);
    if (e->rhs) e->span = e->span.Join(e->rhs->span);
    return e;
  }
  return lhs;
}

// Current token as a binary operator, joining `>` `>` into `>>`.
const BinRule* Parser::CurBinRule(size_t* width) const {
  *width = 1;
  if (At(Tok::Gt) && PeekTok().kind == Tok::Gt && PeekTok().span.begin == Cur().span.end) {
    *width = 2;
    static constexpr BinRule kShr{Tok::Shr, 7, BinOp::Shr};
    return &kShr;
  }
  for (const BinRule& r : kBinRules)
    if (r.tok == Cur().kind) return &r;
  return nullptr;
}

ExprPtr Parser::ParseBinary(int min_prec) {
  return ParseBinaryRest(ParseUnary(), min_prec);
}

ExprPtr Parser::ParseBinaryRest(ExprPtr lhs, int min_prec) {
  for (;;) {
    if (At(Tok::KwAs) && kCastPrec >= min_prec) {
      Advance();
      auto e = NewExpr(ExprKind::Cast, lhs->span);
      e->operand = std::move(lhs);
      e->type_expr = ParseType();
      e->span = e->span.Join(PrevSpan());
      lhs = std::move(e);
      continue;
    }
    size_t width = 1;
    const BinRule* rule = CurBinRule(&width);
    if (!rule || rule->prec < min_prec) return lhs;
    Span op_span = Cur().span;
    for (size_t i = 0; i < width; ++i) Advance();
    ExprPtr rhs = ParseBinary(rule->prec + 1);
    auto e = NewExpr(ExprKind::Binary, lhs->span.Join(rhs->span));
    e->bin_op = rule->op;
    e->name_span = op_span;
    e->lhs = std::move(lhs);
    e->rhs = std::move(rhs);
    if (rule->prec == kComparePrec) {
      size_t w2;
      const BinRule* next = CurBinRule(&w2);
      if (next && next->prec == kComparePrec)
        Fail(Cur().span, "comparison operators cannot be chained; use parentheses");
    }
    lhs = std::move(e);
  }
}

ExprPtr Parser::ParseUnary() {
  DepthGuard guard(*this);
  Span start = Cur().span;
  if (Accept(Tok::Minus) || Accept(Tok::Bang)) {
    bool neg = toks_[pos_ - 1].kind == Tok::Minus;
    ExprPtr inner = ParseUnary();
    auto e = NewExpr(ExprKind::Unary, start.Join(inner->span));
    e->un_op = neg ? UnOp::Neg : UnOp::Not;
    e->operand = std::move(inner);
    return e;
  }
  if (Accept(Tok::Star)) {
    ExprPtr inner = ParseUnary();
    auto e = NewExpr(ExprKind::Deref, start.Join(inner->span));
    e->operand = std::move(inner);
    return e;
  }
  if (At(Tok::Amp) || At(Tok::AmpAmp)) {
    bool doubled = At(Tok::AmpAmp);
    Advance();
    bool is_mut = Accept(Tok::KwMut);
    ExprPtr inner = ParseUnary();
    auto e = NewExpr(ExprKind::Ref, start.Join(inner->span));
    e->flag = is_mut;
    e->operand = std::move(inner);
    if (doubled) {
      auto outer = NewExpr(ExprKind::Ref, e->span);
      outer->operand = std::move(e);
      return outer;
    }
    return e;
  }
  return ParsePostfixOps(ParsePrimary());
}

std::vector<ExprPtr> Parser::ParseArgs(Tok close) {
  std::vector<ExprPtr> args;
  bool saved = no_struct_;
  no_struct_ = false;
  while (!At(close)) {
    args.push_back(ParseExpr());
    if (!Accept(Tok::Comma)) break;
  }
  no_struct_ = saved;
  Expect(close, close == Tok::RParen ? "`,` or `)` in the argument list" : "`,` or `]`");
  return args;
}

// `::<T, ..>`: returns the first type (a method's, as in `collect::<Vec<_>>()`), or null.
TypeExprPtr Parser::SkipTurbofish(std::vector<TypeExprPtr>* rest) {
  TypeExprPtr first;
  if (At(Tok::ColonColon) && PeekTok().kind == Tok::Lt) {
    Advance();
    Advance();
    while (!At(Tok::Gt)) {
      TypeExprPtr t = ParseType();
      if (rest) rest->push_back(std::make_unique<TypeExpr>(CopyTypeExpr(*t)));
      if (!first) first = std::move(t);
      if (!Accept(Tok::Comma)) break;
    }
    Expect(Tok::Gt, "`>` to close the turbofish");
  }
  return first;
}

ExprPtr Parser::ParsePostfixOps(ExprPtr e) {
  for (;;) {
    if (At(Tok::Question)) {
      Advance();
      auto t = NewExpr(ExprKind::Try, e->span.Join(PrevSpan()));
      t->name_span = PrevSpan();
      t->operand = std::move(e);
      e = std::move(t);
    } else if (At(Tok::LParen)) {
      Advance();
      auto c = NewExpr(ExprKind::Call, e->span);
      c->operand = std::move(e);
      c->args = ParseArgs(Tok::RParen);
      c->span = c->span.Join(PrevSpan());
      e = std::move(c);
    } else if (At(Tok::LBracket)) {
      Advance();
      auto i = NewExpr(ExprKind::Index, e->span);
      i->lhs = std::move(e);
      bool saved = no_struct_;
      no_struct_ = false;
      i->rhs = ParseExpr();
      no_struct_ = saved;
      Expect(Tok::RBracket, "`]` to close the index");
      i->span = i->span.Join(PrevSpan());
      e = std::move(i);
    } else if (At(Tok::Dot)) {
      Advance();
      if (At(Tok::KwAwait)) {
        Span s = Advance().span;
        if (At(Tok::LParen)) Fail(Cur().span, "`await` is not a method: write `.await` without parentheses");
        auto a = NewExpr(ExprKind::Await, e->span.Join(s));
        a->name_span = s;
        a->operand = std::move(e);
        e = std::move(a);
      } else if (At(Tok::Int)) {
        const Token& t = Advance();
        auto f = NewExpr(ExprKind::TupleField, e->span.Join(t.span));
        f->tuple_index = static_cast<uint32_t>(t.int_value);
        f->name_span = t.span;
        f->operand = std::move(e);
        e = std::move(f);
      } else {
        Span name_span = Cur().span;
        std::string name = ExpectIdent("a field or method name after `.`");
        std::vector<TypeExprPtr> all_args;
        TypeExprPtr turbofish = SkipTurbofish(&all_args);
        if (At(Tok::LParen)) {
          Advance();
          auto m = NewExpr(ExprKind::MethodCall, e->span);
          m->type_expr = std::move(turbofish);
          m->generic_args = std::move(all_args);
          m->name = name;
          m->name_span = name_span;
          m->operand = std::move(e);
          m->args = ParseArgs(Tok::RParen);
          m->span = m->span.Join(PrevSpan());
          e = std::move(m);
        } else {
          auto f = NewExpr(ExprKind::Field, e->span.Join(name_span));
          f->name = name;
          f->name_span = name_span;
          f->operand = std::move(e);
          e = std::move(f);
        }
      }
    } else {
      return e;
    }
  }
}

}  // namespace aws::parse
