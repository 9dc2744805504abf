// [SECTION] Index: helpers, items, types, patterns, statements, expressions (precedence table).
#include "awaitscope/parser.h"
#include "awaitscope/type_parse.h"

#include <fmt/format.h>

#include <array>

namespace aws {
namespace {

constexpr int kMaxDepth = kMaxTreeDepth;  // deeper nesting is reported instead of overflowing the stack

std::string TooDeepMessage() {
  return fmt::format("nesting is too deep: more than {} levels (each nested bracket or block counts, and so does "
                     "each link of a chain like `a + b + c`, `x.f().g()` or `else if`); split it up with `let` "
                     "statements or functions",
                     kMaxTreeDepth);
}

struct BinRule {
  Tok tok;
  int prec;
  BinOp op;
};

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

struct ParseError {};    // unwinds to the nearest recovery point
struct ItemRestart {};   // a new item starts inside a function body: resume at item level

class Parser {
 public:
  Parser(const SourceFile& src, Diagnostics& diags, LexResult lex)
      : src_(src), diags_(diags), toks_(std::move(lex.tokens)) {
    module_.annotations = std::move(lex.annotations);
    eof_reported_ = lex.stopped_early;
  }

  Module Run() {
    while (!At(Tok::Eof)) {
      size_t before = pos_;
      size_t errors_before = diags_.ErrorCount();
      try {
        ParseItem();
      } catch (const ParseError&) {
        SyncItem();
        if (pos_ == before) Advance();  // always make progress
      } catch (const ItemRestart&) {
        if (pos_ == before) Advance();
      }
      if (diags_.ErrorCount() > errors_before && !module_.fns.empty() && module_.fns.back()->span.end >= toks_[before].span.begin &&
          module_.fns.back()->span.begin >= toks_[before].span.begin)
        module_.fns.back()->has_syntax_errors = true;
    }
    InstantiateProvidedMethods();
    return std::move(module_);
  }

  ExprPtr ExprOnly() {
    try {
      ExprPtr e = ParseExpr();
      if (!At(Tok::Eof)) FailExpected("end of the expression");
      if (!WithinDepthLimit(*e)) return nullptr;
      return e;
    } catch (const ParseError&) {
      return nullptr;
    }
  }

  TypeExprPtr TypeOnly() {
    try {
      TypeExprPtr t = ParseType();
      if (!At(Tok::Eof)) FailExpected("end of the type");
      return t;
    } catch (const ParseError&) {
      return nullptr;
    }
  }

 private:
  // [SECTION] helpers
  const Token& Cur() const { return toks_[pos_]; }
  const Token& PeekTok(size_t k = 1) const { return toks_[std::min(pos_ + k, toks_.size() - 1)]; }
  bool At(Tok t) const { return Cur().kind == t; }
  bool AtIdent(std::string_view name) const { return At(Tok::Ident) && Cur().text == name; }
  const Token& Advance() {
    const Token& t = toks_[pos_];
    if (pos_ + 1 < toks_.size()) ++pos_;
    return t;
  }
  bool Accept(Tok t) {
    if (!At(t)) return false;
    Advance();
    return true;
  }
  Span PrevSpan() const { return toks_[pos_ > 0 ? pos_ - 1 : 0].span; }

  [[noreturn]] void Fail(Span span, std::string msg) {
    if (At(Tok::Eof) && span.begin >= Cur().span.begin && !open_blocks_.empty()) ReportEof();
    else if (!eof_reported_) diags_.Error(src_, span, std::move(msg));
    throw ParseError{};
  }
  // The file ended inside a block: one message, at the innermost `{` still open. Whatever else
  // goes wrong at the end of the file is a consequence of it.
  void ReportEof() {
    if (eof_reported_) return;
    eof_reported_ = true;
    if (!open_blocks_.empty()) diags_.Error(src_, open_blocks_.back(), "this `{` is never closed");
    else diags_.Error(src_, Cur().span, "unexpected end of file");
  }
  [[noreturn]] void FailExpected(std::string_view what) {
    const Token& t = Cur();
    if (t.kind == Tok::Eof && !open_blocks_.empty()) {
      ReportEof();
      throw ParseError{};
    }
    std::string found = t.kind == Tok::Ident ? fmt::format("`{}`", t.text) : TokName(t.kind);
    Fail(t.span, fmt::format("expected {}, found {}", what, found));
  }
  const Token& Expect(Tok t, std::string_view what = {}) {
    if (!At(t) && t == Tok::Semi && pos_ > 0) {
      const Token& found = Cur();
      std::string f = found.kind == Tok::Ident ? fmt::format("`{}`", found.text) : TokName(found.kind);
      Fail(Span{PrevSpan().end, PrevSpan().end}, fmt::format("expected {}, found {}", what.empty() ? TokName(t) : what, f));
    }
    if (!At(t)) FailExpected(what.empty() ? TokName(t) : what);
    return Advance();
  }
  std::string ExpectIdent(std::string_view what = "identifier") {
    if (!At(Tok::Ident)) FailExpected(what);
    return Advance().text;
  }

