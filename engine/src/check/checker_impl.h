// The checker's one class, shared by the files under engine/src/check/ (private to the engine).
// Index of where each concept lives:
//   checker.cpp            entry point (CheckScript) and diagnostics helpers
//   check/items.cpp        item collection, name resolution of types, function bodies, scopes and captures
//   check/infer.cpp        inference variables, unification, the final substitution
//   check/statements.cpp   blocks, branches, `match`, patterns
//   check/expressions.cpp  expressions (the big switch), operators, `?`
//   check/places.cpp       assignable places, paths, struct literals, fields
//   check/calls.cpp        calls of functions, closures, ops, built-ins, macros
//   check/methods.cpp      method calls on the built-in types (the method table)
//   check/impls.cpp        impl blocks, traits, associated types, calls of methods on user types
//   check/iterators.cpp    iterators and their adapters
//   check/future_impls.cpp `impl Future for X` (hand-written futures) and what counts as a future
//   check/task_api.cpp     std::task from scripts: Context, Waker, Poll's methods, Pin's constructors
//   check/option_result.cpp Option's and Result's methods with closures, references, defaults
//   check/tuple_structs.cpp tuple-struct and unit-struct patterns (`let TaskId(n) = id;`)
//   check/generics.cpp     generic functions, structs and impls: opaque parameters, bounds,
//                          instances (monomorphisation)
//   check/library_types.cpp the library types (Arc, Mutex, VecDeque, BTreeMap, ArrayQueue, channels)
//   check/send_requirements.cpp the places rustc requires `Send` (send.cpp checks them after lowering)
//   check/network.cpp      the network device's TcpListener and TcpStream (tokio's and std's), slices
#pragma once
#include <map>
#include <optional>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "awaitscope/builtins.h"
#include "awaitscope/checker.h"

namespace aws::check {

// std's `Default` among the subset's types (option_result.cpp).
bool HasDefault(TypeRef t);
// Rewrites `e` in place into the cast `operand as *const _` (`*mut _`): what rustc inserts where a
// reference coerces to a raw pointer, and what `ptr::null()` is (expressions.cpp).
void RewriteAsRawPtrCast(Expr& e, ExprPtr operand, bool is_mut);

struct LoopCtx {
  TypeRef break_type = nullptr;  // `loop` with `break value`
  bool is_loop = false;          // `loop` (may break with a value) vs while/for
  bool has_break = false;
};

struct Scope {
  int body;
  std::vector<std::pair<std::string, int>> names;
  std::vector<std::pair<std::string, const FnDecl*>> items;  // `const`/`static` items of the block
  bool boundary = false;  // first scope of a nested body
};

class Checker {
 public:
  Checker(CheckedProgram& p, Diagnostics& d) : p_(p), d_(d), src_(*p.source), T(p.types) {}
  void Run(const std::vector<OpSpec>& ops);

 private:
  // `sum` and `collect` build a type from the items: checked when the body has fixed it.
  struct PendingFromIter {
    TypeRef target, item;
    Span at;
    const char* what;
  };
  // What names mean where a signature or body is checked (see EnterFnScope).
  struct ScopeState {
    std::map<std::string, TypeRef> tparams;
    const StructDecl* self_struct;
    TypeRef self_type;
    int cur_impl;
    bool generic_ctx;
    int depth;
    bool quiet;
  };
  // One call of a generic function, until its type arguments are known.
  struct GenericUse {
    Expr* call = nullptr;
    const FnDecl* fn = nullptr;
    std::vector<TypeRef> args;
    std::vector<std::set<std::string>> param_mentions;  // by argument: the type parameters its type names
  };

  std::string Name(TypeRef t) { return TypeName(Z(t)); }
  void PushScope(bool boundary = false) { scopes_.push_back({cur_, {}, {}, boundary}); }
  void PopScope() { scopes_.pop_back(); }

  // checker.cpp
  void Error(Span s, std::string msg);
  void ErrorCode(Span s, const char* code, std::string msg);
  void Mismatch(Span at, TypeRef want, TypeRef got);
  std::string Quoted(TypeRef t);
  TypeRef NeedAnnotation(Span at);
  void UsesBrokenItem();

  // check/items.cpp
  void CheckStructs();
  void ResolveOps(const std::vector<OpSpec>& ops);
  TypeRef Resolve(const TypeExpr* te, bool from_op = false);
  void CheckFn(FnDecl& fn);
  void RegisterFn(FnDecl& fn);
  int CheckNestedBody(Expr& e, BodyKind kind, const std::vector<TypeRef>& param_types, TypeRef expected_ret);
  int NewLocal(std::string name, TypeRef type, bool is_mut, Span span, bool is_param = false, bool hidden = false);
  int Lookup(const std::string& name);
  int Capture(int owner, int slot, int body);
  static std::string JoinPath(const std::vector<std::string>& p);

