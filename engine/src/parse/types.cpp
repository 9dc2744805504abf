// Types, and the `impl Future<Output = T>` bound.
#include <fmt/format.h>

#include "parse/parser_impl.h"

namespace aws::parse {

TypeExprPtr Parser::TypeOnly() {
  try {
    TypeExprPtr t = ParseType();
    if (!At(Tok::Eof)) FailExpected("end of the type");
    return t;
  } catch (const ParseError&) {
    return nullptr;
  }
}

TypeExprPtr Parser::ParseType() {
  DepthGuard guard(*this);
  auto t = std::make_unique<TypeExpr>();
  t->span = Cur().span;
  if (At(Tok::Amp) || At(Tok::AmpAmp)) {
    bool doubled = At(Tok::AmpAmp);  // `&&T` is one token (a type may start the token buffer)
    Advance();
    if (At(Tok::Lifetime)) Advance();
    t->kind = TypeExpr::Kind::Ref;
    t->is_mut = Accept(Tok::KwMut);
    t->args.push_back(ParseType());
    if (doubled) {  // `&&T`
      auto outer = std::make_unique<TypeExpr>();
      outer->kind = TypeExpr::Kind::Ref;
      outer->span = t->span;
      outer->args.push_back(std::move(t));
      t = std::move(outer);
    }
  } else if (Accept(Tok::Star)) {
    t->kind = TypeExpr::Kind::RawPtr;
    if (Accept(Tok::KwMut)) t->is_mut = true;
    else Expect(Tok::KwConst, "`const` or `mut` after `*` in a pointer type");
    t->args.push_back(ParseType());
  } else if (Accept(Tok::LBracket)) {
    t->kind = TypeExpr::Kind::Array;
    t->args.push_back(ParseType());
    if (Accept(Tok::RBracket)) {  // the slice `[T]` (behind a reference)
      t->array_len = ~uint64_t{0};  // kSliceLen (types.h): Resolve makes it the slice type
    } else {
      if (!Accept(Tok::Semi)) FailExpected("`;` or `]` in the array or slice type");
      if (At(Tok::Ident)) {
        t->array_len_name = Advance().text;  // a `const` (the checker finds its value)
      } else {
        const Token& n = Expect(Tok::Int, "array length");
        t->array_len = n.int_value;
      }
      Expect(Tok::RBracket);
    }
  } else if (Accept(Tok::LParen)) {
    t->kind = TypeExpr::Kind::Tuple;
    while (!At(Tok::RParen)) {
      t->args.push_back(ParseType());
      if (!Accept(Tok::Comma)) break;
    }
    Expect(Tok::RParen, "`,` or `)` in the tuple type");
  } else if (Accept(Tok::Lt)) {  // `<T as Trait>::Item`
    t->kind = TypeExpr::Kind::Qualified;
    t->args.push_back(ParseType());
    Expect(Tok::KwAs, "`as` and a trait in a qualified path");
    std::string trait = ExpectIdent("a trait name");
    while (Accept(Tok::ColonColon)) trait = ExpectIdent("a trait name");
    Expect(Tok::Gt, "`>` to close the qualified path");
    Expect(Tok::ColonColon, "`::` and an associated type");
    t->path = {trait, ExpectIdent("an associated type")};
  } else if (Accept(Tok::Underscore)) {
    t->kind = TypeExpr::Kind::Infer;
  } else if (Accept(Tok::Bang)) {
    t->kind = TypeExpr::Kind::Never;
  } else if ((At(Tok::KwImpl) || At(Tok::KwDyn)) && PeekTok().kind == Tok::Ident && PeekTok().text != "Future" &&
             !(PeekTok(2).kind == Tok::ColonColon)) {
    // `impl Describe`: in a parameter's type an anonymous type parameter bounded by it (as rustc
    // desugars it); in a return type the body's concrete type, checked against the trait.
    bool is_dyn = At(Tok::KwDyn);
    Span at = Advance().span;
    GenericParam gp;
    gp.span = at;
    ParseBounds(gp);
    gp.span = gp.span.Join(PrevSpan());
    t->kind = is_dyn ? TypeExpr::Kind::DynTrait : TypeExpr::Kind::ImplTrait;
    for (const TraitBound& b : gp.bounds) t->path.push_back(b.trait);
    if (is_dyn) {
      t->span = gp.span;
      if (!gp.bounds.empty()) t->trait_span = gp.bounds.front().span;
      return t;
    }
    if (impl_params_) {
      gp.name = std::string(src_.Slice(gp.span));
      t->kind = TypeExpr::Kind::Path;
      t->path = {gp.name};
      impl_params_->push_back(std::move(gp));
    }
  } else if (At(Tok::KwImpl) || At(Tok::KwDyn)) {
    bool is_dyn = At(Tok::KwDyn);
    Advance();
    t->kind = is_dyn ? TypeExpr::Kind::DynFuture : TypeExpr::Kind::ImplFuture;
    ParseFutureBound(*t);
  } else if (At(Tok::Ident) || At(Tok::KwSelfType)) {
    t->kind = TypeExpr::Kind::Path;
    for (;;) {
      t->path.push_back(At(Tok::KwSelfType) ? (Advance(), std::string("Self")) : ExpectIdent("type name"));
      if (!Accept(Tok::ColonColon)) break;
    }
    if (Accept(Tok::Lt)) {
      while (!At(Tok::Gt)) {
        if (At(Tok::Lifetime)) { Advance(); }
        else t->args.push_back(ParseType());
        if (!Accept(Tok::Comma)) break;
      }
      Expect(Tok::Gt, "`>` to close the generic arguments");
    }
    t->span = t->span.Join(PrevSpan());
    if (!alias_args_.empty() && t->path.size() == 1 && t->args.empty())  // a generic alias's parameter
      if (auto it = alias_args_.back().find(t->path[0]); it != alias_args_.back().end())
        return std::make_unique<TypeExpr>(CopyTypeExpr(*it->second));
    return ExpandTypeAlias(std::move(t));  // parse/type_alias.cpp
  } else {
    FailExpected("a type");
  }
  t->span = t->span.Join(PrevSpan());
  return t;
}

// `Future<Output = T>` after `impl` / `dyn`, with optional `+ Send + 'static`.
void Parser::ParseFutureBound(TypeExpr& t) {
  std::string trait = ExpectIdent("`Future`");
  while (Accept(Tok::ColonColon)) trait = ExpectIdent("`Future`");
  if (trait != "Future") Fail(PrevSpan(), fmt::format("only `impl Future<Output = T>` is supported, not `{}`", trait));
  if (Accept(Tok::Lt)) {
    std::string out = ExpectIdent("`Output`");
    if (out != "Output") Fail(PrevSpan(), "expected `Output = T` inside `Future<...>`");
    Expect(Tok::Eq, "`=` after `Output`");
    t.args.push_back(ParseType());
    Expect(Tok::Gt, "`>` to close `Future<...>`");
  }
  while (Accept(Tok::Plus)) {
    if (At(Tok::Lifetime)) Advance();
    else if (ExpectIdent("a trait bound") == "Send") t.send = true;
  }
}

}  // namespace aws::parse
