#include "awaitscope/lexer.h"

#include <fmt/format.h>

#include <array>
#include <string_view>

namespace aws {
namespace {

struct Keyword {
  std::string_view text;
  Tok tok;
};

constexpr std::array kKeywords = {
    Keyword{"as", Tok::KwAs},         Keyword{"async", Tok::KwAsync},   Keyword{"await", Tok::KwAwait},
    Keyword{"break", Tok::KwBreak},   Keyword{"const", Tok::KwConst},   Keyword{"continue", Tok::KwContinue},
    Keyword{"else", Tok::KwElse},     Keyword{"enum", Tok::KwEnum},     Keyword{"false", Tok::KwFalse},
    Keyword{"fn", Tok::KwFn},         Keyword{"for", Tok::KwFor},       Keyword{"if", Tok::KwIf},
    Keyword{"impl", Tok::KwImpl},     Keyword{"in", Tok::KwIn},         Keyword{"let", Tok::KwLet},
    Keyword{"loop", Tok::KwLoop},     Keyword{"match", Tok::KwMatch},   Keyword{"mod", Tok::KwMod},
    Keyword{"move", Tok::KwMove},     Keyword{"mut", Tok::KwMut},       Keyword{"pub", Tok::KwPub},
    Keyword{"return", Tok::KwReturn}, Keyword{"Self", Tok::KwSelfType}, Keyword{"self", Tok::KwSelfValue},
    Keyword{"static", Tok::KwStatic}, Keyword{"struct", Tok::KwStruct}, Keyword{"trait", Tok::KwTrait},
    Keyword{"true", Tok::KwTrue},     Keyword{"type", Tok::KwType},     Keyword{"unsafe", Tok::KwUnsafe},
    Keyword{"use", Tok::KwUse},       Keyword{"where", Tok::KwWhere},   Keyword{"while", Tok::KwWhile},
    Keyword{"dyn", Tok::KwDyn},
};

bool IsIdentStart(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsIdentChar(unsigned char c) { return IsIdentStart(c) || (c >= '0' && c <= '9'); }

// Length of the valid prefix of `s` as UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
// past U+10FFFF), which is also what the JSON writers accept.
size_t ValidUtf8Prefix(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto b = [&](size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
    unsigned c = b(0);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = 0;
    unsigned lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    }
    if (len == 0 || b(1) < lo || b(1) > hi) return i;
    for (size_t k = 2; k < len; ++k)
      if ((b(k) & 0xC0) != 0x80) return i;
    i += len;
  }
  return i;
}

class Lexer {
 public:
  // Lexing stops at the first byte that is not UTF-8 (one error there): a script is text, and
  // every later stage (the JSON writers above all) may rely on its strings being valid UTF-8.
  Lexer(const SourceFile& src, Diagnostics& diags)
      : src_(src), text_(std::string_view(src.text()).substr(0, ValidUtf8Prefix(src.text()))), diags_(diags) {
    cut_ = text_.size() < src.text().size();
  }

  LexResult Run() {
    LexResult out;
    for (;;) {
      SkipTrivia(out);
      if (stop_) pos_ = text_.size();
      Token t;
      if (!Next(&t)) continue;  // an unexpected character was reported and skipped
      bool eof = t.kind == Tok::Eof;
      if (eof && cut_ && !garbage_) {
        const auto byte = static_cast<unsigned char>(src_.text()[text_.size()]);
        diags_.Error(src_, {uint32_t(text_.size()), uint32_t(text_.size() + 1)},
                     fmt::format("invalid UTF-8 (byte 0x{:02X}): a script must be UTF-8 text", byte));
      }
      out.tokens.push_back(std::move(t));
      if (eof) break;
    }
    out.stopped_early = stop_ || cut_;
    return out;
  }

 private:
  char Peek(size_t k = 0) const { return pos_ + k < text_.size() ? text_[pos_ + k] : '\0'; }
  bool AtEnd() const { return pos_ >= text_.size(); }
  Span SpanFrom(size_t start) const { return {uint32_t(start), uint32_t(pos_)}; }

  void Error(size_t start, size_t end, std::string msg) {
    diags_.Error(src_, {uint32_t(start), uint32_t(end)}, std::move(msg));
  }
  // A comment, string or character literal that runs to the end of the text. When the text was
  // cut at a byte that is not UTF-8, that byte is the error, not this.
  void Unterminated(size_t start, size_t end, std::string msg) {
    if (!cut_) Error(start, end, std::move(msg));
  }

