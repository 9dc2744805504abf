// `awaitscope run`: load a scenario, a bare script or a native trace, run it on the emulated
// machine, print the trace (text or native JSON), optionally write a Chrome trace.
#include <fmt/format.h>

#include <cstdio>
#include <functional>
#include <iostream>
#include <set>

#include "awaitscope/file_io.h"
#include "awaitscope/lower.h"
#include "awaitscope/runtime.h"
#include "awaitscope/scenario.h"
#include "awaitscope/trace_io.h"
#include "cli/commands.h"
#include "present/i18n.h"
#include "present/narration.h"
#include "present/scenario_texts.h"

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

// Streamed to the file as it is written (file_io.h), never held whole in memory.
bool WriteOutput(const std::string& path, const std::function<void(OutStream&)>& write) {
  std::string error;
  if (!WriteFileAtomically(path, write, &error)) {
    std::cerr << fmt::format("{}: error: cannot write file: {}\n", path, error);
    return false;
  }
  return true;
}

// The narration of every event, for handouts and screen readers (commands.h); executor code's
// line steps only with `exec_lines` (the steps keep their numbers either way).
void WriteNarration(const Trace& trace, const Program* program, const Scenario* scenario, bool exec_lines,
                    OutStream& out) {
  std::string header = present::NarrateSource(scenario, -1);
  if (!header.empty()) out.buf() += header + "\n";
  const std::vector<std::string> notes =
      scenario != nullptr ? present::CurrentTexts(*scenario).notes : std::vector<std::string>{};  // in the narration's language
  for (size_t i = 0; i < trace.events.size(); ++i) {
    if (trace.events[i].kind == EventKind::ExecLine && !exec_lines) continue;
    const int64_t step = static_cast<int64_t>(i);
    out.buf() += fmt::format("{}  {}\n", step, present::Narrate(trace, program, step));
    if (scenario == nullptr) continue;
    for (size_t n = 0; n < scenario->notes.size(); ++n)
      if (scenario->notes[n].step == step) out.buf() += fmt::format("    {}\n", notes[n]);
    out.Pump();
  }
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

  if (args.narrate) {
    const std::optional<present::Lang> lang =
        args.lang.empty() ? present::LanguageFromEnvironment() : present::ParseLang(args.lang);
    std::string why;
    if (lang && !present::SetLanguage(*lang, &why)) std::cerr << fmt::format("awaitscope: {}; narrating in English\n", why);
  }
  auto write_trace = [&](OutStream& out) {
    if (args.narrate)
      WriteNarration(trace, program.get(), &*scenario, args.exec_lines, out);
    else if (args.format == "json")
      WriteTraceJson(trace, program.get(), source, out);
    else
      WriteTraceText(trace, program.get(), out, TraceTextOptions{.exec_lines = args.exec_lines});
  };
  if (args.out.empty()) {
    std::cout.flush();
    OutStream out([](std::string_view chunk) {
      return std::fwrite(chunk.data(), 1, chunk.size(), stdout) == chunk.size();
    });
    write_trace(out);
    out.Flush();
    std::fflush(stdout);
  } else {
    if (!WriteOutput(args.out, write_trace)) return kExitBadInput;
    std::cout << TraceSummaryLine(trace) << "\n";
  }
  if (args.chrome_trace.ends_with(".chrome.json"))
    std::cerr << fmt::format(
        "{}: note: speedscope reads names ending in .chrome.json as a DevTools profile and cannot "
        "open this file; Perfetto can. Name it .chrome-trace.json for both.\n",
        args.chrome_trace);
  if (!args.chrome_trace.empty() &&
      !WriteOutput(args.chrome_trace,
                   [&](OutStream& out) { WriteTraceChrome(trace, program.get(), out); }))
    return kExitBadInput;
  std::cout.flush();
  return TraceFaulted(trace) ? kExitFault : kExitOk;
}

}  // namespace aws::cli
