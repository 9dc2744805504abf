// The network device's API (runtime/devices/network.cpp) and slices of arrays (`&buf[..n]`).
//
// Two flavours, as the lecture's echo servers use them; which one a script means is resolved
// from its `use` declarations (or a call's full path), as rustc resolves the names:
//   tokio:  `use tokio::net::{TcpListener, TcpStream}` and `use tokio::io::{AsyncReadExt,
//           AsyncWriteExt}`: `bind`, `accept`, `read` and `write_all` return futures.
//   std:    `use std::net::{TcpListener, TcpStream}` and `use std::io::{Read, Write}`: the same
//           calls block the calling thread.
// `read` and `write_all` are trait methods: as in rustc, the trait must be in scope (E0599).
#include <fmt/format.h>

#include "awaitscope/library_types.h"
#include "check/checker_impl.h"

namespace aws::check {

namespace {


// Whether a `use` path (spaces removed) brings in `name` from module `module` ("tokio::net").
bool UseBrings(const std::string& path, std::string_view module, std::string_view name) {
  std::string m(module);
  if (path == m + "::" + std::string(name) || path == m + "::*") return true;
  if (!path.starts_with(m + "::{")) return false;
  std::string_view list = std::string_view(path).substr(m.size() + 3);
  size_t pos = 0;
  while (pos < list.size()) {
    size_t end = list.find_first_of(",}", pos);
    if (end == std::string_view::npos) end = list.size();
    if (list.substr(pos, end - pos) == name) return true;
    pos = end + 1;
  }
  return false;
}

}  // namespace

Checker::NetFlavour Checker::NetFlavourOf(std::string_view type_name, const Expr* at, std::string_view full) {
  if (full.starts_with("tokio::net::")) return NetFlavour::Tokio;
  if (full.starts_with("std::net::")) return NetFlavour::Std;
  bool tokio = false, std_net = false;
  for (const UseDecl& u : p_.module.uses) {
    tokio = tokio || UseBrings(u.path, "tokio::net", type_name);
    std_net = std_net || UseBrings(u.path, "std::net", type_name);
  }
  if (tokio && std_net) {
    if (at)
      ErrorCode(at->span, "E0252", fmt::format("the name `{}` is defined multiple times: `use` brings it in from both "
                                               "`tokio::net` and `std::net`", type_name));
    return NetFlavour::None;
  }
  if (tokio) return NetFlavour::Tokio;
  if (std_net) return NetFlavour::Std;
  return NetFlavour::None;
}

TypeRef Checker::NetType(std::string_view name) {
  NetFlavour fl = NetFlavourOf(name, nullptr, "");
  if (fl == NetFlavour::None) fl = NetFlavourOf(name == "TcpListener" ? "TcpStream" : "TcpListener", nullptr, "");
  return T.Library(name, {}, fl == NetFlavour::Std ? kNetStd : kNetTokio);
}

bool Checker::TraitInScope(std::string_view module, std::string_view trait) {
  for (const UseDecl& u : p_.module.uses)
    if (UseBrings(u.path, module, trait)) return true;
  return false;
}

TypeRef Checker::CheckNetCall(Expr& e, const std::string& full) {
  std::string_view rest = full;
  for (std::string_view pre : {"tokio::net::", "std::net::"})
    if (rest.starts_with(pre)) rest.remove_prefix(pre.size());
  if (rest == "epoll_wait") return CheckEpollWait(e);
  if (rest != "TcpListener::bind") return nullptr;
  NetFlavour fl = NetFlavourOf("TcpListener", &e, full);
  Expr& callee = *e.operand;
  if (fl == NetFlavour::None) {
    for (auto& a : e.args) Check(*a, nullptr);
    ErrorCode(Span{callee.span.begin, callee.span.begin + static_cast<uint32_t>(full.size() - 6)}, "E0433",
              "failed to resolve: use of undeclared type `TcpListener` (bring it in with `use tokio::net::TcpListener;` "
              "or `use std::net::TcpListener;`)");
    return T.Error();
  }
  const Builtin& b = GetBuiltin(fl == NetFlavour::Tokio ? BuiltinId::NetBind : BuiltinId::NetBindBlocking);
  e.builtin = &b;
  callee.builtin = &b;
  if (!CheckArity(e, 1, 1, "`TcpListener::bind`")) {
    for (auto& a : e.args) Check(*a, nullptr);
    return T.Error();
  }
  ArgStr(e, 0);
  TypeRef result = T.Result(T.Library("TcpListener", {}, fl == NetFlavour::Std ? kNetStd : kNetTokio), T.ErrorType());
  return fl == NetFlavour::Tokio ? T.Future(FutureKind::NetBind, result) : result;
}

TypeRef Checker::CheckNetMethod(Expr& e, TypeRef rt, TypeRef lib) {
  const bool listener = lib->name == "TcpListener", stream = lib->name == "TcpStream";
  if (!listener && !stream) return nullptr;
  NetFlavour fl = NetFlavourOf(lib->name, nullptr, "");
  if (fl == NetFlavour::None) fl = NetFlavourOf(listener ? "TcpStream" : "TcpListener", nullptr, "");
  if (fl == NetFlavour::None) fl = NetFlavour::Tokio;  // a value from `bind` whose path named the crate
  const bool tokio = fl == NetFlavour::Tokio;
  BuiltinId id;
  if (listener && e.name == "accept") id = tokio ? BuiltinId::NetAccept : BuiltinId::NetAcceptBlocking;
  else if (listener && e.name == "local_addr") id = BuiltinId::NetLocalAddr;
  else if (stream && e.name == "read") id = tokio ? BuiltinId::NetRead : BuiltinId::NetReadBlocking;
  else if (stream && e.name == "write_all") id = tokio ? BuiltinId::NetWriteAll : BuiltinId::NetWriteAllBlocking;
  else if (stream && e.name == "peer_addr") id = BuiltinId::NetLocalAddr;
  else if (stream && !tokio && e.name == "set_nonblocking") id = BuiltinId::NetSetNonblocking;
  else return nullptr;
  // `read` and `write_all` come from traits, which must be in scope as rustc requires.
  if (stream && (e.name == "read" || e.name == "write_all")) {
    const bool read = e.name == "read";
    const char* module = tokio ? "tokio::io" : "std::io";
    const char* trait = tokio ? (read ? "AsyncReadExt" : "AsyncWriteExt") : (read ? "Read" : "Write");
    if (!TraitInScope(module, trait)) {
      for (auto& a : e.args) Check(*a, nullptr);
      ErrorCode(e.name_span, "E0599",
                fmt::format("no method named `{}` found for struct `TcpStream` in the current scope: items from traits "
                            "can only be used if the trait is in scope (add `use {}::{};`)",
                            e.name, module, trait));
      return T.Error();
    }
  }
  const Builtin& b = GetBuiltin(id);
  e.builtin = &b;
  if (!CheckArity(e, b.min_args, b.max_args, fmt::format("method `{}`", e.name))) {
    for (auto& a : e.args) Check(*a, nullptr);
    return T.Error();
  }
  TypeRef u8 = T.Int(IntKind::U8);
  TypeRef err = T.ErrorType();
  TypeRef socket = T.Library("TcpStream", {}, tokio ? kNetTokio : kNetStd);
  TypeRef addr = T.Library("SocketAddr", {}, tokio ? kNetTokio : kNetStd);
  switch (id) {
    case BuiltinId::NetAccept: return T.Future(FutureKind::NetAccept, T.Result(T.Tuple({socket, addr}), err));
    case BuiltinId::NetAcceptBlocking: return T.Result(T.Tuple({socket, addr}), err);
    case BuiltinId::NetLocalAddr: return T.Result(addr, err);
    case BuiltinId::NetSetNonblocking: Arg(e, 0, T.Bool()); return T.Result(T.Unit(), err);
    case BuiltinId::NetRead: case BuiltinId::NetReadBlocking:
      RequireMutReceiver(e, rt);
      Arg(e, 0, T.Ref(T.Slice(u8), true));
      return id == BuiltinId::NetRead ? T.Future(FutureKind::NetRead, T.Result(T.Int(IntKind::Usize), err))
                                      : T.Result(T.Int(IntKind::Usize), err);
    case BuiltinId::NetWriteAll: case BuiltinId::NetWriteAllBlocking:
      RequireMutReceiver(e, rt);
      Arg(e, 0, T.Ref(T.Slice(u8), false));
      return id == BuiltinId::NetWriteAll ? T.Future(FutureKind::NetWrite, T.Result(T.Unit(), err))
                                          : T.Result(T.Unit(), err);
    default: break;
  }
  return T.Error();
}

// `epoll_wait(&conns)`, the emulator's stand-in for an epoll instance on which every connection of
// the slice is registered for reading: the indices of those that can be read, as a `Vec<usize>`.
TypeRef Checker::CheckEpollWait(Expr& e) {
  const Builtin& b = GetBuiltin(BuiltinId::NetEpollWait);
  e.builtin = &b;
  e.operand->builtin = &b;
  if (!CheckArity(e, 1, 1, "`epoll_wait`")) {
    for (auto& a : e.args) Check(*a, nullptr);
    return T.Error();
  }
  Arg(e, 0, T.Ref(T.Slice(T.Library("TcpStream", {}, kNetStd)), false));
  return T.Vec(T.Int(IntKind::Usize));
}

// `&v[a..b]`, `&v[..n]`, `&v[a..]` (`e` is the `&`, its lhs the sequence and rhs the range): a
// slice `&[T]` of the elements. The expression becomes a call of the built-in SliceRange that
// borrows the sequence.
TypeRef Checker::CheckSliceIndex(Expr& e, TypeRef base) {
  TypeRef idx = Check(*e.rhs, T.Iter(IterKind::Range, T.Int(IntKind::Usize)));
  if (!idx->IsError() && idx->kind == TypeKind::Iter && !R(idx->args[0])->IsError() &&
      !U(idx->args[0], T.Int(IntKind::Usize)))
    ErrorCode(e.rhs->span, "E0277", fmt::format("the type `[{}]` cannot be indexed by `Range<{}>`: a range of a slice "
                                                "is of `usize`", base->IsError() || base->kind == TypeKind::Var
                                                                     ? std::string("_") : Name(base->args[0]),
                                                Name(idx->args[0])));
  if (base->IsError()) return base;
  if (base->kind == TypeKind::Var) return NeedAnnotation(e.lhs->span);
  if (base->kind != TypeKind::Array && base->kind != TypeKind::Vec) {
    Error(e.lhs->span, fmt::format("cannot index into a value of type `{}`", TypeName(base)));
    return T.Error();
  }
  e.flag = false;
  if (e.rhs->rhs && e.rhs->rhs->kind == ExprKind::IntLit && !base->IsSlice() && base->kind == TypeKind::Array &&
      e.rhs->rhs->int_value + (e.rhs->flag ? 1 : 0) > base->len)
    Error(e.rhs->span, fmt::format("range end index {} out of range for slice of length {}",
                                   e.rhs->rhs->int_value + (e.rhs->flag ? 1 : 0), base->len));
  e.kind = ExprKind::MethodCall;
  e.operand = std::move(e.lhs);
  e.args.clear();
  e.args.push_back(std::move(e.rhs));
  e.name = "[..]";
  e.name_span = e.args[0]->span;
  e.builtin = &GetBuiltin(BuiltinId::SliceRange);
  return T.Ref(T.Slice(base->args[0]), false);
}

}  // namespace aws::check