  void SkipTrivia(LexResult& out) {
    for (;;) {
      char c = Peek();
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++pos_;
      } else if (c == '/' && Peek(1) == '/') {
        size_t start = pos_;
        while (!AtEnd() && Peek() != '\n') ++pos_;
        ReadAnnotation(start, out);
      } else if (c == '/' && Peek(1) == '*') {
        size_t start = pos_;
        pos_ += 2;
        int depth = 1;  // Rust block comments nest
        while (!AtEnd() && depth > 0) {
          if (Peek() == '/' && Peek(1) == '*') { depth++; pos_ += 2; }
          else if (Peek() == '*' && Peek(1) == '/') { depth--; pos_ += 2; }
          else ++pos_;
        }
        if (depth > 0) {
          Unterminated(start, start + 2, "unterminated block comment");
          stop_ = true;
        }
      } else {
        return;
      }
    }
  }

  // `// @state Name`, `// @start Name`, `// @end Name`.
  void ReadAnnotation(size_t start, LexResult& out) {
    std::string_view body = std::string_view(text_).substr(start + 2, pos_ - start - 2);
    size_t at = body.find_first_not_of(" \t/");
    if (at == std::string_view::npos || body[at] != '@') return;
    body.remove_prefix(at + 1);
    size_t key_end = 0;
    while (key_end < body.size() && IsIdentChar(body[key_end])) ++key_end;
    std::string key(body.substr(0, key_end));
    if (key != "state" && key != "start" && key != "end") return;
    std::string_view rest = body.substr(key_end);
    size_t v = rest.find_first_not_of(" \t");
    size_t value_begin = start + 2 + at + 1 + key_end + (v == std::string_view::npos ? rest.size() : v);
    std::string value;
    if (v != std::string_view::npos)
      for (size_t i = v; i < rest.size() && IsIdentChar(rest[i]); ++i) value.push_back(rest[i]);
    if (value.empty() || !IsIdentStart(value[0])) {
      Error(start, pos_, fmt::format("`@{}` needs a name, e.g. `// @{} WaitingOnFile`", key, key));
      return;
    }
    Annotation a;
    a.key = key;
    a.value = value;
    a.span = {uint32_t(value_begin), uint32_t(value_begin + value.size())};
    a.line = src_.LineOf(uint32_t(start));
    out.annotations.push_back(std::move(a));
  }

  Token Make(Tok k, size_t start) {
    Token t;
    t.kind = k;
    t.span = SpanFrom(start);
    return t;
  }

  bool Next(Token* out) {
    Token t = NextToken();
    if (t.kind == Tok::Lifetime && t.text.empty()) return false;  // marker: nothing produced
    *out = std::move(t);
    return true;
  }

  Token Nothing() {
    Token t;
    t.kind = Tok::Lifetime;  // with empty text: "no token" (see Next)
    return t;
  }

