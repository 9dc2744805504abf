#include "awaitscope/types.h"

#include <fmt/format.h>

#include <algorithm>

#include "awaitscope/ast.h"
#include "awaitscope/library_types.h"

namespace aws {
namespace {

constexpr uint64_t kManyNiches = 1ull << 62;

Layout WithNiche(Layout l, uint64_t niches, uint64_t bytes) {
  l.niches = niches;
  l.niche_bytes = bytes;
  return l;
}


std::string Key(const Type& t) {
  std::string k = fmt::format("{}:{}:{}:{}:{}:{}:{}:{}:", int(t.kind), int(t.int_kind), t.len, t.is_mut, int(t.fut),
                              int(t.iter), t.body, static_cast<const void*>(t.decl));
  for (TypeRef a : t.args) k += fmt::format("{},", static_cast<const void*>(a));
  if (t.kind == TypeKind::Library) k += t.name;
  return k;
}

Type Simple(TypeKind k) {
  Type t;
  t.kind = k;
  return t;
}

// Layout of an enum: a one-byte tag first, then the largest payload at its alignment.
Layout EnumLayout(const std::vector<Layout>& payloads) {
  uint64_t align = 1, size = 0;
  for (const Layout& p : payloads) {
    align = std::max(align, p.align);
    size = std::max(size, p.size);
  }
  return {AlignUp(AlignUp(1, align) + size, align), align};
}

Layout SequenceLayout(const std::vector<Layout>& fields) {
  uint64_t offset = 0, align = 1;
  Layout best;
  for (const Layout& f : fields) {
    offset = AlignUp(offset, f.align) + f.size;
    align = std::max(align, f.align);
    if (f.niches > best.niches) best = f;
  }
  return WithNiche({AlignUp(offset, align), align}, best.niches, best.niche_bytes);
}

// Whether a pointer to `t` is fat (a slice, `str` or trait object: data pointer + length/vtable).
bool IsUnsized(TypeRef t) {
  return t->kind == TypeKind::Str || t->IsSlice() || (t->kind == TypeKind::Future && t->fut == FutureKind::Dyn) ||
         (t->kind == TypeKind::Struct && t->decl && !t->decl->dyn_traits.empty());
}

// The output of a combinator's future: the future's own, or for a borrowed one (`&mut fut`, a
// `Pin<&mut F>` or `&mut Pin<&mut F>`) the output of the future it points at; null if none.
TypeRef KidOutput(TypeRef t) {
  for (int guard = 0; t && guard < 8; ++guard) {
    if (t->kind == TypeKind::Future) return t->Output();
    if ((t->kind != TypeKind::Ref && t->kind != TypeKind::Pin) || t->args.empty()) return nullptr;
    t = t->args[0];
  }
  return nullptr;
}

}  // namespace

Layout RustStructLayout(const std::vector<Layout>& fields, std::vector<uint64_t>* offsets) {
  std::vector<size_t> order(fields.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return fields[a].align > fields[b].align; });
  std::vector<Layout> sorted;
  if (offsets) offsets->assign(fields.size(), 0);
  uint64_t off = 0;
  for (size_t i : order) {
    sorted.push_back(fields[i]);
    off = AlignUp(off, fields[i].align);
    if (offsets) (*offsets)[i] = off;
    off += fields[i].size;
  }
  return SequenceLayout(sorted);
}

Layout TwoVariantLayout(Layout a, Layout b) {
  const Layout& big = a.size >= b.size ? a : b;
  const Layout& small = a.size >= b.size ? b : a;
  if (big.niches >= 1 && small.size + big.niche_bytes <= big.size && small.align <= big.align)
    return WithNiche(big, big.niches - 1, big.niche_bytes);
  return WithNiche(EnumLayout({a, b}), 254, 1);  // the tag byte's other values
}

