// The GUI's model side: a Session, the view state and the command queue. Panels read the session
// through const references each frame; keys and buttons push commands that Frame applies once,
// before drawing.
#pragma once
#include <map>
#include <memory>
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "awaitscope/world.h"
#include "present/breakpoints.h"
#include "present/commands.h"
#include "present/layout.h"
#include "present/prediction.h"

namespace aws::present {
struct TimelineViewState;  // timeline.h
struct ThreadsCache;       // threads.h
struct GalleryState;       // gallery.h
struct EditorState;        // editor.h
struct KeyboardState;      // keyboard.h
struct WhatIfState;        // whatif.h
}  // namespace aws::present

namespace aws::gui {

// The window draws what present/ computes; its names are used unqualified here.
using namespace aws::present;

// View state: lives in the app, never in the engine.
// A long export run by the frame loop a step at a time (gui/export.h StepExport). While it is
// active the window takes no input but Esc and the progress dialog's Cancel.
struct ExportProgress {
  bool active = false;
  bool capturing = false;  // this frame is one of the export's pictures: no dialog in it
  bool cancel = false;     // asked to stop (Esc, or Cancel in the dialog)
  int64_t done = 0, total = 0;
  std::string what;        // the file or folder written
};

struct ViewData {
  bool playing = false;
  double steps_per_second = 8.0;
  double play_seconds = 0.0;        // real time not yet turned into steps while playing
  uint32_t source_scrolled_to = 0;  // the line the Source panel last centred (0: none)
  // The Source panel's font size and size when it last checked the current line was in view: a
  // change of font, layout or window size brings the line back (for a few frames, as the
  // scroll range catches up with the new size).
  float source_font = 0, source_w = 0, source_h = 0;
  int source_refit_frames = 0;
  int pinned_machine = -1;          // State machine and Desugared panels: Program::machines index, -1 follow
  int desugar_scrolled_machine = -1;  // the machine and state whose arm the Desugared panel
  int desugar_scrolled_state = -1;    // last scrolled to (-1: none)
  std::shared_ptr<TimelineViewState> timeline;  // the Timeline panel's window and index
  std::shared_ptr<ThreadsCache> threads;        // Executor panel: the trace's emulated threads
  int memory_bytes_per_row = 8;        // Memory panel: 8 or 16
  // Tab groups drawn since the scenario was loaded: the first time a group shows, the tab of the
  // scenario's lesson (Memory for memory scenarios) is selected in it.
  std::set<std::string> tab_groups_seen;
  int64_t memory_scrolled_cursor = -2; // the step the Memory panel last scrolled for
  Settings settings;                // applied by the frame loop; saved by settings.h
  // Non-empty while presenting (P): the layout and font size to go back to. Presenting stays on
  // when another layout is chosen; the next P leaves it.
  std::string layout_before_presentation;
  int scale_before_presentation = 100;
  bool help_open = false;
  bool gallery_shown = false;              // the last frame's layout placed the Gallery panel
  Breakpoints breakpoints;                 // line and event breakpoints (breakpoints.h)
  std::map<std::string, LayoutNode> layouts;  // presets as the user resized them, by name
  int followed_task = 0;                   // the task "next change of task" follows
  std::vector<ExportRequest> exports;      // taken by the frame loop after drawing
  std::string status;                      // one line for the status bar (last export, ...)
  std::shared_ptr<GalleryState> gallery;   // the Gallery panel's scan, search and last load error
  std::shared_ptr<EditorState> editor;     // the Editor panel's draft (taken again after a load)
  std::shared_ptr<KeyboardState> keyboard; // the Keyboard panel's options
  std::shared_ptr<WhatIfState> whatif;     // the What-if panel's picks and last comparison
  // Animations of the step just taken (the edge a machine took, a block that moved) run for
  // kStepAnimationSeconds after the cursor lands. Off (the end shown at once) unless the
  // interactive window turns it on, so screenshots and tests never depend on the clock.
  bool animate = false;
  int64_t animated_cursor = -2;    // the cursor the clock below belongs to
  double cursor_arrived_at = 0.0;  // ImGui::GetTime() when the cursor landed there
  Prediction prediction;           // prediction / presenter mode (prediction.h); kept across loads
  ExportProgress export_progress;  // a step range being exported (gui/export.h), between its steps
};

constexpr double kStepAnimationSeconds = 0.6;
// How far the current step's animation has run, 0..1 (1 when animations are off).
float StepAnimation(const ViewData& view);

class App {
 public:
  // Loads a scenario, script or native trace; false (the previous one kept) with diagnostics.
  bool Load(const std::string& path, Diagnostics& diags);
  void Push(Command c) { commands_.push_back(std::move(c)); }
  // Applies the pushed commands (Frame does this after reading the keys; tests call it directly).
  void Apply();
  // One frame, between Platform::BeginFrame and EndFrame: keys -> commands, apply them, then
  // draw every panel of views.cpp.
  void Frame();

  const Session& session() const { return session_; }
  const ViewData& view() const { return view_; }
  // The exports requested since the last call, for the frame loop to carry out.
  std::vector<ExportRequest> TakeExports() { return std::exchange(view_.exports, {}); }
  void SetStatus(std::string text) { view_.status = std::move(text); }
  void SetAnimate(bool on) { view_.animate = on; }
  bool animating() const { return view_.animate; }
  // For a StepExport: its progress (an inactive value ends it), and a step shown without the
  // prediction mode's stops (an export shows the steps it was asked for).
  void SetExportProgress(ExportProgress p) { view_.export_progress = std::move(p); }
  void ShowStepForExport(int64_t step) { session_.Seek(step); }
  // Whether the next frames differ without any input: it plays, or a step's animation runs.
  bool NeedsFrames() const;
  // Whether key and text events must wait for a later frame: a text box was just asked for the
  // keyboard focus and does not have it yet (platform.h BeginFrame).
  bool HoldsKeys() const;

 private:
  // Between an export's own pictures: its progress, with a Cancel button.
  void DrawExportProgress();
  void ReadKeys();
  void ApplyOne(const Command& c);
  void StopIfBreakpoint();
  // Every move forward goes through here: in prediction mode it stops before the first question
  // not answered on the way (prediction.h) and says so in the status bar.
  void MoveForwardTo(int64_t target);
  // Derives the questions again when the run changed (another scenario, an edit, a live key).
  void RefreshQuestions();
  // The What-if panel's changed run becomes the main run (Session::Reopen); the comparison stays.
  void OpenWhatIfVariant();
  void DrawLayout();
  void DrawHelp();
  Session session_;
  ViewData view_;
  std::vector<Command> commands_;
};

}  // namespace aws::gui