  Token NextToken() {
    size_t start = pos_;
    if (AtEnd()) return Make(Tok::Eof, start);
    unsigned char c = static_cast<unsigned char>(Peek());
    if (IsIdentStart(c)) return IdentOrKeyword();
    if (c >= '0' && c <= '9') return Number();
    if (c == '"') return String();
    if (c == '\'') return CharOrLifetime();
    ++pos_;
    auto two = [&](char next, Tok yes, Tok no) {
      if (Peek() == next) { ++pos_; return Make(yes, start); }
      return Make(no, start);
    };
    switch (c) {
      case '(': return Make(Tok::LParen, start);
      case ')': return Make(Tok::RParen, start);
      case '{': return Make(Tok::LBrace, start);
      case '}': return Make(Tok::RBrace, start);
      case '[': return Make(Tok::LBracket, start);
      case ']': return Make(Tok::RBracket, start);
      case ',': return Make(Tok::Comma, start);
      case ';': return Make(Tok::Semi, start);
      case '?': return Make(Tok::Question, start);
      case '#': return Make(Tok::Hash, start);
      case '@': return Make(Tok::At, start);
      case '^': return Make(Tok::Caret, start);
      case ':': return two(':', Tok::ColonColon, Tok::Colon);
      case '.':
        if (Peek() == '.') {
          ++pos_;
          return two('=', Tok::DotDotEq, Tok::DotDot);
        }
        return Make(Tok::Dot, start);
      case '-':
        if (Peek() == '>') { ++pos_; return Make(Tok::Arrow, start); }
        return two('=', Tok::MinusEq, Tok::Minus);
      case '=':
        if (Peek() == '>') { ++pos_; return Make(Tok::FatArrow, start); }
        return two('=', Tok::EqEq, Tok::Eq);
      case '!': return two('=', Tok::Ne, Tok::Bang);
      case '<':
        if (Peek() == '<') { ++pos_; return Make(Tok::Shl, start); }
        return two('=', Tok::Le, Tok::Lt);
      // `>>` is lexed as two `>` so that `Vec<Option<u8>>` closes two generic lists; the
      // parser joins adjacent `>` `>` back into a shift in expressions.
      case '>': return two('=', Tok::Ge, Tok::Gt);
      case '+': return two('=', Tok::PlusEq, Tok::Plus);
      case '*': return two('=', Tok::StarEq, Tok::Star);
      case '/': return two('=', Tok::SlashEq, Tok::Slash);
      case '%': return two('=', Tok::PercentEq, Tok::Percent);
      case '&': return two('&', Tok::AmpAmp, Tok::Amp);
      case '|': return two('|', Tok::PipePipe, Tok::Pipe);
      default: break;
    }
    if (c >= 0x20 && c < 0x7f) {
      Error(start, pos_, fmt::format("unexpected character `{}`", char(c)));
      return Nothing();
    }
    // A whole UTF-8 character is one unexpected character; anything else means the file is not
    // text at all: one message, and the rest of the file is not looked at.
    size_t len = c >= 0xF0 && c < 0xF8 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
    bool valid = len > 0 && start + len <= text_.size();
    for (size_t k = 1; valid && k < len; ++k)
      valid = (static_cast<unsigned char>(text_[start + k]) & 0xC0) == 0x80;
    if (valid) {
      pos_ = start + len;
      Error(start, pos_, fmt::format("unexpected character `{}`", text_.substr(start, len)));
      return Nothing();
    }
    Error(start, pos_, fmt::format("unexpected byte 0x{:02X}: this file is not script text", c));
    stop_ = garbage_ = true;
    return Nothing();
  }

  Token IdentOrKeyword() {
    size_t start = pos_;
    while (!AtEnd() && IsIdentChar(static_cast<unsigned char>(Peek()))) ++pos_;
    std::string_view word = std::string_view(text_).substr(start, pos_ - start);
    if (word == "_") return Make(Tok::Underscore, start);
    for (const Keyword& k : kKeywords)
      if (k.text == word) return Make(k.tok, start);
    Token t = Make(Tok::Ident, start);
    t.text = std::string(word);
    return t;
  }

  Token Number() {
    size_t start = pos_;
    int base = 10;
    if (Peek() == '0' && (Peek(1) == 'x' || Peek(1) == 'X')) { base = 16; pos_ += 2; }
    else if (Peek() == '0' && (Peek(1) == 'b' || Peek(1) == 'B')) { base = 2; pos_ += 2; }
    else if (Peek() == '0' && (Peek(1) == 'o' || Peek(1) == 'O')) { base = 8; pos_ += 2; }
    uint64_t value = 0;
    bool overflow = false;
    bool any = false;
    for (;;) {
      char d = Peek();
      int digit = -1;
      if (d >= '0' && d <= '9') digit = d - '0';
      else if (base == 16 && d >= 'a' && d <= 'f') digit = d - 'a' + 10;
      else if (base == 16 && d >= 'A' && d <= 'F') digit = d - 'A' + 10;
      else if (d == '_') { ++pos_; continue; }
      if (digit < 0 || digit >= base) break;
      any = true;
      if (value > (UINT64_MAX - uint64_t(digit)) / uint64_t(base)) overflow = true;
      value = value * uint64_t(base) + uint64_t(digit);
      ++pos_;
    }
    Token t;
    t.kind = Tok::Int;
    if (!any) Error(start, pos_, "integer literal has no digits");
    if (Peek() == '.' && Peek(1) >= '0' && Peek(1) <= '9') {
      while (!AtEnd() && (IsIdentChar(static_cast<unsigned char>(Peek())) || Peek() == '.')) ++pos_;
      Error(start, pos_, "floating-point numbers are not supported; use integers (milliseconds for durations)");
    }
    size_t suffix_start = pos_;
    while (!AtEnd() && IsIdentChar(static_cast<unsigned char>(Peek()))) ++pos_;
    t.suffix = std::string(text_.substr(suffix_start, pos_ - suffix_start));
    static constexpr std::array<std::string_view, 7> kSuffixes = {"u8", "u32", "u64", "usize", "i32", "i64", "ms"};
    if (!t.suffix.empty()) {
      bool ok = false;
      for (auto s : kSuffixes) ok |= (s == t.suffix);
      if (!ok) Error(suffix_start, pos_, fmt::format("unknown suffix `{}` on integer literal", t.suffix));
    }
    t.int_value = value;
    t.int_overflow = overflow;
    t.span = SpanFrom(start);
    t.text = std::string(text_.substr(start, suffix_start - start));
    if (overflow) Error(start, pos_, "integer literal is too large");
    return t;
  }