  // check/infer.cpp
  TypeRef NewVar(Span at, const char* code = "E0282");
  TypeRef NewIntVar(Span at);
  TypeRef R(TypeRef t) const;
  TypeRef Z(TypeRef t);
  bool Occurs(int id, TypeRef t);
  bool U(TypeRef got, TypeRef want);
  void FinishInference(FnDecl& fn, int first_var, size_t first_body);
  void ZonkPattern(Pattern& p);
  void ZonkExpr(Expr& e);
  void ClaimVars(TypeRef t, Span at);
  void ClaimVarsOf(TypeRef t, TypeRef whole, Span at);
  void ExpectType(const Expr& e, TypeRef got, TypeRef want, bool is_return = false);
  TypeRef Unify(TypeRef a, TypeRef b, const Expr& at, const char* what);

  // check/statements.cpp
  TypeRef CheckBlock(Expr& block, TypeRef expected);
  TypeRef CheckBranches(Expr& e, TypeRef expected);
  TypeRef JoinElse(Expr& e, TypeRef then_t, TypeRef expected);
  TypeRef CheckMatch(Expr& e, TypeRef expected);
  static bool IrrefutableAll(const Pattern& p);
  void BindPattern(Pattern& p, TypeRef t, bool refutable);

  // check/tuple_structs.cpp
  const StructDecl* PatternStruct(const Pattern& p) const;
  bool BindStructPattern(Pattern& p, TypeRef t, bool refutable);
  void BindBracedStructPattern(Pattern& p, TypeRef t, bool refutable);

  // check/enums.cpp
  const StructDecl* PathEnum(const std::vector<std::string>& path) const;
  TypeRef EnumValueType(const StructDecl* sd, const std::vector<std::vector<TypeExprPtr>>& seg_generics, Span at);
  std::string VariantPath(const StructDecl* sd, int vi) const;
  void NoVariant(const StructDecl* sd, const std::string& name, Span whole);
  TypeRef CheckVariantPath(Expr& e);
  TypeRef CheckVariantCall(Expr& e);
  TypeRef CheckVariantLit(Expr& e);
  void BindVariantPattern(Pattern& p, const StructDecl* sd, TypeRef t, bool refutable);
  std::string UncoveredVariant(const StructDecl* o, size_t vi) const;
  void EnumNotCovered(const Expr& match, const StructDecl* o, const std::set<int>& covered);

  // check/expressions.cpp
  TypeRef Check(Expr& e, TypeRef expected);
  TypeRef IntLitType(const Expr& e, TypeRef expected);
  TypeRef CheckInner(Expr& e, TypeRef expected);
  void CheckIntRange(const Expr& e, TypeRef t, bool negative);
  TypeRef StripRef(TypeRef t);
  TypeRef AutoDeref(TypeRef t);
  TypeRef CheckTry(Expr& e);
  TypeRef CheckBinary(Expr& e, TypeRef expected);

  // check/places.cpp
  void PinnedMutation(const Expr& e, TypeRef pin, bool borrow);
  TypeRef CheckPlace(Expr& e, bool mutate, bool borrow = false);
  void RequireMutablePlace(const Expr& e, bool borrow);
  void MoveOutOfPin(const Expr& e);
  bool NotUnpin(TypeRef t);
  void BehindSharedRef(const Expr& e, bool borrow);
  TypeRef CheckPath(Expr& e, TypeRef expected);
  TypeRef CheckStructLit(Expr& e);
  TypeRef CheckField(Expr& e);
  TypeRef CheckFieldOf(Expr& e, TypeRef t);

  // check/calls.cpp
  bool CheckArity(const Expr& e, size_t want_min, size_t want_max, const std::string& what);
  TypeRef CheckArgs(Expr& e, const std::vector<TypeRef>& params);
  TypeRef CheckCall(Expr& e, TypeRef expected);
  TypeRef Arg(Expr& e, size_t i, TypeRef want);
  TypeRef ArgStr(Expr& e, size_t i);
  TypeRef ArgFuture(Expr& e, size_t i, TypeRef want_output = nullptr);
  TypeRef CombinatorPart(const Expr& arg);
  TypeRef CheckTryJoin(Expr& e);
  TypeRef CheckBuiltinCall(Expr& e, const Builtin& b, TypeRef expected);
  TypeRef CheckMacro(Expr& e);