Layout ScriptEnumLayout(const std::vector<std::vector<Layout>>& variants, int64_t min_disc, int64_t max_disc) {
  size_t n = variants.size();
  if (n == 0) return {0, 1};
  if (n == 1) return RustStructLayout(variants[0]);
  // the tag: the smallest integer that holds every discriminant
  uint64_t tag = 1;
  auto fits = [&](int bits) {
    if (min_disc < 0) return min_disc >= -(int64_t{1} << (bits - 1)) && max_disc < (int64_t{1} << (bits - 1));
    return bits == 64 || static_cast<uint64_t>(max_disc) < (uint64_t{1} << bits);
  };
  while (tag < 8 && !fits(static_cast<int>(tag * 8))) tag *= 2;
  uint64_t tag_niches = tag >= 8 ? kManyNiches : (uint64_t{1} << (tag * 8)) - n;
  std::vector<Layout> whole;
  for (const auto& fs : variants) whole.push_back(fs.empty() ? Layout{0, 1} : RustStructLayout(fs));
  // rustc's niche: one variant with data whose invalid values name every other variant, the
  // others without data
  size_t big = 0, with_data = 0;
  for (size_t i = 0; i < n; ++i) {
    if (whole[i].size > 0) ++with_data;
    if (whole[i].size > whole[big].size) big = i;
  }
  if (with_data == 1 && whole[big].niches >= n - 1)
    return WithNiche(whole[big], whole[big].niches - (n - 1), whole[big].niche_bytes);
  // else a tag first; each variant's fields after it, smallest alignment first
  uint64_t align = tag, size = tag;
  for (const auto& fs : variants) {
    std::vector<Layout> sorted = fs;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Layout& a, const Layout& b) { return a.align < b.align; });
    uint64_t off = tag;
    for (const Layout& f : sorted) {
      off = AlignUp(off, f.align) + f.size;
      align = std::max(align, f.align);
    }
    size = std::max(size, off);
  }
  return WithNiche({AlignUp(size, align), align}, tag_niches, tag);
}

TypeTable::TypeTable() {
  error_ = Intern(Simple(TypeKind::Error));
  unit_ = Intern(Simple(TypeKind::Unit));
  never_ = Intern(Simple(TypeKind::Never));
  bool_ = Intern(Simple(TypeKind::Bool));
  char_ = Intern(Simple(TypeKind::Char));
  str_ = Intern(Simple(TypeKind::Str));
  string_ = Intern(Simple(TypeKind::String));
  duration_ = Intern(Simple(TypeKind::Duration));
  error_type_ = Intern(Simple(TypeKind::ErrorType));
  phantom_ = Intern(Simple(TypeKind::PhantomPinned));
  scancodes_ = Intern(Simple(TypeKind::ScancodeStream));
  context_ = Intern(Simple(TypeKind::Context));
  waker_ = Intern(Simple(TypeKind::Waker));
}

TypeRef TypeTable::Intern(Type t) {
  std::string k = Key(t);
  auto it = by_key_.find(k);
  if (it != by_key_.end()) return it->second;
  owned_.push_back(std::make_unique<Type>(std::move(t)));
  TypeRef r = owned_.back().get();
  by_key_.emplace(std::move(k), r);
  return r;
}

