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
  } else if (At(Tok::Ident)) {
    std::vector<std::string> path;
    path.push_back(Advance().text);
    while (Accept(Tok::ColonColon)) path.push_back(ExpectIdent("a path segment"));
    bool upper = !path.back().empty() && std::isupper(static_cast<unsigned char>(path.back()[0]));
    if (path.size() == 1 && !upper && !At(Tok::LParen)) {
      p->kind = Pattern::Kind::Bind;
      p->name = path[0];
    } else {
      p->kind = Pattern::Kind::Path;
      p->path = path;
      p->name = path.back();
      if (Accept(Tok::LParen)) {
        p->has_parens = true;
        while (!At(Tok::RParen)) {
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

}  // namespace aws::parse
