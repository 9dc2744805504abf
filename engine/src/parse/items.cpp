// Items: the item loop, attributes, `use`, `impl` blocks, traits and their provided methods,
// functions with their receivers, and structs.
#include <fmt/format.h>

#include "parse/parser_impl.h"

namespace aws::parse {

Module Parser::Run() {
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
  module_.tokens = std::make_shared<const std::vector<Token>>(toks_);
  return std::move(module_);
}

// A generic function's instance: its tokens (from `first_token`, at `pub`, `async`, `unsafe` or
// `fn`) parsed again. Null if they do not parse (they did once, so they do).
std::unique_ptr<FnDecl> Parser::FnAgain(size_t first_token, ImplDecl* impl_decl, int impl_index) {
  pos_ = first_token;
  try {
    if (Accept(Tok::KwPub) && Accept(Tok::LParen)) {
      while (!At(Tok::RParen) && !At(Tok::Eof)) Advance();
      Expect(Tok::RParen);
    }
    bool is_async = Accept(Tok::KwAsync);
    bool is_unsafe = Accept(Tok::KwUnsafe);
    ParseFn(first_token, is_async, is_unsafe, impl_decl, impl_index);
  } catch (const ParseError&) {
    return nullptr;
  } catch (const ItemRestart&) {
    return nullptr;
  }
  if (module_.fns.empty()) return nullptr;
  std::unique_ptr<FnDecl> fn = std::move(module_.fns.back());
  module_.fns.pop_back();
  return fn;
}

// `<T: A + B, U>` after an item's name (lifetimes are accepted and ignored).
void Parser::ParseGenerics(std::vector<GenericParam>& out) {
  if (!Accept(Tok::Lt)) return;
  while (!At(Tok::Gt) && !At(Tok::Eof)) {
    if (At(Tok::Lifetime)) {
      Advance();
      if (Accept(Tok::Colon))
        while (At(Tok::Lifetime) || At(Tok::Plus)) Advance();
    } else {
      if (At(Tok::KwConst)) Fail(Cur().span, "const generics are not supported in scripts");
      GenericParam p;
      p.span = Cur().span;
      p.name = ExpectIdent("a type parameter");
      if (Accept(Tok::Colon)) ParseBounds(p);
      if (At(Tok::Eq)) Fail(Cur().span, "default type parameters are not supported in scripts");
      out.push_back(std::move(p));
    }
    if (!Accept(Tok::Comma)) break;
  }
  Expect(Tok::Gt, "`>` to close the type parameters");
}

// `A + B<Item = u32> + 'static + ?Sized` after `T:`.
void Parser::ParseBounds(GenericParam& p) {
  for (;;) {
    if (At(Tok::Lifetime)) {
      Advance();
    } else if (Accept(Tok::Question)) {
      ExpectIdent("`Sized`");
    } else if (At(Tok::Ident)) {
      TraitBound b;
      b.span = Cur().span;
      b.trait = Advance().text;
      while (Accept(Tok::ColonColon)) {
        b.span = Cur().span;
        b.trait = ExpectIdent("a trait name");
      }
      if (Accept(Tok::Lt)) {
        while (!At(Tok::Gt) && !At(Tok::Eof)) {
          if (At(Tok::Ident) && PeekTok().kind == Tok::Eq) {
            std::string name = Advance().text;
            Advance();
            b.assoc.emplace_back(name, ParseType());
          } else {
            ParseType();  // a trait's own type argument (`From<u8>`): not modelled
          }
          if (!Accept(Tok::Comma)) break;
        }
        Expect(Tok::Gt, "`>` to close the trait's arguments");
      }
      p.bounds.push_back(std::move(b));
    } else {
      FailExpected("a trait bound");
    }
    if (!Accept(Tok::Plus)) break;
  }
}

// `where T: A, U: B`: each clause's bounds join its parameter's. A function's `where Self: Sized`
// (which keeps a trait's method out of its vtable) sets *self_sized.
void Parser::ParseWhere(std::vector<GenericParam>& params, bool* self_sized) {
  if (!Accept(Tok::KwWhere)) return;
  while (At(Tok::Ident) || At(Tok::Lifetime) || (self_sized && At(Tok::KwSelfType))) {
    if (At(Tok::KwSelfType)) {
      Advance();
      Expect(Tok::Colon, "`:` and the bounds of `Self`");
      GenericParam self_bounds;
      ParseBounds(self_bounds);
      for (const TraitBound& b : self_bounds.bounds)
        if (b.trait == "Sized") *self_sized = true;
    } else if (At(Tok::Lifetime)) {
      Advance();
      Expect(Tok::Colon);
      while (At(Tok::Lifetime) || At(Tok::Plus)) Advance();
    } else {
      Span at = Cur().span;
      std::string name = Advance().text;
      GenericParam* target = nullptr;
      for (GenericParam& p : params)
        if (p.name == name) target = &p;
      if (!target || !At(Tok::Colon))
        Fail(at, "a `where` clause in scripts bounds a type parameter of the item (`where T: Trait`)");
      Advance();
      ParseBounds(*target);
    }
    if (!Accept(Tok::Comma)) break;
  }
}

void Parser::SkipAttributes() {
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

void Parser::ParseItem() {
  SkipAttributes();
  size_t start = pos_;
  if (Accept(Tok::KwPub)) {
    if (Accept(Tok::LParen)) {  // pub(crate)
      while (!At(Tok::RParen) && !At(Tok::Eof)) Advance();
      Expect(Tok::RParen);
    }
  }
  if (At(Tok::KwUse)) return ParseUse();
  // `extern crate alloc;`: the crates scripts may name are always there, so it does nothing.
  if (AtIdent("extern") && PeekTok().kind == Tok::Ident && PeekTok().text == "crate") {
    Advance();
    Advance();
    ExpectIdent("a crate name");
    Expect(Tok::Semi, "`;` after `extern crate`");
    return;
  }
  if (At(Tok::KwStatic) || (At(Tok::KwConst) && PeekTok().kind == Tok::Ident)) return ParseStatic(start);
  if (AtIdent("thread_local") && PeekTok().kind == Tok::Bang) return ParseThreadLocal(start, nullptr);
  if (At(Tok::KwStruct)) return ParseStruct(start);
  if (At(Tok::KwEnum)) return ParseEnum(start);  // parse/enums.cpp
  if (At(Tok::KwType)) return ParseTypeAlias();  // parse/type_alias.cpp
  if (At(Tok::KwImpl)) return ParseImpl(start);
  // `unsafe impl Send for X {}` (parse/items.cpp; the checker's send.cpp reads it)
  if (At(Tok::KwUnsafe) && PeekTok().kind == Tok::KwImpl) {
    Advance();
    return ParseImpl(start, true);
  }
  if (At(Tok::KwTrait)) return ParseTrait(start);
  bool is_async = false, is_unsafe = false;
  if (Accept(Tok::KwAsync)) is_async = true;
  if (Accept(Tok::KwUnsafe)) is_unsafe = true;
  if (At(Tok::KwFn)) return ParseFn(start, is_async, is_unsafe);
  sync_floor_ = pos_;
  if (At(Tok::KwConst)) Fail(Cur().span, "`const fn` is not supported in scripts; write a plain `fn`");
  if (At(Tok::KwMod))
    Fail(Cur().span, fmt::format("{} items are not supported in scripts; write `fn`, `async fn`, `struct`, `enum`, "
                                 "`impl` or `trait`",
                                 TokName(Cur().kind)));
  FailExpected("`fn`, `async fn`, `struct`, `impl` or `trait`");
}

// `use path;`, at the top level or as a statement of a body: kept in the module's list, so a
// `use` inside a function resolves as a top-level one does (for the whole script, not only the
// block: names of the built-in crates resolve by their last segment either way).
void Parser::ParseUse() {
  Expect(Tok::KwUse);
  CheckUseRoot();
  UseDecl use;
  use.span = Cur().span;
  while (!At(Tok::Semi) && !At(Tok::Eof)) {
    use.span = use.span.Join(Cur().span);
    Advance();
  }
  for (char c : src_.Slice(use.span))
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') use.path += c;
  module_.uses.push_back(std::move(use));
  Expect(Tok::Semi, "`;` after `use` path");
}

// `static NAME: T = init;` / `const NAME: T = init;`: kept as a function `NAME() -> T` whose body
// is the initializer (parse/consts.cpp); the checker turns each use of NAME into the value.
void Parser::ParseStatic(size_t start) {
  std::unique_ptr<FnDecl> fn = ParseConstOrStatic(start, false);
  module_.fns.push_back(std::move(fn));
}

// A `use` path starts at a crate the built-ins stand in for (their items resolve to Awaitscope's
// built-in equivalents), or at the script itself; any other crate is rustc's E0432.
void Parser::CheckUseRoot() {
  static const char* const kRoots[] = {"std",   "core",  "alloc", "futures", "futures_util", "crossbeam_queue", "conquer_once",
                                       "x86_64", "tokio", "async_std", "crate", "self", "super"};
  Accept(Tok::ColonColon);
  if (At(Tok::LBrace) || At(Tok::Star)) return;
  std::string root = At(Tok::KwSelfValue) ? "self" : At(Tok::Ident) ? Cur().text : "";
  for (const char* r : kRoots)
    if (root == r) return;
  diags_.ErrorWithCode(src_, Cur().span, "E0432",
                       fmt::format("unresolved import `{}`: scripts can use paths from std, core, alloc, futures, "
                                   "futures_util, crossbeam_queue, conquer_once, x86_64, tokio and async_std",
                                   std::string(src_.Slice(Cur().span))));
}

// `impl Type { .. }` / `impl Trait for Type { .. }`: functions (named `Type::name`) and, in a
// trait impl, associated types.
void Parser::ParseImpl(size_t start, bool is_unsafe) {
  Expect(Tok::KwImpl);
  auto impl = std::make_unique<ImplDecl>();
  impl->is_unsafe = is_unsafe;
  ParseGenerics(impl->generics);
  impl->self_span = Cur().span;
  std::string first = ExpectIdent("a type or trait name");
  while (Accept(Tok::ColonColon)) {
    impl->self_span = Cur().span;
    first = ExpectIdent("a path segment");
  }
  auto type_args = [&](std::vector<TypeExprPtr>& out) {
    if (!Accept(Tok::Lt)) return;
    while (!At(Tok::Gt) && !At(Tok::Eof)) {
      if (At(Tok::Lifetime)) Advance();
      else out.push_back(ParseType());
      if (!Accept(Tok::Comma)) break;
    }
    Expect(Tok::Gt, "`>` to close the type arguments");
  };
  std::vector<TypeExprPtr> first_args;
  type_args(first_args);
  if (Accept(Tok::KwFor)) {
    if (!first_args.empty()) Fail(first_args[0]->span, "generic traits are not supported in scripts");
    impl->trait_name = first;
    impl->trait_span = impl->self_span;
    impl->self_span = Cur().span;
    impl->self_type = ExpectIdent("the type the trait is implemented for");
    type_args(impl->self_args);
  } else {
    impl->self_type = first;
    impl->self_args = std::move(first_args);
  }
  impl->span = Span{toks_[start].span.begin, PrevSpan().end};
  ParseWhere(impl->generics);
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

void Parser::ParseImplMember(ImplDecl& im, int index) {
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
void Parser::SyncImplMember() {
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
void Parser::ParseTrait(size_t start) {
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
      bool is_async = Accept(Tok::KwAsync);
      Accept(Tok::KwUnsafe);
      if (!At(Tok::KwFn)) FailExpected("`fn` or `type` in the trait");
      size_t errors_before = diags_.ErrorCount();
      TraitDecl::Method m;
      m.is_async = is_async;
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
      fn->signature_only = true;
      fn->name = tr->name + "::" + fn->short_name;
      m.decl = std::move(fn);
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
void Parser::InstantiateProvidedMethods() {
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
TypeExprPtr Parser::SelfType(Span at, int refs, bool is_mut) {
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
bool Parser::ParseReceiver(Param& p) {
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
void Parser::ParseFn(size_t start, bool is_async, bool is_unsafe, ImplDecl* impl_decl, int impl_index,
                     bool in_trait) {
  auto fn = std::make_unique<FnDecl>();
  fn->is_async = is_async;
  fn->is_unsafe = is_unsafe;
  Expect(Tok::KwFn);
  fn->name_span = Cur().span;
  fn->short_name = ExpectIdent("function name");
  fn->name = impl_decl && !in_trait ? impl_decl->self_type + "::" + fn->short_name : fn->short_name;
  fn->impl = impl_index;
  fn->first_token = start;
  if (!in_trait) module_.broken_names.insert(fn->name);  // until the whole item has parsed
  if (in_trait && At(Tok::Lt)) Fail(Cur().span, "generic methods in traits are not supported in scripts");
  ParseGenerics(fn->generics);
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
    // A pattern parameter, `TaskId(n): TaskId` or `(a, b): (u32, u32)`: the function takes a
    // hidden parameter `__argN` and its body starts with `let PATTERN = __argN;` (rustc's own
    // desugaring).
    if (At(Tok::LParen) || (At(Tok::Ident) && (PeekTok().kind == Tok::LParen || PeekTok().kind == Tok::ColonColon ||
                                                PeekTok().kind == Tok::LBrace))) {
      p.pat = ParsePattern();
      p.name = fmt::format("__arg{}", fn->params.size());
    } else {
      p.is_mut = Accept(Tok::KwMut);
      if (Accept(Tok::Underscore)) p.name = "_";  // `fn no_op(_: *const ()) {}`: an unused parameter
      else p.name = ExpectIdent("parameter name");
    }
    Expect(Tok::Colon, "`:` and a type after the parameter name");
    impl_params_ = in_trait ? nullptr : &fn->generics;
    try {
      p.type = ParseType();
    } catch (...) {
      impl_params_ = nullptr;
      throw;
    }
    impl_params_ = nullptr;
    p.span = p.span.Join(PrevSpan());
    fn->params.push_back(std::move(p));
    if (!Accept(Tok::Comma)) break;
  }
  Expect(Tok::RParen, "`,` or `)` in the parameter list");
  if (Accept(Tok::Arrow)) fn->ret = ParseType();
  ParseWhere(fn->generics, &fn->where_self_sized);
  fn->is_generic = !fn->generics.empty() || (impl_decl && !impl_decl->generics.empty());
  if (in_trait && Accept(Tok::Semi)) {  // a required method: no body
    fn->span = Span{toks_[start].span.begin, PrevSpan().end};
    module_.fns.push_back(std::move(fn));
    return;
  }
  if (!At(Tok::LBrace)) FailExpected("`{` to start the function body");
  try {
    std::string saved_owner = std::move(body_owner_);
    body_owner_ = fn->name;
    struct Restore {
      std::string& owner;
      std::string saved;
      ~Restore() { owner = std::move(saved); }
    } restore{body_owner_, std::move(saved_owner)};
    fn->body = ParseBlock();
    BindPatternParams(*fn);
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

// Moves each pattern parameter's pattern into a `let PATTERN = __argN;` at the start of the body.
void Parser::BindPatternParams(FnDecl& fn) {
  std::vector<StmtPtr> lets;
  for (Param& p : fn.params) {
    if (!p.pat) continue;
    auto st = std::make_unique<Stmt>();
    st->kind = Stmt::Kind::Let;
    st->span = p.span;
    st->has_semi = true;
    auto init = NewExpr(ExprKind::Path, p.pat->span);
    init->name = p.name;
    init->path = {p.name};
    st->pat = std::move(p.pat);
    st->init = std::move(init);
    lets.push_back(std::move(st));
  }
  if (lets.empty()) return;
  for (StmtPtr& s : fn.body->stmts) lets.push_back(std::move(s));
  fn.body->stmts = std::move(lets);
}

void Parser::ParseStruct(size_t start) {
  auto s = std::make_unique<StructDecl>();
  s->derives = std::move(pending_derives_);
  s->derive_span = derive_span_;
  pending_derives_.clear();
  Expect(Tok::KwStruct);
  s->name_span = Cur().span;
  s->name = ExpectIdent("struct name");
  ParseGenerics(s->generics);
  ParseWhere(s->generics);
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
    ParseWhere(s->generics);
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

}  // namespace aws::parse