  struct DepthGuard {
    Parser& p;
    explicit DepthGuard(Parser& parser) : p(parser) {
      if (++p.depth_ > kMaxDepth) {
        p.depth_ = 0;  // let the error unwind without tripping again
        p.Fail(p.Cur().span, TooDeepMessage());
      }
    }
    ~DepthGuard() {
      if (p.depth_ > 0) --p.depth_;
    }
  };

  // The parser builds flat chains without recursing, but the tree they make is as deep as they
  // are long, and every later pass recurses once per level: one error for a tree past the limit.
  bool WithinDepthLimit(const Expr& root) {
    const Expr* deep = FindTooDeep(root, kMaxTreeDepth);
    if (!deep) return true;
    diags_.Error(src_, NodePosition(*deep), TooDeepMessage());
    return false;
  }

  // Skips to the start of the next item after an error at item level.
  void SyncItem() {
    int depth = 0;
    while (!At(Tok::Eof)) {
      Tok k = Cur().kind;
      bool async_fn = k == Tok::KwAsync && (PeekTok().kind == Tok::KwFn || PeekTok().kind == Tok::KwUnsafe);
      if (depth == 0 && (k == Tok::KwFn || async_fn || k == Tok::KwStruct || k == Tok::KwUse || k == Tok::KwImpl ||
                         k == Tok::KwTrait || k == Tok::KwPub || k == Tok::Hash) && pos_ > sync_floor_) {
        return;
      }
      if (k == Tok::LBrace) depth++;
      if (k == Tok::RBrace && depth > 0) depth--;
      Advance();
    }
  }

  // Skips to the end of the current statement: past a `;` at this depth, or to a `}` closing the
  // enclosing block (not consumed), or to a keyword that starts a statement.
  void SyncStmt(size_t stmt_start) {
    int depth = 0;
    size_t start = pos_;
    if (stmt_start < pos_) {
      pos_ = stmt_start;
      start = pos_;
    }
    while (!At(Tok::Eof)) {
      Tok k = Cur().kind;
      if (depth == 0) {
        if (k == Tok::Semi) { Advance(); return; }
        if (k == Tok::RBrace) return;
        if (pos_ > start && (k == Tok::KwLet || k == Tok::KwFn || k == Tok::KwStruct ||
                             (k == Tok::KwAsync && PeekTok().kind == Tok::KwFn)))
          return;
      }
      // Only braces count: a statement with an unclosed `(` must still end at its `;`.
      if (k == Tok::LBrace) depth++;
      if (k == Tok::RBrace && depth > 0) {
        depth--;
        if (depth == 0) {
          Advance();
          return;  // a block-like statement ended
        }
      }
      Advance();
    }
  }

  ExprPtr NewExpr(ExprKind k, Span span) {
    auto e = std::make_unique<Expr>();
    e->kind = k;
    e->span = span;
    return e;
  }

  // [SECTION] items
  void SkipAttributes() {
    pending_derives_.clear();
    while (At(Tok::Hash)) {  // #[tokio::main] and the like: accepted and ignored
      Advance();
      Accept(Tok::Bang);
      Expect(Tok::LBracket, "`[` after `#`");
      if (AtIdent("derive") && PeekTok().kind == Tok::LParen) {  // #[derive(Clone, Copy)]: kept for the struct
        derive_span_ = Cur().span;
        Advance();
        Advance();
        while (At(Tok::Ident)) {
          if (Cur().text == "Copy") derive_span_ = Cur().span;  // where rustc reports a `Copy` that cannot be
          std::string name = Advance().text;
          while (Accept(Tok::ColonColon)) name = ExpectIdent("a trait name");
          pending_derives_.insert(name);
          if (!Accept(Tok::Comma)) break;
        }
      }
      int depth = 1;
      while (depth > 0 && !At(Tok::Eof)) {
        if (At(Tok::LBracket)) depth++;
        if (At(Tok::RBracket)) depth--;
        Advance();
      }
    }
  }

  void ParseItem() {
    SkipAttributes();
    size_t start = pos_;
    if (Accept(Tok::KwPub)) {
      if (Accept(Tok::LParen)) {  // pub(crate)
        while (!At(Tok::RParen) && !At(Tok::Eof)) Advance();
        Expect(Tok::RParen);
      }
    }
    if (At(Tok::KwUse)) {
      Advance();
      CheckUseRoot();
      while (!At(Tok::Semi) && !At(Tok::Eof)) Advance();
      Expect(Tok::Semi, "`;` after `use` path");
      return;
    }
    if (At(Tok::KwStruct)) return ParseStruct(start);
    if (At(Tok::KwImpl)) return ParseImpl(start);
    if (At(Tok::KwTrait)) return ParseTrait(start);
    bool is_async = false, is_unsafe = false;
    if (Accept(Tok::KwAsync)) is_async = true;
    if (Accept(Tok::KwUnsafe)) is_unsafe = true;
    if (At(Tok::KwFn)) return ParseFn(start, is_async, is_unsafe);
    sync_floor_ = pos_;
    if (At(Tok::KwEnum) || At(Tok::KwMod) || At(Tok::KwStatic) || At(Tok::KwConst) || At(Tok::KwType))
      Fail(Cur().span, fmt::format("{} items are not supported in scripts; write `fn`, `async fn`, `struct`, `impl` "
                                   "or `trait`",
                                   TokName(Cur().kind)));
    FailExpected("`fn`, `async fn`, `struct`, `impl` or `trait`");
  }

