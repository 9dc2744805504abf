// `Option`'s and `Result`'s methods with closures, references and defaults (their checking is in
// check/option_result.cpp; `unwrap`, `take`, `is_some`, ... are in builtins.cpp).
#include <fmt/format.h>

#include "runtime/emulator.h"

namespace aws::emu {

bool IsOptionResultBuiltin(BuiltinId id) {
  switch (id) {
    case BuiltinId::Replace: case BuiltinId::UnwrapOrElse: case BuiltinId::UnwrapOrDefault: case BuiltinId::OptionMap:
    case BuiltinId::MapErr: case BuiltinId::AndThen: case BuiltinId::OkOr: case BuiltinId::AsRef:
    case BuiltinId::OptionAsMut: case BuiltinId::OptionFilter: case BuiltinId::GetOrInsertWith:
    case BuiltinId::OptionCloned: case BuiltinId::OptionCopied:
      return true;
    default:
      return false;
  }
}

// `a[0]` is the receiver: the value itself for the methods that take `self`, else a reference to it.
Value Emulator::CallOptionResultBuiltin(const Builtin& b, std::vector<Value>& a) {
  // A reference to the payload of the variant `a[0]` points at (`Some(x)`: `&x`).
  // Through a guard or an Arc (`guard.as_ref()` auto-derefs) the option is where they point.
  auto payload_ref = [&]() {
    Value r = a[0];
    if (r.k == Value::K::Ref) {
      Loc l = PointeeLoc(r);
      r.obj = l.obj;
      r.slot = l.slot;
      r.path = l.path;
    }
    r.path.push_back(0);
    r.addr = 0;
    return r;
  };
  switch (b.id) {
    case BuiltinId::Replace: {
      Value old = Deref(a[0]);
      Deref(a[0]) = Value::Variant("Some", {a[1]});
      return old;
    }
    case BuiltinId::UnwrapOrElse: {
      Value v = Load(a[0]);
      if (v.s == "Some" || v.s == "Ok") return v.v[0];
      return CallClosure(a[1], v.s == "Err" ? std::vector<Value>{v.v[0]} : std::vector<Value>{});
    }
    case BuiltinId::UnwrapOrDefault: {
      Value v = Load(a[0]);
      return v.s == "Some" || v.s == "Ok" ? v.v[0] : a[1];
    }
    case BuiltinId::OptionMap: {
      Value v = Load(a[0]);
      if (v.s != "Some" && v.s != "Ok") return v;
      return Value::Variant(v.s, {CallClosure(a[1], {v.v[0]})});
    }
    case BuiltinId::MapErr: {
      Value v = Load(a[0]);
      if (v.s != "Err") return v;
      return Value::Variant("Err", {CallClosure(a[1], {v.v[0]})});
    }
    case BuiltinId::AndThen: {
      Value v = Load(a[0]);
      if (v.s != "Some" && v.s != "Ok") return v;
      return CallClosure(a[1], {v.v[0]});
    }
    case BuiltinId::OkOr: {
      Value v = Load(a[0]);
      return v.s == "Some" ? Value::Variant("Ok", {v.v[0]}) : Value::Variant("Err", {a[1]});
    }
    case BuiltinId::AsRef: case BuiltinId::OptionAsMut: {
      const Value& v = Deref(a[0]);
      if (v.s == "None") return Value::Variant("None");
      return Value::Variant(v.s, {payload_ref()});
    }
    case BuiltinId::OptionCloned: case BuiltinId::OptionCopied: {
      // `Some(&x)` becomes `Some(x)`: the value referred to, copied out.
      Value v = Load(a[0]);
      if (v.s != "Some" && v.s != "Ok") return v;
      return Value::Variant(v.s, {Load(v.v[0])});
    }
    case BuiltinId::OptionFilter: {
      // The option waits in its temporary while the closure looks at `&x`.
      if (Deref(a[0]).s != "Some") return Value::Variant("None");
      bool keep = Load(CallClosure(a[1], {payload_ref()})).i != 0;
      Value v = std::move(Deref(a[0]));
      Deref(a[0]) = Value::Make(Value::K::Moved);
      return keep ? v : Value::Variant("None");
    }
    case BuiltinId::GetOrInsertWith: {
      if (Deref(a[0]).s != "Some") {
        Value made = CallClosure(a[1], {});  // may grow the object table: find the option again after
        Deref(a[0]) = Value::Variant("Some", {made});
      }
      return payload_ref();
    }
    default: break;
  }
  Fault(fmt::format("internal error: `{}` is not an Option or Result method", b.name));
}

}  // namespace aws::emu
