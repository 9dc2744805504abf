#include "awaitscope/builtins.h"

#include <array>
#include <string>

#include "awaitscope/library_types.h"

namespace aws {
namespace {

constexpr std::array kBuiltins = {
    Builtin{"async_read_file", BuiltinId::ReadFile, 1, 1, "", "reads a file from the emulated disk; the request starts at its first poll"},
    Builtin{"async_write_file", BuiltinId::WriteFile, 2, 2, "Write", "writes a file on the emulated disk; the request starts at its first poll"},
    Builtin{"sleep", BuiltinId::Sleep, 1, 1, "Sleep", "a lazy timer: it starts counting at its first poll"},
    Builtin{"TimerFuture::new", BuiltinId::TimerNew, 1, 1, "Timer", "an eager timer: its thread starts when it is constructed"},
    Builtin{"ScancodeStream::new", BuiltinId::ScancodeNew, 0, 0, "", "the keyboard's scancode stream (initialises the 100-slot queue)"},
    Builtin{"yield_now", BuiltinId::YieldNow, 0, 0, "Yield", "returns Pending once (waking itself), then Ready"},
    Builtin{"task::yield_now", BuiltinId::YieldNow, 0, 0, "Yield", "returns Pending once (waking itself), then Ready"},
    Builtin{"ready", BuiltinId::Ready, 1, 1, "Ready", "a future that is Ready with the value at its first poll"},
    Builtin{"future::ready", BuiltinId::Ready, 1, 1, "Ready", "a future that is Ready with the value at its first poll"},
    Builtin{"join", BuiltinId::Join, 2, 2, "Join", "polls two futures concurrently; Ready with both outputs"},
    Builtin{"future::join", BuiltinId::Join, 2, 2, "Join", "polls two futures concurrently; Ready with both outputs"},
    // `select! { p = f => h, .. }` is parsed as `match select!(f, ..).await { .. }` (parse/select.cpp):
    // a name no script can write
    // `join!(a, b, ..)` / `try_join!(..)` are parsed as `join!(a, b, ..).await` (parse/future_macros.cpp)
    Builtin{"join!", BuiltinId::Join, 1, 64, "Join", "polls its futures in order until all are Ready; Ready with the tuple of their outputs"},
    Builtin{"try_join!", BuiltinId::TryJoin, 1, 64, "TryJoin", "polls its futures in order until all are Ok or one is Err; drops the others on an Err"},
    Builtin{"select!", BuiltinId::Select, 2, 64, "Select", "polls its futures in order until one is Ready; drops the others"},
    Builtin{"join_all", BuiltinId::JoinAll, 1, 1, "JoinAll", "polls every future of a Vec concurrently; Ready with their outputs in order"},
    Builtin{"future::join_all", BuiltinId::JoinAll, 1, 1, "JoinAll", "polls every future of a Vec concurrently; Ready with their outputs in order"},
    Builtin{"spawn", BuiltinId::Spawn, 1, 1, "", "hands a future to the executor as a new task"},
    Builtin{"task::spawn", BuiltinId::Spawn, 1, 1, "", "hands a future to the executor as a new task"},
    // what the checker makes of a `spawn` that is tokio's (a name no script reaches: `tokio::` is stripped)
    Builtin{"tokio::spawn", BuiltinId::TokioSpawn, 1, 1, "", "hands a future to the executor as a new task; returns its JoinHandle"},
    Builtin{"work", BuiltinId::Work, 1, 1, "", "burns CPU time inside the current poll; other tasks wait"},
    Builtin{"thread_sleep", BuiltinId::ThreadSleep, 1, 1, "", "blocks the only core: nothing else runs, interrupts wait"},
    Builtin{"thread::sleep", BuiltinId::ThreadSleep, 1, 1, "", "blocks the only core: nothing else runs, interrupts wait"},
    Builtin{"Box::new", BuiltinId::BoxNew, 1, 1, "", "moves a value to the heap"},
    Builtin{"Box::pin", BuiltinId::BoxPin, 1, 1, "", "moves a value to the heap and pins it there"},
    Builtin{"mem::replace", BuiltinId::MemReplace, 2, 2, "", "moves a new value into a place and returns the old one"},
    Builtin{"mem::swap", BuiltinId::MemSwap, 2, 2, "", "swaps the values of two places"},
    Builtin{"Duration::from_millis", BuiltinId::DurationMillis, 1, 1, "", "a duration in milliseconds"},
    Builtin{"Duration::from_secs", BuiltinId::DurationSecs, 1, 1, "", "a duration in seconds"},
    Builtin{"Duration::new", BuiltinId::DurationNew, 2, 2, "", "a duration of whole seconds plus nanoseconds"},
    Builtin{"Error::new", BuiltinId::ErrorNew, 1, 1, "", "an error with a message"},
    // std::io::ErrorKind: what `e.kind()` of an I/O error says; `Error::new` makes `Other` ones
    Builtin{"ErrorKind::WouldBlock", BuiltinId::IoErrorKindConst, 0, 0, "", "a non-blocking call found nothing to do"},
    Builtin{"io::ErrorKind::WouldBlock", BuiltinId::IoErrorKindConst, 0, 0, "", "a non-blocking call found nothing to do"},
    Builtin{"ErrorKind::Other", BuiltinId::IoErrorKindConst, 0, 0, "", "any other error"},
    Builtin{"io::ErrorKind::Other", BuiltinId::IoErrorKindConst, 0, 0, "", "any other error"},
    Builtin{"String::new", BuiltinId::StringNew, 0, 0, "", "an empty string"},
    Builtin{"String::from", BuiltinId::StringFrom, 1, 1, "", "a string from a literal"},
    Builtin{"Vec::new", BuiltinId::VecNew, 0, 0, "", "an empty vector"},
    Builtin{"drop", BuiltinId::Drop, 1, 1, "", "drops a value"},
    Builtin{"Some", BuiltinId::Some, 1, 1, "", ""},
    Builtin{"Ok", BuiltinId::Ok, 1, 1, "", ""},
    Builtin{"Err", BuiltinId::Err, 1, 1, "", ""},
    Builtin{"None", BuiltinId::None, 0, 0, "", ""},
    Builtin{"Poll::Ready", BuiltinId::PollReady, 1, 1, "", ""},
    Builtin{"Poll::Pending", BuiltinId::PollPending, 0, 0, "", ""},
    Builtin{"Either::Left", BuiltinId::EitherLeft, 1, 1, "", "the left of two future types (combinators)"},
    Builtin{"Either::Right", BuiltinId::EitherRight, 1, 1, "", "the right of two future types (combinators)"},
    Builtin{"Pin::as_mut", BuiltinId::PinAsMut, 1, 1, "", "reborrows a pinned pointer as Pin<&mut T>"},
    Builtin{"Pin::get_unchecked_mut", BuiltinId::PinGetUncheckedMut, 1, 1, "", "unsafe: &mut T out of Pin<&mut T>"},
    Builtin{"Pin::new", BuiltinId::PinNew, 1, 1, "", "pins a `&mut T` whose T is `Unpin`"},
    Builtin{"Pin::get_mut", BuiltinId::PinGetMut, 1, 1, "", "&mut T out of Pin<&mut T> when T is `Unpin`"},
    Builtin{"Pin::new_unchecked", BuiltinId::PinNewUnchecked, 1, 1, "", "unsafe: pins any `&mut T` (the caller promises it never moves)"},
    Builtin{"Waker::clone", BuiltinId::WakerClone, 1, 1, "", "another handle that wakes the same task"},
    Builtin{"Context::from_waker", BuiltinId::ContextFromWaker, 1, 1, "", "the context of a poll, holding the waker"},
    Builtin{"Waker::from_raw", BuiltinId::WakerFromRaw, 1, 1, "", "unsafe: a waker whose operations are the raw waker's vtable"},
    Builtin{"Waker::noop", BuiltinId::WakerNoop, 0, 0, "", "a `&'static Waker` that does nothing when woken"},
    Builtin{"task::noop_waker", BuiltinId::NoopWaker, 0, 0, "", "a waker that does nothing when woken"},
    Builtin{"noop_waker", BuiltinId::NoopWaker, 0, 0, "", "a waker that does nothing when woken"},
    Builtin{"RawWaker::new", BuiltinId::RawWakerNew, 2, 2, "", "a data pointer and the vtable of functions that use it"},
    // `Waker::from(arc)` shares from_raw's id: the runtime tells them apart by the argument (an Arc).
    Builtin{"Waker::from", BuiltinId::WakerFromRaw, 1, 1, "", "the waker of an `Arc<W>` whose W implements `Wake`: waking it runs W's `wake`"},
    // futures' `waker_ref(&arc)` of an `ArcWake` W: the runtime tells it apart by the reference.
    Builtin{"task::waker_ref", BuiltinId::WakerFromRaw, 1, 1, "", "a waker borrowed from an `&Arc<W>` whose W implements `ArcWake`"},
    Builtin{"task::waker", BuiltinId::WakerFromRaw, 1, 1, "", "a waker that owns an `Arc<W>` whose W implements `ArcWake`"},
    Builtin{"waker_ref", BuiltinId::WakerFromRaw, 1, 1, "", "a waker borrowed from an `&Arc<W>` whose W implements `ArcWake`"},
    Builtin{"RawWakerVTable::new", BuiltinId::RawWakerVTableNew, 4, 4, "", "the clone, wake, wake_by_ref and drop functions of a raw waker"},
};

constexpr std::array kMethods = {
    Builtin{".len", BuiltinId::Len, 0, 0, "", "length in bytes or elements"},
    Builtin{".is_empty", BuiltinId::IsEmpty, 0, 0, "", ""},
    Builtin{".to_string", BuiltinId::ToString, 0, 0, "", ""},
    Builtin{".to_owned", BuiltinId::ToString, 0, 0, "", ""},
    Builtin{".clone", BuiltinId::Clone, 0, 0, "", ""},
    Builtin{".push_str", BuiltinId::PushStr, 1, 1, "", ""},
    Builtin{".push", BuiltinId::Push, 1, 1, "", ""},
    Builtin{".pop", BuiltinId::Pop, 0, 0, "", ""},
    Builtin{".iter", BuiltinId::Iter, 0, 0, "", ""},
    Builtin{".rev", BuiltinId::Rev, 0, 0, "", ""},
    Builtin{".next", BuiltinId::Next, 0, 0, "Next", ""},
    Builtin{".unwrap", BuiltinId::Unwrap, 0, 0, "", ""},
    Builtin{".expect", BuiltinId::Expect, 1, 1, "", ""},
    Builtin{".is_some", BuiltinId::IsSome, 0, 0, "", ""},
    Builtin{".is_none", BuiltinId::IsNone, 0, 0, "", ""},
    Builtin{".is_ok", BuiltinId::IsOk, 0, 0, "", ""},
    Builtin{".is_err", BuiltinId::IsErr, 0, 0, "", ""},
    Builtin{".unwrap_or", BuiltinId::UnwrapOr, 1, 1, "", ""},
    Builtin{".take", BuiltinId::Take, 0, 0, "", "the value, leaving `None` in its place"},
    Builtin{".ok", BuiltinId::ResultOk, 0, 0, "", "`Some` of an `Ok` value, `None` for an `Err`"},
    Builtin{".kind", BuiltinId::IoErrorKind, 0, 0, "", "the error's `ErrorKind` (`WouldBlock`, `Other`)"},
    Builtin{".map", BuiltinId::Map, 1, 1, "Map", ""},
    Builtin{".then", BuiltinId::Then, 1, 1, "Then", ""},
    Builtin{".as_millis", BuiltinId::AsMillis, 0, 0, "", ""},
    Builtin{".as_secs", BuiltinId::DurationAsSecs, 0, 0, "", ""},
    Builtin{".as_str", BuiltinId::AsStr, 0, 0, "", ""},
    Builtin{".get", BuiltinId::Get, 1, 1, "", ""},
    Builtin{".contains", BuiltinId::Contains, 1, 1, "", ""},
    Builtin{".as_mut", BuiltinId::AsMut, 0, 0, "", ""},
    Builtin{".to_uppercase", BuiltinId::ToUppercase, 0, 0, "", ""},
    Builtin{".iter_mut", BuiltinId::IterMut, 0, 0, "", "an iterator of `&mut` to the elements"},
    Builtin{".into_iter", BuiltinId::IntoIter, 0, 0, "", "an iterator that takes the elements (or borrows them, from a reference)"},
    Builtin{".filter", BuiltinId::Filter, 1, 1, "", "a lazy iterator of the items the closure keeps"},
    Builtin{".enumerate", BuiltinId::Enumerate, 0, 0, "", "a lazy iterator of (index, item)"},
    Builtin{".zip", BuiltinId::Zip, 1, 1, "", "a lazy iterator of pairs, as long as the shorter one"},
    Builtin{".sum", BuiltinId::Sum, 0, 0, "", "adds up all items"},
    Builtin{".count", BuiltinId::Count, 0, 0, "", "counts the items"},
    Builtin{".any", BuiltinId::Any, 1, 1, "", "whether the closure holds for some item (stops at the first)"},
    Builtin{".all", BuiltinId::All, 1, 1, "", "whether the closure holds for every item (stops at the first that fails)"},
    Builtin{".collect", BuiltinId::Collect, 0, 0, "", "gathers the items into a `Vec`"},
    // `Iterator::map` resolves here from `.map` by its receiver type (checker).
    Builtin{".map", BuiltinId::IterMap, 1, 1, "", "a lazy iterator of the closure's results"},
    // `ScancodeStream::next()` resolves here from `.next` by its receiver type (checker).
    Builtin{".next", BuiltinId::StreamNext, 0, 0, "Scancode", "the next scancode from the keyboard"},
    // `StreamExt::next()` of a script struct that implements `Stream` (check/stream_impls.cpp).
    Builtin{".next", BuiltinId::ScriptStreamNext, 0, 0, "", "a future of the stream's next item (calls its `poll_next`)"},
    // Option and Result; `.map`, `.as_mut` and `.filter` resolve here by their receiver type (checker).
    Builtin{".replace", BuiltinId::Replace, 1, 1, "", "puts `Some(value)` in place and returns the old value"},
    Builtin{".unwrap_or_else", BuiltinId::UnwrapOrElse, 1, 1, "", "the value, or what the closure makes"},
    Builtin{".unwrap_or_default", BuiltinId::UnwrapOrDefault, 0, 0, "", "the value, or the type's default"},
    Builtin{".map", BuiltinId::OptionMap, 1, 1, "", "the closure applied to the value inside"},
    Builtin{".map_err", BuiltinId::MapErr, 1, 1, "", "the closure applied to the error inside"},
    Builtin{".and_then", BuiltinId::AndThen, 1, 1, "", "the closure's `Option`/`Result` made from the value inside"},
    Builtin{".ok_or", BuiltinId::OkOr, 1, 1, "", "`Ok` of the value, or `Err` of the argument for `None`"},
    Builtin{".as_ref", BuiltinId::AsRef, 0, 0, "", "a reference to the value inside"},
    Builtin{".as_mut", BuiltinId::OptionAsMut, 0, 0, "", "a mutable reference to the value inside"},
    Builtin{".filter", BuiltinId::OptionFilter, 1, 1, "", "`Some` only when the closure keeps the value"},
    Builtin{".get_or_insert_with", BuiltinId::GetOrInsertWith, 1, 1, "", "`&mut` to the value, made by the closure if `None`"},
    Builtin{".cloned", BuiltinId::OptionCloned, 0, 0, "", "`Option<&T>` to `Option<T>`: a clone of the value referred to"},
    Builtin{".copied", BuiltinId::OptionCopied, 0, 0, "", "`Option<&T>` to `Option<T>` for a `Copy` type: a copy of the value"},
    // std::task from scripts (hand-written futures).
    Builtin{".waker", BuiltinId::ContextWaker, 0, 0, "", "the waker of the task being polled (`&Waker`)"},
    Builtin{".wake", BuiltinId::Wake, 0, 0, "", "wakes the task and consumes the waker"},
    Builtin{".wake_by_ref", BuiltinId::WakeByRef, 0, 0, "", "wakes the task; the waker stays"},
    Builtin{".will_wake", BuiltinId::WillWake, 1, 1, "", "whether both wakers wake the same task"},
    Builtin{".is_ready", BuiltinId::IsReady, 0, 0, "", ""},
    Builtin{".is_pending", BuiltinId::IsPending, 0, 0, "", ""},
    Builtin{".poll", BuiltinId::FuturePoll, 1, 1, "", "polls a pinned future once with a context"},
    Builtin{".get_mut", BuiltinId::PinGetMut, 0, 0, "", "&mut T out of Pin<&mut T> when T is `Unpin`"},
    Builtin{".map_unchecked_mut", BuiltinId::MapUncheckedMut, 1, 1, "", "unsafe: pins a field of the pinned value"},
    Builtin{".get_unchecked_mut", BuiltinId::PinGetUncheckedMut, 0, 0, "", "unsafe: &mut T out of Pin<&mut T>"},
};

std::string_view StripPrefixes(std::string_view p) {
  for (bool again = true; again;) {
    again = false;
    for (std::string_view pre : {"std::", "core::", "futures::", "tokio::", "async_std::", "alloc::", "sync::",
                                 "collections::", "rc::", "cell::", "crossbeam_queue::", "x86_64::", "instructions::"}) {
      if (p.substr(0, pre.size()) == pre) {
        p.remove_prefix(pre.size());
        again = true;
      }
    }
  }
  return p;
}

}  // namespace

const Builtin* FindBuiltinFn(std::string_view path) {
  path = StripPrefixes(path);
  for (const Builtin& b : kBuiltins)
    if (b.name == path) return &b;
  if (const Builtin* lib = FindLibraryFn(path)) return lib;
  // `future::ready` is also reachable as `futures::future::ready`; `thread::sleep` as
  // `std::thread::sleep`: both handled by the prefix strip above.
  return nullptr;
}

const Builtin* FindBuiltinMethod(std::string_view name) {
  for (const Builtin& b : kMethods)
    if (b.name.substr(1) == name) return &b;
  return nullptr;
}

const Builtin& GetBuiltin(BuiltinId id) {
  for (const Builtin& b : kBuiltins)
    if (b.id == id) return b;
  for (const Builtin& b : kMethods)
    if (b.id == id) return b;
  if (const Builtin* lib = FindLibraryMethod(id)) return *lib;
  static constexpr Builtin kOp{"op", BuiltinId::Op, 0, 99, "", "a scenario-declared operation"};
  return kOp;
}

}  // namespace aws
