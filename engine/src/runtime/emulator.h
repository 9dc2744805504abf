// The runtime's private header: the emulated machine's records and the Emulator class, whose
// member functions are defined across engine/src/runtime/ by concept:
//   emulator.cpp                 setting a run up, running it, creating objects
//   events.cpp                   every trace event the runtime emits goes through Emit
//   interpreter/                 places and values, statements, iterators, calls, display
//   library/builtins.cpp         the built-in library types (String, Vec, Option, Box, Pin, mem)
//   futures/                     leaf futures, combinators, polling
//   devices/                     the interrupt controller, keyboard, disk, network, timers and threads
//                                (a new device: a file here, its leaf future, its Emit functions)
//   executors/                   tasks and wakers, and one file per built-in executor
//   memory_tracking.cpp          addresses, blocks, moves and dangling pointers
// The public entry point stays awaitscope/runtime.h (RunScenario, ResolveSpawns).
#pragma once
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "awaitscope/executor_kind.h"
#include "awaitscope/memory.h"
#include "awaitscope/runtime.h"
#include "awaitscope/value.h"
#include "awaitscope/whatif.h"
#include "text_escape.h"

namespace aws::emu {

constexpr int64_t kBusyTickMs = 1;
constexpr size_t kScancodeQueueCapacity = 100;
constexpr int kMaxCallDepth = 256;
constexpr size_t kMaxElements = 1'000'000;      // a script that allocates without bound faults

// Ends the run from anywhere inside the emulator.
struct StopRun {
  int reason;  // RunEnd.a: 1 faulted, 2 stopped
  std::string why;
  std::optional<Span> at;  // the statement that faulted, when the fault is the script's own
};

// A Value kept out of line (null until first written): most records that may hold one never do
// (a machine's leaf result, a waker's RawWaker or Arc), and a Value is 88 bytes where this is 8.
// A plain `()` (what sleeps and writes complete with) is a tag, not an allocation.
// Reads as the Value it holds, an Uninit one while empty.
class ValueBox {
 public:
  ValueBox() = default;
  ValueBox(const ValueBox& o) : p_(o.Owns() ? new Value(*o.p_) : o.p_) {}
  ValueBox(ValueBox&& o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
  ~ValueBox() { Reset(); }
  ValueBox& operator=(const ValueBox& o) {
    if (this == &o) return *this;
    if (!o.Owns()) {
      Reset();
      p_ = o.p_;
      return *this;
    }
    return *this = *o.p_;
  }
  ValueBox& operator=(ValueBox&& o) noexcept {
    if (this != &o) {
      Reset();
      p_ = std::exchange(o.p_, nullptr);
    }
    return *this;
  }
  ValueBox& operator=(Value v) {
    if (IsPlainUnit(v)) {
      Reset();
      p_ = UnitTag();
    } else if (Owns()) {
      *p_ = std::move(v);
    } else {
      p_ = new Value(std::move(v));
    }
    return *this;
  }
  operator const Value&() const { return p_ == nullptr ? Empty() : p_ == UnitTag() ? UnitValue() : *p_; }

 private:
  bool Owns() const { return p_ != nullptr && p_ != UnitTag(); }
  void Reset() {
    if (Owns()) delete p_;
    p_ = nullptr;
  }
  static bool IsPlainUnit(const Value& v) {
    const Value& u = UnitValue();
    return v.k == Value::K::Unit && v.mode == u.mode && v.rev == u.rev && v.obj == u.obj && v.slot == u.slot &&
           v.i == u.i && v.s.empty() && v.v.empty() && v.names.empty() && v.path.empty() && v.addr == u.addr;
  }
  static Value* UnitTag() { return const_cast<Value*>(&UnitValue()); }  // never written through
  static const Value& Empty() {
    static const Value empty{};
    return empty;
  }
  static const Value& UnitValue() {
    static const Value unit = Value::Unit();
    return unit;
  }
  Value* p_ = nullptr;
};

// Fields ordered so that a record has no padding holes (a run makes one per future).
struct Obj {
  enum class K : uint8_t { Frame, Machine, Leaf, Combinator, Box, HandWritten };
  K k = K::Frame;
  bool at_await = false;    // machine: suspended at the await of `state`
  bool started = false;     // leaf futures: the device request was made
  bool completed = false;   // leaf futures: the device finished it
  bool done = false;        // returned Ready
  bool dropped = false;     // dropped before it finished (a what-if cancellation)
  FutureKind fut = FutureKind::AsyncFn;
  int body = -1;
  int machine = -1;
  int state = 0;            // machine: current state index
  int task = -1;
  int waker = -1;           // leaf futures: stored waker
  int op = -1;              // Op: the scenario's op index; JoinHandle: the spawned task
  int device = -1;
  std::vector<Value> slots;
  // Machines: the slots that may hold a value since the last transition (a transition empties the
  // ones its state does not keep; visiting every slot instead made a body with n awaits cost n^2).
  std::vector<int> touched;
  std::vector<char> is_touched;  // by slot
  // leaf futures
  std::string what;         // "read foo.txt"
  std::string path;
  std::string write_data;   // a write: the text written
  int64_t latency = 0;
  int64_t request = -1;
  int64_t due = -1;
  int64_t strong = 0;       // Arc: the strong count
  ValueBox result;
  // combinators (apart: most objects are machines and leaves, and a Value is large)
  struct Combinator {
    std::vector<int> kids;
    std::vector<Value> outs;
    std::vector<bool> kid_done;
    std::vector<bool> borrowed;  // polled through `&mut` (a pinned future): never dropped from here
    int phase = 0;
    Value fn;
  };
  std::unique_ptr<Combinator> comb;
};

struct DevEvent {
  enum class Kind : uint8_t { Complete, Key, ThreadWake };  // ThreadWake: obj = the sleeping thread
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
  bool cloned = false;      // made by `clone()` in script code (the script owns it)
  // Made by script code from a RawWaker (futures/script_wakers.cpp): `raw` holds it (a Tuple of
  // the data pointer and the vtable, a Tuple of the four functions).
  bool scripted = false;
  ValueBox raw;
  // Made by `Waker::from(arc)` (futures/arc_wakers.cpp): `raw` is the `Arc<W>` whose W implements
  // `Wake`; `holder` the object that holds it for `wake_by_ref(self: &Arc<Self>)` (-1: none yet).
  bool arc = false;
  int holder = -1;
};

struct TaskRec {
  int root = -1;
  bool done = false;
  bool in_map = true;       // waker executor: still in `tasks`
  int cached_waker = -1;
  std::string name;
  bool joinable = false;      // spawned by tokio::spawn: its JoinHandle gives `result`
  ValueBox result;            // its output once done, kept only when joinable
  std::vector<int> joiners;   // JoinHandle leaves polled before it finished (their wakers wait)
};

// An accepted connection (devices/network.cpp): its client's schedule and what went each way.
struct NetConn {
  const ConnectionSpec* spec = nullptr;
  int device = -1;
  size_t consumed = 0;   // bytes of the client's chunks that reads have taken
  std::string received;  // what the server read
  std::string sent;      // what the server wrote
  bool nonblocking = false;  // std's `set_nonblocking(true)`: a read with nothing to read returns WouldBlock
};

struct FileRec {
  std::string contents;
  int64_t read_latency = 30;
  int64_t write_latency = 15;
};

inline std::string Quote(const std::string& s) { return RustQuote(s); }

// The arguments of one trace event (see events.cpp).
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

// A place at run time: a slot of an object (frame, machine, box) and a path into its value.
struct Loc {
  int obj = -1;
  int slot = -1;
  std::vector<int32_t> path;
};

// Adapters are lazy as in std: a `Map`/`Filter`/`Enumerate`/`Zip` value holds the iterator it
// wraps (v[0], and v[1] for `Zip`) and runs its closure (v[1]) only when an item is asked
// for. They are advanced by location, not by reference: a closure call may grow the object
// table, so the iterator is found again (`At`) after each one.
enum IterMode : int8_t { kIterBorrowed = 0, kIterOwned = 1, kIterRange = 2, kIterMap = 3, kIterFilter = 4,
                         kIterEnumerate = 5, kIterZip = 6,
                         kIterPairs = 7 };  // a BTreeMap's `iter()`: (&key, &value) of each borrowed entry

// Library values (library/): a Struct value whose `mode` says which library value it is (a
// script struct has mode 0). Arc: obj = its heap object (slot 0 the value, Obj::strong the
// count). MutexGuard: obj/slot/path = the Mutex it holds. Mutex: v[0] the value, i = 1 while
// locked. Sender/SyncSender/Receiver: i = the channel. Entry: v[0] = &map, v[1] = the key.
// VecDeque is an Array (s "vec"), BTreeMap an Array of (key, value) tuples sorted by key (s
// "map"), ArrayQueue an Array (s "arrayqueue", `end` its capacity).
// TcpListener/TcpStream/SocketAddr (devices/network.cpp): i = the connection (-1: the listener).
// OnceCell/AtomicWaker/AtomicU64/Stdout (library/statics.cpp): s the type's name; a OnceCell's
// v[0] its value once initialized; an AtomicWaker's i the waker it holds (-1: none); an
// AtomicU64's i its value.
enum LibMode : int8_t { kLibArc = 1, kLibGuard = 2, kLibMutex = 3, kLibChannelEnd = 4, kLibEntry = 5, kLibNet = 6,
                        kLibStatic = 7, kLibCell = 8, kLibRefCell = 9 };
inline bool IsLibPointer(const Value& v) { return v.k == Value::K::Struct && (v.mode == kLibArc || v.mode == kLibGuard); }

// A channel (library/sync.cpp): its messages, its bound (-1: unbounded), its live ends.
struct ChannelRec {
  std::deque<Value> items;
  int64_t bound = -1;
  int senders = 1;
  bool receiver = true;
  int64_t sent = 0, received = 0;  // messages so far (a rendezvous channel's sender waits for its own)
  std::string name;  // "channel#0"
  // tokio::sync's channels (library/tokio_channels.cpp): futures wait on them, not threads
  enum Flavor : uint8_t { kStd, kOneshot, kTokioMpsc };
  Flavor flavor = kStd;
  int device = -1;                // its device ("oneshot#0", kind "channel")
  int rx_obj = -1;                // oneshot: the Receiver's leaf future
  int rx_waiter = -1;             // the receiving leaf that registered a waker last
  std::deque<int> send_waiters;   // bounded mpsc: the `send` leaves waiting for room, in order
};
bool IsTokioChannelEnd(const std::string& type_name);  // library/tokio_channels.cpp
bool IsTokioChannelType(TypeRef t);  // a tokio channel end or a oneshot::Receiver

// Memory tracking: where a slot of a body lives (in its machine, or in the poll's stack frame).
struct SlotHome {
  bool in_machine = false;
  uint64_t offset = 0;
  uint64_t size = 0;
};

struct ThreadTable;  // devices/threads.cpp
struct ThreadTableDeleter {
  void operator()(ThreadTable* t) const;
};

// library/option_result.cpp: whether `id` is one of Option's and Result's methods that file runs.
bool IsOptionResultBuiltin(BuiltinId id);

class Emulator {
 public:
  Emulator(const Program& p, const Scenario& s, const RunOptions& o, Diagnostics& d);
  ~Emulator();
  Trace Run();
  // A what-if run (whatif.h): these injections too. `inj` outlives the run.
  void SetInjections(const WhatIfInjections* inj) { inj_ = inj; }
  void Prepare();
  Value ConstEval(const Expr& e, const OpSpec& op);
  int NewObj(Obj o, const std::string& name, ObjectKind kind, int machine = -1);
  // A new state machine (Unresumed) for an async fn or block, holding its inputs.
  int NewMachine(int body, const std::vector<Value>& inputs, int capture_source_frame, const std::string& name);
  int NewLeaf(FutureKind k, const std::string& name);

