// The library types' functions and methods (library_types.h): `Arc`, `Mutex` and its guard,
// `VecDeque`, `BTreeMap` and its `Entry`, crossbeam's `ArrayQueue`, and the mpsc channels.
#include <fmt/format.h>

#include "awaitscope/library_types.h"
#include "check/checker_impl.h"

namespace aws::check {

TypeRef Checker::CheckLibraryCall(Expr& e, const Builtin& b, TypeRef expected) {
  TypeRef usize = T.Int(IntKind::Usize);
  auto want = [&](std::string_view name, size_t i) -> TypeRef {
    return IsLibrary(expected, name) && i < expected->args.size() ? expected->args[i] : nullptr;
  };
  // `Arc::clone(&a)` and `Arc::strong_count(&a)` (`Rc::` alike): a reference to an `Arc` (an `Rc`).
  const std::string_view ptr = b.name.substr(0, 2) == "Rc" ? "Rc" : "Arc";
  auto arc_arg = [&]() -> TypeRef {
    TypeRef t = R(Check(*e.args[0], nullptr));
    if (t->IsError()) return t;
    if (t->kind == TypeKind::Ref && IsLibrary(R(t->args[0]), ptr)) return R(t->args[0]);
    ErrorCode(e.args[0]->span, "E0308", fmt::format("mismatched types: expected `&{}<_>`, found `{}`", ptr, Name(t)));
    return T.Error();
  };
  switch (b.id) {
    case BuiltinId::ArcNew: return T.Library(std::string(ptr), {Check(*e.args[0], want(ptr, 0))});
    case BuiltinId::ArcClone: return arc_arg();
    case BuiltinId::ArcStrongCount: arc_arg(); return usize;
    case BuiltinId::MutexNew: return T.Library("Mutex", {Check(*e.args[0], want("Mutex", 0))});
    case BuiltinId::VecDequeWithCapacity: Arg(e, 0, usize); [[fallthrough]];
    case BuiltinId::VecDequeNew:
      return IsLibrary(expected, "VecDeque") ? expected : T.Library("VecDeque", {NewVar(e.span)});
    case BuiltinId::BTreeMapNew: {  // `BTreeMap::new()` or `HashMap::new()`
      const std::string map = b.name == "HashMap::new" ? "HashMap" : "BTreeMap";
      return IsLibrary(expected, map) ? expected : T.Library(map, {NewVar(e.span), NewVar(e.span)});
    }
    case BuiltinId::ArrayQueueNew:
      Arg(e, 0, usize);
      return IsLibrary(expected, "ArrayQueue") ? expected : T.Library("ArrayQueue", {NewVar(e.span)});
    case BuiltinId::SyncChannel: case BuiltinId::Channel: {
      if (b.id == BuiltinId::SyncChannel) Arg(e, 0, usize);
      TypeRef item = expected && expected->kind == TypeKind::Tuple && expected->args.size() == 2 &&
                             IsLibrary(R(expected->args[1]), "Receiver")
                         ? R(expected->args[1])->args[0]
                         : NewVar(e.span);
      return T.Tuple({T.Library(b.id == BuiltinId::SyncChannel ? "SyncSender" : "Sender", {item}),
                      T.Library("Receiver", {item})});
    }
    case BuiltinId::ThreadSpawn: case BuiltinId::WithoutInterrupts: {
      TypeRef fn_t = R(Check(*e.args[0], T.Closure({}, nullptr, -1)));
      if (fn_t->IsError()) return T.Error();
      if (fn_t->kind != TypeKind::Closure || fn_t->args.size() != 1) {
        ErrorCode(e.args[0]->span, "E0593", fmt::format("`{}` needs a closure that takes no arguments", b.name));
        return T.Error();
      }
      TypeRef ret = fn_t->args.back();
      if (b.id == BuiltinId::ThreadSpawn) RequireSend(SendRequirement::Kind::ThreadSpawn, *e.args[0], e);
      return b.id == BuiltinId::ThreadSpawn ? T.Library("JoinHandle", {ret}) : ret;
    }
    case BuiltinId::StreamIter: return CheckStreamIterCall(e);  // stream_impls.cpp
    case BuiltinId::InstantNow: return T.Library("Instant", {});
    case BuiltinId::Hlt:
      if (b.name == "process::exit") {  // shares `hlt`'s id: the core stops for good (devices/threads.cpp)
        Arg(e, 0, T.Int(IntKind::I32));
        return T.Never();
      }
      return T.Unit();
    case BuiltinId::InterruptsEnable: case BuiltinId::InterruptsDisable: case BuiltinId::EnableAndHlt:
      return T.Unit();
    default:
      if (TypeRef t = CheckStaticsCall(e, b, expected)) return t;  // statics.cpp
      if (TypeRef t = CheckCellCall(e, b, expected)) return t;     // cells.cpp
      break;
  }
  Error(e.span, fmt::format("`{}` cannot be called here", b.name));
  return T.Error();
}

namespace {

// The methods of each library type: (type, method) -> the built-in it calls.
struct LibMethod {
  std::string_view type, name;
  BuiltinId id;
};
constexpr LibMethod kLibMethods[] = {
    {"Arc", "clone", BuiltinId::ArcClone},            {"Rc", "clone", BuiltinId::ArcClone},
    {"Cell", "get", BuiltinId::CellGet},              {"Cell", "set", BuiltinId::CellSet},
    {"Cell", "replace", BuiltinId::CellReplace},      {"Cell", "take", BuiltinId::CellTake},
    {"Cell", "into_inner", BuiltinId::CellIntoInner},
    {"RefCell", "borrow", BuiltinId::RefCellBorrow},  {"RefCell", "borrow_mut", BuiltinId::RefCellBorrowMut},
    {"RefCell", "try_borrow_mut", BuiltinId::RefCellTryBorrowMut},
    {"RefCell", "replace", BuiltinId::CellReplace},   {"RefCell", "take", BuiltinId::CellTake},
    {"RefCell", "into_inner", BuiltinId::CellIntoInner},
    // `try_lock` shares `lock`'s id: the runtime tells them apart by name.
    {"Mutex", "lock", BuiltinId::MutexLock},          {"Mutex", "try_lock", BuiltinId::MutexLock},
    {"VecDeque", "push_back", BuiltinId::PushBack},   {"VecDeque", "push_front", BuiltinId::PushFront},
    {"VecDeque", "pop_front", BuiltinId::PopFront},   {"VecDeque", "pop_back", BuiltinId::PopBack},
    {"VecDeque", "len", BuiltinId::Len},              {"VecDeque", "is_empty", BuiltinId::IsEmpty},
    {"VecDeque", "iter", BuiltinId::Iter},
    {"BTreeMap", "insert", BuiltinId::MapInsert},     {"BTreeMap", "get", BuiltinId::MapGet},
    {"BTreeMap", "get_mut", BuiltinId::MapGetMut},    {"BTreeMap", "remove", BuiltinId::MapRemove},
    {"BTreeMap", "contains_key", BuiltinId::MapContainsKey},
    {"BTreeMap", "entry", BuiltinId::MapEntry},       {"BTreeMap", "iter", BuiltinId::MapIter},
    {"BTreeMap", "len", BuiltinId::Len},              {"BTreeMap", "is_empty", BuiltinId::IsEmpty},
    // HashMap runs as a BTreeMap does; its `iter` (in an order rustc does not promise) is not offered.
    {"HashMap", "insert", BuiltinId::MapInsert},      {"HashMap", "get", BuiltinId::MapGet},
    {"HashMap", "get_mut", BuiltinId::MapGetMut},     {"HashMap", "remove", BuiltinId::MapRemove},
    {"HashMap", "contains_key", BuiltinId::MapContainsKey},
    {"HashMap", "entry", BuiltinId::MapEntry},
    {"HashMap", "len", BuiltinId::Len},               {"HashMap", "is_empty", BuiltinId::IsEmpty},
    {"Entry", "or_insert_with", BuiltinId::EntryOrInsertWith},
    {"ArrayQueue", "push", BuiltinId::QueuePush},     {"ArrayQueue", "pop", BuiltinId::QueuePop},
    {"ArrayQueue", "len", BuiltinId::Len},            {"ArrayQueue", "is_empty", BuiltinId::IsEmpty},
    {"ArrayQueue", "is_full", BuiltinId::IsFull},
    {"Sender", "send", BuiltinId::Send},              {"Sender", "clone", BuiltinId::ArcClone},
    {"SyncSender", "send", BuiltinId::Send},          {"SyncSender", "clone", BuiltinId::ArcClone},
    {"Receiver", "recv", BuiltinId::Recv},            {"Receiver", "try_recv", BuiltinId::TryRecv},
    {"JoinHandle", "join", BuiltinId::ThreadJoin},
    {"OnceCell", "try_init_once", BuiltinId::TryInitOnce}, {"OnceCell", "try_get", BuiltinId::TryGet},
    {"AtomicWaker", "register", BuiltinId::AtomicRegister}, {"AtomicWaker", "wake", BuiltinId::AtomicWake},
    {"AtomicWaker", "take", BuiltinId::AtomicTake},
    {"AtomicU64", "fetch_add", BuiltinId::FetchAdd},  {"AtomicU64", "load", BuiltinId::AtomicLoad},
    {"Stdout", "flush", BuiltinId::Flush},
    {"LocalKey", "with", BuiltinId::LocalKeyWith},
    {"stream::Iter", "next", BuiltinId::StreamIterNext},
    {"Instant", "elapsed", BuiltinId::InstantElapsed},
    {"Instant", "duration_since", BuiltinId::InstantDurationSince},
    {"Instant", "saturating_duration_since", BuiltinId::InstantDurationSince},
};

// How rustc names a library struct in E0599: its generic parameters, with the std path for the
// types a script's prelude does not bring in.
std::string RustcStructName(std::string_view name) {
  if (name == "VecDeque") return "VecDeque<T, A>";
  if (name == "BTreeMap") return "BTreeMap<K, V, A>";
  if (name == "HashMap") return "HashMap<K, V, S, A>";
  if (name == "Mutex") return "std::sync::Mutex<T>";
  if (name == "Arc") return "Arc<T, A>";
  if (name == "Rc") return "Rc<T, A>";
  if (name == "Cell" || name == "RefCell") return fmt::format("std::cell::{}<T>", name);
  if (name == "Entry") return "std::collections::btree_map::Entry<'a, K, V, A>";
  if (name == "ArrayQueue") return "ArrayQueue<T>";
  if (name == "JoinHandle") return "JoinHandle<T>";
  if (name == "LocalKey") return "LocalKey<T>";
  if (name == "Instant") return "Instant";
  if (name == "stream::Iter") return "futures::stream::Iter<I>";
  return fmt::format("{}<T>", name);
}

}  // namespace

TypeRef Checker::CheckLibraryMethod(Expr& e, TypeRef rt) {
  TypeRef lib = StripRef(rt);
  if (lib->kind != TypeKind::Library) return nullptr;
  if (TypeRef t = CheckNetMethod(e, rt, lib)) return t;  // check/network.cpp
  if (TypeRef t = CheckTokioChannelMethod(e, rt, lib)) return t;  // check/tokio_channels.cpp
  const LibMethod* m = nullptr;
  for (TypeRef t = lib; t->kind == TypeKind::Library;) {
    for (const LibMethod& row : kLibMethods)
      if (row.type == t->name && row.name == e.name) m = &row;
    lib = t;
    if (m || !IsLibraryPointer(t)) break;
    t = R(t->args[0]);
  }
  if (!m) {
    if (IsLibraryPointer(lib)) return nullptr;  // a method of the value it points at
    for (auto& a : e.args) Check(*a, nullptr);
    ErrorCode(e.name_span, "E0599", fmt::format("no method named `{}` found for struct `{}` in the current scope: "
                                                "method not found in `{}`",
                                                e.name, RustcStructName(lib->name), Name(lib)));
    return T.Error();
  }
  // The entry of this name (methods sharing an id, as `try_lock` and `lock`, differ by name).
  const Builtin* named = FindLibraryMethodNamed("." + std::string(m->name));
  const Builtin& b = named && named->id == m->id ? *named : GetBuiltin(m->id);
  e.builtin = &b;
  if (!CheckArity(e, b.min_args, b.max_args, fmt::format("method `{}`", e.name))) {
    for (auto& a : e.args) Check(*a, nullptr);
    return T.Error();
  }
  TypeRef item = lib->args.empty() ? T.Error() : lib->args[0];
  TypeRef value = lib->args.size() > 1 ? lib->args[1] : T.Error();
  if (LibraryMutatesReceiver(m->id)) RequireMutReceiver(e, rt);
  switch (m->id) {
    case BuiltinId::ArcClone: return lib;
    case BuiltinId::MutexLock: {
      TypeRef guard = T.Library("MutexGuard", {item});
      return T.Result(guard, T.Library(m->name == "try_lock" ? "TryLockError" : "PoisonError", {guard}));
    }
    case BuiltinId::PushBack: case BuiltinId::PushFront: Arg(e, 0, item); return T.Unit();
    case BuiltinId::PopFront: case BuiltinId::PopBack: case BuiltinId::QueuePop: return T.Option(item);
    case BuiltinId::Len: return T.Int(IntKind::Usize);
    case BuiltinId::IsEmpty: case BuiltinId::IsFull: return T.Bool();
    case BuiltinId::Iter: return T.Iter(IterKind::SliceIter, T.Ref(item, false));
    case BuiltinId::MapInsert: Arg(e, 0, item); Arg(e, 1, value); return T.Option(value);
    case BuiltinId::MapGet: Arg(e, 0, T.Ref(item, false)); return T.Option(T.Ref(value, false));
    case BuiltinId::MapGetMut: Arg(e, 0, T.Ref(item, false)); return T.Option(T.Ref(value, true));
    case BuiltinId::MapRemove: Arg(e, 0, T.Ref(item, false)); return T.Option(value);
    case BuiltinId::MapContainsKey: Arg(e, 0, T.Ref(item, false)); return T.Bool();
    case BuiltinId::MapEntry: Arg(e, 0, item); return T.Library("Entry", {item, value});
    case BuiltinId::MapIter:
      return T.Iter(IterKind::SliceIter, T.Tuple({T.Ref(item, false), T.Ref(value, false)}));
    case BuiltinId::EntryOrInsertWith: {
      TypeRef fn_t = R(Check(*e.args[0], T.Closure({}, value, -1)));
      if (fn_t->IsError()) return T.Ref(value, true);
      if (fn_t->kind != TypeKind::Closure || fn_t->args.size() != 1)
        ErrorCode(e.args[0]->span, "E0593", "`or_insert_with` needs a closure that takes no arguments");
      else ExpectType(*e.args[0], fn_t->args.back(), value);
      return T.Ref(value, true);
    }
    case BuiltinId::QueuePush: Arg(e, 0, item); return T.Result(T.Unit(), item);
    case BuiltinId::Send: Arg(e, 0, item); return T.Result(T.Unit(), T.Library("SendError", {item}));
    case BuiltinId::Recv: return T.Result(item, T.Library("RecvError", {}));
    case BuiltinId::TryRecv: return T.Result(item, T.Library("TryRecvError", {}));
    case BuiltinId::ThreadJoin: return T.Result(item, T.Library("Box<dyn Any + Send>", {}));
    case BuiltinId::StreamIterNext: return CheckStreamIterNext(e, rt, lib);  // stream_impls.cpp
    case BuiltinId::InstantElapsed: return T.Duration();
    case BuiltinId::InstantDurationSince: Arg(e, 0, T.Library("Instant", {})); return T.Duration();
    default:
      if (TypeRef t = CheckStaticsMethod(e, lib)) return t;  // statics.cpp
      if (TypeRef t = CheckCellMethod(e, rt, lib)) return t;  // cells.cpp
      break;
  }
  return T.Error();
}

}  // namespace aws::check