  // A `use` path starts at a crate the built-ins stand in for (their items resolve to Awaitscope's
  // built-in equivalents), or at the script itself; any other crate is rustc's E0432.
  void CheckUseRoot() {
    static const char* const kRoots[] = {"std",   "core",  "alloc", "futures", "crossbeam_queue", "conquer_once",
                                         "x86_64", "tokio", "async_std", "crate", "self", "super"};
    Accept(Tok::ColonColon);
    if (At(Tok::LBrace) || At(Tok::Star)) return;
    std::string root = At(Tok::KwSelfValue) ? "self" : At(Tok::Ident) ? Cur().text : "";
    for (const char* r : kRoots)
      if (root == r) return;
    diags_.ErrorWithCode(src_, Cur().span, "E0432",
                         fmt::format("unresolved import `{}`: scripts can use paths from std, core, alloc, futures, "
                                     "crossbeam_queue, conquer_once, x86_64, tokio and async_std",
                                     std::string(src_.Slice(Cur().span))));
  }

  // `impl Type { .. }` / `impl Trait for Type { .. }`: functions (named `Type::name`) and, in a
  // trait impl, associated types.
  void ParseImpl(size_t start) {
    Expect(Tok::KwImpl);
    if (At(Tok::Lt)) Fail(Cur().span, "generic `impl` blocks are not supported in scripts");
    auto impl = std::make_unique<ImplDecl>();
    impl->self_span = Cur().span;
    std::string first = ExpectIdent("a type or trait name");
    while (Accept(Tok::ColonColon)) {
      impl->self_span = Cur().span;
      first = ExpectIdent("a path segment");
    }
    if (At(Tok::Lt)) Fail(Cur().span, "generic types and traits are not supported in scripts");
    if (Accept(Tok::KwFor)) {
      impl->trait_name = first;
      impl->trait_span = impl->self_span;
      impl->self_span = Cur().span;
      impl->self_type = ExpectIdent("the type the trait is implemented for");
      if (At(Tok::Lt)) Fail(Cur().span, "generic types are not supported in scripts");
    } else {
      impl->self_type = first;
    }
    impl->span = Span{toks_[start].span.begin, PrevSpan().end};
    if (At(Tok::KwWhere)) Fail(Cur().span, "`where` clauses are not supported in scripts");
    int index = static_cast<int>(module_.impls.size());
    module_.impls.push_back(std::move(impl));
    ImplDecl& im = *module_.impls.back();
    Expect(Tok::LBrace, "`{` to start the `impl` block");
    while (!At(Tok::RBrace) && !At(Tok::Eof)) {
      size_t before = pos_;
      size_t errors_before = diags_.ErrorCount();
      size_t fns_before = module_.fns.size();
      try {
        ParseImplMember(im, index);
      } catch (const ParseError&) {
        SyncImplMember();
        if (pos_ == before) Advance();
      }
      if (diags_.ErrorCount() > errors_before && module_.fns.size() > fns_before)
        module_.fns.back()->has_syntax_errors = true;
    }
    Expect(Tok::RBrace, "`}` to close the `impl` block");
  }

  void ParseImplMember(ImplDecl& im, int index) {
    SkipAttributes();
    size_t start = pos_;
    Accept(Tok::KwPub);
    if (Accept(Tok::KwType)) {
      AssocType at;
      at.span = Cur().span;
      at.name = ExpectIdent("the associated type's name");
      Expect(Tok::Eq, "`=` and a type");
      at.type = ParseType();
      Expect(Tok::Semi, "`;` after the associated type");
      im.types.push_back(std::move(at));
      return;
    }
    bool is_async = Accept(Tok::KwAsync);
    bool is_unsafe = Accept(Tok::KwUnsafe);
    if (!At(Tok::KwFn)) FailExpected("`fn` or `type` in the `impl` block");
    ParseFn(start, is_async, is_unsafe, &im, index);
    im.fns.push_back(module_.fns.back().get());
  }

  // After an error inside an `impl` or `trait` block: on to its next member or its end.
  void SyncImplMember() {
    int depth = 0;
    while (!At(Tok::Eof)) {
      Tok k = Cur().kind;
      if (depth == 0 && (k == Tok::RBrace || k == Tok::KwFn || k == Tok::KwType || k == Tok::KwPub)) return;
      if (depth == 0 && k == Tok::Semi) { Advance(); return; }
      if (k == Tok::LBrace) depth++;
      if (k == Tok::RBrace) depth--;
      Advance();
    }
  }