  // The built-in executors (executors/): each runs the tasks until the run ends.
  // block_on in a loop: every iteration polls each unfinished task once and costs one tick.
  void RunBusy();
  // The blog's SimpleExecutor: a FIFO of tasks, a dummy waker made for every poll, Pending
  // tasks go to the back. Each loop iteration costs one tick.
  void RunSimple();
  // The blog's Executor: tasks by id, a queue of ready ids, a waker cache, and hlt when idle.
  void RunWaker();
  // The talk's executor: a channel of tasks; a task sends itself again when woken; `run` ends
  // when every sender (the spawner and each live task) is gone and the channel is empty.
  void RunChannel();
  // A plain `fn main()`: the program is the main thread's code, run on the core to its end (no
  // executor). See devices/threads.cpp for the time rule of plain code.
  void RunMainThread();

 private:
  // --- events.cpp: the trace events
  Event MakeEvent(EventKind k, EvArgs x);
  void Emit(EventKind k, EvArgs x);
  void Note(int level, std::string text);
  // A note that future `obj` is dropped (Diagnostic with obj set and b = 1): the world folds read
  // the typed fields, never the text (its device request is abandoned, its stored waker gone).
  void NoteDrop(int obj, std::string text);
  bool IsSelect(int obj) const;
  std::string ShowSelectOutput(const Value& v);
  void EmitRunEnd(int reason, const std::string& why);
  void EmitSpawn(int task, int root, const std::string& name);
  void EmitTaskDone(int task, int root, const Value& result);
  void EmitQueuePush(int task);  // after the push: the queue's length
  void EmitQueuePop(int task);   // after the pop
  void EmitQueuePush(int task, size_t len);  // a script's queue (len: its length after)
  void EmitQueuePop(int task, size_t len);
  void EmitWakerCreate(int task, int waker);
  void EmitWakerDrop(int task, int waker);
  void EmitWakerClone(int task, int waker, int of);
  // task -1: a no-op waker; -2: the current task. `enqueues`: the wake pushes the task.
  void EmitWakerWake(int task, int waker, int device, bool enqueues, const std::string& what);
  void EmitHalt(bool lost_wakeup);
  void EmitPollBegin(int obj, int depth);
  void EmitPollEnd(int obj, int depth, const Value* ready);  // ready: the output, nullptr on Pending
  void EmitTransition(int machine, int from, int to, std::string fields);
  void EmitPanic(int machine, const std::string& msg);
  void EmitPrint(int machine, const std::string& text);
  void EmitCpuBusy(int64_t ms, bool blocking, std::string what = {});
  void EmitDeviceStart(int leaf, int device, int64_t request, int64_t due, const std::string& what);
  void EmitDeviceComplete(int leaf, int device, int64_t request, std::string result);
  void EmitScancode(int device, const char* op, uint8_t scancode);  // op: "push" or "pop"
  void EmitWakerRegister(int leaf, int waker, int device);
  void EmitInterrupt(int device, int64_t scancode, bool held);  // scancode -1: a request's completion
  void EmitInject(int device, uint8_t scancode);
  void EmitResume(int device);
  void EmitMemory(EventKind k, int block, int64_t a, int64_t b, std::string payload);
  void EmitMemDangling(int block, uint64_t addr, const std::string& msg);
  // Emulated threads (trace.h ThreadState, ContextSwitch); only once ShowThreads() has run.
  void EmitThreadState(int thread, int64_t state, std::string text);
  void EmitContextSwitch(int from, int to, int device, std::string saved);
  // Executor code (trace.h ExecLine): whether the interpreter runs it now, and the step onto a
  // line of it (called for every statement and terminator of `frame`, at `s`, after SetLine;
  // records only a line entered).
  bool InExecutorCode() const;
  void ExecStep(int frame, Span s, bool is_return = false);
  [[noreturn]] void Fault(std::string why);
  // A fault of the statement executing (a bad dereference, an index out of range): reported at
  // its line and column.
  [[noreturn]] void FaultHere(std::string why);

