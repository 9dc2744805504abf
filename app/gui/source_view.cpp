// The script with line numbers; the line of the event at the cursor is highlighted and kept in
// view.
#include <imgui.h>

#include <algorithm>
#include <string_view>
#include <vector>

#include "awaitscope/scenario.h"
#include "gui/theme.h"
#include "gui/views.h"

namespace aws::gui {

void DrawSourceView(ViewContext& ctx) {
  const Scenario* sc = ctx.session.scenario();
  if (sc == nullptr) {
    ImGui::TextDisabled("no script loaded");
    return;
  }
  const SourceFile& src = sc->script;
  ImGui::TextDisabled("%s", src.name().c_str());
  // Lines of the text; event lines are numbered as the user's editor shows them (an inline script
  // starts further down its .toml).
  std::vector<std::string_view> lines;
  std::string_view text = src.text();
  for (size_t start = 0; start <= text.size();) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      if (start < text.size()) lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  const uint32_t first_line = src.Locate(0).line;
  const uint32_t current = CurrentLine(ctx.session);

  ImGui::BeginChild("code", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
  const float line_h = ImGui::GetTextLineHeightWithSpacing();
  if (current != 0 && current != ctx.view.source_scrolled_to && current >= first_line) {
    // Centre a newly current line; a line that stays current leaves the user's scrolling alone.
    float y = static_cast<float>(current - first_line) * line_h;
    ImGui::SetScrollY(std::max(0.0f, y - ImGui::GetWindowHeight() * 0.5f));
    ctx.view.source_scrolled_to = current;
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(lines.size()), line_h);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const uint32_t number = first_line + static_cast<uint32_t>(i);
      if (number == current) {
        ImVec2 p = ImGui::GetCursorScreenPos();
        float right = ImGui::GetWindowPos().x + ImGui::GetWindowWidth();
        dl->AddRectFilled(p, ImVec2(right, p.y + line_h), ThemePalette(ctx.view.settings.theme).current_line);
      }
      ImGui::TextDisabled("%4u", number);
      ImGui::SameLine();
      std::string_view l = lines[static_cast<size_t>(i)];
      ImGui::TextUnformatted(l.data(), l.data() + l.size());
    }
  }
  ImGui::EndChild();
}

}  // namespace aws::gui
