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
    LibraryType{"HashMap", 2},  // the BTreeMap's runtime (collections.cpp): iteration is not offered
    LibraryType{"Entry", 2},      LibraryType{"ArrayQueue", 1},  LibraryType{"Sender", 1},
    LibraryType{"SyncSender", 1}, LibraryType{"Receiver", 1},    LibraryType{"SendError", 1},
    LibraryType{"RecvError", 0},  LibraryType{"TryRecvError", 0}, LibraryType{"JoinHandle", 1},
    LibraryType{"JoinError", 0},  // tokio's: a spawned task was cancelled or panicked
    LibraryType{"Box<dyn Any + Send>", 0},  // a thread's panic, as `join` returns it
    LibraryType{"RawWaker", 0},   LibraryType{"RawWakerVTable", 0},  // std::task (check/task_api.cpp)
    // the network device (check/network.cpp): tokio's or std's, by the script's `use`s
    LibraryType{"TcpListener", 0}, LibraryType{"TcpStream", 0},  LibraryType{"SocketAddr", 0},
    // what the blog keeps in statics (check/statics.cpp)
    LibraryType{"OnceCell", 1},   LibraryType{"AtomicWaker", 0}, LibraryType{"AtomicU64", 0},
    LibraryType{"Ordering", 0},   LibraryType{"TryInitError", 0}, LibraryType{"TryGetError", 0},
    LibraryType{"Stdout", 0},
    LibraryType{"ErrorKind", 0},  // std::io::ErrorKind, what `e.kind()` gives
    // std::rc and std::cell (check/cells.cpp): single-threaded sharing, borrows checked at run time
    LibraryType{"Rc", 1},         LibraryType{"Cell", 1},        LibraryType{"RefCell", 1},
    LibraryType{"Ref", 1},        LibraryType{"RefMut", 1},      LibraryType{"BorrowMutError", 0},
    LibraryType{"TryLockError", 1},  // what `try_lock` of a held mutex gives
    // tokio::sync's channels (check/tokio_channels.cpp); oneshot's Receiver is a future (FutureKind::OneshotRecv)
    LibraryType{"oneshot::Sender", 1}, LibraryType{"oneshot::error::RecvError", 0},
    LibraryType{"mpsc::Sender", 1},   LibraryType{"mpsc::Receiver", 1},
    LibraryType{"mpsc::UnboundedSender", 1}, LibraryType{"mpsc::UnboundedReceiver", 1},
    LibraryType{"mpsc::error::SendError", 1},
    LibraryType{"Instant", 0},       // std::time::Instant, on the virtual clock (runtime/library/time.cpp)
};

