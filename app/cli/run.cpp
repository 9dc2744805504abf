// `awaitscope run`: load a scenario, a bare script or a native trace, run it on the emulated
// machine, print the trace (text or native JSON), optionally write a Chrome trace.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "awaitscope/lower.h"
#include "awaitscope/runtime.h"
#include "awaitscope/scenario.h"
#include "awaitscope/trace_io.h"
#include "cli/commands.h"

namespace aws::cli {
namespace {

bool ReadText(const std::string& path, std::string* out, std::string* why) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    *why = "file not found";
    return false;
  }
  if (std::filesystem::is_directory(path, ec)) {
    *why = "is a directory, not a file";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *why = "cannot read file";
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

bool WriteText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    std::cerr << fmt::format("{}: error: cannot write file\n", path);
    return false;
  }
  return true;
}

const char* SeverityName(int64_t level) {
  return level >= 2 ? "error" : level == 1 ? "warning" : "note";
}

}  // namespace

int Run(const RunArgs& args) {
  Diagnostics diags;
  std::string text, why;
  if (!ReadText(args.file, &text, &why)) {
    std::cerr << fmt::format("{}: error: {}\n", args.file, why);
    return kExitBadInput;
  }

  // A native trace (detected by its content) replays the run it recorded.
  NativeTraceSource source;
  std::optional<Scenario> scenario;
  if (LooksLikeJson(text)) {
    if (!ReadNativeTrace(text, args.file, &source, diags)) {
      std::cerr << diags.Render();
      return kExitBadInput;
    }
    scenario = LoadTraceScenario(source, diags);
  } else {
    scenario = LoadScenarioText(args.file, text, diags);
    if (scenario) source = MakeTraceSource(*scenario, text, RunOptions{});
  }
  if (!scenario || diags.HasErrors()) {
    std::cerr << diags.Render();
    return kExitBadInput;
  }
  if (!args.executor.empty()) source.options.executor = args.executor;

  std::unique_ptr<Program> program =
      Compile(std::make_unique<SourceFile>(scenario->script), scenario->ops, diags);
  if (!program || diags.HasErrors()) {
    std::cerr << diags.Render();
    return kExitBadInput;
  }

  // What to spawn is part of the input: a missing `main` or a bad spawn entry is bad input.
  ResolveSpawns(*program, *scenario, diags);
  if (diags.HasErrors()) {
    std::cerr << diags.Render();
    return kExitBadInput;
  }
  Trace trace = RunScenario(*program, *scenario, source.options, diags);
  if (trace.injected.empty()) trace.injected = source.options.injected;

  // Diagnostics: the run's own, then the trace's warnings and errors not already reported.
  std::cerr << diags.Render();
  std::set<std::string> reported;
  for (const Diagnostic& d : diags.items())
    reported.insert(d.message);
  for (const Event& e : trace.events) {
    if (e.kind != EventKind::Diagnostic || e.a < 1) continue;
    const std::string& message = trace.Payload(e);
    if (!reported.insert(message).second) continue;
    std::cerr << fmt::format("{}: {}: {}\n", args.file, SeverityName(e.a), message);
  }

  std::string out = args.format == "json" ? TraceToJson(trace, program.get(), source)
                                          : TraceToText(trace, program.get());
  if (args.out.empty()) {
    std::cout << out;
  } else {
    if (!WriteText(args.out, out)) return kExitBadInput;
    std::cout << TraceSummaryLine(trace) << "\n";
  }
  if (!args.chrome_trace.empty() &&
      !WriteText(args.chrome_trace, TraceToChrome(trace, program.get())))
    return kExitBadInput;
  std::cout.flush();
  return TraceFaulted(trace) ? kExitFault : kExitOk;
}

}  // namespace aws::cli