  // check/send_requirements.cpp: where rustc requires `Send` (checked after the lowering, send.cpp)
  bool IsTokioSpawn(const Expr& call) const;
  void RequireSend(SendRequirement::Kind kind, const Expr& value, const Expr& call);

  // check/methods.cpp
  TypeRef CheckMethod(Expr& e, TypeRef expected);
  void RequireMutReceiver(const Expr& e, TypeRef rt);

  // check/library_types.cpp: Arc, Mutex, VecDeque, BTreeMap, ArrayQueue, the mpsc channels
  TypeRef CheckLibraryCall(Expr& e, const Builtin& b, TypeRef expected);
  // A method of a library receiver (through references, and through `Arc`/`MutexGuard` to the
  // value they point at); null when the receiver is no library type (the built-in methods then).
  TypeRef CheckLibraryMethod(Expr& e, TypeRef rt);

  // check/statics.cpp: module-level statics, OnceCell, AtomicWaker, AtomicU64, stdout
  TypeRef UseStatic(Expr& e, const FnDecl& fn, TypeRef expected);  // `NAME` of a static: `*static#(k)`
  ExprPtr ItemValueCall(Span at, const char* marker, const FnDecl& fn);  // `static#(k)` / `const#(k)`
  // check/consts.cpp: `const` items, items in a body, constant expressions
  const FnDecl* FindItem(const std::string& name);   // a `const`/`static` visible here by that name
  // check/time.cpp: arithmetic of Duration and Instant (null: not theirs)
  TypeRef TimeArith(BinOp op, TypeRef l, TypeRef r, Expr& rhs);
  const FnDecl* OwnerFn() const;                      // the function whose body (or a closure of it) is checked
  TypeRef UseConst(Expr& e, const FnDecl& fn, TypeRef expected);  // `N` of a const: `const#(k)`
  void CheckConstInit(const FnDecl& fn);              // E0015: only what a constant may call
  std::optional<uint64_t> ConstInt(const Expr& e, const FnDecl* from, int depth = 0);
  std::optional<uint64_t> ArrayLength(const std::string& name, Span at);
  TypeRef CheckStaticsCall(Expr& e, const Builtin& b, TypeRef expected);  // null: not one of them
  TypeRef CheckStaticsMethod(Expr& e, TypeRef lib);                      // null: not one of them
  // std::cell's Cell and RefCell (cells.cpp)
  TypeRef CheckCellCall(Expr& e, const Builtin& b, TypeRef expected);  // null: not one of them
  TypeRef CheckCellMethod(Expr& e, TypeRef rt, TypeRef lib);           // null: not one of them
  // futures' `stream::iter(iterable)` and its `next()` (stream_impls.cpp)
  TypeRef CheckStreamIterCall(Expr& e);
  TypeRef CheckStreamIterNext(Expr& e, TypeRef rt, TypeRef lib);
  TypeRef CheckOrdering(Expr& e);                                          // `Ordering::Relaxed`; null

  // check/stream_impls.cpp: `impl Stream for S` and `StreamExt::next()` of such an S
  void CheckStreamImplItems(size_t i);
  void CheckStreamSignatures();
  const FnDecl* StreamPollNext(const StructDecl* sd) const;  // null: S does not implement Stream
  TypeRef CheckScriptStreamNext(Expr& e, TypeRef rt, TypeRef base);  // null: not a script stream

  // check/network.cpp: the network's types (tokio's or std's, by the script's `use`s) and slices
  enum class NetFlavour { None, Tokio, Std };
  NetFlavour NetFlavourOf(std::string_view type_name, const Expr* at, std::string_view full);
  bool TraitInScope(std::string_view module, std::string_view trait);
  // The library type `name` of the script's flavour (tokio's and std's are laid out differently).
  TypeRef NetType(std::string_view name);
  // `TcpListener::bind(..)`; null when `full` names another function.
  TypeRef CheckNetCall(Expr& e, const std::string& full);
  // A method of `TcpListener`/`TcpStream` (`lib`, the receiver `rt` without references); null
  // when `lib` is neither.
  TypeRef CheckNetMethod(Expr& e, TypeRef rt, TypeRef lib);
  TypeRef CheckEpollWait(Expr& e);
  // check/tokio_channels.cpp: tokio::sync's oneshot and mpsc channels
  // Whether `path` (`mpsc::channel`, `tokio::sync::mpsc::Sender`) goes through tokio::sync's `module`.
  bool TokioModule(std::string_view module, const std::vector<std::string>& path);
  // A written `oneshot::Sender<T>`, `mpsc::Receiver<T>`, ..; null when `te` names none of them.
  TypeRef TokioChannelType(const TypeExpr& te, const std::function<TypeRef(size_t)>& arg);
  TypeRef OneshotReceiver(TypeRef item);  // the future `oneshot::Receiver<T>`
  // `oneshot::channel()`, tokio's `mpsc::channel(n)` / `unbounded_channel()`; null: another function.
  TypeRef CheckTokioChannelCall(Expr& e, const std::string& full, TypeRef expected);
  // A method of a tokio channel end (`lib`); null when `lib` is none.
  TypeRef CheckTokioChannelMethod(Expr& e, TypeRef rt, TypeRef lib);
  // `&v[range]` (`e` the `&`, with the sequence and the range moved to its lhs and rhs) of the
  // sequence type `base`.
  TypeRef CheckSliceIndex(Expr& e, TypeRef base);