constexpr std::array kFns = {
    Builtin{"Arc::new", BuiltinId::ArcNew, 1, 1, "", "a reference-counted pointer to a new heap value"},
    Builtin{"Arc::clone", BuiltinId::ArcClone, 1, 1, "", "another pointer to the same value (the count goes up)"},
    Builtin{"Arc::strong_count", BuiltinId::ArcStrongCount, 1, 1, "", "how many `Arc`s point at the value"},
    Builtin{"Rc::new", BuiltinId::ArcNew, 1, 1, "", "a reference-counted pointer to a new heap value (one thread)"},
    Builtin{"Rc::clone", BuiltinId::ArcClone, 1, 1, "", "another pointer to the same value (the count goes up)"},
    Builtin{"Rc::strong_count", BuiltinId::ArcStrongCount, 1, 1, "", "how many `Rc`s point at the value"},
    Builtin{"Cell::new", BuiltinId::CellNew, 1, 1, "", "a cell whose value is replaced through `&`"},
    Builtin{"RefCell::new", BuiltinId::RefCellNew, 1, 1, "", "a cell that checks its borrows at run time"},
    Builtin{"stream::iter", BuiltinId::StreamIter, 1, 1, "", "a stream of the iterable's items (each poll is Ready at once)"},
    Builtin{"Mutex::new", BuiltinId::MutexNew, 1, 1, "", "a mutex around a value"},
    Builtin{"process::exit", BuiltinId::Hlt, 1, 1, "", "ends the program at once: the run ends, whatever still waits"},
    Builtin{"VecDeque::new", BuiltinId::VecDequeNew, 0, 0, "", "an empty double-ended queue"},
    Builtin{"VecDeque::with_capacity", BuiltinId::VecDequeWithCapacity, 1, 1, "", "an empty double-ended queue"},
    Builtin{"BTreeMap::new", BuiltinId::BTreeMapNew, 0, 0, "", "an empty map ordered by key"},
    Builtin{"HashMap::new", BuiltinId::BTreeMapNew, 0, 0, "", "an empty hash map"},
    Builtin{"ArrayQueue::new", BuiltinId::ArrayQueueNew, 1, 1, "", "a bounded queue of the given capacity"},
    Builtin{"sync_channel", BuiltinId::SyncChannel, 1, 1, "", "a channel holding at most n messages"},
    Builtin{"mpsc::sync_channel", BuiltinId::SyncChannel, 1, 1, "", "a channel holding at most n messages"},
    Builtin{"channel", BuiltinId::Channel, 0, 0, "", "an unbounded channel"},
    Builtin{"mpsc::channel", BuiltinId::Channel, 0, 0, "", "an unbounded channel"},
    // tokio::sync's (check/tokio_channels.cpp resolves `oneshot::channel`/`mpsc::channel` by the `use`s)
    Builtin{"sync::oneshot::channel", BuiltinId::OneshotChannel, 0, 0, "", "tokio: a channel for one value; the receiver is a future"},
    Builtin{"sync::mpsc::channel", BuiltinId::TokioChannel, 1, 1, "", "tokio: a channel holding at most n messages; `send` waits for room"},
    Builtin{"sync::mpsc::unbounded_channel", BuiltinId::TokioUnboundedChannel, 0, 0, "", "tokio: a channel without bound; `send` never waits"},
    Builtin{"thread::spawn", BuiltinId::ThreadSpawn, 1, 1, "", "a new thread on the emulated core running the closure"},
    Builtin{"epoll_wait", BuiltinId::NetEpollWait, 1, 1, "", "emulator: waits until some of the connections can be read; their indices"},
    Builtin{"hlt", BuiltinId::Hlt, 0, 0, "", "halts the core until the next interrupt"},
    Builtin{"interrupts::enable", BuiltinId::InterruptsEnable, 0, 0, "", "interrupts on (`sti`)"},
    Builtin{"interrupts::disable", BuiltinId::InterruptsDisable, 0, 0, "", "interrupts off (`cli`): they wait"},
    Builtin{"interrupts::enable_and_hlt", BuiltinId::EnableAndHlt, 0, 0, "", "`sti; hlt` as one step: no wake-up is lost"},
    Builtin{"enable_and_hlt", BuiltinId::EnableAndHlt, 0, 0, "", "`sti; hlt` as one step: no wake-up is lost"},
    Builtin{"static#", BuiltinId::StaticRef, 1, 1, "", "a reference to a module-level static (made on first use)"},
    Builtin{"const#", BuiltinId::ConstValue, 1, 1, "", "the value of a `const` item (its initializer, evaluated at each use)"},
    Builtin{"OnceCell::uninit", BuiltinId::OnceCellUninit, 0, 0, "", "a cell that is not initialized yet"},
    Builtin{"AtomicWaker::new", BuiltinId::AtomicWakerNew, 0, 0, "", "a slot for one waker, empty"},
    Builtin{"AtomicU64::new", BuiltinId::AtomicU64New, 1, 1, "", "an integer shared without a lock"},
    Builtin{"Instant::now", BuiltinId::InstantNow, 0, 0, "", "the virtual clock's time now (the emulation's, never the wall clock's)"},
    Builtin{"time::Instant::now", BuiltinId::InstantNow, 0, 0, "", "the virtual clock's time now (the emulation's, never the wall clock's)"},
    Builtin{"io::stdout", BuiltinId::Stdout, 0, 0, "", "the standard output"},
    Builtin{"stdout", BuiltinId::Stdout, 0, 0, "", "the standard output"},
    Builtin{"interrupts::without_interrupts", BuiltinId::WithoutInterrupts, 1, 1, "", "runs the closure with interrupts off"},
    Builtin{"without_interrupts", BuiltinId::WithoutInterrupts, 1, 1, "", "runs the closure with interrupts off"},
    // The network (check/network.cpp resolves them by the script's `use`s, not by this name).
    Builtin{"TcpListener::bind", BuiltinId::NetBind, 1, 1, "Bind", "a listener on the scenario's address (tokio: a future)"},
    Builtin{"std::net::TcpListener::bind", BuiltinId::NetBindBlocking, 1, 1, "", "a listener on the scenario's address"},
};