  // --- interpreter/places.cpp: places and values
  bool IsCaptureByRef(int frame, int slot) const;
  Value& At(const Loc& l);
  Loc Locate(int frame, const Place& pl);
  Value Read(int frame, const Operand& o);
  Value ConstValue(const Constant& c);
  // Follows references (and boxes) to the value they point at.
  Value& Deref(Value& v);
  Value Load(const Value& v);
  TypeRef SlotType(int frame, const Place& p);
  void Write(int frame, const Place& dst, Value v);
  static void Touch(Obj& o, int slot) {
    if (static_cast<size_t>(slot) < o.is_touched.size() && !o.is_touched[slot]) {
      o.is_touched[slot] = 1;
      o.touched.push_back(slot);
    }
  }

  // --- interpreter/display.cpp: values as text
  std::string Show(const Value& v, bool debug, int depth = 0);
  std::string PlaceName(const Value& r);
  // What `{}`/`{:?}` print: references inside a value (`Some(&x)`, items of `enumerate`) print
  // as what they point at, as Rust's Display and Debug do.
  Value Printable(const Value& v, int depth = 0);
  std::string Format(const std::string& fmt_text, const std::vector<Value>& args);

  // --- interpreter/statements.cpp: blocks, statements, transitions, arithmetic
  void SetLine(Span s);
  void CountStatement();
  // Runs a body's IR in `frame` from `block` until it returns or (machines) suspends.
  // Returns true when the body returned (value in the return slot), false on Pending.
  // `resume` starts at the block's terminator (the await being re-polled).
  bool Execute(int frame, int block, int waker, bool resume = false);
  // Enters `to` on a machine: records the saved fields and forgets everything else.
  void Transition(int frame, int to);
  // A panic; `here`: raised by the statement executing (positioned), not by the executor.
  [[noreturn]] void Panic(const std::string& msg, bool here = true);
  int64_t IntBits(TypeRef t);
  bool IsSigned(TypeRef t);
  Value Arith(BinOp op, const Value& a0, const Value& b0, TypeRef type);
  Value Eval(int frame, const Statement& st, int waker);
  Value Aggregate(int frame, const Rvalue& rv);

