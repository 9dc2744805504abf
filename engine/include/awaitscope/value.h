// Run-time values of the emulated program. Futures live in the runtime's object table and
// values refer to them by id; references name a place (object, slot, path).
#pragma once
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "awaitscope/boxed_vector.h"

namespace aws {

// A struct value's field names: shared between the copies of a value (a struct is copied far
// more often than its names change), behind one counted pointer (8 bytes; a vector is 24).
class FieldNames {
 public:
  FieldNames() = default;
  FieldNames(std::vector<std::string> names) { *this = std::move(names); }
  FieldNames(std::initializer_list<std::string> names) { *this = std::vector<std::string>(names); }
  FieldNames(const FieldNames& o) : p_(o.p_) {
    if (p_) p_->refs.fetch_add(1, std::memory_order_relaxed);
  }
  FieldNames(FieldNames&& o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
  ~FieldNames() { Release(); }
  FieldNames& operator=(const FieldNames& o) {
    if (o.p_) o.p_->refs.fetch_add(1, std::memory_order_relaxed);
    Release();
    p_ = o.p_;
    return *this;
  }
  FieldNames& operator=(FieldNames&& o) noexcept {
    if (this != &o) {
      Release();
      p_ = std::exchange(o.p_, nullptr);
    }
    return *this;
  }
  FieldNames& operator=(std::vector<std::string> names) {
    Release();
    if (!names.empty()) p_ = new Rep{std::move(names), {1}};
    return *this;
  }
  FieldNames& operator=(std::initializer_list<std::string> names) { return *this = std::vector<std::string>(names); }
  void push_back(std::string name) {
    std::vector<std::string> copy = p_ ? p_->names : std::vector<std::string>{};
    copy.push_back(std::move(name));
    *this = std::move(copy);
  }
  size_t size() const { return p_ ? p_->names.size() : 0; }
  bool empty() const { return size() == 0; }
  const std::string& operator[](size_t i) const { return p_->names[i]; }
  const std::string* begin() const { return p_ ? p_->names.data() : nullptr; }
  const std::string* end() const { return p_ ? p_->names.data() + p_->names.size() : nullptr; }
  bool operator==(const FieldNames& o) const { return p_ == o.p_ || std::equal(begin(), end(), o.begin(), o.end()); }

 private:
  struct Rep {
    const std::vector<std::string> names;
    std::atomic<int> refs;
  };
  void Release() {
    if (p_ && p_->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete p_;
    p_ = nullptr;
  }
  Rep* p_ = nullptr;
};

struct Value {
  enum class K : uint8_t {
    Uninit,   // never written, or not saved across an await
    Moved,    // moved out
    Unit, Bool, Int, Char, Str, Duration, Error,
    Array, Tuple, Struct, Variant,  // Variant: s = "Some"/"None"/"Ok"/"Err"/"Ready"/"Pending"
    Ref,      // a place: obj/slot/path
    Future,   // i = object id
    Closure,  // i = body; v = captures
    Iter,     // see iterator fields below
    Stream,   // the keyboard's ScancodeStream
    RawPtr,   // i = 0 null, else like Ref
    Phantom,  // PhantomPinned
    Waker,    // std::task::Waker: i = the runtime's waker id (-1: none)
    Context,  // std::task::Context: v[0] = its Waker (so `cx.waker()` is a reference into it)
  };
  // Laid out small (88 bytes; it was 152, then 128): saved state and slots hold many values, and
  // the bytes of each one are paged in as a run creates them. The one-byte fields share a word
  // with the place's object; `addr` (Ref/RawPtr) shares its storage with `end` (Iter, and an
  // ArrayQueue's capacity): no value uses both; the elements and the path, which most values
  // leave empty, are kept behind one pointer each (BoxedVector).
  K k = K::Uninit;
  // Iter: mode 0 = over a borrowed sequence (v[0] is a Ref), 1 = owned elements (v[0] is an
  // Array), 2 = integer range; [pos, end) walked forwards, or backwards when rev.
  int8_t mode = 0;
  bool rev = false;
  // Ref / RawPtr: the place (obj, slot, path).
  int obj = -1;
  int slot = -1;
  int64_t i = 0;
  std::string s;                // Str text / Variant name / Struct name / Error message
  BoxedVector<Value> v;         // elements, fields, payload, captures, iterator source
  FieldNames names;             // Struct field names
  BoxedVector<int32_t> path;
  union {
    // Ref / RawPtr in runs that track memory: the address taken (0: not known). A move does not
    // change it, so a pointer to a moved place keeps the old address (and dangles).
    uint64_t addr = 0;
    int64_t end;                // Iter: the end of [pos, end); ArrayQueue: its capacity
  };

  static Value Unit() { return Make(K::Unit); }
  static Value Bool(bool b) { Value x = Make(K::Bool); x.i = b; return x; }
  static Value Int(int64_t n) { Value x = Make(K::Int); x.i = n; return x; }
  static Value Str(std::string t) { Value x = Make(K::Str); x.s = std::move(t); return x; }
  static Value Future(int id) { Value x = Make(K::Future); x.i = id; return x; }
  static Value Variant(std::string name, std::vector<Value> payload = {}) {
    Value x = Make(K::Variant);
    x.s = std::move(name);
    x.v = std::move(payload);
    return x;
  }
  static Value Make(K k) { Value x; x.k = k; return x; }
  bool Usable() const { return k != K::Uninit && k != K::Moved; }
  bool operator==(const Value& o) const;
};
static_assert(sizeof(Value) <= 88, "a Value is 88 bytes on x86-64 (see the layout note above)");

}  // namespace aws
