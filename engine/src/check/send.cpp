// rustc's auto traits `Send` and `Sync` (see awaitscope/send.h): which types have them, what a
// future holds across its awaits, and the errors where a required `Send` is missing.
//
// A type has an auto trait when every type it is made of has it (struct fields, tuple items,
// elements, the parts of a future), except where std says otherwise: `Rc` and raw pointers have
// neither; `Cell`/`RefCell` are Send (when their value is) but not Sync; `Arc<T>` is Send and
// Sync when T is both; `Mutex<T>` is both when T is Send; a `MutexGuard` or a `RefCell` borrow
// guard is not Send; `&T` is Send when T is Sync. `unsafe impl Send for X {}` makes X Send.
// Auto traits are co-inductive (a type that contains itself through a `Box` or an `Arc` has them
// unless something else is missing): the search is a worklist over (type, trait) pairs, each
// visited once, so recursive types end and nesting costs no native stack.
#include "awaitscope/send.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "awaitscope/library_types.h"

namespace aws {
namespace {

enum class Auto : uint8_t { Send, Sync };

// The type found lacking an auto trait.
struct Leaf {
  TypeRef type = nullptr;
  Auto missing = Auto::Send;
};

// One value a future holds: a capture (or an `async fn`'s parameter), always; or a value kept
// across the await `await_k`.
struct Held {
  int slot = -1;
  TypeRef type = nullptr;
  Auto need = Auto::Send;  // Sync for a capture by reference (`&T` is Send when T is Sync)
  int await_k = -1;        // -1: captured
};

class SendCheck {
 public:
  SendCheck(const Program& p, Diagnostics& d) : P(p), cp_(*p.checked), d_(d), src_(*p.checked->source) {}

  void Run() {
    for (const SendRequirement& r : cp_.send_required) {
      if (r.body < 0 || static_cast<size_t>(r.body) >= cp_.bodies.size() || cp_.bodies[r.body].bad) continue;
      if (!r.value || !r.value->type || r.value->type->IsError()) continue;
      Check(r);
    }
  }

 private:
  // [SECTION] types
  // The first type reachable from `t` that lacks what it needs, or nothing when `t` has `want`.
  // `shallow`: the futures of async bodies and closures count as lacking it (a cheap "may not
  // be Send" that does not look into other bodies).
  std::optional<Leaf> Missing(TypeRef root, Auto want, bool shallow = false) {
    std::vector<std::pair<TypeRef, Auto>> work{{root, want}};
    std::set<std::pair<TypeRef, Auto>> seen{{root, want}};
    auto push = [&](TypeRef t, Auto a) {
      if (t && seen.insert({t, a}).second) work.emplace_back(t, a);
    };
    while (!work.empty()) {
      auto [t, need] = work.back();
      work.pop_back();
      switch (t->kind) {
        case TypeKind::RawPtr: return Leaf{t, need};
        case TypeKind::Context: return Leaf{t, need};
        case TypeKind::Ref:
          push(t->args[0], t->is_mut ? need : Auto::Sync);
          break;
        case TypeKind::Library:
          if (auto leaf = LibraryMissing(t, need, push)) return leaf;
          break;
        case TypeKind::Struct: {
          const StructDecl* sd = t->decl;
          if (!sd || sd->param || !sd->dyn_traits.empty()) break;  // opaque: rustc checks the bound
          const auto& impls = need == Auto::Send ? cp_.unsafe_send : cp_.unsafe_sync;
          if (impls.count(sd) || (sd->generic_origin && impls.count(sd->generic_origin))) break;
          auto it = cp_.struct_fields.find(sd);
          if (it != cp_.struct_fields.end())
            for (TypeRef f : it->second) push(f, need);
          break;
        }
        case TypeKind::Closure: {
          if (t->body < 0 || static_cast<size_t>(t->body) >= cp_.bodies.size()) break;
          if (shallow) return Leaf{t, need};
          for (const LocalVar& v : cp_.bodies[t->body].locals)
            if (v.capture_of >= 0) push(v.type, v.capture_by_ref ? Auto::Sync : need);
          break;
        }
        case TypeKind::Future:
          switch (t->fut) {
            case FutureKind::AsyncFn: case FutureKind::AsyncBlock:
              if (shallow) return Leaf{t, need};
              for (const Held& h : HeldBy(t->body)) push(h.type, h.need == Auto::Sync ? Auto::Sync : need);
              break;
            case FutureKind::Dyn:
              if (need == Auto::Sync || t->body != kDynSend) return Leaf{t, need};
              break;
            default:  // the wrapped futures (Join, Map, Either, ..), a hand-written future's struct, Ready's value
              for (size_t i = 1; i < t->args.size(); ++i) push(t->args[i], need);
              break;
          }
          break;
        default:
          for (TypeRef a : t->args) push(a, need);
          break;
      }
    }
    return std::nullopt;
  }

