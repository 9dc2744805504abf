// tokio::sync's channels (the runtime: runtime/library/tokio_channels.cpp), with tokio's signatures:
//   oneshot::channel() -> (oneshot::Sender<T>, oneshot::Receiver<T>)
//     tx.send(v) -> Result<(), T> (takes the sender); the Receiver is a future of
//     Result<T, oneshot::error::RecvError> (Unpin, awaited by value or given to select!).
//   mpsc::channel(n) -> (mpsc::Sender<T>, mpsc::Receiver<T>)
//     tx.send(v) -> a future of Result<(), SendError<T>>; tx.clone(); rx.recv() (needs `&mut`) -> a
//     future of Option<T>.
//   mpsc::unbounded_channel() -> (UnboundedSender<T>, UnboundedReceiver<T>)
//     tx.send(v) -> Result<(), SendError<T>> at once; rx.recv() as above.
// `mpsc` is tokio's when the script writes `tokio::sync::mpsc::..` or brings `mpsc` in from
// `tokio::sync` (`use tokio::sync::mpsc;`, `use tokio::sync::{mpsc, oneshot};`); otherwise std's
// (library_types.cpp). `oneshot` is only tokio's.
#include <fmt/format.h>

#include "awaitscope/library_types.h"
#include "check/checker_impl.h"

