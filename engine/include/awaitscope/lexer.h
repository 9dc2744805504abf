// Tokens of the script language (a Rust subset) and the scanner that produces them.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "awaitscope/diagnostics.h"
#include "awaitscope/source.h"

namespace aws {

enum class Tok : uint8_t {
  Eof, Ident, Int, Str, Char, Lifetime,
  // keywords
  KwAs, KwAsync, KwAwait, KwBreak, KwConst, KwContinue, KwElse, KwEnum, KwFalse, KwFn, KwFor,
  KwIf, KwImpl, KwIn, KwLet, KwLoop, KwMatch, KwMod, KwMove, KwMut, KwPub, KwReturn, KwSelfType,
  KwSelfValue, KwStatic, KwStruct, KwTrait, KwTrue, KwType, KwUnsafe, KwUse, KwWhere, KwWhile, KwDyn,
  // punctuation
  LParen, RParen, LBrace, RBrace, LBracket, RBracket, Comma, Semi, Colon, ColonColon, Dot, DotDot,
  DotDotEq, Arrow, FatArrow, Question, Bang, Hash, At, Underscore,
  Plus, Minus, Star, Slash, Percent, Caret, Amp, Pipe, AmpAmp, PipePipe, Shl, Shr,
  Eq, EqEq, Ne, Lt, Le, Gt, Ge, PlusEq, MinusEq, StarEq, SlashEq, PercentEq,
};

const char* TokName(Tok t);

struct Token {
  Tok kind = Tok::Eof;
  Span span;
  std::string text;     // identifier name, decoded string/char literal, or integer digits
  uint64_t int_value = 0;
  std::string suffix;   // integer suffix such as "u32", empty if none
  bool int_overflow = false;
};

// `// @state Name` and friends: teaching annotations found in comments.
struct Annotation {
  std::string key;    // "state", "start", "end"
  std::string value;  // the name given
  uint32_t line = 0;  // line of the comment (file-relative, as Locate reports)
  Span span;
};

struct LexResult {
  std::vector<Token> tokens;  // always ends with Eof
  std::vector<Annotation> annotations;
  bool stopped_early = false;  // the file ended inside a literal or comment, or is not text
};

LexResult Lex(const SourceFile& src, Diagnostics& diags);

}  // namespace aws