  // --- interpreter/iterators.cpp
  static Loc Sub(const Loc& l, int32_t i);
  // Where the iterator a reference points at lives (through references to references).
  Loc IterLoc(const Value& r);
  bool IterNext(const Loc& loc, Value* item);
  // What `into_iter()` (and a `for` loop) makes of a value: borrowed or owned elements.
  Value IntoIterValue(Value src);
  Value Adapter(IterMode mode, std::vector<Value> parts);
  // `.rev()`: the base iterator walks from its end; `map` and `filter` pass `next_back` through.
  void Reverse(Value& it);
  // The consumers: they drive the iterator their receiver points at.
  Value ConsumeIter(BuiltinId id, std::vector<Value>& a);
  bool IterAdvance(Value& it, Value* item);

  // --- interpreter/calls.cpp
  // Runs a synchronous body (fn or closure) to completion in a fresh frame.
  Value CallBody(int body, const std::vector<Value>& args, const std::vector<Value>& captures);
  Value CallClosure(const Value& c0, std::vector<Value> args);
  Value Duration(int64_t ms);
  Value Call(int frame, const Rvalue& rv, int waker);
  // The impl `sig` (a trait's method) has for the struct behind a trait object's pointer.
  const FnDecl* DynTarget(const FnDecl& sig, const Value& receiver);
  Value CallOp(int op, const std::vector<Value>& args);

  // --- library/builtins.cpp: the built-in library types
  Value CallBuiltin(const Builtin& b, std::vector<Value>& a, int waker);
  // library/option_result.cpp: Option's and Result's methods with closures, references, defaults.
  Value CallOptionResultBuiltin(const Builtin& b, std::vector<Value>& a);
  // library/collections.cpp (VecDeque, BTreeMap, ArrayQueue) and library/sync.cpp (Arc, Mutex,
  // channels): the library types' functions and methods.
  Value CallLibraryBuiltin(const Builtin& b, std::vector<Value>& a);
  Value CallCollectionBuiltin(const Builtin& b, std::vector<Value>& a);
  // Where the value a reference (through references, `Arc`s and guards) points at lives.
  Loc PointeeLoc(const Value& v);
  // The library value a receiver designates: through references only (an `Arc` itself).
  Value& LibReceiver(Value& v);
  // A value of a library type goes out of scope (or is `drop`ped): a guard unlocks its mutex,
  // an `Arc` lowers the count, a channel end is gone.
  void DropLibraryValue(const Value& v, TypeRef t);
  // The `let` bindings a body's scope ends drop here (bodies holding library values only).
  void DropAtScopeEnd(int frame, int block, size_t stmt);
  // An `if`/`while` condition was decided: its temporaries (`while !*flag.lock().unwrap()`'s
  // guard) are dropped, as rustc drops them at the end of the condition.
  void DropConditionTemps(int frame);
  // Whether any body holds such values (else no statement looks for scope ends).
  bool AnyLibraryDrops() const;
  // library/statics.cpp: module-level statics (made on first use, in one object whose slot k is
  // Module::fns[k]'s value), OnceCell, AtomicWaker, AtomicU64 and stdout.
  Value CallStaticsBuiltin(const Builtin& b, std::vector<Value>& a);
  // --- library/time.cpp: std::time::Instant on the virtual clock
  Value CallTimeBuiltin(const Builtin& b, std::vector<Value>& a);
  // library/cells.cpp: std::cell's Cell and RefCell (borrows counted, checked at run time)
  Value CallCellBuiltin(const Builtin& b, std::vector<Value>& a);
  void ReleaseCellBorrow(const Value& guard, bool shared);
  // futures/stream_iter.cpp: `stream::iter(..)` (its iterator) and `next()` of it (always Ready)
  Value CallStreamIterBuiltin(const Builtin& b, std::vector<Value>& a);
  bool PollStreamIterNext(int id, Value* out);
  Value StaticRef(size_t k);
  std::string ShowStaticsValue(const Value& v, int depth);
  // The script's keyboard interrupt handler (`fn add_scancode(scancode: u8)`), or null: the
  // built-in one then queues the scancode (devices/keyboard.cpp).
  const FnDecl* ScriptKeyboardHandler() const;
  // Whether an AtomicWaker of the script holds a waker of `task` (WhyStuck).
  bool AtomicWakerHolds(int task);
  // futures/future_builtins.cpp: the built-ins that make futures, spawn, work and thread_sleep.
  Value CallFutureBuiltin(const Builtin& b, std::vector<Value>& a);

