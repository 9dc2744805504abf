// Themes: ImGui's style colours plus the app's own colours (Palette) for dark, light and
// high-contrast, and the Okabe–Ito task colours with a shape per task as a second cue.
#pragma once
#include <imgui.h>

#include "present/theme_names.h"

#include <optional>
#include <span>
#include <string_view>

namespace aws::gui {

using namespace aws::present;  // Theme and its names (present/theme_names.h)

// The app's colours that ImGui's style does not cover. ImGui's ABGR, opaque unless noted.
struct Palette {
  ImU32 clear;            // behind every window
  ImU32 current_line;     // Source: the executing line's background
  ImU32 queue_box;        // Executor: a task on the ready queue
  ImU32 box_text;         // text on queue_box, scancode_box and flash
  ImU32 empty_outline;    // an empty queue's placeholder box
  ImU32 empty_text;
  ImU32 status[4];        // TaskStatus: IDLE, SCHED, RUNNING, DONE
  ImU32 lit_state;        // State machine: the current state's fill and the edge just taken
  ImU32 lit_text;         // text on lit_state
  ImU32 node_border;
  ImU32 node_text;
  ImU32 edge;
  ImU32 edge_label;
  ImU32 arrow;            // Timeline: wake -> poll arrows (translucent)
  ImU32 playhead;
  ImU32 lane_line;
  ImU32 grid;             // ruler ticks
  ImU32 ruler_text;
  ImU32 request;          // device requests in flight
  ImU32 ready_outline;    // a poll slice that returned Ready
  ImU32 marker_outline;   // around task markers, so light colours stay visible
  ImU32 flash;            // Devices: the interrupt flash
  ImU32 scancode_box;
  ImU32 error, warning, note;
  ImU32 ok;               // success text (Editor: the edited version runs); >= 4.5:1 on WindowBg
};

const Palette& ThemePalette(Theme theme);
// By name, as ViewData::settings.theme holds it; the dark palette for an unknown name.
const Palette& ThemePalette(std::string_view name);

// ImGui's style for `theme` at `scale` (1..3): a fresh default style with the theme's colours,
// every size multiplied once (ScaleAllSizes on a copy, so repeated changes never compound).
ImGuiStyle MakeStyle(Theme theme, float scale);

// [SECTION] Task colours: Okabe & Ito's colour-blind-safe set (black left out: it vanishes on
// the dark theme), and a shape per task so colour is never the only cue.
enum class MarkerShape { Circle, Square, TriangleUp, Diamond, TriangleDown, Hexagon };

ImU32 TaskColor(int task);
MarkerShape TaskShape(int task);
// Draws task `task`'s marker (filled shape, outlined) centred at `centre`, `size` pixels across.
void DrawTaskMarker(ImDrawList* dl, ImVec2 centre, float size, int task, ImU32 outline);
// A marker inline in the current ImGui layout, one text line high, then SameLine.
void TaskMarker(int task, ImU32 outline);

}  // namespace aws::gui