  // `trait Name { .. }`: required methods end with `;`, provided ones have a body.
  void ParseTrait(size_t start) {
    Expect(Tok::KwTrait);
    auto tr = std::make_unique<TraitDecl>();
    tr->name_span = Cur().span;
    tr->name = ExpectIdent("trait name");
    if (At(Tok::Lt)) Fail(Cur().span, "generic traits are not supported in scripts");
    if (Accept(Tok::Colon)) {  // supertraits: accepted, not checked
      do ExpectIdent("a trait name");
      while (Accept(Tok::Plus));
    }
    tr->span = Span{toks_[start].span.begin, PrevSpan().end};
    Expect(Tok::LBrace, "`{` to start the trait");
    while (!At(Tok::RBrace) && !At(Tok::Eof)) {
      size_t before = pos_;
      try {
        SkipAttributes();
        if (Accept(Tok::KwType)) {
          tr->assoc_types.push_back(ExpectIdent("the associated type's name"));
          Expect(Tok::Semi, "`;` after the associated type");
          continue;
        }
        size_t fn_start = pos_;
        Accept(Tok::KwAsync);
        Accept(Tok::KwUnsafe);
        if (!At(Tok::KwFn)) FailExpected("`fn` or `type` in the trait");
        size_t errors_before = diags_.ErrorCount();
        TraitDecl::Method m;
        m.first_token = fn_start;
        ImplDecl none;
        ParseFn(fn_start, false, false, &none, -1, /*in_trait=*/true);
        std::unique_ptr<FnDecl> fn = std::move(module_.fns.back());
        module_.fns.pop_back();
        m.name = fn->short_name;
        m.span = fn->name_span;
        // A provided method that did not parse is not copied into the impls (its error is reported).
        m.has_default = fn->body != nullptr && diags_.ErrorCount() == errors_before;
        if (fn->body && !m.has_default) m.first_token = SIZE_MAX;
        tr->methods.push_back(m);
      } catch (const ParseError&) {
        SyncImplMember();
        if (pos_ == before) Advance();
      }
    }
    Expect(Tok::RBrace, "`}` to close the trait");
    module_.traits.push_back(std::move(tr));
  }

  // Each trait impl gets its own copy of the provided methods it does not define, parsed again
  // from the trait's tokens with `Self` being the impl's type.
  void InstantiateProvidedMethods() {
    size_t saved = pos_;
    for (size_t i = 0; i < module_.impls.size(); ++i) {
      ImplDecl& im = *module_.impls[i];
      if (im.trait_name.empty()) continue;
      const TraitDecl* tr = module_.FindTrait(im.trait_name);
      if (!tr) continue;
      for (const TraitDecl::Method& m : tr->methods) {
        if (!m.has_default) continue;
        bool defined = false;
        for (const FnDecl* f : im.fns) defined = defined || f->short_name == m.name;
        if (defined) continue;
        pos_ = m.first_token;
        bool is_async = Accept(Tok::KwAsync);
        bool is_unsafe = Accept(Tok::KwUnsafe);
        try {
          ParseFn(m.first_token, is_async, is_unsafe, &im, static_cast<int>(i));
          im.fns.push_back(module_.fns.back().get());
        } catch (const ParseError&) {
        }
      }
    }
    pos_ = saved;
  }

  // A `self` type for a receiver: `Self`, or `&Self` / `&mut Self`.
  TypeExprPtr SelfType(Span at, int refs, bool is_mut) {
    auto t = std::make_unique<TypeExpr>();
    t->kind = TypeExpr::Kind::Path;
    t->span = at;
    t->path = {"Self"};
    if (refs == 0) return t;
    auto r = std::make_unique<TypeExpr>();
    r->kind = TypeExpr::Kind::Ref;
    r->span = at;
    r->is_mut = is_mut;
    r->args.push_back(std::move(t));
    return r;
  }

  // A method's receiver, first in the parameter list: `self`, `mut self`, `&self`, `&'a self`,
  // `&mut self`, `self: Type`. Returns false (consuming nothing) when the parameter is not one.
  bool ParseReceiver(Param& p) {
    size_t k = 0;
    bool is_ref = false, ref_mut = false;
    if (PeekTok(k).kind == Tok::Amp) {
      is_ref = true;
      ++k;
      if (PeekTok(k).kind == Tok::Lifetime) ++k;
      if (PeekTok(k).kind == Tok::KwMut) { ref_mut = true; ++k; }
    }
    bool binding_mut = false;
    if (!is_ref && PeekTok(k).kind == Tok::KwMut) { binding_mut = true; ++k; }
    if (PeekTok(k).kind != Tok::KwSelfValue) return false;
    for (size_t i = 0; i <= k; ++i) Advance();
    p.name = "self";
    p.is_self = true;
    p.is_mut = binding_mut;
    Span at = p.span.Join(PrevSpan());
    if (!is_ref && Accept(Tok::Colon)) {
      p.type = ParseType();
    } else {
      p.type = SelfType(at, is_ref ? 1 : 0, ref_mut);
    }
    p.span = at.Join(PrevSpan());
    return true;
  }