  // check/impls.cpp
  void CheckImpls();
  const StructDecl* ImplSelf(int impl) const;
  TypeRef ResolveAssocType(const TypeExpr& te);
  const FnDecl* FindImplFn(const StructDecl* sd, const std::string& name) const;
  TypeRef CallUserFn(Expr& e, const FnDecl& fn, const char* what);
  TypeRef CallMethod(Expr& e, const FnDecl& fn, TypeRef rt);
  TypeRef CallMethodWith(Expr& e, const FnDecl& fn, TypeRef rt, TypeRef self_t, const std::vector<TypeRef>& params,
                         TypeRef ret);

  // check/generics.cpp
  const StructDecl* Origin(const StructDecl* sd) const;
  std::vector<const GenericParam*> GenericParamsOf(const FnDecl& fn) const;
  bool HasVar(TypeRef t);
  bool HasError(TypeRef t);
  TypeRef ParamType(const GenericParam& gp);
  TypeRef AssocParam(const GenericParam& gp, const std::string& trait, const std::string& name);
  // --- dyn_traits.cpp: trait objects of script traits (`&dyn Describe`, `Box<dyn Describe>`).
  TypeRef DynTraitType(const TypeExpr& te);
  std::vector<std::string> DynIncompatibilities(const TraitDecl& tr);
  // A struct where a `dyn` of the traits it implements is wanted (`&Song` to `&dyn Describe`).
  bool CoercesToDyn(TypeRef got, TypeRef want);
  // A method of a trait object: the trait's signature, dispatched at run time (null: not one).
  TypeRef CheckDynMethod(Expr& e, TypeRef rt, TypeRef base);
  // `&Plain` where `&dyn Describe` is wanted and Plain lacks the trait: rustc's E0277 (true when said).
  bool ReportMissingDynTrait(Span at, TypeRef got, TypeRef want);
  // A pointer (`&`, `&mut`, `Box`) to a trait object: where each value coerces on its own.
  bool IsDynPointer(TypeRef t);
  TypeRef AssocOf(TypeRef base, const std::string& trait, const std::string& name, Span at);
  ScopeState SaveScope();
  void RestoreScope(const ScopeState& s);
  void EnterFnScope(const FnDecl& fn);
  const StructDecl* ImplSelfOfGeneric(int impl);
  TypeRef StructType(const StructDecl* origin, std::vector<TypeRef> args);
  TypeRef FieldType(TypeRef st, size_t i);
  bool Satisfies(TypeRef t, const TraitBound& b, int depth);
  void CheckBounds(const GenericUse& u);
  TypeRef CallGeneric(Expr& e, const FnDecl& fn, TypeRef self_t, const std::vector<TypeExprPtr>* turbofish, Span name_at,
                      bool method, TypeRef rt);
  const FnDecl* FinishGenericUse(GenericUse& u);
  void FinishPendingUses();
  const FnDecl* Instantiate(const FnDecl& fn, const std::vector<TypeRef>& args, const Expr& at);

  // check/iterators.cpp
  TypeRef IntoIterType(TypeRef it, Span at);
  TypeRef CheckIterMethod(Expr& e, TypeRef rt, TypeRef base, TypeRef expected);
  void CheckFromIter(const PendingFromIter& p);