TypeRef TypeTable::Int(IntKind k) {
  Type t = Simple(TypeKind::Int);
  t.int_kind = k;
  return Intern(t);
}
TypeRef TypeTable::Array(TypeRef elem, uint64_t len) {
  Type t = Simple(TypeKind::Array);
  t.args = {elem};
  t.len = len;
  return Intern(t);
}
TypeRef TypeTable::Vec(TypeRef elem) {
  Type t = Simple(TypeKind::Vec);
  t.args = {elem};
  return Intern(t);
}
TypeRef TypeTable::Ref(TypeRef target, bool is_mut) {
  Type t = Simple(TypeKind::Ref);
  t.args = {target};
  t.is_mut = is_mut;
  return Intern(t);
}
TypeRef TypeTable::RawPtr(TypeRef target, bool is_mut) {
  Type t = Simple(TypeKind::RawPtr);
  t.args = {target};
  t.is_mut = is_mut;
  return Intern(t);
}
TypeRef TypeTable::Tuple(std::vector<TypeRef> items) {
  if (items.empty()) return unit_;
  Type t = Simple(TypeKind::Tuple);
  t.args = std::move(items);
  return Intern(t);
}
TypeRef TypeTable::Option(TypeRef v) {
  Type t = Simple(TypeKind::Option);
  t.args = {v};
  return Intern(t);
}
TypeRef TypeTable::Result(TypeRef ok, TypeRef err) {
  Type t = Simple(TypeKind::Result);
  t.args = {ok, err};
  return Intern(t);
}
TypeRef TypeTable::Poll(TypeRef v) {
  Type t = Simple(TypeKind::Poll);
  t.args = {v};
  return Intern(t);
}
TypeRef TypeTable::Box(TypeRef v) {
  Type t = Simple(TypeKind::Box);
  t.args = {v};
  return Intern(t);
}
TypeRef TypeTable::Pin(TypeRef v) {
  Type t = Simple(TypeKind::Pin);
  t.args = {v};
  return Intern(t);
}
TypeRef TypeTable::Iter(IterKind kind, TypeRef item, std::vector<TypeRef> parts) {
  Type t = Simple(TypeKind::Iter);
  t.iter = kind;
  t.args = {item};
  for (TypeRef p : parts) t.args.push_back(p);
  return Intern(t);
}
TypeRef TypeTable::Var(int id) {
  Type t = Simple(TypeKind::Var);
  t.body = id;
  return Intern(t);
}
TypeRef TypeTable::IntVar(int id) {
  Type t = Simple(TypeKind::Int);
  t.int_kind = IntKind::Var;
  t.body = id;
  return Intern(t);
}
TypeRef TypeTable::WithArgs(TypeRef t, std::vector<TypeRef> args) {
  if (args == t->args) return t;
  Type c = *t;
  c.args = std::move(args);
  return Intern(c);
}
TypeRef TypeTable::Closure(std::vector<TypeRef> params, TypeRef ret, int body) {
  Type t = Simple(TypeKind::Closure);
  t.args = std::move(params);
  t.args.push_back(ret);
  t.body = body;
  return Intern(t);
}
TypeRef TypeTable::Struct(const StructDecl* decl) {
  Type t = Simple(TypeKind::Struct);
  t.decl = decl;
  t.name = decl->name;
  if (decl->generic_origin) {
    t.name = decl->generic_origin->name;
    t.args = decl->type_args;
  }
  return Intern(t);
}
TypeRef TypeTable::StructWith(const StructDecl* generic, std::vector<TypeRef> args) {
  Type t = Simple(TypeKind::Struct);
  t.decl = generic;
  t.name = generic->name;
  t.args = std::move(args);
  return Intern(t);
}
TypeRef TypeTable::Library(std::string_view name, std::vector<TypeRef> args, int variant) {
  Type t = Simple(TypeKind::Library);
  t.body = variant;
  t.name = std::string(name);
  t.args = std::move(args);
  return Intern(t);
}
TypeRef TypeTable::Future(FutureKind kind, TypeRef output, int body, std::vector<TypeRef> parts) {
  Type t = Simple(TypeKind::Future);
  t.fut = kind;
  t.body = body;
  t.args = {output};
  for (TypeRef p : parts) t.args.push_back(p);
  return Intern(t);
}

const char* IntKindName(IntKind k) {
  switch (k) {
    case IntKind::U8: return "u8";
    case IntKind::U32: return "u32";
    case IntKind::U64: return "u64";
    case IntKind::Usize: return "usize";
    case IntKind::I32: return "i32";
    case IntKind::I64: return "i64";
    case IntKind::Var: return "{integer}";
  }
  return "i32";
}

std::string FutureTypeName(TypeRef t) {
  switch (t->fut) {
    case FutureKind::AsyncFn: return "impl Future";
    case FutureKind::AsyncBlock: return "impl Future";
    case FutureKind::ReadFile: return "ReadFileFuture";
    case FutureKind::WriteFile: return "WriteFileFuture";
    case FutureKind::Sleep: return "Sleep";
    case FutureKind::Timer: return "TimerFuture";
    case FutureKind::Next: return fmt::format("Next<'_, {}>", t->args.size() > 1 ? TypeName(t->args[1]) : "ScancodeStream");
    case FutureKind::YieldNow: return "YieldNow";
    case FutureKind::Ready: return fmt::format("Ready<{}>", TypeName(t->Output()));
    case FutureKind::Join: return "Join";
    case FutureKind::TryJoin: return "TryJoin";
    case FutureKind::Select: return "Select";
    case FutureKind::JoinAll: return fmt::format("JoinAll<{}>", t->args.size() > 1 ? TypeName(t->args[1]) : "_");
    case FutureKind::Op: return "OpFuture";
    case FutureKind::NetBind: return "impl Future";  // tokio's `bind` is an async fn
    case FutureKind::NetAccept: return "impl Future";  // tokio's `accept` is an async fn
    case FutureKind::NetRead: return "Read<'_, TcpStream>";
    case FutureKind::NetWrite: return "WriteAll<'_, TcpStream>";
    case FutureKind::Map: return "Map";
    case FutureKind::Then: return "Then";
    case FutureKind::JoinHandle: return fmt::format("JoinHandle<{}>", t->args.size() > 1 ? TypeName(t->args[1]) : "_");
    case FutureKind::Either: return "Either";
    case FutureKind::Dyn: return "dyn Future";
    case FutureKind::HandWritten: return t->args.size() > 1 ? TypeName(t->args[1]) : "impl Future";
    case FutureKind::OneshotRecv:
      return fmt::format("oneshot::Receiver<{}>", t->args.size() > 1 ? TypeName(t->args[1]) : "_");
    case FutureKind::ChanSend: case FutureKind::ChanRecv: return "impl Future";  // tokio's `send`/`recv` are async fns
  }
  return "impl Future";
}

