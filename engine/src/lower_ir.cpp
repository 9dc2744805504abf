// AST -> CFG for one body. Every intermediate value gets a slot, so that liveness across awaits
// sees exactly what a compiler would have to keep (including half-evaluated operands).
#include <fmt/format.h>

#include <set>
#include <string>

#include "awaitscope/library_types.h"
#include "awaitscope/lower.h"

namespace aws {
namespace {

bool IsPlaceExpr(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Path: return e.local >= 0;
    case ExprKind::Field: case ExprKind::TupleField: return IsPlaceExpr(*e.operand) || e.operand->kind == ExprKind::Deref ||
                                                            e.operand->kind == ExprKind::Call || e.operand->kind == ExprKind::MethodCall;
    case ExprKind::Index: return true;
    case ExprKind::Deref: return true;
    default: return false;
  }
}

// Methods whose receiver is taken by value; all others borrow it.
bool TakesSelfByValue(BuiltinId id) {
  switch (id) {
    case BuiltinId::Unwrap: case BuiltinId::Expect: case BuiltinId::UnwrapOr: case BuiltinId::Map:
    case BuiltinId::Then: case BuiltinId::Rev: case BuiltinId::IntoIter: case BuiltinId::IterMap:
    case BuiltinId::Filter: case BuiltinId::Enumerate: case BuiltinId::Zip: case BuiltinId::ResultOk:
    case BuiltinId::Wake: case BuiltinId::WakerFromRaw: case BuiltinId::FuturePoll: case BuiltinId::MapUncheckedMut: case BuiltinId::PinGetMut:
    case BuiltinId::PinGetUncheckedMut:
    case BuiltinId::UnwrapOrElse: case BuiltinId::UnwrapOrDefault: case BuiltinId::OptionMap: case BuiltinId::MapErr:
    case BuiltinId::AndThen: case BuiltinId::OkOr:
    case BuiltinId::BoxPin:  // `future.boxed()`
      return true;
    default:
      return LibraryTakesSelfByValue(id);
  }
}

class IrBuilder {
 public:
  IrBuilder(CheckedProgram& p, int body) : P(p), B(p.bodies[body]) {
    ir_.body = body;
    // Shadowed bindings are distinct variables: the later ones get `y_1`, `y_2`, ... so every
    // field, desugared line and trace value names exactly one of them.
    std::set<std::string> taken, seen;
    for (const LocalVar& v : B.locals) taken.insert(v.name);
    for (size_t i = 0; i < B.locals.size(); ++i) {
      const LocalVar& v = B.locals[i];
      Slot s;
      s.name = v.name;
      if (!seen.insert(v.name).second) {
        for (int k = 1;; ++k) {
          std::string candidate = fmt::format("{}_{}", v.name, k);
          if (taken.insert(candidate).second) {
            s.name = std::move(candidate);
            break;
          }
        }
      }
      s.type = v.type;
      s.local = static_cast<int>(i);
      s.is_param = v.is_param;
      s.is_capture = v.capture_of >= 0;
      s.is_capture_by_ref = s.is_capture && v.capture_by_ref;
      s.span = v.span;
      ir_.slots.push_back(s);
    }
  }

  IrBody Build() {
    cur_ = NewBlock();
    ir_.return_slot = NewTemp(B.output ? B.output : P.types.Unit(), "__ret");
    ir_.slots[ir_.return_slot].is_temp = false;
    const Expr* body = B.block;
    if (body) {
      if (B.kind == BodyKind::Closure && body->kind != ExprKind::Block) {
        LowerInto(*body, Place{ir_.return_slot, {}});
      } else {
        LowerInto(*body, Place{ir_.return_slot, {}});
      }
      Terminate({TermKind::Return, body->span});
    } else {
      Terminate({TermKind::Return, {}});
    }
    return std::move(ir_);
  }

 private:
  // [SECTION] blocks, slots, constants
  int NewBlock() {
    ir_.blocks.emplace_back();
    return static_cast<int>(ir_.blocks.size()) - 1;
  }
  int NewTemp(TypeRef t, std::string name = {}) {
    Slot s;
    s.type = t ? t : P.types.Error();
    s.is_temp = true;
    s.name = name.empty() ? fmt::format("__tmp{}", temp_count_++) : std::move(name);
    ir_.slots.push_back(std::move(s));
    return static_cast<int>(ir_.slots.size()) - 1;
  }
  Operand Const(Constant c) {
    ir_.constants.push_back(std::move(c));
    Operand o;
    o.kind = Operand::Kind::Const;
    o.constant = static_cast<int>(ir_.constants.size()) - 1;
    return o;
  }
  Operand ConstStr(std::string s) {
    Constant c;
    c.kind = Constant::Kind::Str;
    c.str = std::move(s);
    c.type = P.types.Ref(P.types.Str(), false);
    return Const(c);
  }
  Operand ConstUnit() {
    Constant c;
    c.kind = Constant::Kind::Unit;
    c.type = P.types.Unit();
    return Const(c);
  }
  Operand Read(Place pl, TypeRef t) {
    Operand o;
    o.kind = IsCopyType(t) ? Operand::Kind::Copy : Operand::Kind::Move;
    o.place = std::move(pl);
    return o;
  }
  Operand Borrow(Place pl, bool is_mut) {
    Operand o;
    o.kind = Operand::Kind::Ref;
    o.place = std::move(pl);
    o.is_mut = is_mut;
    return o;
  }
  static Place SlotPlace(int s) { return Place{s, {}}; }

  void Emit(Place dst, Rvalue rv, Span span) {
    Statement st;
    st.kind = Statement::Kind::Assign;
    st.dst = std::move(dst);
    st.rv = std::move(rv);
    st.span = span;
    ir_.blocks[cur_].stmts.push_back(std::move(st));
  }
  void EmitEval(Rvalue rv, Span span) {
    Statement st;
    st.kind = Statement::Kind::Eval;
    st.rv = std::move(rv);
    st.span = span;
    ir_.blocks[cur_].stmts.push_back(std::move(st));
  }
  // Ends the current block; emission continues in a fresh (unreachable) block.
  void Terminate(Terminator t) {
    ir_.blocks[cur_].term = std::move(t);
    cur_ = NewBlock();
  }
  void Goto(int target, Span span = {}) {
    Terminator t{TermKind::Goto, span};
    t.target = target;
    ir_.blocks[cur_].term = t;
  }
  void Branch(Operand cond, int yes, int no, Span span) {
    Terminator t{TermKind::Branch, span};
    t.cond = std::move(cond);
    t.target = yes;
    t.else_target = no;
    ir_.blocks[cur_].term = t;
  }