  // --- futures/polling.cpp, leaf_futures.cpp, combinators.cpp
  bool Poll(int id, int waker, Value* out);
  bool PollMachine(int id, int waker, Value* out);
  bool PollLeaf(int id, int waker, Value* out);
  bool PollCombinator(int id, int waker, Value* out);

  // --- futures/hand_written.cpp: script structs with `impl Future` (Obj::K::HandWritten: slot 0
  // holds the struct, slot 1 the Context of the poll running)
  // The future object `v` stands for (through references): a Future value's object, or, for a
  // hand-written future's struct, a new object that takes the struct over (`v` becomes its
  // Future value, so later polls find the same object).
  int FutureObjectOf(Value& v);
  // A hand-written future polled by hand where it lives (`Pin::new(&mut self.inner).poll(cx)`):
  // the object that polls it in place (slot 0 holds a reference to the place), one per place.
  int HandWrittenInPlace(const Value& pin);
  bool PollHandWritten(int id, int waker, Value* out);

  // --- futures/task_api.cpp: Context, Waker, Poll and Pin operations of scripts; `handled` false
  // when `b` is none of them
  Value CallTaskBuiltin(const Builtin& b, std::vector<Value>& a, bool* handled);
  // A value that held wakers is gone (overwritten, dropped, its frame ended): they are dropped.
  void DropWakersIn(const Value& v, int depth = 0);
  // `v` is about to be written at `l`: the wakers of the value there go; a waker stored in a
  // hand-written future's state is registered with it.
  void WakersWritten(const Loc& l, const Value& v);
  // A sync body's frame ends: the wakers its locals still hold go.
  void DropFrameWakers(int frame);
  // Why a task that waits forever can never be woken, for the end-of-run message, when script
  // code (a hand-written future, a waker it cloned) is the reason; else empty.
  std::string WhyStuck(int task);

  // --- futures/script_wakers.cpp: wakers, contexts, task polls and queues of an executor written
  // in the script (plain code)
  Value CallScriptWakerBuiltin(const Builtin& b, std::vector<Value>& a, bool* handled);
  int NewScriptWaker(const Value& raw);
  Value CallVtable(int w, int fn);  // fn: 0 clone, 1 wake, 2 wake_by_ref, 3 drop
  int CloneScriptWaker(int of);
  void WakeScriptWaker(int w, int device, const std::string& what, bool consume);

  // --- futures/arc_wakers.cpp: wakers of an `Arc<W>` whose W implements `Wake`, and the task ids
  // a scripted executor keeps in its maps and queues
  int NewArcWaker(const Value& arc);
  int CloneArcWaker(int of);
  void WakeArcWaker(int w, int device, const std::string& what, bool consume);
  void DropArcWaker(int w);
  void DropArc(const Value& arc);
  // A map insert by plain code: a value holding a task's future, under `key`, makes `key` stand
  // for that task (a TaskId).
  void LearnTaskKey(const Value& key, const Value& value);
  void LearnTaskFieldKeys(const Value& elem, int task);
  // The task a value (a TaskId) or a struct's field (a TaskWaker's task_id) stands for; -1.
  int TaskOfKey(const Value& v);
  // `hlt()` in a scenario with `naive_sleep_if_idle`: the next interrupt comes between the
  // emptiness check and `hlt`. False when the rule does not apply (threads, interrupts off).
  bool NaiveHalt();
  void DropScriptWaker(int w);
  // The task whose root future is `id`; with `make`, a future that is no part of another becomes
  // a task (a spawn event). -1 when none.
  int TaskOfFuture(int id, bool make);
  // The task whose future a queue element holds (a Task struct, its Pin<Box<..>>, an Arc); -1 none.
  int TaskIn(const Value& v, int depth = 0);
  // A library queue's push or pop by plain code: the executor's queue_push/queue_pop when the
  // element holds a task.
  void TraceExecutorQueue(const Builtin& b, std::vector<Value>& a, const Value& r);
  // `fut.as_mut().poll(&mut cx)` by plain code: the task's top-level poll.
  Value PlainPoll(int id, int waker);

  // --- devices/interrupt_controller.cpp: requests, the virtual clock, interrupts
  int Device(const std::string& name, const std::string& kind);
  void Schedule(DevEvent e);
  void StartRequest(int leaf, const std::string& what);
  // A request finished: the device (or the timer's thread) marks the future complete and wakes
  // the waker it holds, if any.
  void Complete(int leaf);
  void Register(int leaf, int waker);
  // Handles due device events up to `t`. With `deliver` false (the core is blocked by
  // thread_sleep), interrupts wait and are handled when the core is free again, at `t`.
  void AdvanceTo(int64_t t, bool deliver);
  void Fire(const DevEvent& ev, bool held);
  void DeliverDueAt(int64_t t);

