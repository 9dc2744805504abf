// The syntax tree of a script, with source spans. Produced by the parser, annotated in place by
// the checker (types and name resolution), read by the lowering.
#pragma once
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "awaitscope/lexer.h"
#include "awaitscope/source.h"

namespace aws {

struct Type;
using TypeRef = const Type*;
struct Builtin;
struct FnDecl;
struct StructDecl;

struct TypeExpr;
struct Pattern;
struct Expr;
struct Stmt;
using TypeExprPtr = std::unique_ptr<TypeExpr>;
using PatternPtr = std::unique_ptr<Pattern>;
using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;

struct TypeExpr {
  // Qualified: `<T as Trait>::Item`, args[0] = T, path = {Trait, Item}. ImplTrait: `impl Describe`
  // of a return type, path = {Describe} (in a parameter it is an anonymous type parameter).
  // DynTrait: `dyn Describe + Send`, path = the script traits (auto traits and lifetimes dropped).
  enum class Kind { Path, Ref, RawPtr, Array, Tuple, ImplFuture, Infer, Never, DynFuture, Qualified, ImplTrait, DynTrait };
  Kind kind = Kind::Path;
  Span span;
  std::vector<std::string> path;   // Path: segments, e.g. {"Vec"} or {"std", "string", "String"}
  std::vector<TypeExprPtr> args;   // generic arguments; Ref/RawPtr/Array: the element; Tuple: items;
                                   // ImplFuture: the Output type
  bool is_mut = false;             // &mut T, *mut T
  uint64_t array_len = 0;
  Span trait_span;                 // DynTrait: the first trait's name (rustc's mark inside a body)
  bool send = false;               // DynFuture / DynTrait: `+ Send` among the bounds
  std::string array_len_name;      // Array: `[T; N]` with a `const N` (the checker finds its value)
  const std::string& Name() const { return path.back(); }
};

struct Pattern {
  // Bind: `x` / `mut x`; Path: `None`, `Poll::Pending`, `Some(p)`, `Ok(p)`; Tuple: `(a, b)`;
  // Lit: `3`, `"x"`, `true`; Wild: `_`; Struct: `Task { id, future: f, .. }` / `Self { .. }`
  // (path, field_names parallel to subs, has_rest for `..`).
  enum class Kind { Wild, Bind, Lit, Path, Tuple, Struct };
  Kind kind = Kind::Wild;
  Span span;
  std::string name;                // Bind: the name; Path: the last segment
  std::vector<std::string> path;
  bool is_mut = false;
  bool has_parens = false;         // `Some(..)` rather than `None`
  std::vector<PatternPtr> subs;
  std::vector<std::string> field_names;  // Struct: the field each of subs matches
  std::vector<Span> field_spans;         // Struct: each field's name as written
  bool has_rest = false;                 // Struct: `..`; Path: `B(x, ..)` (rest_at: where)
  int rest_at = -1;
  ExprPtr lit;
  // Set by the checker.
  int local = -1;                  // Bind: the local slot
  TypeRef type = nullptr;
  const StructDecl* struct_decl = nullptr;  // Path: the tuple or unit struct it names (`TaskId(n)`)
  // Path/Struct naming an enum's variant (`Command::Get { key, .. }`, `Shape::Dot`): struct_decl
  // is the enum (instance), `variant` the index in its `variants`.
  int variant = -1;
};

enum class BinOp { Add, Sub, Mul, Div, Rem, And, Or, BitAnd, BitOr, BitXor, Shl, Shr, Eq, Ne, Lt, Le, Gt, Ge };
enum class UnOp { Neg, Not };
const char* BinOpText(BinOp op);

struct MatchArm {
  PatternPtr pat;
  ExprPtr guard;  // `if cond`, may be null
  ExprPtr body;
  Span span;
};

struct ClosureParam {
  std::string name;
  bool is_mut = false;
  TypeExprPtr type;  // may be null
  Span span;
  int local = -1;
};

struct FieldInit {
  std::string name;
  ExprPtr value;
  Span span;
};

enum class ExprKind {
  IntLit, StrLit, BoolLit, CharLit, Unit,
  Path,                    // a name or a path like `Poll::Pending`
  Array, ArrayRepeat, VecMacro, Tuple, StructLit,
  Index, Field, TupleField,
  Call, MethodCall, MacroCall,
  Unary, Binary, Assign, CompoundAssign, Cast, Ref, Deref, Range,
  Await, Try,
  Block, Unsafe, If, IfLet, Match, Loop, While, WhileLet, For,
  Break, Continue, Return,
  Closure, AsyncBlock,
  Error,                   // placeholder after a syntax error
};
const char* ExprKindName(ExprKind k);

struct Expr {
  Expr() = default;
  Expr(Expr&&) = default;
  Expr& operator=(Expr&&) = default;
  ~Expr();  // iterative: a chain of 100,000 `+` must not take 100,000 nested destructor calls