  // Decodes one escape after the backslash; returns false on an unknown escape.
  bool Escape(std::string& out) {
    size_t start = pos_ - 1;
    char e = Peek();
    if (AtEnd()) return false;
    ++pos_;
    switch (e) {
      case 'n': out.push_back('\n'); return true;
      case 't': out.push_back('\t'); return true;
      case 'r': out.push_back('\r'); return true;
      case '0': out.push_back('\0'); return true;
      case '\\': out.push_back('\\'); return true;
      case '"': out.push_back('"'); return true;
      case '\'': out.push_back('\''); return true;
      case '\n':  // line continuation: skip leading whitespace of the next line
        while (Peek() == ' ' || Peek() == '\t' || Peek() == '\n' || Peek() == '\r') ++pos_;
        return true;
      case 'x': {
        int v = 0;
        for (int i = 0; i < 2; ++i) {
          char h = Peek();
          int d = (h >= '0' && h <= '9') ? h - '0' : (h >= 'a' && h <= 'f') ? h - 'a' + 10 : (h >= 'A' && h <= 'F') ? h - 'A' + 10 : -1;
          if (d < 0) { Error(start, pos_, "`\\x` escape needs two hex digits"); return true; }
          v = v * 16 + d;
          ++pos_;
        }
        if (v > 0x7f) Error(start, pos_, "`\\x` escape must be at most \\x7F");
        out.push_back(char(v));
        return true;
      }
      default:
        Error(start, pos_, fmt::format("unknown escape `\\{}`", e));
        return true;
    }
  }

  Token String() {
    size_t start = pos_++;
    std::string value;
    while (!AtEnd() && Peek() != '"') {
      if (Peek() == '\\') { ++pos_; Escape(value); continue; }
      value.push_back(Peek());
      ++pos_;
    }
    if (AtEnd()) {
      Unterminated(start, start + 1, "unterminated string literal");
      stop_ = true;
    } else {
      ++pos_;
    }
    Token t = Make(Tok::Str, start);
    t.text = std::move(value);
    return t;
  }

  Token CharOrLifetime() {
    size_t start = pos_++;
    // 'x' or '\n' is a char; 'a without a closing quote is a lifetime such as '_ or 'static.
    if (Peek() == '\\' || (Peek(1) == '\'' && Peek() != '\'') ) {
      std::string value;
      if (Peek() == '\\') { ++pos_; Escape(value); }
      else { value.push_back(Peek()); ++pos_; }
      if (Peek() != '\'') {
        Unterminated(start, pos_, "unterminated character literal");
      } else {
        ++pos_;
      }
      Token t = Make(Tok::Char, start);
      t.text = value;
      t.int_value = value.empty() ? 0 : static_cast<unsigned char>(value[0]);
      return t;
    }
    if (IsIdentStart(static_cast<unsigned char>(Peek()))) {
      while (!AtEnd() && IsIdentChar(static_cast<unsigned char>(Peek()))) ++pos_;
      Token t = Make(Tok::Lifetime, start);
      t.text = std::string(text_.substr(start, pos_ - start));
      return t;
    }
    Error(start, start + 1, "unexpected `'`");
    return Nothing();
  }

