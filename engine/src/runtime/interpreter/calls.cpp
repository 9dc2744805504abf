// Calls: a fn or closure runs to completion in a fresh frame; an async fn returns its state
// machine; a scenario operation returns its result or its leaf future.
#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "runtime/emulator.h"

namespace aws::emu {

// Runs a synchronous body (fn or closure) to completion in a fresh frame.
Value Emulator::CallBody(int body, const std::vector<Value>& args, const std::vector<Value>& captures) {
  const bool drop_captures = std::exchange(drop_captures_, false);
  if (++call_depth_ > kMaxCallDepth) {
    call_depth_ = 0;
    FaultHere(fmt::format("stack overflow: more than {} nested calls (recursion without end?)", kMaxCallDepth));
  }
  if (P.ir[body].blocks.empty()) Fault("internal error: calling a body with errors");
  Obj o;
  o.k = Obj::K::Frame;
  o.body = body;
  o.task = cur_task_;
  o.slots.assign(P.ir[body].slots.size(), Value());
  const Body& b = P.checked->bodies[body];
  size_t ai = 0, ci = 0;
  for (size_t i = 0; i < b.locals.size(); ++i) {
    if (b.locals[i].is_param && ai < args.size()) o.slots[i] = args[ai++];
    else if (b.locals[i].capture_of >= 0 && ci < captures.size()) o.slots[i] = captures[ci++];
  }
  objs_.push_back(std::move(o));
  T.objects.push_back({ObjectKind::Machine, -1, b.name, -1, cur_task_, static_cast<int64_t>(T.events.size())});
  int frame = static_cast<int>(objs_.size()) - 1;
  if (mem_on_) ArgMoves(frame);
  uint32_t saved_line = cur_line_;
  Execute(frame, 0, -1);
  cur_line_ = saved_line;
  --call_depth_;
  Value ret = objs_[frame].slots[P.ir[body].return_slot];
  if (mem_on_) {
    returned_from_ = HoldsPointerOrAggregate(ret) ? AddrOf(frame, P.ir[body].return_slot, {}) : 0;
    returned_fn_ = b.name;
    FreeFrameBlock(frame);
  }
  if (script_wakers_ > 0) DropFrameWakers(frame);
  if (lib_drops_on_)  // the parameters the body did not move out are dropped as it returns
    for (size_t i = 0; i < b.locals.size(); ++i) {
      Value& v = objs_[frame].slots[i];
      if (!b.locals[i].is_param || !v.Usable() || i == static_cast<size_t>(P.ir[body].return_slot)) continue;
      Value gone = v;
      v = Value::Make(Value::K::Moved);
      DropLibraryValue(gone, P.ir[body].slots[i].type);
    }
  if (drop_captures)  // a `move` closure a thread ran: what it captured goes with it
    for (size_t i = 0; i < b.locals.size(); ++i)
      if (b.locals[i].capture_of >= 0 && !P.ir[body].slots[i].is_capture_by_ref)
        DropLibraryValue(objs_[frame].slots[i], P.ir[body].slots[i].type);
  std::vector<Value>().swap(objs_[frame].slots);  // the frame is gone (and its slots' memory); references into it dangle
  return ret;
}

Value Emulator::CallClosure(const Value& c0, std::vector<Value> args) {
  Value c = Load(c0);
  if (c.k != Value::K::Closure) Fault("internal error: calling a value that is not a closure");
  return CallBody(static_cast<int>(c.i), args, c.v);
}

Value Emulator::Duration(int64_t ms) {
  Value v = Value::Make(Value::K::Duration);
  v.i = ms;
  return v;
}

Value Emulator::Call(int frame, const Rvalue& rv, int waker) {
  std::vector<Value> a;
  for (size_t i = 0; i < rv.operands.size(); ++i) a.push_back(Read(frame, rv.operands[i]));
  if (rv.fn) {
    // A trait's method called through `dyn Trait`: the vtable's entry is the impl of the struct
    // behind the pointer (its receiver, the first argument).
    const FnDecl* fn = rv.fn->signature_only && !a.empty() ? DynTarget(*rv.fn, a[0]) : rv.fn;
    int body = P.checked->fn_body.at(fn);
    if (mem_on_) NoteArgMoves(frame, rv, a);
    if (fn->is_async) {
      int id = NewMachine(body, a, frame, fn->name);
      if (mem_on_) ArgMoves(id);
      return Value::Future(id);
    }
    return CallBody(body, a, {});
  }
  if (rv.op >= 0) return CallOp(rv.op, a);
  if (mem_on_ && rv.builtin && (rv.builtin->id == BuiltinId::BoxNew || rv.builtin->id == BuiltinId::BoxPin)) {
    const Operand& o = rv.operands[0];
    pending_box_type_ = o.kind != Operand::Kind::Const && o.place.IsWholeSlot() ? P.ir[objs_[frame].body].slots[o.place.slot].type : nullptr;
  }
  if (lib_drops_on_ && rv.builtin && rv.builtin->id == BuiltinId::Drop && rv.operands[0].kind != Operand::Kind::Const &&
      rv.operands[0].place.IsWholeSlot())
    DropLibraryValue(a[0], P.ir[objs_[frame].body].slots[rv.operands[0].place.slot].type);
  if (!rv.builtin) {  // a closure held in a variable: operands[0] borrows it
    Value c = a[0];
    a.erase(a.begin());
    return CallClosure(c, a);
  }
  return CallBuiltin(*rv.builtin, a, waker);
}

const FnDecl* Emulator::DynTarget(const FnDecl& sig, const Value& receiver) {
  const Value self = Load(receiver);
  if (self.k == Value::K::Struct) {
    // A generic struct's instance is named with its arguments (`Wrapper<u64>`), as its impl's
    // functions are once instantiated.
    const FnDecl* f = P.checked->module.FindFn(self.s + "::" + sig.short_name);
    if (f && P.checked->fn_body.count(f)) return f;
  }
  Fault(fmt::format("internal error: no `{}` behind the trait object (a {} value)", sig.short_name,
                    self.k == Value::K::Struct ? self.s : std::string("non-struct")));
}

Value Emulator::CallOp(int op, const std::vector<Value>& args) {
  const OpInfo& info = P.checked->ops[op];
  if (!info.spec.is_async) return op_results_[op];
  std::string shown;
  for (size_t i = 0; i < args.size(); ++i) shown += (i ? ", " : "") + Show(Load(args[i]), true);
  int id = NewLeaf(FutureKind::Op, fmt::format("{}({})", info.spec.name, shown));
  objs_[id].op = op;
  objs_[id].latency = info.spec.latency_ms;
  objs_[id].what = fmt::format("{}({})", info.spec.name, shown);
  objs_[id].device = Device("op:" + info.spec.name, "op");
  return Value::Future(id);
}

}  // namespace aws::emu