  // --- devices/disk.cpp
  void DiskStart(int leaf);
  std::string DiskComplete(Obj& o);

  // --- devices/network.cpp: sockets of the scenario's [network]
  bool PollNetLeaf(int id, int waker, Value* out);
  void NetStart(int leaf);
  std::string NetComplete(Obj& o);
  void NetRequest(int leaf, int64_t ready, int64_t latency, const std::string& what);
  int NewNetLeaf(const Builtin& b, std::vector<Value>& a);
  Value CallNetworkBuiltin(const Builtin& b, std::vector<Value>& a);
  Value NonblockingRead(std::vector<Value>& a);
  Value EpollWait(Value& conns);
  std::string NetBytes(Value& arg);
  size_t NetAvailable(const NetConn& c, int64_t t) const;
  int64_t NetReadyAt(const NetConn& c) const;
  Value SliceOf(Value& seq_ref, const Value& range);
  std::string ShowNetValue(const Value& v) const;
  // Whether every one of the `waiting_threads` blocked threads waits in a network call.
  bool OnlyNetworkWaits(int waiting_threads) const;

  // --- devices/timers.cpp
  int StartTimerThread(int64_t ms);
  bool PollTimerFuture(int id, int waker, Value* out);

  // --- devices/threads.cpp: the main thread of a plain `fn main()`, spawned threads, hlt and
  // the interrupt flag
  // Virtual time passed while plain code ran (work, a blocking call, hlt): the statement budget
  // of the main thread counts again from zero.
  void PlainTimePassed();
  // A poll made by plain code returned Pending: one tick of the core (the time rule).
  void PlainPollPending();
  Value CallThreadBuiltin(const Builtin& b, std::vector<Value>& a);
  // --- library/tokio_channels.cpp: tokio::sync's oneshot and mpsc channels
  Value CallTokioChannelBuiltin(const Builtin& b, std::vector<Value>& a);
  bool PollChannelLeaf(int id, int waker, Value* out);
  bool ChannelReceiverAlive(const ChannelRec& c) const;
  void WakeChannelWaiter(int leaf, const std::string& why);
  void WakeFirstSender(ChannelRec& c);
  void DropTokioChannelEnd(const Value& v, const std::string& name);
  void DropOneshotReceiver(const Value& v);
  // Blocks the calling thread until `ready()` holds or virtual time reaches `until` (-1: no
  // limit); other threads run meanwhile. With nothing left to run and nothing to come, the run
  // ends as a deadlock whose message names what each thread waits on (`what`).
  ThreadTable& Threads();  // the thread table, made with thread 0 on first use
  // How a wait shows in the trace: a thread blocked in a call, a thread that a woken one
  // preempts (ready), or nothing (`hlt` before any thread shows; a blocked thread passing time).
  enum class WaitShows : uint8_t { Blocked, Preempted, Quiet };
  void WaitFor(const std::function<bool()>& ready, int64_t until, const std::string& what,
               WaitShows shows = WaitShows::Blocked);
  // From now on the run records its threads (trace.h ThreadState), starting with thread 0.
  void ShowThreads();
  // Hands the core from the running thread to `next` and returns when the running thread has
  // it again (the baton; the interpreter's per-thread state is saved and restored).
  void SwitchTo(int next);
  // `work(d)` in plain code: the core is busy for d; with `[threads] preemptive_slice_ms`, the
  // timer interrupt at the end of each slice switches to the next ready thread (round robin).
  void PlainWork(int64_t ms);
  // The slice's timer interrupt came: the next ready thread gets the core (none: this one goes on).
  void Preempt();
  // `hlt`: the core sleeps until the next interrupt.
  void HaltCore();
  // `hlt` with nothing left to come: the run ends, naming the tasks that wait forever.
  [[noreturn]] void HaltForGood(bool emit_halt);
  // Interrupts come back on: the ones that came due while they were off are handled now.
  void EnableInterrupts();
  // The end of a run: threads still waiting are unwound and joined.
  void EndThreads();
  // A sleeping thread's time came (a ThreadWake event): it runs now, before the code the clock
  // interrupted goes on.
  void WakeThread(int thread);
  // The thread running now as Rust names it in a panic (`main`, `<unnamed>`); empty in a task.
  std::string CurrentThreadName() const;
  int CurrentThread() const;  // the running emulated thread's id (0: the run's own)

  // --- devices/keyboard.cpp
  // The keyboard interrupt handler: queue the scancode, then wake the stored waker.
  void AddScancode(uint8_t sc, int device);
  Value PopScancode(int device);
  bool PollScancodeNext(int id, int waker, Value* out);

  // --- executors/tasks.cpp: tasks, the ready queue, wakers
  void SpawnTask(const Value& fut, const std::string& name);
  void MarkTask(int obj, int task);
  void Enqueue(int task);
  int NewWaker(int task);
  void DropWaker(int w);
  // `waker.wake()`: what happens depends on the executor that made the waker.
  void Wake(int w, int device, const std::string& what = {});
  void TaskFinished(int task, const Value& result);
  // One top-level poll of a task by the executor.
  bool PollTask(int task, int waker, Value* result = nullptr);
  bool AllDone() const;
  void PollAfterReadyIfAsked();

