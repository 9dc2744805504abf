// The library types' table (library_types.h): names, layouts on x86-64 (rustc 1.95: see
// scripts/rust_sizes.rs) and their functions and methods.
#include "awaitscope/library_types.h"

#include <array>

namespace aws {
namespace {

constexpr uint64_t kMany = 1ull << 62;

constexpr std::array kTypes = {
    LibraryType{"Arc", 1},        LibraryType{"Mutex", 1},       LibraryType{"MutexGuard", 1},
    LibraryType{"PoisonError", 1}, LibraryType{"VecDeque", 1},   LibraryType{"BTreeMap", 2},
    LibraryType{"Entry", 2},      LibraryType{"ArrayQueue", 1},  LibraryType{"Sender", 1},
    LibraryType{"SyncSender", 1}, LibraryType{"Receiver", 1},    LibraryType{"SendError", 1},
    LibraryType{"RecvError", 0},  LibraryType{"TryRecvError", 0}, LibraryType{"JoinHandle", 1},
    LibraryType{"Box<dyn Any + Send>", 0},  // a thread's panic, as `join` returns it
    LibraryType{"RawWaker", 0},   LibraryType{"RawWakerVTable", 0},  // std::task (check/task_api.cpp)
};

constexpr std::array kFns = {
    Builtin{"Arc::new", BuiltinId::ArcNew, 1, 1, "", "a reference-counted pointer to a new heap value"},
    Builtin{"Arc::clone", BuiltinId::ArcClone, 1, 1, "", "another pointer to the same value (the count goes up)"},
    Builtin{"Arc::strong_count", BuiltinId::ArcStrongCount, 1, 1, "", "how many `Arc`s point at the value"},
    Builtin{"Mutex::new", BuiltinId::MutexNew, 1, 1, "", "a mutex around a value"},
    Builtin{"VecDeque::new", BuiltinId::VecDequeNew, 0, 0, "", "an empty double-ended queue"},
    Builtin{"VecDeque::with_capacity", BuiltinId::VecDequeWithCapacity, 1, 1, "", "an empty double-ended queue"},
    Builtin{"BTreeMap::new", BuiltinId::BTreeMapNew, 0, 0, "", "an empty map ordered by key"},
    Builtin{"ArrayQueue::new", BuiltinId::ArrayQueueNew, 1, 1, "", "a bounded queue of the given capacity"},
    Builtin{"sync_channel", BuiltinId::SyncChannel, 1, 1, "", "a channel holding at most n messages"},
    Builtin{"mpsc::sync_channel", BuiltinId::SyncChannel, 1, 1, "", "a channel holding at most n messages"},
    Builtin{"channel", BuiltinId::Channel, 0, 0, "", "an unbounded channel"},
    Builtin{"mpsc::channel", BuiltinId::Channel, 0, 0, "", "an unbounded channel"},
    Builtin{"thread::spawn", BuiltinId::ThreadSpawn, 1, 1, "", "a new thread on the emulated core running the closure"},
    Builtin{"hlt", BuiltinId::Hlt, 0, 0, "", "halts the core until the next interrupt"},
    Builtin{"interrupts::enable", BuiltinId::InterruptsEnable, 0, 0, "", "interrupts on (`sti`)"},
    Builtin{"interrupts::disable", BuiltinId::InterruptsDisable, 0, 0, "", "interrupts off (`cli`): they wait"},
    Builtin{"interrupts::enable_and_hlt", BuiltinId::EnableAndHlt, 0, 0, "", "`sti; hlt` as one step: no wake-up is lost"},
    Builtin{"enable_and_hlt", BuiltinId::EnableAndHlt, 0, 0, "", "`sti; hlt` as one step: no wake-up is lost"},
    Builtin{"interrupts::without_interrupts", BuiltinId::WithoutInterrupts, 1, 1, "", "runs the closure with interrupts off"},
    Builtin{"without_interrupts", BuiltinId::WithoutInterrupts, 1, 1, "", "runs the closure with interrupts off"},
};

constexpr std::array kMethods = {
    Builtin{".clone", BuiltinId::ArcClone, 0, 0, "", "another pointer to the same value (the count goes up)"},
    Builtin{".lock", BuiltinId::MutexLock, 0, 0, "", "locks the mutex; the guard unlocks it when dropped"},
    Builtin{".push_back", BuiltinId::PushBack, 1, 1, "", ""},
    Builtin{".push_front", BuiltinId::PushFront, 1, 1, "", ""},
    Builtin{".pop_front", BuiltinId::PopFront, 0, 0, "", ""},
    Builtin{".pop_back", BuiltinId::PopBack, 0, 0, "", ""},
    Builtin{".insert", BuiltinId::MapInsert, 2, 2, "", "inserts; returns the value the key had"},
    Builtin{".get", BuiltinId::MapGet, 1, 1, "", ""},
    Builtin{".get_mut", BuiltinId::MapGetMut, 1, 1, "", ""},
    Builtin{".remove", BuiltinId::MapRemove, 1, 1, "", ""},
    Builtin{".contains_key", BuiltinId::MapContainsKey, 1, 1, "", ""},
    Builtin{".entry", BuiltinId::MapEntry, 1, 1, "", "the key's entry, to fill if vacant"},
    Builtin{".or_insert_with", BuiltinId::EntryOrInsertWith, 1, 1, "", "the entry's value, made by the closure if vacant"},
    Builtin{".iter", BuiltinId::MapIter, 0, 0, "", "(key, value) pairs in key order"},
    Builtin{".push", BuiltinId::QueuePush, 1, 1, "", "`Err(value)` when the queue is full"},
    Builtin{".pop", BuiltinId::QueuePop, 0, 0, "", "the oldest value, `None` when empty"},
    Builtin{".is_full", BuiltinId::IsFull, 0, 0, "", ""},
    Builtin{".send", BuiltinId::Send, 1, 1, "", "sends a message; a full `sync_channel` blocks"},
    Builtin{".recv", BuiltinId::Recv, 0, 0, "", "the next message; blocks while the channel is empty"},
    Builtin{".try_recv", BuiltinId::TryRecv, 0, 0, "", "the next message, or `Err` at once"},
    Builtin{".join", BuiltinId::ThreadJoin, 0, 0, "", "waits for the thread to finish; its result"},
};

}  // namespace

const LibraryType* FindLibraryType(std::string_view name) {
  for (const LibraryType& t : kTypes)
    if (t.name == name) return &t;
  return nullptr;
}

bool IsLibrary(TypeRef t, std::string_view name) { return t && t->kind == TypeKind::Library && t->name == name; }

bool IsLibraryPointer(TypeRef t) { return IsLibrary(t, "Arc") || IsLibrary(t, "MutexGuard"); }

Layout LibraryLayout(TypeRef t, const std::function<Layout(TypeRef)>& of) {
  const std::string& n = t->name;
  auto arg = [&](size_t i) { return i < t->args.size() ? of(t->args[i]) : Layout{0, 1}; };
  if (n == "Arc") return {8, 8, 1, 8};  // a non-null pointer to the count and the value
  if (n == "Mutex") {                   // futex (u32), poison flag, then the value in an UnsafeCell
    Layout inner = arg(0);
    inner.niches = inner.niche_bytes = 0;  // UnsafeCell hides them
    return RustStructLayout({{4, 4}, {1, 1}, inner});
  }
  if (n == "MutexGuard") return {16, 8, 1, 8};  // &Mutex<T> and the poison guard's bool
  if (n == "PoisonError" || n == "SendError") return arg(0);
  if (n == "VecDeque") return {32, 8, kMany, 8};  // capacity, pointer, head, length
  if (n == "BTreeMap") return {24, 8, 0, 0};      // Option<root> (its niche taken), length
  if (n == "Entry") {                             // the key, a handle, the map
    Layout l = RustStructLayout({arg(0), {24, 8}, {8, 8}});
    l.niches = l.niche_bytes = 0;
    return l;
  }
  if (n == "ArrayQueue") return {384, 128, 1, 8};  // head and tail each CachePadded (128), buffer, one_lap
  if (n == "Sender" || n == "SyncSender" || n == "Receiver") return {16, 8, kMany, 8};  // flavor tag + counter
  if (n == "RecvError") return {0, 1};
  if (n == "TryRecvError") return {1, 1, 254, 1};
  if (n == "JoinHandle") return {24, 8, 1, 8};  // the native handle, the Thread, the result's Arc
  if (n == "Box<dyn Any + Send>") return {16, 8, 1, 8};
  if (n == "RawWaker") return {16, 8, 1, 8};        // the data pointer, then &'static RawWakerVTable
  if (n == "RawWakerVTable") return {32, 8, 1, 8};  // four function pointers (clone, wake, wake_by_ref, drop)
  return {0, 1};
}

const Builtin* FindLibraryFn(std::string_view path) {
  for (const Builtin& b : kFns)
    if (b.name == path) return &b;
  return nullptr;
}

const Builtin* FindLibraryMethod(BuiltinId id) {
  for (const Builtin& b : kMethods)
    if (b.id == id) return &b;
  for (const Builtin& b : kFns)
    if (b.id == id) return &b;
  return nullptr;
}

bool IsLibraryBuiltin(BuiltinId id) { return id >= BuiltinId::ArcNew && id <= BuiltinId::WithoutInterrupts; }

bool LibraryTakesSelfByValue(BuiltinId id) { return id == BuiltinId::EntryOrInsertWith || id == BuiltinId::ThreadJoin; }

bool LibraryMutatesReceiver(BuiltinId id) {
  switch (id) {
    case BuiltinId::PushBack: case BuiltinId::PushFront: case BuiltinId::PopFront: case BuiltinId::PopBack:
    case BuiltinId::MapInsert: case BuiltinId::MapGetMut: case BuiltinId::MapRemove: case BuiltinId::MapEntry:
      return true;
    default: return false;
  }
}

}  // namespace aws
