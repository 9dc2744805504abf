// `enum` items: `enum Name<T> { A, B(T, u8), C { x: T }, D = 4 }`. An enum is a StructDecl with
// `is_enum` whose `fields` are all its variants' fields, one variant after another, so the
// checker's field types, generic instances and layouts serve it as they serve structs.
#include <fmt/format.h>

#include "parse/parser_impl.h"

namespace aws::parse {

void Parser::ParseEnum(size_t start) {
  auto s = std::make_unique<StructDecl>();
  s->is_enum = true;
  s->derives = std::move(pending_derives_);
  s->derive_span = derive_span_;
  pending_derives_.clear();
  Expect(Tok::KwEnum);
  s->name_span = Cur().span;
  s->name = ExpectIdent("enum name");
  ParseGenerics(s->generics);
  ParseWhere(s->generics);
  Expect(Tok::LBrace, "`{` to start the enum's variants");
  int64_t next = 0;
  while (!At(Tok::RBrace) && !At(Tok::Eof)) {
    while (At(Tok::Hash)) {  // an attribute on a variant (`#[default]`): skipped
      Advance();
      Expect(Tok::LBracket, "`[` after `#`");
      int depth = 1;
      while (depth > 0 && !At(Tok::Eof)) {
        if (At(Tok::LBracket)) depth++;
        if (At(Tok::RBracket)) depth--;
        Advance();
      }
    }
    VariantDecl v;
    v.span = Cur().span;
    v.name = ExpectIdent("a variant name");
    v.first_field = s->fields.size();
    if (Accept(Tok::LParen)) {
      v.shape = VariantDecl::Shape::Tuple;
      while (!At(Tok::RParen) && !At(Tok::Eof)) {
        FieldDecl f;
        f.span = Cur().span;
        f.name = std::to_string(s->fields.size() - v.first_field);
        f.type = ParseType();
        f.span = f.span.Join(PrevSpan());
        s->fields.push_back(std::move(f));
        if (!Accept(Tok::Comma)) break;
      }
      Expect(Tok::RParen, "`,` or `)` in the variant's fields");
    } else if (Accept(Tok::LBrace)) {
      v.shape = VariantDecl::Shape::Braced;
      while (!At(Tok::RBrace) && !At(Tok::Eof)) {
        FieldDecl f;
        f.span = Cur().span;
        f.name = ExpectIdent("field name");
        Expect(Tok::Colon, "`:` after the field name");
        f.type = ParseType();
        f.span = f.span.Join(PrevSpan());
        s->fields.push_back(std::move(f));
        if (!Accept(Tok::Comma)) break;
      }
      Expect(Tok::RBrace, "`,` or `}` in the variant's fields");
    }
    v.num_fields = s->fields.size() - v.first_field;
    if (Accept(Tok::Eq)) {  // an explicit discriminant: an integer literal, maybe negative
      bool neg = Accept(Tok::Minus);
      if (!At(Tok::Int)) Fail(Cur().span, "only integer literals are supported as an enum's discriminants in scripts");
      next = static_cast<int64_t>(Advance().int_value);
      if (neg) next = -next;
      v.explicit_discriminant = true;
    }
    v.discriminant = next++;
    v.span = v.span.Join(PrevSpan());
    s->variants.push_back(std::move(v));
    if (!Accept(Tok::Comma)) break;
  }
  Expect(Tok::RBrace, "`,` or `}` in the enum's variants");
  s->span = Span{toks_[start].span.begin, PrevSpan().end};
  module_.structs.push_back(std::move(s));
}

}  // namespace aws::parse
