// Patterns.
#include <cctype>

#include "parse/parser_impl.h"

namespace aws::parse {

PatternPtr Parser::ParsePattern() {
  DepthGuard guard(*this);
  auto p = std::make_unique<Pattern>();
  p->span = Cur().span;
  if (Accept(Tok::Underscore)) {
    p->kind = Pattern::Kind::Wild;
  } else if (At(Tok::Int) || At(Tok::Str) || At(Tok::KwTrue) || At(Tok::KwFalse) || At(Tok::Minus) ||
             At(Tok::Char)) {
    p->kind = Pattern::Kind::Lit;
    p->lit = ParsePrimary();
  } else if (Accept(Tok::LParen)) {
    p->kind = Pattern::Kind::Tuple;
    while (!At(Tok::RParen)) {
      p->subs.push_back(ParsePattern());
      if (!Accept(Tok::Comma)) break;
    }
    Expect(Tok::RParen, "`,` or `)` in the tuple pattern");
  } else if (At(Tok::KwMut)) {
    p->kind = Pattern::Kind::Bind;
    p->is_mut = Accept(Tok::KwMut);
    p->name = ExpectIdent("a name to bind");
  } else if (At(Tok::Ident) || At(Tok::KwSelfType)) {
    std::vector<std::string> path;
    path.push_back(At(Tok::KwSelfType) ? (Advance(), std::string("Self")) : Advance().text);
    while (Accept(Tok::ColonColon)) path.push_back(ExpectIdent("a path segment"));
    bool upper = !path.back().empty() && std::isupper(static_cast<unsigned char>(path.back()[0]));
    if (upper && At(Tok::LBrace)) {
      ParseStructPatternFields(*p, std::move(path));
    } else if (path.size() == 1 && !upper && !At(Tok::LParen)) {
      p->kind = Pattern::Kind::Bind;
      p->name = path[0];
    } else {
      p->kind = Pattern::Kind::Path;
      p->path = path;
      p->name = path.back();
      if (Accept(Tok::LParen)) {
        p->has_parens = true;
        while (!At(Tok::RParen)) {
          if (!p->has_rest && At(Tok::DotDot)) {  // `E::B(x, ..)`: the fields not written (an enum's variant)
            p->has_rest = true;
            p->rest_at = static_cast<int>(p->subs.size());
            Advance();
            if (!Accept(Tok::Comma)) break;
            continue;
          }
          p->subs.push_back(ParsePattern());
          if (!Accept(Tok::Comma)) break;
        }
        Expect(Tok::RParen, "`,` or `)` in the pattern");
      }
    }
  } else {
    FailExpected("a pattern");
  }
  p->span = p->span.Join(PrevSpan());
  return p;
}

// The braces of a struct pattern `Name { a, b: pat, mut c, .. }`: a field without `: pat` binds
// a name of its own (the sub-patterns nest through ParsePattern's depth guard).
void Parser::ParseStructPatternFields(Pattern& p, std::vector<std::string> path) {
  p.kind = Pattern::Kind::Struct;
  p.name = path.back();
  p.path = std::move(path);
  Expect(Tok::LBrace);
  while (!At(Tok::RBrace) && !At(Tok::Eof)) {
    if (Accept(Tok::DotDot)) {
      p.has_rest = true;
      break;
    }
    Span field_span = Cur().span;
    bool is_mut = Accept(Tok::KwMut);
    if (!is_mut) field_span = Cur().span;
    std::string field = ExpectIdent("a field name");
    if (!is_mut && Accept(Tok::Colon)) {
      p.subs.push_back(ParsePattern());
    } else {
      auto b = std::make_unique<Pattern>();
      b->kind = Pattern::Kind::Bind;
      b->name = field;
      b->is_mut = is_mut;
      b->span = field_span.Join(PrevSpan());
      p.subs.push_back(std::move(b));
    }
    p.field_names.push_back(field);
    p.field_spans.push_back(is_mut ? PrevSpan() : field_span);
    if (!Accept(Tok::Comma)) break;
  }
  Expect(Tok::RBrace, "`,`, `..` or `}` in the struct pattern");
}

}  // namespace aws::parse