  static Rvalue Use(Operand o) {
    Rvalue rv;
    rv.kind = RvalueKind::Use;
    rv.operands.push_back(std::move(o));
    return rv;
  }

  // [SECTION] expressions
  // Evaluates `e` to an operand. Places are read (copied or moved); everything else lands in a
  // temporary first. The operand keeps `e`'s span for the borrow checker's messages.
  Operand LowerOperand(const Expr& e) {
    Operand o = LowerOperandUnspanned(e);
    if (o.span.begin == 0 && o.span.end == 0) o.span = e.span;
    return o;
  }
  Operand Spanned(Operand o, Span span) {
    o.span = span;
    return o;
  }

  Operand LowerOperandUnspanned(const Expr& e) {
    switch (e.kind) {
      case ExprKind::IntLit: {
        Constant c;
        c.kind = Constant::Kind::Int;
        c.int_value = e.int_value;
        c.type = e.type;
        if (e.type && e.type->kind == TypeKind::RawPtr) c.kind = Constant::Kind::NullPtr;
        return Const(c);
      }
      case ExprKind::StrLit: return ConstStr(e.name);
      case ExprKind::BoolLit: {
        Constant c;
        c.kind = Constant::Kind::Bool;
        c.int_value = e.flag;
        c.type = e.type;
        return Const(c);
      }
      case ExprKind::CharLit: {
        Constant c;
        c.kind = Constant::Kind::Char;
        c.int_value = e.int_value;
        c.str = e.name;
        c.type = e.type;
        return Const(c);
      }
      case ExprKind::Unit: return ConstUnit();
      case ExprKind::Path:
        if (e.local >= 0) return Read(SlotPlace(e.local), e.type);
        if (e.builtin && (e.builtin->id == BuiltinId::None || e.builtin->id == BuiltinId::PollPending)) {
          Constant c;
          c.kind = e.builtin->id == BuiltinId::None ? Constant::Kind::None : Constant::Kind::PollPending;
          c.type = e.type;
          return Const(c);
        }
        if (e.type && e.type->kind == TypeKind::Library && e.type->name == "Ordering") return ConstUnit();  // atomics'
        if (e.builtin && e.builtin->id == BuiltinId::IoErrorKindConst) {  // `ErrorKind::WouldBlock`: a call of no arguments
          int t = NewTemp(e.type);
          Rvalue rv;
          rv.kind = RvalueKind::Call;
          rv.builtin = e.builtin;
          Emit(SlotPlace(t), std::move(rv), e.span);
          return Read(SlotPlace(t), e.type);
        }
        if (e.type && e.type->kind == TypeKind::PhantomPinned) {
          Constant c;
          c.kind = Constant::Kind::PhantomPinned;
          c.type = e.type;
          return Const(c);
        }
        if (e.fn && e.type && e.type->kind == TypeKind::Closure) {  // a function as a value (a vtable's)
          int t = NewTemp(e.type);
          Rvalue rv;
          rv.kind = RvalueKind::Closure;
          rv.body = P.fn_body.at(e.fn);
          Emit(SlotPlace(t), std::move(rv), e.span);
          return Read(SlotPlace(t), e.type);
        }
        if (e.type && e.type->kind == TypeKind::Struct) {  // a unit struct: `Marker`
          int t = NewTemp(e.type);
          Rvalue rv = Aggregate(AggregateKind::Struct, {});
          rv.struct_decl = e.type->decl;
          Emit(SlotPlace(t), std::move(rv), e.span);
          return Read(SlotPlace(t), e.type);
        }
        // Nothing else names a value. (The checker marks a body using a name it could not
        // resolve as bad, so it is not lowered; the value below only keeps a broken invariant
        // from turning into endless recursion through LowerInto.)
        return ConstUnit();
      case ExprKind::Ref: {
        if (IsPlaceExpr(*e.operand)) return Borrow(LowerPlace(*e.operand), e.flag);
        int t = NewTemp(e.operand->type);
        LowerInto(*e.operand, SlotPlace(t));
        return Borrow(SlotPlace(t), e.flag);
      }
      default:
        if (IsPlaceExpr(e)) return Read(LowerPlace(e), e.type);
        break;
    }
    int t = NewTemp(e.type);
    LowerInto(e, SlotPlace(t));
    return Read(SlotPlace(t), e.type);
  }

  // A place for a place expression; other expressions are evaluated into a temporary.
  Place LowerPlace(const Expr& e) {
    switch (e.kind) {
      case ExprKind::Path:
        if (e.local >= 0) return SlotPlace(e.local);
        break;
      case ExprKind::Field: {
        Place base = LowerPlace(*e.operand);
        AutoDerefPlace(base, e.operand->type);
        base.proj.push_back({Projection::Kind::Field, e.name, 0, -1});
        return base;
      }
      case ExprKind::TupleField: {
        Place base = LowerPlace(*e.operand);
        AutoDerefPlace(base, e.operand->type);
        base.proj.push_back({Projection::Kind::TupleIndex, "", e.tuple_index, -1});
        return base;
      }
      case ExprKind::Index: {
        Place base = LowerPlace(*e.lhs);
        AutoDerefPlace(base, e.lhs->type);
        Operand idx = LowerOperand(*e.rhs);
        int idx_slot;
        if (idx.kind == Operand::Kind::Copy && idx.place.IsWholeSlot()) {
          idx_slot = idx.place.slot;
        } else {
          idx_slot = NewTemp(P.types.Int(IntKind::Usize));
          Emit(SlotPlace(idx_slot), Use(idx), e.rhs->span);
        }
        base.proj.push_back({Projection::Kind::Index, "", 0, idx_slot});
        return base;
      }
      case ExprKind::Deref: {
        Place base = LowerPlace(*e.operand);
        base.proj.push_back({Projection::Kind::Deref, "", 0, -1});
        return base;
      }
      default: break;
    }
    int t = NewTemp(e.type);
    LowerInto(e, SlotPlace(t));
    return SlotPlace(t);
  }