  const SourceFile& src_;
  std::string_view text_;
  bool cut_ = false;  // text_ ends before the file does, at a byte that is not UTF-8
  bool garbage_ = false;  // "this file is not script text" was said: nothing more about its bytes
  Diagnostics& diags_;
  size_t pos_ = 0;
  bool stop_ = false;  // stop scanning: unterminated literal/comment, or not text
};

}  // namespace

const char* TokName(Tok t) {
  switch (t) {
    case Tok::Eof: return "end of file";
    case Tok::Ident: return "identifier";
    case Tok::Int: return "integer";
    case Tok::Str: return "string";
    case Tok::Char: return "character";
    case Tok::Lifetime: return "lifetime";
    case Tok::KwAs: return "`as`";
    case Tok::KwAsync: return "`async`";
    case Tok::KwAwait: return "`await`";
    case Tok::KwBreak: return "`break`";
    case Tok::KwConst: return "`const`";
    case Tok::KwContinue: return "`continue`";
    case Tok::KwElse: return "`else`";
    case Tok::KwEnum: return "`enum`";
    case Tok::KwFalse: return "`false`";
    case Tok::KwFn: return "`fn`";
    case Tok::KwFor: return "`for`";
    case Tok::KwIf: return "`if`";
    case Tok::KwImpl: return "`impl`";
    case Tok::KwIn: return "`in`";
    case Tok::KwLet: return "`let`";
    case Tok::KwLoop: return "`loop`";
    case Tok::KwMatch: return "`match`";
    case Tok::KwMod: return "`mod`";
    case Tok::KwMove: return "`move`";
    case Tok::KwMut: return "`mut`";
    case Tok::KwPub: return "`pub`";
    case Tok::KwReturn: return "`return`";
    case Tok::KwSelfType: return "`Self`";
    case Tok::KwSelfValue: return "`self`";
    case Tok::KwStatic: return "`static`";
    case Tok::KwStruct: return "`struct`";
    case Tok::KwTrait: return "`trait`";
    case Tok::KwTrue: return "`true`";
    case Tok::KwType: return "`type`";
    case Tok::KwUnsafe: return "`unsafe`";
    case Tok::KwUse: return "`use`";
    case Tok::KwWhere: return "`where`";
    case Tok::KwWhile: return "`while`";
    case Tok::KwDyn: return "`dyn`";
    case Tok::LParen: return "`(`";
    case Tok::RParen: return "`)`";
    case Tok::LBrace: return "`{`";
    case Tok::RBrace: return "`}`";
    case Tok::LBracket: return "`[`";
    case Tok::RBracket: return "`]`";
    case Tok::Comma: return "`,`";
    case Tok::Semi: return "`;`";
    case Tok::Colon: return "`:`";
    case Tok::ColonColon: return "`::`";
    case Tok::Dot: return "`.`";
    case Tok::DotDot: return "`..`";
    case Tok::DotDotEq: return "`..=`";
    case Tok::Arrow: return "`->`";
    case Tok::FatArrow: return "`=>`";
    case Tok::Question: return "`?`";
    case Tok::Bang: return "`!`";
    case Tok::Hash: return "`#`";
    case Tok::At: return "`@`";
    case Tok::Underscore: return "`_`";
    case Tok::Plus: return "`+`";
    case Tok::Minus: return "`-`";
    case Tok::Star: return "`*`";
    case Tok::Slash: return "`/`";
    case Tok::Percent: return "`%`";
    case Tok::Caret: return "`^`";
    case Tok::Amp: return "`&`";
    case Tok::Pipe: return "`|`";
    case Tok::AmpAmp: return "`&&`";
    case Tok::PipePipe: return "`||`";
    case Tok::Shl: return "`<<`";
    case Tok::Shr: return "`>>`";
    case Tok::Eq: return "`=`";
    case Tok::EqEq: return "`==`";
    case Tok::Ne: return "`!=`";
    case Tok::Lt: return "`<`";
    case Tok::Le: return "`<=`";
    case Tok::Gt: return "`>`";
    case Tok::Ge: return "`>=`";
    case Tok::PlusEq: return "`+=`";
    case Tok::MinusEq: return "`-=`";
    case Tok::StarEq: return "`*=`";
    case Tok::SlashEq: return "`/=`";
    case Tok::PercentEq: return "`%=`";
  }
  return "token";
}

LexResult Lex(const SourceFile& src, Diagnostics& diags) { return Lexer(src, diags).Run(); }

}  // namespace aws