  ExprKind kind = ExprKind::Error;
  Span span;
  // Literal payloads and names.
  uint64_t int_value = 0;
  std::string suffix;            // integer suffix
  std::string name;              // Path: last segment; Field/MethodCall/MacroCall: the name;
                                 // StrLit/CharLit: the value; StructLit: the struct name
  std::vector<std::string> path; // Path/StructLit segments
  bool flag = false;             // BoolLit value; Ref/Cast `mut`; Closure/AsyncBlock `move`;
                                 // Range `..=`
  BinOp bin_op = BinOp::Add;     // Binary, CompoundAssign
  UnOp un_op = UnOp::Neg;
  // Children (which are used depends on kind; see ast_dump.cpp for the exact shape).
  ExprPtr operand;               // Unary/Ref/Deref/Await/Try/Field/TupleField/Cast/MethodCall
                                 // receiver/Return/Break value/Match scrutinee/For iterable/
                                 // IfLet+WhileLet scrutinee/Closure body/Call callee
  ExprPtr lhs, rhs;              // Binary/Assign/CompoundAssign/Index/Range/ArrayRepeat
  ExprPtr cond;                  // If/While condition
  ExprPtr body;                  // Loop/While/WhileLet/For/AsyncBlock/If-then/IfLet-then: a Block
  ExprPtr else_;                 // If/IfLet: a Block or another If, may be null
  std::vector<ExprPtr> args;     // Call/MethodCall/MacroCall args; Array/VecMacro/Tuple items
  std::vector<StmtPtr> stmts;    // Block/Unsafe
  ExprPtr tail;                  // Block/Unsafe trailing expression, may be null
  std::vector<MatchArm> arms;
  PatternPtr pat;                // For/IfLet/WhileLet
  std::vector<ClosureParam> params;
  std::vector<FieldInit> fields;
  TypeExprPtr type_expr;         // Cast target; MethodCall: the turbofish type (`collect::<Vec<_>>`)
  std::vector<TypeExprPtr> generic_args;  // MethodCall: every turbofish type
  // Path/StructLit: the turbofish of each segment (`Wrapper::<u8>::new`, `f::<u64>`); empty when
  // none was written, else one entry per segment.
  std::vector<std::vector<TypeExprPtr>> seg_generics;
  uint32_t tuple_index = 0;      // TupleField
  Span name_span;                // Field/MethodCall/MacroCall: span of the name

