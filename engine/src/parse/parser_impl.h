// The parser's one class, shared by the files under engine/src/parse/ (private to the engine):
// hand-written recursive descent with panic-mode recovery, one message per real error.
// Index of where each concept lives:
//   parser.cpp             entry points (Parse, ParseExprText, ParseTypeSource)
//   parse/helpers.cpp      errors, expected tokens, the depth limit, and the recovery to the
//                          next item or statement
//   parse/items.cpp        the item loop (Run), attributes, `use`, `impl`, `trait` (and its
//                          provided methods), `fn` and its receiver, `struct`
//   parse/types.cpp        types, `impl Future<Output = T>`
//   parse/patterns.cpp     patterns
//   parse/statements.cpp   blocks, statements, items inside bodies
//   parse/expressions.cpp  operators by precedence (the table), ranges, unary operators,
//                          arguments, postfix operators (calls, methods, fields, indexing,
//                          `.await`, `?`)
//   parse/primary.cpp      primary expressions: literals, paths, struct literals, tuples and
//                          arrays, `if`, `match`, loops, `async` blocks, closures, `break` /
//                          `continue` / `return`, macros
#pragma once
#include <algorithm>
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "awaitscope/ast.h"
#include "awaitscope/diagnostics.h"
#include "awaitscope/lexer.h"
#include "awaitscope/source.h"

namespace aws::parse {

constexpr int kMaxDepth = kMaxTreeDepth;  // deeper nesting is reported instead of overflowing the stack

std::string TooDeepMessage();

struct BinRule {
  Tok tok;
  int prec;
  BinOp op;
};

struct ParseError {};    // unwinds to the nearest recovery point
struct ItemRestart {};   // a new item starts inside a function body: resume at item level

class Parser {
 public:
  Parser(const SourceFile& src, Diagnostics& diags, LexResult lex)
      : src_(src), diags_(diags), toks_(std::move(lex.tokens)) {
    module_.annotations = std::move(lex.annotations);
    eof_reported_ = lex.stopped_early;
    ScanTypeAliases(true);
  }
  // Over the tokens of a module already parsed (a generic item's instance is parsed again).
  Parser(const SourceFile& src, Diagnostics& diags, std::vector<Token> toks)
      : src_(src), diags_(diags), toks_(std::move(toks)) {
    ScanTypeAliases(false);
  }

  Module Run();            // parse/items.cpp
  void SetAgainOf(const Module* m) { again_of_ = m; }
  std::unique_ptr<FnDecl> FnAgain(size_t first_token, ImplDecl* impl_decl, int impl_index);  // parse/items.cpp
  ExprPtr ExprOnly();      // parse/expressions.cpp
  TypeExprPtr TypeOnly();  // parse/types.cpp

 private:
  // The token cursor.
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

  // parse/helpers.cpp
  [[noreturn]] void Fail(Span span, std::string msg);
  void ReportEof();
  [[noreturn]] void FailExpected(std::string_view what);
  const Token& Expect(Tok t, std::string_view what = {});
  std::string ExpectIdent(std::string_view what = "identifier");
  bool WithinDepthLimit(const Expr& root);
  void SyncItem();
  void SyncStmt(size_t stmt_start);
  ExprPtr NewExpr(ExprKind k, Span span);

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

  // parse/items.cpp
  void SkipAttributes();
  void ParseItem();
  void CheckUseRoot();
  void ParseUse();
  void ParseStructPatternFields(Pattern& p, std::vector<std::string> path);
  void ParseImpl(size_t start, bool is_unsafe = false);
  void ParseImplMember(ImplDecl& im, int index);
  void SyncImplMember();
  void ParseTrait(size_t start);
  void InstantiateProvidedMethods();
  TypeExprPtr SelfType(Span at, int refs, bool is_mut);
  bool ParseReceiver(Param& p);
  void ParseFn(size_t start, bool is_async, bool is_unsafe, ImplDecl* impl_decl = nullptr, int impl_index = -1,
               bool in_trait = false);
  void ParseStruct(size_t start);
  void ParseEnum(size_t start);  // parse/enums.cpp
  void ParseStatic(size_t start);
  std::unique_ptr<FnDecl> ParseConstOrStatic(size_t start, bool thread_local_item);
  void ParseThreadLocal(size_t start, Expr* block);
  FnDecl* AddBodyItem(std::unique_ptr<FnDecl> fn, Expr& block);
  void BindPatternParams(FnDecl& fn);
  void ParseGenerics(std::vector<GenericParam>& out);
  void ParseBounds(GenericParam& p);
  void ParseWhere(std::vector<GenericParam>& params, bool* self_sized = nullptr);

