// std::cell for scripts: `Cell<T>` (a value replaced through `&`: get, set, replace, take,
// into_inner) and `RefCell<T>` (borrow, borrow_mut, try_borrow_mut, replace, take, into_inner),
// whose borrows are counted at run time (runtime/library/cells.cpp): a `borrow_mut` while a
// `Ref` or `RefMut` lives panics as std does. `Rc` shares `Arc`'s rows (library_types.cpp).
#include <fmt/format.h>

#include "awaitscope/library_types.h"
#include "check/checker_impl.h"

namespace aws::check {

TypeRef Checker::CheckCellCall(Expr& e, const Builtin& b, TypeRef expected) {
  if (b.id != BuiltinId::CellNew && b.id != BuiltinId::RefCellNew) return nullptr;
  const std::string_view name = b.id == BuiltinId::CellNew ? "Cell" : "RefCell";
  TypeRef want = IsLibrary(expected, name) && !expected->args.empty() ? expected->args[0] : nullptr;
  return T.Library(name, {Check(*e.args[0], want)});
}

TypeRef Checker::CheckCellMethod(Expr& e, TypeRef rt, TypeRef lib) {
  (void)rt;
  TypeRef item = lib->args.empty() ? T.Error() : lib->args[0];
  switch (e.builtin->id) {
    case BuiltinId::CellGet:
      // `Cell::get` is in an `impl<T: Copy> Cell<T>` block: a copy of the value.
      if (!IsCopyType(R(item)) && R(item)->kind != TypeKind::Var) {
        ErrorCode(e.name_span, "E0599",
                  fmt::format("the method `get` exists for struct `{}`, but its trait bounds were not satisfied",
                              Name(lib)));
        return T.Error();
      }
      return item;
    case BuiltinId::CellSet: Arg(e, 0, item); return T.Unit();
    case BuiltinId::CellReplace: Arg(e, 0, item); return item;
    case BuiltinId::CellTake:
      if (!HasDefault(R(item)) && R(item)->kind != TypeKind::Var) {
        ErrorCode(e.name_span, "E0277", fmt::format("the trait bound `{}: Default` is not satisfied", Name(item)));
        return T.Error();
      }
      return item;
    case BuiltinId::CellIntoInner: return item;
    case BuiltinId::RefCellBorrow: return T.Library("Ref", {item});
    case BuiltinId::RefCellBorrowMut: return T.Library("RefMut", {item});
    case BuiltinId::RefCellTryBorrowMut:
      return T.Result(T.Library("RefMut", {item}), T.Library("BorrowMutError", {}));
    default: return nullptr;
  }
}

}  // namespace aws::check
