// The interpreter's core: a body's blocks run statement by statement, a state machine's transitions,
// arithmetic with Rust's overflow checks, and the right-hand sides of assignments.
#include <fmt/format.h>

#include <algorithm>

#include "runtime/emulator.h"

namespace aws::emu {

void Emulator::SetLine(Span s) {
  if (s.end > s.begin || s.begin > 0) {
    cur_line_ = src_.Locate(s.begin).line;
    cur_span_ = s;
  }
}

void Emulator::CountStatement() {
  if (++stmts_in_poll_ <= O.max_statements_per_poll) return;
  if (!CurrentThreadName().empty())
    FaultHere(fmt::format("thread '{}' ran {} statements without virtual time passing (an endless loop?): plain "
                          "code takes no time, only `work`, blocking calls and `hlt()` do",
                          CurrentThreadName(), O.max_statements_per_poll));
  FaultHere(fmt::format("task {} never yielded: its poll ran {} statements without returning; a future must return "
                      "Pending (reach an `.await` that waits) to let other tasks run",
                      cur_task_, O.max_statements_per_poll));
}

// Runs a body's IR in `frame` from `block` until it returns or (machines) suspends.
// Returns true when the body returned (value in the return slot), false on Pending.
// `resume` starts at the block's terminator (the await being re-polled).
bool Emulator::Execute(int frame, int block, int waker, bool resume) {
  const int body = objs_[frame].body;
  const IrBody& ir = P.ir[body];
  int bb = block;
  for (;;) {
    const BasicBlock& B = ir.blocks[bb];
    for (size_t si = resume ? B.stmts.size() : 0; si < B.stmts.size(); ++si) {
      const Statement& st = B.stmts[si];
      if (lib_drops_on_) DropAtScopeEnd(frame, bb, si);
      CountStatement();
      SetLine(st.span);
      if (main_thread_body_ >= 0) ExecStep(frame, st.span);
      Value v = Eval(frame, st, waker);
      if (st.kind == Statement::Kind::Assign) Write(frame, st.dst, std::move(v));
      if (mem_on_) MemLetMove(frame, st);
    }
    if (lib_drops_on_ && !resume) DropAtScopeEnd(frame, bb, B.stmts.size());
    resume = false;
    const Terminator& t = B.term;
    SetLine(t.span);
    if (main_thread_body_ >= 0) ExecStep(frame, t.span, t.kind == TermKind::Return);
    CountStatement();
    switch (t.kind) {
      case TermKind::Goto: bb = t.target; break;
      case TermKind::Branch: {
        Value c = Read(frame, t.cond);
        if (lib_drops_on_ && t.is_condition) DropConditionTemps(frame);
        bb = c.i ? t.target : t.else_target;
        break;
      }
      case TermKind::IterNext: {
        Value item;
        Touch(objs_[frame], t.iter);
        bool has = IterNext(Loc{frame, t.iter, {}}, &item);
        if (has) Write(frame, t.dst, std::move(item));
        bb = has ? t.target : t.else_target;
        break;
      }
      case TermKind::Return: return true;
      case TermKind::Unreachable: Fault("internal error: reached unreachable code");
      case TermKind::Panic: {
        std::string msg = t.message.empty() ? Read(frame, t.cond).s : t.message;
        Panic(msg);
      }
      case TermKind::Await: {
        if (objs_[frame].k != Obj::K::Machine) Fault("internal error: `.await` outside a state machine");
        const Machine& m = P.machines[objs_[frame].machine];
        int target_state = 1 + t.await_index;
        if (!(objs_[frame].at_await && objs_[frame].state == target_state)) {
          Transition(frame, target_state);
          objs_[frame].at_await = true;
        }
        (void)m;
        // A `Pin<Box<F>>` polls the boxed future; a hand-written future's struct becomes its object.
        int fut = FutureObjectOf(objs_[frame].slots[t.awaitee]);
        Value out;
        if (!Poll(fut, waker, &out)) return false;
        objs_[frame].at_await = false;
        objs_[frame].slots[t.awaitee] = Value::Make(Value::K::Moved);
        Touch(objs_[frame], t.awaitee);
        Write(frame, t.dst, std::move(out));
        bb = t.target;
        break;
      }
    }
  }
}

// Enters `to` on a machine: records the saved fields and forgets everything else.
void Emulator::Transition(int frame, int to) {
  Obj& o = objs_[frame];
  const Machine& m = P.machines[o.machine];
  int from = o.state;
  o.state = to;
  const State& st = m.states[to];
  if (keep_.size() < o.slots.size()) keep_.resize(o.slots.size(), 0);
  std::string fields;
  for (const StateField& f : st.fields) {
    keep_[f.slot] = 1;
    if (!fields.empty()) fields += "\n";
    fields += f.name + "=" + Show(objs_[frame].slots[f.slot], true);
  }
  if (st.kind == StateKind::Suspend || st.kind == StateKind::Returned || st.kind == StateKind::Panicked) {
    Obj& ob = objs_[frame];
    const int ret = P.ir[ob.body].return_slot;
    size_t kept = 0;
    const IrBody& ir = P.ir[ob.body];
    for (int i : ob.touched) {
      // A tokio channel end stays until its scope's end (or the body's return) drops it, as rustc
      // keeps values with destructors: its receiver must not see it go at an await (approximated:
      // the lowering's states do not list it).
      if (keep_[i] || i == ret ||
          (st.kind == StateKind::Suspend && IsTokioChannelType(ir.slots[static_cast<size_t>(i)].type) &&
           ob.slots[static_cast<size_t>(i)].Usable())) {
        ob.touched[kept++] = i;
      } else {
        ob.slots[i] = Value();
        ob.is_touched[i] = 0;
      }
    }
    ob.touched.resize(kept);
  }
  for (const StateField& f : st.fields) keep_[f.slot] = 0;
  EmitTransition(frame, from, to, std::move(fields));
  if (mem_on_) MemTransition(frame);
}

// A panic; `here`: raised by the statement executing (positioned), not by the executor.
void Emulator::Panic(const std::string& msg, bool here) {
  EmitPanic(cur_machine_, msg);
  if (cur_machine_ >= 0 && objs_[cur_machine_].k == Obj::K::Machine) {
    Obj& o = objs_[cur_machine_];
    int panicked = static_cast<int>(P.machines[o.machine].states.size()) - 1;
    if (o.state != panicked) Transition(cur_machine_, panicked);
  }
  const std::string thread = CurrentThreadName();
  std::string why = !thread.empty() ? fmt::format("thread '{}' panicked: {}", thread, msg)
                                    : fmt::format("task {} panicked: {}", cur_task_, msg);
  if (here) FaultHere(std::move(why));
  Fault(std::move(why));
}

int64_t Emulator::IntBits(TypeRef t) {
  if (!t || !t->IsInt()) return 64;
  switch (t->int_kind) {
    case IntKind::U8: return 8;
    case IntKind::U32: case IntKind::I32: return 32;
    default: return 64;
  }
}

bool Emulator::IsSigned(TypeRef t) { return !t || !t->IsInt() || t->int_kind == IntKind::I32 || t->int_kind == IntKind::I64; }

Value Emulator::Arith(BinOp op, const Value& a0, const Value& b0, TypeRef type) {
  Value a = Load(a0), b = Load(b0);
  if (op == BinOp::Add && a.k == Value::K::Str) return Value::Str(a.s + b.s);
  if (op == BinOp::Eq || op == BinOp::Ne) {
    bool eq = a.k == Value::K::Str || b.k == Value::K::Str ? a.s == b.s : a == b;
    return Value::Bool(op == BinOp::Eq ? eq : !eq);
  }
  if (op == BinOp::Lt || op == BinOp::Le || op == BinOp::Gt || op == BinOp::Ge) {
    int c = a.k == Value::K::Str ? a.s.compare(b.s) : (a.i < b.i ? -1 : a.i > b.i ? 1 : 0);
    bool r = op == BinOp::Lt ? c < 0 : op == BinOp::Le ? c <= 0 : op == BinOp::Gt ? c > 0 : c >= 0;
    return Value::Bool(r);
  }
  if (a.k == Value::K::Duration) {  // Duration and Instant arithmetic (check/time.cpp), in ms
    bool a_inst = a.s == "Instant", b_inst = b.s == "Instant";
    int64_t r = 0;
    switch (op) {
      case BinOp::Add: r = a.i + b.i; break;
      case BinOp::Sub:
        r = a.i - b.i;
        if (a_inst && b_inst) r = std::max<int64_t>(r, 0);  // `Instant - Instant` saturates, as std's does
        else if (!a_inst && r < 0) Panic("overflow when subtracting durations");
        break;
      case BinOp::Mul: r = a.i * b.i; break;
      case BinOp::Div:
        if (b.i == 0) Panic("divide by zero error when dividing duration by scalar");
        r = a.i / b.i;
        break;
      default: break;
    }
    Value v = Duration(r);
    if (a_inst && !b_inst) v.s = "Instant";
    return v;
  }
  if (a.k == Value::K::Bool) {
    bool r = op == BinOp::BitAnd ? (a.i && b.i) : op == BinOp::BitOr ? (a.i || b.i) : (a.i != b.i);
    return Value::Bool(r);
  }
  __int128 x = a.i, y = b.i, r = 0;
  const char* what = nullptr;
  switch (op) {
    case BinOp::Add: r = x + y; what = "add"; break;
    case BinOp::Sub: r = x - y; what = "subtract"; break;
    case BinOp::Mul: r = x * y; what = "multiply"; break;
    case BinOp::Div: if (y == 0) Panic("attempt to divide by zero"); r = x / y; what = "divide"; break;
    case BinOp::Rem: if (y == 0) Panic("attempt to calculate the remainder with a divisor of zero"); r = x % y; break;
    case BinOp::BitAnd: r = x & y; break;
    case BinOp::BitOr: r = x | y; break;
    case BinOp::BitXor: r = x ^ y; break;
    case BinOp::Shl: r = y < 64 ? x << y : 0; break;
    case BinOp::Shr: r = y < 64 ? x >> y : 0; break;
    default: break;
  }
  int64_t bits = IntBits(type);
  bool sign = IsSigned(type);
  __int128 lo = sign ? -(static_cast<__int128>(1) << (bits - 1)) : 0;
  __int128 hi = sign ? (static_cast<__int128>(1) << (bits - 1)) - 1 : (static_cast<__int128>(1) << bits) - 1;
  if (what && (r < lo || r > hi)) Panic(fmt::format("attempt to {} with overflow", what));
  return Value::Int(static_cast<int64_t>(r));
}

Value Emulator::Eval(int frame, const Statement& st, int waker) {
  const Rvalue& rv = st.rv;
  auto arg = [&](size_t i) { return Read(frame, rv.operands[i]); };
  switch (rv.kind) {
    case RvalueKind::Use: return arg(0);
    case RvalueKind::Unary: {
      Value a = Load(arg(0));
      if (rv.un_op == UnOp::Not) return a.k == Value::K::Bool ? Value::Bool(!a.i) : Value::Int(~a.i);
      return Arith(BinOp::Sub, Value::Int(0), a, SlotType(frame, st.dst));
    }
    case RvalueKind::Binary: {
      Value a = arg(0), b = arg(1);
      TypeRef t = SlotType(frame, st.dst);
      if (!t || !t->IsInt()) {
        const IrBody& ir = P.ir[objs_[frame].body];
        const Operand& o = rv.operands[0];
        if (o.kind != Operand::Kind::Const) t = ir.slots[o.place.slot].type;
        while (t && t->kind == TypeKind::Ref) t = t->args[0];
      }
      return Arith(rv.bin_op, a, b, t);
    }
    case RvalueKind::Cast: {
      Value a = arg(0);
      TypeRef t = SlotType(frame, st.dst);
      if (t && t->kind == TypeKind::RawPtr) {
        if (a.k == Value::K::Ref) { a.k = Value::K::RawPtr; a.i = 1; return a; }
        if (a.k == Value::K::RawPtr) return a;
        Value p = Value::Make(Value::K::RawPtr);
        p.i = a.i;
        return p;
      }
      Value x = Load(a);
      int64_t n = x.i;
      int64_t bits = IntBits(t);
      if (bits < 64) {
        uint64_t mask = (1ull << bits) - 1;
        uint64_t u = static_cast<uint64_t>(n) & mask;
        n = IsSigned(t) && (u >> (bits - 1)) ? static_cast<int64_t>(u | ~mask) : static_cast<int64_t>(u);
      }
      return Value::Int(n);
    }
    case RvalueKind::Aggregate: return Aggregate(frame, rv);
    case RvalueKind::Call: return Call(frame, rv, waker);
    case RvalueKind::Closure: {
      Value c = Value::Make(Value::K::Closure);
      c.i = rv.body;
      for (size_t i = 0; i < rv.operands.size(); ++i) c.v.push_back(arg(i));
      return c;
    }
    case RvalueKind::AsyncBlock: {
      std::vector<Value> caps;
      for (size_t i = 0; i < rv.operands.size(); ++i) caps.push_back(arg(i));
      return Value::Future(NewMachine(rv.body, caps, frame, P.checked->bodies[rv.body].name));
    }
    case RvalueKind::IsVariant: {
      Value v = Load(arg(0));
      return Value::Bool(v.k == Value::K::Variant && v.s == rv.names[0]);
    }
    case RvalueKind::IntoIter: return IntoIterValue(arg(0));
    case RvalueKind::Format: {
      std::vector<Value> args;
      for (size_t i = 0; i < rv.operands.size(); ++i) args.push_back(arg(i));
      const IrBody& ir = P.ir[objs_[frame].body];
      std::string text = rv.format_constant >= 0 ? Format(ir.constants[rv.format_constant].str, args) : "";
      if (rv.macro == "println" || rv.macro == "eprintln") text += "\n";
      if (rv.macro == "println" || rv.macro == "print" || rv.macro == "eprintln") {
        T.summary.output += text;
        EmitPrint(cur_machine_, text);
        return Value::Unit();
      }
      return Value::Str(text);
    }
    case RvalueKind::Len: return Value::Int(static_cast<int64_t>(Load(arg(0)).v.size()));
  }
  return Value::Unit();
}

Value Emulator::Aggregate(int frame, const Rvalue& rv) {
  std::vector<Value> items;
  for (size_t i = 0; i < rv.operands.size(); ++i) items.push_back(Read(frame, rv.operands[i]));
  switch (rv.agg) {
    case AggregateKind::Array: case AggregateKind::Vec: case AggregateKind::Tuple: {
      Value v = Value::Make(rv.agg == AggregateKind::Tuple ? Value::K::Tuple : Value::K::Array);
      if (rv.agg == AggregateKind::Vec) v.s = "vec";
      v.v = std::move(items);
      return v;
    }
    case AggregateKind::ArrayRepeat: case AggregateKind::VecRepeat: {
      uint64_t n = rv.agg == AggregateKind::ArrayRepeat ? rv.count : static_cast<uint64_t>(Load(items[1]).i);
      if (n > kMaxElements) FaultHere(fmt::format("allocation of {} elements exceeds the emulator's limit of {}", n, kMaxElements));
      Value v = Value::Make(Value::K::Array);
      if (rv.agg == AggregateKind::VecRepeat) v.s = "vec";
      v.v.assign(n, items[0]);
      return v;
    }
    case AggregateKind::Struct: {
      Value v = Value::Make(Value::K::Struct);
      v.s = rv.struct_decl ? rv.struct_decl->name : "struct";
      // Fields in declaration order, whatever order the literal used.
      if (rv.struct_decl) {
        std::vector<std::string> names;
        names.reserve(rv.struct_decl->fields.size());
        for (const FieldDecl& f : rv.struct_decl->fields) {
          auto it = std::find(rv.names.begin(), rv.names.end(), f.name);
          names.push_back(f.name);
          v.v.push_back(it == rv.names.end() ? Value() : items[it - rv.names.begin()]);
        }
        v.names = std::move(names);
      } else {
        v.names = rv.names;
        v.v = std::move(items);
      }
      return v;
    }
    case AggregateKind::Variant: {  // a script enum's: fields in declaration order, a braced one's named
      const VariantDecl& var = rv.struct_decl->variants[rv.variant];
      Value v = Value::Variant(var.name);
      v.i = var.discriminant;  // what `as` reads
      std::vector<std::string> names;
      for (size_t k = 0; k < var.num_fields; ++k) {
        const std::string& f = rv.struct_decl->fields[var.first_field + k].name;
        auto it = std::find(rv.names.begin(), rv.names.end(), f);
        v.v.push_back(it == rv.names.end() ? Value() : items[it - rv.names.begin()]);
        names.push_back(f);
      }
      if (var.shape == VariantDecl::Shape::Braced) v.names = std::move(names);
      return v;
    }
    case AggregateKind::Some: return Value::Variant("Some", std::move(items));
    case AggregateKind::Ok: return Value::Variant("Ok", std::move(items));
    case AggregateKind::Err: return Value::Variant("Err", std::move(items));
    case AggregateKind::PollReady: return Value::Variant("Ready", std::move(items));
    case AggregateKind::Range: case AggregateKind::RangeInclusive: {
      Value it = Value::Make(Value::K::Iter);
      it.mode = 2;
      it.i = Load(items[0]).i;
      it.end = items.size() > 1 ? Load(items[1]).i + (rv.agg == AggregateKind::RangeInclusive ? 1 : 0) : INT64_MAX;
      return it;
    }
  }
  return Value::Unit();
}

}  // namespace aws::emu
