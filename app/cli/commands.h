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
// `awaitscope about FILE` (about.cpp): title, documents, sections, description, errata, next.
int About(const std::string& file);

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

// `awaitscope quiz FILE [--format text|json|gift] [--out FILE] [--limit N] [--lang en|zh]` (quiz.cpp): the
// prediction questions of the run (app/present/quiz.h).
struct QuizArgs {
  std::string file;
  std::string format = "text";
  std::string out;           // "" = stdout
  size_t limit = 500;
  std::string lang;          // "en" | "zh"; "" = the locale's (present/i18n.h)
};
int Quiz(const QuizArgs& args);

// `awaitscope handout FILE --out DIR [--lang en|zh] [--size WxH]` (handout.cpp; only in a build
// with the window): DIR/index.html (present/handout.h) and DIR/images/step_NNNNNN.png, the
// window at each key step rendered headlessly. Every file is written through a temporary name.
struct HandoutArgs {
  std::string file;
  std::string out;           // the folder, created if missing
  std::string lang;          // "en" | "zh"; "" = the locale's (present/i18n.h)
  std::string size = "1280x800";
};
int Handout(const HandoutArgs& args);

// `awaitscope whatif FILE CHANGE [--format text|json] [--out FILE]` (whatif.cpp): the run with one
// thing changed, compared with the unchanged run (awaitscope/whatif.h). Exactly one change.
struct WhatIfArgs {
  std::string file;
  std::string executor;       // --executor E
  std::string latency;        // --latency TARGET=MS
  std::string swap;           // --swap-completions A,B
  std::string spurious_wake;  // --spurious-wake [TASK@]STEP
  std::string cancel;         // --cancel TASK@STEP
  std::string sleep_if_idle;  // --sleep-if-idle naive|fixed
  std::string blocking;       // --blocking request:N|read:FILE|write:FILE
  std::string format = "text";
  std::string out;            // "" = stdout
};
int WhatIf(const WhatIfArgs& args);

}  // namespace aws::cli