  void AutoDerefPlace(Place& pl, TypeRef t) {
    while (t && (t->kind == TypeKind::Ref || t->kind == TypeKind::Box || t->kind == TypeKind::Pin || IsLibraryPointer(t))) {
      if (t->kind == TypeKind::Pin) {
        t = t->args[0];
        continue;
      }
      pl.proj.push_back({Projection::Kind::Deref, "", 0, -1});
      t = t->args[0];
    }
  }

  Rvalue Aggregate(AggregateKind k, std::vector<Operand> ops) {
    Rvalue rv;
    rv.kind = RvalueKind::Aggregate;
    rv.agg = k;
    rv.operands = std::move(ops);
    return rv;
  }

  // Evaluates `e` and stores its value into `dst`.
  void LowerInto(const Expr& e, Place dst) {
    Span sp = e.span;
    switch (e.kind) {
      case ExprKind::Array: case ExprKind::Tuple: case ExprKind::VecMacro: {
        if (e.kind == ExprKind::VecMacro && e.flag) {
          const Expr& r = *e.args[0];
          std::vector<Operand> ops{LowerOperand(*r.lhs), LowerOperand(*r.rhs)};
          Emit(dst, Aggregate(AggregateKind::VecRepeat, std::move(ops)), sp);
          return;
        }
        std::vector<Operand> ops;
        for (const auto& a : e.args) ops.push_back(LowerOperand(*a));
        AggregateKind k = e.kind == ExprKind::Array ? AggregateKind::Array : e.kind == ExprKind::Tuple ? AggregateKind::Tuple : AggregateKind::Vec;
        Emit(dst, Aggregate(k, std::move(ops)), sp);
        return;
      }
      case ExprKind::ArrayRepeat: {
        Rvalue rv = Aggregate(AggregateKind::ArrayRepeat, {LowerOperand(*e.lhs)});
        rv.count = e.rhs->int_value;
        Emit(dst, std::move(rv), sp);
        return;
      }
      case ExprKind::StructLit: {
        Rvalue rv = Aggregate(e.variant >= 0 ? AggregateKind::Variant : AggregateKind::Struct, {});
        rv.struct_decl = e.struct_decl;
        rv.variant = e.variant;
        for (const FieldInit& f : e.fields) {
          rv.operands.push_back(LowerOperand(*f.value));
          rv.names.push_back(f.name);
        }
        Emit(dst, std::move(rv), sp);
        return;
      }
      case ExprKind::Call: return LowerCall(e, dst);
      case ExprKind::MethodCall: return LowerMethod(e, dst);
      case ExprKind::MacroCall: return LowerMacro(e, dst);
      case ExprKind::Unary: {
        Rvalue rv;
        rv.kind = RvalueKind::Unary;
        rv.un_op = e.un_op;
        rv.operands.push_back(LowerOperand(*e.operand));
        Emit(dst, std::move(rv), sp);
        return;
      }
      case ExprKind::Binary: {
        if (e.bin_op == BinOp::And || e.bin_op == BinOp::Or) {
          // Short circuit: evaluate the right side only when it decides the result.
          Operand l = LowerOperand(*e.lhs);
          int rhs_bb = NewBlock(), short_bb = NewBlock(), join = NewBlock();
          if (e.bin_op == BinOp::And) Branch(l, rhs_bb, short_bb, e.lhs->span);
          else Branch(l, short_bb, rhs_bb, e.lhs->span);
          cur_ = short_bb;
          Constant c;
          c.kind = Constant::Kind::Bool;
          c.int_value = e.bin_op == BinOp::Or;
          c.type = P.types.Bool();
          Emit(dst, Use(Const(c)), sp);
          Goto(join);
          cur_ = rhs_bb;
          LowerInto(*e.rhs, dst);
          Goto(join);
          cur_ = join;
          return;
        }
        Rvalue rv;
        rv.kind = RvalueKind::Binary;
        rv.bin_op = e.bin_op;
        Operand l = LowerOperand(*e.lhs);
        Operand r = LowerOperand(*e.rhs);
        rv.operands = {l, r};
        Emit(dst, std::move(rv), sp);
        return;
      }
      case ExprKind::Assign: {
        Operand v = LowerOperand(*e.rhs);
        Place pl = LowerPlace(*e.lhs);
        Emit(pl, Use(v), sp);
        Emit(dst, Use(ConstUnit()), sp);
        return;
      }
      case ExprKind::CompoundAssign: {
        Operand v = LowerOperand(*e.rhs);
        Place pl = LowerPlace(*e.lhs);
        Rvalue rv;
        rv.kind = RvalueKind::Binary;
        rv.bin_op = e.bin_op;
        rv.operands = {Spanned(Read(pl, e.lhs->type), e.lhs->span), v};
        Emit(pl, std::move(rv), sp);
        Emit(dst, Use(ConstUnit()), sp);
        return;
      }
      case ExprKind::Cast: {
        Rvalue rv;
        rv.kind = RvalueKind::Cast;
        rv.operands.push_back(LowerOperand(*e.operand));
        Emit(dst, std::move(rv), sp);
        return;
      }
      case ExprKind::Range: {
        std::vector<Operand> ops;
        Constant zero;
        zero.kind = Constant::Kind::Int;
        zero.type = e.type ? e.type->args[0] : P.types.Int(IntKind::Usize);
        ops.push_back(e.lhs ? LowerOperand(*e.lhs) : Const(zero));
        if (e.rhs) ops.push_back(LowerOperand(*e.rhs));
        Emit(dst, Aggregate(e.flag ? AggregateKind::RangeInclusive : AggregateKind::Range, std::move(ops)), sp);
        return;
      }
      case ExprKind::Await: return LowerAwait(e, dst);
      case ExprKind::Try: return LowerTry(e, dst);
      case ExprKind::Block: case ExprKind::Unsafe: return LowerBlock(e, dst);
      case ExprKind::If: {
        Operand c = LowerOperand(*e.cond);
        int then_bb = NewBlock(), else_bb = NewBlock(), join = NewBlock();
        Branch(c, then_bb, else_bb, e.cond->span);
        ir_.blocks[cur_].term.is_condition = true;
        cur_ = then_bb;
        return LowerArms(e, dst, else_bb, join);
      }
      case ExprKind::IfLet: {
        Place scrut = ScrutineePlace(*e.operand);
        int else_bb = NewBlock(), join = NewBlock();
        LowerPattern(*e.pat, scrut, e.operand->type, else_bb);
        return LowerArms(e, dst, else_bb, join);
      }
      case ExprKind::Match: {
        Place scrut = ScrutineePlace(*e.operand);
        int join = NewBlock();
        for (const MatchArm& arm : e.arms) {
          int next = NewBlock();
          LowerPattern(*arm.pat, scrut, e.operand->type, next);
          if (arm.guard) {
            Operand g = LowerOperand(*arm.guard);
            int ok = NewBlock();
            Branch(g, ok, next, arm.guard->span);
            cur_ = ok;
          }
          LowerInto(*arm.body, dst);
          // The arm's bindings go at its end (`Ok(mut v) => ..` gives a RefCell's borrow back there).
          std::vector<int> bound;
          CollectBindings(*arm.pat, bound);
          if (!bound.empty()) {
            ScopeEnd end;
            end.block = cur_;
            end.stmt = ir_.blocks[cur_].stmts.size();
            end.slots = std::move(bound);
            end.span = Span{arm.body->span.end > 0 ? arm.body->span.end - 1 : 0, arm.body->span.end};
            ir_.scope_ends.push_back(std::move(end));
          }
          Goto(join);
          cur_ = next;
        }
        Terminator t{TermKind::Unreachable, sp};
        ir_.blocks[cur_].term = t;
        cur_ = join;
        return;
      }
      case ExprKind::Loop: {
        int head = NewBlock(), exit = NewBlock();
        Goto(head);
        cur_ = head;
        loops_.push_back({exit, head, dst});
        LowerDiscard(*e.body);
        loops_.pop_back();
        Goto(head);
        cur_ = exit;
        return;
      }
      case ExprKind::While: {
        int head = NewBlock(), body = NewBlock(), exit = NewBlock();
        Goto(head);
        cur_ = head;
        Operand c = LowerOperand(*e.cond);
        Branch(c, body, exit, e.cond->span);
        ir_.blocks[cur_].term.is_condition = true;
        cur_ = body;
        loops_.push_back({exit, head, Place{}});
        LowerDiscard(*e.body);
        loops_.pop_back();
        Goto(head);
        cur_ = exit;
        Emit(dst, Use(ConstUnit()), sp);
        return;
      }
      case ExprKind::WhileLet: {
        int head = NewBlock(), exit = NewBlock();
        Goto(head);
        cur_ = head;
        Place scrut = ScrutineePlace(*e.operand);
        LowerPattern(*e.pat, scrut, e.operand->type, exit);
        loops_.push_back({exit, head, Place{}});
        LowerDiscard(*e.body);
        loops_.pop_back();
        // The pattern's bindings go at the end of each turn (the `task` of `while let Ok(task) =
        // rx.recv()` drops its Arc before the next `recv`).
        std::vector<int> bound;
        CollectBindings(*e.pat, bound);
        if (!bound.empty()) {
          ScopeEnd end;
          end.block = cur_;
          end.stmt = ir_.blocks[cur_].stmts.size();
          end.slots = std::move(bound);
          end.span = Span{e.body->span.end > 0 ? e.body->span.end - 1 : 0, e.body->span.end};
          ir_.scope_ends.push_back(std::move(end));
        }
        Goto(head);
        cur_ = exit;
        Emit(dst, Use(ConstUnit()), sp);
        return;
      }
      case ExprKind::For: {
        Rvalue into;
        into.kind = RvalueKind::IntoIter;
        into.operands.push_back(LowerOperand(*e.operand));
        Emit(SlotPlace(e.local), std::move(into), e.operand->span);
        int head = NewBlock(), body = NewBlock(), exit = NewBlock();
        Goto(head);
        cur_ = head;
        // An iterator of an unresolved type (an error in the signature) yields error values.
        TypeRef iter_t = ir_.slots[e.local].type;
        TypeRef item_t = iter_t && !iter_t->args.empty() ? iter_t->args[0] : P.types.Error();
        int item = NewTemp(item_t);
        Terminator t{TermKind::IterNext, e.operand->span};
        t.iter = e.local;
        t.dst = SlotPlace(item);
        t.target = body;
        t.else_target = exit;
        ir_.blocks[cur_].term = t;
        cur_ = body;
        int never = NewBlock();  // an irrefutable pattern never fails
        LowerPattern(*e.pat, SlotPlace(item), item_t, never);
        loops_.push_back({exit, head, Place{}});
        LowerDiscard(*e.body);
        loops_.pop_back();
        Goto(head);
        cur_ = exit;
        Emit(dst, Use(ConstUnit()), sp);
        return;
      }
      case ExprKind::Break: {
        if (loops_.empty()) return;
        LoopTargets lt = loops_.back();
        if (e.operand && lt.value.slot >= 0) LowerInto(*e.operand, lt.value);
        else if (lt.value.slot >= 0) Emit(lt.value, Use(ConstUnit()), sp);
        Goto(lt.break_bb, sp);
        cur_ = NewBlock();
        return;
      }
      case ExprKind::Continue: {
        if (loops_.empty()) return;
        Goto(loops_.back().continue_bb, sp);
        cur_ = NewBlock();
        return;
      }
      case ExprKind::Return: {
        if (e.operand) LowerInto(*e.operand, SlotPlace(ir_.return_slot));
        else Emit(SlotPlace(ir_.return_slot), Use(ConstUnit()), sp);
        Terminate({TermKind::Return, sp});
        return;
      }
      case ExprKind::Closure: case ExprKind::AsyncBlock: {
        Rvalue rv;
        rv.kind = e.kind == ExprKind::Closure ? RvalueKind::Closure : RvalueKind::AsyncBlock;
        rv.body = e.async_block;
        if (rv.body >= 0) {
          for (const LocalVar& v : P.bodies[rv.body].locals) {
            if (v.capture_of < 0) continue;
            Place pl = SlotPlace(v.capture_of);
            rv.operands.push_back(Spanned(v.capture_by_ref ? Borrow(pl, false) : Read(pl, v.type), e.span));
          }
        }
        Emit(dst, std::move(rv), sp);
        return;
      }
      case ExprKind::Ref: {
        Emit(dst, Use(LowerOperand(e)), sp);
        return;
      }
      default: {
        Operand o = LowerOperand(e);
        Emit(dst, Use(o), sp);
        return;
      }
    }
  }