constexpr std::array kLibraryMethods = {
    Builtin{".clone", BuiltinId::ArcClone, 0, 0, "", "another pointer to the same value (the count goes up)"},
    Builtin{".elapsed", BuiltinId::InstantElapsed, 0, 0, "", "the virtual time since this instant"},
    Builtin{".duration_since", BuiltinId::InstantDurationSince, 1, 1, "", "the virtual time from an earlier instant to this one (zero if it is later)"},
    Builtin{".saturating_duration_since", BuiltinId::InstantDurationSince, 1, 1, "", "the virtual time from an earlier instant to this one (zero if it is later)"},
    Builtin{".with", BuiltinId::LocalKeyWith, 1, 1, "", "runs the closure with this thread's value"},
    Builtin{".lock", BuiltinId::MutexLock, 0, 0, "", "locks the mutex; the guard unlocks it when dropped"},
    Builtin{".try_lock", BuiltinId::MutexLock, 0, 0, "", "locks the mutex if it is free, else `Err(WouldBlock)` at once"},
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
    Builtin{".try_init_once", BuiltinId::TryInitOnce, 1, 1, "", "initializes the cell with the closure's value; `Err` if it was"},
    Builtin{".try_get", BuiltinId::TryGet, 0, 0, "", "a reference to the cell's value; `Err` while it is not initialized"},
    Builtin{".register", BuiltinId::AtomicRegister, 1, 1, "", "stores the waker (replacing the one stored)"},
    Builtin{".wake", BuiltinId::AtomicWake, 0, 0, "", "takes the stored waker out and wakes it (nothing when empty)"},
    Builtin{".take", BuiltinId::AtomicTake, 0, 0, "", "takes the stored waker out without waking it"},
    Builtin{".fetch_add", BuiltinId::FetchAdd, 2, 2, "", "adds to the value; returns the value before"},
    Builtin{".load", BuiltinId::AtomicLoad, 1, 1, "", "the value"},
    Builtin{".flush", BuiltinId::Flush, 0, 0, "", "writes out what `print!` buffered"},
    Builtin{".join", BuiltinId::ThreadJoin, 0, 0, "", "waits for the thread to finish; its result"},
    Builtin{".accept", BuiltinId::NetAccept, 0, 0, "Accept", "the next client's connection, when one has arrived"},
    Builtin{".accept", BuiltinId::NetAcceptBlocking, 0, 0, "", "blocks until a client connects; its stream and address"},
    Builtin{".read", BuiltinId::NetRead, 1, 1, "Read", "bytes the client sent, into the buffer (0: the client closed)"},
    Builtin{".read", BuiltinId::NetReadBlocking, 1, 1, "", "blocks until the client sends bytes or closes (0)"},
    Builtin{".write_all", BuiltinId::NetWriteAll, 1, 1, "WriteAll", "sends every byte of the slice to the client"},
    Builtin{".write_all", BuiltinId::NetWriteAllBlocking, 1, 1, "", "blocks until every byte of the slice is sent"},
    Builtin{".incoming", BuiltinId::NetIncoming, 0, 0, "", "an endless iterator of accepted connections (each blocks)"},
    Builtin{".set_nonblocking", BuiltinId::NetSetNonblocking, 1, 1, "", "non-blocking mode: a `read` with nothing to read returns `WouldBlock` at once"},
    Builtin{".local_addr", BuiltinId::NetLocalAddr, 0, 0, "", "the socket's address"},
    Builtin{".get", BuiltinId::CellGet, 0, 0, "", "a copy of the cell's value"},
    Builtin{".set", BuiltinId::CellSet, 1, 1, "", "replaces the cell's value (through `&`)"},
    Builtin{".replace", BuiltinId::CellReplace, 1, 1, "", "puts a value in the cell; returns the one it held"},
    Builtin{".take", BuiltinId::CellTake, 0, 0, "", "takes the value out, leaving `Default::default()`"},
    Builtin{".into_inner", BuiltinId::CellIntoInner, 0, 0, "", "the value, the cell consumed"},
    Builtin{".borrow", BuiltinId::RefCellBorrow, 0, 0, "", "a shared borrow of the value (panics while it is mutably borrowed)"},
    Builtin{".borrow_mut", BuiltinId::RefCellBorrowMut, 0, 0, "", "a mutable borrow of the value (panics while it is borrowed)"},
    Builtin{".try_borrow_mut", BuiltinId::RefCellTryBorrowMut, 0, 0, "", "a mutable borrow, or `Err` while it is borrowed"},
    Builtin{".next", BuiltinId::StreamIterNext, 0, 0, "", "a future of the stream's next item (`StreamExt::next`)"},
    Builtin{".send", BuiltinId::OneshotSend, 1, 1, "", "sends the one value; `Err(value)` when the receiver is gone"},
    Builtin{".send", BuiltinId::TokioSend, 1, 1, "Send", "a future: waits while the buffer is full, then sends; `Err` when the receiver is gone"},
    Builtin{".recv", BuiltinId::TokioRecv, 0, 0, "Recv", "a future of the next message; `None` once every sender is gone and the buffer is empty"},
    Builtin{".send", BuiltinId::UnboundedSend, 1, 1, "", "sends at once; `Err` when the receiver is gone"},
    Builtin{"[..]", BuiltinId::SliceRange, 1, 1, "", "the elements of a range of a sequence, as a slice"},
};

}  // namespace

