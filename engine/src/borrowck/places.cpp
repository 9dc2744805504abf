// Places and their types: overlap, owned prefixes, the types and names of places.
#include <fmt/format.h>

#include <algorithm>

#include "borrowck/borrowck_impl.h"

namespace aws::borrowck {

bool SameStep(const Projection& a, const Projection& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Projection::Kind::Field: return a.name == b.name;
    case Projection::Kind::TupleIndex: return a.index == b.index;
    case Projection::Kind::VariantField: return a.name == b.name && a.index == b.index;
    case Projection::Kind::Index: case Projection::Kind::Deref: return true;  // any index may be the same element
  }
  return true;
}

// The length of the projection before its first dereference or index: the part that names
// memory the local owns.
size_t OwnedPrefix(const Place& p) {
  for (size_t i = 0; i < p.proj.size(); ++i)
    if (p.proj[i].kind == Projection::Kind::Deref || p.proj[i].kind == Projection::Kind::Index) return i;
  return p.proj.size();
}

// Two places overlap when one's path is a prefix of the other's.
bool Overlap(const Place& a, const Place& b) {
  if (a.slot != b.slot || a.slot < 0) return false;
  size_t n = std::min(a.proj.size(), b.proj.size());
  for (size_t i = 0; i < n; ++i)
    if (!SameStep(a.proj[i], b.proj[i])) return false;
  return true;
}

bool MayHoldBorrow(TypeRef t, const CheckedProgram& p, int depth) {
  if (!t || depth > 8) return false;
  switch (t->kind) {
    case TypeKind::Future:
      // `dyn Future` is only ever held boxed here (`Pin<Box<dyn Future<Output = T>>>`), where
      // Rust's default object lifetime is 'static: it borrows nothing (a `&mut dyn Future` is a Ref).
      return t->fut != FutureKind::Dyn;
    case TypeKind::Ref: case TypeKind::Iter: case TypeKind::Closure: case TypeKind::Error:
      return true;
    case TypeKind::RawPtr: return false;  // a raw pointer carries no lifetime: the borrow ends at the cast
    case TypeKind::Struct: {
      auto it = p.struct_fields.find(t->decl);
      if (it == p.struct_fields.end()) return false;
      for (TypeRef f : it->second)
        if (MayHoldBorrow(f, p, depth + 1)) return true;
      return false;
    }
    default:
      for (TypeRef a : t->args)
        if (MayHoldBorrow(a, p, depth + 1)) return true;
      return false;
  }
}

// Parameters and captures: initialised on entry.
bool BodyChecker::IsInput(int slot) const {
  const LocalVar* v = Local(slot);
  return v && (v->is_param || v->capture_of >= 0 || ir_.slots[slot].local < B.num_inputs);
}

const LocalVar* BodyChecker::Local(int slot) const {
  if (!Tracked(slot)) return nullptr;
  int l = ir_.slots[slot].local;
  return l < static_cast<int>(B.locals.size()) ? &B.locals[l] : nullptr;
}

std::string BodyChecker::SlotName(int slot) const {
  if (const LocalVar* v = Local(slot)) return v->name;
  return slot >= 0 && slot < slots_ ? ir_.slots[slot].name : "?";
}

// The type of `p` after its first `n` projections.
TypeRef BodyChecker::TypeAt(const Place& p, size_t n) const {
  TypeRef t = p.slot >= 0 && p.slot < slots_ ? ir_.slots[p.slot].type : nullptr;
  for (size_t i = 0; i < n && t; ++i) {
    const Projection& pr = p.proj[i];
    switch (pr.kind) {
      case Projection::Kind::Deref: case Projection::Kind::Index:
        t = t->args.empty() ? nullptr : t->args[0];
        break;
      case Projection::Kind::TupleIndex: t = pr.index < t->args.size() ? t->args[pr.index] : nullptr; break;
      case Projection::Kind::VariantField:
        if (t->kind == TypeKind::Result) t = pr.name == "Err" ? (t->args.size() > 1 ? t->args[1] : nullptr) : t->args[0];
        else t = t->args.empty() ? nullptr : t->args[0];
        break;
      case Projection::Kind::Field: {
        TypeRef found = nullptr;
        if (t->kind == TypeKind::Struct && t->decl) {
          auto it = P.struct_fields.find(t->decl);
          for (size_t f = 0; it != P.struct_fields.end() && f < t->decl->fields.size() && f < it->second.size(); ++f)
            if (t->decl->fields[f].name == pr.name) found = it->second[f];
        }
        t = found;
        break;
      }
    }
  }
  return t;
}

// rustc's spelling of a place: `v`, `p.name`, `*r`, `r.name` (auto-deref), `v[_]`.
std::string BodyChecker::PlaceName(const Place& p) const {
  std::string s = SlotName(p.slot);
  for (size_t i = 0; i < p.proj.size(); ++i) {
    const Projection& pr = p.proj[i];
    switch (pr.kind) {
      case Projection::Kind::Deref: {
        bool auto_deref = i + 1 < p.proj.size() && (p.proj[i + 1].kind == Projection::Kind::Field ||
                                                     p.proj[i + 1].kind == Projection::Kind::TupleIndex ||
                                                     p.proj[i + 1].kind == Projection::Kind::Index);
        if (!auto_deref) s = "*" + s;
        break;
      }
      case Projection::Kind::Field: s += "." + pr.name; break;
      case Projection::Kind::TupleIndex: s += fmt::format(".{}", pr.index); break;
      case Projection::Kind::Index: s += "[_]"; break;
      case Projection::Kind::VariantField: s += fmt::format(".{}", pr.index); break;
    }
  }
  return s;
}

}  // namespace aws::borrowck