  // The two arms of an `if` / `if let`, emission starting in the then-arm; both meet at `join`.
  void LowerArms(const Expr& e, const Place& dst, int else_bb, int join) {
    LowerInto(*e.body, dst);
    Goto(join);
    cur_ = else_bb;
    if (e.else_) LowerInto(*e.else_, dst);
    else Emit(dst, Use(ConstUnit()), e.span);
    Goto(join);
    cur_ = join;
  }

  // A statement-position expression whose value is not used.
  void LowerDiscard(const Expr& e) {
    int t = NewTemp(e.type ? e.type : P.types.Unit());
    LowerInto(e, SlotPlace(t));
  }

  Place ScrutineePlace(const Expr& e) {
    if (IsPlaceExpr(e)) return LowerPlace(e);
    int t = NewTemp(e.type);
    LowerInto(e, SlotPlace(t));
    return SlotPlace(t);
  }

  void LowerBlock(const Expr& b, Place dst) {
    std::vector<int> bound;  // the block's `let` bindings, out of scope at its `}`
    for (const StmtPtr& s : b.stmts) {
      const size_t first_temp = ir_.slots.size();
      if (s->kind == Stmt::Kind::Let) CollectBindings(*s->pat, bound);
      LowerStatement(*s);
      // A statement's temporaries are dropped at its end, except the one a `let x = &temp;`
      // borrows (temporary lifetime extension).
      if (s->kind == Stmt::Kind::Let && s->init && s->init->kind == ExprKind::Ref) continue;
      ScopeEnd end;
      end.block = cur_;
      end.stmt = ir_.blocks[cur_].stmts.size();
      for (size_t t = first_temp; t < ir_.slots.size(); ++t)
        if (ir_.slots[t].is_temp) end.slots.push_back(static_cast<int>(t));
      end.span = Span{s->span.end > 0 ? s->span.end - 1 : 0, s->span.end};
      end.temporaries = true;
      if (!end.slots.empty()) ir_.scope_ends.push_back(std::move(end));
    }
    if (b.tail) LowerInto(*b.tail, dst);
    else Emit(dst, Use(ConstUnit()), b.span);
    if (!bound.empty()) {
      ScopeEnd end;
      end.block = cur_;
      end.stmt = ir_.blocks[cur_].stmts.size();
      end.slots = std::move(bound);
      end.span = Span{b.span.end > 0 ? b.span.end - 1 : 0, b.span.end};
      ir_.scope_ends.push_back(std::move(end));
    }
  }

