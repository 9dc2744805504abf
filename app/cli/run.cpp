// `awaitscope run`: load a scenario, a bare script or a native trace, run it on the emulated
// machine, print the trace (text or native JSON), optionally write a Chrome trace.
#include <fmt/format.h>

#include <iostream>
#include <set>

#include "awaitscope/file_io.h"
#include "awaitscope/lower.h"
#include "awaitscope/runtime.h"
#include "awaitscope/scenario.h"
#include "awaitscope/trace_io.h"
#include "cli/commands.h"

namespace aws::cli {
namespace {

// The input of `run`: a scenario or script (file_io.h kMaxScriptBytes) or a native trace (JSON,
// kMaxNativeTraceBytes); special files are refused without reading.
bool ReadInput(const std::string& path, std::string* out, std::string* why) {
  FileRead f = ReadInputFile(path, kMaxNativeTraceBytes);
  if (!f.ok) {
    *why = f.not_found ? std::string("file not found") : "cannot read file: " + f.reason;
    return false;
  }
  if (!LooksLikeJson(f.text) && f.text.size() > kMaxScriptBytes) {
    *why = "cannot read file: it is larger than " + ShowByteLimit(kMaxScriptBytes);
    return false;
  }
  *out = std::move(f.text);
  return true;
}

bool WriteOutput(const std::string& path, const std::string& text) {
  std::string error;
  if (!WriteFileAtomically(path, text, &error)) {
    std::cerr << fmt::format("{}: error: cannot write file: {}\n", path, error);
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
  if (!ReadInput(args.file, &text, &why)) {
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

  if (args.out.empty() && args.format != "json") {
    // The text trace goes out in pieces as it is formatted (as TraceToText would make it): the
    // trace itself stays the only thing that grows with the run.
    std::string piece;
    for (const Event& e : trace.events) {
      piece += EventText(trace, e, program.get());
      piece += '\n';
      if (piece.size() >= (1u << 16)) {
        std::cout << piece;
        piece.clear();
      }
    }
    std::cout << piece << TraceSummaryLine(trace) << "\n";
  } else if (args.out.empty()) {
    std::cout << TraceToJson(trace, program.get(), source);
  } else {
    std::string out = args.format == "json" ? TraceToJson(trace, program.get(), source)
                                            : TraceToText(trace, program.get());
    if (!WriteOutput(args.out, out)) return kExitBadInput;
    std::cout << TraceSummaryLine(trace) << "\n";
  }
  if (!args.chrome_trace.empty() &&
      !WriteOutput(args.chrome_trace, TraceToChrome(trace, program.get())))
    return kExitBadInput;
  std::cout.flush();
  return TraceFaulted(trace) ? kExitFault : kExitOk;
}

}  // namespace aws::cli