  // `impl_decl`: the `impl` block the function belongs to (null: a free function). `in_trait`: a
  // trait's method, whose body may be missing (`;`).
  void ParseFn(size_t start, bool is_async, bool is_unsafe, ImplDecl* impl_decl = nullptr, int impl_index = -1,
               bool in_trait = false) {
    auto fn = std::make_unique<FnDecl>();
    fn->is_async = is_async;
    fn->is_unsafe = is_unsafe;
    Expect(Tok::KwFn);
    fn->name_span = Cur().span;
    fn->short_name = ExpectIdent("function name");
    fn->name = impl_decl && !in_trait ? impl_decl->self_type + "::" + fn->short_name : fn->short_name;
    fn->impl = impl_index;
    if (!in_trait) module_.broken_names.insert(fn->name);  // until the whole item has parsed
    if (At(Tok::Lt)) Fail(Cur().span, "generic functions are not supported in scripts");
    Expect(Tok::LParen, "`(` to start the parameter list");
    while (!At(Tok::RParen)) {
      Param p;
      p.span = Cur().span;
      if (impl_decl && fn->params.empty() && ParseReceiver(p)) {
        fn->params.push_back(std::move(p));
        if (!Accept(Tok::Comma)) break;
        continue;
      }
      if (At(Tok::Amp) || At(Tok::KwSelfValue) || (At(Tok::KwMut) && PeekTok().kind == Tok::KwSelfValue))
        Fail(Cur().span, impl_decl ? "`self` is only allowed as the first parameter"
                                   : "`self` parameters are only allowed in the functions of an `impl` block");
      p.is_mut = Accept(Tok::KwMut);
      p.name = ExpectIdent("parameter name");
      Expect(Tok::Colon, "`:` and a type after the parameter name");
      p.type = ParseType();
      p.span = p.span.Join(PrevSpan());
      fn->params.push_back(std::move(p));
      if (!Accept(Tok::Comma)) break;
    }
    Expect(Tok::RParen, "`,` or `)` in the parameter list");
    if (Accept(Tok::Arrow)) fn->ret = ParseType();
    if (At(Tok::KwWhere)) Fail(Cur().span, "`where` clauses are not supported in scripts");
    if (in_trait && Accept(Tok::Semi)) {  // a required method: no body
      fn->span = Span{toks_[start].span.begin, PrevSpan().end};
      module_.fns.push_back(std::move(fn));
      return;
    }
    if (!At(Tok::LBrace)) FailExpected("`{` to start the function body");
    try {
      fn->body = ParseBlock();
      if (!WithinDepthLimit(*fn->body)) {  // later passes would recurse too deep: they see an empty body
        fn->body = NewExpr(ExprKind::Block, fn->body->span);
        fn->has_syntax_errors = true;
      }
    } catch (const ItemRestart&) {
      fn->body = NewExpr(ExprKind::Block, fn->name_span);
      fn->has_syntax_errors = true;
    }
    fn->span = Span{toks_[start].span.begin, PrevSpan().end};
    if (!fn->has_syntax_errors) module_.broken_names.erase(fn->name);
    module_.fns.push_back(std::move(fn));
  }

  void ParseStruct(size_t start) {
    auto s = std::make_unique<StructDecl>();
    s->derives = std::move(pending_derives_);
    s->derive_span = derive_span_;
    pending_derives_.clear();
    Expect(Tok::KwStruct);
    s->name_span = Cur().span;
    s->name = ExpectIdent("struct name");
    if (At(Tok::Lt)) Fail(Cur().span, "generic structs are not supported in scripts");
    if (Accept(Tok::Semi)) {
      s->span = Span{toks_[start].span.begin, PrevSpan().end};
      module_.structs.push_back(std::move(s));
      return;
    }
    if (Accept(Tok::LParen)) {  // a tuple struct: its fields are named by position
      s->is_tuple = true;
      while (!At(Tok::RParen)) {
        Accept(Tok::KwPub);
        FieldDecl f;
        f.span = Cur().span;
        f.name = std::to_string(s->fields.size());
        f.type = ParseType();
        f.span = f.span.Join(PrevSpan());
        s->fields.push_back(std::move(f));
        if (!Accept(Tok::Comma)) break;
      }
      Expect(Tok::RParen, "`,` or `)` in the tuple struct's fields");
      Expect(Tok::Semi, "`;` after a tuple struct");
      s->span = Span{toks_[start].span.begin, PrevSpan().end};
      module_.structs.push_back(std::move(s));
      return;
    }
    Expect(Tok::LBrace, "`{` to start the struct fields");
    while (!At(Tok::RBrace)) {
      Accept(Tok::KwPub);
      FieldDecl f;
      f.span = Cur().span;
      f.name = ExpectIdent("field name");
      Expect(Tok::Colon, "`:` after the field name");
      f.type = ParseType();
      f.span = f.span.Join(PrevSpan());
      s->fields.push_back(std::move(f));
      if (!Accept(Tok::Comma)) break;
    }
    Expect(Tok::RBrace, "`,` or `}` in the struct fields");
    s->span = Span{toks_[start].span.begin, PrevSpan().end};
    module_.structs.push_back(std::move(s));
  }

