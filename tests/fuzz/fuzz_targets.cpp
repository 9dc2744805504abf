#include "fuzz_targets.h"

#include <algorithm>
#include <memory>
#include <optional>

#include "awaitscope/ir.h"
#include "awaitscope/lower.h"
#include "awaitscope/runtime.h"
#include "awaitscope/scenario.h"
#include "awaitscope/trace_io.h"
#include "awaitscope/world.h"

namespace aws::fuzz {
namespace {

// Clamps a scenario's own budget and the run options (which a native trace also sets).
void ApplyBudget(Scenario& scenario, RunOptions& options) {
  scenario.step_budget = std::clamp<int64_t>(scenario.step_budget, 1, kMaxEvents);
  options.max_events = options.max_events <= 0 ? kMaxEvents : std::min(options.max_events, kMaxEvents);
  options.max_statements_per_poll = std::clamp<int64_t>(options.max_statements_per_poll, 1, kMaxStatementsPerPoll);
  options.max_time_ms = std::clamp<int64_t>(options.max_time_ms, 0, kMaxTimeMs);
}

std::unique_ptr<Program> CompileScenario(const Scenario& scenario, Diagnostics& diags) {
  std::unique_ptr<Program> program = Compile(std::make_unique<SourceFile>(scenario.script), scenario.ops, diags);
  if (!program || diags.HasErrors()) return nullptr;
  return program;
}

}  // namespace

std::string Script(const std::string& text) {
  Diagnostics diags;
  std::optional<Scenario> scenario = LoadScenarioText("fuzz.rs", text, diags);
  if (scenario && !diags.HasErrors()) {
    if (std::unique_ptr<Program> program = CompileScenario(*scenario, diags)) {
      RunOptions options;
      ApplyBudget(*scenario, options);
      Trace trace = RunScenario(*program, *scenario, options, diags);
      (void)TraceFaulted(trace);
    }
  }
  (void)diags.Render();
  return "";
}

std::string ScenarioToml(const std::string& text) {
  Diagnostics diags;
  std::optional<Scenario> scenario = LoadScenarioText("fuzz.toml", text, diags);
  if (scenario && !diags.HasErrors()) {
    if (std::unique_ptr<Program> program = CompileScenario(*scenario, diags)) {
      ResolveSpawns(*program, *scenario, diags);
      if (!diags.HasErrors()) {
        RunOptions options;
        ApplyBudget(*scenario, options);
        Trace trace = RunScenario(*program, *scenario, options, diags);
        (void)TraceToText(trace, program.get());
      }
    }
  }
  (void)diags.Render();
  return "";
}

std::string NativeTrace(const std::string& text) {
  Diagnostics diags;
  NativeTraceSource source;
  if (!ReadNativeTrace(text, "fuzz.json", &source, diags) || diags.HasErrors()) return "";
  std::optional<Scenario> scenario = LoadTraceScenario(source, diags);
  if (!scenario || diags.HasErrors()) return "";
  std::unique_ptr<Program> program = CompileScenario(*scenario, diags);
  if (!program) return "";
  ApplyBudget(*scenario, source.options);
  Trace trace = RunScenario(*program, *scenario, source.options, diags);

  Session session;
  session.LoadTrace(std::move(trace));
  const int64_t n = session.size();
  for (int i = 0; i < 64 && session.Step(); ++i) {
  }
  session.Seek(n - 1);
  for (int i = 0; i < 64 && session.StepBack(); ++i) {
  }
  session.Seek(n / 2);
  session.RunUntilKind(EventKind::Diagnostic);
  session.Reset();
  session.RunUntilTime(session.trace().events.empty() ? 0 : session.trace().events.back().t_ms);
  if (n > 0 && !(FoldTrace(session.trace(), n - 1) == (session.Seek(n - 1), session.state())))
    return "the Session's state at the last step differs from FoldTrace's";
  (void)diags.Render();
  return "";
}

std::string Writers(const std::string& text) {
  Diagnostics diags;
  std::optional<Scenario> scenario = LoadScenarioText("fuzz.rs", text, diags);
  if (!scenario || diags.HasErrors()) return "";
  std::unique_ptr<Program> program = Compile(std::make_unique<SourceFile>(scenario->script), scenario->ops, diags);
  if (!program) return "";
  (void)DumpMachinesText(*program);
  (void)DumpMachinesJson(*program);
  for (const Machine& m : program->machines) {
    (void)DesugarWithLines(*program, m);
    if (m.body >= 0 && static_cast<size_t>(m.body) < program->ir.size()) (void)DumpIr(program->ir[m.body]);
  }
  if (diags.HasErrors()) return "";

  RunOptions options;
  ApplyBudget(*scenario, options);
  Trace trace = RunScenario(*program, *scenario, options, diags);
  (void)TraceToText(trace, program.get());
  (void)TraceToChrome(trace, program.get());
  NativeTraceSource source = MakeTraceSource(*scenario, text, options);
  std::string json = TraceToJson(trace, program.get(), source);
  Diagnostics back;
  NativeTraceSource read;
  if (!ReadNativeTrace(json, "fuzz.json", &read, back))
    return "a native trace awaitscope wrote does not read back:\n" + back.Render();
  return "";
}

Target FindTarget(const std::string& name) {
  if (name == "script") return Script;
  if (name == "scenario") return ScenarioToml;
  if (name == "trace") return NativeTrace;
  if (name == "writers") return Writers;
  return nullptr;
}

}  // namespace aws::fuzz
