// `awaitscope`: the command line. Results on stdout, diagnostics on stderr; exit 0 ok,
// 1 the scenario faulted, 2 bad input or usage.
#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <new>

#include "awaitscope/executor_kind.h"
#include "cli/commands.h"
#include "present/data_dirs.h"
#if AWAITSCOPE_WITH_GUI
#include "gui/app_main.h"
#endif

int main(int argc, char** argv) {
  namespace cli = aws::cli;
  CLI::App app{"Awaitscope: see how async/await really works.\n"
               "Lowers async fns into state machines and runs them on an emulated executor."};
  app.set_version_flag("--version", std::string("awaitscope ") + AWAITSCOPE_VERSION);
  app.require_subcommand(0, 1);

  std::string lower_file, lower_format = "text";
  bool lower_ir = false;
  auto* lower = app.add_subcommand("lower", "Print the state machines derived from a scenario's or script's async fns");
  lower->add_option("FILE", lower_file, "a scenario (.toml) or a script (.rs)")->required();
  lower->add_option("--format", lower_format, "text, json, dot (Graphviz DOT) or svg (rendered by Graphviz)")
      ->check(CLI::IsMember({"text", "json", "dot", "svg"}));
  lower->add_flag("--ir", lower_ir, "also print each body's control-flow graph");

  std::vector<std::string> check_files;
  auto* check = app.add_subcommand("check", "Validate scenarios and scripts; print diagnostics; exit 0 when clean");
  check->add_option("FILE", check_files, "scenarios (.toml) or scripts (.rs)")->required();

  std::string list_dir;
  auto* list = app.add_subcommand("list", "List the shipped scenarios with their titles");
  list->add_option("--dir", list_dir, "scenario folder (default: the shipped scenarios)");

  std::string about_file;
  auto* about = app.add_subcommand(
      "about", "Say what a scenario teaches and where from: its documents, sections, errata and next scenario");
  about->add_option("FILE", about_file, "a scenario (.toml)")->required();

  cli::RunArgs run_args;
  auto* run = app.add_subcommand(
      "run", "Run a scenario on the emulated machine and print its trace (exit 1 when it faults)");
  run->add_option("FILE", run_args.file,
                  "a scenario (.toml), a script (.rs, run on the waker executor spawning main()), or a "
                  "native trace (.json written by --format json) to replay")
      ->required();
  std::vector<std::string> executor_names;
  for (const aws::ExecutorKindInfo& k : aws::ExecutorKinds()) executor_names.emplace_back(k.name);
  run->add_option("--executor", run_args.executor, "override the scenario's executor: " + aws::ExecutorKindNames())
      ->check(CLI::IsMember(executor_names));
  run->add_option("--format", run_args.format,
                  "text (one line per event, then a summary) or json (the native trace, replayable)")
      ->check(CLI::IsMember({"text", "json"}));
  run->add_option("--out", run_args.out, "write the trace to this file instead of stdout; print the summary line");
  run->add_option("--chrome-trace", run_args.chrome_trace,
                  "also write Chrome Trace Event JSON (open in Perfetto or speedscope)");
  run->add_flag("--narrate", run_args.narrate,
                "print the narration instead of the trace: one sentence per event (handouts, screen readers)");
  run->add_option("--lang", run_args.lang, "the narration's language: en or zh (default: the locale's)")
      ->check(CLI::IsMember({"en", "zh"}));

  cli::QuizArgs quiz_args;
  auto* quiz = app.add_subcommand(
      "quiz", "Print the prediction questions of a run (asked before a step, answered by taking it)");
  quiz->add_option("FILE", quiz_args.file, "a scenario (.toml), a script (.rs) or a native trace (.json)")
      ->required();
  quiz->add_option("--format", quiz_args.format,
                   "text, json (step, prompt, choices, answer, explanation) or gift (Moodle's import format)")
      ->check(CLI::IsMember({"text", "json", "gift"}));
  quiz->add_option("--out", quiz_args.out, "write the questions to this file instead of stdout");
  quiz->add_option("--limit", quiz_args.limit, "at most this many questions (default 500)")
      ->check(CLI::Range(size_t{1}, size_t{100000}));
  quiz->add_option("--lang", quiz_args.lang, "the questions' language: en or zh (default: the locale's)")
      ->check(CLI::IsMember({"en", "zh"}));

  cli::WhatIfArgs whatif_args;
  auto* whatif = app.add_subcommand(
      "whatif", "Run a scenario again with one thing changed and compare the two runs (summaries, differences, "
                "milestones aligned on virtual time)");
  whatif->add_option("FILE", whatif_args.file, "a scenario (.toml), a script (.rs) or a native trace (.json)")
      ->required();
  whatif->add_option("--executor", whatif_args.executor, "run on this executor instead: " + aws::ExecutorKindNames())
      ->check(CLI::IsMember(executor_names));
  whatif->add_option("--latency", whatif_args.latency,
                     "a device latency TARGET=MS: read, write (every file), read:FILE, write:FILE, op:NAME, timer "
                     "(every timer request) or request:N");
  whatif->add_option("--swap-completions", whatif_args.swap,
                     "A,B: two requests in flight together (the trace's request=N) complete in the other order");
  whatif->add_option("--spurious-wake", whatif_args.spurious_wake,
                     "[TASK@]STEP: wake the task (default: the step's) right after STEP, though nothing is ready");
  whatif->add_option("--cancel", whatif_args.cancel,
                     "TASK@STEP: drop the task right after STEP, in the middle of its .await (its destructor path "
                     "and the requests it abandons are in the trace)");
  whatif->add_option("--sleep-if-idle", whatif_args.sleep_if_idle, "the waker executor's sleep_if_idle: naive or fixed")
      ->check(CLI::IsMember({"naive", "fixed"}));
  whatif->add_option("--blocking", whatif_args.blocking,
                     "a call made blocking: request:N (as the trace numbers requests), read:FILE or write:FILE");
  whatif->add_option("--format", whatif_args.format, "text (side by side, differences marked *) or json")
      ->check(CLI::IsMember({"text", "json"}));
  whatif->add_option("--out", whatif_args.out, "write the comparison to this file instead of stdout");

  std::vector<CLI::App*> subs = {lower, check, list, about, run, quiz, whatif};
#if AWAITSCOPE_WITH_GUI
  aws::gui::GuiArgs gui_args;
  int64_t gui_step = 0;
  auto* gui = app.add_subcommand("gui", "Open the window on a scenario (or render one frame headlessly with --screenshot)");
  gui->add_option("FILE", gui_args.file, "a scenario (.toml), a script (.rs) or a native trace (.json)")->required();
  auto* gui_step_opt = gui->add_option("--step", gui_step, "start at this step (clamped to the run)");
  gui->add_option("--screenshot", gui_args.screenshot,
                  "render without a visible window (SDL's offscreen driver) and write this PNG");
  gui->add_option("--size", gui_args.size, "window size WxH (default 1280x800)");
  gui->add_option("--preset", gui_args.preset, "start in this layout preset (e.g. everything)");
  gui->add_option("--scale", gui_args.scale, "font scale: a percentage 100..300 or a factor 1..3");
  gui->add_option("--theme", gui_args.theme, "dark, light or high-contrast");
  gui->add_option("--export-steps", gui_args.export_steps,
                  "render steps FIRST:LAST headlessly: one PNG each (step_000123.png) into --out-dir, "
                  "and/or an animated GIF of them into --gif");
  gui->add_option("--out-dir", gui_args.out_dir, "the folder for --export-steps (created if missing)");
  gui->add_option("--gif", gui_args.gif, "the animated GIF for --export-steps (a file)");
  gui->add_option("--gif-step-ms", gui_args.gif_step_ms, "how long the GIF shows each step (default 500)");
  std::string gui_cjk = "auto";
  gui->add_option("--cjk", gui_cjk,
                  "merge a Chinese font into the UI font: auto (when $LC_ALL or $LANG starts with zh), on, off")
      ->check(CLI::IsMember({"auto", "on", "off"}));
  gui->add_option("--lang", gui_args.lang, "the window's language: en or zh (default: remembered, else the locale's)")
      ->check(CLI::IsMember({"en", "zh"}));
  gui->add_option("--predict", gui_args.predict,
                  "start in prediction mode (student: answer each question) or presenter mode (a step reveals)")
      ->check(CLI::IsMember({"student", "presenter"}));
  subs.push_back(gui);

  cli::HandoutArgs handout_args;
  auto* handout = app.add_subcommand(
      "handout", "Write a scenario's page for a class: DIR/index.html with its script, state machines, "
                 "each key step's picture and narration, and the summary");
  handout->add_option("FILE", handout_args.file, "a scenario (.toml), a script (.rs) or a native trace (.json)")
      ->required();
  handout->add_option("--out", handout_args.out, "the folder to write (created if missing)")->required();
  handout->add_option("--lang", handout_args.lang, "the page's language: en or zh (default: the locale's)")
      ->check(CLI::IsMember({"en", "zh"}));
  handout->add_option("--size", handout_args.size, "the pictures' window size WxH (default 1280x800)");
  subs.push_back(handout);
#endif
  for (CLI::App* sub : subs) sub->set_version_flag("--version", std::string("awaitscope ") + AWAITSCOPE_VERSION);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : cli::kExitBadInput;
  }

  auto Dispatch = [&]() -> int {
    if (*lower) return cli::Lower(lower_file, lower_format, lower_ir);
    if (*check) return cli::Check(check_files);
    if (*list) return cli::List(list_dir.empty() ? aws::present::ScenariosDir() : list_dir);
    if (*about) return cli::About(about_file);
    if (*run) return cli::Run(run_args);
    if (*quiz) return cli::Quiz(quiz_args);
    if (*whatif) return cli::WhatIf(whatif_args);
    const std::string example = aws::present::ScenariosDir() + "/example.toml";
#if AWAITSCOPE_WITH_GUI
    if (*handout) return cli::Handout(handout_args);
    if (*gui) {
      if (*gui_step_opt) gui_args.step = gui_step;
      gui_args.cjk = gui_cjk == "on" ? aws::gui::CjkMode::On : gui_cjk == "off" ? aws::gui::CjkMode::Off : aws::gui::CjkMode::Auto;
      return aws::gui::GuiMain(gui_args);
    }
    // No subcommand: the window on the documents' `example`; without a display, its lowering.
    bool no_window = false;
    aws::gui::GuiArgs example_args;
    example_args.file = example;
    int rc = aws::gui::GuiMain(example_args, &no_window);
    if (!no_window) return rc;
    std::cerr << "awaitscope: no window; printing the example's state machines instead\n";
#endif
    return cli::Lower(example, "text", false);
  };

  // The file the command reads, to name in a diagnostic about an exception nothing else caught.
  std::string input = "awaitscope";
  if (*lower) input = lower_file;
  if (*check && !check_files.empty()) input = check_files.front();
  if (*run) input = run_args.file;
  if (*quiz) input = quiz_args.file;
  if (*whatif) input = whatif_args.file;
  if (*about) input = about_file;
#if AWAITSCOPE_WITH_GUI
  if (*gui) input = gui_args.file;
  if (*handout) input = handout_args.file;
#endif
  // Every command reports bad input itself; an exception that still escapes (out of memory, a
  // library's surprise) becomes a diagnostic and exit 2, never an abort.
  try {
    return Dispatch();
  } catch (const std::bad_alloc&) {
    std::cerr << input << ": error: out of memory\n";
  } catch (const std::exception& e) {
    std::cerr << input << ": error: internal error: " << e.what() << "\n";
  } catch (...) {
    std::cerr << input << ": error: internal error: unknown exception\n";
  }
  return cli::kExitBadInput;
}