  static void CollectBindings(const Pattern& p, std::vector<int>& out) {
    if (p.kind == Pattern::Kind::Bind && p.local >= 0) out.push_back(p.local);
    for (const PatternPtr& sub : p.subs) CollectBindings(*sub, out);
  }

  void LowerStatement(const Stmt& s) {
    if (s.kind == Stmt::Kind::Expr) {
      LowerDiscard(*s.init);
      return;
    }
    if (s.kind != Stmt::Kind::Let || !s.init) return;
    if (s.pat->kind == Pattern::Kind::Bind) {
      LowerInto(*s.init, SlotPlace(s.pat->local));
    } else {
      Place v = ScrutineePlace(*s.init);
      int never = NewBlock();
      LowerPattern(*s.pat, v, s.init->type, never);
    }
  }

  void LowerAwait(const Expr& e, Place dst) {
    Operand fut = LowerOperand(*e.operand);
    int awaitee = NewTemp(e.operand->type, fmt::format("__awaitee{}", await_count_));
    ir_.slots[awaitee].is_awaitee = true;
    Emit(SlotPlace(awaitee), Use(fut), e.operand->span);
    int resume = NewBlock();
    Terminator t{TermKind::Await, e.name_span};
    t.awaitee = awaitee;
    t.dst = dst;
    t.target = resume;
    t.await_index = await_count_++;
    t.await_expr = &e;
    ir_.await_blocks.push_back(cur_);
    ir_.blocks[cur_].term = t;
    cur_ = resume;
  }

  void LowerTry(const Expr& e, Place dst) {
    Place v = ScrutineePlace(*e.operand);
    TypeRef t = e.operand->type;
    bool is_result = t && t->kind == TypeKind::Result;
    int ok_bb = NewBlock(), err_bb = NewBlock();
    int test = NewTemp(P.types.Bool());
    Rvalue rv;
    rv.kind = RvalueKind::IsVariant;
    rv.operands.push_back(Borrow(v, false));
    rv.names.push_back(is_result ? "Ok" : "Some");
    Emit(SlotPlace(test), std::move(rv), e.name_span);
    Branch(Read(SlotPlace(test), P.types.Bool()), ok_bb, err_bb, e.name_span);
    {
      std::string what(P.source->Slice(e.operand->span));
      if (what.size() > 60) what = what.substr(0, 57) + "...";
      Terminator& t = ir_.blocks[cur_].term;
      t.when_true = fmt::format("{} is {}", what, is_result ? "Ok" : "Some");
      t.when_false = fmt::format("{} is {}: `?` returns early", what, is_result ? "Err" : "None");
    }
    cur_ = err_bb;
    if (is_result) {
      Place err = v;
      err.proj.push_back({Projection::Kind::VariantField, "Err", 0, -1});
      Emit(SlotPlace(ir_.return_slot), Aggregate(AggregateKind::Err, {Read(err, t->args[1])}), e.name_span);
    } else {
      Constant c;
      c.kind = Constant::Kind::None;
      c.type = B.output;
      Emit(SlotPlace(ir_.return_slot), Use(Const(c)), e.name_span);
    }
    Terminate({TermKind::Return, e.name_span});
    cur_ = ok_bb;
    Place ok = v;
    ok.proj.push_back({Projection::Kind::VariantField, is_result ? "Ok" : "Some", 0, -1});
    Emit(dst, Use(Read(ok, e.type)), e.span);
  }