std::string TypeName(TypeRef t) {
  if (!t) return "?";
  auto list = [](const std::vector<TypeRef>& ts, size_t from = 0, size_t to = SIZE_MAX) {
    std::string s;
    for (size_t i = from; i < ts.size() && i < to; ++i) s += (i > from ? ", " : "") + TypeName(ts[i]);
    return s;
  };
  switch (t->kind) {
    case TypeKind::Error: return "{error}";
    case TypeKind::Unit: return "()";
    case TypeKind::Never: return "!";
    case TypeKind::Bool: return "bool";
    case TypeKind::Char: return "char";
    case TypeKind::Int: return IntKindName(t->int_kind);
    case TypeKind::Str: return "str";
    case TypeKind::String: return "String";
    case TypeKind::Array:
      if (t->IsSlice()) return fmt::format("[{}]", TypeName(t->args[0]));
      return fmt::format("[{}; {}]", TypeName(t->args[0]), t->len);
    case TypeKind::Vec: return fmt::format("Vec<{}>", TypeName(t->args[0]));
    case TypeKind::Ref: return fmt::format("&{}{}", t->is_mut ? "mut " : "", TypeName(t->args[0]));
    case TypeKind::RawPtr: return fmt::format("*{} {}", t->is_mut ? "mut" : "const", TypeName(t->args[0]));
    case TypeKind::Tuple: return fmt::format("({}{})", list(t->args), t->args.size() == 1 ? "," : "");
    case TypeKind::Option: return fmt::format("Option<{}>", TypeName(t->args[0]));
    case TypeKind::Result: return fmt::format("Result<{}, {}>", TypeName(t->args[0]), TypeName(t->args[1]));
    case TypeKind::Poll: return fmt::format("Poll<{}>", TypeName(t->args[0]));
    case TypeKind::Box: return fmt::format("Box<{}>", TypeName(t->args[0]));
    case TypeKind::Pin: return fmt::format("Pin<{}>", TypeName(t->args[0]));
    case TypeKind::Duration: return "Duration";
    case TypeKind::ErrorType: return "Error";
    case TypeKind::Struct: {
      if (t->args.empty()) return t->name;
      std::string s = t->name + "<";
      for (size_t i = 0; i < t->args.size(); ++i) s += (i ? ", " : "") + TypeName(t->args[i]);
      return s + ">";
    }
    case TypeKind::Library:
      if (t->name == "Ref" || t->name == "RefMut") return fmt::format("{}<'_, {}>", t->name, list(t->args));  // a borrow
      return t->args.empty() ? t->name : fmt::format("{}<{}>", t->name, list(t->args));
    case TypeKind::PhantomPinned: return "PhantomPinned";
    case TypeKind::ScancodeStream: return "ScancodeStream";
    case TypeKind::Context: return "Context<'_>";
    case TypeKind::Waker: return "Waker";
    case TypeKind::Iter: {
      auto part = [&](size_t i) { return i < t->args.size() ? TypeName(t->args[i]) : std::string("?"); };
      auto elem = [&]() { return TypeName(t->args[0]->kind == TypeKind::Ref ? t->args[0]->args[0] : t->args[0]); };
      switch (t->iter) {
        case IterKind::Range: return fmt::format("Range<{}>", part(0));
        case IterKind::RangeInclusive: return fmt::format("RangeInclusive<{}>", part(0));
        case IterKind::RangeFrom: return fmt::format("RangeFrom<{}>", part(0));
        case IterKind::SliceIter: return fmt::format("std::slice::Iter<'_, {}>", elem());
        case IterKind::SliceIterMut: return fmt::format("std::slice::IterMut<'_, {}>", elem());
        case IterKind::VecIntoIter: return fmt::format("std::vec::IntoIter<{}>", part(0));
        case IterKind::ArrayIntoIter:
          return fmt::format("std::array::IntoIter<{}, {}>", part(0), t->args.size() > 1 ? t->args[1]->len : 0);
        case IterKind::Map: return fmt::format("Map<{}, {}>", part(1), part(2));
        case IterKind::Filter: return fmt::format("Filter<{}, {}>", part(1), part(2));
        case IterKind::Enumerate: return fmt::format("Enumerate<{}>", part(1));
        case IterKind::Zip: return fmt::format("Zip<{}, {}>", part(1), part(2));
        case IterKind::Rev: return fmt::format("Rev<{}>", part(1));
      }
      return "impl Iterator";
    }
    case TypeKind::Var: return "_";
    case TypeKind::Closure:
      return fmt::format("impl Fn({}) -> {}", list(t->args, 0, t->args.size() - 1), TypeName(t->args.back()));
    case TypeKind::Future:
      if (t->fut == FutureKind::HandWritten && t->args.size() > 1) return TypeName(t->args[1]);
      if (t->fut == FutureKind::JoinHandle || t->fut == FutureKind::OneshotRecv) return FutureTypeName(t);
      return fmt::format("{} Future<Output = {}>", t->fut == FutureKind::Dyn ? "dyn" : "impl", TypeName(t->Output()));
  }
  return "?";
}

