// The runtime's public entry points (awaitscope/runtime.h): resolving the scenario's spawn
// entries, and running a scenario on the emulator (engine/src/runtime/).
#include "awaitscope/runtime.h"

#include <fmt/format.h>

#include "awaitscope/parser.h"
#include "runtime/emulator.h"

namespace aws {

std::vector<SpawnTarget> ResolveSpawns(const Program& program, const Scenario& scenario, Diagnostics& diags) {
  std::vector<SpawnTarget> out;
  const Module& mod = program.checked->module;
  bool default_main = scenario.spawn.empty() || (scenario.spawn_pos.empty() && scenario.spawn.size() == 1 &&
                                                  scenario.spawn[0] == "main()");
  if (default_main) {
    const FnDecl* main = mod.FindFn("main");
    if (!main) {
      // As rustc's E0601, at the end of the script: that is where a `main` would go.
      const SourceFile& src = *program.checked->source;
      const size_t last = src.text().find_last_not_of(" \t\r\n");
      const uint32_t end = last == std::string::npos ? 0 : static_cast<uint32_t>(last);
      if (!mod.broken_names.count("main"))
        diags.Error(src, Span{end, end + 1},
                    "`main` function not found: running a script spawns `async fn main()` (add one, or "
                    "name the tasks to spawn in a scenario's `spawn = [...]`)");
      return out;
    }
    SpawnTarget t;
    t.text = "main()";
    t.fn = main;
    Diagnostics ignore;
    t.call = ParseExprText("main()", "", 1, 1, ignore);
    // A plain `fn main()` is the program itself: it runs on the emulated core's main thread
    // (runtime/devices/threads.cpp), not as a task.
    const bool returns_future = main->ret_type && main->ret_type->IsFuture();
    const bool plain_main = !main->is_async && !returns_future && (!main->ret_type || main->ret_type->kind == TypeKind::Unit);
    if (!main->params.empty() || !(main->is_async || returns_future || plain_main)) {
      diags.Error(*program.checked->source, main->name_span,
                  "`main` must be `async fn main()` (spawned as a task) or `fn main()` (run as the main thread)");
      return out;
    }
    out.push_back(std::move(t));
    return out;
  }
  for (size_t i = 0; i < scenario.spawn.size(); ++i) {
    const std::string& text = scenario.spawn[i];
    LineCol at = i < scenario.spawn_pos.size() ? scenario.spawn_pos[i] : LineCol{0, 0};
    std::string line = i < scenario.spawn_lines.size() ? scenario.spawn_lines[i] : std::string();
    auto report = [&](std::string msg) {
      diags.ReportAt(Severity::Error, scenario.path, at.line, at.col, std::move(msg), line);
    };
    ExprPtr e = ParseExprText(text, scenario.path, at.line, at.col, diags);
    if (!e) continue;
    if (e->kind != ExprKind::Call || e->operand->kind != ExprKind::Path || e->operand->path.size() != 1) {
      report(fmt::format("a spawn entry must call a function of the script, like `main()`, not `{}`", text));
      continue;
    }
    const FnDecl* fn = mod.FindFn(e->operand->name);
    if (!fn) {
      if (!mod.broken_names.count(e->operand->name))
        report(fmt::format("cannot find function `{}` in this scope", e->operand->name));
      continue;
    }
    if (e->args.size() != fn->params.size()) {
      report(fmt::format("`{}` takes {} argument{} but {} {} supplied", fn->name, fn->params.size(),
                         fn->params.size() == 1 ? "" : "s", e->args.size(), e->args.size() == 1 ? "was" : "were"));
      continue;
    }
    if (!(fn->is_async || (fn->ret_type && fn->ret_type->IsFuture()))) {
      report(fmt::format("`{}` does not return a future, so it cannot be spawned", fn->name));
      continue;
    }
    auto it = program.checked->fn_body.find(fn);
    if (it == program.checked->fn_body.end() || program.ir[it->second].blocks.empty()) continue;  // reported
    SpawnTarget t;
    t.text = text;
    t.fn = fn;
    t.call = std::move(e);
    out.push_back(std::move(t));
  }
  return out;
}

Trace RunScenario(const Program& program, const Scenario& scenario, const RunOptions& options, Diagnostics& diags) {
  return emu::Emulator(program, scenario, options, diags).Run();
}

}  // namespace aws
