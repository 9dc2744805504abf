// Where rustc requires a value to be `Send`: `thread::spawn`'s closure, `tokio::spawn`'s future,
// a future boxed into `Pin<Box<dyn Future<Output = T> + Send>>`. The checker only records them
// (CheckedProgram::send_required): whether a future is Send depends on what it holds across its
// awaits, which the lowering computes; check/send.cpp decides once the machines are built.
#include "check/checker_impl.h"

namespace aws::check {

// `tokio::spawn(f)` / `tokio::task::spawn(f)`, `spawn(f)` after `use tokio::spawn;`, or
// `task::spawn(f)` after `use tokio::task;`. The
// emulated executors' own `spawn` (and `task::spawn`) run on one core: no Send there.
bool Checker::IsTokioSpawn(const Expr& call) const {
  if (!call.operand || call.operand->kind != ExprKind::Path) return false;
  const std::vector<std::string>& path = call.operand->path;
  if (path.size() >= 2 && path.front() == "tokio") return true;
  // `task::spawn(f)` after `use tokio::task;`
  const bool via_task = path.size() == 2 && path.front() == "task";
  for (const UseDecl& u : p_.module.uses) {
    if (via_task ? u.path == "tokio::task" : path.size() == 1 && (u.path == "tokio::spawn" || u.path == "tokio::task::spawn"))
      return true;
  }
  return false;
}

void Checker::RequireSend(SendRequirement::Kind kind, const Expr& value, const Expr& call) {
  SendRequirement r;
  r.kind = kind;
  r.value = &value;
  r.body = cur_;
  // rustc points at the call for an async block handed to a generic bound or cast (the block's
  // type is anonymous), and at the argument otherwise (a closure, `foo()`'s future).
  bool whole_call = kind != SendRequirement::Kind::ThreadSpawn && value.kind == ExprKind::AsyncBlock;
  r.at = whole_call ? call.span : value.span;
  if (quiet_ || generic_ctx_) return;
  p_.send_required.push_back(r);
}

}  // namespace aws::check
