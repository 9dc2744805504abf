// The emulator's life: setting a run up (the scenario's operations, the spawned tasks), running
// the chosen executor to the end, and the objects (frames, state machines, leaf futures) it creates.
#include <fmt/format.h>

#include <algorithm>

#include "awaitscope/parser.h"
#include "runtime/emulator.h"

namespace aws::emu {

Emulator::Emulator(const Program& p, const Scenario& s, const RunOptions& o, Diagnostics& d)
    : P(p), S(s), O(o), D(d), src_(*p.checked->source) {
  executor_ = O.executor.empty() ? S.executor : O.executor;
  kind_ = FindExecutorKind(executor_);
  max_events_ = O.max_events > 0 ? O.max_events : S.step_budget;
  T.scenario = S.id;
  T.executor = executor_;
  for (const FileSpec& f : S.files) files_[f.name] = {f.contents, f.read_latency_ms, f.write_latency_ms.value_or(S.disk.write_latency_ms)};
  for (const KeySpec& k : S.keyboard) {
    if (k.during_poll) race_keys_.push_back(k);
    else keys_.push_back({k.t_ms, k.scancode, false});
  }
  std::stable_sort(race_keys_.begin(), race_keys_.end(), [](const KeySpec& a, const KeySpec& b) { return a.t_ms < b.t_ms; });
  for (const KeyInput& k : O.injected) keys_.push_back(k);
  std::stable_sort(keys_.begin(), keys_.end(), [](const KeyInput& a, const KeyInput& b) { return a.t_ms < b.t_ms; });
  T.injected = O.injected;
}

Trace Emulator::Run() {
  int end_reason = 0;
  std::string why;
  try {
    if (!kind_) {
      D.ReportAt(Severity::Error, S.path, 0, 0, fmt::format("unknown executor `{}` ({})", executor_, ExecutorKindNames()));
      throw StopRun{1, "the scenario could not be started"};
    }
    Prepare();
    if (D.HasErrors()) throw StopRun{1, "the scenario could not be started"};
    for (const KeyInput& k : keys_) {
      int dev = Device("keyboard", "keyboard");
      Schedule({k.t_ms, 0, DevEvent::Kind::Key, -1, dev, k.scancode, k.injected});
    }
    if (main_thread_body_ >= 0) RunMainThread();
    else kind_->run(*this);
    MovesNotDone();
    InjectionsNotDone();
    end_reason = end_reason_;
    why = end_why_;
  } catch (const StopRun& s) {
    end_reason = s.reason;
    why = s.why;
    // The script's own fault, at its line and column (once: a dangling read reported it already).
    const auto& items = D.items();
    if (s.at && std::none_of(items.begin(), items.end(), [&](const Diagnostic& d) { return d.message == s.why; }))
      D.Report(Severity::Error, src_, *s.at, s.why);
  }
  depth_ = 0;
  poll_stack_.clear();
  T.summary.end_time_ms = last_done_ms_ >= 0 && end_reason == 0 && AllDone() ? last_done_ms_ : now_;
  T.summary.end_reason = end_reason;
  EmitRunEnd(end_reason, why);
  return std::move(T);
}

void Emulator::Prepare() {
  MemInit();
  lib_drops_on_ = AnyLibraryDrops();
  // Scenario operations: their results are constant expressions.
  for (const OpInfo& op : P.checked->ops) {
    ExprPtr e = ParseExprText(op.spec.result.empty() ? "()" : op.spec.result, S.path, op.spec.line, op.spec.col, D);
    Value v = e ? ConstEval(*e, op.spec) : Value::Unit();
    op_results_.push_back(v);
  }
  for (SpawnTarget& t : ResolveSpawns(P, S, D)) {
    int body = P.checked->fn_body.at(t.fn);
    if (!t.fn->is_async && !(t.fn->ret_type && t.fn->ret_type->IsFuture())) {  // `fn main()`: see RunMainThread
      main_thread_body_ = body;
      continue;
    }
    std::vector<Value> args;
    OpSpec none;
    for (const auto& a : t.call->args) args.push_back(ConstEval(*a, none));
    Value fut = t.fn->is_async ? Value::Future(NewMachine(body, args, -1, t.fn->name)) : CallBody(body, args, {});
    SpawnTask(fut, t.text);
  }
  ConnectionsNote();
}

Value Emulator::ConstEval(const Expr& e, const OpSpec& op) {
  auto bad = [&]() {
    D.ReportAt(Severity::Error, S.path, op.line, op.col,
               fmt::format("this value must be a constant (literals, Ok/Err/Some/None, struct literals, "
                           "`\"..\".to_string()`, `Error::new(..)`)"));
    return Value::Unit();
  };
  switch (e.kind) {
    case ExprKind::IntLit: return Value::Int(static_cast<int64_t>(e.int_value));
    case ExprKind::StrLit: return Value::Str(e.name);
    case ExprKind::BoolLit: return Value::Bool(e.flag);
    case ExprKind::CharLit: { Value v = Value::Make(Value::K::Char); v.i = static_cast<int64_t>(e.int_value); return v; }
    case ExprKind::Unit: return Value::Unit();
    case ExprKind::Unary:
      if (e.un_op == UnOp::Neg) { Value v = ConstEval(*e.operand, op); v.i = -v.i; return v; }
      return bad();
    case ExprKind::Tuple: case ExprKind::Array: case ExprKind::VecMacro: {
      Value v = Value::Make(e.kind == ExprKind::Tuple ? Value::K::Tuple : Value::K::Array);
      if (e.kind == ExprKind::VecMacro) v.s = "vec";
      for (const auto& a : e.args) v.v.push_back(ConstEval(*a, op));
      return v;
    }
    case ExprKind::StructLit: {
      Value v = Value::Make(Value::K::Struct);
      v.s = e.name;
      std::vector<std::string> names;
      for (const FieldInit& f : e.fields) {
        names.push_back(f.name);
        v.v.push_back(ConstEval(*f.value, op));
      }
      v.names = std::move(names);
      return v;
    }
    case ExprKind::Path:
      if (e.name == "None") return Value::Variant("None");
      return bad();
    case ExprKind::MethodCall:
      if ((e.name == "to_string" || e.name == "to_owned") && e.args.empty()) return ConstEval(*e.operand, op);
      return bad();
    case ExprKind::Call: {
      if (e.operand->kind != ExprKind::Path) return bad();
      std::string n = e.operand->name;
      if ((n == "Ok" || n == "Err" || n == "Some") && e.args.size() == 1) return Value::Variant(n, {ConstEval(*e.args[0], op)});
      if ((n == "new" && e.operand->path.size() == 2 && e.operand->path[0] == "Error") && e.args.size() == 1) {
        Value v = Value::Make(Value::K::Error);
        v.s = ConstEval(*e.args[0], op).s;
        return v;
      }
      if (n == "from" && e.operand->path.size() == 2 && e.operand->path[0] == "String" && e.args.size() == 1)
        return ConstEval(*e.args[0], op);
      if ((n == "from_millis" || n == "from_secs") && e.args.size() == 1) {
        Value v = Value::Make(Value::K::Duration);
        v.i = ConstEval(*e.args[0], op).i * (n == "from_secs" ? 1000 : 1);
        return v;
      }
      return bad();
    }
    default: return bad();
  }
}

int Emulator::NewObj(Obj o, const std::string& name, ObjectKind kind, int machine) {
  objs_.push_back(std::move(o));
  ObjectInfo info;
  info.kind = kind;
  info.machine = machine;
  info.name = name;
  info.task = cur_task_;
  info.created_step = static_cast<int64_t>(T.events.size());
  T.objects.push_back(info);
  return static_cast<int>(objs_.size()) - 1;
}

// A new state machine (Unresumed) for an async fn or block, holding its inputs.
int Emulator::NewMachine(int body, const std::vector<Value>& inputs, int capture_source_frame, const std::string& name) {
  (void)capture_source_frame;
  Obj o;
  o.k = Obj::K::Machine;
  o.body = body;
  o.machine = P.machine_of_body[body];
  o.slots.assign(P.ir[body].slots.size(), Value());
  o.is_touched.assign(o.slots.size(), 0);
  const Body& b = P.checked->bodies[body];
  size_t next = 0;
  for (size_t i = 0; i < b.locals.size() && next < inputs.size(); ++i)
    if (b.locals[i].is_param || b.locals[i].capture_of >= 0) {
      o.slots[i] = inputs[next++];
      Touch(o, static_cast<int>(i));
    }
  int machine = o.machine;
  int id = NewObj(std::move(o), name, ObjectKind::Machine, machine);
  if (mem_on_ && machine >= 0) AllocMachine(id, P.checked->bodies[body].name);
  return id;
}

int Emulator::NewLeaf(FutureKind k, const std::string& name) {
  Obj o;
  o.k = Obj::K::Leaf;
  o.fut = k;
  return NewObj(std::move(o), name, ObjectKind::Leaf);
}

}  // namespace aws::emu
