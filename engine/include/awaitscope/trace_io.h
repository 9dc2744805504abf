// Traces out of the engine and back in: the text trace (one line per event), the native JSON
// trace (everything needed to replay the run: the scenario text, the script, the run options
// and injected keystrokes), and Chrome Trace Event JSON for Perfetto and speedscope.
// All writers are deterministic: the same trace gives the same bytes. Each writes through an
// OutStream (out_stream.h), row by row, so that a file or stdout gets the bytes as they are
// made; the std::string forms collect the same bytes in memory.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "awaitscope/diagnostics.h"
#include "awaitscope/out_stream.h"
#include "awaitscope/runtime.h"
#include "awaitscope/scenario.h"
#include "awaitscope/trace.h"

namespace aws {

// What a native trace records to replay its run.
struct NativeTraceSource {
  std::string path;         // the scenario (.toml) or bare script (.rs) as it was loaded
  std::string text;         // that file's text
  std::string script_path;  // the script's name: `path` for inline and bare scripts, else the
                            // `script_file` joined to the scenario's folder
  std::string script_text;
  RunOptions options;  // as passed to RunScenario, `injected` included
};

// The source of a run of `scenario` loaded from `file_text` with `options`.
NativeTraceSource MakeTraceSource(const Scenario& scenario, const std::string& file_text,
                                  const RunOptions& options);

// What the text trace shows beyond the machine's events.
struct TraceTextOptions {
  // Executor code's line steps (trace.h ExecLine): one per line a plain `fn main()` enters,
  // many more lines than events, so left out unless asked for (`run --exec-lines`).
  bool exec_lines = false;
};

// Every EventText line (exec_line ones only with options.exec_lines), then one summary line:
// `summary: polls=3 pending=2 ready=1 wakes=2 end_time=50ms end=finished output="Hello World\n"`.
std::string TraceToText(const Trace& trace, const Program* program, const TraceTextOptions& options = {});
void WriteTraceText(const Trace& trace, const Program* program, OutStream& out,
                    const TraceTextOptions& options = {});
std::string TraceSummaryLine(const Trace& trace);

// The native JSON trace, newline-terminated. Top-level keys, in this order:
//   format ("awaitscope-trace"), version (1), scenario, executor,
//   summary {polls, pending, ready, wakes, end_time_ms, output, end},
//   source {path, text, script_path, script_text},
//   options {executor, max_events, max_statements_per_poll, max_time_ms, poll_after_ready},
//   injected [{t_ms, scancode}], tasks [...], devices [...], objects [...],
//   events [{step, t_ms, kind, <fields of the kind>, line}]   (one event per line)
// The fields of each kind are listed in trace_io.cpp. With `program`, transitions also carry
// their states' labels.
std::string TraceToJson(const Trace& trace, const Program* program,
                        const NativeTraceSource& source);
void WriteTraceJson(const Trace& trace, const Program* program, const NativeTraceSource& source,
                    OutStream& out);

// True when `text` looks like JSON (first non-blank byte `{`): such input is read as a native
// trace, never as a scenario.
bool LooksLikeJson(const std::string& text);

// Reads a native trace written by TraceToJson. Errors go to `diags` as `path:LINE:COL` (the
// position of the JSON syntax error, or of the offending key where it can be found).
bool ReadNativeTrace(const std::string& text, const std::string& path, NativeTraceSource* out,
                     Diagnostics& diags);

// The scenario of a native trace, built from the text it embeds (never from the disk): the
// scenario is loaded from `source.text` under its original path, and a `script_file` script is
// taken from `source.script_text`. Diagnostics name the original files.
std::optional<Scenario> LoadTraceScenario(const NativeTraceSource& source, Diagnostics& diags);

// Chrome Trace Event JSON (the "JSON Object Format"), newline-terminated; see trace_chrome.cpp.
// Slices are written when they end, in the order they began: only the rows from the oldest
// slice still open onwards are held back.
std::string TraceToChrome(const Trace& trace, const Program* program);
void WriteTraceChrome(const Trace& trace, const Program* program, OutStream& out);

// Whether the run faulted: a panic, RunEnd faulted, or RunEnd stopped (the step budget: a task
// that never yields). Running idle forever (a keyboard task waiting for keys) is not a fault.
bool TraceFaulted(const Trace& trace);

}  // namespace aws