  // parse/types.cpp
  TypeExprPtr ParseType();
  void ParseFutureBound(TypeExpr& t);

  // parse/patterns.cpp
  PatternPtr ParsePattern();

  // parse/statements.cpp
  ExprPtr ParseBlock();
  static bool IsBlockLike(const Expr& e);
  void ItemInsideBody();
  void ParseStmtInto(Expr& block);
  ExprPtr ParseExprStmt();

  // parse/expressions.cpp
  ExprPtr ParseExpr();
  ExprPtr ParseExprNoStruct();
  ExprPtr ParseAssign();
  bool AtRangeEnd() const;
  ExprPtr ParseRange();
  const BinRule* CurBinRule(size_t* width) const;
  ExprPtr ParseBinary(int min_prec);
  ExprPtr ParseBinaryRest(ExprPtr lhs, int min_prec);
  ExprPtr ParseUnary();
  std::vector<ExprPtr> ParseArgs(Tok close);
  TypeExprPtr SkipTurbofish(std::vector<TypeExprPtr>* rest = nullptr);
  ExprPtr ParsePostfixOps(ExprPtr e);

  // parse/select.cpp
  ExprPtr ParseSelect(Span start, Tok close, bool bare);

  // parse/future_macros.cpp
  bool MacroImported(std::string_view name, std::initializer_list<std::string_view> crates) const;
  ExprPtr ParseJoinMacro(std::string_view name, Span start, Tok close, bool bare);
  StmtPtr PinInPlace(const std::string& name, bool is_mut, Span at);
  void ExpandPinStatement(Expr& mac, Expr& block);
  bool ExpandPinLet(Stmt& s, Expr& block);

  // parse/primary.cpp
  ExprPtr ParseMacro(std::string name, Span start);
  void InlineFormatArgs(Expr& m);
  ExprPtr ParseClosure(Span start, bool is_move);
  ExprPtr ParseIf();
  ExprPtr ParsePrimary();
  ExprPtr ParsePathExpr();
  bool LooksLikeStructLiteral() const;

  const SourceFile& src_;
  Diagnostics& diags_;
  std::vector<Token> toks_;
  size_t pos_ = 0;
  size_t sync_floor_ = 0;
  std::set<std::string> pending_derives_;  // of the attributes before the next item
  Span derive_span_;
  bool eof_reported_ = false;
  std::vector<Span> open_blocks_;  // `{` of the blocks being parsed, outermost first
  // The `const`/`static` items of the blocks being parsed (parse/consts.cpp): those declared in
  // each block itself, and all declared inside it at any depth (each sees its enclosing blocks').
  struct BlockItems {
    std::vector<FnDecl*> own, inner;
  };
  std::vector<BlockItems> block_items_;
  void CloseBlockItems();
  const Module* again_of_ = nullptr;  // FnAgain: the module parsed first (whose items a body's items are)
  std::string body_owner_;  // the function whose body is being parsed (a body item's name starts with it)
  int depth_ = 0;
  bool no_struct_ = false;
  std::vector<GenericParam>* impl_params_ = nullptr;  // a parameter list's `impl Trait` becomes one of these
  Module module_;
  // Type aliases (parse/type_alias.cpp): `type Name = T;` at module level. Each use of `Name`
  // in a type is parsed as the tokens of `T`, so the checker never sees the alias.
  std::map<std::string, size_t> aliases_;  // name -> first token of its type
  std::set<std::string> expanding_;        // the aliases being expanded (a cycle is E0391)
  // A generic alias's parameters (`type Pair<T> = (T, T);`), and while its type is parsed for a
  // use, each parameter's argument there (the innermost alias's last).
  std::map<std::string, std::vector<std::string>> alias_params_;
  std::vector<std::map<std::string, const TypeExpr*>> alias_args_;
  void ScanTypeAliases(bool report);
  void ParseTypeAlias();
  TypeExprPtr ExpandTypeAlias(TypeExprPtr use);
};

}  // namespace aws::parse
