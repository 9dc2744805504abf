// The std and crate library types scripts may name (Arc, Mutex, VecDeque, BTreeMap,
// crossbeam_queue::ArrayQueue, the mpsc channels): one table of their names, type arguments,
// x86-64 layouts and functions, shared by the checker, the lowering and the runtime.
// A library type is a Type of kind Library whose `name` is the table's name.
#pragma once
#include <string_view>

#include "awaitscope/builtins.h"
#include "awaitscope/types.h"

namespace aws {

struct LibraryType {
  std::string_view name;  // as the documents write it: `Arc`, `MutexGuard`, `ArrayQueue`
  int arity;              // type arguments
};

// The row of a library type by name; null when `name` is none.
const LibraryType* FindLibraryType(std::string_view name);
// Whether `t` is the library type `name` (`IsLibrary(t, "Arc")`).
bool IsLibrary(TypeRef t, std::string_view name);
// Layout on x86-64 as rustc 1.95 lays the type out (scripts/rust_sizes.rs prints the figures).
Layout LibraryLayout(TypeRef t, const std::function<Layout(TypeRef)>& of);
// The library's associated functions and free functions (`Arc::new`, `sync_channel`), by
// path with the std/crate prefixes already stripped; null when none.
const Builtin* FindLibraryFn(std::string_view path);
// The library's methods (`.push_back`, `.lock`); the checker picks one by receiver type.
const Builtin* FindLibraryMethod(BuiltinId id);
// The method entry of this name (`.try_lock`): methods that share an id differ by name.
const Builtin* FindLibraryMethodNamed(std::string_view dotted_name);
bool IsLibraryBuiltin(BuiltinId id);
// The network device's calls (runtime/devices/network.cpp).
bool IsNetworkBuiltin(BuiltinId id);
// For the lowering: whether the method takes its receiver by value, or borrows it mutably.
bool LibraryTakesSelfByValue(BuiltinId id);
bool LibraryMutatesReceiver(BuiltinId id);
// Smart pointers the checker and the lowering dereference through (`Arc`, `MutexGuard`).
bool IsLibraryPointer(TypeRef t);

}  // namespace aws