  // Tests `p` against the value at `pl`; jumps to `fail` when it does not match and binds the
  // pattern's variables when it does (emission continues on the success path).
  void LowerPattern(const Pattern& p, Place pl, TypeRef t, int fail) {
    bool via_ref = false, all_mut = true;  // a braced struct pattern's binding mode (check/tuple_structs.cpp)
    while (t && t->kind == TypeKind::Ref && p.kind != Pattern::Kind::Bind && p.kind != Pattern::Kind::Wild) {
      pl.proj.push_back({Projection::Kind::Deref, "", 0, -1});
      via_ref = true;
      all_mut = all_mut && t->is_mut;
      t = t->args[0];
    }
    if (p.variant >= 0 && p.struct_decl) {  // `E::B(x)`, `E::C { x, .. }`: the variant, then its fields
      const VariantDecl& var = p.struct_decl->variants[p.variant];
      if (p.struct_decl->variants.size() > 1) {
        int test = NewTemp(P.types.Bool());
        Rvalue rv;
        rv.kind = RvalueKind::IsVariant;
        rv.operands.push_back(Borrow(pl, false));
        rv.names.push_back(var.name);
        Emit(SlotPlace(test), std::move(rv), p.span);
        int ok = NewBlock();
        Branch(Read(SlotPlace(test), P.types.Bool()), ok, fail, p.span);
        cur_ = ok;
      }
      for (size_t i = 0; i < p.subs.size(); ++i) {
        const Pattern& sub = *p.subs[i];
        uint32_t k = static_cast<uint32_t>(i);
        if (p.kind == Pattern::Kind::Struct)
          for (size_t j = 0; j < var.num_fields; ++j)
            if (p.struct_decl->fields[var.first_field + j].name == p.field_names[i]) k = static_cast<uint32_t>(j);
        Place field = pl;
        field.proj.push_back({Projection::Kind::VariantField, var.name, k, -1});
        if (via_ref && sub.kind == Pattern::Kind::Bind) {  // bound by reference to the field
          if (sub.local >= 0) Emit(SlotPlace(sub.local), Use(Spanned(Borrow(field, all_mut), sub.span)), sub.span);
          continue;
        }
        LowerPattern(sub, field, sub.type, fail);
      }
      return;
    }
    switch (p.kind) {
      case Pattern::Kind::Struct:  // `Task { id, .. }`: the named fields (nothing to test)
        for (size_t i = 0; i < p.subs.size(); ++i) {
          const Pattern& sub = *p.subs[i];
          Place field = pl;
          field.proj.push_back({Projection::Kind::Field, p.field_names[i], 0, -1});
          if (via_ref && sub.kind == Pattern::Kind::Bind) {  // bound by reference: `&mut (*self).tasks`
            if (sub.local >= 0) Emit(SlotPlace(sub.local), Use(Spanned(Borrow(field, all_mut), sub.span)), sub.span);
            continue;
          }
          LowerPattern(sub, field, sub.type, fail);
        }
        return;
      case Pattern::Kind::Wild: return;
      case Pattern::Kind::Bind:
        if (p.local >= 0) Emit(SlotPlace(p.local), Use(Spanned(Read(pl, t), p.span)), p.span);
        return;
      case Pattern::Kind::Lit: {
        int test = NewTemp(P.types.Bool());
        Rvalue rv;
        rv.kind = RvalueKind::Binary;
        rv.bin_op = BinOp::Eq;
        rv.operands = {Read(pl, t), LowerOperand(*p.lit)};
        Emit(SlotPlace(test), std::move(rv), p.span);
        int ok = NewBlock();
        Branch(Read(SlotPlace(test), P.types.Bool()), ok, fail, p.span);
        cur_ = ok;
        return;
      }
      case Pattern::Kind::Tuple:
        for (size_t i = 0; i < p.subs.size(); ++i) {
          Place sub = pl;
          sub.proj.push_back({Projection::Kind::TupleIndex, "", static_cast<uint32_t>(i), -1});
          LowerPattern(*p.subs[i], sub, t && t->kind == TypeKind::Tuple && i < t->args.size() ? t->args[i] : nullptr, fail);
        }
        return;
      case Pattern::Kind::Path: {
        if (p.struct_decl) {  // `TaskId(n)`: the struct's fields `0`, `1`, .. (nothing to test)
          for (size_t i = 0; i < p.subs.size(); ++i) {
            Place sub = pl;
            sub.proj.push_back({Projection::Kind::Field, std::to_string(i), 0, -1});
            LowerPattern(*p.subs[i], sub, p.subs[i]->type, fail);
          }
          return;
        }
        int test = NewTemp(P.types.Bool());
        Rvalue rv;
        rv.kind = RvalueKind::IsVariant;
        rv.operands.push_back(Borrow(pl, false));
        rv.names.push_back(p.name);
        Emit(SlotPlace(test), std::move(rv), p.span);
        int ok = NewBlock();
        Branch(Read(SlotPlace(test), P.types.Bool()), ok, fail, p.span);
        cur_ = ok;
        for (size_t i = 0; i < p.subs.size(); ++i) {
          Place sub = pl;
          sub.proj.push_back({Projection::Kind::VariantField, p.name, static_cast<uint32_t>(i), -1});
          TypeRef st = p.subs[i]->type;
          LowerPattern(*p.subs[i], sub, st, fail);
        }
        return;
      }
    }
  }

  // [SECTION] calls
  // A `&mut` passed to a call is reborrowed (`&mut *r`), as rustc does where the parameter's type
  // is a `&mut`: the caller's reference stays usable, so it is read, not moved out.
  Operand Reborrowed(Operand o, TypeRef t) {
    if (o.kind == Operand::Kind::Move && t && t->kind == TypeKind::Ref && t->is_mut) o.kind = Operand::Kind::Copy;
    return o;
  }

  void LowerCall(const Expr& e, Place dst) {
    Span sp = e.span;
    std::vector<Operand> args;
    for (const auto& a : e.args) args.push_back(Reborrowed(LowerOperand(*a), a->type));
    if (e.builtin) {
      switch (e.builtin->id) {
        case BuiltinId::Some: Emit(dst, Aggregate(AggregateKind::Some, std::move(args)), sp); return;
        case BuiltinId::Ok: Emit(dst, Aggregate(AggregateKind::Ok, std::move(args)), sp); return;
        case BuiltinId::Err: Emit(dst, Aggregate(AggregateKind::Err, std::move(args)), sp); return;
        case BuiltinId::PollReady: Emit(dst, Aggregate(AggregateKind::PollReady, std::move(args)), sp); return;
        case BuiltinId::EitherLeft: case BuiltinId::EitherRight: Emit(dst, Use(args[0]), sp); return;
        default: break;
      }
    }
    if (e.operand && e.operand->local >= 0) {  // calling a closure held in a variable
      Rvalue rv;
      rv.kind = RvalueKind::Call;
      rv.operands.push_back(Spanned(Borrow(SlotPlace(e.operand->local), false), e.operand->span));
      for (auto& a : args) rv.operands.push_back(a);
      Emit(dst, std::move(rv), sp);
      return;
    }
    Rvalue rv;
    rv.kind = RvalueKind::Call;
    rv.fn = e.fn;
    rv.builtin = e.builtin;
    rv.op = e.op;
    rv.operands = std::move(args);
    Emit(dst, std::move(rv), sp);
  }