namespace aws::check {

bool Checker::TokioModule(std::string_view module, const std::vector<std::string>& path) {
  // `tokio::sync::mpsc::X` / `sync::mpsc::X` after `use tokio::sync;`, or `mpsc::X` after `use tokio::sync::mpsc;`
  if (path.size() >= 4 && path[0] == "tokio" && path[1] == "sync" && path[2] == module) return true;
  if (path.size() == 3 && path[0] == "sync" && path[1] == module) return TraitInScope("tokio", "sync");
  if (path.size() == 2 && path[0] == module) return TraitInScope("tokio::sync", module);
  return false;
}

TypeRef Checker::TokioChannelType(const TypeExpr& te, const std::function<TypeRef(size_t)>& arg) {
  if (te.path.size() < 2) return nullptr;
  const std::string& n = te.Name();
  const std::string& module = te.path[te.path.size() - 2];
  if (module != "oneshot" && module != "mpsc") return nullptr;
  if (!TokioModule(module, te.path)) return nullptr;
  std::string lib = module + "::" + n;
  const bool receiver_future = module == "oneshot" && n == "Receiver";
  if (!receiver_future && lib != "oneshot::Sender" && lib != "mpsc::Sender" && lib != "mpsc::Receiver" &&
      lib != "mpsc::UnboundedSender" && lib != "mpsc::UnboundedReceiver")
    return nullptr;
  if (te.args.size() != 1) {
    Error(te.span, fmt::format("`{}` takes 1 type argument but {} {} supplied", n, te.args.size(),
                               te.args.size() == 1 ? "was" : "were"));
    return T.Error();
  }
  TypeRef item = arg(0);
  if (receiver_future) return OneshotReceiver(item);
  return T.Library(lib, {item});
}

TypeRef Checker::OneshotReceiver(TypeRef item) {
  return T.Future(FutureKind::OneshotRecv, T.Result(item, T.Library("oneshot::error::RecvError", {})), -1, {item});
}

TypeRef Checker::CheckTokioChannelCall(Expr& e, const std::string& full, TypeRef expected) {
  const std::vector<std::string>& path = e.operand->path;
  const std::string& fn = path.empty() ? full : path.back();
  BuiltinId id;
  if (fn == "channel" && TokioModule("oneshot", path)) id = BuiltinId::OneshotChannel;
  else if (fn == "channel" && TokioModule("mpsc", path)) id = BuiltinId::TokioChannel;
  else if (fn == "unbounded_channel" && TokioModule("mpsc", path)) id = BuiltinId::TokioUnboundedChannel;
  else return nullptr;
  const Builtin& b = GetBuiltin(id);
  e.builtin = &b;
  e.operand->builtin = &b;
  if (e.args.size() != static_cast<size_t>(b.min_args)) {  // rustc's E0061, at the callee
    for (auto& a : e.args) Check(*a, nullptr);
    ErrorCode(e.operand->span, "E0061",
              fmt::format("this function takes {} argument{} but {} argument{} supplied", b.min_args,
                          b.min_args == 1 ? "" : "s", e.args.size(), e.args.size() == 1 ? " was" : "s were"));
    return T.Error();
  }
  (void)full;
  if (id == BuiltinId::TokioChannel) Arg(e, 0, T.Int(IntKind::Usize));
  // The item: a turbofish (`channel::<u32>(8)`), the `let`'s type, or inferred from the uses.
  TypeRef item = nullptr;
  const Expr& callee = *e.operand;
  if (!callee.seg_generics.empty() && callee.seg_generics.back().size() == 1)
    item = Resolve(callee.seg_generics.back()[0].get());
  else if (expected && R(expected)->kind == TypeKind::Tuple && R(expected)->args.size() == 2) {
    TypeRef tx = R(R(expected)->args[0]);
    if (tx->kind == TypeKind::Library && !tx->args.empty()) item = tx->args[0];
  }
  if (!item) item = NewVar(e.span);
  switch (id) {
    case BuiltinId::OneshotChannel: return T.Tuple({T.Library("oneshot::Sender", {item}), OneshotReceiver(item)});
    case BuiltinId::TokioChannel: return T.Tuple({T.Library("mpsc::Sender", {item}), T.Library("mpsc::Receiver", {item})});
    default:
      return T.Tuple({T.Library("mpsc::UnboundedSender", {item}), T.Library("mpsc::UnboundedReceiver", {item})});
  }
}

TypeRef Checker::CheckTokioChannelMethod(Expr& e, TypeRef rt, TypeRef lib) {
  const std::string& n = lib->name;
  if (!n.starts_with("oneshot::") && !n.starts_with("mpsc::")) return nullptr;
  BuiltinId id = BuiltinId::ArcClone;
  bool found = true;
  if (e.name == "clone" && (n == "mpsc::Sender" || n == "mpsc::UnboundedSender")) id = BuiltinId::ArcClone;
  else if (e.name == "send" && n == "oneshot::Sender") id = BuiltinId::OneshotSend;
  else if (e.name == "send" && n == "mpsc::Sender") id = BuiltinId::TokioSend;
  else if (e.name == "send" && n == "mpsc::UnboundedSender") id = BuiltinId::UnboundedSend;
  else if (e.name == "recv" && (n == "mpsc::Receiver" || n == "mpsc::UnboundedReceiver")) id = BuiltinId::TokioRecv;
  else found = false;
  if (!found) {
    for (auto& a : e.args) Check(*a, nullptr);
    ErrorCode(e.name_span, "E0599", fmt::format("no method named `{}` found for struct `{}<T>` in the current scope: "
                                                "method not found in `{}`",
                                                e.name, n, Name(lib)));
    return T.Error();
  }
  const Builtin& b = id == BuiltinId::ArcClone ? *FindLibraryMethodNamed(".clone") : GetBuiltin(id);
  e.builtin = &b;
  if (!CheckArity(e, b.min_args, b.max_args, fmt::format("method `{}`", e.name))) {
    for (auto& a : e.args) Check(*a, nullptr);
    return T.Error();
  }
  TypeRef item = lib->args.empty() ? T.Error() : lib->args[0];
  TypeRef send_error = T.Library("mpsc::error::SendError", {item});
  switch (id) {
    case BuiltinId::ArcClone: return lib;
    case BuiltinId::OneshotSend: {
      // `send(self, v)` moves the sender: a non-`move` async block or closure that calls it on a
      // captured sender captures that sender by value, as rustc infers (the Tokio tutorial's
      // `tokio::spawn(async { let _ = tx1.send("one"); })`).
      const Expr* recv = e.operand.get();
      if (recv && recv->kind == ExprKind::Path && recv->local >= 0 && cur_ >= 0) {
        LocalVar& v = p_.bodies[cur_].locals[static_cast<size_t>(recv->local)];
        if (v.capture_of >= 0) v.capture_by_ref = false;
      }
      Arg(e, 0, item);
      return T.Result(T.Unit(), item);
    }
    case BuiltinId::TokioSend:
      Arg(e, 0, item);
      return T.Future(FutureKind::ChanSend, T.Result(T.Unit(), send_error), -1, {item});
    case BuiltinId::UnboundedSend: Arg(e, 0, item); return T.Result(T.Unit(), send_error);
    case BuiltinId::TokioRecv:
      RequireMutReceiver(e, rt);
      return T.Future(FutureKind::ChanRecv, T.Option(item), -1, {item});
    default: return T.Error();
  }
}

}  // namespace aws::check