  // [SECTION] types
  TypeExprPtr ParseType() {
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
      if (!Accept(Tok::Semi)) Fail(Cur().span, "slice types `[T]` are not supported; use `[T; N]` or `Vec<T>`");
      const Token& n = Expect(Tok::Int, "array length");
      t->array_len = n.int_value;
      Expect(Tok::RBracket);
    } else if (Accept(Tok::LParen)) {
      t->kind = TypeExpr::Kind::Tuple;
      while (!At(Tok::RParen)) {
        t->args.push_back(ParseType());
        if (!Accept(Tok::Comma)) break;
      }
      Expect(Tok::RParen, "`,` or `)` in the tuple type");
    } else if (Accept(Tok::Underscore)) {
      t->kind = TypeExpr::Kind::Infer;
    } else if (Accept(Tok::Bang)) {
      t->kind = TypeExpr::Kind::Never;
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
    } else {
      FailExpected("a type");
    }
    t->span = t->span.Join(PrevSpan());
    return t;
  }

  // `Future<Output = T>` after `impl` / `dyn`, with optional `+ Send + 'static`.
  void ParseFutureBound(TypeExpr& t) {
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
      else ExpectIdent("a trait bound");
    }
  }

  // [SECTION] patterns
  PatternPtr ParsePattern() {
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

  // [SECTION] statements
  ExprPtr ParseBlock() {
    DepthGuard guard(*this);
    auto block = NewExpr(ExprKind::Block, Cur().span);
    Expect(Tok::LBrace, "`{`");
    open_blocks_.push_back(block->span);
    struct Pop {
      std::vector<Span>& v;
      ~Pop() { v.pop_back(); }
    } pop{open_blocks_};
    while (!At(Tok::RBrace) && !At(Tok::Eof)) {
      size_t stmt_start = pos_;
      try {
        ParseStmtInto(*block);
      } catch (const ParseError&) {
        SyncStmt(stmt_start);
        if (pos_ == stmt_start && !At(Tok::RBrace) && !At(Tok::Eof)) Advance();
      }
    }
    if (At(Tok::Eof)) {
      ReportEof();
      throw ParseError{};
    }
    Expect(Tok::RBrace);
    block->span = block->span.Join(PrevSpan());
    return block;
  }

  static bool IsBlockLike(const Expr& e) {
    switch (e.kind) {
      case ExprKind::Block: case ExprKind::Unsafe: case ExprKind::If: case ExprKind::IfLet:
      case ExprKind::Match: case ExprKind::Loop: case ExprKind::While: case ExprKind::WhileLet:
      case ExprKind::For:
        return true;
      default:
        return false;
    }
  }

  // At `fn`/`struct` inside a body: a nested item (its braces balance before the body ends)
  // or the next top-level item after a body that was never closed.
  void ItemInsideBody() {
    int depth = 0;
    int open = static_cast<int>(open_blocks_.size());
    for (size_t i = pos_; i < toks_.size() && toks_[i].kind != Tok::Eof; ++i) {
      if (toks_[i].kind == Tok::LBrace) depth++;
      if (toks_[i].kind == Tok::RBrace && --depth < 0 && -depth >= open) {
        // Everything open gets closed later: this really is a nested item. It is hoisted to the
        // top level (visible everywhere, unlike in Rust, where only its block sees it).
        size_t item_start = pos_;
        if (At(Tok::KwStruct)) return ParseStruct(item_start);
        if (At(Tok::KwFn) || At(Tok::KwAsync)) {
          bool is_async = Accept(Tok::KwAsync);
          bool is_unsafe = Accept(Tok::KwUnsafe);
          return ParseFn(item_start, is_async, is_unsafe);
        }
        const Token& kw = Cur();
        diags_.Error(src_, kw.span, "nested items are not supported; declare functions and structs at the top level");
        while (!At(Tok::LBrace) && !At(Tok::Semi) && !At(Tok::Eof)) Advance();
        if (Accept(Tok::Semi)) return;
        int d = 0;
        do {
          if (At(Tok::LBrace)) d++;
          if (At(Tok::RBrace)) d--;
          Advance();
        } while (d > 0 && !At(Tok::Eof));
        return;
      }
    }
    if (!eof_reported_) diags_.Error(src_, open_blocks_.front(), "this `{` is never closed");
    eof_reported_ = true;
    throw ItemRestart{};
  }

  void ParseStmtInto(Expr& block) {
    if (At(Tok::KwFn) || At(Tok::KwStruct) || (At(Tok::KwAsync) && PeekTok().kind == Tok::KwFn)) {
      if (block.tail) {
        auto s = std::make_unique<Stmt>();
        s->kind = Stmt::Kind::Expr;
        s->span = block.tail->span;
        s->init = std::move(block.tail);
        block.stmts.push_back(std::move(s));
      }
      ItemInsideBody();
      return;
    }
    if (block.tail) {
      // An expression without `;` was followed by more statements.
      const Expr& prev = *block.tail;
      if (!IsBlockLike(prev)) {
        diags_.Error(src_, Span{prev.span.end, prev.span.end}, "expected `;` after this expression");
      }
      auto s = std::make_unique<Stmt>();
      s->kind = Stmt::Kind::Expr;
      s->span = prev.span;
      s->init = std::move(block.tail);
      block.stmts.push_back(std::move(s));
    }
    if (Accept(Tok::Semi)) return;

    if ((At(Tok::KwConst) && PeekTok().kind == Tok::Ident) || At(Tok::KwStatic)) {
      // `const N: T = e;` / `static S: T = e;` in a body: a binding of the block (a `static mut`
      // a mutable one), evaluated where it stands.
      auto s = std::make_unique<Stmt>();
      s->kind = Stmt::Kind::Let;
      s->span = Advance().span;
      auto p = std::make_unique<Pattern>();
      p->kind = Pattern::Kind::Bind;
      p->is_mut = Accept(Tok::KwMut);
      p->span = Cur().span;
      p->name = ExpectIdent("the item's name");
      s->pat = std::move(p);
      Expect(Tok::Colon, "`:` and a type (a `const` or `static` needs one)");
      s->type = ParseType();
      Expect(Tok::Eq, "`=` and a value");
      s->init = ParseExpr();
      Expect(Tok::Semi, "`;` after the item");
      s->has_semi = true;
      s->span = s->span.Join(PrevSpan());
      block.stmts.push_back(std::move(s));
      return;
    }
    if (At(Tok::KwLet)) {
      auto s = std::make_unique<Stmt>();
      s->kind = Stmt::Kind::Let;
      s->span = Advance().span;
      s->pat = ParsePattern();
      if (Accept(Tok::Colon)) s->type = ParseType();
      if (Accept(Tok::Eq)) s->init = ParseExpr();
      if (At(Tok::KwElse)) Fail(Cur().span, "`let ... else` is not supported");
      Expect(Tok::Semi, "`;` after the `let` statement");
      s->has_semi = true;
      s->span = s->span.Join(PrevSpan());
      block.stmts.push_back(std::move(s));
      return;
    }
    ExprPtr e = ParseExprStmt();
    if (Accept(Tok::Semi)) {
      auto s = std::make_unique<Stmt>();
      s->kind = Stmt::Kind::Expr;
      s->span = e->span.Join(PrevSpan());
      s->init = std::move(e);
      s->has_semi = true;
      block.stmts.push_back(std::move(s));
      return;
    }
    if (At(Tok::Eof)) {
      ReportEof();
      throw ParseError{};
    }
    bool item_next = At(Tok::KwFn) || At(Tok::KwStruct) || (At(Tok::KwAsync) && PeekTok().kind == Tok::KwFn);
    if (!At(Tok::RBrace) && !IsBlockLike(*e) && !item_next) {
      diags_.Error(src_, Span{e->span.end, e->span.end}, "expected `;` after this expression");
      throw ParseError{};
    }
    block.tail = std::move(e);  // becomes a statement if more follow
  }

  // A statement-position expression: block-like expressions end the statement by themselves.
  ExprPtr ParseExprStmt() {
    if (At(Tok::LBrace) || At(Tok::KwIf) || At(Tok::KwMatch) || At(Tok::KwLoop) || At(Tok::KwWhile) ||
        At(Tok::KwFor) || (At(Tok::KwUnsafe) && PeekTok().kind == Tok::LBrace)) {
      ExprPtr e = ParsePrimary();
      if (At(Tok::Dot) || At(Tok::Question)) {
        e = ParsePostfixOps(std::move(e));
        return ParseBinaryRest(std::move(e), 0);
      }
      return e;
    }
    return ParseExpr();
  }

  // [SECTION] expressions
  ExprPtr ParseExpr() { return ParseAssign(); }

  ExprPtr ParseExprNoStruct() {
    bool saved = no_struct_;
    no_struct_ = true;
    ExprPtr e = ParseExpr();
    no_struct_ = saved;
    return e;
  }

  ExprPtr ParseAssign() {
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

  bool AtRangeEnd() const {
    return At(Tok::RParen) || At(Tok::RBracket) || At(Tok::RBrace) || At(Tok::Comma) || At(Tok::Semi) ||
           At(Tok::Eof) || (no_struct_ && At(Tok::LBrace));
  }

  ExprPtr ParseRange() {
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
  const BinRule* CurBinRule(size_t* width) const {
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

  ExprPtr ParseBinary(int min_prec) {
    return ParseBinaryRest(ParseUnary(), min_prec);
  }

  ExprPtr ParseBinaryRest(ExprPtr lhs, int min_prec) {
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

  ExprPtr ParseUnary() {
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

  std::vector<ExprPtr> ParseArgs(Tok close) {
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
  TypeExprPtr SkipTurbofish() {
    TypeExprPtr first;
    if (At(Tok::ColonColon) && PeekTok().kind == Tok::Lt) {
      Advance();
      Advance();
      while (!At(Tok::Gt)) {
        TypeExprPtr t = ParseType();
        if (!first) first = std::move(t);
        if (!Accept(Tok::Comma)) break;
      }
      Expect(Tok::Gt, "`>` to close the turbofish");
    }
    return first;
  }

  ExprPtr ParsePostfixOps(ExprPtr e) {
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
          TypeExprPtr turbofish = SkipTurbofish();
          if (At(Tok::LParen)) {
            Advance();
            auto m = NewExpr(ExprKind::MethodCall, e->span);
            m->type_expr = std::move(turbofish);
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

  ExprPtr ParseMacro(std::string name, Span start) {
    auto m = NewExpr(ExprKind::MacroCall, start);
    m->name = name;
    m->name_span = start;
    Tok close;
    if (Accept(Tok::LParen)) close = Tok::RParen;
    else if (Accept(Tok::LBracket)) close = Tok::RBracket;
    else { Expect(Tok::LBrace, "`(`, `[` or `{` after the macro name"); close = Tok::RBrace; }
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
  void InlineFormatArgs(Expr& m) {
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

  ExprPtr ParseClosure(Span start, bool is_move) {
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
  ExprPtr ParseIf() {
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

  ExprPtr ParsePrimary() {
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

  ExprPtr ParsePathExpr() {
    Span start = Cur().span;
    std::vector<std::string> path;
    path.push_back(At(Tok::KwSelfType) ? (Advance(), std::string("Self")) : Advance().text);
    if (At(Tok::Bang) && PeekTok().kind != Tok::Eq) {
      Advance();
      return ParseMacro(path[0], start.Join(PrevSpan()));
    }
    for (;;) {
      if (At(Tok::ColonColon) && PeekTok().kind == Tok::Lt) {
        SkipTurbofish();
        continue;
      }
      if (!Accept(Tok::ColonColon)) break;
      path.push_back(ExpectIdent("a path segment after `::`"));
    }
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
      return s;
    }
    auto e = NewExpr(ExprKind::Path, start.Join(PrevSpan()));
    e->path = std::move(path);
    e->name = e->path.back();
    return e;
  }

  // `Name {` starts a struct literal when followed by `}` or `ident :` / `ident ,` / `ident }`.
  bool LooksLikeStructLiteral() const {
    const Token& a = PeekTok(1);
    if (a.kind == Tok::RBrace) return true;
    if (a.kind != Tok::Ident) return false;
    Tok b = PeekTok(2).kind;
    return b == Tok::Colon || b == Tok::Comma || b == Tok::RBrace;
  }

  const SourceFile& src_;
  Diagnostics& diags_;
  std::vector<Token> toks_;
  size_t pos_ = 0;
  size_t sync_floor_ = 0;
  std::set<std::string> pending_derives_;  // of the attributes before the next item
  Span derive_span_;
  bool eof_reported_ = false;
  std::vector<Span> open_blocks_;  // `{` of the blocks being parsed, outermost first
  int depth_ = 0;
  bool no_struct_ = false;
  Module module_;
};

}  // namespace

TypeExprPtr ParseTypeSource(const SourceFile& src, Diagnostics& diags) {
  LexResult lex = Lex(src, diags);
  Parser p(src, diags, std::move(lex));
  return p.TypeOnly();
}

ExprPtr ParseExprText(const std::string& text, const std::string& origin, uint32_t line, uint32_t col,
                      Diagnostics& diags) {
  SourceFile src(origin, text, line > 0 ? line - 1 : 0, col > 0 ? col - 1 : 0);
  LexResult lex = Lex(src, diags);
  Parser p(src, diags, std::move(lex));
  return p.ExprOnly();
}

Module Parse(const SourceFile& src, Diagnostics& diags) {
  size_t first = diags.items().size();
  LexResult lex = Lex(src, diags);
  Module m = Parser(src, diags, std::move(lex)).Run();
  diags.SortFrom(first);  // lexer and parser errors in file order
  return m;
}

const FnDecl* Module::FindFn(std::string_view name) const {
  for (const auto& f : fns)
    if (f->name == name) return f.get();
  return nullptr;
}

const StructDecl* Module::FindStruct(std::string_view name) const {
  for (const auto& s : structs)
    if (s->name == name) return s.get();
  return nullptr;
}

const TraitDecl* Module::FindTrait(std::string_view name) const {
  for (const auto& t : traits)
    if (t->name == name) return t.get();
  return nullptr;
}

}  // namespace aws