  void LowerMethod(const Expr& e, Place dst) {
    Rvalue rv;
    rv.kind = RvalueKind::Call;
    rv.builtin = e.builtin;
    rv.op = e.op;
    const Expr& recv = *e.operand;
    bool by_value = e.builtin && TakesSelfByValue(e.builtin->id);
    if (e.op >= 0) by_value = true;
    if (e.builtin && e.builtin->id == BuiltinId::OptionFilter && !(recv.type && recv.type->kind == TypeKind::Ref)) {
      // `Option::filter(self, ..)` moves the option into a temporary, whose payload the closure
      // sees by reference before it is moved out (or dropped).
      int t = NewTemp(recv.type);
      LowerInto(recv, SlotPlace(t));
      rv.operands.push_back(Spanned(Borrow(SlotPlace(t), true), recv.span));
    } else if (by_value || (recv.type && recv.type->kind == TypeKind::Ref)) {
      rv.operands.push_back(Reborrowed(LowerOperand(recv), recv.type));
    } else if (IsPlaceExpr(recv)) {
      bool mut = e.builtin && (e.builtin->id == BuiltinId::Push || e.builtin->id == BuiltinId::PushStr ||
                               e.builtin->id == BuiltinId::Pop || e.builtin->id == BuiltinId::StreamNext ||
                               e.builtin->id == BuiltinId::ScriptStreamNext ||
                               e.builtin->id == BuiltinId::AsMut || e.builtin->id == BuiltinId::Next ||
                               e.builtin->id == BuiltinId::Any || e.builtin->id == BuiltinId::All ||
                               e.builtin->id == BuiltinId::IterMut || e.builtin->id == BuiltinId::Take ||
                               e.builtin->id == BuiltinId::Replace || e.builtin->id == BuiltinId::OptionAsMut ||
                               e.builtin->id == BuiltinId::GetOrInsertWith ||
                               LibraryMutatesReceiver(e.builtin->id));
      rv.operands.push_back(Spanned(Borrow(LowerPlace(recv), mut), recv.span));
    } else {
      int t = NewTemp(recv.type);
      LowerInto(recv, SlotPlace(t));
      rv.operands.push_back(Spanned(Borrow(SlotPlace(t), false), recv.span));
    }
    for (const auto& a : e.args) rv.operands.push_back(Reborrowed(LowerOperand(*a), a->type));
    if (e.builtin && (e.builtin->id == BuiltinId::UnwrapOrDefault || e.builtin->id == BuiltinId::CellTake))
      rv.operands.push_back(DefaultOf(e.type, e.span));
    // A RefCell's borrow panics where rustc's `#[track_caller]` puts it: at the method's name.
    const bool at_name = e.builtin && (e.builtin->id == BuiltinId::RefCellBorrow || e.builtin->id == BuiltinId::RefCellBorrowMut ||
                                       e.builtin->id == BuiltinId::CellReplace || e.builtin->id == BuiltinId::CellTake);
    Emit(dst, std::move(rv), at_name ? e.name_span : e.span);
  }

  // `Default::default()` of the types that have it (the checker allows `unwrap_or_default` only on
  // those): the extra operand of `unwrap_or_default`.
  Operand DefaultOf(TypeRef t, Span at) {
    Constant c;
    c.type = t;
    switch (t ? t->kind : TypeKind::Unit) {
      case TypeKind::Int: c.kind = Constant::Kind::Int; break;
      case TypeKind::Bool: c.kind = Constant::Kind::Bool; break;
      case TypeKind::Char: c.kind = Constant::Kind::Char; break;
      case TypeKind::String: c.kind = Constant::Kind::Str; break;
      case TypeKind::Option: c.kind = Constant::Kind::None; break;
      case TypeKind::Vec: {
        int tmp = NewTemp(t);
        Emit(SlotPlace(tmp), Aggregate(AggregateKind::Vec, {}), at);
        return Read(SlotPlace(tmp), t);
      }
      default: c.kind = Constant::Kind::Unit; break;
    }
    return Const(c);
  }

  void LowerMacro(const Expr& e, Place dst) {
    const std::string& n = e.name;
    Span sp = e.span;
    if (n == "assert" || n == "assert_eq") {
      Operand cond;
      if (n == "assert") {
        cond = LowerOperand(*e.args[0]);
      } else {
        Rvalue rv;
        rv.kind = RvalueKind::Binary;
        rv.bin_op = BinOp::Eq;
        rv.operands = {LowerOperand(*e.args[0]), LowerOperand(*e.args[1])};
        int t = NewTemp(P.types.Bool());
        Emit(SlotPlace(t), std::move(rv), sp);
        cond = Read(SlotPlace(t), P.types.Bool());
      }
      int ok = NewBlock(), bad = NewBlock();
      Branch(cond, ok, bad, sp);
      cur_ = bad;
      Terminator t{TermKind::Panic, sp};
      t.message = fmt::format("assertion failed: {}", P.source->Slice(e.args[0]->span));
      ir_.blocks[cur_].term = t;
      cur_ = ok;
      Emit(dst, Use(ConstUnit()), sp);
      return;
    }
    Rvalue rv;
    rv.kind = RvalueKind::Format;
    rv.macro = n;
    if (!e.args.empty()) {
      Constant c;
      c.kind = Constant::Kind::Str;
      c.str = e.args[0]->name;
      ir_.constants.push_back(c);
      rv.format_constant = static_cast<int>(ir_.constants.size()) - 1;
      for (size_t i = 1; i < e.args.size(); ++i) {
        const Expr& a = *e.args[i];
        if (!IsPlaceExpr(a) && a.type && a.type->kind == TypeKind::Library) {
          // `println!("{:?}", cell.borrow())`: format_args! borrows its arguments, so a guard made
          // there stays in its temporary, to be dropped (its borrow given back) at the statement's end.
          int t = NewTemp(a.type);
          LowerInto(a, SlotPlace(t));
          rv.operands.push_back(Spanned(Borrow(SlotPlace(t), false), a.span));
          continue;
        }
        rv.operands.push_back(IsPlaceExpr(a) ? Spanned(Borrow(LowerPlace(a), false), a.span) : LowerOperand(a));
      }
    }
    if (n == "panic") {
      int msg = NewTemp(P.types.String());
      Emit(SlotPlace(msg), std::move(rv), sp);
      Terminator t{TermKind::Panic, sp};
      t.cond = Read(SlotPlace(msg), P.types.String());
      Terminate(t);
      return;
    }
    if (n == "format") {
      Emit(dst, std::move(rv), sp);
      return;
    }
    EmitEval(std::move(rv), sp);
    Emit(dst, Use(ConstUnit()), sp);
  }