  // Set by the checker.
  TypeRef type = nullptr;
  int local = -1;                // Path: a local variable slot
  const FnDecl* fn = nullptr;    // Path/Call: a script function
  const Builtin* builtin = nullptr;  // Call/MethodCall/Path: a built-in
  int async_block = -1;          // AsyncBlock/Closure: the body index
  int op = -1;                   // Call/MethodCall: a scenario-declared operation
  const StructDecl* struct_decl = nullptr;  // StructLit/Field: the struct
  // StructLit built by an enum's variant (`E::A`, `E::B(1)`, `E::C { x }`, which the checker turns
  // into a StructLit whose fields are the variant's): struct_decl is the enum, this the index.
  int variant = -1;
};

struct Stmt {
  enum class Kind { Let, Expr, Empty };
  Kind kind = Kind::Empty;
  Span span;
  PatternPtr pat;      // Let
  TypeExprPtr type;    // Let, may be null
  ExprPtr init;        // Let initializer (may be null) or the expression of an Expr statement
  bool has_semi = false;
  // `const`/`static`/`thread_local!` inside a body: an Empty statement naming the item, which is
  // hoisted to Module::fns (under a unique name) and visible, by its own name, in its block.
  const FnDecl* item = nullptr;
};

// A bound on a type parameter: `Describe`, `Future<Output = u32>`, `Iterator<Item = u8>`.
struct TraitBound {
  std::string trait;
  Span span;
  std::vector<std::pair<std::string, TypeExprPtr>> assoc;  // `Output = u32`
};

// `<T: A + B>` on a function, struct or impl (and `where T: C` clauses, merged in).
struct GenericParam {
  std::string name;
  Span span;
  std::vector<TraitBound> bounds;
};

struct Param {
  std::string name;
  bool is_mut = false;
  TypeExprPtr type;  // a receiver's type is written out: `&self` is `self: &Self`
  Span span;
  bool is_self = false;  // a method's receiver: `self`, `&self`, `&mut self`, `self: Pin<&mut Self>`
  PatternPtr pat;        // a pattern parameter (`TaskId(n): TaskId`) until the parser moves it into the body
};

struct FnDecl {
  std::string name;
  bool is_async = false;
  bool is_unsafe = false;
  std::vector<Param> params;
  TypeExprPtr ret;     // null means ()
  ExprPtr body;        // a Block
  Span span;           // whole item
  Span name_span;
  bool has_syntax_errors = false;  // the checker stays quiet about a body that did not parse
  // A function of an `impl` block: `name` is `Type::short_name` (as rustc names it in a path).
  int impl = -1;                   // index in Module::impls, or -1 for a free function
  std::string short_name;          // the name as written
  bool HasReceiver() const { return !params.empty() && params[0].is_self; }
  std::vector<GenericParam> generics;  // `fn f<T: Bound>`
  size_t first_token = 0;              // where the item starts (a generic one is parsed again per instance)
  // Set by the checker.
  std::vector<TypeRef> param_types;
  TypeRef ret_type = nullptr;
  // Generics (see check/generics.cpp). A generic function (its own or its impl's parameters) is
  // checked once with its parameters opaque and is not lowered; each use with concrete types gets
  // an instance: the same tokens parsed again, `generic_origin` set, and its parameters bound to
  // `type_args` (the impl's first, then the function's).
  const FnDecl* generic_origin = nullptr;
  std::vector<std::pair<std::string, TypeRef>> type_args;
  const StructDecl* self_decl = nullptr;  // an instance's `Self` (an instance of a generic struct)
  int instance_depth = 0;                 // how many instantiations led to this one
  bool is_generic = false;                // has type parameters (its own or its impl's)
  bool signature_only = false;            // a trait's method declaration: never checked or lowered
  // `static NAME: T = init;` at module level: a body-less item parsed as `fn NAME() -> T { init }`;
  // a use of NAME reads the one value the runtime makes on first use (check/statics.cpp).
  bool is_static = false;
  bool where_self_sized = false;  // `where Self: Sized`: a trait method kept out of the vtable
  bool is_static_mut = false;    // `static mut`: every use needs `unsafe` (E0133)
  bool is_thread_local = false;  // `thread_local! { static NAME: T = init; }`: one value per thread
  // `const NAME: T = init;`: a body-less item parsed as `fn NAME() -> T { init }`; each use is a
  // fresh value of `init` (rustc inlines it), which may only use what a constant can (E0015).
  bool is_const = false;
  // A `const`/`static` item written inside a body (hoisted; `short_name` is its name there) and the
  // items of its own and its enclosing blocks, by name, that its initializer may use.
  bool in_body = false;
  std::vector<std::pair<std::string, const FnDecl*>> scope_items;
};

// `type Output = u32;` in an `impl Trait for Type` block.
struct AssocType {
  std::string name;
  TypeExprPtr type;
  Span span;
};

// `trait Name { fn required(&self) -> T; fn provided(&self) { .. } type Output; }`. A provided
// method (one with a default body) is parsed again for each impl that does not define it.
struct TraitDecl {
  struct Method {
    std::string name;
    Span span;
    bool has_default = false;
    bool is_async = false;   // `async fn` (its decl is parsed as a plain signature)
    size_t first_token = 0;  // where its `fn` starts (for re-parsing the default body)
    std::shared_ptr<FnDecl> decl;  // its signature (the checker reads it for calls through a bound)
  };
  std::string name;
  std::vector<Method> methods;
  std::vector<std::string> assoc_types;
  Span span;
  Span name_span;
};

// `impl Type { .. }` or `impl Trait for Type { .. }`; its functions are in Module::fns.
struct ImplDecl {
  std::string self_type;
  std::vector<TypeExprPtr> self_args;  // `Wrapper<T>`: the `T`
  std::vector<GenericParam> generics;  // `impl<T: Bound>`
  std::string trait_name;  // empty: an inherent impl
  bool is_unsafe = false;  // `unsafe impl Send for X {}`
  std::vector<AssocType> types;
  std::vector<const FnDecl*> fns;
  Span span;               // the header, `impl Trait for Type`
  Span self_span, trait_span;
};

struct FieldDecl {
  std::string name;
  TypeExprPtr type;
  Span span;
};

// One variant of an `enum` (a StructDecl with is_enum): its fields are the enum's fields
// [first_field, first_field + num_fields), named `0`, `1`, .. for a tuple variant.
struct VariantDecl {
  enum class Shape { Unit, Tuple, Braced };
  std::string name;
  Shape shape = Shape::Unit;
  size_t first_field = 0;
  size_t num_fields = 0;
  int64_t discriminant = 0;   // explicit (`A = 3`) or the previous one + 1
  bool explicit_discriminant = false;
  Span span;
};

struct StructDecl {
  std::string name;
  std::vector<FieldDecl> fields;  // a tuple struct's fields are named `0`, `1`, ...
  bool is_tuple = false;          // `struct Id(u64);`
  std::set<std::string> derives;  // `#[derive(Clone, Copy, ..)]`: the trait names
  std::vector<GenericParam> generics;  // `struct Wrapper<T>`
  // Set by the checker: an instance (`Wrapper<u64>`) of a generic struct has `generic_origin` and
  // its `type_args`; a type parameter seen inside a generic item (`T`) is an opaque struct with
  // `param` pointing at its declaration.
  const StructDecl* generic_origin = nullptr;
  std::vector<TypeRef> type_args;
  const GenericParam* param = nullptr;
  // Set by the checker: a trait object type `dyn A + B` (an unsized opaque struct named so): its
  // traits. Its methods are called through the vtable: the run time finds the value's own impl.
  std::vector<std::string> dyn_traits;
  Span derive_span;               // the `derive` attribute (its `Copy`, when it has one)
  Span span;
  Span name_span;
  // `enum Name { A, B(T), C { x: T } }`: a type of its own (never a struct to field accesses,
  // literals or struct patterns); `fields` holds every variant's fields, variant after variant.
  bool is_enum = false;
  std::vector<VariantDecl> variants;
  int FindVariant(std::string_view n) const {
    for (size_t i = 0; i < variants.size(); ++i)
      if (variants[i].name == n) return static_cast<int>(i);
    return -1;
  }
};

// A `use` declaration as written (`tokio::net::{TcpListener, TcpStream}`): the checker reads
// which library the network types come from (tokio's or std's).
struct UseDecl {
  std::string path;  // its tokens joined without spaces
  Span span;
};

struct Module {
  std::vector<UseDecl> uses;
  std::vector<std::unique_ptr<FnDecl>> fns;
  std::vector<std::unique_ptr<StructDecl>> structs;
  std::vector<std::unique_ptr<TraitDecl>> traits;
  std::vector<std::unique_ptr<ImplDecl>> impls;
  std::vector<Annotation> annotations;
  std::set<std::string> broken_names;  // items that did not parse: their uses are not errors
  std::shared_ptr<const std::vector<Token>> tokens;  // for parsing a generic item's instance again
  // Created by the checker: instances of generic structs, and the opaque structs standing for
  // type parameters (not in `structs`, so names do not find them).
  std::vector<std::unique_ptr<StructDecl>> generic_structs;
  const FnDecl* FindFn(std::string_view name) const;
  const StructDecl* FindStruct(std::string_view name) const;
  const TraitDecl* FindTrait(std::string_view name) const;
};

// How deep a script's syntax tree may be. Every pass after the parser (checker, IR lowering,
// desugaring, dumps) recurses once per level, so the parser rejects deeper trees with one error.
// A level is a nested bracket or block, and also one link of a flat chain such as `a + b + c`,
// `x.f().g()` or `if .. else if ..`, which the parser builds without recursing but which are
// trees as deep as they are long.
constexpr int kMaxTreeDepth = 512;

// When the tree under `root` (level 1) is deeper than `limit` levels: the node at level limit + 1
// on a deepest path (for a long chain, the link where the limit is passed). Else null.
// Iterative, whatever the depth.
const Expr* FindTooDeep(const Expr& root, int limit);

// Where to point at a node in a message: its operator or name when it has one (a long chain's
// nodes all start where the chain starts), else its start.
Span NodePosition(const Expr& e);

// A deep copy of a written type.
TypeExpr CopyTypeExpr(const TypeExpr& t);

// Indented tree dump of the module (tests, `awaitscope parse`).
std::string DumpAst(const Module& m);

}  // namespace aws