const LibraryType* FindLibraryType(std::string_view name) {
  for (const LibraryType& t : kTypes)
    if (t.name == name) return &t;
  return nullptr;
}

bool IsLibrary(TypeRef t, std::string_view name) { return t && t->kind == TypeKind::Library && t->name == name; }

bool IsLibraryPointer(TypeRef t) {
  return IsLibrary(t, "Arc") || IsLibrary(t, "MutexGuard") || IsLibrary(t, "Rc") || IsLibrary(t, "Ref") ||
         IsLibrary(t, "RefMut");
}

Layout LibraryLayout(TypeRef t, const std::function<Layout(TypeRef)>& of) {
  const std::string& n = t->name;
  auto arg = [&](size_t i) { return i < t->args.size() ? of(t->args[i]) : Layout{0, 1}; };
  if (n == "Arc" || n == "Rc") return {8, 8, 1, 8};  // a non-null pointer to the counts and the value
  if (n == "Cell") {  // the value in an UnsafeCell (its niches hidden)
    Layout inner = arg(0);
    inner.niches = inner.niche_bytes = 0;
    return inner;
  }
  if (n == "RefCell") {  // the borrow flag (an isize in a Cell), then the value in an UnsafeCell
    Layout inner = arg(0);
    inner.niches = inner.niche_bytes = 0;
    return RustStructLayout({{8, 8}, inner});
  }
  if (n == "Ref" || n == "RefMut") return {16, 8, 1, 8};  // NonNull<T> and the borrow's &Cell<isize>
  if (n == "BorrowMutError") return {0, 1};
  if (n == "stream::Iter") return arg(0);  // futures' Iter<I>: the iterator it wraps
  if (n == "Mutex") {                   // futex (u32), poison flag, then the value in an UnsafeCell
    Layout inner = arg(0);
    inner.niches = inner.niche_bytes = 0;  // UnsafeCell hides them
    return RustStructLayout({{4, 4}, {1, 1}, inner});
  }
  if (n == "MutexGuard") return {16, 8, 1, 8};  // &Mutex<T> and the poison guard's bool
  if (n == "TryLockError") return arg(0);       // WouldBlock, or Poisoned holding the guard
  if (n == "PoisonError" || n == "SendError") return arg(0);
  if (n == "VecDeque") return {32, 8, kMany, 8};  // capacity, pointer, head, length
  if (n == "BTreeMap") return {24, 8, 0, 0};      // Option<root> (its niche taken), length
  if (n == "HashMap") return {48, 8, 1, 8};       // the table (ctrl pointer, mask, counts) and RandomState's keys
  if (n == "Entry") {                             // the key, a handle, the map
    Layout l = RustStructLayout({arg(0), {24, 8}, {8, 8}});
    l.niches = l.niche_bytes = 0;
    return l;
  }
  if (n == "ArrayQueue") return {384, 128, 1, 8};  // head and tail each CachePadded (128), buffer, one_lap
  if (n == "Sender" || n == "SyncSender" || n == "Receiver") return {16, 8, kMany, 8};  // flavor tag + counter
  if (n == "RecvError") return {0, 1};
  // tokio's channel ends are one pointer each (oneshot's Sender an Option<Arc<Inner>>, mpsc's a
  // Tx/Rx around an Arc<Chan>); the errors hold what they hold
  if (n == "oneshot::Sender" || n == "mpsc::Sender" || n == "mpsc::Receiver" || n == "mpsc::UnboundedSender" ||
      n == "mpsc::UnboundedReceiver")
    return {8, 8, 1, 8};
  if (n == "oneshot::error::RecvError") return {0, 1};
  if (n == "mpsc::error::SendError") return arg(0);
  if (n == "TryRecvError") return {1, 1, 254, 1};
  if (n == "JoinHandle") return {24, 8, 1, 8};  // the native handle, the Thread, the result's Arc
  if (n == "JoinError") return {24, 8, 1, 8};   // tokio's repr (Cancelled or Panic(Box<dyn Any + Send>)) and task Id
  if (n == "Box<dyn Any + Send>") return {16, 8, 1, 8};
  // conquer_once's OnceCell: an AtomicUsize state and the value in an UnsafeCell<MaybeUninit<T>>
  if (n == "OnceCell") {
    Layout inner = arg(0);
    inner.niches = inner.niche_bytes = 0;
    return RustStructLayout({{8, 8}, inner});
  }
  if (n == "AtomicWaker") return {24, 8};  // an AtomicUsize state and an UnsafeCell<Option<Waker>>
  if (n == "AtomicU64") return {8, 8};
  if (n == "Instant") return {16, 8, 1, 4};  // a timespec: seconds (i64), nanoseconds (u32 below 10^9)
  if (n == "LocalKey") return {8, 8, 1, 8};  // the function that finds this thread's value
  if (n == "Ordering") return {1, 1, 251, 1};  // five variants
  if (n == "TryInitError" || n == "TryGetError") return {1, 1, 254, 1};
  if (n == "Stdout") return {8, 8, 1, 8};  // &'static ReentrantMutex<..>
  if (n == "RawWaker") return {16, 8, 1, 8};        // the data pointer, then &'static RawWakerVTable
  if (n == "RawWakerVTable") return {32, 8, 1, 8};  // four function pointers (clone, wake, wake_by_ref, drop)
  // std's sockets hold one file descriptor (OwnedFd: an i32 that is never -1). tokio's wrap it in
  // a PollEvented: Option<mio socket> (the fd's niche) and the Registration (the runtime
  // handle, an enum of two Arcs, and an Arc<ScheduledIo>), as tokio 1.x's source declares them.
  if (n == "TcpListener" || n == "TcpStream") return t->body == kNetStd ? Layout{4, 4, 1, 4} : Layout{32, 8, 1, 8};
  if (n == "SocketAddr") return {32, 4, 254, 1};  // V4 (6 bytes) or V6 (28 bytes) behind a tag
  if (n == "ErrorKind") return {1, 1};            // a fieldless enum of one byte
  return {0, 1};
}

