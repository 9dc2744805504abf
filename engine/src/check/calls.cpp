// Calls: script functions, closures, scenario ops, built-in functions and macros.
#include <fmt/format.h>

#include "awaitscope/library_types.h"
#include "check/checker_impl.h"

namespace aws::check {
namespace {

int CountPlaceholders(const std::string& fmt_text, bool* bad) {
  int n = 0;
  for (size_t i = 0; i < fmt_text.size(); ++i) {
    if (fmt_text[i] == '{') {
      if (i + 1 < fmt_text.size() && fmt_text[i + 1] == '{') { ++i; continue; }
      size_t close = fmt_text.find('}', i);
      if (close == std::string::npos) { *bad = true; return n; }
      std::string spec = fmt_text.substr(i + 1, close - i - 1);
      if (!(spec.empty() || spec == ":?" || spec == ":p" || spec == ":#?" || spec == ":x" || spec == ":#x" ||
            spec == ":X" || spec == ":#X")) {
        *bad = true;
        return n;
      }
      ++n;
      i = close;
    } else if (fmt_text[i] == '}') {
      if (i + 1 < fmt_text.size() && fmt_text[i + 1] == '}') { ++i; continue; }
      *bad = true;
      return n;
    }
  }
  return n;
}

}  // namespace

bool Checker::CheckArity(const Expr& e, size_t want_min, size_t want_max, const std::string& what) {
  size_t n = e.args.size();
  if (n >= want_min && n <= want_max) return true;
  size_t want = n < want_min ? want_min : want_max;
  Error(e.span, fmt::format("{} takes {} argument{} but {} argument{} {} supplied", what, want, want == 1 ? "" : "s",
                            n, n == 1 ? "" : "s", n == 1 ? "was" : "were"));
  return false;
}

TypeRef Checker::CheckArgs(Expr& e, const std::vector<TypeRef>& params) {
  for (size_t i = 0; i < e.args.size(); ++i) {
    TypeRef want = i < params.size() ? params[i] : nullptr;
    TypeRef got = Check(*e.args[i], want);
    if (want) ExpectType(*e.args[i], got, want);
  }
  return nullptr;
}

TypeRef Checker::CheckCall(Expr& e, TypeRef expected) {
  Expr& callee = *e.operand;
  if (callee.kind != ExprKind::Path) {
    Check(callee, nullptr);
    for (auto& a : e.args) Check(*a, nullptr);
    if (!callee.type->IsError()) Error(callee.span, fmt::format("`{}` is not a function", TypeName(callee.type)));
    return T.Error();
  }
  std::string full = JoinPath(callee.path);
  if (callee.path.size() == 1) {
    if (int slot = Lookup(callee.name); slot >= 0) {
      TypeRef t = R(p_.bodies[cur_].locals[slot].type);
      callee.local = slot;
      callee.type = t;
      if (t->kind == TypeKind::Closure) {
        std::vector<TypeRef> ps(t->args.begin(), t->args.end() - 1);
        if (CheckArity(e, ps.size(), ps.size(), "this closure")) CheckArgs(e, ps);
        return t->args.back();
      }
      for (auto& a : e.args) Check(*a, nullptr);
      if (!t->IsError()) Error(callee.span, fmt::format("`{}` is a `{}`, not a function", callee.name, TypeName(t)));
      return T.Error();
    }
    if (const FnDecl* fn = p_.module.FindFn(callee.name); fn && fn->impl < 0) {
      if (fn->is_static) {
        for (auto& a : e.args) Check(*a, nullptr);
        ErrorCode(callee.span, "E0618", fmt::format("expected function, found static `{}`", fn->name));
        return T.Error();
      }
      if (fn->is_generic)
        return CallGeneric(e, *fn, nullptr, callee.seg_generics.empty() ? nullptr : &callee.seg_generics[0],
                           Span{callee.span.begin, callee.span.begin + static_cast<uint32_t>(callee.name.size())},
                           false, nullptr);
      if (!callee.seg_generics.empty() && !callee.seg_generics[0].empty())
        ErrorCode(callee.span, "E0107", fmt::format("function takes 0 generic arguments but {} generic argument{} {} supplied",
                                                    callee.seg_generics[0].size(), callee.seg_generics[0].size() == 1 ? "" : "s",
                                                    callee.seg_generics[0].size() == 1 ? "was" : "were"));
      return CallUserFn(e, *fn, "this function");
    }
  }
  if (TypeRef t = CheckVariantCall(e)) return t;  // `E::B(1)`: enums.cpp
  // `Id(5)`: a tuple struct's constructor, a struct literal with fields `0`, `1`, ...
  if (callee.path.size() == 1) {
    const StructDecl* sd = callee.name == "Self" && self_struct_ ? self_struct_ : p_.module.FindStruct(callee.name);
    if (sd && sd->is_tuple && !Origin(sd)->is_enum) {
      if (!CheckArity(e, sd->fields.size(), sd->fields.size(), "this struct")) {
        for (auto& a : e.args) Check(*a, nullptr);
        return T.Error();
      }
      e.kind = ExprKind::StructLit;
      e.name = sd->name;
      e.path = {sd->name};
      for (size_t i = 0; i < e.args.size(); ++i) {
        FieldInit f;
        f.name = std::to_string(i);
        f.span = e.args[i]->span;
        f.value = std::move(e.args[i]);
        e.fields.push_back(std::move(f));
      }
      e.args.clear();
      e.operand.reset();
      return CheckStructLit(e);
    }
  }
  // `Type::f(..)` / `Self::f(..)`: a function of an `impl` block of a script struct.
  if (callee.path.size() == 2) {
    const StructDecl* sd = callee.path[0] == "Self" && self_struct_ ? self_struct_ : p_.module.FindStruct(callee.path[0]);
    // `T::describe(..)` of a type parameter: its bounds' functions.
    if (!sd && tparams_.count(callee.path[0])) {
      TypeRef pt = R(tparams_[callee.path[0]]);
      if (pt->kind == TypeKind::Struct) sd = pt->decl;
    }
    if (sd) {
      // `Wrapper::new(..)`, `Wrapper::<u8>::new(..)`: the struct's arguments from the turbofish or inferred.
      TypeRef self_t = T.Struct(sd);
      if (!sd->generics.empty()) {
        std::vector<TypeRef> args;
        const std::vector<TypeExprPtr>* tf = callee.seg_generics.empty() ? nullptr : &callee.seg_generics[0];
        if (tf && !tf->empty() && tf->size() != sd->generics.size()) {
          size_t k = sd->generics.size();
          ErrorCode(Span{callee.span.begin, callee.span.begin + static_cast<uint32_t>(callee.path[0].size())}, "E0107",
                    fmt::format("struct takes {} generic argument{} but {} generic argument{} {} supplied", k, k == 1 ? "" : "s",
                                tf->size(), tf->size() == 1 ? "" : "s", tf->size() == 1 ? "was" : "were"));
          tf = nullptr;
        }
        for (size_t i = 0; i < sd->generics.size(); ++i)
          args.push_back(tf && !tf->empty() ? Resolve((*tf)[i].get()) : NewVar(callee.span));
        self_t = StructType(sd, args);
      }
      if (const FnDecl* fn = FindImplFn(sd, callee.path[1])) {
        if (fn->is_generic || fn->signature_only || !self_t->args.empty()) {
          Span seg{callee.span.end - static_cast<uint32_t>(callee.path[1].size()), callee.span.end};
          return CallGeneric(e, *fn, self_t, callee.seg_generics.size() > 1 ? &callee.seg_generics[1] : nullptr, seg,
                             false, nullptr);
        }
        return CallUserFn(e, *fn, "this function");
      }
      for (auto& a : e.args) Check(*a, nullptr);
      Span seg{callee.span.end - static_cast<uint32_t>(callee.path[1].size()), callee.span.end};
      bool is_enum = Origin(sd)->is_enum;
      ErrorCode(seg, "E0599", fmt::format("no {} named `{}` found for {} `{}` in the current scope",
                                          is_enum ? "variant or associated item" : "function or associated item",
                                          callee.path[1], is_enum ? "enum" : "struct", is_enum ? Origin(sd)->name : sd->name));
      return T.Error();
    }
  }
  for (size_t i = 0; i < p_.ops.size(); ++i) {
    const OpInfo& op = p_.ops[i];
    if (op.spec.name == full && op.spec.receiver.empty()) {
      e.op = static_cast<int>(i);
      if (CheckArity(e, op.params.size(), op.params.size(), fmt::format("operation `{}`", full))) CheckArgs(e, op.params);
      return op.spec.is_async ? T.Future(FutureKind::Op, op.result, static_cast<int>(i)) : op.result;
    }
  }
  if (TypeRef t = CheckNetCall(e, full)) return t;  // check/network.cpp
  if (TypeRef t = CheckTokioChannelCall(e, full, expected)) return t;  // check/tokio_channels.cpp
  // `std::ptr::null()` / `ptr::null_mut()` (also `core::`): the null raw pointer, checked and run
  // as the `0 as *const _` (`*mut _`) it is; the pointee comes from where it is expected.
  if (full == "std::ptr::null" || full == "core::ptr::null" || full == "ptr::null" || full == "std::ptr::null_mut" ||
      full == "core::ptr::null_mut" || full == "ptr::null_mut") {
    const bool is_mut = full.size() > 4 && full.compare(full.size() - 4, 4, "_mut") == 0;
    if (!e.args.empty()) {
      for (auto& a : e.args) Check(*a, nullptr);
      ErrorCode(e.args[0]->span, "E0061",
                fmt::format("this function takes 0 arguments but {} argument{} supplied", e.args.size(),
                            e.args.size() == 1 ? " was" : "s were"));
      return T.Error();
    }
    auto zero = std::make_unique<Expr>();
    zero->kind = ExprKind::IntLit;
    zero->span = e.span;
    zero->int_value = 0;
    RewriteAsRawPtrCast(e, std::move(zero), is_mut);
    return Check(e, expected);
  }
  const Builtin* b = FindBuiltinFn(full);
  if (!b) {
    for (auto& a : e.args) Check(*a, nullptr);
    if (!p_.module.broken_names.count(full))
      Error(callee.span, fmt::format("cannot find function `{}` in this scope", full));
    else
      UsesBrokenItem();
    return T.Error();
  }
  e.builtin = b;
  callee.builtin = b;
  if (!CheckArity(e, b->min_args, b->max_args, fmt::format("`{}`", full))) {
    for (auto& a : e.args) Check(*a, nullptr);
    return T.Error();
  }
  return CheckBuiltinCall(e, *b, expected);
}

TypeRef Checker::Arg(Expr& e, size_t i, TypeRef want) {
  TypeRef t = Check(*e.args[i], want);
  if (want) ExpectType(*e.args[i], t, want);
  return t;
}

TypeRef Checker::ArgStr(Expr& e, size_t i) {
  TypeRef t = Check(*e.args[i], nullptr);
  if (t->IsError()) return t;
  if (t->kind == TypeKind::String) return t;
  if (t->kind == TypeKind::Ref && (t->args[0]->kind == TypeKind::Str || t->args[0]->kind == TypeKind::String)) return t;
  Error(e.args[i]->span, fmt::format("mismatched types: expected a string, found `{}`", TypeName(t)));
  return T.Error();
}

TypeRef Checker::ArgFuture(Expr& e, size_t i, TypeRef want_output) {
  TypeRef t = Check(*e.args[i], nullptr);
  if (t->IsError()) return T.Future(FutureKind::Either, T.Error());
  if (TypeRef f = AsFuture(t)) t = f;  // a hand-written future's struct
  else if (TypeRef p = PointedFuture(t, e.args[i]->span)) t = p;  // `&mut fut` of a pinned future
  if (!t->IsFuture()) {
    Error(e.args[i]->span, fmt::format("`{}` is not a future", TypeName(t)));
    return T.Future(FutureKind::Either, T.Error());
  }
  if (want_output && !Compatible(t->Output(), want_output))
    Error(e.args[i]->span, fmt::format("expected a future with output `{}`, found output `{}`", TypeName(want_output),
                                       TypeName(t->Output())));
  return t;
}

// What a combinator holds of its argument: the future itself, or the pointer to a pinned one
// (`&mut fut`), whose layout is a pointer's.
TypeRef Checker::CombinatorPart(const Expr& arg) {
  TypeRef t = arg.type ? R(arg.type) : T.Error();
  if (t->kind == TypeKind::Ref || t->kind == TypeKind::Pin) return t;
  if (TypeRef f = AsFuture(t)) return f;
  return t->IsFuture() ? t : T.Future(FutureKind::Either, T.Error());
}

// `try_join!(a, b, ..)` as parsed (parse/future_macros.cpp): futures whose outputs are
// `Result<T, E>` with one `E`; its output is `Result<(T1, T2, ..), E>`.
TypeRef Checker::CheckTryJoin(Expr& e) {
  std::vector<TypeRef> futs, oks;
  TypeRef err = nullptr;
  bool bad = false;
  for (size_t i = 0; i < e.args.size(); ++i) {
    TypeRef f = ArgFuture(e, i);
    TypeRef out = R(f->Output() ? f->Output() : T.Error());
    futs.push_back(CombinatorPart(*e.args[i]));
    if (out->IsError()) {
      bad = true;
      continue;
    }
    if (out->kind != TypeKind::Result) {
      ErrorCode(e.args[i]->span, "E0308",
                fmt::format("mismatched types: `try_join!` takes futures of `Result<T, E>`, this one's output is `{}`",
                            TypeName(out)));
      bad = true;
      continue;
    }
    oks.push_back(out->args[0]);
    if (!err) err = out->args[1];
    else if (!U(out->args[1], err)) {
      ErrorCode(e.args[i]->span, "E0308",
                fmt::format("mismatched types: `try_join!`'s futures must share one error type: expected `{}`, found `{}`",
                            TypeName(R(err)), TypeName(R(out->args[1]))));
      bad = true;
    }
  }
  if (bad) return T.Future(FutureKind::TryJoin, T.Error(), -1, futs);
  return T.Future(FutureKind::TryJoin, T.Result(T.Tuple(oks), err), -1, futs);
}

TypeRef Checker::CheckBuiltinCall(Expr& e, const Builtin& b, TypeRef expected) {
  if (TypeRef t = CheckTaskCall(e, b)) return t;  // Pin's constructors, Waker::clone (task_api.cpp)
  if (IsLibraryBuiltin(b.id)) return CheckLibraryCall(e, b, expected);
  TypeRef dur = T.Duration();
  switch (b.id) {
    case BuiltinId::ReadFile:
      ArgStr(e, 0);
      return T.Future(FutureKind::ReadFile, T.String());
    case BuiltinId::WriteFile:
      ArgStr(e, 0);
      ArgStr(e, 1);
      return T.Future(FutureKind::WriteFile, T.Unit());
    case BuiltinId::Sleep: Arg(e, 0, dur); return T.Future(FutureKind::Sleep, T.Unit());
    case BuiltinId::TimerNew: Arg(e, 0, dur); return T.Future(FutureKind::Timer, T.Unit());
    case BuiltinId::ScancodeNew: return T.ScancodeStream();
    case BuiltinId::YieldNow: return T.Future(FutureKind::YieldNow, T.Unit());
    case BuiltinId::Ready: {
      TypeRef v = Check(*e.args[0], expected && expected->IsFuture() ? expected->Output() : nullptr);
      return T.Future(FutureKind::Ready, v, -1, {v});
    }
    case BuiltinId::Join: {
      // `join(a, b)`, or `join!(a, b, ..)` as parsed (parse/future_macros.cpp): the tuple of the outputs
      std::vector<TypeRef> futs, outs;
      for (size_t i = 0; i < e.args.size(); ++i) {
        outs.push_back(ArgFuture(e, i)->Output());
        futs.push_back(CombinatorPart(*e.args[i]));
      }
      return T.Future(FutureKind::Join, T.Tuple(outs), -1, futs);
    }
    case BuiltinId::TryJoin: return CheckTryJoin(e);
    case BuiltinId::Select: {
      // `select! { p = f => h, .. }` as parsed (parse/select.cpp): one `Option` per branch, `Some`
      // for the branch that finished first
      std::vector<TypeRef> futs, outs;
      for (size_t i = 0; i < e.args.size(); ++i) {
        outs.push_back(T.Option(ArgFuture(e, i)->Output()));
        futs.push_back(CombinatorPart(*e.args[i]));
      }
      return T.Future(FutureKind::Select, T.Tuple(outs), -1, futs);
    }
    case BuiltinId::JoinAll: {
      // `futures::future::join_all(v)`: a vector (or array) of futures of one type
      TypeRef v = R(Check(*e.args[0], nullptr));
      if (v->IsError()) return T.Future(FutureKind::JoinAll, T.Error());
      if ((v->kind != TypeKind::Vec && v->kind != TypeKind::Array) || !R(v->args[0])->IsFuture()) {
        if ((v->kind == TypeKind::Vec || v->kind == TypeKind::Array) && R(v->args[0])->kind == TypeKind::Var)
          return NeedAnnotation(e.args[0]->span);
        ErrorCode(e.args[0]->span, "E0277",
                  fmt::format("`{}` is not a future", TypeName(v->kind == TypeKind::Vec || v->kind == TypeKind::Array
                                                                   ? R(v->args[0]) : v)));
        return T.Future(FutureKind::JoinAll, T.Error());
      }
      TypeRef f = R(v->args[0]);
      return T.Future(FutureKind::JoinAll, T.Vec(f->Output()), -1, {f});
    }
    case BuiltinId::Spawn: case BuiltinId::TokioSpawn: {
      TypeRef f = ArgFuture(e, 0);
      if (!IsTokioSpawn(e)) return T.Unit();
      // tokio's `spawn` returns the task's `JoinHandle<T>`: a future of `Result<T, JoinError>`
      // (dropping it detaches the task). The emulated executors' own `spawn` returns `()`.
      RequireSend(SendRequirement::Kind::FutureBound, *e.args[0], e);
      e.builtin = &GetBuiltin(BuiltinId::TokioSpawn);
      if (e.operand) e.operand->builtin = e.builtin;
      TypeRef out = f->IsFuture() && f->Output() ? f->Output() : T.Error();
      return T.Future(FutureKind::JoinHandle, T.Result(out, T.Library("JoinError", {})), -1, {out});
    }
    case BuiltinId::Work: Arg(e, 0, dur); return T.Unit();
    case BuiltinId::ThreadSleep: Arg(e, 0, dur); return T.Unit();
    case BuiltinId::BoxNew: {
      TypeRef v = Check(*e.args[0], expected && expected->kind == TypeKind::Box ? expected->args[0] : nullptr);
      return T.Box(v);
    }
    case BuiltinId::BoxPin: {
      TypeRef want = expected && expected->kind == TypeKind::Pin && expected->args[0]->kind == TypeKind::Box
                         ? expected->args[0]->args[0] : nullptr;
      TypeRef v = Check(*e.args[0], want);
      // `Pin<Box<dyn Future<Output = T> + Send>>` wanted: rustc's cast needs a Send future (send.cpp)
      if (want && want->IsFuture() && want->fut == FutureKind::Dyn && want->body == kDynSend)
        RequireSend(SendRequirement::Kind::DynCast, *e.args[0], e);
      return T.Pin(T.Box(v));
    }
    case BuiltinId::MemReplace: {
      TypeRef dst = Check(*e.args[0], nullptr);
      if (dst->IsError()) { Check(*e.args[1], nullptr); return dst; }
      if (dst->kind != TypeKind::Ref || !dst->is_mut) {
        Error(e.args[0]->span, fmt::format("`mem::replace` needs a `&mut` place, found `{}`", TypeName(dst)));
        Check(*e.args[1], nullptr);
        return T.Error();
      }
      Arg(e, 1, dst->args[0]);
      return dst->args[0];
    }
    case BuiltinId::MemSwap: {
      TypeRef a = Check(*e.args[0], nullptr);
      TypeRef c = Check(*e.args[1], a);
      if (!a->IsError() && (a->kind != TypeKind::Ref || !a->is_mut))
        Error(e.args[0]->span, fmt::format("`mem::swap` needs `&mut` places, found `{}`", TypeName(a)));
      else ExpectType(*e.args[1], c, a);
      return T.Unit();
    }
    case BuiltinId::DurationMillis: case BuiltinId::DurationSecs:
      Arg(e, 0, T.Int(IntKind::U64));
      return dur;
    case BuiltinId::DurationNew:  // `Duration::new(secs: u64, nanos: u32)`
      Arg(e, 0, T.Int(IntKind::U64));
      Arg(e, 1, T.Int(IntKind::U32));
      return dur;
    case BuiltinId::ErrorNew: ArgStr(e, 0); return T.ErrorType();
    case BuiltinId::StringNew: return T.String();
    case BuiltinId::StringFrom: ArgStr(e, 0); return T.String();
    case BuiltinId::VecNew:  // the element type comes from the uses (`push`, a parameter, ...)
      return expected && expected->kind == TypeKind::Vec ? expected : T.Vec(NewVar(e.span));
    case BuiltinId::Drop: Check(*e.args[0], nullptr); return T.Unit();
    case BuiltinId::Some: {
      TypeRef v = Check(*e.args[0], expected && expected->kind == TypeKind::Option ? expected->args[0] : nullptr);
      return T.Option(v);
    }
    case BuiltinId::Ok: case BuiltinId::Err: {
      bool ok = b.id == BuiltinId::Ok;
      TypeRef want_res = expected && expected->kind == TypeKind::Result ? expected : nullptr;
      if (!want_res) {
        // Inside a function returning Result, `Ok(..)`/`Err(..)` take its types.
        TypeRef out = R(p_.bodies[cur_].output);
        if (out && out->kind == TypeKind::Result) want_res = out;
      }
      TypeRef v = Check(*e.args[0], want_res ? want_res->args[ok ? 0 : 1] : nullptr);
      if (want_res) {
        ExpectType(*e.args[0], v, want_res->args[ok ? 0 : 1]);
        return want_res;
      }
      return ok ? T.Result(v, NewVar(e.span)) : T.Result(NewVar(e.span), v);
    }
    case BuiltinId::PollReady: {
      TypeRef v = Check(*e.args[0], expected && expected->kind == TypeKind::Poll ? expected->args[0] : nullptr);
      return T.Poll(v);
    }
    case BuiltinId::EitherLeft: case BuiltinId::EitherRight: return ArgFuture(e, 0);
    case BuiltinId::PinAsMut: {
      TypeRef t = Check(*e.args[0], nullptr);
      TypeRef inner = StripRef(t);
      if (inner->kind != TypeKind::Pin) {
        if (!inner->IsError()) Error(e.args[0]->span, fmt::format("`Pin::as_mut` needs a `&mut Pin<P>`, found `{}`", TypeName(t)));
        return T.Error();
      }
      TypeRef target = inner->args[0]->args.empty() ? inner->args[0] : inner->args[0]->args[0];
      return T.Pin(T.Ref(target, true));
    }
    case BuiltinId::PinGetUncheckedMut: {
      TypeRef t = Check(*e.args[0], nullptr);
      if (!in_unsafe_) Error(e.span, "call to unsafe function `Pin::get_unchecked_mut` requires an `unsafe` block");
      if (t->kind != TypeKind::Pin) {
        if (!t->IsError()) Error(e.args[0]->span, fmt::format("`Pin::get_unchecked_mut` needs a `Pin<&mut T>`, found `{}`", TypeName(t)));
        return T.Error();
      }
      return t->args[0];
    }
    default: break;
  }
  Error(e.span, fmt::format("`{}` cannot be called here", b.name));
  return T.Error();
}

TypeRef Checker::CheckMacro(Expr& e) {
  const std::string& n = e.name;
  if (n == "println" || n == "print" || n == "format" || n == "panic" || n == "eprintln") {
    if (e.args.empty()) {
      if (n == "println" || n == "panic" || n == "eprintln") return n == "panic" ? T.Never() : T.Unit();
      Error(e.span, fmt::format("`{}!` needs a format string", n));
      return T.Error();
    }
    if (e.args[0]->kind != ExprKind::StrLit) {
      Check(*e.args[0], nullptr);
      Error(e.args[0]->span, "format argument must be a string literal");
      return n == "format" ? T.String() : T.Unit();
    }
    e.args[0]->type = T.Ref(T.Str(), false);
    bool bad = false;
    int want = CountPlaceholders(e.args[0]->name, &bad);
    if (bad) Error(e.args[0]->span, "invalid format string: use `{}`, `{:?}` or `{:p}`, and `{{`/`}}` for braces");
    for (size_t i = 1; i < e.args.size(); ++i) Check(*e.args[i], nullptr);
    int given = static_cast<int>(e.args.size()) - 1;
    if (!bad && want != given)
      Error(e.args[0]->span, fmt::format("{} positional argument{} in format string, but {} {} given", want,
                                         want == 1 ? "" : "s", given, given == 1 ? "was" : "were"));
    if (n == "format") return T.String();
    return n == "panic" ? T.Never() : T.Unit();
  }
  if (n == "assert") {
    if (!CheckArity(e, 1, 2, "`assert!`")) return T.Unit();
    Arg(e, 0, T.Bool());
    if (e.args.size() > 1) Check(*e.args[1], nullptr);
    return T.Unit();
  }
  if (n == "assert_eq") {
    if (!CheckArity(e, 2, 3, "`assert_eq!`")) return T.Unit();
    TypeRef a = Check(*e.args[0], nullptr);
    TypeRef c = Check(*e.args[1], StripRef(a));
    if (!U(StripRef(c), StripRef(a))) Mismatch(e.args[1]->span, a, c);
    return T.Unit();
  }
  if (n == "std::pin::pin" || n == "tokio::pin" || n == "futures::pin_mut") {
    // expanded where they stand as a statement or a `let` (parse/future_macros.cpp)
    Error(e.name_span, n == "std::pin::pin"
                           ? std::string("`pin!` is supported as a `let`'s value only: `let fut = pin!(..);`")
                           : fmt::format("`{}!` is a statement: write `{}!(fut);` on its own", n, n));
    return T.Error();
  }
  for (auto& a : e.args) Check(*a, nullptr);
  Error(e.name_span, fmt::format("cannot find macro `{}!`; scripts know println!, print!, format!, panic!, vec!, assert!, assert_eq!", n));
  return T.Error();
}

}  // namespace aws::check
