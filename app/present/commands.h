// What the window can be asked to do: the commands keys, buttons and menus push (the app applies
// them once per frame, before drawing), the settings it remembers, and the exports it carries out.
// Plain data, so the key map and the menus are tested without a window.
#pragma once
#include <cstdint>
#include <string>
#include <utility>

namespace aws::present {

enum class CommandKind {
  Step, StepBack, Seek, TogglePlay,
  StepPoll, StepPollBack,        // to the next / previous executor poll of a task
  RunToBreakpoint,               // value: +1 forwards, -1 backwards
  NextTaskChange,                // value: the task; to its next change of status or state
  ToggleLineBreakpoint,          // value: the source line
  SetEventBreakpoint,            // value: EventBreakpoint bit; step: 1 on / 0 off
  SetSpeed,                      // text: steps per second as a decimal number
  SetLayout,                     // text: a layout preset's name (layout.h)
  TogglePresentation,            // the presentation preset: few panels, large font
  SetScale,                      // value: font scale in percent (100..300)
  SetTheme,                      // text: "dark" | "light" | "high-contrast"
  SetLanguage,                   // text: "en" | "zh" | "" (follow the locale; i18n.h)
  ToggleFullscreen,
  ToggleHelp,
  Export,                        // value: ExportKind; text: the path; step..value2: PNG range
  LoadScenario,                  // text: a scenario's path (the gallery); a failure keeps the current one
  ApplyEdit,                     // re-lower and re-run the editor's draft (editor.h); text: when
                                 // not empty, the script text to put in the draft first
  InjectKey,                     // value: a scancode typed live at the cursor's virtual time
  GalleryFind,                   // focus the gallery's search (showing the gallery layout first
                                 // when no gallery is on screen)
  GalleryMove,                   // value: +1 / -1, the gallery's selection to the next / previous entry shown
  GalleryOpen,                   // load the gallery's selected entry
  SetPrediction,                 // value: PredictMode (prediction.h): off, student, presenter
  AnswerQuestion,                // value: the choice for the question waiting at the cursor,
                                 // or kRevealed (-2): show its answer without one
  PickWhatIf,                    // the What-if panel's change (whatif.h PickWhatIf): value = WhatIfKind,
                                 // text = executor or latency target, value2 = ms, request pair
                                 // index or task, step = the step (-1: the cursor)
  RunWhatIf,                     // run the What-if panel's picked change (whatif.h) against the run
  OpenWhatIfVariant,             // the What-if panel's changed run becomes the main run
  SetExecutorStepping,           // value: 1 Step / Step back visit executor code's lines (step
                                 // into), 0 they skip them (step over); -1 toggles
};

struct Command {
  CommandKind kind = CommandKind::Step;
  int64_t step = -1;   // Seek: the target step (clamped by the session)
  int64_t value = 0;   // a kind's integer argument (scancode, layout index, ...)
  std::string text;    // a kind's text argument (path, script text, ...)
  int64_t value2 = 0;  // a second integer (the last step of an exported range)
};

// A command with an integer and a text argument (the step stays unset).
inline Command MakeCommand(CommandKind kind, int64_t value = 0, std::string text = {}) {
  Command c;
  c.kind = kind;
  c.value = value;
  c.text = std::move(text);
  return c;
}

// What the window remembers between runs (settings.h reads and writes it) and what the frame
// loop applies to the platform (font size, theme, fullscreen) when it changes.
struct Settings {
  std::string layout = "everything";
  int scale_percent = 100;
  std::string theme = "dark";
  bool fullscreen = false;
  std::string language;  // "en" | "zh"; "": the locale's (i18n.h LanguageFromEnvironment)
  // Step and Step back visit every line of executor code (a plain `fn main()`'s code outside a
  // task's poll; trace.h ExecLine) when true, skip those line steps when false.
  bool step_into_executor_code = true;
  bool operator==(const Settings&) const = default;
};

enum class ExportKind { WindowPng, StepRangePng, ChromeTrace, NativeTrace, TextTrace, MachinesSvg, StepRangeGif };

// An export the frame loop carries out after drawing (PNG exports need the rendered frame).
struct ExportRequest {
  ExportKind kind = ExportKind::WindowPng;
  std::string path;        // a file, or for StepRangePng a folder
  int64_t first = 0, last = 0;  // StepRangePng, StepRangeGif: the steps, inclusive
};

}  // namespace aws::present
