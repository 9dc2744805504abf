#include "present/keymap.h"

#include "present/i18n.h"

#include <algorithm>
#include <cstdio>

#include "present/layout.h"
#include "present/prediction.h"

namespace aws::present {
namespace {

constexpr double kMinSpeed = 0.5;
constexpr double kMaxSpeed = 240.0;

Command SpeedCommand(double speed) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", std::clamp(speed, kMinSpeed, kMaxSpeed));
  return MakeCommand(CommandKind::SetSpeed, 0, buf);
}

}  // namespace

const std::vector<KeyHelp>& KeyHelpRows() {
  // The digits row names as many presets as there are (layout.cpp: nine today).
  static const std::vector<KeyHelp> rows = {
      {"Space", N_("play / pause")},
      {"Right / Left", N_("one event forward / back")},
      {"PageDown / PageUp", N_("one event forward / back (what presenter clickers send)")},
      {"Shift+Right / Shift+Left", N_("to the next / previous poll of a task")},
      {"Home / End", N_("before the first event / the last event")},
      {"N / Shift+N", N_("run to the next / previous breakpoint")},
      {"B", N_("toggle a breakpoint on the current line")},
      {"T", N_("to the next change of the followed task (chosen in the top bar)")},
      {"X", N_("step into / over executor code (the lines a plain fn main runs outside a task's poll)")},
      {"[ / ]", N_("play slower / faster")},
      {"1 - 9", N_("layout presets (see View menu)")},
      {"P", N_("presentation preset on / off (large font, few panels)")},
      {"G / E", N_("scenario gallery / editor layout")},
      {"W", N_("what if: change one thing, run again, compare the two runs")},
      {"/ or Ctrl+F", N_("search the scenario gallery (shows it first)")},
      {"Up / Down, Enter", N_("gallery: choose a scenario, open it (also while typing in its search)")},
      {"+ / -", N_("font size up / down (100 % - 300 %)")},
      {"F or F11", N_("fullscreen on / off")},
      {"S", N_("save a PNG of the window")},
      {"Q", N_("prediction mode on / off: answer before each step that answers a question")},
      {"1 - 4, Enter", N_("prediction mode: answer the question shown / show its answer")},
      {"?", N_("this help; Esc closes it")},
  };
  return rows;
}

const std::vector<int>& ScalePresets() {
  static const std::vector<int> presets = {100, 125, 150, 175, 200, 250, 300};
  return presets;
}

int NextScale(int percent, int direction) {
  const std::vector<int>& p = ScalePresets();
  if (direction > 0) {
    for (int s : p)
      if (s > percent) return s;
    return p.back();
  }
  for (auto it = p.rbegin(); it != p.rend(); ++it)
    if (*it < percent) return *it;
  return p.front();
}

std::vector<Command> CommandsFor(const KeyPresses& in, const KeyContext& ctx) {
  std::vector<Command> out;
  for (NamedKey k : in.keys) {
    switch (k) {
      case NamedKey::Right: out.push_back(MakeCommand(in.shift ? CommandKind::StepPoll : CommandKind::Step)); break;
      case NamedKey::Left: out.push_back(MakeCommand(in.shift ? CommandKind::StepPollBack : CommandKind::StepBack)); break;
      case NamedKey::Home: out.push_back({CommandKind::Seek, -1}); break;
      case NamedKey::End: out.push_back({CommandKind::Seek, INT64_MAX}); break;
      case NamedKey::Space: out.push_back(MakeCommand(CommandKind::TogglePlay)); break;
      case NamedKey::Escape:
        if (ctx.help_open) out.push_back(MakeCommand(CommandKind::ToggleHelp));
        break;
      case NamedKey::F11: out.push_back(MakeCommand(CommandKind::ToggleFullscreen)); break;
      case NamedKey::PageDown: out.push_back(MakeCommand(CommandKind::Step)); break;
      case NamedKey::PageUp: out.push_back(MakeCommand(CommandKind::StepBack)); break;
      case NamedKey::Up:
      case NamedKey::Down:
        if (ctx.gallery_shown) out.push_back(MakeCommand(CommandKind::GalleryMove, k == NamedKey::Down ? +1 : -1));
        break;
      case NamedKey::Enter:
        if (ctx.question_choices > 0)
          out.push_back(MakeCommand(CommandKind::AnswerQuestion, kRevealed));
        else if (ctx.gallery_shown)
          out.push_back(MakeCommand(CommandKind::GalleryOpen));
        break;
      case NamedKey::F:
        if (in.ctrl) out.push_back(MakeCommand(CommandKind::GalleryFind));
        break;
    }
  }
  if (in.ctrl) return out;  // Ctrl+letter belongs to text fields and the platform
  for (char32_t c : in.chars) {
    if (c >= U'1' && c <= U'9') {
      const size_t i = static_cast<size_t>(c - U'1');
      if (ctx.question_choices > 0) {  // a question is waiting: the digits answer it
        if (i < static_cast<size_t>(ctx.question_choices))
          out.push_back(MakeCommand(CommandKind::AnswerQuestion, static_cast<int64_t>(i)));
        continue;
      }
      if (i < LayoutPresets().size()) out.push_back(MakeCommand(CommandKind::SetLayout, 0, LayoutPresets()[i].name));
      continue;
    }
    switch (c) {
      case U'n': out.push_back(MakeCommand(CommandKind::RunToBreakpoint, +1)); break;
      case U'N': out.push_back(MakeCommand(CommandKind::RunToBreakpoint, -1)); break;
      case U'b': case U'B':
        if (ctx.current_line != 0) out.push_back(MakeCommand(CommandKind::ToggleLineBreakpoint, ctx.current_line));
        break;
      case U't': case U'T': out.push_back(MakeCommand(CommandKind::NextTaskChange, ctx.followed_task)); break;
      case U'x': case U'X': out.push_back(MakeCommand(CommandKind::SetExecutorStepping, -1)); break;
      case U'[': out.push_back(SpeedCommand(ctx.steps_per_second / 2)); break;
      case U']': out.push_back(SpeedCommand(ctx.steps_per_second * 2)); break;
      case U'p': case U'P': out.push_back(MakeCommand(CommandKind::TogglePresentation)); break;
      case U'g': case U'G': out.push_back(MakeCommand(CommandKind::SetLayout, 0, "gallery")); break;
      case U'e': case U'E': out.push_back(MakeCommand(CommandKind::SetLayout, 0, "editor")); break;
      case U'w': case U'W': out.push_back(MakeCommand(CommandKind::SetLayout, 0, "whatif")); break;
      case U'+': case U'=': out.push_back(MakeCommand(CommandKind::SetScale, NextScale(ctx.scale_percent, +1))); break;
      case U'-': case U'_': out.push_back(MakeCommand(CommandKind::SetScale, NextScale(ctx.scale_percent, -1))); break;
      case U'f': case U'F': out.push_back(MakeCommand(CommandKind::ToggleFullscreen)); break;
      case U's': case U'S': out.push_back(MakeCommand(CommandKind::Export, static_cast<int64_t>(ExportKind::WindowPng))); break;
      case U'?': out.push_back(MakeCommand(CommandKind::ToggleHelp)); break;
      case U'q': case U'Q':
        out.push_back(MakeCommand(CommandKind::SetPrediction,
                                  static_cast<int64_t>(ctx.predicting ? PredictMode::Off : PredictMode::Student)));
        break;
      case U'/': out.push_back(MakeCommand(CommandKind::GalleryFind)); break;
      default: break;
    }
  }
  return out;
}

}  // namespace aws::present
