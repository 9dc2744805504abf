// Expressions: literals, operators, casts, references, control flow, closures and async blocks.
#include <fmt/format.h>

#include "awaitscope/library_types.h"
#include "check/checker_impl.h"

namespace aws::check {

void RewriteAsRawPtrCast(Expr& e, ExprPtr operand, bool is_mut) {
  auto ptr = std::make_unique<TypeExpr>();
  ptr->kind = TypeExpr::Kind::RawPtr;
  ptr->span = e.span;
  ptr->is_mut = is_mut;
  auto infer = std::make_unique<TypeExpr>();
  infer->kind = TypeExpr::Kind::Infer;
  infer->span = e.span;
  ptr->args.push_back(std::move(infer));
  e.kind = ExprKind::Cast;
  e.flag = false;
  e.operand = std::move(operand);
  e.type_expr = std::move(ptr);
}

TypeRef Checker::Check(Expr& e, TypeRef expected) {
  TypeRef t = R(CheckInner(e, R(expected)));
  if (!t) t = T.Error();
  e.type = t;
  return t;
}

TypeRef Checker::IntLitType(const Expr& e, TypeRef expected) {
  static const std::map<std::string, IntKind> kSuffix = {{"u8", IntKind::U8},   {"u32", IntKind::U32},
                                                         {"u64", IntKind::U64}, {"usize", IntKind::Usize},
                                                         {"i32", IntKind::I32}, {"i64", IntKind::I64}};
  if (e.suffix == "ms") return T.Duration();
  if (auto it = kSuffix.find(e.suffix); it != kSuffix.end()) return T.Int(it->second);
  if (expected && expected->IsInt()) return expected;
  if (expected && expected->kind == TypeKind::RawPtr && e.int_value == 0) return expected;  // `0 as *const _`
  return NewIntVar(e.span);
}

TypeRef Checker::CheckInner(Expr& e, TypeRef expected) {
  switch (e.kind) {
    case ExprKind::Error: return T.Error();
    case ExprKind::IntLit: {
      TypeRef t = IntLitType(e, expected);
      if (t->IsVar() && !e.flag) pending_lits_.push_back(&e);
      else if (t->IsInt() && !e.flag) CheckIntRange(e, t, false);
      return t;
    }
    case ExprKind::StrLit: return T.Ref(T.Str(), false);
    case ExprKind::CharLit: return T.Char();
    case ExprKind::BoolLit: return T.Bool();
    case ExprKind::Unit: return T.Unit();
    case ExprKind::Path: return CheckPath(e, expected);
    case ExprKind::Array: {
      TypeRef elem = expected && expected->kind == TypeKind::Array ? expected->args[0] : nullptr;
      for (auto& a : e.args) {
        TypeRef t = Check(*a, elem);
        if (!elem || R(elem)->IsError()) elem = t;
        else ExpectType(*a, t, elem);
      }
      return T.Array(elem ? elem : NewVar(e.span), e.args.size());
    }
    case ExprKind::ArrayRepeat: {
      TypeRef elem = Check(*e.lhs, expected && expected->kind == TypeKind::Array ? expected->args[0] : nullptr);
      if (e.rhs->kind != ExprKind::IntLit) {
        // `[0; N]` with a `const N: usize` (consts.cpp): the constant's value.
        TypeRef n = Check(*e.rhs, T.Int(IntKind::Usize));
        if (n->IsError()) return T.Error();
        ExpectType(*e.rhs, n, T.Int(IntKind::Usize));
        std::optional<uint64_t> v = ConstInt(*e.rhs, nullptr);
        if (!v) {
          Error(e.rhs->span, "array length must be an integer literal or a constant");
          return T.Error();
        }
        Span at = e.rhs->span;
        e.rhs = std::make_unique<Expr>();
        e.rhs->kind = ExprKind::IntLit;
        e.rhs->span = at;
        e.rhs->int_value = *v;
      }
      e.rhs->type = T.Int(IntKind::Usize);
      return T.Array(elem, e.rhs->int_value);
    }
    case ExprKind::VecMacro: {
      TypeRef elem = expected && expected->kind == TypeKind::Vec ? expected->args[0] : nullptr;
      if (e.flag) {  // vec![x; n]
        Expr& r = *e.args[0];
        elem = Check(*r.lhs, elem);
        TypeRef n = Check(*r.rhs, T.Int(IntKind::Usize));
        ExpectType(*r.rhs, n, T.Int(IntKind::Usize));
        r.type = T.Vec(elem);
        return T.Vec(elem);
      }
      for (auto& a : e.args) {
        TypeRef t = Check(*a, elem);
        if (!elem || R(elem)->IsError()) elem = t;
        else ExpectType(*a, t, elem);
      }
      return T.Vec(elem ? elem : NewVar(e.span));
    }
    case ExprKind::Tuple: {
      std::vector<TypeRef> items;
      for (size_t i = 0; i < e.args.size(); ++i) {
        TypeRef want = expected && expected->kind == TypeKind::Tuple && i < expected->args.size() ? expected->args[i] : nullptr;
        items.push_back(Check(*e.args[i], want));
      }
      return T.Tuple(items);
    }
    case ExprKind::StructLit: return CheckStructLit(e);
    case ExprKind::Index: {
      TypeRef base = AutoDeref(Check(*e.lhs, nullptr));
      if (e.rhs->kind == ExprKind::Range) {  // a slice without `&`: unsized
        Check(*e.rhs, nullptr);
        if (base->IsError()) return base;
        ErrorCode(e.span, "E0277", fmt::format("the size for values of type `[{}]` cannot be known at compilation time: "
                                               "borrow the slice (`&{}`)",
                                               base->kind == TypeKind::Array || base->kind == TypeKind::Vec
                                                   ? Name(base->args[0]) : std::string("_"),
                                               src_.Slice(e.span)));
        return T.Error();
      }
      TypeRef idx = Check(*e.rhs, T.Int(IntKind::Usize));
      if (base->IsError()) return base;
      if (base->kind == TypeKind::Var) return NeedAnnotation(e.lhs->span);
      if (base->kind != TypeKind::Array && base->kind != TypeKind::Vec) {
        Error(e.lhs->span, fmt::format("cannot index into a value of type `{}`", TypeName(base)));
        return T.Error();
      }
      ExpectType(*e.rhs, idx, T.Int(IntKind::Usize));
      if (base->kind == TypeKind::Array && e.rhs->kind == ExprKind::IntLit && e.rhs->int_value >= base->len)
        Error(e.rhs->span, fmt::format("this index is out of bounds: the length is {} but the index is {}", base->len,
                                       e.rhs->int_value));
      return base->args[0];
    }
    case ExprKind::Field: return CheckField(e);
    case ExprKind::TupleField: {
      TypeRef t = Check(*e.operand, nullptr);
      TypeRef base = AutoDeref(t);
      if (base->IsError()) return base;
      if (base->kind == TypeKind::Var) return NeedAnnotation(e.operand->span);
      if (base->kind == TypeKind::Struct && base->decl && base->decl->is_tuple) {  // `id.0`: the field named `0`
        e.kind = ExprKind::Field;
        e.name = std::to_string(e.tuple_index);
        return CheckFieldOf(e, t);
      }
      if (base->kind != TypeKind::Tuple || e.tuple_index >= base->args.size()) {
        Error(e.name_span, fmt::format("no field `{}` on type `{}`", e.tuple_index, TypeName(base)));
        return T.Error();
      }
      return base->args[e.tuple_index];
    }
    case ExprKind::Call: return CheckCall(e, expected);
    case ExprKind::MethodCall: return CheckMethod(e, expected);
    case ExprKind::MacroCall: return CheckMacro(e);
    case ExprKind::Unary: {
      TypeRef t = Check(*e.operand, expected);
      TypeRef v = StripRef(t);
      if (v->IsError()) return v;
      if (e.un_op == UnOp::Not) {
        if (v->kind != TypeKind::Bool && !v->IsInt()) {
          Error(e.span, fmt::format("cannot apply unary operator `!` to type `{}`", TypeName(v)));
          return T.Error();
        }
        return v;
      }
      if (v->IsVar()) {
        pending_negs_.push_back(&e);  // `-x` of an unsigned `x` is found once its type is known
        return v;
      }
      if (!v->IsInt() || v->int_kind == IntKind::U8 || v->int_kind == IntKind::U32 || v->int_kind == IntKind::U64 ||
          v->int_kind == IntKind::Usize) {
        ErrorCode(e.span, "E0600", fmt::format("cannot apply unary operator `-` to type `{}`", TypeName(v)));
        return T.Error();
      }
      return v;
    }
    case ExprKind::Binary: return CheckBinary(e, expected);
    case ExprKind::Assign: {
      TypeRef lt = CheckPlace(*e.lhs, true);
      TypeRef rt = Check(*e.rhs, lt);
      ExpectType(*e.rhs, rt, lt);
      return T.Unit();
    }
    case ExprKind::CompoundAssign: {
      TypeRef lt = CheckPlace(*e.lhs, true);
      bool shift = e.bin_op == BinOp::Shl || e.bin_op == BinOp::Shr;
      TypeRef r = Check(*e.rhs, lt->kind == TypeKind::String || shift ? nullptr : lt);
      TypeRef rt = StripRef(r);
      if (lt->IsError() || rt->IsError()) return T.Unit();
      if (lt->kind == TypeKind::String && e.bin_op == BinOp::Add) {
        if (!(r->kind == TypeKind::Ref && (R(r->args[0])->kind == TypeKind::Str || R(r->args[0])->kind == TypeKind::String)))
          Mismatch(e.rhs->span, T.Ref(T.Str(), false), r);
        return T.Unit();
      }
      if (lt->kind == TypeKind::Var && rt->IsInt()) U(lt, rt);  // `let mut n; n = 0; n += 1`
      lt = R(lt);
      if (TypeRef t = TimeArith(e.bin_op, lt, rt, *e.rhs)) {  // `d += Duration::from_millis(5)` (time.cpp)
        if (!t->IsError() && t != lt) Mismatch(e.rhs->span, lt, rt);
        return T.Unit();
      }
      if (!lt->IsInt()) {
        ErrorCode(e.lhs->span, "E0368", fmt::format("binary assignment operation `{}=` cannot be applied to type `{}`",
                                                    BinOpText(e.bin_op), Name(lt)));
        return T.Unit();
      }
      if (shift) {
        if (!rt->IsInt()) Mismatch(e.rhs->span, lt, rt);
        return T.Unit();
      }
      if (!U(rt, lt)) Mismatch(e.rhs->span, lt, rt);
      return T.Unit();
    }
    case ExprKind::Cast: {
      TypeRef target = Resolve(e.type_expr.get());
      TypeRef src = Check(*e.operand, target && target->IsInt() ? target : nullptr);
      if (src->IsError() || target->IsError()) return target;
      bool ok = (src->IsInt() && target->IsInt()) || (src->kind == TypeKind::Char && target->IsInt()) ||
                (src->kind == TypeKind::Bool && target->IsInt()) ||
                (src->kind == TypeKind::Ref && target->kind == TypeKind::RawPtr) ||
                (src->kind == TypeKind::RawPtr && target->kind == TypeKind::RawPtr) ||
                (src->IsInt() && target->kind == TypeKind::RawPtr) ||
                (src->kind == TypeKind::RawPtr && target->IsInt()) ||
                (src->kind == TypeKind::Struct && src->decl && src->decl->is_enum && target->IsInt() &&
                 std::all_of(src->decl->variants.begin(), src->decl->variants.end(),
                             [](const VariantDecl& v) { return v.shape == VariantDecl::Shape::Unit; }));
      if (!ok) Error(e.span, fmt::format("non-primitive cast: `{}` as `{}`", TypeName(src), TypeName(target)));
      if (target->kind == TypeKind::RawPtr && target->args[0]->IsError() && src->kind == TypeKind::Ref)
        return T.RawPtr(src->args[0], target->is_mut);
      if (target->kind == TypeKind::RawPtr && target->args[0]->IsError() && expected &&
          expected->kind == TypeKind::RawPtr)
        return expected;
      return target;
    }
    case ExprKind::Ref: {
      if (e.operand->kind == ExprKind::Index && e.operand->rhs->kind == ExprKind::Range) {
        if (e.flag) {
          // A shared slice reads a copy of the elements (check/network.cpp); a mutable one would
          // write into that copy, so it is refused rather than run wrongly.
          Check(*e.operand->lhs, nullptr);
          Check(*e.operand->rhs, nullptr);
          Error(e.span, "Awaitscope has no mutable slices: borrow the whole array or vector (`&mut buf`)");
          return T.Error();
        }
        // `&v[a..b]` becomes one call that borrows `v` (so a future holding the slice keeps `v`).
        Expr index = std::move(*e.operand);
        e.operand.reset();
        e.lhs = std::move(index.lhs);
        e.rhs = std::move(index.rhs);
        return CheckSliceIndex(e, AutoDeref(Check(*e.lhs, nullptr)));
      }
      // Where a raw pointer is expected (`let p: *const String = &self.a;`), rustc coerces the
      // reference to it (`&mut` to `*mut` or `*const`, `&` to `*const` only): the cast it inserts,
      // `&self.a as *const _`, is what the lowering shows and the runtime runs.
      if (expected && expected->kind == TypeKind::RawPtr && (e.flag || !expected->is_mut)) {
        auto ref = std::make_unique<Expr>();
        ref->kind = ExprKind::Ref;
        ref->span = e.span;
        ref->flag = e.flag;
        ref->operand = std::move(e.operand);
        RewriteAsRawPtrCast(e, std::move(ref), expected->is_mut);
        return CheckInner(e, expected);
      }
      TypeRef want = expected && expected->kind == TypeKind::Ref ? expected->args[0] : nullptr;
      TypeRef t = e.flag ? CheckPlace(*e.operand, true, /*borrow=*/true) : Check(*e.operand, want);
      if (t->IsError()) return t;
      return T.Ref(t, e.flag);
    }
    case ExprKind::Deref: {
      TypeRef t = Check(*e.operand, nullptr);
      if (t->IsError()) return t;
      if (t->kind == TypeKind::Var) return NeedAnnotation(e.operand->span);
      if (t->kind == TypeKind::Ref || t->kind == TypeKind::Box || t->kind == TypeKind::RawPtr || IsLibraryPointer(t))
        return t->args[0];
      if (t->kind == TypeKind::Pin && !R(t->args[0])->args.empty()) return R(t->args[0])->args[0];
      Error(e.span, fmt::format("type `{}` cannot be dereferenced", TypeName(t)));
      return T.Error();
    }
    case ExprKind::Range: {
      TypeRef it = nullptr;
      if (e.lhs) it = Check(*e.lhs, nullptr);
      if (e.rhs) {
        TypeRef r = Check(*e.rhs, it && it->IsInt() ? it : nullptr);
        if (!it) it = r;
        else ExpectType(*e.rhs, r, it);
      }
      if (!it) it = T.Int(IntKind::Usize);
      it = R(it);
      if (it->kind == TypeKind::Var) {  // bounds whose type is still open: an integer of some kind
        U(it, NewIntVar(e.span));
        it = R(it);
      }
      if (!it->IsInt() && !it->IsError()) {
        Error(e.span, fmt::format("ranges need integer bounds, found `{}`", Name(it)));
        return T.Error();
      }
      return T.Iter(!e.rhs ? IterKind::RangeFrom : e.flag ? IterKind::RangeInclusive : IterKind::Range, it);
    }
    case ExprKind::Await: {
      TypeRef t = Check(*e.operand, nullptr);
      if (!p_.bodies[cur_].is_async()) {
        // `join!(..)`'s own `.await` (parse/future_macros.cpp): rustc's code, at the macro
        const bool from_macro = e.operand->kind == ExprKind::Call && e.operand->operand &&
                                !e.operand->operand->name.empty() && e.operand->operand->name.back() == '!';
        if (from_macro) ErrorCode(e.name_span, "E0728", "`await` is only allowed inside `async` functions and blocks");
        else Error(e.name_span, "`await` is only allowed inside `async` functions and blocks");
        return t->IsFuture() ? t->Output() : T.Error();
      }
      if (t->IsError()) return t;
      // `Pin<Box<F>>` is a future too (the way a `!Unpin` future is awaited from a box).
      if (t->kind == TypeKind::Pin && !t->args.empty() && t->args[0]->kind == TypeKind::Box &&
          !t->args[0]->args.empty() && AsFuture(t->args[0]->args[0]))
        return AsFuture(t->args[0]->args[0])->Output();
      // `(&mut fut).await` of a pinned (or `Unpin`) future, `pinned.await` of a `Pin<&mut F>`
      if (!AsFuture(t))
        if (TypeRef f = PointedFuture(t, e.name_span))
          return f->Output();
      if (!AsFuture(t)) {
        ErrorCode(e.name_span, "E0277", fmt::format("`{}` is not a future, so it cannot be awaited", Name(t)));
        return T.Error();
      }
      return AsFuture(t)->Output();
    }
    case ExprKind::Try: return CheckTry(e);
    case ExprKind::Block: return CheckBlock(e, expected);
    case ExprKind::Unsafe: {
      bool saved = in_unsafe_;
      in_unsafe_ = true;
      TypeRef t = CheckBlock(e, expected);
      in_unsafe_ = saved;
      return t;
    }
    case ExprKind::If: {
      TypeRef c = Check(*e.cond, T.Bool());
      ExpectType(*e.cond, c, T.Bool());
      return CheckBranches(e, expected);
    }
    case ExprKind::IfLet: {
      TypeRef s = Check(*e.operand, nullptr);
      PushScope();
      BindPattern(*e.pat, s, true);
      TypeRef then_t = CheckBlock(*e.body, expected);
      PopScope();
      return JoinElse(e, then_t, expected);
    }
    case ExprKind::Match: return CheckMatch(e, expected);
    case ExprKind::Loop: {
      loops_.push_back({nullptr, true, false});
      CheckBlock(*e.body, T.Unit());
      LoopCtx ctx = loops_.back();
      loops_.pop_back();
      if (!ctx.has_break) return T.Never();
      return ctx.break_type ? ctx.break_type : T.Unit();
    }
    case ExprKind::While: {
      TypeRef c = Check(*e.cond, T.Bool());
      ExpectType(*e.cond, c, T.Bool());
      loops_.push_back({nullptr, false, false});
      CheckBlock(*e.body, T.Unit());
      loops_.pop_back();
      return T.Unit();
    }
    case ExprKind::WhileLet: {
      TypeRef s = Check(*e.operand, nullptr);
      PushScope();
      BindPattern(*e.pat, s, true);
      loops_.push_back({nullptr, false, false});
      CheckBlock(*e.body, T.Unit());
      loops_.pop_back();
      PopScope();
      return T.Unit();
    }
    case ExprKind::For: {
      TypeRef iter = IntoIterType(Check(*e.operand, nullptr), e.operand->span);
      TypeRef item = iter->IsError() ? iter : iter->args[0];
      // The iterator lives in a hidden local, named like the talk's `iter0`, `iter1`.
      e.local = NewLocal(fmt::format("iter{}", iter_count_[cur_]++), iter, true, e.operand->span, false, true);
      PushScope();
      BindPattern(*e.pat, item, false);
      loops_.push_back({nullptr, false, false});
      CheckBlock(*e.body, T.Unit());
      loops_.pop_back();
      PopScope();
      return T.Unit();
    }
    case ExprKind::Break: {
      if (loops_.empty()) {
        Error(e.span, "`break` outside of a loop");
        return T.Never();
      }
      LoopCtx& l = loops_.back();
      l.has_break = true;
      if (e.operand) {
        TypeRef t = Check(*e.operand, l.break_type);
        if (!l.is_loop) Error(e.operand->span, "`break` with a value is only allowed in `loop`");
        else if (!l.break_type) l.break_type = t;
        else ExpectType(*e.operand, t, l.break_type);
      } else if (l.is_loop && l.break_type && R(l.break_type)->kind != TypeKind::Unit) {
        ExpectType(e, T.Unit(), l.break_type);
      } else if (l.is_loop && !l.break_type) {
        l.break_type = T.Unit();
      }
      return T.Never();
    }
    case ExprKind::Continue:
      if (loops_.empty()) Error(e.span, "`continue` outside of a loop");
      return T.Never();
    case ExprKind::Return: {
      Body& b = p_.bodies[cur_];
      if (b.kind == BodyKind::Closure) {
        Error(e.span, "`return` inside a closure is not supported");
        return T.Never();
      }
      TypeRef want = R(b.output);
      TypeRef t = e.operand ? Check(*e.operand, want) : T.Unit();
      if (want) ExpectType(e.operand ? *e.operand : e, t, want);
      else b.output = t;
      return T.Never();
    }
    case ExprKind::Closure: {
      TypeRef want_ret = expected && expected->kind == TypeKind::Closure ? expected->args.back() : nullptr;
      std::vector<TypeRef> params;
      if (expected && expected->kind == TypeKind::Closure)
        params.assign(expected->args.begin(), expected->args.end() - 1);
      int body = CheckNestedBody(e, BodyKind::Closure, params, want_ret);
      std::vector<TypeRef> ps;
      for (auto& cp : e.params) ps.push_back(p_.bodies[body].locals[cp.local].type);
      return T.Closure(ps, p_.bodies[body].output, body);
    }
    case ExprKind::AsyncBlock: {
      TypeRef want = expected && expected->IsFuture() ? expected->Output() : nullptr;
      int body = CheckNestedBody(e, BodyKind::AsyncBlock, {}, want);
      return T.Future(FutureKind::AsyncBlock, p_.bodies[body].output, body);
    }
  }
  return T.Error();
}

void Checker::CheckIntRange(const Expr& e, TypeRef t, bool negative) {
  uint64_t max = 0;
  switch (t->int_kind) {
    case IntKind::U8: max = 0xff; break;
    case IntKind::U32: max = 0xffffffffull; break;
    case IntKind::I32: max = negative ? 0x80000000ull : 0x7fffffffull; break;
    case IntKind::I64: max = negative ? 0x8000000000000000ull : 0x7fffffffffffffffull; break;
    default: max = UINT64_MAX; break;
  }
  if (e.int_value > max)
    Error(e.span, fmt::format("literal out of range for `{}`", IntKindName(t->int_kind)));
}

TypeRef Checker::StripRef(TypeRef t) {
  t = R(t);
  while (t->kind == TypeKind::Ref) t = R(t->args[0]);
  return t;
}

// Auto-deref for fields, methods and indexing: through references, boxes and pins.
TypeRef Checker::AutoDeref(TypeRef t) {
  for (t = R(t);; t = R(t)) {
    if (t->kind == TypeKind::Ref || t->kind == TypeKind::Box || IsLibraryPointer(t)) t = t->args[0];
    else if (t->kind == TypeKind::Pin) t = t->args[0];
    else return t;
  }
}

TypeRef Checker::CheckTry(Expr& e) {
  TypeRef t = Check(*e.operand, nullptr);
  if (t->IsError()) return t;
  if (t->kind == TypeKind::Var) return NeedAnnotation(e.operand->span);
  Body& b = p_.bodies[cur_];
  TypeRef ret = R(b.output);
  if (t->kind == TypeKind::Result) {
    if (ret && ret->kind == TypeKind::Result) U(t->args[1], ret->args[1]);
    if (ret && !ret->IsError() && ret->kind != TypeKind::Result) {
      ErrorCode(e.name_span, "E0277", fmt::format("the `?` operator can only be used in a function that returns `Result` or "
                                                  "`Option` (this one returns `{}`)", Name(ret)));
    } else if (ret && ret->kind == TypeKind::Result && !U(t->args[1], ret->args[1])) {
      ErrorCode(e.name_span, "E0277", fmt::format("`?` couldn't convert the error to `{}`: `{}` does not convert into it",
                                                  Name(ret->args[1]), Name(t->args[1])));
    }
    return t->args[0];
  }
  if (t->kind == TypeKind::Option) {
    if (ret && !ret->IsError() && ret->kind == TypeKind::Result)
      ErrorCode(e.name_span, "E0277", fmt::format("the `?` operator can only be used on `Result`s, not `Option`s, in a "
                                                  "function that returns `Result`: use `.ok_or(...)?` to provide an error "
                                                  "compatible with `{}`", Name(ret)));
    else if (ret && !ret->IsError() && ret->kind != TypeKind::Option)
      ErrorCode(e.name_span, "E0277", fmt::format("the `?` operator can only be used in a function that returns `Result` or "
                                                  "`Option` (this one returns `{}`)", Name(ret)));
    return t->args[0];
  }
  ErrorCode(e.span, "E0277", fmt::format("the `?` operator can only be applied to values that implement `Try`: `{}` "
                                         "is not a `Result` or an `Option`", TypeName(t)));
  return T.Error();
}

TypeRef Checker::CheckBinary(Expr& e, TypeRef expected) {
  BinOp op = e.bin_op;
  bool arith = op == BinOp::Add || op == BinOp::Sub || op == BinOp::Mul || op == BinOp::Div || op == BinOp::Rem ||
               op == BinOp::BitAnd || op == BinOp::BitOr || op == BinOp::BitXor || op == BinOp::Shl || op == BinOp::Shr;
  bool logic = op == BinOp::And || op == BinOp::Or;
  if (logic) {
    TypeRef l = Check(*e.lhs, T.Bool());
    TypeRef r = Check(*e.rhs, T.Bool());
    ExpectType(*e.lhs, l, T.Bool());
    ExpectType(*e.rhs, r, T.Bool());
    return T.Bool();
  }
  bool shift = op == BinOp::Shl || op == BinOp::Shr;
  TypeRef l = Check(*e.lhs, arith && !shift && expected && expected->IsInt() ? expected : nullptr);
  TypeRef lv = StripRef(l);
  TypeRef r = Check(*e.rhs, lv->IsInt() && !shift ? lv : nullptr);
  TypeRef rv = StripRef(r);
  if (lv->IsError() || rv->IsError()) return arith ? (lv->IsError() ? rv : lv) : T.Bool();
  // A variable still open meets an integer: it is one (`let mut n; n = 1; n * 2`).
  if ((lv->kind == TypeKind::Var && rv->IsInt()) || (rv->kind == TypeKind::Var && lv->IsInt())) {
    U(lv, rv);
    lv = rv = StripRef(lv);
  }
  if (arith) {
    if (op == BinOp::Add && lv->kind == TypeKind::String && l->kind == TypeKind::String) {
      if (r->kind == TypeKind::Ref && (R(r->args[0])->kind == TypeKind::Str || R(r->args[0])->kind == TypeKind::String))
        return T.String();
      ErrorCode(e.rhs->span, "E0308", fmt::format("mismatched types: expected `&str`, found `{}` (write `a + &b`)", Name(r)));
      return T.String();
    }
    if (lv->IsInt() && rv->IsInt()) {
      if (!shift && !U(rv, lv)) Mismatch(e.rhs->span, lv, rv);
      return R(lv);
    }
    if (TypeRef t = TimeArith(op, lv, rv, *e.rhs)) return t;  // Duration and Instant (time.cpp)
    if ((op == BinOp::BitAnd || op == BinOp::BitOr || op == BinOp::BitXor) && lv->kind == TypeKind::Bool &&
        rv->kind == TypeKind::Bool)
      return T.Bool();
    ErrorCode(e.name_span.end > e.name_span.begin ? e.name_span : e.span, "E0369",
              fmt::format("cannot apply `{}` to `{}` and `{}`", BinOpText(op), Name(l), Name(r)));
    return T.Error();
  }
  // comparisons
  if (lv->IsInt() && rv->IsInt()) {
    if (!U(rv, lv)) Mismatch(e.rhs->span, lv, rv);
    return T.Bool();
  }
  bool ok = (lv->kind == rv->kind && lv->kind == TypeKind::Bool) ||
            (lv->kind == TypeKind::Char && rv->kind == TypeKind::Char) ||
            ((lv->kind == TypeKind::String || lv->kind == TypeKind::Str) &&
             (rv->kind == TypeKind::String || rv->kind == TypeKind::Str)) ||
            (lv->kind == TypeKind::Duration && rv->kind == TypeKind::Duration) ||
            (IsLibrary(lv, "Instant") && IsLibrary(rv, "Instant"));
  // A type parameter compares as its bounds say (`T: PartialOrd` gives `<`).
  if (lv->kind == TypeKind::Struct && lv->decl && lv->decl->param) {
    bool eq = op == BinOp::Eq || op == BinOp::Ne;
    if (!U(rv, lv)) Mismatch(e.rhs->span, lv, rv);
    else if (!lv->decl->derives.count(eq ? "PartialEq" : "PartialOrd"))
      ErrorCode(e.name_span.end > e.name_span.begin ? e.name_span : e.span, "E0369",
                fmt::format("binary operation `{}` cannot be applied to type `{}`", BinOpText(op), Name(l)));
    return T.Bool();
  }
  if (lv->kind == TypeKind::Struct && lv->decl && !lv->decl->derives.count("PartialEq")) {  // needs the derive
    if (!U(rv, lv)) Mismatch(e.rhs->span, lv, rv);
    else ErrorCode(e.name_span.end > e.name_span.begin ? e.name_span : e.span, "E0369",
                   fmt::format("binary operation `{}` cannot be applied to type `{}`", BinOpText(op), Name(l)));
    return T.Bool();
  }
  if (!ok && (op == BinOp::Eq || op == BinOp::Ne) && lv->kind == rv->kind && !lv->IsFuture() && U(rv, lv)) ok = true;
  if (!ok) {
    if (lv->kind != rv->kind) Mismatch(e.rhs->span, lv, rv);
    else ErrorCode(e.rhs->span, "E0369", fmt::format("cannot compare `{}` with `{}`", Name(l), Name(r)));
  }
  return T.Bool();
}

}  // namespace aws::check
