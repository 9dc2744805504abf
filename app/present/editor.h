// The editor's model: a draft of the loaded scenario (script text, files, latencies, executor)
// that is re-lowered and re-run a few frames after each change. A draft with errors leaves the
// session on its last good version and keeps the errors to show at their line:col. No ImGui here
// (editor_view.cpp draws it).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "awaitscope/diagnostics.h"
#include "awaitscope/scenario.h"
#include "awaitscope/world.h"

namespace aws::present {

// Frames between the last change and re-lowering (~0.1 s at 60 frames per second).
constexpr int kEditDebounceFrames = 6;
// Error marks and messages in the editor and the gallery (opaque, so the screenshot tests find
// them): ImGui's ABGR for RGB(235, 80, 70).
constexpr uint32_t kErrorMarkColor = 0xFF4650EB;

// What the editor panel keeps between frames (view state, in ViewData).
struct EditorState {
  bool loaded = false;           // the draft was taken from the session
  Scenario draft;                // files, latencies and executor as edited
  std::string script;            // the script text as edited
  int debounce = -1;             // frames left before the draft is applied; -1: nothing pending
  std::vector<Diagnostic> errors;  // of the last attempt; empty when it applied
  std::string headlines;         // the errors' first lines, as Diagnostics::Headlines
  int64_t applied = 0;           // drafts applied so far
};

// Takes the session's scenario as the draft when the editor has none yet.
void SyncEditor(const Session& s, EditorState& e);

// Starts the debounce after a change of the draft.
void MarkEdited(EditorState& e);

// One frame of debounce; true when the draft is due to be applied now.
bool TickEditor(EditorState& e);

// The loaded scenario with the draft's script and device parameters. The script keeps its
// file name and position, so diagnostics name the lines the user sees.
Scenario EditedScenario(const Session& s, const EditorState& e);

// Re-lowers and re-runs the draft (Session::Reopen). True when it applied; false leaves the
// session as it was and fills e.errors/e.headlines.
bool ApplyEdit(Session& s, EditorState& e);

// Back to the session's last good version: the draft is taken again, errors are cleared.
void RevertEditor(const Session& s, EditorState& e);

// The 0-based line of the editor text a diagnostic points at; -1 when it lies outside the
// script (the scenario file's other keys, or no position).
int EditorLine(const Session& s, const Diagnostic& d);

}  // namespace aws::present