  template <class Push>
  static std::optional<Leaf> LibraryMissing(TypeRef t, Auto need, Push&& push) {
    const std::string& n = t->name;
    TypeRef a = t->args.empty() ? nullptr : t->args[0];
    if (n == "Rc" || n == "Weak" || n == "RawWaker") return Leaf{t, need};
    if (n == "Arc") {
      push(a, Auto::Send);
      push(a, Auto::Sync);
    } else if (n == "Mutex" || n == "Sender" || n == "SyncSender") {
      push(a, Auto::Send);
    } else if (n == "MutexGuard" || n == "Ref" || n == "RefMut") {
      if (need == Auto::Send) return Leaf{t, need};
      push(a, Auto::Sync);
    } else if (n == "Cell" || n == "RefCell" || n == "Receiver") {
      if (need == Auto::Sync) return Leaf{t, need};
      push(a, Auto::Send);
    } else {
      for (TypeRef x : t->args) push(x, need);
    }
    return std::nullopt;
  }

  // Whether dropping a value of the type runs code (a destructor somewhere inside): rustc keeps
  // such a value in the future until its scope ends, used or not.
  bool NeedsDrop(TypeRef root) {
    std::vector<TypeRef> work{root};
    std::set<TypeRef> seen{root};
    while (!work.empty()) {
      TypeRef t = work.back();
      work.pop_back();
      switch (t->kind) {
        case TypeKind::Ref: case TypeKind::RawPtr: case TypeKind::Int: case TypeKind::Bool: case TypeKind::Char:
        case TypeKind::Unit: case TypeKind::Never: case TypeKind::Str: case TypeKind::Duration:
        case TypeKind::PhantomPinned: case TypeKind::Error: case TypeKind::Context:
          break;
        case TypeKind::Tuple: case TypeKind::Array: case TypeKind::Option: case TypeKind::Result: case TypeKind::Poll: {
          for (TypeRef a : t->args)
            if (a && seen.insert(a).second) work.push_back(a);
          break;
        }
        case TypeKind::Struct: {
          auto it = cp_.struct_fields.find(t->decl);
          if (it == cp_.struct_fields.end()) break;
          for (TypeRef f : it->second)
            if (f && seen.insert(f).second) work.push_back(f);
          break;
        }
        default: return true;  // String, Vec, Box, library types, futures, closures
      }
    }
    return false;
  }

