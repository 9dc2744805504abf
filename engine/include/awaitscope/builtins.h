// The built-in functions and methods scripts may call: one table, shared by the checker (types),
// the lowering (state labels, leaf future layouts) and the runtime (behaviour).
#pragma once
#include <string_view>

namespace aws {

enum class BuiltinId {
  // free functions and associated functions
  ReadFile, WriteFile, Sleep, TimerNew, ScancodeNew, YieldNow, Ready, Join, TryJoin, Select, JoinAll, Spawn, TokioSpawn, Work, ThreadSleep,
  BoxNew, BoxPin, MemReplace, MemSwap, DurationMillis, DurationSecs, DurationNew, ErrorNew, IoErrorKindConst, StringNew, StringFrom,
  VecNew, Drop, Some, Ok, Err, None, PollReady, PollPending, EitherLeft, EitherRight, PinAsMut,
  PinGetUncheckedMut, Op,
  // methods
  Len, IsEmpty, ToString, Clone, PushStr, Push, Pop, Iter, Rev, Next, Unwrap, Expect, IsSome, IsNone,
  IsOk, IsErr, UnwrapOr, Map, Then, AsMillis, DurationAsSecs, AsStr, Get, Contains, StreamNext, ScriptStreamNext, AsMut, ToUppercase, Take, ResultOk,
  IoErrorKind,
  // Option and Result (check/option_result.cpp, runtime/library/option_result.cpp)
  Replace, UnwrapOrElse, UnwrapOrDefault, OptionMap, MapErr, AndThen, OkOr, AsRef, OptionAsMut, OptionFilter,
  GetOrInsertWith, OptionCloned, OptionCopied,
  // iterators (lazy adapters and the consumers that drive them)
  IterMut, IntoIter, IterMap, Filter, Enumerate, Zip, Sum, Count, Any, All, Collect,
  // std::task and Pin for hand-written futures (check/task_api.cpp, runtime/futures/task_api.cpp)
  ContextWaker, WakerClone, Wake, WakeByRef, WillWake, IsReady, IsPending, FuturePoll, PinNew, PinGetMut,
  PinNewUnchecked, MapUncheckedMut,
  // wakers and contexts made by script code: a scripted executor's (check/task_api.cpp,
  // runtime/futures/script_wakers.cpp)
  ContextFromWaker, WakerFromRaw, WakerNoop, NoopWaker, RawWakerNew, RawWakerVTableNew,
  // the library types (library_types.h): associated functions, then methods
  ArcNew, ArcClone, ArcStrongCount, MutexNew, VecDequeNew, VecDequeWithCapacity, BTreeMapNew, ArrayQueueNew,
  SyncChannel, Channel,
  MutexLock, PushBack, PushFront, PopFront, PopBack, MapInsert, MapGet, MapGetMut, MapRemove, MapContainsKey,
  MapEntry, EntryOrInsertWith, MapIter, QueuePush, QueuePop, IsFull, Send, Recv, TryRecv,
  // module-level statics and what the blog keeps in them: conquer_once's OnceCell, futures'
  // AtomicWaker, std's AtomicU64, and std::io's stdout (check/statics.cpp, runtime/library/statics.cpp)
  StaticRef, ConstValue, LocalKeyWith, OnceCellUninit, AtomicWakerNew, AtomicU64New, Stdout, TryInitOnce, TryGet, AtomicRegister,
  AtomicWake, AtomicTake, FetchAdd, AtomicLoad, Flush,
  // std::time::Instant on the virtual clock (check/time.cpp, runtime/library/time.cpp)
  InstantNow, InstantElapsed, InstantDurationSince,
  // std::cell's Cell and RefCell (check/cells.cpp, runtime/library/cells.cpp); `Rc` shares Arc's
  CellNew, RefCellNew, CellGet, CellSet, CellReplace, CellTake, CellIntoInner, RefCellBorrow, RefCellBorrowMut,
  RefCellTryBorrowMut,
  // futures' `stream::iter` and `StreamExt::next` of it (check/stream_impls.cpp, runtime/futures/stream_iter.cpp)
  StreamIter, StreamIterNext,
  // tokio::sync's channels (check/tokio_channels.cpp, runtime/library/tokio_channels.cpp): the
  // constructors, then the ends' methods (`clone` is ArcClone's)
  OneshotChannel, TokioChannel, TokioUnboundedChannel, OneshotSend, TokioSend, TokioRecv, UnboundedSend,
  // emulated threads and the x86_64 crate's interrupt instructions (runtime/devices/threads.cpp)
  ThreadSpawn, ThreadJoin, Hlt, InterruptsEnable, InterruptsDisable, EnableAndHlt, WithoutInterrupts,
  // the network device (check/network.cpp, runtime/devices/network.cpp): tokio's futures, then
  // std's blocking calls, then std's non-blocking mode and the emulator's `epoll_wait`
  NetBind, NetAccept, NetRead, NetWriteAll, NetBindBlocking, NetAcceptBlocking, NetReadBlocking,
  NetWriteAllBlocking, NetIncoming, NetSetNonblocking, NetEpollWait, NetLocalAddr,
  // `&v[a..b]`: the elements of a range of an array, vector or slice (a slice)
  SliceRange,
};

struct Builtin {
  std::string_view name;   // path as written (`TimerFuture::new`) or `.method`
  BuiltinId id;
  int min_args;
  int max_args;
  std::string_view label;  // teaching label stem for a state awaiting it ("" = from the call)
  std::string_view doc;    // one line for the help and hover texts
};

// Looks up a free or associated function by its path (leading `std::`, `core::`, `futures::`,
// `tokio::` are ignored). Null when unknown.
const Builtin* FindBuiltinFn(std::string_view path);
// Looks up a method by name. Receiver types are checked by the checker.
const Builtin* FindBuiltinMethod(std::string_view name);
const Builtin& GetBuiltin(BuiltinId id);

}  // namespace aws