  struct LoopTargets {
    int break_bb;
    int continue_bb;
    Place value;
  };

  CheckedProgram& P;
  const Body& B;
  IrBody ir_;
  int cur_ = 0;
  int temp_count_ = 0;
  int await_count_ = 0;
  std::vector<LoopTargets> loops_;
};

std::string PlaceText(const IrBody& ir, const Place& p) {
  std::string s = p.slot >= 0 && p.slot < int(ir.slots.size()) ? ir.slots[p.slot].name : "?";
  for (const Projection& pr : p.proj) {
    switch (pr.kind) {
      case Projection::Kind::Field: s += "." + pr.name; break;
      case Projection::Kind::TupleIndex: s += fmt::format(".{}", pr.index); break;
      case Projection::Kind::Index: s += fmt::format("[{}]", ir.slots[pr.index_slot].name); break;
      case Projection::Kind::Deref: s = "(*" + s + ")"; break;
      case Projection::Kind::VariantField: s = fmt::format("({} as {}).{}", s, pr.name, pr.index); break;
    }
  }
  return s;
}

std::string OperandText(const IrBody& ir, const Operand& o) {
  switch (o.kind) {
    case Operand::Kind::Copy: return "copy " + PlaceText(ir, o.place);
    case Operand::Kind::Move: return "move " + PlaceText(ir, o.place);
    case Operand::Kind::Ref: return (o.is_mut ? "&mut " : "&") + PlaceText(ir, o.place);
    case Operand::Kind::Const: {
      const Constant& c = ir.constants[o.constant];
      switch (c.kind) {
        case Constant::Kind::Unit: return "()";
        case Constant::Kind::Int: return fmt::format("{}", c.int_value);
        case Constant::Kind::Bool: return c.int_value ? "true" : "false";
        case Constant::Kind::Char: return fmt::format("'{}'", c.str);
        case Constant::Kind::Str: return fmt::format("{:?}", c.str);
        case Constant::Kind::None: return "None";
        case Constant::Kind::PollPending: return "Poll::Pending";
        case Constant::Kind::PhantomPinned: return "PhantomPinned";
        case Constant::Kind::NullPtr: return "null";
      }
    }
  }
  return "?";
}

}  // namespace

IrBody BuildIr(CheckedProgram& prog, int body) { return IrBuilder(prog, body).Build(); }

std::string DumpIr(const IrBody& ir) {
  std::string out;
  for (size_t i = 0; i < ir.blocks.size(); ++i) {
    const BasicBlock& bb = ir.blocks[i];
    if (bb.stmts.empty() && bb.term.kind == TermKind::Unreachable) continue;
    out += fmt::format("bb{}:\n", i);
    for (const Statement& st : bb.stmts) {
      std::string rv;
      std::string ops;
      for (size_t k = 0; k < st.rv.operands.size(); ++k) ops += (k ? ", " : "") + OperandText(ir, st.rv.operands[k]);
      switch (st.rv.kind) {
        case RvalueKind::Use: rv = ops; break;
        case RvalueKind::Unary: rv = fmt::format("{}{}", st.rv.un_op == UnOp::Neg ? "-" : "!", ops); break;
        case RvalueKind::Binary:
          rv = fmt::format("{} {} {}", OperandText(ir, st.rv.operands[0]), BinOpText(st.rv.bin_op), OperandText(ir, st.rv.operands[1]));
          break;
        case RvalueKind::Cast: rv = fmt::format("cast({})", ops); break;
        case RvalueKind::Aggregate: rv = fmt::format("aggregate#{}({})", int(st.rv.agg), ops); break;
        case RvalueKind::Call:
          rv = fmt::format("call {}({})", st.rv.fn ? st.rv.fn->name : st.rv.builtin ? std::string(st.rv.builtin->name) : st.rv.op >= 0 ? fmt::format("op#{}", st.rv.op) : "closure", ops);
          break;
        case RvalueKind::Closure: rv = fmt::format("closure body#{}({})", st.rv.body, ops); break;
        case RvalueKind::AsyncBlock: rv = fmt::format("async body#{}({})", st.rv.body, ops); break;
        case RvalueKind::IsVariant: rv = fmt::format("is_variant({}, {})", ops, st.rv.names[0]); break;
        case RvalueKind::IntoIter: rv = fmt::format("into_iter({})", ops); break;
        case RvalueKind::Format: rv = fmt::format("{}!({}{}{})", st.rv.macro, st.rv.format_constant >= 0 ? fmt::format("{:?}", ir.constants[st.rv.format_constant].str) : "", ops.empty() ? "" : ", ", ops); break;
        case RvalueKind::Len: rv = fmt::format("len({})", ops); break;
      }
      if (st.kind == Statement::Kind::Eval) out += fmt::format("    {};\n", rv);
      else out += fmt::format("    {} = {};\n", PlaceText(ir, st.dst), rv);
    }
    const Terminator& t = bb.term;
    switch (t.kind) {
      case TermKind::Goto: out += fmt::format("    goto bb{};\n", t.target); break;
      case TermKind::Branch: out += fmt::format("    if {} goto bb{} else bb{};\n", OperandText(ir, t.cond), t.target, t.else_target); break;
      case TermKind::Return: out += "    return;\n"; break;
      case TermKind::Await: out += fmt::format("    {} = await#{} {} -> bb{};\n", PlaceText(ir, t.dst), t.await_index, ir.slots[t.awaitee].name, t.target); break;
      case TermKind::Panic: out += fmt::format("    panic {};\n", t.message.empty() ? OperandText(ir, t.cond) : fmt::format("{:?}", t.message)); break;
      case TermKind::Unreachable: out += "    unreachable;\n"; break;
      case TermKind::IterNext: out += fmt::format("    {} = next({}) -> bb{} else bb{};\n", PlaceText(ir, t.dst), ir.slots[t.iter].name, t.target, t.else_target); break;
    }
  }
  return out;
}

}  // namespace aws
