// The `awaitscope` command line: each subcommand is a function over engine results.
#pragma once
#include <string>
#include <vector>

namespace aws::cli {

// Exit codes of every command.
constexpr int kExitOk = 0;
constexpr int kExitFault = 1;     // the scenario ran and faulted (panic, never-yielding task, ...)
constexpr int kExitBadInput = 2;  // bad input or usage

int Lower(const std::string& file, const std::string& format, bool show_ir);
int Check(const std::vector<std::string>& files);
int List(const std::string& dir);

// `awaitscope run FILE [--executor E] [--format text|json] [--out FILE] [--chrome-trace FILE]
// [--narrate [--lang en|zh]]` (run.cpp). FILE: a scenario, a bare script, or a native trace
// (replayed). With --narrate the narration is printed instead of the trace: the scenario's source
// line, then one line per event ("STEP  sentence"), each step's notes indented below it.
struct RunArgs {
  std::string file;
  std::string executor;      // "" = the scenario's (or the recorded run's)
  std::string format = "text";
  std::string out;           // "" = stdout
  std::string chrome_trace;  // "" = none
  bool narrate = false;
  std::string lang;          // "en" | "zh"; "" = the locale's (present/i18n.h)
};
int Run(const RunArgs& args);


}  // namespace aws::cli
