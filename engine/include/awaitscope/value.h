// Run-time values of the emulated program. Futures live in the runtime's object table and
// values refer to them by id; references name a place (object, slot, path).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace aws {

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
  K k = K::Uninit;
  int64_t i = 0;
  std::string s;                // Str text / Variant name / Struct name / Error message
  std::vector<Value> v;         // elements, fields, payload, captures, iterator source
  std::vector<std::string> names;  // Struct field names
  // Ref / RawPtr: the place.
  int obj = -1;
  int slot = -1;
  std::vector<int32_t> path;
  // Ref / RawPtr in runs that track memory: the address taken (0: not known). A move does not
  // change it, so a pointer to a moved place keeps the old address (and dangles).
  uint64_t addr = 0;
  // Iter: mode 0 = over a borrowed sequence (v[0] is a Ref), 1 = owned elements (v[0] is an
  // Array), 2 = integer range; [pos, end) walked forwards, or backwards when rev.
  int8_t mode = 0;
  bool rev = false;
  int64_t end = 0;

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

}  // namespace aws