  // [SECTION] what a future holds
  const std::vector<Held>& HeldBy(int body) {
    auto [it, fresh] = held_.try_emplace(body);
    if (!fresh) return it->second;
    std::vector<Held>& out = it->second;
    int mi = body >= 0 && static_cast<size_t>(body) < P.machine_of_body.size() ? P.machine_of_body[body] : -1;
    if (mi < 0) return out;  // not lowered (errors, a generic definition): nothing to say
    const Machine& m = P.machines[mi];
    const IrBody& ir = P.ir[body];
    for (size_t s = 0; s < ir.slots.size(); ++s)
      if (ir.slots[s].is_param || ir.slots[s].is_capture)
        out.push_back({static_cast<int>(s), ir.slots[s].type, ir.slots[s].is_capture_by_ref ? Auto::Sync : Auto::Send, -1});
    // By await: the lowering's state fields, then what is still in scope there (ScopeHeld).
    std::vector<std::set<int>> extra = ScopeHeld(ir);
    for (const State& st : m.states) {
      if (st.kind != StateKind::Suspend) continue;
      std::set<int> fields;
      for (const StateField& f : st.fields) {
        if (f.role == FieldRole::Param || f.slot < 0) continue;
        fields.insert(f.slot);
        out.push_back({f.slot, f.type, Auto::Send, st.await_index});
      }
      if (st.await_index >= 0 && static_cast<size_t>(st.await_index) < extra.size())
        for (int s : extra[st.await_index])
          if (!fields.count(s)) out.push_back({s, ir.slots[s].type, Auto::Send, st.await_index});
    }
    std::stable_sort(out.begin(), out.end(), [](const Held& a, const Held& b) { return a.await_k < b.await_k; });
    return out;
  }

  // By await: the slots that may be non-Send and that rustc keeps in the future there although
  // the lowering's liveness does not (they are not used after it): initialised, not moved out,
  // their scope not ended, and either dropped at its end or borrowed. A forward walk per
  // such slot (few: most types are Send), each block scanned at most twice.
  std::vector<std::set<int>> ScopeHeld(const IrBody& ir) {
    std::vector<std::set<int>> out(ir.await_blocks.size());
    const int n = static_cast<int>(ir.blocks.size());
    std::vector<char> borrowed(ir.slots.size(), 0);
    auto note_borrows = [&](const Operand& o) {
      if (o.kind == Operand::Kind::Ref && o.place.slot >= 0) borrowed[o.place.slot] = 1;
    };
    for (const BasicBlock& bb : ir.blocks) {
      for (const Statement& st : bb.stmts)
        for (const Operand& o : st.rv.operands) note_borrows(o);
      note_borrows(bb.term.cond);
    }
    // Scope ends by block: (statement index, slot).
    std::map<int, std::vector<std::pair<size_t, int>>> ends;
    for (const ScopeEnd& e : ir.scope_ends)
      for (int s : e.slots) ends[e.block].emplace_back(e.stmt, s);
    for (size_t s = 0; s < ir.slots.size(); ++s) {
      const Slot& sl = ir.slots[s];
      if (sl.is_param || sl.is_capture || sl.is_awaitee || static_cast<int>(s) == ir.return_slot || !sl.type) continue;
      if (!Missing(sl.type, Auto::Send, true)) continue;
      if (!NeedsDrop(sl.type) && !borrowed[s]) continue;
      WalkSlot(ir, static_cast<int>(s), borrowed[s] != 0, ends, n, out);
    }
    return out;
  }

  // A slot that was borrowed keeps its storage until its scope ends even once moved out (rustc's
  // MaybeBorrowedLocals): `println!("{}", rc); drop(rc);` still holds `rc` at a later await.
  void WalkSlot(const IrBody& ir, int s, bool borrowed, const std::map<int, std::vector<std::pair<size_t, int>>>& ends, int n,
                std::vector<std::set<int>>& out) {
    std::vector<char> init_entry(n, 0);
    std::vector<int> work;
    auto ends_at = [&](int b, size_t k) {
      auto it = ends.find(b);
      if (it == ends.end()) return false;
      for (auto [stmt, slot] : it->second)
        if (stmt == k && slot == s) return true;
      return false;
    };
    auto moves = [&](const Operand& o) { return !borrowed && o.kind == Operand::Kind::Move && o.place.slot == s && o.place.IsWholeSlot(); };
    auto scan = [&](int b, bool init) {
      const BasicBlock& bb = ir.blocks[b];
      for (size_t k = 0; k < bb.stmts.size(); ++k) {
        if (ends_at(b, k)) init = false;
        const Statement& st = bb.stmts[k];
        for (const Operand& o : st.rv.operands)
          if (moves(o)) init = false;
        if (st.kind == Statement::Kind::StorageDead && st.dst.slot == s) init = false;
        if (st.kind == Statement::Kind::Assign && st.dst.slot == s && st.dst.IsWholeSlot()) init = true;
      }
      if (ends_at(b, bb.stmts.size())) init = false;
      const Terminator& t = bb.term;
      if (moves(t.cond)) init = false;
      if (t.kind == TermKind::Await) {
        if (init && t.awaitee != s && t.await_index >= 0 && static_cast<size_t>(t.await_index) < out.size())
          out[t.await_index].insert(s);
        if (t.awaitee == s) init = false;
        if (t.dst.slot == s && t.dst.IsWholeSlot()) init = true;
      }
      if (t.kind == TermKind::IterNext && t.dst.slot == s && t.dst.IsWholeSlot()) init = true;
      if (!init) return;
      auto succ = [&](int to) {
        if (to >= 0 && to < n && !init_entry[to]) {
          init_entry[to] = 1;
          work.push_back(to);
        }
      };
      switch (t.kind) {
        case TermKind::Goto: case TermKind::Await: succ(t.target); break;
        case TermKind::Branch: case TermKind::IterNext: succ(t.target); succ(t.else_target); break;
        default: break;
      }
    };
    for (int b = 0; b < n; ++b) scan(b, false);
    while (!work.empty()) {
      int b = work.back();
      work.pop_back();
      scan(b, true);
    }
  }