bool Compatible(TypeRef a, TypeRef b) {
  if (a == b) return true;
  if (!a || !b) return true;
  if (a->kind == TypeKind::Error || b->kind == TypeKind::Error) return true;
  if (a->kind == TypeKind::Never || b->kind == TypeKind::Never) return true;
  if (a->kind == TypeKind::Var || b->kind == TypeKind::Var) return true;  // the checker unifies these
  if (a->kind != b->kind) return false;
  switch (a->kind) {
    case TypeKind::Future:
      return Compatible(a->Output(), b->Output());
    case TypeKind::Int:
      return a->int_kind == b->int_kind || a->int_kind == IntKind::Var || b->int_kind == IntKind::Var;
    case TypeKind::Iter:
      return Compatible(a->args[0], b->args[0]);
    case TypeKind::Array:
      return a->len == b->len && Compatible(a->args[0], b->args[0]);
    case TypeKind::Ref: case TypeKind::RawPtr:
      return (a->is_mut == b->is_mut || !b->is_mut) && Compatible(a->args[0], b->args[0]);
    case TypeKind::Closure:
      return a->args.size() == b->args.size();
    case TypeKind::Struct:
      return a->decl == b->decl;
    case TypeKind::Library:
      if (a->name != b->name || a->args.size() != b->args.size()) return false;
      for (size_t i = 0; i < a->args.size(); ++i)
        if (!Compatible(a->args[i], b->args[i])) return false;
      return true;
    default:
      if (a->args.size() != b->args.size()) return false;
      for (size_t i = 0; i < a->args.size(); ++i)
        if (!Compatible(a->args[i], b->args[i])) return false;
      return true;
  }
}

bool IterBorrows(TypeRef t) {
  if (t->kind != TypeKind::Iter) return false;
  switch (t->iter) {
    case IterKind::SliceIter: case IterKind::SliceIterMut: return true;
    case IterKind::Map: case IterKind::Filter: case IterKind::Enumerate: case IterKind::Rev: return IterBorrows(t->args[1]);
    case IterKind::Zip: return IterBorrows(t->args[1]) || IterBorrows(t->args[2]);
    default: return false;
  }
}

