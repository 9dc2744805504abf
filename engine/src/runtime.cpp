// [SECTION] Index: objects and devices, events, places and values, statements, calls and
// built-ins, leaf futures, combinators, polling state machines, executors, RunScenario.
#include "awaitscope/runtime.h"

#include <fmt/format.h>

#include "text_escape.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "awaitscope/memory.h"
#include "awaitscope/parser.h"
#include "awaitscope/value.h"

namespace aws {
namespace {

constexpr int64_t kBusyTickMs = 1;
constexpr size_t kChannelCapacity = 10000;      // the talk's MAX_QUEUED_TASKS
constexpr size_t kScancodeQueueCapacity = 100;
constexpr int kMaxCallDepth = 256;
constexpr size_t kMaxElements = 1'000'000;      // a script that allocates without bound faults

// Ends the run from anywhere inside the emulator.
struct StopRun {
  int reason;  // RunEnd.a: 1 faulted, 2 stopped
  std::string why;
  std::optional<Span> at;  // the statement that faulted, when the fault is the script's own
};

struct Obj {
  enum class K : uint8_t { Frame, Machine, Leaf, Combinator, Box };
  K k = K::Frame;
  FutureKind fut = FutureKind::AsyncFn;
  int body = -1;
  int machine = -1;
  int state = 0;            // machine: current state index
  bool at_await = false;    // machine: suspended at the await of `state`
  std::vector<Value> slots;
  // Machines: the slots that may hold a value since the last transition (a transition empties the
  // ones its state does not keep; visiting every slot instead made a body with n awaits cost n^2).
  std::vector<int> touched;
  std::vector<char> is_touched;  // by slot
  int task = -1;
  // leaf futures
  std::string what;         // "read foo.txt"
  std::string path;
  Value data;
  int64_t latency = 0;
  int64_t request = -1;
  int64_t due = -1;
  bool started = false;
  bool completed = false;
  int waker = -1;           // stored waker
  Value result;
  int op = -1;
  int device = -1;
  // combinators
  std::vector<int> kids;
  std::vector<Value> outs;
  std::vector<bool> kid_done;
  int phase = 0;
  Value fn;
  bool done = false;        // returned Ready
};

struct DevEvent {
  enum class Kind : uint8_t { Complete, Key };
  int64_t t = 0;
  int64_t seq = 0;
  Kind kind = Kind::Complete;
  int obj = -1;
  int device = -1;
  uint8_t scancode = 0;
  bool injected = false;
  bool operator<(const DevEvent& o) const { return t != o.t ? t < o.t : seq < o.seq; }
};

struct WakerRec {
  int task = -1;            // -1: a no-op (dummy) waker
  bool live = true;
};

struct TaskRec {
  int root = -1;
  bool done = false;
  bool in_map = true;       // waker executor: still in `tasks`
  int cached_waker = -1;
  std::string name;
};

struct FileRec {
  std::string contents;
  int64_t read_latency = 30;
  int64_t write_latency = 15;
};

// [SECTION] display of values
std::string Quote(const std::string& s) { return RustQuote(s); }

class Emulator {
 public:
  Emulator(const Program& p, const Scenario& s, const RunOptions& o, Diagnostics& d)
      : P(p), S(s), O(o), D(d), src_(*p.checked->source) {
    executor_ = O.executor.empty() ? S.executor : O.executor;
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

  Trace Run() {
    int end_reason = 0;
    std::string why;
    try {
      Prepare();
      if (D.HasErrors()) throw StopRun{1, "the scenario could not be started"};
      for (const KeyInput& k : keys_) {
        int dev = Device("keyboard", "keyboard");
        Schedule({k.t_ms, 0, DevEvent::Kind::Key, -1, dev, k.scancode, k.injected});
      }
      if (executor_ == "busy") RunBusy();
      else if (executor_ == "simple") RunSimple();
      else if (executor_ == "channel") RunChannel();
      else RunWaker();
      MovesNotDone();
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
    if (!why.empty() && end_reason != 0)
      T.events.push_back(MakeEvent(EventKind::Diagnostic, {.a = end_reason == 1 ? 2 : 1, .text = why}));
    T.events.push_back(MakeEvent(EventKind::RunEnd, {.a = end_reason, .text = why}));
    return std::move(T);
  }

 private:
  // [SECTION] events
  struct EvArgs {
    int task = -2;  // -2: the current task
    int obj = -1;
    int waker = -1;
    int device = -1;
    int64_t a = -1;
    int64_t b = -1;
    std::string text;
    bool has_text = false;
  };

  Event MakeEvent(EventKind k, EvArgs x) {
    Event e;
    e.t_ms = now_;
    e.kind = k;
    e.task = x.task == -2 ? cur_task_ : x.task;
    e.obj = x.obj;
    e.waker = x.waker;
    e.device = x.device;
    e.a = x.a;
    e.b = x.b;
    e.line = cur_line_;
    if (!x.text.empty() || x.has_text) e.payload = T.Intern(std::move(x.text));
    return e;
  }

  void Emit(EventKind k, EvArgs x) {
    if (static_cast<int64_t>(T.events.size()) >= max_events_) {
      // The task is to blame only if its current poll used up most of the budget.
      if (depth_ > 0 && cur_task_ >= 0 && static_cast<int64_t>(T.events.size()) - poll_start_event_ > max_events_ / 2)
        throw StopRun{1, fmt::format("task {} never yielded: its poll was still running after {} events; a future must "
                                     "return Pending (reach an `.await` that waits) to let other tasks run",
                                     cur_task_, max_events_)};
      throw StopRun{2, fmt::format("stopped after {} events (the scenario's step budget)", max_events_)};
    }
    T.events.push_back(MakeEvent(k, std::move(x)));
  }

  void Note(int level, std::string text) { Emit(EventKind::Diagnostic, {.a = level, .text = std::move(text)}); }

  [[noreturn]] void Fault(std::string why) { throw StopRun{1, std::move(why)}; }
  // A fault of the statement executing (a bad dereference, an index out of range): reported at
  // its line and column.
  [[noreturn]] void FaultHere(std::string why) { throw StopRun{1, std::move(why), cur_span_}; }

  int Device(const std::string& name, const std::string& kind) {
    for (size_t i = 0; i < T.devices.size(); ++i)
      if (T.devices[i].name == name) return static_cast<int>(i);
    T.devices.push_back({name, kind});
    return static_cast<int>(T.devices.size()) - 1;
  }

  void Schedule(DevEvent e) {
    e.seq = seq_++;
    pending_.insert(e);
  }

  // [SECTION] setup
  void Prepare() {
    MemInit();
    // Scenario operations: their results are constant expressions.
    for (const OpInfo& op : P.checked->ops) {
      ExprPtr e = ParseExprText(op.spec.result.empty() ? "()" : op.spec.result, S.path, op.spec.line, op.spec.col, D);
      Value v = e ? ConstEval(*e, op.spec) : Value::Unit();
      op_results_.push_back(v);
    }
    for (SpawnTarget& t : ResolveSpawns(P, S, D)) {
      int body = P.checked->fn_body.at(t.fn);
      std::vector<Value> args;
      OpSpec none;
      for (const auto& a : t.call->args) args.push_back(ConstEval(*a, none));
      Value fut = t.fn->is_async ? Value::Future(NewMachine(body, args, -1, t.fn->name)) : CallBody(body, args, {});
      SpawnTask(fut, t.text);
    }
    ConnectionsNote();
  }

  Value ConstEval(const Expr& e, const OpSpec& op) {
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
        for (const FieldInit& f : e.fields) {
          v.names.push_back(f.name);
          v.v.push_back(ConstEval(*f.value, op));
        }
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

  // [SECTION] objects
  int NewObj(Obj o, const std::string& name, ObjectKind kind, int machine = -1) {
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
  int NewMachine(int body, const std::vector<Value>& inputs, int capture_source_frame, const std::string& name) {
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

  int NewLeaf(FutureKind k, const std::string& name) {
    Obj o;
    o.k = Obj::K::Leaf;
    o.fut = k;
    return NewObj(std::move(o), name, ObjectKind::Leaf);
  }

  // [SECTION] places
  struct Loc {
    int obj = -1;
    int slot = -1;
    std::vector<int32_t> path;
  };

  bool IsCaptureByRef(int frame, int slot) const {
    if (frame < 0 || static_cast<size_t>(frame) >= objs_.size()) return false;
    const int body = objs_[frame].body;
    if (body < 0 || static_cast<size_t>(body) >= P.ir.size()) return false;
    const std::vector<Slot>& slots = P.ir[body].slots;
    return slot >= 0 && static_cast<size_t>(slot) < slots.size() && slots[slot].is_capture_by_ref;
  }

  static void Touch(Obj& o, int slot) {
    if (static_cast<size_t>(slot) < o.is_touched.size() && !o.is_touched[slot]) {
      o.is_touched[slot] = 1;
      o.touched.push_back(slot);
    }
  }

  Value& At(const Loc& l) {
    if (l.obj < 0 || l.obj >= static_cast<int>(objs_.size()) || l.slot < 0 ||
        l.slot >= static_cast<int>(objs_[l.obj].slots.size()))
      FaultHere("dereference of an invalid pointer");
    Touch(objs_[l.obj], l.slot);
    Value* v = &objs_[l.obj].slots[l.slot];
    for (int32_t i : l.path) {
      if (i < 0 || i >= static_cast<int32_t>(v->v.size())) FaultHere("dereference of a dangling reference");
      v = &v->v[i];
    }
    return *v;
  }

  Loc Locate(int frame, const Place& pl) {
    Loc l{frame, pl.slot, {}};
    // A variable a non-`move` closure or block captured is used in place: its slot in the
    // closure holds a reference to the captured variable, so `count += 1` changes the caller's.
    if (IsCaptureByRef(frame, pl.slot)) {
      const Value& r = objs_[frame].slots[pl.slot];
      if (r.k == Value::K::Ref && r.obj >= 0) l = Loc{r.obj, r.slot, r.path};
    }
    for (const Projection& pr : pl.proj) {
      Value& cur = At(l);
      switch (pr.kind) {
        case Projection::Kind::Field: {
          if (cur.k != Value::K::Struct) FaultHere(fmt::format("field `{}` of a value that is not a struct", pr.name));
          auto it = std::find(cur.names.begin(), cur.names.end(), pr.name);
          if (it == cur.names.end()) FaultHere(fmt::format("no field `{}`", pr.name));
          l.path.push_back(static_cast<int32_t>(it - cur.names.begin()));
          break;
        }
        case Projection::Kind::TupleIndex:
          l.path.push_back(static_cast<int32_t>(pr.index));
          break;
        case Projection::Kind::Index: {
          int64_t idx = objs_[frame].slots[pr.index_slot].i;
          if (cur.k != Value::K::Array) FaultHere("indexing a value that is not an array or vector");
          if (idx < 0 || idx >= static_cast<int64_t>(cur.v.size()))
            Panic(fmt::format("index out of bounds: the len is {} but the index is {}", cur.v.size(), idx));
          l.path.push_back(static_cast<int32_t>(idx));
          break;
        }
        case Projection::Kind::Deref: {
          if (cur.k == Value::K::RawPtr && cur.i == 0) FaultHere("dereference of a null pointer");
          if (cur.k != Value::K::Ref && cur.k != Value::K::RawPtr) FaultHere("dereference of a value that is not a pointer");
          if (cur.k == Value::K::RawPtr && cur.obj < 0)
            FaultHere(fmt::format("undefined behaviour: dereference of the address 0x{:X}, where no value lives (a pointer "
                              "made from an integer)", static_cast<uint64_t>(cur.i)));
          Loc target{cur.obj, cur.slot, cur.path};
          if (mem_on_ && cur.addr != 0) {
            uint64_t now = AddrOf(cur.obj, cur.slot, cur.path);
            Value p = cur;
            if (now != 0 && now != cur.addr) target = DanglingDeref(p, now);
            else target = MovedOutDeref(p, target);
          }
          l = std::move(target);
          break;
        }
        case Projection::Kind::VariantField:
          if (cur.k != Value::K::Variant || cur.s != pr.name) FaultHere(fmt::format("value is not `{}`", pr.name));
          l.path.push_back(static_cast<int32_t>(pr.index));
          break;
      }
    }
    return l;
  }

  Value Read(int frame, const Operand& o) {
    const IrBody& ir = P.ir[objs_[frame].body];
    switch (o.kind) {
      case Operand::Kind::Const: return ConstValue(ir.constants[o.constant]);
      case Operand::Kind::Ref: {
        Loc l = Locate(frame, o.place);
        Value r = Value::Make(Value::K::Ref);
        r.obj = l.obj;
        r.slot = l.slot;
        r.path = l.path;
        r.i = o.is_mut;
        if (mem_on_) r.addr = AddrOf(l.obj, l.slot, l.path);
        return r;
      }
      case Operand::Kind::Copy: case Operand::Kind::Move: {
        Loc l = Locate(frame, o.place);
        Value& v = At(l);
        if (!v.Usable()) {
          const std::string& name = ir.slots[o.place.slot].name;
          Fault(fmt::format("internal error: `{}` was read but holds no value ({}); the lowering did not save it",
                            name, v.k == Value::K::Moved ? "moved out" : "not saved across an await"));
        }
        Value out = v;
        bool through_ref = std::any_of(o.place.proj.begin(), o.place.proj.end(),
                                       [](const Projection& p) { return p.kind == Projection::Kind::Deref; });
        if (o.kind == Operand::Kind::Move && !through_ref) {
          v = Value::Make(Value::K::Moved);
          // The bytes stay where they were: a pointer to the old place still finds them.
          if (mem_on_ && HoldsPointerOrAggregate(out)) v.v.push_back(out);
        }
        return out;
      }
    }
    return Value::Unit();
  }

  Value ConstValue(const Constant& c) {
    switch (c.kind) {
      case Constant::Kind::Unit: return Value::Unit();
      case Constant::Kind::Int: return Value::Int(static_cast<int64_t>(c.int_value));
      case Constant::Kind::Bool: return Value::Bool(c.int_value != 0);
      case Constant::Kind::Char: { Value v = Value::Make(Value::K::Char); v.i = static_cast<int64_t>(c.int_value); return v; }
      case Constant::Kind::Str: return Value::Str(c.str);
      case Constant::Kind::None: return Value::Variant("None");
      case Constant::Kind::PollPending: return Value::Variant("Pending");
      case Constant::Kind::PhantomPinned: return Value::Make(Value::K::Phantom);
      case Constant::Kind::NullPtr: { Value v = Value::Make(Value::K::RawPtr); v.i = 0; return v; }
    }
    return Value::Unit();
  }

  // Follows references (and boxes) to the value they point at.
  Value& Deref(Value& v) {
    Value* cur = &v;
    for (int guard = 0; (cur->k == Value::K::Ref) && guard < 64; ++guard) cur = &At(Loc{cur->obj, cur->slot, cur->path});
    return *cur;
  }
  Value Load(const Value& v) {
    Value copy = v;
    return Deref(copy);
  }

  // [SECTION] display
  std::string Show(const Value& v, bool debug, int depth = 0) {
    if (depth > 8) return "...";
    switch (v.k) {
      case Value::K::Uninit: return "<uninit>";
      case Value::K::Moved: return "<moved>";
      case Value::K::Unit: return "()";
      case Value::K::Bool: return v.i ? "true" : "false";
      case Value::K::Int: return fmt::format("{}", v.i);
      case Value::K::Char: return debug ? fmt::format("'{}'", char(v.i)) : std::string(1, char(v.i));
      case Value::K::Str: return debug ? Quote(v.s) : v.s;
      case Value::K::Duration: return fmt::format("{}ms", v.i);
      case Value::K::Error: return debug ? fmt::format("Error({})", Quote(v.s)) : v.s;
      case Value::K::Array: {
        std::string s = "[";
        for (size_t i = 0; i < v.v.size(); ++i) {
          if (i == 16) { s += ", ..."; break; }
          s += (i ? ", " : "") + Show(v.v[i], true, depth + 1);
        }
        return s + "]";
      }
      case Value::K::Tuple: {
        std::string s = "(";
        for (size_t i = 0; i < v.v.size(); ++i) s += (i ? ", " : "") + Show(v.v[i], true, depth + 1);
        return s + (v.v.size() == 1 ? ",)" : ")");
      }
      case Value::K::Struct: {
        std::string s = v.s + " { ";
        for (size_t i = 0; i < v.v.size(); ++i) s += (i ? ", " : "") + v.names[i] + ": " + Show(v.v[i], true, depth + 1);
        return s + (v.v.empty() ? "}" : " }");
      }
      case Value::K::Variant: {
        if (v.v.empty()) return v.s;
        std::string s = v.s + "(";
        for (size_t i = 0; i < v.v.size(); ++i) s += (i ? ", " : "") + Show(v.v[i], true, depth + 1);
        return s + ")";
      }
      case Value::K::Ref: return "&" + PlaceName(v);
      case Value::K::RawPtr: return v.i == 0 && v.obj < 0 ? "0x0 (null)" : "*" + PlaceName(v);
      case Value::K::Future: {
        int id = static_cast<int>(v.i);
        if (id < 0 || id >= static_cast<int>(objs_.size())) return "<future>";
        const Obj& o = objs_[id];
        std::string st;
        if (o.k == Obj::K::Machine && o.machine >= 0) st = " " + P.machines[o.machine].states[o.state].label;
        return fmt::format("<{}#{}{}>", T.objects[id].name, id, st);
      }
      case Value::K::Closure: return "<closure>";
      case Value::K::Iter:
        switch (v.mode) {
          case kIterRange: return fmt::format("{}..{}", v.i, v.end);
          case kIterMap: return "Map(" + Show(v.v[0], debug, depth + 1) + ")";
          case kIterFilter: return "Filter(" + Show(v.v[0], debug, depth + 1) + ")";
          case kIterEnumerate: return fmt::format("Enumerate({}, count: {})", Show(v.v[0], debug, depth + 1), v.i);
          case kIterZip: return "Zip(" + Show(v.v[0], debug, depth + 1) + ", " + Show(v.v[1], debug, depth + 1) + ")";
          default: return fmt::format("<iter {}/{}{}>", v.i, v.end, v.rev ? " rev" : "");
        }
      case Value::K::Stream: return "ScancodeStream";
      case Value::K::Phantom: return "PhantomPinned";
    }
    return "?";
  }

  std::string PlaceName(const Value& r) {
    if (r.obj < 0 || r.obj >= static_cast<int>(objs_.size())) return "?";
    const Obj& o = objs_[r.obj];
    std::string s;
    if (o.k == Obj::K::Box) s = fmt::format("heap#{}", r.obj);
    else if (o.body >= 0 && r.slot >= 0 && r.slot < static_cast<int>(P.ir[o.body].slots.size())) s = P.ir[o.body].slots[r.slot].name;
    else s = "?";
    for (int32_t i : r.path) s += fmt::format("[{}]", i);
    return s;
  }

  // What `{}`/`{:?}` print: references inside a value (`Some(&x)`, items of `enumerate`) print
  // as what they point at, as Rust's Display and Debug do.
  Value Printable(const Value& v, int depth = 0) {
    Value out = Load(v);
    if (depth > 8) return out;
    if (out.k == Value::K::Array || out.k == Value::K::Tuple || out.k == Value::K::Struct || out.k == Value::K::Variant)
      for (Value& e : out.v)
        if (e.Usable()) e = Printable(e, depth + 1);
    return out;
  }

  std::string Format(const std::string& fmt_text, const std::vector<Value>& args) {
    std::string out;
    size_t next = 0;
    for (size_t i = 0; i < fmt_text.size(); ++i) {
      char c = fmt_text[i];
      if (c == '{' && i + 1 < fmt_text.size() && fmt_text[i + 1] == '{') { out += '{'; ++i; continue; }
      if (c == '}' && i + 1 < fmt_text.size() && fmt_text[i + 1] == '}') { out += '}'; ++i; continue; }
      if (c == '{') {
        size_t close = fmt_text.find('}', i);
        std::string spec = fmt_text.substr(i + 1, close - i - 1);
        Value a = next < args.size() ? Load(args[next]) : Value::Unit();
        ++next;
        if (spec == ":p" && mem_on_) out += FormatPointer(args[next - 1]);
        else if (spec == ":p") out += fmt::format("{}", args[next - 1].k == Value::K::Ref ? "&" + PlaceName(args[next - 1]) : Show(a, true));
        else if (spec == ":x") out += fmt::format("{:x}", a.i);
        else if (spec == ":#x") out += fmt::format("{:#x}", a.i);
        else if (spec == ":X") out += fmt::format("{:X}", a.i);
        else if (spec == ":#X") out += fmt::format("{:#X}", a.i);
        else out += Show(Printable(a), spec == ":?" || spec == ":#?");
        i = close;
        continue;
      }
      out += c;
    }
    return out;
  }

  // [SECTION] statements
  TypeRef SlotType(int frame, const Place& p) {
    const IrBody& ir = P.ir[objs_[frame].body];
    return p.IsWholeSlot() ? ir.slots[p.slot].type : nullptr;
  }

  void Write(int frame, const Place& dst, Value v) {
    Loc l = Locate(frame, dst);
    bool pointer = mem_on_ && HoldsPointer(v);
    At(l) = std::move(v);
    if (pointer) MemWritePlace(l);
  }

  void SetLine(Span s) {
    if (s.end > s.begin || s.begin > 0) {
      cur_line_ = src_.Locate(s.begin).line;
      cur_span_ = s;
    }
  }

  void CountStatement() {
    if (++stmts_in_poll_ > O.max_statements_per_poll)
      FaultHere(fmt::format("task {} never yielded: its poll ran {} statements without returning; a future must return "
                        "Pending (reach an `.await` that waits) to let other tasks run",
                        cur_task_, O.max_statements_per_poll));
  }

  // Runs a body's IR in `frame` from `block` until it returns or (machines) suspends.
  // Returns true when the body returned (value in the return slot), false on Pending.
  // `resume` starts at the block's terminator (the await being re-polled).
  bool Execute(int frame, int block, int waker, bool resume = false) {
    const int body = objs_[frame].body;
    const IrBody& ir = P.ir[body];
    int bb = block;
    for (;;) {
      const BasicBlock& B = ir.blocks[bb];
      for (size_t si = resume ? B.stmts.size() : 0; si < B.stmts.size(); ++si) {
        const Statement& st = B.stmts[si];
        CountStatement();
        SetLine(st.span);
        Value v = Eval(frame, st, waker);
        if (st.kind == Statement::Kind::Assign) Write(frame, st.dst, std::move(v));
        if (mem_on_) MemLetMove(frame, st);
      }
      resume = false;
      const Terminator& t = B.term;
      SetLine(t.span);
      CountStatement();
      switch (t.kind) {
        case TermKind::Goto: bb = t.target; break;
        case TermKind::Branch: {
          Value c = Read(frame, t.cond);
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
          Value fut = objs_[frame].slots[t.awaitee];
          if (fut.k == Value::K::Ref) fut = Load(fut);  // a `Pin<Box<F>>`: poll the boxed future
          Value out;
          if (fut.k != Value::K::Future) Fault("internal error: awaiting a value that is not a future");
          if (!Poll(static_cast<int>(fut.i), waker, &out)) return false;
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
  void Transition(int frame, int to) {
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
      for (int i : ob.touched) {
        if (keep_[i] || i == ret) {
          ob.touched[kept++] = i;
        } else {
          ob.slots[i] = Value();
          ob.is_touched[i] = 0;
        }
      }
      ob.touched.resize(kept);
    }
    for (const StateField& f : st.fields) keep_[f.slot] = 0;
    Emit(EventKind::Transition, {.obj = frame, .a = from, .b = to, .text = fields, .has_text = true});
    if (mem_on_) MemTransition(frame);
  }

  // A panic; `here`: raised by the statement executing (positioned), not by the executor.
  [[noreturn]] void Panic(const std::string& msg, bool here = true) {
    Emit(EventKind::Panic, {.obj = cur_machine_, .text = msg});
    if (cur_machine_ >= 0 && objs_[cur_machine_].k == Obj::K::Machine) {
      Obj& o = objs_[cur_machine_];
      int panicked = static_cast<int>(P.machines[o.machine].states.size()) - 1;
      if (o.state != panicked) Transition(cur_machine_, panicked);
    }
    std::string why = fmt::format("task {} panicked: {}", cur_task_, msg);
    if (here) FaultHere(std::move(why));
    Fault(std::move(why));
  }

  // [SECTION] iterators
  // Adapters are lazy as in std: a `Map`/`Filter`/`Enumerate`/`Zip` value holds the iterator it
  // wraps (v[0], and v[1] for `Zip`) and runs its closure (v[1]) only when an item is asked
  // for. They are advanced by location, not by reference: a closure call may grow the object
  // table, so the iterator is found again (`At`) after each one.
  enum IterMode : int8_t { kIterBorrowed = 0, kIterOwned = 1, kIterRange = 2, kIterMap = 3, kIterFilter = 4,
                           kIterEnumerate = 5, kIterZip = 6 };

  static Loc Sub(const Loc& l, int32_t i) {
    Loc s = l;
    s.path.push_back(i);
    return s;
  }
  // Where the iterator a reference points at lives (through references to references).
  Loc IterLoc(const Value& r) {
    if (r.k != Value::K::Ref) Fault("internal error: an iterator method without its receiver's place");
    Loc l{r.obj, r.slot, r.path};
    for (int guard = 0; At(l).k == Value::K::Ref && guard < 64; ++guard) {
      const Value& in = At(l);
      l = Loc{in.obj, in.slot, in.path};
    }
    return l;
  }

  bool IterNext(const Loc& loc, Value* item) {
    Value& it = At(loc);
    if (it.k != Value::K::Iter) Fault("internal error: not an iterator");
    switch (it.mode) {
      case kIterMap: {
        Value x;
        if (!IterNext(Sub(loc, 0), &x)) return false;
        Value f = At(loc).v[1];
        *item = CallClosure(f, {x});
        return true;
      }
      case kIterFilter:
        for (;;) {
          Value x;
          if (!IterNext(Sub(loc, 0), &x)) return false;
          // The closure gets `&item`: the item waits in the adapter (v[2]) while it looks.
          At(loc).v[2] = x;
          Loc held = Sub(loc, 2);
          Value r = Value::Make(Value::K::Ref);
          r.obj = held.obj;
          r.slot = held.slot;
          r.path = held.path;
          Value f = At(loc).v[1];
          if (Load(CallClosure(f, {r})).i) {
            *item = std::move(At(loc).v[2]);
            At(loc).v[2] = Value::Unit();
            return true;
          }
        }
      case kIterEnumerate: {
        Value x;
        if (!IterNext(Sub(loc, 0), &x)) return false;
        Value pair = Value::Make(Value::K::Tuple);
        pair.v = {Value::Int(At(loc).i++), std::move(x)};
        *item = std::move(pair);
        return true;
      }
      case kIterZip: {
        Value a, b;
        if (!IterNext(Sub(loc, 0), &a) || !IterNext(Sub(loc, 1), &b)) return false;
        Value pair = Value::Make(Value::K::Tuple);
        pair.v = {std::move(a), std::move(b)};
        *item = std::move(pair);
        return true;
      }
      default: return IterAdvance(it, item);
    }
  }

  // What `into_iter()` (and a `for` loop) makes of a value: borrowed or owned elements.
  Value IntoIterValue(Value src) {
    if (src.k == Value::K::Iter) return src;
    Value it = Value::Make(Value::K::Iter);
    if (src.k == Value::K::Ref) {
      Value& target = Deref(src);
      if (target.k == Value::K::Iter) return target;
      it.mode = kIterBorrowed;
      it.end = static_cast<int64_t>(target.v.size());
      it.v.push_back(src);
    } else {
      it.mode = kIterOwned;
      it.end = static_cast<int64_t>(src.v.size());
      it.v.push_back(std::move(src));
    }
    return it;
  }

  Value Adapter(IterMode mode, std::vector<Value> parts) {
    Value it = Value::Make(Value::K::Iter);
    it.mode = mode;
    it.v = std::move(parts);
    if (mode == kIterFilter) it.v.push_back(Value::Unit());
    return it;
  }

  // `.rev()`: the base iterator walks from its end; `map` and `filter` pass `next_back` through.
  void Reverse(Value& it) {
    if (it.mode == kIterMap || it.mode == kIterFilter) Reverse(it.v[0]);
    else it.rev = !it.rev;
  }

  // The consumers: they drive the iterator their receiver points at.
  Value ConsumeIter(BuiltinId id, std::vector<Value>& a) {
    Loc loc = IterLoc(a[0]);
    Value x;
    switch (id) {
      case BuiltinId::Next:
        if (!IterNext(loc, &x)) return Value::Variant("None");
        return Value::Variant("Some", {x});
      case BuiltinId::Count: {
        int64_t n = 0;
        while (IterNext(loc, &x)) ++n;
        return Value::Int(n);
      }
      case BuiltinId::Sum: {
        int64_t total = 0;
        while (IterNext(loc, &x)) total += Load(x).i;
        return Value::Int(total);
      }
      case BuiltinId::Any: case BuiltinId::All: {
        bool any = id == BuiltinId::Any;
        while (IterNext(loc, &x))
          if ((Load(CallClosure(a[1], {x})).i != 0) == any) return Value::Bool(any);  // stops at the first
        return Value::Bool(!any);
      }
      case BuiltinId::Collect: {
        Value v = Value::Make(Value::K::Array);
        v.s = "vec";
        while (IterNext(loc, &x)) {
          if (v.v.size() >= kMaxElements) FaultHere(fmt::format("a vector grew past the emulator's limit of {} elements (an endless iterator?)", kMaxElements));
          v.v.push_back(std::move(x));
        }
        return v;
      }
      default: Fault("internal error: not an iterator consumer");
    }
  }

  bool IterAdvance(Value& it, Value* item) {
    if (it.k != Value::K::Iter) Fault("internal error: not an iterator");
    if (it.i >= it.end) return false;
    int64_t idx = it.rev ? --it.end : it.i++;
    switch (it.mode) {
      case 0: {
        Value r = it.v[0];
        r.path.push_back(static_cast<int32_t>(idx));
        r.i = 0;
        if (mem_on_) r.addr = ElementAddr(it.v[0], r);
        *item = r;
        return true;
      }
      case 1: *item = it.v[0].v[idx]; return true;
      default: *item = Value::Int(idx); return true;
    }
  }

  int64_t IntBits(TypeRef t) {
    if (!t || !t->IsInt()) return 64;
    switch (t->int_kind) {
      case IntKind::U8: return 8;
      case IntKind::U32: case IntKind::I32: return 32;
      default: return 64;
    }
  }
  bool IsSigned(TypeRef t) { return !t || !t->IsInt() || t->int_kind == IntKind::I32 || t->int_kind == IntKind::I64; }

  Value Arith(BinOp op, const Value& a0, const Value& b0, TypeRef type) {
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

  Value Eval(int frame, const Statement& st, int waker) {
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
          Emit(EventKind::Print, {.obj = cur_machine_, .text = text});
          return Value::Unit();
        }
        return Value::Str(text);
      }
      case RvalueKind::Len: return Value::Int(static_cast<int64_t>(Load(arg(0)).v.size()));
    }
    return Value::Unit();
  }

  Value Aggregate(int frame, const Rvalue& rv) {
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
          for (const FieldDecl& f : rv.struct_decl->fields) {
            auto it = std::find(rv.names.begin(), rv.names.end(), f.name);
            v.names.push_back(f.name);
            v.v.push_back(it == rv.names.end() ? Value() : items[it - rv.names.begin()]);
          }
        } else {
          v.names = rv.names;
          v.v = std::move(items);
        }
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

  // [SECTION] calls
  // Runs a synchronous body (fn or closure) to completion in a fresh frame.
  Value CallBody(int body, const std::vector<Value>& args, const std::vector<Value>& captures) {
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
    objs_[frame].slots.clear();  // the frame is gone; references into it dangle
    return ret;
  }

  Value CallClosure(const Value& c0, std::vector<Value> args) {
    Value c = Load(c0);
    if (c.k != Value::K::Closure) Fault("internal error: calling a value that is not a closure");
    return CallBody(static_cast<int>(c.i), args, c.v);
  }

  Value Duration(int64_t ms) {
    Value v = Value::Make(Value::K::Duration);
    v.i = ms;
    return v;
  }

  Value Call(int frame, const Rvalue& rv, int waker) {
    std::vector<Value> a;
    for (size_t i = 0; i < rv.operands.size(); ++i) a.push_back(Read(frame, rv.operands[i]));
    if (rv.fn) {
      int body = P.checked->fn_body.at(rv.fn);
      if (mem_on_) NoteArgMoves(frame, rv, a);
      if (rv.fn->is_async) {
        int id = NewMachine(body, a, frame, rv.fn->name);
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
    if (!rv.builtin) {  // a closure held in a variable: operands[0] borrows it
      Value c = a[0];
      a.erase(a.begin());
      return CallClosure(c, a);
    }
    return CallBuiltin(*rv.builtin, a, waker);
  }

  Value CallOp(int op, const std::vector<Value>& args) {
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

  Value CallBuiltin(const Builtin& b, std::vector<Value>& a, int waker) {
    (void)waker;
    auto self = [&]() -> Value& { return Deref(a[0]); };
    switch (b.id) {
      case BuiltinId::ReadFile: case BuiltinId::WriteFile: {
        std::string path = Load(a[0]).s;
        bool write = b.id == BuiltinId::WriteFile;
        int id = NewLeaf(write ? FutureKind::WriteFile : FutureKind::ReadFile,
                         fmt::format("{}({})", write ? "async_write_file" : "async_read_file", Quote(path)));
        Obj& o = objs_[id];
        o.path = path;
        if (write) o.data = Value::Str(Load(a[1]).s);
        o.device = Device("disk", "disk");
        return Value::Future(id);
      }
      case BuiltinId::Sleep: {
        int64_t ms = Load(a[0]).i;
        int id = NewLeaf(FutureKind::Sleep, fmt::format("sleep({}ms)", ms));
        objs_[id].latency = ms;
        objs_[id].device = Device("timer", "timer");
        return Value::Future(id);
      }
      case BuiltinId::TimerNew: {
        // Eager: the timer's thread starts now, whether or not the future is ever polled.
        int64_t ms = Load(a[0]).i;
        int id = NewLeaf(FutureKind::Timer, fmt::format("TimerFuture::new({}ms)", ms));
        Obj& o = objs_[id];
        o.latency = ms;
        o.device = Device(fmt::format("thread:TimerFuture#{}", id), "thread");
        StartRequest(id, fmt::format("sleep {}ms", ms));
        return Value::Future(id);
      }
      case BuiltinId::ScancodeNew: {
        if (kb_initialized_) Panic("ScancodeStream::new should only be called once");
        kb_initialized_ = true;
        Device("keyboard", "keyboard");
        return Value::Make(Value::K::Stream);
      }
      case BuiltinId::StreamNext: {
        int id = NewLeaf(FutureKind::Next, "scancodes.next()");
        objs_[id].device = Device("keyboard", "keyboard");
        return Value::Future(id);
      }
      case BuiltinId::YieldNow: return Value::Future(NewLeaf(FutureKind::YieldNow, "yield_now()"));
      case BuiltinId::Ready: {
        int id = NewLeaf(FutureKind::Ready, fmt::format("ready({})", Show(Load(a[0]), true)));
        objs_[id].result = a[0];
        return Value::Future(id);
      }
      case BuiltinId::Join: {
        Obj o;
        o.k = Obj::K::Combinator;
        o.fut = FutureKind::Join;
        o.kids = {static_cast<int>(a[0].i), static_cast<int>(a[1].i)};
        o.outs.assign(2, Value());
        o.kid_done.assign(2, false);
        int id = NewObj(std::move(o), "join", ObjectKind::Combinator);
        for (int k : objs_[id].kids) T.objects[k].parent = id;
        return Value::Future(id);
      }
      case BuiltinId::Spawn: SpawnTask(a[0], T.objects[a[0].i].name); return Value::Unit();
      case BuiltinId::Work: case BuiltinId::ThreadSleep: {
        int64_t ms = Load(a[0]).i;
        bool blocking = b.id == BuiltinId::ThreadSleep;
        Emit(EventKind::CpuBusy, {.a = ms, .b = blocking ? 1 : 0,
                                  .text = blocking ? fmt::format("thread_sleep({}ms) blocks the core", ms)
                                                   : fmt::format("work({}ms)", ms)});
        AdvanceTo(now_ + ms, /*deliver=*/!blocking);
        return Value::Unit();
      }
      case BuiltinId::BoxNew: case BuiltinId::BoxPin: {
        Obj o;
        o.k = Obj::K::Box;
        o.slots.push_back(a[0]);
        int id = NewObj(std::move(o), "Box", ObjectKind::Leaf);
        Value r = Value::Make(Value::K::Ref);
        r.obj = id;
        r.slot = 0;
        if (mem_on_) {
          AllocBox(id, pending_box_type_, objs_[id].slots[0], b.id == BuiltinId::BoxPin);
          r.addr = AddrOf(id, 0, {});
        }
        return r;
      }
      case BuiltinId::MemReplace: {
        Value& place = Deref(a[0]);
        Value old = place;
        place = a[1];
        if (mem_on_) MemReplaced(a[0], nullptr);
        return old;
      }
      case BuiltinId::MemSwap:
        std::swap(Deref(a[0]), Deref(a[1]));
        if (mem_on_) MemReplaced(a[0], &a[1]);
        return Value::Unit();
      case BuiltinId::DurationMillis: return Duration(Load(a[0]).i);
      case BuiltinId::DurationSecs: return Duration(Load(a[0]).i * 1000);
      case BuiltinId::ErrorNew: { Value e = Value::Make(Value::K::Error); e.s = Load(a[0]).s; return e; }
      case BuiltinId::StringNew: return Value::Str("");
      case BuiltinId::StringFrom: return Value::Str(Load(a[0]).s);
      case BuiltinId::VecNew: { Value v = Value::Make(Value::K::Array); v.s = "vec"; return v; }
      case BuiltinId::Drop: return Value::Unit();
      case BuiltinId::PinAsMut: {
        // `Pin::as_mut(&mut pinned_box)`: a `Pin<&mut T>` to the box's contents.
        Value r = a[0];
        if (r.k == Value::K::Ref && r.obj >= 0) {
          const Value& inner = At(Loc{r.obj, r.slot, r.path});
          if (inner.k == Value::K::Ref) return inner;
        }
        return r;
      }
      case BuiltinId::PinGetUncheckedMut: case BuiltinId::AsMut: return a[0];
      case BuiltinId::EitherLeft: case BuiltinId::EitherRight: return a[0];
      case BuiltinId::Len: return Value::Int(static_cast<int64_t>(self().k == Value::K::Str ? self().s.size() : self().v.size()));
      case BuiltinId::IsEmpty: return Value::Bool(self().k == Value::K::Str ? self().s.empty() : self().v.empty());
      case BuiltinId::ToString: return Value::Str(Show(self(), false));
      case BuiltinId::ToUppercase: {
        std::string s = self().s;
        for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return Value::Str(s);
      }
      case BuiltinId::Clone: return Load(a[0]);
      case BuiltinId::PushStr: self().s += Load(a[1]).s; return Value::Unit();
      case BuiltinId::Push:
        if (self().v.size() >= kMaxElements) FaultHere(fmt::format("a vector grew past the emulator's limit of {} elements (allocation without bound?)", kMaxElements));
        self().v.push_back(a[1]);
        return Value::Unit();
      case BuiltinId::Pop: {
        Value& v = self();
        if (v.v.empty()) return Value::Variant("None");
        Value last = v.v.back();
        v.v.pop_back();
        return Value::Variant("Some", {last});
      }
      case BuiltinId::Iter: {
        Value it = Value::Make(Value::K::Iter);
        it.mode = 0;
        it.end = static_cast<int64_t>(self().v.size());
        it.v.push_back(a[0]);
        return it;
      }
      case BuiltinId::Rev: { Value it = Load(a[0]); Reverse(it); return it; }
      case BuiltinId::IntoIter: return IntoIterValue(a[0]);
      case BuiltinId::IterMut: {
        Value it = Value::Make(Value::K::Iter);
        it.mode = kIterBorrowed;
        it.end = static_cast<int64_t>(self().v.size());
        it.v.push_back(a[0]);
        return it;
      }
      case BuiltinId::IterMap: return Adapter(kIterMap, {Load(a[0]), a[1]});
      case BuiltinId::Filter: return Adapter(kIterFilter, {Load(a[0]), a[1]});
      case BuiltinId::Enumerate: return Adapter(kIterEnumerate, {Load(a[0])});
      case BuiltinId::Zip: return Adapter(kIterZip, {Load(a[0]), IntoIterValue(a[1])});
      case BuiltinId::Next: case BuiltinId::Count: case BuiltinId::Sum: case BuiltinId::Any: case BuiltinId::All:
      case BuiltinId::Collect:
        return ConsumeIter(b.id, a);
      case BuiltinId::Unwrap: case BuiltinId::Expect: {
        Value v = Load(a[0]);
        if (v.s == "Some" || v.s == "Ok") return v.v[0];
        if (b.id == BuiltinId::Expect) Panic(Load(a[1]).s + (v.s == "Err" ? ": " + Show(v.v[0], true) : ""));
        Panic(v.s == "None" ? "called `Option::unwrap()` on a `None` value"
                            : "called `Result::unwrap()` on an `Err` value: " + Show(v.v[0], true));
      }
      case BuiltinId::UnwrapOr: { Value v = Load(a[0]); return v.s == "Some" || v.s == "Ok" ? v.v[0] : a[1]; }
      case BuiltinId::IsSome: return Value::Bool(self().s == "Some");
      case BuiltinId::IsNone: return Value::Bool(self().s == "None");
      case BuiltinId::IsOk: return Value::Bool(self().s == "Ok");
      case BuiltinId::IsErr: return Value::Bool(self().s == "Err");
      case BuiltinId::Get: {
        int64_t i = Load(a[1]).i;
        if (i < 0 || i >= static_cast<int64_t>(self().v.size())) return Value::Variant("None");
        Value r = a[0];
        if (r.k != Value::K::Ref) return Value::Variant("Some", {self().v[i]});
        r.path.push_back(static_cast<int32_t>(i));
        if (mem_on_) r.addr = ElementAddr(a[0], r);
        return Value::Variant("Some", {r});
      }
      case BuiltinId::Contains: return Value::Bool(self().s.find(Load(a[1]).s) != std::string::npos);
      case BuiltinId::AsStr: return Value::Str(self().s);
      case BuiltinId::AsMillis: return Value::Int(self().i);
      case BuiltinId::Map: case BuiltinId::Then: {
        Obj o;
        o.k = Obj::K::Combinator;
        o.fut = b.id == BuiltinId::Map ? FutureKind::Map : FutureKind::Then;
        o.kids = {static_cast<int>(a[0].i)};
        o.fn = a[1];
        int id = NewObj(std::move(o), b.id == BuiltinId::Map ? "map" : "then", ObjectKind::Combinator);
        T.objects[objs_[id].kids[0]].parent = id;
        return Value::Future(id);
      }
      default: break;
    }
    Fault(fmt::format("internal error: built-in `{}` is not available at run time", b.name));
  }

  // [SECTION] memory (runs that track memory: scenario [memory], or scripts using raw pointers,
  // Pin, Box or mem::replace/swap). Every object that holds values gets a block: a state machine
  // its machine's bytes, a box its heap bytes, a frame (or the locals of a poll that are not saved
  // in the machine) a stack block, allocated when an address is first needed. References carry
  // the address they were taken at, so a pointer to a moved place keeps the old address.
  struct SlotHome {
    bool in_machine = false;
    uint64_t offset = 0;
    uint64_t size = 0;
  };

  bool UsesMemoryFeatures() const {
    auto pointerish = [](TypeRef t) {
      for (int d = 0; t && d < 4; ++d, t = t->args.empty() ? nullptr : t->args[0])
        if (t->kind == TypeKind::RawPtr || t->kind == TypeKind::Pin || t->kind == TypeKind::Box ||
            t->kind == TypeKind::PhantomPinned)
          return true;
      return false;
    };
    for (const IrBody& ir : P.ir) {
      for (const Slot& s : ir.slots)
        if (pointerish(s.type)) return true;
      for (const Constant& c : ir.constants)
        if (c.kind == Constant::Kind::Str && c.str.find("{:p}") != std::string::npos) return true;
      for (const BasicBlock& b : ir.blocks)
        for (const Statement& st : b.stmts)
          if (st.rv.kind == RvalueKind::Call && st.rv.builtin &&
              (st.rv.builtin->id == BuiltinId::MemReplace || st.rv.builtin->id == BuiltinId::MemSwap))
            return true;
    }
    return false;
  }

  void MemInit() {
    mem_on_ = S.memory.track || UsesMemoryFeatures();
    mem_.next[static_cast<int>(MemRegion::Stack)] = S.memory.stack_base;
    mem_.next[static_cast<int>(MemRegion::Heap)] = S.memory.heap_base;
    mem_.next[static_cast<int>(MemRegion::Tasks)] = S.memory.tasks_base;
    for (const MoveSpec& mv : S.memory.moves)
      if (!P.FindMachine(mv.future))
        D.ReportAt(Severity::Error, S.path, mv.line, 1,
                   fmt::format("[[memory.move]]: the script has no async fn `{}` to move", mv.future), mv.line_text);
  }

  // Moves that never happened are worth a warning: the lesson did not take place.
  void MovesNotDone() {
    if (!mem_on_) return;
    for (size_t i = 0; i < S.memory.moves.size(); ++i)
      if (!moves_done_.count(i))
        Note(1, fmt::format("[[memory.move]] of `{}` after {} poll{} did not happen: no such state machine was polled "
                            "that often",
                            S.memory.moves[i].future, S.memory.moves[i].after_polls,
                            S.memory.moves[i].after_polls == 1 ? "" : "s"));
  }

  template <typename T>
  static T& Side(std::vector<T>& v, int id, T init) {
    if (static_cast<size_t>(id) >= v.size()) v.resize(static_cast<size_t>(id) + 1, init);
    return v[static_cast<size_t>(id)];
  }
  int& HomeOf(int obj) { return Side(home_, obj, -1); }
  int& FrameBlockOf(int obj) { return Side(frame_block_, obj, -1); }

  const std::vector<SlotHome>& Homes(int body) {
    auto it = homes_.find(body);
    if (it != homes_.end()) return it->second;
    const IrBody& ir = P.ir[body];
    std::vector<SlotHome> h(ir.slots.size());
    int mi = body < static_cast<int>(P.machine_of_body.size()) ? P.machine_of_body[body] : -1;
    if (mi >= 0)
      for (const State& st : P.machines[mi].states)
        for (const StateField& f : st.fields)
          if (f.slot >= 0 && f.slot < static_cast<int>(h.size()) && !h[f.slot].in_machine)
            h[f.slot] = {true, f.offset, f.size};
    uint64_t off = 0;
    for (size_t i = 0; i < h.size(); ++i) {
      if (h[i].in_machine) continue;
      Layout l = ir.slots[i].type ? P.LayoutOfType(ir.slots[i].type) : Layout{0, 1};
      off = AlignUp(off, l.align);
      h[i] = {false, off, l.size};
      off += l.size;
    }
    frame_size_[body] = AlignUp(off, 8);
    return homes_.emplace(body, std::move(h)).first->second;
  }

  // Offset of `path` inside a value of type `t`.
  uint64_t PathOffset(TypeRef t, const std::vector<int32_t>& path) {
    uint64_t off = 0;
    for (int32_t i : path) {
      if (!t) return off;
      switch (t->kind) {
        case TypeKind::Array: case TypeKind::Vec: {
          t = t->args[0];
          off += P.LayoutOfType(t).size * static_cast<uint64_t>(std::max(i, 0));
          break;
        }
        case TypeKind::Struct: case TypeKind::Tuple: {
          std::vector<TypeRef> fields;
          if (t->kind == TypeKind::Tuple) fields = t->args;
          else if (auto f = P.checked->struct_fields.find(t->decl); f != P.checked->struct_fields.end()) fields = f->second;
          std::vector<Layout> ls;
          for (TypeRef f : fields) ls.push_back(P.LayoutOfType(f));
          std::vector<uint64_t> offsets;
          RustStructLayout(ls, &offsets);  // rustc's field order
          if (i >= 0 && i < static_cast<int32_t>(offsets.size())) off += offsets[i];
          t = i >= 0 && i < static_cast<int32_t>(fields.size()) ? fields[i] : nullptr;
          break;
        }
        case TypeKind::Option: case TypeKind::Result: case TypeKind::Poll: {
          TypeRef payload = t->args.empty() ? nullptr : t->args[0];
          // A tag first, unless the enum lives in the payload's niche (same size).
          if (payload && P.LayoutOfType(t).size != P.LayoutOfType(payload).size)
            off += AlignUp(1, P.LayoutOfType(payload).align);
          t = payload;
          break;
        }
        default: return off;
      }
    }
    return off;
  }

  TypeRef SlotTypeOf(int obj, int slot) {
    const Obj& o = objs_[obj];
    if (o.k == Obj::K::Box) return static_cast<size_t>(obj) < box_type_.size() ? box_type_[obj] : nullptr;
    if (o.body < 0 || slot < 0 || slot >= static_cast<int>(P.ir[o.body].slots.size())) return nullptr;
    return P.ir[o.body].slots[slot].type;
  }

  // The block holding slot `slot` of `obj` (allocating a stack block for frame locals on first
  // use); -1 when the object has no memory (leaf futures, combinators).
  int BlockOfSlot(int obj, int slot) {
    if (obj < 0 || obj >= static_cast<int>(objs_.size())) return -1;
    const Obj& o = objs_[obj];
    if (o.k == Obj::K::Box) return HomeOf(obj);
    if (o.body < 0) return -1;
    const auto& h = Homes(o.body);
    if (o.k == Obj::K::Machine && slot >= 0 && slot < static_cast<int>(h.size()) && h[slot].in_machine)
      return HomeOf(obj);
    if (o.k != Obj::K::Machine && o.k != Obj::K::Frame) return -1;
    int& fb = FrameBlockOf(obj);
    if (fb < 0 && !o.slots.empty()) {
      fb = mem_.Allocate(MemRegion::Stack, frame_size_[o.body], 8);
      MemBlock& b = *mem_.Find(fb);
      b.type_name = fmt::format("locals of {}", P.checked->bodies[o.body].name);
      b.owner = o.k == Obj::K::Machine ? fmt::format("{}#{} (while polled)", T.objects[obj].name, obj)
                                       : fmt::format("{} (call)", T.objects[obj].name);
      b.object = obj;
      block_obj_[fb] = {obj, true};
      MemEmit(EventKind::MemAlloc, fb, static_cast<int64_t>(b.address), static_cast<int64_t>(b.size),
              fmt::format("stack frame for the {} of {}", o.k == Obj::K::Machine ? "locals" : "call",
                          P.checked->bodies[o.body].name),
              {fb});
    }
    return fb;
  }

  uint64_t AddrOf(int obj, int slot, const std::vector<int32_t>& path) {
    int blk = BlockOfSlot(obj, slot);
    const MemBlock* b = blk >= 0 ? mem_.Find(blk) : nullptr;
    if (!b) return 0;
    const Obj& o = objs_[obj];
    uint64_t base = b->address;
    if (o.k != Obj::K::Box) {
      const auto& h = Homes(o.body);
      if (slot < 0 || slot >= static_cast<int>(h.size())) return 0;
      base += h[slot].offset;
    }
    return base + PathOffset(SlotTypeOf(obj, slot), path);
  }

  // The address a pointer value designates now (offset policy: recomputed from its place).
  uint64_t PointerTarget(const Value& p) {
    if (p.k == Value::K::RawPtr && p.obj < 0) return static_cast<uint64_t>(p.i);
    return p.addr;
  }

  // Little-endian bytes of `v` (of type `t`) at `out` (`size` bytes available).
  void EncodeValue(const Value& v, TypeRef t, uint8_t* out, uint64_t size) {
    auto put = [&](uint64_t x, uint64_t n) {
      for (uint64_t i = 0; i < n && i < size; ++i) out[i] = static_cast<uint8_t>(x >> (8 * i));
    };
    switch (v.k) {
      case Value::K::Int: case Value::K::Char: case Value::K::Bool: case Value::K::Duration:
        put(static_cast<uint64_t>(v.i), std::min<uint64_t>(size, 8));
        break;
      case Value::K::Ref: case Value::K::RawPtr: put(PointerTarget(v), std::min<uint64_t>(size, 8)); break;
      case Value::K::Array: case Value::K::Tuple: case Value::K::Struct: {
        if (!t || (t->kind != TypeKind::Array && t->kind != TypeKind::Tuple && t->kind != TypeKind::Struct)) break;
        for (size_t i = 0; i < v.v.size(); ++i) {
          uint64_t off = PathOffset(t, {static_cast<int32_t>(i)});
          TypeRef et = t->kind == TypeKind::Array ? t->args[0]
                       : t->kind == TypeKind::Tuple ? (i < t->args.size() ? t->args[i] : nullptr)
                                                    : nullptr;
          if (t->kind == TypeKind::Struct)
            if (auto f = P.checked->struct_fields.find(t->decl); f != P.checked->struct_fields.end() && i < f->second.size())
              et = f->second[i];
          uint64_t es = et ? P.LayoutOfType(et).size : 0;
          if (off + es <= size) EncodeValue(v.v[i], et, out + off, es);
        }
        break;
      }
      default: break;
    }
  }

  std::string ShowMem(const Value& v) {
    if (v.k == Value::K::Ref || v.k == Value::K::RawPtr) {
      if (v.k == Value::K::RawPtr && v.obj < 0 && v.i == 0) return "0x0 (null)";
      return HexAddress(PointerTarget(v));
    }
    if (v.k == Value::K::Struct) {
      std::string s = v.s + " { ";
      for (size_t i = 0; i < v.v.size(); ++i) s += (i ? ", " : "") + v.names[i] + ": " + ShowMem(v.v[i]);
      return s + (v.v.empty() ? "}" : " }");
    }
    return Show(v, true);
  }

  // Adds the fields of a value of type `t` at `offset` (structs by member, the rest whole).
  void AddFields(MemBlock& b, const std::string& name, TypeRef t, const Value* v, uint64_t offset, int variant, int depth = 0) {
    Layout l = t ? P.LayoutOfType(t) : Layout{0, 1};
    if (t && t->kind == TypeKind::Struct && depth < 3 && (!v || v->k == Value::K::Struct)) {
      auto f = P.checked->struct_fields.find(t->decl);
      if (f != P.checked->struct_fields.end() && !f->second.empty()) {
        for (size_t i = 0; i < f->second.size(); ++i) {
          const Value* fv = v && i < v->v.size() ? &v->v[i] : nullptr;
          std::string fname = name + "." + (i < t->decl->fields.size() ? t->decl->fields[i].name : std::to_string(i));
          AddFields(b, fname, f->second[i], fv, offset + PathOffset(t, {static_cast<int32_t>(i)}), variant, depth + 1);
        }
        return;
      }
    }
    MemField f;
    f.name = name;
    f.type = t ? TypeName(t) : "?";
    f.offset = offset;
    f.size = l.size;
    f.variant = variant;
    if (v) {
      f.stale = v->k == Value::K::Moved;
      if (v->k == Value::K::Ref || v->k == Value::K::RawPtr) {
        f.is_pointer = true;
        f.target = PointerTarget(*v);
        if (v->obj >= 0) {
          f.target_name = MemPlaceName(*v);
          uint64_t now = AddrOf(v->obj, v->slot, v->path);
          f.dangling = f.target != 0 && now != f.target;
        }
        f.self_ref = f.target >= b.address && f.target < b.address + b.size;
        if (f.self_ref && S.memory.self_refs == "offsets" && b.object >= 0 && objs_[b.object].k == Obj::K::Machine) {
          f.offset_ref = true;
          uint64_t base = StateStructBase(b.object);
          f.value = fmt::format("offset {} (= {})", f.target - base, HexAddress(f.target));
        } else {
          f.value = ShowMem(*v);
        }
      } else if (v->k == Value::K::Future && v->i >= 0 && v->i < static_cast<int64_t>(objs_.size()) &&
                 static_cast<size_t>(v->i) < home_.size() && home_[v->i] >= 0) {
        f.value = Show(*v, true);
        f.is_pointer = false;
      } else {
        f.value = v->k == Value::K::Uninit ? "" : ShowMem(*v);
      }
      if (v->Usable() && f.offset + f.size <= b.bytes.size()) EncodeValue(*v, t, b.bytes.data() + f.offset, f.size);
    }
    b.fields.push_back(std::move(f));
  }

  // Address of the first field of the machine's current state (the documents' "state struct").
  uint64_t StateStructBase(int obj) {
    const Obj& o = objs_[obj];
    const MemBlock* b = mem_.Find(HomeOf(obj));
    if (!b) return 0;
    const State& st = P.machines[o.machine].states[o.state];
    uint64_t first = st.fields.empty() ? P.machines[o.machine].tag_size : st.fields[0].offset;
    for (const StateField& f : st.fields) first = std::min(first, f.offset);
    return b->address + first;
  }

  // Rebuilds a block's fields and bytes from the values it holds now.
  void Refresh(int blk) {
    MemBlock* bp = mem_.Find(blk);
    auto owner = block_obj_.find(blk);
    if (!bp || owner == block_obj_.end()) return;
    MemBlock& b = *bp;
    const int obj = owner->second.first;
    const bool frame = owner->second.second;
    b.fields.clear();
    std::fill(b.bytes.begin(), b.bytes.end(), 0);
    const Obj& o = objs_[obj];
    if (o.k == Obj::K::Box) {
      AddFields(b, "*box", box_type_.size() > static_cast<size_t>(obj) ? box_type_[obj] : nullptr,
                o.slots.empty() ? nullptr : &o.slots[0], 0, -1);
      return;
    }
    const IrBody& ir = P.ir[o.body];
    const auto& h = Homes(o.body);
    if (!frame && o.k == Obj::K::Machine) {
      const Machine& m = P.machines[o.machine];
      b.state = o.state;
      MemField tag;
      tag.name = "<tag>";
      tag.type = "u8";
      tag.size = m.tag_size;
      tag.value = fmt::format("{} ({})", o.state, m.states[o.state].label);
      if (!b.bytes.empty()) b.bytes[0] = static_cast<uint8_t>(o.state);
      b.fields.push_back(tag);
      for (const State& st : m.states) {
        for (const StateField& f : st.fields) {
          bool in_force = st.index == o.state;
          const Value* v = in_force && f.slot >= 0 && f.slot < static_cast<int>(o.slots.size()) ? &o.slots[f.slot] : nullptr;
          AddFields(b, f.name, f.type, v, f.offset, st.index);
        }
      }
      return;
    }
    for (size_t i = 0; i < h.size() && i < o.slots.size(); ++i) {
      if (h[i].in_machine || ir.slots[i].is_temp || ir.slots[i].is_awaitee || h[i].size == 0) continue;
      AddFields(b, ir.slots[i].name, ir.slots[i].type, &o.slots[i], h[i].offset, -1);
    }
  }

  void MemEmit(EventKind k, int blk, int64_t a, int64_t b, const std::string& headline, std::vector<int> blocks) {
    std::string payload = headline + "\n";
    for (int id : blocks) {
      Refresh(id);
      if (const MemBlock* mb = mem_.Find(id)) payload += EncodeBlock(*mb);
    }
    Emit(k, {.obj = blk, .a = a, .b = b, .text = std::move(payload)});
  }

  // A state machine's block, when it is created.
  void AllocMachine(int id, const std::string& fn) {
    if (!mem_on_) return;
    const Obj& o = objs_[id];
    const Machine& m = P.machines[o.machine];
    uint64_t fixed = 0;
    for (const auto& [name, addr] : S.memory.at)
      if (name == fn && !fixed_used_.count(name)) {
        fixed = addr;
        fixed_used_.insert(name);
      }
    MemRegion region = cur_task_ < 0 && depth_ == 0 ? MemRegion::Tasks : MemRegion::Stack;
    int blk = mem_.Allocate(region, m.size, m.align, fixed);
    MemBlock& b = *mem_.Find(blk);
    b.type_name = m.enum_name;
    b.owner = fmt::format("{}#{}", T.objects[id].name, id);
    b.object = id;
    b.unpin = !m.self_referential;
    b.pinned = region == MemRegion::Tasks;
    HomeOf(id) = blk;
    block_obj_[blk] = {id, false};
    MemEmit(EventKind::MemAlloc, blk, static_cast<int64_t>(b.address), static_cast<int64_t>(b.size),
            fmt::format("{}#{}: {} in {}{}, {}{}", T.objects[id].name, id, m.enum_name, MemRegionName(region),
                        b.pinned ? " (pinned by spawn)" : "", SizeClaim(m), m.self_referential ? "; !Unpin" : ""),
            {blk});
  }

  // The talk's rule, checked on the real layout: a machine is as large as its largest state (the
  // tag plus that state's fields), rounded up to its alignment.
  static std::string SizeClaim(const Machine& m) {
    const State* largest = nullptr;
    for (const State& st : m.states)
      if (!largest || st.size > largest->size) largest = &st;
    if (!largest) return fmt::format("{} bytes", m.size);
    uint64_t fields_end = m.tag_size;
    for (const StateField& f : largest->fields) fields_end = std::max(fields_end, f.offset + f.size);
    return fmt::format("{} bytes = its largest state {} ({}-byte tag + fields up to byte {}) rounded up to align {}",
                       m.size, largest->label, m.tag_size, fields_end, m.align);
  }

  // [memory] connections: the slides' comparison, from the real size of the connection's machine.
  void ConnectionsNote() {
    const MemorySpec& ms = S.memory;
    if (ms.connections <= 0) return;
    const Machine* m = P.FindMachine(ms.connection);
    if (!m) {
      Note(1, fmt::format("[memory] connection: no async fn `{}` to compare with threads", ms.connection));
      return;
    }
    const uint64_t n = static_cast<uint64_t>(ms.connections);
    const uint64_t thread_bytes = n * static_cast<uint64_t>(ms.thread_stack_mb) * 1000 * 1000;
    const uint64_t future_bytes = n * m->size;
    Note(0, fmt::format("{} connections as threads: {} x {} MB of stack = {} GB; as futures: {} x {} bytes ({}) = {} "
                        "bytes ({:.1f} KB), {} times less",
                        n, n, ms.thread_stack_mb, thread_bytes / 1000000000.0, n, m->size, m->enum_name, future_bytes,
                        future_bytes / 1000.0, future_bytes ? thread_bytes / future_bytes : 0));
  }

  void AllocBox(int id, TypeRef t, const Value& content, bool pin) {
    if (!mem_on_) return;
    Side(box_type_, id, static_cast<TypeRef>(nullptr)) = t;
    if (content.k == Value::K::Future && content.i >= 0 && static_cast<size_t>(content.i) < home_.size() &&
        home_[content.i] >= 0) {
      // Box::pin(future): the machine itself moves to the heap and is pinned there.
      int blk = home_[content.i];
      HomeOf(id) = blk;
      MemBlock* b = mem_.Find(blk);
      if (b->region != MemRegion::Heap && b->region != MemRegion::Tasks) {
        RelocateMachine(static_cast<int>(content.i), 0, MemRegion::Heap,
                        fmt::format("Box::pin moves {}#{} to the heap", T.objects[content.i].name, content.i));
      }
      b = mem_.Find(blk);
      b->pinned = true;
      return;
    }
    Layout l = t ? P.LayoutOfType(t) : Layout{8, 8};
    int blk = mem_.Allocate(MemRegion::Heap, l.size, l.align);
    MemBlock& b = *mem_.Find(blk);
    b.type_name = t ? TypeName(t) : "?";
    b.owner = fmt::format("Box#{}", id);
    b.unpin = !(t && NotUnpinType(t));
    b.pinned = pin;
    HomeOf(id) = blk;
    block_obj_[blk] = {id, false};
    MemEmit(EventKind::MemAlloc, blk, static_cast<int64_t>(b.address), static_cast<int64_t>(b.size),
            fmt::format("{} puts {} on the heap at {}{}", pin ? "Box::pin" : "Box::new", ShowMem(content),
                        HexAddress(b.address), pin ? ", pinned there" : ""), {blk});
  }

  bool NotUnpinType(TypeRef t) {
    if (!t) return false;
    if (t->kind == TypeKind::PhantomPinned) return true;
    if (t->kind == TypeKind::Struct) {
      auto f = P.checked->struct_fields.find(t->decl);
      if (f != P.checked->struct_fields.end())
        for (TypeRef ft : f->second)
          if (NotUnpinType(ft)) return true;
    }
    if (t->kind == TypeKind::Array || t->kind == TypeKind::Tuple)
      for (TypeRef a : t->args)
        if (NotUnpinType(a)) return true;
    return false;
  }

  // Moves a state machine's bytes to `to` (or the next free address of `region`). The old
  // bytes stay behind as stale memory; a ghost object keeps their values for dangling reads.
  void RelocateMachine(int id, uint64_t to, MemRegion region, const std::string& why) {
    int blk = HomeOf(id);
    MemBlock* b = mem_.Find(blk);
    if (!b) return;
    Refresh(blk);
    Obj ghost;
    ghost.k = Obj::K::Frame;
    ghost.body = objs_[id].body;
    ghost.machine = objs_[id].machine;
    ghost.state = objs_[id].state;
    ghost.slots = objs_[id].slots;
    objs_.push_back(std::move(ghost));
    T.objects.push_back({ObjectKind::Machine, -1, fmt::format("stale copy of {}", T.objects[id].name), -1, cur_task_,
                         static_cast<int64_t>(T.events.size())});
    const uint64_t from = b->address;
    const uint64_t old_base = StateStructBase(id);
    ghosts_.push_back({id, from, b->size, static_cast<int>(objs_.size()) - 1});
    if (to == 0) mem_.MoveToRegion(blk, region, static_cast<int64_t>(T.events.size()));
    else mem_.Move(blk, to, static_cast<int64_t>(T.events.size()));
    b = mem_.Find(blk);
    const uint64_t now = b->address;
    const int64_t delta = static_cast<int64_t>(now) - static_cast<int64_t>(from);
    // Pointers into the old place, held by the machine's own fields: what each policy does.
    struct Inside { Value* v; std::string field; uint64_t at; };
    std::vector<Inside> inside;
    const auto& homes = Homes(objs_[id].body);
    for (size_t i = 0; i < objs_[id].slots.size(); ++i) {
      Value& v = objs_[id].slots[i];
      if ((v.k == Value::K::Ref || v.k == Value::K::RawPtr) && v.addr >= from && v.addr < from + b->size && homes[i].in_machine)
        inside.push_back({&v, P.ir[objs_[id].body].slots[i].name, now + homes[i].offset});
    }
    const std::string& policy = S.memory.self_refs;
    std::string effect;
    std::vector<std::string> names;
    for (const Inside& p : inside)
      names.push_back(fmt::format("{} (now at {}) still holds {}, but {} is now at {}", p.field, HexAddress(p.at),
                                  HexAddress(p.v->addr), PlaceName(*p.v),
                                  HexAddress(static_cast<uint64_t>(static_cast<int64_t>(p.v->addr) + delta))));
    if (inside.empty()) {
      effect = fmt::format("; nothing points into it (state {} holds no reference), so the move is harmless",
                           P.machines[objs_[id].machine].states[objs_[id].state].label);
    } else if (policy == "update" || policy == "offsets") {
      for (Inside& p : inside) p.v->addr = static_cast<uint64_t>(static_cast<int64_t>(p.v->addr) + delta);
      effect = policy == "update" ? "; the emulator rewrites the pointers into it"
                                  : "; its self-references are stored as offsets from the state's start, which stay right";
    } else {
      effect = fmt::format("; {}: {} dangle{}", fmt::join(names, "; "), inside.size() == 1 ? "it" : "they",
                           inside.size() == 1 ? "s" : "");
    }
    MemEmit(EventKind::MemMove, blk, static_cast<int64_t>(from), static_cast<int64_t>(now),
            fmt::format("{}: {} bytes copied from {} to {}{}", why, b->size, HexAddress(from), HexAddress(now), effect), {blk});
    if (!inside.empty() && policy == "update") {
      int fields = 0;
      for (const State& st : P.machines[objs_[id].machine].states) fields += st.index == objs_[id].state ? static_cast<int>(st.fields.size()) : 0;
      for (const Inside& p : inside)
        MemEmit(EventKind::MemWrite, blk, static_cast<int64_t>(p.at), static_cast<int64_t>(p.v->addr),
                fmt::format("update pointers: {} at {} is rewritten to {} (&{})", p.field, HexAddress(p.at),
                            HexAddress(p.v->addr), PlaceName(*p.v)), {blk});
      Note(0, fmt::format("update pointers on move: the emulator checked all {} fields ({} bytes) of {}#{} and rewrote {} "
                          "pointer{}; a runtime would have to do this on every move of every value",
                          fields, b->size, T.objects[id].name, id, inside.size(), inside.size() == 1 ? "" : "s"));
    } else if (!inside.empty() && policy == "offsets") {
      std::vector<std::string> uses;
      for (const Inside& p : inside)
        uses.push_back(fmt::format("{} = offset {} from the state's start, so {} + {} = {}", p.field,
                                   p.v->addr - delta - old_base, HexAddress(StateStructBase(id)),
                                   p.v->addr - delta - old_base, HexAddress(p.v->addr)));
      Note(0, fmt::format("offsets instead of pointers: nothing to rewrite on the move, but every use adds the base "
                          "address at run time ({}), and the compiler would have to know every self-reference",
                          fmt::join(uses, "; ")));
    }
  }

  // [[memory.move]]: moves the named machine before its (after_polls+1)-th poll.
  void MaybeInjectedMove(int id) {
    if (!mem_on_ || objs_[id].k != Obj::K::Machine || S.memory.moves.empty()) return;
    int& polls = Side(polls_of_, id, 0);
    for (size_t i = 0; i < S.memory.moves.size(); ++i) {
      const MoveSpec& mv = S.memory.moves[i];
      if (moves_done_.count(i) || mv.future != P.checked->bodies[objs_[id].body].name || polls != mv.after_polls) continue;
      moves_done_.insert(i);
      const Machine& m = P.machines[objs_[id].machine];
      const MemBlock* b = mem_.Find(HomeOf(id));
      if (!b) continue;
      const std::string& label = m.states[objs_[id].state].label;
      if (S.memory.self_refs == "forbid" && b->pinned && !b->unpin) {
        std::string msg = fmt::format("cannot move {}#{} from {}: it is pinned and its type {} is !Unpin (it may point "
                                      "into itself, as {} does), so the move is rejected and the future stays where it is",
                                      T.objects[id].name, id, HexAddress(b->address), m.enum_name, label);
        Note(2, msg);
        D.ReportAt(Severity::Error, S.path, mv.line, 1, msg, mv.line_text);
        continue;
      }
      RelocateMachine(id, mv.to, MemRegion::Stack,
                      fmt::format("{}#{} is moved in state {}", T.objects[id].name, id, label));
    }
  }

  // A dereference of `p` whose place has moved: undefined behaviour. Returns the location of the
  // stale bytes to read instead (a ghost), or faults when nothing sensible lies there.
  Loc DanglingDeref(const Value& p, uint64_t now) {
    const uint64_t at = p.addr;
    MemLookup l = mem_.Lookup(at);
    std::string holds;
    int ghost = -1;
    int old_block = -1;
    for (auto it = ghosts_.rbegin(); it != ghosts_.rend(); ++it)
      if (it->obj == p.obj && at >= it->from && at < it->from + it->size) { ghost = it->ghost; break; }
    if (l.block) {
      old_block = l.block->id;
      holds = fmt::format("{} now belongs to {}{}", HexAddress(at), l.block->owner,
                          l.field ? fmt::format(" (field {} = {})", l.field->name, l.field->value) : "");
    } else if (l.stale) {
      old_block = l.stale->block;
      holds = fmt::format("{} is stale memory left behind by a move; it still holds {}", HexAddress(at),
                          l.field ? fmt::format("{} = {}", l.field->name, l.field->value) : "old bytes");
    } else {
      holds = fmt::format("nothing lives at {}", HexAddress(at));
    }
    std::string stale_value;
    if (ghost >= 0 && !l.block) {
      const Obj& g = objs_[ghost];
      const Value* v = p.slot >= 0 && p.slot < static_cast<int>(g.slots.size()) ? &g.slots[p.slot] : nullptr;
      for (int32_t i : p.path) v = v && i >= 0 && i < static_cast<int32_t>(v->v.size()) ? &v->v[i] : nullptr;
      if (v) stale_value = Show(*v, true);
    }
    std::string msg =
        l.stale && !stale_value.empty()
            ? fmt::format("undefined behaviour: a pointer to {} holds {}, but {} has moved to {}. {} is stale memory "
                          "left behind by the move: its old bytes still read {}, by luck; the program meant {} at {}, "
                          "and once the old place is reused it reads garbage",
                          PlaceName(p), HexAddress(at), PlaceName(p), HexAddress(now), HexAddress(at), stale_value,
                          PlaceName(p), HexAddress(now))
            : fmt::format("undefined behaviour: a pointer to {} holds {}, but {} has moved to {}; {}. This is not the "
                          "value the program meant",
                          PlaceName(p), HexAddress(at), PlaceName(p), HexAddress(now), holds);
    Emit(EventKind::MemDangling, {.obj = old_block, .a = static_cast<int64_t>(at), .b = -1, .text = msg});
    Note(2, msg);
    D.Report(Severity::Error, src_, cur_span_, msg);
    if (ghost < 0 || l.block) FaultHere(msg);
    return Loc{ghost, p.slot, p.path};
  }

  // The address of an element reference made from `base` (a reference to its sequence): the
  // element's offset added to the address `base` was taken at, so a moved sequence dangles.
  uint64_t ElementAddr(const Value& base, const Value& elem) {
    if (base.addr == 0 || base.obj < 0 || elem.obj < 0) return 0;
    uint64_t b = AddrOf(base.obj, base.slot, base.path), e = AddrOf(elem.obj, elem.slot, elem.path);
    return b && e ? base.addr + (e - b) : 0;
  }

  // A place as the program spells it: `array[2]`, `a.self_ptr`, `*Box#3`.
  std::string MemPlaceName(const Value& r) {
    if (r.obj < 0 || r.obj >= static_cast<int>(objs_.size())) return "?";
    const Obj& o = objs_[r.obj];
    std::string s = o.k == Obj::K::Box ? (r.path.empty() ? fmt::format("*Box#{}", r.obj) : fmt::format("(*Box#{})", r.obj)) : std::string();
    TypeRef t = SlotTypeOf(r.obj, r.slot);
    if (o.k != Obj::K::Box) {
      if (o.body < 0 || r.slot < 0 || r.slot >= static_cast<int>(P.ir[o.body].slots.size())) return "?";
      s = P.ir[o.body].slots[r.slot].name;
    }
    for (int32_t i : r.path) {
      if (t && t->kind == TypeKind::Struct && t->decl && i >= 0 && i < static_cast<int32_t>(t->decl->fields.size())) {
        s += "." + t->decl->fields[i].name;
        auto f = P.checked->struct_fields.find(t->decl);
        t = f != P.checked->struct_fields.end() && i < static_cast<int32_t>(f->second.size()) ? f->second[i] : nullptr;
      } else if (t && t->kind == TypeKind::Tuple) {
        s += fmt::format(".{}", i);
        t = i >= 0 && i < static_cast<int32_t>(t->args.size()) ? t->args[i] : nullptr;
      } else {
        s += fmt::format("[{}]", i);
        t = t && !t->args.empty() ? t->args[0] : nullptr;
      }
    }
    return s;
  }

  static bool HoldsPointerOrAggregate(const Value& v) {
    return v.k == Value::K::Struct || v.k == Value::K::Array || v.k == Value::K::Tuple || HoldsPointer(v);
  }

  // A pointer into a place whose value was moved out (`let b = a;` and `&a` taken before): the
  // old bytes are still there, no value owns them. Reports undefined behaviour and reads them.
  Loc MovedOutDeref(const Value& p, const Loc& target) {
    if (target.obj < 0 || target.obj >= static_cast<int>(objs_.size())) return target;
    const Obj& o = objs_[target.obj];
    if (target.slot < 0 || target.slot >= static_cast<int>(o.slots.size())) return target;
    const Value* cur = &o.slots[target.slot];
    size_t depth = 0;
    for (; cur->k != Value::K::Moved && depth < target.path.size(); ++depth) {
      int32_t i = target.path[depth];
      if (i < 0 || i >= static_cast<int32_t>(cur->v.size())) return target;
      cur = &cur->v[i];
    }
    if (cur->k != Value::K::Moved || cur->v.empty()) return target;
    Obj ghost;
    ghost.k = Obj::K::Box;
    ghost.slots.push_back(cur->v[0]);
    objs_.push_back(std::move(ghost));
    T.objects.push_back({ObjectKind::Leaf, -1, "stale bytes", -1, cur_task_, static_cast<int64_t>(T.events.size())});
    Loc stale{static_cast<int>(objs_.size()) - 1, 0, {target.path.begin() + static_cast<ptrdiff_t>(depth), target.path.end()}};
    const Value& old = At(stale);
    std::string msg = fmt::format("undefined behaviour: a pointer to {} at {} is dereferenced, but the value there was moved "
                                  "out; the old bytes still read {}, but no value owns them any more",
                                  PlaceName(p), HexAddress(p.addr), Show(old, true));
    int blk = BlockOfSlot(target.obj, target.slot);
    Emit(EventKind::MemDangling, {.obj = blk, .a = static_cast<int64_t>(p.addr), .b = -1, .text = msg});
    Note(2, msg);
    D.Report(Severity::Error, src_, cur_span_, msg);
    return stale;
  }

  // Passing by value: arguments moved out of named places of the caller are copied into the
  // callee's parameters (recorded once the callee's frame or machine exists).
  struct ArgMove { size_t param; uint64_t from; std::string name; };
  std::vector<ArgMove> arg_moves_;
  uint64_t returned_from_ = 0;   // address of the return slot of the call that just returned
  std::string returned_fn_;

  void NoteArgMoves(int frame, const Rvalue& rv, const std::vector<Value>& a) {
    arg_moves_.clear();
    const IrBody& ir = P.ir[objs_[frame].body];
    for (size_t i = 0; i < rv.operands.size() && i < a.size(); ++i) {
      const Operand& o = rv.operands[i];
      if (o.kind != Operand::Kind::Move || !o.place.IsWholeSlot() || !HoldsPointerOrAggregate(a[i])) continue;
      const Slot& s = ir.slots[o.place.slot];
      if (s.is_temp || s.is_awaitee) continue;
      arg_moves_.push_back({i, AddrOf(frame, o.place.slot, {}), s.name});
    }
  }

  void ArgMoves(int callee) {
    if (arg_moves_.empty()) return;
    std::vector<ArgMove> moves = std::move(arg_moves_);
    arg_moves_.clear();
    const Obj& o = objs_[callee];
    const Body& b = P.checked->bodies[o.body];
    std::vector<int> params;
    for (size_t i = 0; i < b.locals.size(); ++i)
      if (b.locals[i].is_param) params.push_back(static_cast<int>(i));
    for (const ArgMove& m : moves) {
      if (m.param >= params.size()) continue;
      int slot = params[m.param];
      uint64_t to = AddrOf(callee, slot, {});
      int blk = BlockOfSlot(callee, slot);
      if (blk < 0 || to == 0) continue;
      MemEmit(EventKind::MemMove, blk, static_cast<int64_t>(m.from), static_cast<int64_t>(to),
              fmt::format("passing `{}` by value to {} copies {} bytes from {} to its parameter `{}` at {}; the old "
                          "place is retired",
                          m.name, b.name, Homes(o.body)[slot].size, HexAddress(m.from), b.locals[slot].name, HexAddress(to)),
              {blk});
    }
  }

  // `let b = a;` of a struct, array or tuple (or a future) between places the program names:
  // the bytes are copied and the old place is retired.
  void MemLetMove(int frame, const Statement& st) {
    if (st.kind == Statement::Kind::Assign && st.rv.kind == RvalueKind::Call && returned_from_ != 0 && st.dst.IsWholeSlot()) {
      // Returning by value: the result is copied out of the callee's (now popped) frame.
      const uint64_t from = returned_from_;
      returned_from_ = 0;
      const Slot& d = P.ir[objs_[frame].body].slots[st.dst.slot];
      if (d.is_temp || d.is_awaitee) return;
      uint64_t to = AddrOf(frame, st.dst.slot, {});
      int blk = BlockOfSlot(frame, st.dst.slot);
      if (blk < 0) return;
      MemEmit(EventKind::MemMove, blk, static_cast<int64_t>(from), static_cast<int64_t>(to),
              fmt::format("{} returns by value: {} bytes copied from its frame at {} to `{}` at {}", returned_fn_,
                          Homes(objs_[frame].body)[st.dst.slot].size, HexAddress(from), d.name, HexAddress(to)),
              {blk});
      return;
    }
    if (st.kind != Statement::Kind::Assign || st.rv.kind != RvalueKind::Use || st.rv.operands.empty()) return;
    const Operand& src = st.rv.operands[0];
    if (src.kind != Operand::Kind::Move || !src.place.IsWholeSlot() || !st.dst.IsWholeSlot()) return;
    const IrBody& ir = P.ir[objs_[frame].body];
    const Slot& s = ir.slots[src.place.slot];
    const Slot& d = ir.slots[st.dst.slot];
    if (s.is_temp || s.is_awaitee || d.is_temp || d.is_awaitee) return;
    const Value& v = objs_[frame].slots[st.dst.slot];
    if (v.k == Value::K::Future) {
      int id = static_cast<int>(v.i);
      if (id >= 0 && static_cast<size_t>(id) < home_.size() && home_[id] >= 0)
        RelocateMachine(id, 0, MemRegion::Stack, fmt::format("`let {} = {};` moves {}#{}", d.name, s.name, T.objects[id].name, id));
      return;
    }
    if (!HoldsPointerOrAggregate(v)) return;
    uint64_t from = AddrOf(frame, src.place.slot, {}), to = AddrOf(frame, st.dst.slot, {});
    int blk = BlockOfSlot(frame, st.dst.slot), old_blk = BlockOfSlot(frame, src.place.slot);
    std::vector<int> blocks = {blk};
    if (old_blk != blk) blocks.push_back(old_blk);
    MemEmit(EventKind::MemMove, blk, static_cast<int64_t>(from), static_cast<int64_t>(to),
            st.dst.slot == ir.return_slot
                ? fmt::format("returning `{}` copies {} bytes from {} to the return place at {}; the old place is retired",
                              s.name, Homes(objs_[frame].body)[st.dst.slot].size, HexAddress(from), HexAddress(to))
                : fmt::format("`let {} = {};` copies {} bytes from {} to {}; the old place is retired", d.name, s.name,
                              Homes(objs_[frame].body)[st.dst.slot].size, HexAddress(from), HexAddress(to)),
            blocks);
  }

  static bool HoldsPointer(const Value& v, int depth = 0) {
    if (v.k == Value::K::Ref || v.k == Value::K::RawPtr) return true;
    if (v.k != Value::K::Struct || depth > 3) return false;
    return std::any_of(v.v.begin(), v.v.end(), [&](const Value& c) { return HoldsPointer(c, depth + 1); });
  }

  // A pointer (or a struct holding one) was stored at `l`: record it when the place is one the
  // program names (not a temporary).
  void MemWritePlace(const Loc& l) {
    if (l.obj < 0 || l.obj >= static_cast<int>(objs_.size())) return;
    const Obj& o = objs_[l.obj];
    if (o.k != Obj::K::Box && o.body >= 0) {
      const Slot& s = P.ir[o.body].slots[l.slot];
      if ((s.is_temp || s.is_awaitee) && l.path.empty()) return;
    }
    int blk = BlockOfSlot(l.obj, l.slot);
    if (blk < 0) return;
    const Value& v = At(l);
    uint64_t addr = AddrOf(l.obj, l.slot, l.path);
    Value place = Value::Make(Value::K::Ref);
    place.obj = l.obj;
    place.slot = l.slot;
    place.path = l.path;
    std::string name = MemPlaceName(place);
    bool direct = v.k == Value::K::Ref || v.k == Value::K::RawPtr;
    std::string what = direct && v.obj >= 0 ? fmt::format(" (&{})", MemPlaceName(v)) : "";
    MemEmit(EventKind::MemWrite, blk, static_cast<int64_t>(addr), direct ? static_cast<int64_t>(PointerTarget(v)) : -1,
            fmt::format("{} = {}{} at {}", name, ShowMem(v), what, HexAddress(addr)), {blk});
  }

  void MemTransition(int id) {
    int blk = static_cast<size_t>(id) < home_.size() ? home_[id] : -1;
    const MemBlock* b = blk >= 0 ? mem_.Find(blk) : nullptr;
    if (!b) return;
    const Obj& o = objs_[id];
    const State& st = P.machines[o.machine].states[o.state];
    std::vector<std::string> parts;
    for (const StateField& f : st.fields) {
      std::string p = fmt::format("{} at {}", f.name, HexAddress(b->address + f.offset));
      const Value& v = o.slots[f.slot];
      if (v.k == Value::K::Ref || v.k == Value::K::RawPtr) {
        p += fmt::format(" = {}", HexAddress(PointerTarget(v)));
        if (f.points_into >= 0) p += fmt::format(" (points into {}: a self-reference)", st.fields[f.points_into].name);
      }
      parts.push_back(p);
    }
    MemEmit(EventKind::MemWrite, blk, static_cast<int64_t>(b->address), -1,
            fmt::format("{}#{} is in {} (tag {}){}{}", T.objects[id].name, id, st.label, o.state,
                        parts.empty() ? "" : ": ", fmt::join(parts, ", ")),
            {blk});
  }

  // `{:p}`: the address a pointer holds; for a reference to a value that is not a pointer, the
  // address of that value (as `{:p}` of `&x` prints where x lives).
  std::string FormatPointer(const Value& arg) {
    const Value* p = &arg;
    if (arg.k == Value::K::Ref && arg.obj >= 0 && arg.obj < static_cast<int>(objs_.size())) {
      Value& target = At(Loc{arg.obj, arg.slot, arg.path});
      if (target.k == Value::K::Ref || target.k == Value::K::RawPtr) p = &target;
    }
    uint64_t addr = PointerTarget(*p);
    if (addr == 0 && p->obj >= 0) addr = AddrOf(p->obj, p->slot, p->path);
    return fmt::format("{:#x}", addr);
  }

  // mem::replace / mem::swap wrote through `a` (and `b`): the old value moved out.
  void MemReplaced(const Value& a, const Value* b) {
    for (const Value* r : {&a, b}) {
      if (!r || r->obj < 0) continue;
      int blk = BlockOfSlot(r->obj, r->slot);
      if (blk < 0) continue;
      uint64_t addr = AddrOf(r->obj, r->slot, r->path);
      MemEmit(EventKind::MemWrite, blk, static_cast<int64_t>(addr), -1,
              b ? fmt::format("mem::swap exchanges the bytes at {} with the other place", HexAddress(addr))
                : fmt::format("mem::replace moves the value at {} out to the caller and writes the new value "
                              "in its place", HexAddress(addr)),
              {blk});
    }
  }

  void FreeFrameBlock(int obj) {
    if (static_cast<size_t>(obj) >= frame_block_.size() || frame_block_[obj] < 0) return;
    int blk = frame_block_[obj];
    frame_block_[obj] = -1;
    const MemBlock* b = mem_.Find(blk);
    if (!b) return;
    Refresh(blk);
    mem_.Free(blk, static_cast<int64_t>(T.events.size()));
    block_obj_.erase(blk);
    MemEmit(EventKind::MemFree, blk, static_cast<int64_t>(b->address), static_cast<int64_t>(b->size),
            fmt::format("the stack frame of {} is popped", T.objects[obj].name), {blk});
  }

  bool mem_on_ = false;
  AddressSpace mem_;
  std::vector<int> home_;         // by object: its block (machine, box), -1 none
  std::vector<int> frame_block_;  // by object: the stack block of its frame locals, -1 none
  std::vector<TypeRef> box_type_; // by object (boxes): the boxed type
  std::vector<int> polls_of_;     // by object: polls so far (injected moves)
  std::map<int, std::vector<SlotHome>> homes_;  // by body
  std::map<int, uint64_t> frame_size_;          // by body
  std::map<int, std::pair<int, bool>> block_obj_;  // block -> (object, is its frame block)
  struct Ghost { int obj; uint64_t from; uint64_t size; int ghost; };
  std::vector<Ghost> ghosts_;
  std::set<std::string> fixed_used_;
  std::set<size_t> moves_done_;
  TypeRef pending_box_type_ = nullptr;

  // [SECTION] devices
  void StartRequest(int leaf, const std::string& what) {
    Obj& o = objs_[leaf];
    o.started = true;
    o.request = ++request_id_;
    o.due = now_ + o.latency;
    o.what = what;
    Emit(EventKind::DeviceStart, {.obj = leaf, .device = o.device, .a = o.request, .b = o.due, .text = what});
    if (o.latency > 0 || o.fut == FutureKind::Timer) Schedule({o.due, 0, DevEvent::Kind::Complete, leaf, o.device, 0});
  }

  // A request finished: the device (or the timer's thread) marks the future complete and wakes
  // the waker it holds, if any.
  void Complete(int leaf) {
    Obj& o = objs_[leaf];
    o.completed = true;
    std::string result;
    switch (o.fut) {
      case FutureKind::ReadFile: {
        auto it = files_.find(o.path);
        o.result = Value::Str(it == files_.end() ? "" : it->second.contents);
        result = Show(o.result, true);
        break;
      }
      case FutureKind::WriteFile:
        files_[o.path].contents = o.data.s;
        o.result = Value::Unit();
        result = "()";
        break;
      case FutureKind::Op:
        o.result = op_results_[o.op];
        result = Show(o.result, true);
        break;
      default:
        o.result = Value::Unit();
        result = "()";
        break;
    }
    Emit(EventKind::DeviceComplete, {.obj = leaf, .device = o.device, .a = o.request, .text = result});
    int w = o.waker;
    o.waker = -1;
    if (w >= 0) Wake(w, o.device, o.path.empty() ? o.what : o.path);
  }

  void Register(int leaf, int waker) {
    Obj& o = objs_[leaf];
    o.waker = waker;
    Emit(EventKind::WakerRegister, {.obj = leaf, .waker = waker, .device = o.device});
  }

  // Handles due device events up to `t`. With `deliver` false (the core is blocked by
  // thread_sleep), interrupts wait and are handled when the core is free again, at `t`.
  void AdvanceTo(int64_t t, bool deliver) {
    if (t > O.max_time_ms) throw StopRun{2, fmt::format("stopped at the virtual time limit ({} ms)", O.max_time_ms)};
    while (!pending_.empty() && pending_.begin()->t <= t) {
      DevEvent ev = *pending_.begin();
      pending_.erase(pending_.begin());
      if (deliver) now_ = std::max(now_, ev.t);
      else now_ = t;
      Fire(ev, !deliver);
    }
    now_ = std::max(now_, t);
  }

  void Fire(const DevEvent& ev, bool held) {
    if (halted_) {
      halted_ = false;
      Emit(EventKind::Resume, {.task = -1, .device = ev.device});
    }
    if (ev.kind == DevEvent::Kind::Key) {
      if (ev.injected) Emit(EventKind::Inject, {.task = -1, .device = ev.device, .a = ev.scancode});
      Emit(EventKind::Interrupt, {.task = -1, .device = ev.device, .a = ev.scancode, .b = held ? 1 : 0});
      AddScancode(ev.scancode, ev.device);
      return;
    }
    if (objs_[ev.obj].fut != FutureKind::Timer && objs_[ev.obj].fut != FutureKind::Op)
      Emit(EventKind::Interrupt, {.task = -1, .device = ev.device, .a = -1, .b = held ? 1 : 0});
    int saved_task = cur_task_;
    cur_task_ = -1;
    Complete(ev.obj);
    cur_task_ = saved_task;
  }

  // The keyboard interrupt handler: queue the scancode, then wake the stored waker.
  void AddScancode(uint8_t sc, int device) {
    int saved_task = cur_task_;
    cur_task_ = -1;
    if (!kb_initialized_) {
      Note(1, "WARNING: scancode queue uninitialized");
    } else if (kb_queue_.size() >= kScancodeQueueCapacity) {
      Note(1, "WARNING: scancode queue full; dropping keyboard input");
    } else {
      kb_queue_.push_back(sc);
      Emit(EventKind::DeviceComplete, {.device = device, .a = -1, .text = fmt::format("push 0x{:02X}", sc)});
      int w = kb_waker_;
      kb_waker_ = -1;  // AtomicWaker: wake takes the registered waker out
      if (w >= 0) Wake(w, device);
      else Emit(EventKind::WakerWake, {.waker = -1, .device = device, .b = 0, .text = "no waker registered"});
    }
    cur_task_ = saved_task;
  }

  // [SECTION] leaf futures and combinators
  bool PollLeaf(int id, int waker, Value* out) {
    Obj& o = objs_[id];
    switch (o.fut) {
      case FutureKind::ReadFile: case FutureKind::WriteFile: case FutureKind::Sleep: case FutureKind::Op: {
        if (!o.started) {
          if (o.fut == FutureKind::ReadFile) {
            auto it = files_.find(o.path);
            if (it == files_.end()) Panic(fmt::format("async_read_file: no such file `{}` on the emulated disk", o.path));
            o.latency = it->second.read_latency;
            StartRequest(id, "read " + o.path);
          } else if (o.fut == FutureKind::WriteFile) {
            auto it = files_.find(o.path);
            o.latency = it == files_.end() ? S.disk.write_latency_ms : it->second.write_latency;
            StartRequest(id, "write " + o.path);
          } else {
            StartRequest(id, o.what.empty() ? T.objects[id].name : o.what);
          }
          if (objs_[id].latency == 0) Complete(id);
        }
        if (objs_[id].completed) {
          *out = objs_[id].result;
          return true;
        }
        Register(id, waker);
        return false;
      }
      case FutureKind::Timer:
        // The talk's TimerFuture: under its mutex, Ready if the thread finished, else store
        // the waker (replacing an older one) for the thread to wake.
        if (o.completed) {
          *out = Value::Unit();
          return true;
        }
        Register(id, waker);
        return false;
      case FutureKind::YieldNow:
        if (o.started) {
          *out = Value::Unit();
          return true;
        }
        o.started = true;
        Wake(waker, -1);  // wake ourselves, then give the core away once
        return false;
      case FutureKind::Ready:
        if (o.started) Panic("`Ready` polled after completion", false);
        o.started = true;
        *out = o.result;
        return true;
      case FutureKind::Next: {
        // The blog's ScancodeStream::poll_next: fast path, register, then check again.
        if (!kb_initialized_) Panic("scancode queue not initialized", false);
        if (!kb_queue_.empty()) {
          *out = PopScancode(o.device);
          return true;
        }
        kb_waker_ = waker;
        Register(id, waker);
        // Fault injection: a keystroke scripted `during_poll` lands exactly here, between the
        // registration and the second check, and wakes the task that is being polled.
        if (!race_keys_.empty() && race_keys_.front().t_ms <= now_) {
          KeySpec k = race_keys_.front();
          race_keys_.erase(race_keys_.begin());
          Note(0, fmt::format("scancode 0x{:02X} arrives inside poll_next, between register and the second pop", k.scancode));
          Fire({now_, 0, DevEvent::Kind::Key, -1, objs_[id].device, k.scancode}, false);
        }
        if (!kb_queue_.empty()) {
          kb_waker_ = -1;
          *out = PopScancode(o.device);
          return true;
        }
        return false;
      }
      default: break;
    }
    Fault("internal error: unknown leaf future");
  }

  Value PopScancode(int device) {
    uint8_t sc = kb_queue_.front();
    kb_queue_.pop_front();
    Emit(EventKind::DeviceComplete, {.device = device, .a = -1, .text = fmt::format("pop 0x{:02X}", sc)});
    return Value::Variant("Some", {Value::Int(sc)});
  }

  bool PollCombinator(int id, int waker, Value* out) {
    switch (objs_[id].fut) {
      case FutureKind::Join: {
        bool all = true;
        for (size_t i = 0; i < objs_[id].kids.size(); ++i) {
          if (objs_[id].kid_done[i]) continue;
          Value v;
          if (Poll(objs_[id].kids[i], waker, &v)) {
            objs_[id].kid_done[i] = true;
            objs_[id].outs[i] = v;
          } else {
            all = false;
          }
        }
        if (!all) return false;
        Value t = Value::Make(Value::K::Tuple);
        t.v = objs_[id].outs;
        *out = t;
        return true;
      }
      case FutureKind::Map: {
        Value v;
        if (!Poll(objs_[id].kids[0], waker, &v)) return false;
        *out = CallClosure(objs_[id].fn, {v});
        return true;
      }
      case FutureKind::Then: {
        if (objs_[id].phase == 0) {
          Value v;
          if (!Poll(objs_[id].kids[0], waker, &v)) return false;
          Value second = CallClosure(objs_[id].fn, {v});
          objs_[id].phase = 1;
          objs_[id].kids.push_back(static_cast<int>(second.i));
          T.objects[second.i].parent = id;
        }
        return Poll(objs_[id].kids[1], waker, out);  // polled in the same call (Flatten)
      }
      default: break;
    }
    Fault("internal error: unknown combinator");
  }

  // [SECTION] polling
  bool Poll(int id, int waker, Value* out) {
    if (id < 0 || id >= static_cast<int>(objs_.size())) Fault("internal error: polling an unknown future");
    int d = depth_;
    if (!poll_stack_.empty() && T.objects[id].parent < 0 && poll_stack_.back() != id) T.objects[id].parent = poll_stack_.back();
    if (T.objects[id].task < 0) T.objects[id].task = cur_task_;
    if (mem_on_) {
      MaybeInjectedMove(id);
      // poll takes Pin<&mut Self>: from its first poll on, a future is pinned where it is.
      if (static_cast<size_t>(id) < home_.size() && home_[id] >= 0)
        if (MemBlock* b = mem_.Find(home_[id])) b->pinned = true;
    }
    Emit(EventKind::PollBegin, {.obj = id, .a = d});
    poll_stack_.push_back(id);
    ++depth_;
    bool ready = false;
    Obj& o = objs_[id];
    if (o.done && o.k == Obj::K::Machine) {
      int saved = cur_machine_;
      cur_machine_ = id;
      Panic("poll called after Poll::Ready was returned", false);
      cur_machine_ = saved;
    }
    if (o.k == Obj::K::Machine) ready = PollMachine(id, waker, out);
    else if (o.k == Obj::K::Leaf) ready = PollLeaf(id, waker, out);
    else ready = PollCombinator(id, waker, out);
    --depth_;
    poll_stack_.pop_back();
    if (ready) objs_[id].done = true;
    Emit(EventKind::PollEnd, {.obj = id, .a = d, .b = ready ? 1 : 0, .text = ready ? Show(*out, true) : ""});
    if (mem_on_) {
      ++Side(polls_of_, id, 0);
      if (objs_[id].k == Obj::K::Machine) FreeFrameBlock(id);
    }
    return ready;
  }

  bool PollMachine(int id, int waker, Value* out) {
    int saved_machine = cur_machine_;
    cur_machine_ = id;
    Obj& o = objs_[id];
    const IrBody& ir = P.ir[o.body];
    int block = 0;
    if (o.state > 0) {
      // Resume at the await this state stands for: poll its future again.
      block = ir.await_blocks[o.state - 1];
    }
    bool returned = Execute(id, block, waker, /*resume=*/objs_[id].state > 0);
    if (returned) {
      *out = objs_[id].slots[ir.return_slot];
      const Machine& m = P.machines[objs_[id].machine];
      Transition(id, static_cast<int>(m.states.size()) - 2);
    }
    cur_machine_ = saved_machine;
    return returned;
  }

  // [SECTION] tasks and wakers
  void SpawnTask(const Value& fut, const std::string& name) {
    int id = static_cast<int>(tasks_.size());
    TaskRec t;
    t.root = static_cast<int>(fut.i);
    t.name = name;
    tasks_.push_back(t);
    T.tasks.push_back({name, t.root, static_cast<int64_t>(T.events.size())});
    MarkTask(t.root, id);
    Emit(EventKind::Spawn, {.task = id, .obj = t.root, .text = name});
    if (mem_on_ && t.root >= 0 && static_cast<size_t>(t.root) < home_.size() && home_[t.root] >= 0) {
      MemBlock* b = mem_.Find(home_[t.root]);
      if (b && b->region == MemRegion::Stack)
        RelocateMachine(t.root, 0, MemRegion::Tasks, fmt::format("spawn moves {}#{} into its task (Box::pin)", T.objects[t.root].name, t.root));
      if ((b = mem_.Find(home_[t.root]))) b->pinned = true;
    }
    if (executor_ == "waker" || executor_ == "simple" || executor_ == "channel") Enqueue(id);
  }

  void MarkTask(int obj, int task) {
    if (obj < 0 || obj >= static_cast<int>(objs_.size())) return;
    objs_[obj].task = task;
    T.objects[obj].task = task;
  }

  void Enqueue(int task) {
    size_t cap = executor_ == "channel" ? kChannelCapacity : static_cast<size_t>(S.queue_capacity);
    if (executor_ == "waker" && queue_.size() >= cap) Panic("task_queue full", false);
    if (executor_ == "channel" && queue_.size() >= cap)
      Fault("deadlock: the task channel is full (10,000 tasks) and `send` blocks the executor's own thread");
    queue_.push_back(task);
    Emit(EventKind::QueuePush, {.task = task, .a = static_cast<int64_t>(queue_.size())});
  }

  int NewWaker(int task) {
    wakers_.push_back({task, true});
    int id = static_cast<int>(wakers_.size()) - 1;
    Emit(EventKind::WakerCreate, {.task = task, .waker = id});
    return id;
  }

  void DropWaker(int w) {
    if (w < 0 || !wakers_[w].live) return;
    wakers_[w].live = false;
    Emit(EventKind::WakerDrop, {.task = wakers_[w].task, .waker = w});
  }

  // `waker.wake()`: what happens depends on the executor that made the waker.
  void Wake(int w, int device, const std::string& what = {}) {
    if (w < 0) return;
    int task = wakers_[w].task;
    if (task < 0) {  // no-op / dummy waker
      Emit(EventKind::WakerWake, {.task = -1, .waker = w, .device = device, .b = 0, .text = what});
      return;
    }
    Emit(EventKind::WakerWake, {.task = task, .waker = w, .device = device, .b = 1, .text = what});
    ++T.summary.wakes;
    Enqueue(task);
  }

  void TaskFinished(int task, const Value& result) {
    tasks_[task].done = true;
    last_done_ms_ = now_;
    Emit(EventKind::TaskDone, {.task = task, .obj = tasks_[task].root, .text = Show(result, true)});
  }

  // One top-level poll of a task by the executor.
  bool PollTask(int task, int waker) {
    cur_task_ = task;
    stmts_in_poll_ = 0;
    poll_start_event_ = static_cast<int64_t>(T.events.size());
    Value out;
    ++T.summary.polls;  // counted before it runs: a poll that panics is a poll too
    bool ready = Poll(tasks_[task].root, waker, &out);
    if (ready) ++T.summary.ready;
    else ++T.summary.pending;
    if (ready) TaskFinished(task, out);
    cur_task_ = -1;
    cur_line_ = 0;
    return ready;
  }

  bool AllDone() const {
    return std::all_of(tasks_.begin(), tasks_.end(), [](const TaskRec& t) { return t.done; });
  }

  void PollAfterReadyIfAsked() {
    if (!(O.poll_after_ready || S.poll_after_ready) || tasks_.empty() || !tasks_[0].done || after_ready_done_) return;
    after_ready_done_ = true;
    Note(0, "polling task 0 once more after it returned Ready");
    PollTask(0, -1);
  }

  // [SECTION] executors
  // block_on in a loop: every iteration polls each unfinished task once and costs one tick.
  void RunBusy() {
    while (!AllDone()) {
      for (size_t i = 0; i < tasks_.size(); ++i) {
        if (tasks_[i].done) continue;
        PollTask(static_cast<int>(i), -1);
        if (!tasks_[i].done) AdvanceTo(now_ + kBusyTickMs, true);
      }
    }
    PollAfterReadyIfAsked();
  }

  // The blog's SimpleExecutor: a FIFO of tasks, a dummy waker made for every poll, Pending
  // tasks go to the back. Each loop iteration costs one tick.
  void RunSimple() {
    while (!queue_.empty()) {
      int task = queue_.front();
      queue_.pop_front();
      Emit(EventKind::QueuePop, {.task = task, .a = static_cast<int64_t>(queue_.size())});
      int w = NewWaker(-1);
      bool ready = PollTask(task, w);
      DropWaker(w);
      if (!ready) {
        Enqueue(task);
        AdvanceTo(now_ + kBusyTickMs, true);
      }
    }
    PollAfterReadyIfAsked();
  }

  // The blog's Executor: tasks by id, a queue of ready ids, a waker cache, and hlt when idle.
  void RunWaker() {
    for (;;) {
      // run_ready_tasks
      while (!queue_.empty()) {
        int task = queue_.front();
        queue_.pop_front();
        Emit(EventKind::QueuePop, {.task = task, .a = static_cast<int64_t>(queue_.size())});
        if (!tasks_[task].in_map) {
          Note(0, fmt::format("task {} is already finished: its stale wake-up is skipped", task));
          continue;
        }
        if (tasks_[task].cached_waker < 0) tasks_[task].cached_waker = NewWaker(task);
        if (PollTask(task, tasks_[task].cached_waker)) {
          tasks_[task].in_map = false;
          DropWaker(tasks_[task].cached_waker);
          tasks_[task].cached_waker = -1;
        }
      }
      PollAfterReadyIfAsked();
      // sleep_if_idle
      if (pending_.empty()) {
        if (AllDone()) return;
        end_reason_ = 0;
        end_why_.clear();
        std::string waiting;
        for (size_t i = 0; i < tasks_.size(); ++i)
          if (!tasks_[i].done) waiting += (waiting.empty() ? "" : ", ") + std::to_string(i);
        Emit(EventKind::Halt, {.task = -1, .a = 0});
        Note(0, fmt::format("the CPU halts for good: task(s) {} wait for something that will never come", waiting));
        return;
      }
      int64_t next = pending_.begin()->t;
      if (S.naive_sleep_if_idle) {
        // The race the blog describes: the queue is found empty, then an interrupt arrives
        // before `hlt`; its wake-up is lost until the next interrupt.
        AdvanceTo(next - 1 >= now_ ? next - 1 : now_, true);
        now_ = std::max(now_, next);
        Note(0, "sleep_if_idle: the task queue is empty");
        DeliverDueAt(next);
        bool lost = !queue_.empty();
        Emit(EventKind::Halt, {.task = -1, .a = lost ? 1 : 0});
        halted_ = true;
        if (lost) Note(1, "lost wake-up: an interrupt arrived between the emptiness check and `hlt`; the ready task waits for the next interrupt");
        if (pending_.empty()) {
          if (lost) throw StopRun{1, "the CPU halted with a ready task and no interrupt will ever come (lost wake-up)"};
          return;
        }
        AdvanceTo(pending_.begin()->t, true);
        DeliverDueAt(now_);
        continue;
      }
      Emit(EventKind::Halt, {.task = -1, .a = 0});
      halted_ = true;
      AdvanceTo(next, true);
    }
  }

  void DeliverDueAt(int64_t t) {
    while (!pending_.empty() && pending_.begin()->t <= t) {
      DevEvent ev = *pending_.begin();
      pending_.erase(pending_.begin());
      now_ = std::max(now_, ev.t);
      Fire(ev, false);
    }
  }

  // The talk's executor: a channel of tasks; a task sends itself again when woken; `run` ends
  // when every sender (the spawner and each live task) is gone and the channel is empty.
  void RunChannel() {
    if (S.drop_spawner) {
      spawner_alive_ = false;
      Note(0, "drop(spawner): only the tasks' own senders remain");
    }
    for (;;) {
      while (!queue_.empty()) {
        int task = queue_.front();
        queue_.pop_front();
        Emit(EventKind::QueuePop, {.task = task, .a = static_cast<int64_t>(queue_.size())});
        if (tasks_[task].done) {
          Note(0, fmt::format("task {}'s future slot is empty (it already finished): nothing to poll", task));
          continue;
        }
        int w = NewWaker(task);  // waker_ref(&task)
        PollTask(task, w);
        DropWaker(w);
      }
      bool senders = spawner_alive_ || !AllDone();
      if (!senders) return;  // recv() fails: every sender is gone
      if (pending_.empty()) {
        std::string why = spawner_alive_ && AllDone()
                              ? "the executor waits forever in recv(): every task is finished, but the spawner "
                                "was never dropped, so the channel can still receive"
                              : "no task can ever run again: every task waits and nothing can wake it";
        throw StopRun{1, why};
      }
      Emit(EventKind::Halt, {.task = -1, .a = 0});
      halted_ = true;
      AdvanceTo(pending_.begin()->t, true);
    }
  }

  const Program& P;
  const Scenario& S;
  RunOptions O;
  Diagnostics& D;
  const SourceFile& src_;
  Trace T;
  std::string executor_;
  int64_t max_events_ = 1000000;
  std::vector<char> keep_;  // Transition's scratch: the slots the new state keeps
  int64_t now_ = 0;
  int64_t seq_ = 0;
  int64_t request_id_ = 0;
  int64_t last_done_ms_ = -1;
  int64_t stmts_in_poll_ = 0;
  int64_t poll_start_event_ = 0;
  int call_depth_ = 0;
  int depth_ = 0;
  int cur_task_ = -1;
  int cur_machine_ = -1;
  uint32_t cur_line_ = 0;
  Span cur_span_;  // the statement executing (positions run-time errors about memory)
  bool halted_ = false;
  bool spawner_alive_ = true;
  bool after_ready_done_ = false;
  bool kb_initialized_ = false;
  int kb_waker_ = -1;
  int end_reason_ = 0;
  std::string end_why_;
  std::deque<Obj> objs_;
  std::vector<int> poll_stack_;
  std::vector<TaskRec> tasks_;
  std::vector<WakerRec> wakers_;
  std::deque<int> queue_;
  std::set<DevEvent> pending_;
  std::deque<uint8_t> kb_queue_;
  std::map<std::string, FileRec> files_;
  std::vector<KeyInput> keys_;
  std::vector<KeySpec> race_keys_;  // delivered inside poll_next (see PollLeaf)
  std::vector<Value> op_results_;
};

}  // namespace

std::vector<SpawnTarget> ResolveSpawns(const Program& program, const Scenario& scenario, Diagnostics& diags) {
  std::vector<SpawnTarget> out;
  const Module& mod = program.checked->module;
  bool default_main = scenario.spawn.empty() || (scenario.spawn_pos.empty() && scenario.spawn.size() == 1 &&
                                                  scenario.spawn[0] == "main()");
  if (default_main) {
    const FnDecl* main = mod.FindFn("main");
    if (!main) {
      // As rustc's E0601, at the end of the script: that is where a `main` would go.
      const SourceFile& src = *program.checked->source;
      const size_t last = src.text().find_last_not_of(" \t\r\n");
      const uint32_t end = last == std::string::npos ? 0 : static_cast<uint32_t>(last);
      if (!mod.broken_names.count("main"))
        diags.Error(src, Span{end, end + 1},
                    "`main` function not found: running a script spawns `async fn main()` (add one, or "
                    "name the tasks to spawn in a scenario's `spawn = [...]`)");
      return out;
    }
    SpawnTarget t;
    t.text = "main()";
    t.fn = main;
    Diagnostics ignore;
    t.call = ParseExprText("main()", "", 1, 1, ignore);
    if (!main->params.empty() || !(main->is_async || (main->ret_type && main->ret_type->IsFuture()))) {
      diags.Error(*program.checked->source, main->name_span, "`main` must be `async fn main()` to be spawned as a task");
      return out;
    }
    out.push_back(std::move(t));
    return out;
  }
  for (size_t i = 0; i < scenario.spawn.size(); ++i) {
    const std::string& text = scenario.spawn[i];
    LineCol at = i < scenario.spawn_pos.size() ? scenario.spawn_pos[i] : LineCol{0, 0};
    std::string line = i < scenario.spawn_lines.size() ? scenario.spawn_lines[i] : std::string();
    auto report = [&](std::string msg) {
      diags.ReportAt(Severity::Error, scenario.path, at.line, at.col, std::move(msg), line);
    };
    ExprPtr e = ParseExprText(text, scenario.path, at.line, at.col, diags);
    if (!e) continue;
    if (e->kind != ExprKind::Call || e->operand->kind != ExprKind::Path || e->operand->path.size() != 1) {
      report(fmt::format("a spawn entry must call a function of the script, like `main()`, not `{}`", text));
      continue;
    }
    const FnDecl* fn = mod.FindFn(e->operand->name);
    if (!fn) {
      if (!mod.broken_names.count(e->operand->name))
        report(fmt::format("cannot find function `{}` in this scope", e->operand->name));
      continue;
    }
    if (e->args.size() != fn->params.size()) {
      report(fmt::format("`{}` takes {} argument{} but {} {} supplied", fn->name, fn->params.size(),
                         fn->params.size() == 1 ? "" : "s", e->args.size(), e->args.size() == 1 ? "was" : "were"));
      continue;
    }
    if (!(fn->is_async || (fn->ret_type && fn->ret_type->IsFuture()))) {
      report(fmt::format("`{}` does not return a future, so it cannot be spawned", fn->name));
      continue;
    }
    auto it = program.checked->fn_body.find(fn);
    if (it == program.checked->fn_body.end() || program.ir[it->second].blocks.empty()) continue;  // reported
    SpawnTarget t;
    t.text = text;
    t.fn = fn;
    t.call = std::move(e);
    out.push_back(std::move(t));
  }
  return out;
}

Trace RunScenario(const Program& program, const Scenario& scenario, const RunOptions& options, Diagnostics& diags) {
  return Emulator(program, scenario, options, diags).Run();
}

}  // namespace aws