  // --- whatif_injections.cpp: a what-if run's injections (whatif.h)
  // Applies the injections whose step has passed; called only between polls.
  void ApplyDueInjections();
  // At the end of the run: an injection the run never reached is a warning.
  void InjectionsNotDone();
  void InjectSpuriousWake(int task);
  void CancelTask(int task);
  // The drop glue of a future a cancelled task owned, outermost first, as notes.
  void DropFuture(int obj, int depth);
  // A request started: the what-if latency of its id, if any, replaces the device's.
  void ApplyRequestLatency(Obj& o);
  bool BlockingRequest(const Obj& o) const;  // the what-if made this request's call blocking
  void WaitOnCore(int leaf);

  // --- memory_tracking.cpp
  bool UsesMemoryFeatures() const;
  void MemInit();
  // Moves that never happened are worth a warning: the lesson did not take place.
  void MovesNotDone();
  int& HomeOf(int obj);
  int& FrameBlockOf(int obj);
  const std::vector<SlotHome>& Homes(int body);
  // Offset of `path` inside a value of type `t`.
  uint64_t PathOffset(TypeRef t, const std::vector<int32_t>& path);
  TypeRef SlotTypeOf(int obj, int slot);
  // The block holding slot `slot` of `obj` (allocating a stack block for frame locals on first
  // use); -1 when the object has no memory (leaf futures, combinators).
  int BlockOfSlot(int obj, int slot);
  uint64_t AddrOf(int obj, int slot, const std::vector<int32_t>& path);
  // Where a hand-written future object's struct (its slot 0) lives: the place holding the future
  // in the object that polls it (an awaiting machine's field); false when that has no memory.
  bool HandWrittenHome(int obj, Loc* home);
  // The address a pointer value designates now (offset policy: recomputed from its place).
  uint64_t PointerTarget(const Value& p);
  // Little-endian bytes of `v` (of type `t`) at `out` (`size` bytes available).
  void EncodeValue(const Value& v, TypeRef t, uint8_t* out, uint64_t size);
  std::string ShowMem(const Value& v);
  // Adds the fields of a value of type `t` at `offset` (structs by member, the rest whole).
  void AddFields(MemBlock& b, const std::string& name, TypeRef t, const Value* v, uint64_t offset, int variant, int depth = 0);
  // Address of the first field of the machine's current state (the documents' "state struct").
  uint64_t StateStructBase(int obj);
  // Rebuilds a block's fields and bytes from the values it holds now.
  void Refresh(int blk);
  void MemEmit(EventKind k, int blk, int64_t a, int64_t b, const std::string& headline, std::vector<int> blocks);
  // A state machine's block, when it is created.
  void AllocMachine(int id, const std::string& fn);
  // The talk's rule, checked on the real layout: a machine is as large as its largest state (the
  // tag plus that state's fields), rounded up to its alignment.
  static std::string SizeClaim(const Machine& m);
  // [memory] connections: the slides' comparison, from the real size of the connection's machine.
  void ConnectionsNote();
  void AllocBox(int id, TypeRef t, const Value& content, bool pin);
  bool NotUnpinType(TypeRef t);
  // Moves a state machine's bytes to `to` (or the next free address of `region`). The old
  // bytes stay behind as stale memory; a ghost object keeps their values for dangling reads.
  void RelocateMachine(int id, uint64_t to, MemRegion region, const std::string& why);
  // [[memory.move]]: moves the named machine before its (after_polls+1)-th poll.
  void MaybeInjectedMove(int id);
  // A dereference of `p` whose place has moved: undefined behaviour. Returns the location of the
  // stale bytes to read instead (a ghost), or faults when nothing sensible lies there.
  Loc DanglingDeref(const Value& p, uint64_t now);
  // The address of an element reference made from `base` (a reference to its sequence): the
  // element's offset added to the address `base` was taken at, so a moved sequence dangles.
  uint64_t ElementAddr(const Value& base, const Value& elem);
  // A place as the program spells it: `array[2]`, `a.self_ptr`, `*Box#3`.
  std::string MemPlaceName(const Value& r);
  static bool HoldsPointerOrAggregate(const Value& v);
  // A pointer into a place whose value was moved out (`let b = a;` and `&a` taken before): the
  // old bytes are still there, no value owns them. Reports undefined behaviour and reads them.
  Loc MovedOutDeref(const Value& p, const Loc& target);
  void NoteArgMoves(int frame, const Rvalue& rv, const std::vector<Value>& a);
  void ArgMoves(int callee);
  // `let b = a;` of a struct, array or tuple (or a future) between places the program names:
  // the bytes are copied and the old place is retired.
  void MemLetMove(int frame, const Statement& st);
  static bool HoldsPointer(const Value& v, int depth = 0);
  // A pointer (or a struct holding one) was stored at `l`: record it when the place is one the
  // program names (not a temporary).
  void MemWritePlace(const Loc& l);
  void MemTransition(int id);
  // `{:p}`: the address a pointer holds; for a reference to a value that is not a pointer, the
  // address of that value (as `{:p}` of `&x` prints where x lives).
  std::string FormatPointer(const Value& arg);
  // mem::replace / mem::swap wrote through `a` (and `b`): the old value moved out.
  void MemReplaced(const Value& a, const Value* b);
  void FreeFrameBlock(int obj);
  void FreeBlock(int blk, const std::string& why);  // a mem_free of the block, `why` its headline
  // `drop(future)` in the script: the drop path as notes (DropFuture), and its memory block freed.
  void DropScriptFuture(int obj);
  void DropSelectLosers(int id, size_t winner);
  void DropTryJoinRest(int id, size_t failed);
  int NewCombinator(FutureKind kind, std::vector<Value>& futs, const char* name);
  template <typename T>
  static T& Side(std::vector<T>& v, int id, T init) {
    if (static_cast<size_t>(id) >= v.size()) v.resize(static_cast<size_t>(id) + 1, init);
    return v[static_cast<size_t>(id)];
  }