Layout LayoutOf(TypeRef t, const BodyLayoutFn& machine_layout, const StructLayoutFn& struct_layout) {
  auto of = [&](TypeRef x) { return LayoutOf(x, machine_layout, struct_layout); };
  switch (t->kind) {
    case TypeKind::Error: case TypeKind::Unit: case TypeKind::Never: case TypeKind::PhantomPinned:
    case TypeKind::ScancodeStream: case TypeKind::Str:
      return {0, 1};
    case TypeKind::Bool: return WithNiche({1, 1}, 254, 1);
    case TypeKind::Char: return WithNiche({4, 4}, kManyNiches, 4);  // above 0x10FFFF
    case TypeKind::Int:
      switch (t->int_kind) {
        case IntKind::U8: return {1, 1};
        case IntKind::U32: case IntKind::I32: return {4, 4};
        default: return {8, 8};
      }
    // A capacity above isize::MAX is invalid: plenty of niches.
    case TypeKind::String: case TypeKind::Vec: case TypeKind::ErrorType: return WithNiche({24, 8}, kManyNiches, 8);
    case TypeKind::Ref: case TypeKind::Box:  // never null
      return WithNiche(IsUnsized(t->args[0]) ? Layout{16, 8} : Layout{8, 8}, 1, 8);
    case TypeKind::RawPtr: return IsUnsized(t->args[0]) ? Layout{16, 8} : Layout{8, 8};
    case TypeKind::Pin: return of(t->args[0]);
    case TypeKind::Library: return LibraryLayout(t, of);
    case TypeKind::Duration: return WithNiche({16, 8}, kManyNiches, 4);  // nanoseconds below 10^9
    case TypeKind::Array: {
      Layout e = of(t->args[0]);
      if (t->IsSlice()) return {0, e.align};  // unsized: only behind a (fat) pointer
      return t->len > 0 ? WithNiche({e.size * t->len, e.align}, e.niches, e.niche_bytes) : Layout{0, e.align};
    }
    case TypeKind::Tuple: {
      std::vector<Layout> fs;
      for (TypeRef a : t->args) fs.push_back(of(a));
      return RustStructLayout(fs);
    }
    case TypeKind::Option: case TypeKind::Poll: return TwoVariantLayout(of(t->args[0]), {0, 1});
    case TypeKind::Result: return TwoVariantLayout(of(t->args[0]), of(t->args[1]));
    case TypeKind::Struct:
      return struct_layout(t->decl);
    case TypeKind::Iter: {
      // As std lays its iterators out on x86-64 (scripts/rust_sizes.rs prints rustc's figures).
      auto part = [&](size_t i) { return i < t->args.size() ? of(t->args[i]) : Layout{0, 1}; };
      Layout usize{8, 8};
      switch (t->iter) {
        case IterKind::Range: return SequenceLayout({part(0), part(0)});        // start, end
        case IterKind::RangeInclusive: return SequenceLayout({part(0), part(0), {1, 1}});  // + exhausted
        case IterKind::RangeFrom: return part(0);
        case IterKind::SliceIter: case IterKind::SliceIterMut: return WithNiche({16, 8}, 1, 8);  // ptr, end
        case IterKind::VecIntoIter: return WithNiche({32, 8}, kManyNiches, 8);  // buf, ptr, cap, end
        case IterKind::ArrayIntoIter: return SequenceLayout({usize, usize, part(1)});  // alive, data
        case IterKind::Map: case IterKind::Filter: return RustStructLayout({part(1), part(2)});
        case IterKind::Enumerate: return RustStructLayout({part(1), usize});     // iter, count
        case IterKind::Zip: return RustStructLayout({part(1), part(2), usize, usize});  // a, b, index, len
        case IterKind::Rev: return part(1);
      }
      return {16, 8};
    }
    case TypeKind::Var: return {0, 1};
    case TypeKind::Context: return {32, 8};  // waker, local_waker, ext, markers (rustc 1.95)
    case TypeKind::Waker: return WithNiche({16, 8}, 1, 8);  // RawWaker: data, vtable (never null)
    case TypeKind::Closure: return t->body >= 0 ? machine_layout(t->body) : Layout{0, 1};
    case TypeKind::Future:
      switch (t->fut) {
        case FutureKind::AsyncFn: case FutureKind::AsyncBlock: return machine_layout(t->body);
        case FutureKind::ReadFile: return {24, 8};   // path: &str, request: u64
        case FutureKind::WriteFile: return {48, 8};  // path: &str, data: String, request: u64
        case FutureKind::Sleep: return {24, 8};      // duration: Duration, deadline: u64
        case FutureKind::Timer: return {8, 8};       // shared_state: Arc<Mutex<SharedState>>
        case FutureKind::Next: return {8, 8};        // stream: &mut ScancodeStream
        case FutureKind::YieldNow: return {1, 1};    // yielded: bool
        case FutureKind::JoinHandle: return {8, 8, 1, 8};  // raw: RawTask (a NonNull to the task's cell)
        case FutureKind::OneshotRecv: return {8, 8, 1, 8};  // inner: Option<Arc<Inner<T>>>
        // tokio's channel futures as Awaitscope models them (tokio's own are larger and private):
        // send: &Sender, the value and the permit's state; recv: &mut Receiver
        case FutureKind::ChanSend:
          return SequenceLayout({{8, 8}, of(t->args.size() > 1 ? t->args[1] : t->Output()), {8, 8}});
        case FutureKind::ChanRecv: return {8, 8};
        case FutureKind::Op: return {16, 8};         // op: u64, request: u64
        // The network's futures as Awaitscope models them (tokio's own are larger and private):
        // bind: the address (&str) and the request; accept: &TcpListener and the request;
        // read: &mut TcpStream, the buffer (&mut [u8]) and the request; write_all: &mut
        // TcpStream, the bytes left (&[u8]) and the request.
        case FutureKind::NetBind: return {24, 8};
        case FutureKind::NetAccept: return {16, 8};
        case FutureKind::NetRead: case FutureKind::NetWrite: return {32, 8};
        case FutureKind::Ready: return of(t->args.size() > 1 ? t->args[1] : t->Output()).size == 0
                                           ? Layout{1, 1}
                                           : EnumLayout({of(t->args.size() > 1 ? t->args[1] : t->Output())});
        case FutureKind::Join: case FutureKind::TryJoin: {
          // MaybeDone<A>, MaybeDone<B>, ..: each the future or its output, behind a tag (try_join!'s
          // TryMaybeDone: the future or its `Ok` value); a borrowed future (`&mut fut`) is a pointer
          std::vector<Layout> fs;
          for (size_t i = 1; i < t->args.size(); ++i) {
            TypeRef out = KidOutput(t->args[i]);
            if (t->fut == FutureKind::TryJoin && out && out->kind == TypeKind::Result && !out->args.empty()) out = out->args[0];
            fs.push_back(out ? EnumLayout({of(t->args[i]), of(out)}) : of(t->args[i]));
          }
          return SequenceLayout(fs);
        }
        case FutureKind::Select: {
          // tokio's select!: the branches' futures side by side, and a byte of disabled branches
          std::vector<Layout> fs;
          for (size_t i = 1; i < t->args.size(); ++i) fs.push_back(of(t->args[i]));
          fs.push_back({1, 1});
          return SequenceLayout(fs);
        }
        case FutureKind::JoinAll: return {16, 8};  // a boxed slice of MaybeDone<F> (a fat pointer)
        case FutureKind::Map: {
          std::vector<Layout> fs;
          for (size_t i = 1; i < t->args.size(); ++i) fs.push_back(of(t->args[i]));
          return EnumLayout({SequenceLayout(fs)});
        }
        case FutureKind::Dyn: return {0, 1};  // unsized: only behind a (fat) pointer
        case FutureKind::HandWritten: return t->args.size() > 1 ? of(t->args[1]) : Layout{0, 1};
        case FutureKind::Then: case FutureKind::Either: {
          std::vector<Layout> fs;
          for (size_t i = 1; i < t->args.size(); ++i) fs.push_back(of(t->args[i]));
          return EnumLayout(fs);
        }
      }
  }
  return {0, 1};
}

// `Option`, `Result` and `Poll` are `Copy` when their arguments are, as std derives it.
bool IsCopyType(TypeRef t) {
  if (!t) return true;
  switch (t->kind) {
    case TypeKind::Unit: case TypeKind::Bool: case TypeKind::Char: case TypeKind::Int: case TypeKind::RawPtr:
    case TypeKind::Duration: case TypeKind::Never: case TypeKind::Error: case TypeKind::PhantomPinned:
      return true;
    case TypeKind::Ref: return !t->is_mut;
    case TypeKind::Array: return IsCopyType(t->args[0]);
    case TypeKind::Tuple: case TypeKind::Option: case TypeKind::Result: case TypeKind::Poll:  // std derives Copy
      for (TypeRef a : t->args)
        if (!IsCopyType(a)) return false;
      return true;
    case TypeKind::Struct: return t->decl && t->decl->derives.count("Copy") > 0;
    case TypeKind::Library: return t->name == "Instant";
    default: return false;
  }
}

}  // namespace aws
