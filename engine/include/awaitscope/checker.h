// Name resolution and type checking. Produces the bodies (functions, async blocks, closures) with
// their typed local variables, which the lowering turns into state machines.
#pragma once
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "awaitscope/ast.h"
#include "awaitscope/diagnostics.h"
#include "awaitscope/scenario.h"
#include "awaitscope/types.h"

namespace aws {

struct LocalVar {
  std::string name;
  TypeRef type = nullptr;
  bool is_mut = false;
  bool is_param = false;
  bool is_hidden = false;    // introduced by desugaring (a `for` loop's iterator)
  int capture_of = -1;       // a captured variable: its slot in the parent body
  bool capture_by_ref = false;
  Span span;
};

enum class BodyKind { Fn, AsyncFn, AsyncBlock, Closure };

struct Body {
  BodyKind kind = BodyKind::Fn;
  std::string name;          // `example`, `main::{async block#0}`, `example::{closure#0}`
  const FnDecl* fn = nullptr;
  const Expr* expr = nullptr;    // AsyncBlock / Closure expression
  const Expr* block = nullptr;   // the Block (or closure body expression) that runs
  int parent = -1;
  std::vector<LocalVar> locals;  // params and captures first
  int num_inputs = 0;            // parameters, or captures + closure parameters
  TypeRef output = nullptr;      // return type / future output
  bool is_async() const { return kind == BodyKind::AsyncFn || kind == BodyKind::AsyncBlock; }
  bool bad = false;              // had errors: not lowered
  // A generic definition (check/generics.cpp): borrow-checked with its parameters opaque, as
  // rustc does, but never made a machine or run (its instances are).
  bool generic = false;
};

// A scenario-declared leaf operation, resolved.
struct OpInfo {
  OpSpec spec;
  std::vector<TypeRef> params;
  TypeRef result = nullptr;      // the future's output (async) or the return type (sync)
  TypeRef receiver = nullptr;
};

// A hand-written future: a script struct with `impl Future for X { type Output = T; fn poll(..) }`.
struct HandWrittenFuture {
  const FnDecl* poll = nullptr;  // its `poll` (a plain fn: Pin<&mut X>, &mut Context<'_> -> Poll<T>)
  TypeRef output = nullptr;      // `Output`
};

// A place where rustc requires a value to be `Send` (check/send.cpp checks them once the lowering
// has computed what each future holds across its awaits).
struct SendRequirement {
  enum class Kind {
    ThreadSpawn,  // `thread::spawn(closure)`: E0277 naming the first non-Send (or non-Sync) type
    FutureBound,  // `tokio::spawn(fut)`, a generic `F: Future + Send`: "future cannot be sent"
    DynCast,      // `Box::pin(fut)` where `Pin<Box<dyn Future<Output = T> + Send>>` is wanted
  };
  Kind kind = Kind::ThreadSpawn;
  const Expr* value = nullptr;  // the expression whose (checked) type must be Send
  Span at;                      // where rustc reports it
  int body = -1;                // the body the requirement is in (skipped when it had errors)
};

struct CheckedProgram {
  std::unique_ptr<SourceFile> source;
  Module module;
  TypeTable types;
  std::deque<Body> bodies;  // a deque: checking a body appends nested ones while references to it are live
  std::map<const FnDecl*, int> fn_body;
  std::vector<OpInfo> ops;
  std::map<const StructDecl*, std::vector<TypeRef>> struct_fields;  // resolved field types
  std::map<const StructDecl*, HandWrittenFuture> hand_written;  // check/future_impls.cpp
  std::vector<SendRequirement> send_required;                   // check/send.cpp
  std::map<const StructDecl*, Span> unsafe_send, unsafe_sync;   // `unsafe impl Send/Sync for X {}`
  const Body* FindFnBody(std::string_view name) const;
  // The hand-written future a type is (a struct with `impl Future`), or null.
  const HandWrittenFuture* HandWritten(TypeRef t) const;
};

// Parses and checks a script. `ops` are the scenario's declared operations (may be empty).
std::unique_ptr<CheckedProgram> CheckScript(std::unique_ptr<SourceFile> src, const std::vector<OpSpec>& ops,
                                            Diagnostics& diags);

}  // namespace aws
