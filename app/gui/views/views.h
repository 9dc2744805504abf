// The GUI's panels, each in its own file, all registered in one list (views.cpp).
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "awaitscope/world.h"
#include "gui/app.h"
#include "present/i18n.h"

struct ImGuiInputTextCallbackData;

namespace aws::gui {

// What a panel gets each frame: the session to read, its view state, and where to push commands.
struct ViewContext {
  const Session& session;
  ViewData& view;
  std::vector<Command>& commands;
};

// A panel: its title (layouts in layout.cpp name panels by title), how to draw it, and whether the
// loaded scenario needs it (null: always). The top bar ("Step") is not in any layout; it is drawn
// across the top of every one.
struct ViewInfo {
  const char* title;
  void (*draw)(ViewContext& ctx);
  bool (*wanted)(const Session& s) = nullptr;
};

std::span<const ViewInfo> Views();

// ImGui::InputText*'s resize callback for a std::string in UserData: grows the string and hands
// ImGui the new buffer (with ImGuiInputTextFlags_CallbackResize).
int ResizeString(ImGuiInputTextCallbackData* data);
const ViewInfo* FindView(std::string_view title);
// The ImGui window or tab name of a panel: its title in the current language, with the English
// title as the ImGui ID ("Schritt###Step") when they differ, so layouts and tests find it by title.
std::string WindowName(const char* title);


// Colours the screenshot tests look for (opaque, so they survive blending unchanged).
constexpr uint32_t kCurrentLineColor = 0xFF1F5A78;  // ImGui's ABGR: RGB(120, 90, 31)
constexpr uint32_t kQueueBoxColor = 0xFFB4783C;     // RGB(60, 120, 180)
constexpr uint32_t kBreakpointColor = 0xFF3030D8;   // RGB(216, 48, 48)
// Desugared code: the arm of the current state while the machine is polled (it runs), the same
// arm while the machine merely waits in that state, and the current state's struct and variant.
constexpr uint32_t kExecutingArmColor = 0xFF1A547A;  // RGB(122, 84, 26)
constexpr uint32_t kCurrentArmColor = 0xFF584034;    // RGB(52, 64, 88)
constexpr uint32_t kCurrentStructColor = 0xFF3A5222; // RGB(34, 82, 58)
constexpr uint32_t kFieldValueColor = 0xFF5AC8FA;    // RGB(250, 200, 90): saved values beside it
// Memory: pointer arrows, dangling pointers (and undefined behaviour), the lock on pinned values.
constexpr uint32_t kPointerColor = 0xFFDCAA28;   // RGB(40, 170, 220)
constexpr uint32_t kDanglingColor = 0xFF2828EB;  // RGB(235, 40, 40)
constexpr uint32_t kPinnedColor = 0xFF14B4F0;    // RGB(240, 180, 20)
// What if: the background of a summary row whose value differs between the two runs.
constexpr uint32_t kWhatIfDiffColor = 0xFF7A3C96;  // RGB(150, 60, 122)

// `text` cut to `width` pixels of the current font with "..." at the end (at a UTF-8 character
// boundary); `text` itself when it fits.
std::string FitText(const std::string& text, float width);

// The source line of the event at the cursor; 0 when there is none.
uint32_t CurrentLine(const Session& s);

void DrawMenuBar(ViewContext& ctx);       // menu_view.cpp: File / View / Run, inside the main menu bar
void DrawStepView(ViewContext& ctx);      // step_view.cpp: transport, cursor, the current event
// step_view.cpp: rows of controls the bar needs at `width` (1 or 2), and its height at the current
// font; `exec_toggle`: the bar also holds the "executor code" toggle (a run with executor code).
int TransportRows(float width, bool exec_toggle = false);
float StepViewHeight(float width, bool exec_toggle = false);
void DrawSourceView(ViewContext& ctx);    // source_view.cpp
void DrawExecutorView(ViewContext& ctx);  // executor_view.cpp
void DrawMachineView(ViewContext& ctx);   // machine_view.cpp: the current future's state machine
void DrawNarrationView(ViewContext& ctx);  // narration_view.cpp: the current event in plain sentences
// narration_view.cpp: the height the Narration panel needs at `panel_width` to show the current
// step's narration and source line whole, title bar included.
float NarrationPanelHeight(const Session& s, float panel_width);
void DrawOutputView(ViewContext& ctx);     // output_view.cpp: printed text and diagnostics so far
void DrawDevicesView(ViewContext& ctx);    // devices_view.cpp: requests in flight, keyboard queue, interrupts
void DrawTimelineView(ViewContext& ctx);   // timeline_view.cpp: task and device lanes over virtual time
void DrawDesugarView(ViewContext& ctx);    // desugar_view.cpp: the shown machine's generated code
void DrawGalleryView(ViewContext& ctx);    // gallery_view.cpp: every scenario by document, searchable
void DrawEditorView(ViewContext& ctx);     // editor_view.cpp: the script and devices, re-lowered as edited
void DrawKeyboardView(ViewContext& ctx);   // keyboard_view.cpp: keys typed live become scancodes
void DrawPredictionView(ViewContext& ctx);  // prediction_view.cpp: the question card of prediction mode
void DrawMemoryView(ViewContext& ctx);     // memory_view.cpp: bytes, fields, pointers, moves, Pin
bool TracksMemory(const Session& s);       // memory_view.cpp: the scenario records memory events
void DrawWhatIfView(ViewContext& ctx);     // whatif_view.cpp: one change, both runs side by side

}  // namespace aws::gui