const Builtin* FindLibraryFn(std::string_view path) {
  for (const Builtin& b : kFns)
    if (b.name == path) return &b;
  return nullptr;
}

const Builtin* FindLibraryMethodNamed(std::string_view dotted_name) {
  for (const Builtin& b : kLibraryMethods)
    if (b.name == dotted_name) return &b;
  return nullptr;
}

const Builtin* FindLibraryMethod(BuiltinId id) {
  for (const Builtin& b : kLibraryMethods)
    if (b.id == id) return &b;
  for (const Builtin& b : kFns)
    if (b.id == id) return &b;
  return nullptr;
}

bool IsLibraryBuiltin(BuiltinId id) { return id >= BuiltinId::ArcNew && id <= BuiltinId::WithoutInterrupts; }

bool LibraryTakesSelfByValue(BuiltinId id) {
  return id == BuiltinId::EntryOrInsertWith || id == BuiltinId::ThreadJoin || id == BuiltinId::CellIntoInner ||
         id == BuiltinId::OneshotSend;
}

bool IsNetworkBuiltin(BuiltinId id) { return id >= BuiltinId::NetBind && id <= BuiltinId::NetLocalAddr; }

bool LibraryMutatesReceiver(BuiltinId id) {
  switch (id) {
    case BuiltinId::PushBack: case BuiltinId::PushFront: case BuiltinId::PopFront: case BuiltinId::PopBack:
    case BuiltinId::MapInsert: case BuiltinId::MapGetMut: case BuiltinId::MapRemove: case BuiltinId::MapEntry:
    case BuiltinId::NetRead: case BuiltinId::NetReadBlocking: case BuiltinId::NetWriteAll:
    case BuiltinId::NetWriteAllBlocking: case BuiltinId::StreamIterNext: case BuiltinId::TokioRecv:
      return true;
    default: return false;
  }
}

}  // namespace aws
