// rustc's auto traits `Send` and `Sync` over the script's types, and the places that require them
// (CheckedProgram::send_required: `thread::spawn`, `tokio::spawn`, a cast to
// `Pin<Box<dyn Future<Output = T> + Send>>`). A future of an `async fn` or block is Send when
// everything it holds is: its captures (or parameters) and, at each `.await`, what its state
// keeps there (the lowering's state fields, plus the values still in scope that are dropped
// later or were borrowed, as rustc's coroutine layout keeps them).
#pragma once
#include "awaitscope/diagnostics.h"
#include "awaitscope/lower.h"

namespace aws {

// Reports each unmet requirement with rustc's message and position (check/send.cpp). Runs after
// the lowering (Compile): it reads the machines' states.
void CheckSendRequirements(const Program& prog, Diagnostics& diags);

}  // namespace aws
