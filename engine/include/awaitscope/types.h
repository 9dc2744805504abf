// Semantic types of the script language, interned so that equal types are equal pointers, and
// their Rust-like layout (size, alignment) on a 64-bit target. See scenarios/README.md "Layout".
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace aws {

struct StructDecl;

enum class TypeKind {
  Error,      // after a type error; compatible with everything so one mistake is one message
  Unit, Never, Bool, Char, Int, Str,  // Str is `str`: only used behind a reference (`&str`)
  String, Array, Vec, Ref, RawPtr, Tuple, Option, Result, Poll, Box, Pin,
  Duration, ErrorType,  // the scenario's `Error` (a message)
  Struct, PhantomPinned, ScancodeStream,
  Iter,       // an iterator (ranges, `.iter()`, adapters); args[0] = item type, then its parts
  Closure,    // a `|x| expr` closure; args = params..., ret
  Future,     // any future; args[0] = Output
  Var,        // an inference variable of the checker (body = its id); never seen after checking
  Context, Waker,  // std::task's `Context<'_>` and `Waker` (the task API of hand-written futures)
  Library,    // a std or crate library type (library_types.h): `name`, args = its type arguments
};

// `Var` is an integer literal's inference variable (`{integer}`, id in `body`); the checker
// resolves every one (defaulting to i32) before any later stage sees the types.
enum class IntKind { U8, U32, U64, Usize, I32, I64, Var };

// What an iterator type is, as std names it; decides its layout (see LayoutOf) and its parts.
enum class IterKind {
  Range,           // `a..b`: Range<T>
  RangeInclusive,  // `a..=b`: RangeInclusive<T>
  RangeFrom,       // `a..`: RangeFrom<T>
  SliceIter,       // `.iter()` / `&v`: std::slice::Iter<'_, T>
  SliceIterMut,    // `.iter_mut()` / `&mut v`: std::slice::IterMut<'_, T>
  VecIntoIter,     // `v.into_iter()` / `for x in v`: std::vec::IntoIter<T>; args[1] = T
  ArrayIntoIter,   // an array by value: std::array::IntoIter<T, N>; args[1] = the array type
  Map,             // args[1] = inner iterator, args[2] = closure
  Filter,          // args[1] = inner iterator, args[2] = closure
  Enumerate,       // args[1] = inner iterator
  Zip,             // args[1], args[2] = the two iterators
  Rev,             // args[1] = inner iterator
};

// What kind of future a Future type is; decides its layout and its run-time behaviour.
enum class FutureKind {
  AsyncFn,     // the state machine of an `async fn` (body = its body index)
  AsyncBlock,  // the state machine of an `async { }` block
  ReadFile, WriteFile, Sleep, Timer, Next, YieldNow, Ready, Join, TryJoin, Select, JoinAll, Op, Map, Then,
  // the network device's (runtime/devices/network.cpp): tokio's `TcpListener::bind`,
  // `listener.accept()`, `socket.read(&mut buf)`, `socket.write_all(&buf[..n])`
  NetBind, NetAccept, NetRead, NetWrite,
  JoinHandle,  // tokio's `JoinHandle<T>` of a spawned task (args[1] = T): `Result<T, JoinError>`
  Either,      // one of two futures with the same output (if/else arms)
  Dyn,         // `dyn Future<Output = T>`: unsized; a pointer to it is fat (data + vtable, 16 bytes)
  HandWritten, // a script struct with `impl Future` used as a future (args[1] = the struct type)
  // tokio::sync's channels (runtime/library/tokio_channels.cpp): oneshot's `Receiver<T>` (args[1] = T),
  // mpsc's `tx.send(v)` and `rx.recv()`
  OneshotRecv, ChanSend, ChanRecv,
};

struct Type;
using TypeRef = const Type*;

// The network types' crates (Type::body of TcpListener, TcpStream, SocketAddr).
constexpr int kNetTokio = 1;
constexpr int kNetStd = 2;

// Type::body of a `dyn Future<Output = T> + Send` (a plain `dyn Future` has -1): the auto trait
// the trait object promises (check/send.cpp); the name and the layout do not show it.
constexpr int kDynSend = 1;

// The length of an Array type that is the slice `[T]` (unsized: only behind a reference).
constexpr uint64_t kSliceLen = ~uint64_t{0};

struct Type {
  TypeKind kind = TypeKind::Error;
  IntKind int_kind = IntKind::I32;
  std::vector<TypeRef> args;
  uint64_t len = 0;           // Array length; kSliceLen: the unsized slice `[T]`
  bool is_mut = false;        // Ref / RawPtr
  FutureKind fut = FutureKind::AsyncFn;
  IterKind iter = IterKind::Range;
  int body = -1;              // AsyncFn/AsyncBlock: the body; Op: the op index; Library: the
                              // crate's variant (kNetTokio, kNetStd)
  std::string name;           // Struct name
  const StructDecl* decl = nullptr;

  bool IsInt() const { return kind == TypeKind::Int; }
  bool IsError() const { return kind == TypeKind::Error; }
  bool IsFuture() const { return kind == TypeKind::Future; }
  bool IsSlice() const { return kind == TypeKind::Array && len == kSliceLen; }
  bool IsVar() const { return kind == TypeKind::Var || (kind == TypeKind::Int && int_kind == IntKind::Var); }
  TypeRef Output() const { return args.empty() ? nullptr : args[0]; }
};

struct Layout {
  uint64_t size = 0;
  uint64_t align = 1;
  // Invalid bit patterns an enum around it may use as its tag (rustc's niche: a null reference,
  // a `bool` above 1, a `String` capacity above isize::MAX, an enum's unused tag values), and
  // the width of the field that has them. 0: none, so `Option<T>` needs a tag of its own.
  uint64_t niches = 0;
  uint64_t niche_bytes = 0;
};

// A repr(Rust) struct or tuple: rustc orders the fields by alignment, largest first (no padding
// between them); the offsets are given in declaration order.
Layout RustStructLayout(const std::vector<Layout>& fields, std::vector<uint64_t>* offsets = nullptr);
// An enum of two variants (`Option`, `Result`, `Poll`): in the larger one's niche when the other
// fits beside it, else a one-byte tag first.
Layout TwoVariantLayout(Layout a, Layout b);
// A script's `enum`: each variant's fields; the discriminants' range decides the tag's width.
Layout ScriptEnumLayout(const std::vector<std::vector<Layout>>& variants, int64_t min_disc, int64_t max_disc);

// Owns all types of one program.
class TypeTable {
 public:
  TypeTable();
  TypeRef Error() const { return error_; }
  TypeRef Unit() const { return unit_; }
  TypeRef Never() const { return never_; }
  TypeRef Bool() const { return bool_; }
  TypeRef Char() const { return char_; }
  TypeRef Str() const { return str_; }
  TypeRef String() const { return string_; }
  TypeRef Duration() const { return duration_; }
  TypeRef ErrorType() const { return error_type_; }
  TypeRef PhantomPinned() const { return phantom_; }
  TypeRef ScancodeStream() const { return scancodes_; }
  TypeRef Context() const { return context_; }
  TypeRef Waker() const { return waker_; }
  TypeRef Int(IntKind k);
  TypeRef Array(TypeRef elem, uint64_t len);
  TypeRef Slice(TypeRef elem) { return Array(elem, kSliceLen); }
  TypeRef Vec(TypeRef elem);
  TypeRef Ref(TypeRef target, bool is_mut);
  TypeRef RawPtr(TypeRef target, bool is_mut);
  TypeRef Tuple(std::vector<TypeRef> items);
  TypeRef Option(TypeRef t);
  TypeRef Result(TypeRef ok, TypeRef err);
  TypeRef Poll(TypeRef t);
  TypeRef Box(TypeRef t);
  TypeRef Pin(TypeRef t);
  // An iterator of the given kind yielding `item`; `parts` as IterKind says.
  TypeRef Iter(IterKind kind, TypeRef item, std::vector<TypeRef> parts = {});
  // Inference variables: any type, or an integer (`{integer}`).
  TypeRef Var(int id);
  TypeRef IntVar(int id);
  // The same type with other arguments (the checker substitutes inferred types this way).
  TypeRef WithArgs(TypeRef t, std::vector<TypeRef> args);
  TypeRef Closure(std::vector<TypeRef> params, TypeRef ret, int body);
  TypeRef Struct(const StructDecl* decl);
  // A generic struct with arguments still being inferred (`Wrapper<?T>`); the checker replaces it
  // by the instance (`Struct(instance)`, whose args are the instance's type arguments).
  TypeRef StructWith(const StructDecl* generic, std::vector<TypeRef> args);
  // A library type of library_types.h's table (`Library("Arc", {t})`).
  TypeRef Library(std::string_view name, std::vector<TypeRef> args, int variant = -1);
  // A future of the given kind; `parts` are the wrapped futures (Join, Map, Then, Either) or the
  // value type (Ready).
  TypeRef Future(FutureKind kind, TypeRef output, int body = -1, std::vector<TypeRef> parts = {});

 private:
  TypeRef Intern(Type t);
  std::vector<std::unique_ptr<Type>> owned_;
  std::map<std::string, TypeRef> by_key_;
  TypeRef error_, unit_, never_, bool_, char_, str_, string_, duration_, error_type_, phantom_, scancodes_;
  TypeRef context_, waker_;
};

// Rust-like spelling of a type, e.g. `Result<Vec<u8>, Error>` or `impl Future<Output = String>`.
std::string TypeName(TypeRef t);
// Short name of a future's type as the documents would write it (`ReadFileFuture`).
std::string FutureTypeName(TypeRef t);
const char* IntKindName(IntKind k);

// Two types are compatible when equal, when either is Error or Never, or when both are futures
// with the same output (different future kinds unify into `Either`).
bool Compatible(TypeRef a, TypeRef b);

// Whether an iterator of this kind refers into a sequence it borrows (slice iterators), or
// holds such an iterator.
bool IterBorrows(TypeRef t);

// Layout of a type. `machine_layout(body)` supplies the layout of async fn / block state machines
// (computed by the lowering); `struct_layout` the layout of script structs.
using BodyLayoutFn = std::function<Layout(int body)>;
using StructLayoutFn = std::function<Layout(const StructDecl*)>;
Layout LayoutOf(TypeRef t, const BodyLayoutFn& machine_layout, const StructLayoutFn& struct_layout);

// Whether a value of the type is copied rather than moved (rustc's `Copy`): scalars, shared
// references, raw pointers, arrays and tuples of `Copy` types, structs with `#[derive(Copy)]`.
bool IsCopyType(TypeRef t);

inline uint64_t AlignUp(uint64_t v, uint64_t a) { return a <= 1 ? v : (v + a - 1) / a * a; }

}  // namespace aws