  // [SECTION] diagnostics
  static Span AwaitKeyword(const Expr* await_expr) {
    if (!await_expr) return {};
    Span s = await_expr->span;
    return s.end >= s.begin + 5 ? Span{s.end - 5, s.end} : s;
  }

  std::string TraitVerb(Auto a) { return a == Auto::Send ? "sent" : "shared"; }

  void Check(const SendRequirement& r) {
    TypeRef t = r.value->type;
    bool machine = t->IsFuture() && (t->fut == FutureKind::AsyncFn || t->fut == FutureKind::AsyncBlock);
    if (r.kind == SendRequirement::Kind::ThreadSpawn || !machine) {
      if (auto leaf = Missing(t, Auto::Send))
        d_.ErrorWithCode(src_, r.at, "E0277",
                         fmt::format("`{}` cannot be {} between threads safely", TypeName(leaf->type), TraitVerb(leaf->missing)));
      return;
    }
    // A future of an `async fn` or block: name the value it holds that is not Send.
    for (const Held& h : HeldBy(t->body)) {
      auto leaf = Missing(h.type, h.need);
      if (!leaf) continue;
      d_.Error(src_, r.at, "future cannot be sent between threads safely");
      const IrBody& ir = P.ir[t->body];
      const Slot& sl = ir.slots[h.slot];
      std::string what = sl.is_temp || sl.is_awaitee ? "this value" : fmt::format("`{}`", sl.name);
      if (h.await_k < 0) {
        d_.Note(src_, sl.span, fmt::format("captured value is not `Send`: {} has type `{}` which is not `{}`", what,
                                           TypeName(h.need == Auto::Sync ? leaf->type : h.type),
                                           h.need == Auto::Sync ? "Sync" : "Send"));
        return;
      }
      const Expr* aw = ir.blocks[ir.await_blocks[h.await_k]].term.await_expr;
      if (sl.is_awaitee) {
        d_.Note(src_, aw && aw->operand ? aw->operand->span : AwaitKeyword(aw),
                "future is not `Send` as it awaits another future which is not `Send`");
        return;
      }
      d_.Note(src_, AwaitKeyword(aw),
              fmt::format("future is not `Send` as this value is used across an await: {} has type `{}` which is not `Send`",
                          what, TypeName(h.type)));
      return;
    }
  }

  const Program& P;
  const CheckedProgram& cp_;
  Diagnostics& d_;
  const SourceFile& src_;
  std::map<int, std::vector<Held>> held_;
};

}  // namespace

void CheckSendRequirements(const Program& prog, Diagnostics& diags) {
  if (!prog.checked || prog.checked->send_required.empty()) return;
  SendCheck(prog, diags).Run();
}

}  // namespace aws