  // The run's inputs and its trace.
  const Program& P;
  const Scenario& S;
  RunOptions O;
  Diagnostics& D;
  const SourceFile& src_;
  Trace T;
  std::string executor_;
  const ExecutorKindInfo* kind_ = nullptr;  // executor_'s row of the executor table
  int64_t max_events_ = 1000000;
  int end_reason_ = 0;
  std::string end_why_;

  // The interpreter.
  std::deque<Obj> objs_;
  std::vector<char> keep_;  // Transition's scratch: the slots the new state keeps
  int64_t stmts_in_poll_ = 0;
  int64_t poll_start_event_ = 0;
  int call_depth_ = 0;
  int main_thread_body_ = -1;  // a plain `fn main()`: its body, run by RunMainThread
  // Executor code's line steps: the line and frame of the last ExecLine (0 / -1: the next
  // statement of executor code records one), and the event count when plain time last passed.
  uint32_t exec_line_ = 0;
  int exec_frame_ = -1;
  int64_t plain_time_event_ = 0;
  int depth_ = 0;
  int cur_task_ = -1;
  int cur_machine_ = -1;
  uint32_t cur_line_ = 0;
  Span cur_span_;  // the statement executing (positions run-time errors about memory)
  std::vector<int> poll_stack_;
  std::vector<Value> op_results_;

  // Tasks, wakers and the executors' state.
  std::vector<TaskRec> tasks_;
  std::vector<WakerRec> wakers_;
  std::deque<int> queue_;
  int64_t last_done_ms_ = -1;
  bool spawner_alive_ = true;
  int static_noop_waker_ = -1;  // the object holding `Waker::noop()`'s waker
  int script_wakers_ = 0;        // Waker values made by script code so far (clones): drops are tracked
  std::map<std::string, int> task_keys_;  // a TaskId's debug text -> its task (LearnTaskKey)
  std::map<int, int> task_arcs_;  // an `Arc<Task>`'s object -> its task, once queued (TraceExecutorQueue)
  std::vector<int>* wake_pushes_ = nullptr;  // the tasks a Wake impl's call queued (WakeArcWaker)
  int64_t task_pushes_ = 0;                  // queue pushes of tasks by plain code so far
  std::map<int, int> last_pending_hand_written_;
  std::map<std::tuple<int, int, std::vector<int32_t>>, int> in_place_futures_;  // place -> its object  // task -> the hand-written future that last returned Pending
  bool after_ready_done_ = false;

  // Devices: the virtual clock, pending device events, the keyboard and the disk.
  int64_t now_ = 0;
  int64_t seq_ = 0;
  int64_t request_id_ = 0;
  bool halted_ = false;
  std::set<DevEvent> pending_;
  int statics_obj_ = -1;               // the object holding the module's statics (-1: none used yet)
  std::vector<char> statics_state_;    // by static: 0 not made, 1 being made, 2 made
  // `thread_local!` values: (static, thread) -> their slot in the statics object (made on that
  // thread's first `with`).
  std::map<std::pair<size_t, int>, int> thread_locals_;
  std::vector<Loc> atomic_wakers_;     // the AtomicWakers a `register` stored into
  int irq_device_ = -1;                // the device whose interrupt handler runs (-1: none)
  bool kb_initialized_ = false;
  int kb_waker_ = -1;
  std::deque<uint8_t> kb_queue_;
  std::vector<KeyInput> keys_;
  std::vector<KeySpec> race_keys_;  // delivered inside poll_next (see PollLeaf)
  std::map<std::string, FileRec> files_;
  std::vector<NetConn> net_conns_;  // accepted connections, in accept order
  bool net_bound_ = false;
  size_t net_next_accept_ = 0;      // the next scheduled connection an `accept` takes
  int net_blocked_ = 0;             // threads blocked in a network call
  std::vector<ChannelRec> channels_;
  bool lib_drops_on_ = false;
  std::unique_ptr<ThreadTable, ThreadTableDeleter> threads_;  // spawned threads (null until the first spawn)
  bool interrupts_off_ = false;           // x86_64::instructions::interrupts::disable
  bool thread_events_ = false;            // threads are recorded (ShowThreads)
  int64_t slice_end_ = 0;                 // preemptive threads: when the running thread's slice ends
  int preempt_timer_ = -1;                // preemptive threads: the timer device of the slices
  bool drop_captures_ = false;            // the next CallBody is a thread's closure: drop its captures at its end
  int64_t fired_ = 0;                     // device events handled so far (`hlt` waits for one)
  // By body: whether its scope ends drop library values (guards, Arcs, channel ends), and the
  // scope ends by (block, statement); filled on the first call of the body.
  std::map<int, std::map<std::pair<int, size_t>, std::vector<int>>> lib_drops_;

  const WhatIfInjections* inj_ = nullptr;
  std::vector<char> injected_;  // by InjectSpec: applied already

  // Memory tracking.
  // Passing by value: arguments moved out of named places of the caller are copied into the
  // callee's parameters (recorded once the callee's frame or machine exists).
  struct ArgMove { size_t param; uint64_t from; std::string name; };
  std::vector<ArgMove> arg_moves_;
  uint64_t returned_from_ = 0;   // address of the return slot of the call that just returned
  std::string returned_fn_;
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
};

}  // namespace aws::emu
