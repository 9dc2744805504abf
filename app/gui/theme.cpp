#include "gui/theme.h"

#include <cmath>
#include <iterator>

#include "gui/graph_layout.h"
#include "gui/views/views.h"

namespace aws::gui {
namespace {


// [SECTION] Palettes. The dark one keeps the colours the screenshot tests look for
// (kCurrentLineColor, kQueueBoxColor, kCurrentStateColor).
constexpr Palette kDark = {
    .clear = IM_COL32(20, 20, 23, 255),
    .current_line = kCurrentLineColor,
    .queue_box = kQueueBoxColor,
    .box_text = IM_COL32(255, 255, 255, 255),
    .empty_outline = IM_COL32(90, 90, 90, 255),
    .empty_text = IM_COL32(120, 120, 120, 255),
    // Okabe–Ito: yellow, bluish green, sky blue (IDLE grey); the label is the second cue.
    .status = {IM_COL32(150, 150, 150, 255), IM_COL32(240, 228, 66, 255), IM_COL32(0, 158, 115, 255),
               IM_COL32(86, 180, 233, 255)},
    .lit_state = kCurrentStateColor,
    .lit_text = IM_COL32(20, 20, 20, 255),
    .node_border = IM_COL32(160, 160, 160, 255),
    .node_text = IM_COL32(230, 230, 230, 255),
    .edge = IM_COL32(120, 120, 120, 255),
    .edge_label = IM_COL32(150, 150, 150, 255),
    .arrow = IM_COL32(235, 235, 235, 200),
    .playhead = IM_COL32(255, 60, 60, 255),
    .lane_line = IM_COL32(70, 70, 70, 255),
    .grid = IM_COL32(55, 55, 55, 255),
    .ruler_text = IM_COL32(150, 150, 150, 255),
    .request = IM_COL32(160, 160, 160, 255),
    .ready_outline = IM_COL32(255, 255, 255, 255),
    .marker_outline = IM_COL32(230, 230, 230, 255),
    .flash = IM_COL32(230, 70, 60, 255),
    .scancode_box = IM_COL32(120, 90, 170, 255),
    .error = IM_COL32(235, 80, 70, 255),
    .warning = IM_COL32(240, 170, 40, 255),
    .note = IM_COL32(160, 160, 160, 255),
    .ok = IM_COL32(110, 200, 120, 255),
};

// Dark text on pale panels: every colour that was light on dark becomes dark on light.
constexpr Palette kLight = {
    .clear = IM_COL32(225, 225, 228, 255),
    .current_line = IM_COL32(255, 214, 120, 255),
    .queue_box = kQueueBoxColor,
    .box_text = IM_COL32(255, 255, 255, 255),
    .empty_outline = IM_COL32(150, 150, 150, 255),
    .empty_text = IM_COL32(110, 110, 110, 255),
    // Okabe–Ito's darker members where yellow and sky blue would vanish on white.
    .status = {IM_COL32(100, 100, 100, 255), IM_COL32(213, 94, 0, 255), IM_COL32(0, 158, 115, 255),
               IM_COL32(0, 114, 178, 255)},
    .lit_state = kCurrentStateColor,
    .lit_text = IM_COL32(20, 20, 20, 255),
    .node_border = IM_COL32(90, 90, 90, 255),
    .node_text = IM_COL32(20, 20, 20, 255),
    .edge = IM_COL32(110, 110, 110, 255),
    .edge_label = IM_COL32(70, 70, 70, 255),
    .arrow = IM_COL32(40, 40, 40, 200),
    .playhead = IM_COL32(210, 0, 0, 255),
    .lane_line = IM_COL32(190, 190, 190, 255),
    .grid = IM_COL32(205, 205, 205, 255),
    .ruler_text = IM_COL32(80, 80, 80, 255),
    .request = IM_COL32(120, 120, 120, 255),
    .ready_outline = IM_COL32(0, 0, 0, 255),
    .marker_outline = IM_COL32(0, 0, 0, 255),
    .flash = IM_COL32(210, 40, 30, 255),
    .scancode_box = IM_COL32(120, 90, 170, 255),
    .error = IM_COL32(190, 30, 20, 255),
    .warning = IM_COL32(170, 90, 0, 255),
    .note = IM_COL32(90, 90, 90, 255),
    .ok = IM_COL32(0, 120, 60, 255),  // the dark theme's pale green is under 2:1 on white
};

// White on black with saturated accents; highlights carry white or black text at >= 7:1.
constexpr Palette kHighContrast = {
    .clear = IM_COL32(0, 0, 0, 255),
    .current_line = IM_COL32(0, 70, 170, 255),
    .queue_box = IM_COL32(0, 95, 210, 255),
    .box_text = IM_COL32(255, 255, 255, 255),
    .empty_outline = IM_COL32(255, 255, 255, 255),
    .empty_text = IM_COL32(255, 255, 255, 255),
    .status = {IM_COL32(210, 210, 210, 255), IM_COL32(240, 228, 66, 255), IM_COL32(0, 158, 115, 255),
               IM_COL32(86, 180, 233, 255)},
    .lit_state = IM_COL32(255, 230, 0, 255),
    .lit_text = IM_COL32(0, 0, 0, 255),
    .node_border = IM_COL32(255, 255, 255, 255),
    .node_text = IM_COL32(255, 255, 255, 255),
    .edge = IM_COL32(220, 220, 220, 255),
    .edge_label = IM_COL32(255, 255, 255, 255),
    .arrow = IM_COL32(255, 255, 255, 230),
    .playhead = IM_COL32(255, 40, 40, 255),
    .lane_line = IM_COL32(150, 150, 150, 255),
    .grid = IM_COL32(110, 110, 110, 255),
    .ruler_text = IM_COL32(255, 255, 255, 255),
    .request = IM_COL32(220, 220, 220, 255),
    .ready_outline = IM_COL32(255, 255, 255, 255),
    .marker_outline = IM_COL32(255, 255, 255, 255),
    .flash = IM_COL32(255, 40, 40, 255),
    .scancode_box = IM_COL32(150, 80, 230, 255),
    .error = IM_COL32(255, 90, 90, 255),
    .warning = IM_COL32(255, 200, 0, 255),
    .note = IM_COL32(220, 220, 220, 255),
    .ok = IM_COL32(80, 230, 110, 255),
};

void HighContrastColors(ImGuiStyle* style) {
  ImGui::StyleColorsDark(style);
  ImVec4* c = style->Colors;
  const ImVec4 black(0, 0, 0, 1), white(1, 1, 1, 1), yellow(1, 0.9f, 0, 1);
  const ImVec4 blue(0, 0.27f, 0.67f, 1), blue_hi(0, 0.4f, 0.85f, 1), blue_active(0, 0.5f, 1, 1);
  c[ImGuiCol_Text] = white;
  c[ImGuiCol_TextDisabled] = ImVec4(0.8f, 0.8f, 0.8f, 1);
  c[ImGuiCol_WindowBg] = c[ImGuiCol_ChildBg] = c[ImGuiCol_PopupBg] = black;
  c[ImGuiCol_Border] = white;
  c[ImGuiCol_FrameBg] = ImVec4(0.12f, 0.12f, 0.12f, 1);
  c[ImGuiCol_FrameBgHovered] = ImVec4(0.25f, 0.25f, 0.25f, 1);
  c[ImGuiCol_FrameBgActive] = ImVec4(0.35f, 0.35f, 0.35f, 1);
  c[ImGuiCol_TitleBg] = c[ImGuiCol_TitleBgCollapsed] = ImVec4(0.15f, 0.15f, 0.15f, 1);
  c[ImGuiCol_TitleBgActive] = ImVec4(0.25f, 0.25f, 0.25f, 1);
  c[ImGuiCol_MenuBarBg] = ImVec4(0.1f, 0.1f, 0.1f, 1);
  c[ImGuiCol_ScrollbarBg] = black;
  c[ImGuiCol_ScrollbarGrab] = ImVec4(0.75f, 0.75f, 0.75f, 1);
  c[ImGuiCol_ScrollbarGrabHovered] = c[ImGuiCol_ScrollbarGrabActive] = white;
  c[ImGuiCol_CheckMark] = c[ImGuiCol_SliderGrab] = c[ImGuiCol_SliderGrabActive] = yellow;
  c[ImGuiCol_Button] = c[ImGuiCol_Header] = c[ImGuiCol_Tab] = blue;
  c[ImGuiCol_ButtonHovered] = c[ImGuiCol_HeaderHovered] = c[ImGuiCol_TabHovered] = blue_hi;
  c[ImGuiCol_ButtonActive] = c[ImGuiCol_HeaderActive] = c[ImGuiCol_TabActive] = blue_active;
  c[ImGuiCol_Separator] = c[ImGuiCol_TableBorderStrong] = white;
  c[ImGuiCol_TableBorderLight] = ImVec4(0.6f, 0.6f, 0.6f, 1);
  c[ImGuiCol_TableHeaderBg] = ImVec4(0.15f, 0.15f, 0.15f, 1);
  c[ImGuiCol_TableRowBg] = black;
  c[ImGuiCol_TableRowBgAlt] = ImVec4(0.09f, 0.09f, 0.09f, 1);
  c[ImGuiCol_PlotLines] = yellow;
  // Progress bars (white text on the fill) and the Source panel's await marks (text on black)
  // both use it: a bright blue reads in both places; yellow fails under white text.
  c[ImGuiCol_PlotHistogram] = ImVec4(0.05f, 0.45f, 0.95f, 1);
  c[ImGuiCol_TextSelectedBg] = ImVec4(0, 0.4f, 0.85f, 1);
  c[ImGuiCol_NavHighlight] = yellow;
}

// [SECTION] Task colours and shapes.
constexpr ImU32 kTaskColors[] = {
    IM_COL32(230, 159, 0, 255),  IM_COL32(86, 180, 233, 255), IM_COL32(0, 158, 115, 255),
    IM_COL32(240, 228, 66, 255), IM_COL32(0, 114, 178, 255),  IM_COL32(213, 94, 0, 255),
    IM_COL32(204, 121, 167, 255),
};
// 7 colours and 6 shapes: a (colour, shape) pair repeats only every 42 tasks.
constexpr MarkerShape kShapes[] = {MarkerShape::Circle,     MarkerShape::Square, MarkerShape::TriangleUp,
                                   MarkerShape::Diamond,    MarkerShape::TriangleDown, MarkerShape::Hexagon};

size_t Wrap(int task, size_t n) { return static_cast<size_t>(task < 0 ? 0 : task) % n; }

}  // namespace


const Palette& ThemePalette(Theme theme) {
  switch (theme) {
    case Theme::Light: return kLight;
    case Theme::HighContrast: return kHighContrast;
    case Theme::Dark: break;
  }
  return kDark;
}

const Palette& ThemePalette(std::string_view name) { return ThemePalette(ParseTheme(name).value_or(Theme::Dark)); }

ImGuiStyle MakeStyle(Theme theme, float scale) {
  ImGuiStyle style;
  switch (theme) {
    case Theme::Dark: ImGui::StyleColorsDark(&style); break;
    case Theme::Light:
      ImGui::StyleColorsLight(&style);
      style.FrameBorderSize = 1.0f;  // light frames barely stand out from the window otherwise
      // The Source panel's await marks use it: ImGui's light yellow is unreadable on white.
      style.Colors[ImGuiCol_PlotHistogram] = ImVec4(0.62f, 0.38f, 0.0f, 1.0f);
      break;
    case Theme::HighContrast:
      HighContrastColors(&style);
      style.FrameBorderSize = 1.0f;
      break;
  }
  style.ScaleAllSizes(scale);
  return style;
}

ImU32 TaskColor(int task) { return kTaskColors[Wrap(task, std::size(kTaskColors))]; }
MarkerShape TaskShape(int task) { return kShapes[Wrap(task, std::size(kShapes))]; }

void DrawTaskMarker(ImDrawList* dl, ImVec2 c, float size, int task, ImU32 outline) {
  const ImU32 fill = TaskColor(task);
  const float r = size * 0.5f;
  const float line = std::max(1.0f, size / 12.0f);
  auto poly = [&](std::initializer_list<ImVec2> pts) {
    ImVec2 v[6];
    int n = 0;
    for (ImVec2 p : pts) v[n++] = ImVec2(c.x + p.x * r, c.y + p.y * r);
    dl->AddConvexPolyFilled(v, n, fill);
    dl->AddPolyline(v, n, outline, ImDrawFlags_Closed, line);
  };
  switch (TaskShape(task)) {
    case MarkerShape::Circle:
      dl->AddCircleFilled(c, r, fill, 20);
      dl->AddCircle(c, r, outline, 20, line);
      break;
    case MarkerShape::Square: poly({{-0.85f, -0.85f}, {0.85f, -0.85f}, {0.85f, 0.85f}, {-0.85f, 0.85f}}); break;
    case MarkerShape::TriangleUp: poly({{0, -1}, {1, 0.8f}, {-1, 0.8f}}); break;
    case MarkerShape::Diamond: poly({{0, -1}, {1, 0}, {0, 1}, {-1, 0}}); break;
    case MarkerShape::TriangleDown: poly({{-1, -0.8f}, {1, -0.8f}, {0, 1}}); break;
    case MarkerShape::Hexagon:
      poly({{1, 0}, {0.5f, 0.87f}, {-0.5f, 0.87f}, {-1, 0}, {-0.5f, -0.87f}, {0.5f, -0.87f}});
      break;
  }
}

void TaskMarker(int task, ImU32 outline) {
  const float h = ImGui::GetTextLineHeight();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  DrawTaskMarker(ImGui::GetWindowDrawList(), ImVec2(p.x + h * 0.5f, p.y + h * 0.5f), h * 0.8f, task, outline);
  ImGui::Dummy(ImVec2(h, h));
  ImGui::SameLine();
}

}  // namespace aws::gui