  // check/future_impls.cpp
  void CheckFutureImplItems(size_t impl);
  void CheckFutureSignatures();
  // --- wake_impls.cpp: `impl Wake for W`, and `Waker::from(arc)` / `arc.into()`
  void CheckWakeImplItems(size_t impl);
  void CheckWakeSignatures();
  TypeRef CheckWakerFromArc(Expr& e, const Expr& arg, TypeRef t);
  std::set<const StructDecl*> wake_ok_;  // the structs whose `impl Wake` checked out
  std::set<const StructDecl*> arc_wake_ok_;  // the structs whose `impl ArcWake` checked out
  TypeRef CheckWakerRef(Expr& e, bool owned = false);
  // `t` as a future type: itself when it is one, a hand-written future's struct as a
  // FutureKind::HandWritten future, else null.
  TypeRef AsFuture(TypeRef t);
  TypeRef InstantiateFuture(TypeRef t);
  bool MentionsParam(TypeRef t);
  bool ImplFutureOutputMismatch(const FnDecl& fn, TypeRef body_t);

  // check/option_result.cpp: null when `e` is none of its methods.
  TypeRef CheckOptionResultMethod(Expr& e, TypeRef rt, TypeRef base);

  // check/task_api.cpp: null when `e` is not one of these methods / functions.
  TypeRef CheckTaskMethod(Expr& e, TypeRef rt, TypeRef base);
  TypeRef CheckTaskCall(Expr& e, const Builtin& b);
  TypeRef PointedFuture(TypeRef t, Span at);
  void VTableFn(Expr& a, bool is_clone);

  CheckedProgram& p_;
  Diagnostics& d_;
  std::vector<TypeRef> subst_;         // by variable id: what it stands for, or null (open)
  std::vector<Span> var_at_;           // where it was introduced (or the `let` that binds it)
  std::vector<const char*> var_code_;  // the error code when it stays open; "" for `{integer}`
  std::set<int> claimed_;
  std::map<int, TypeRef> var_whole_;  // a variable inside a `let`'s type: that type (`Vec<_>`)
  std::vector<const Expr*> pending_lits_, pending_negs_;
  std::vector<PendingFromIter> pending_sums_;
  bool in_fn_ = false;
  const SourceFile& src_;
  TypeTable& T;
  int cur_ = 0;
  bool quiet_ = false;
  bool in_unsafe_ = false;
  const StructDecl* self_struct_ = nullptr;  // what `Self` names here
  int cur_impl_ = -1;                         // the `impl` block of the function being checked
  std::vector<bool> impl_ok_;                 // by impl: its type and trait resolved
  std::vector<Scope> scopes_;
  std::vector<LoopCtx> loops_;
  std::map<std::tuple<int, int>, int> captures_;
  std::map<int, int> block_count_, closure_count_, iter_count_;
  std::vector<TypeExprPtr> parsed_types_;
  std::vector<std::unique_ptr<SourceFile>> op_sources_;
  const SourceFile* err_src_ = nullptr;  // types of scenario ops: reported in the scenario file
  // Generics (check/generics.cpp).
  std::map<std::string, TypeRef> tparams_;  // type parameters in scope: what each stands for
  TypeRef self_type_ = nullptr;             // `Self` as a type (a generic struct with open arguments)
  struct GenericFuture {
    int impl = -1;                  // `impl<F> Future for StringLen<F>`
    const FnDecl* poll = nullptr;   // its generic `poll`
  };
  std::map<const StructDecl*, GenericFuture> generic_futures_;  // by the generic struct
  struct ScriptStream { const FnDecl* poll_next; TypeRef item; };
  std::map<const StructDecl*, ScriptStream> streams_;  // structs with `impl Stream` (stream_impls.cpp)
  bool generic_ctx_ = false;                // checking a generic definition: no instances
  int cur_depth_ = 0;                       // the instantiation depth of the function being checked
  std::vector<GenericUse> pending_uses_;
  std::map<const GenericParam*, TypeRef> param_types_;
  std::map<std::tuple<const GenericParam*, std::string>, TypeRef> assoc_params_;
  std::map<std::string, TypeRef> dyn_types_;  // `dyn A + B` by its name
  std::set<uint32_t> dyn_incompatible_reported_;  // where E0038 was said (a type is resolved more than once)
  bool in_body_ = false;                          // checking a function's body, not an item's signature
  struct InBodyScope {                            // sets in_body_ until the end of a scope
    bool& flag;
    bool saved;
    InBodyScope(bool& f, bool value) : flag(f), saved(f) { f = value; }
    ~InBodyScope() { flag = saved; }
  };
  std::map<std::pair<const StructDecl*, std::vector<TypeRef>>, const StructDecl*> struct_instances_;
  std::map<std::pair<const FnDecl*, std::vector<TypeRef>>, const FnDecl*> fn_instances_;
  std::set<const FnDecl*> checked_fns_;
  std::set<const FnDecl*> failed_generics_;  // generic definitions with errors: their instances stay quiet
};

}  // namespace aws::check
