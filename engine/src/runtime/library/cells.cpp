// std::cell at run time: a `Cell` is its value (replaced through `&`), a `RefCell` is its value
// and a borrow flag (`i`: the number of live `Ref`s, or -1 while a `RefMut` lives). `borrow` and
// `borrow_mut` check the flag as std does and panic as std 1.95 does ("RefCell already borrowed",
// "RefCell already mutably borrowed"); the guards they return point at the value (kLibGuard, like
// a MutexGuard) and give their borrow back when dropped (DropLibraryValue, sync.cpp).
#include <fmt/format.h>

#include "runtime/emulator.h"

namespace aws::emu {
namespace {

Value CellStruct(LibMode mode, std::string name, Value inner) {
  Value v = Value::Make(Value::K::Struct);
  v.mode = mode;
  v.s = std::move(name);
  v.names = {"value"};
  v.v = {std::move(inner)};
  return v;
}

}  // namespace

Value Emulator::CallCellBuiltin(const Builtin& b, std::vector<Value>& a) {
  switch (b.id) {
    case BuiltinId::CellNew: return CellStruct(kLibCell, "Cell", a[0]);
    case BuiltinId::RefCellNew: return CellStruct(kLibRefCell, "RefCell", a[0]);
    case BuiltinId::CellIntoInner: {  // the cell by value
      Value c = Load(a[0]);
      if (c.k != Value::K::Struct || c.v.empty()) Fault("internal error: `into_inner` of a value that is not a cell");
      return c.v[0];
    }
    default: break;
  }
  Loc at = PointeeLoc(a[0]);
  if (At(at).k != Value::K::Struct || (At(at).mode != kLibCell && At(at).mode != kLibRefCell) || At(at).v.empty())
    Fault(fmt::format("internal error: `{}` of a value that is not a cell", b.name));
  const bool refcell = At(at).mode == kLibRefCell;
  auto must_be_free = [&] {  // what `borrow_mut` needs: no borrow alive
    if (refcell && At(at).i != 0) Panic("RefCell already borrowed");
  };
  switch (b.id) {
    case BuiltinId::CellGet: return At(at).v[0];
    case BuiltinId::CellSet: At(at).v[0] = a[1]; return Value::Unit();
    case BuiltinId::CellReplace: case BuiltinId::CellTake: {  // take: the lowering passes the default
      must_be_free();
      Value old = At(at).v[0];
      At(at).v[0] = a[1];
      return old;
    }
    case BuiltinId::RefCellBorrow: case BuiltinId::RefCellBorrowMut: case BuiltinId::RefCellTryBorrowMut: {
      const bool shared = b.id == BuiltinId::RefCellBorrow;
      Value& cell = At(at);
      if (shared && cell.i < 0) Panic("RefCell already mutably borrowed");
      if (!shared && cell.i != 0) {
        if (b.id == BuiltinId::RefCellBorrowMut) Panic("RefCell already borrowed");
        Value err = Value::Make(Value::K::Struct);
        err.s = "BorrowMutError";
        return Value::Variant("Err", {err});
      }
      cell.i = shared ? cell.i + 1 : -1;
      Value g = Value::Make(Value::K::Struct);
      g.mode = kLibGuard;
      g.s = shared ? "Ref" : "RefMut";
      g.obj = at.obj;
      g.slot = at.slot;
      g.path = at.path;
      return b.id == BuiltinId::RefCellTryBorrowMut ? Value::Variant("Ok", {g}) : g;
    }
    default: break;
  }
  Fault(fmt::format("internal error: built-in `{}` is not a cell's", b.name));
}

// A guard of a RefCell gives its borrow back.
void Emulator::ReleaseCellBorrow(const Value& guard, bool shared) {
  Value& cell = At(Loc{guard.obj, guard.slot, guard.path});
  if (cell.k != Value::K::Struct || cell.mode != kLibRefCell) return;
  if (shared && cell.i > 0) --cell.i;
  else if (!shared && cell.i < 0) cell.i = 0;
}

}  // namespace aws::emu
