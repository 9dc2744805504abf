// The script with line numbers, in the mono font; the line of the event at the cursor is
// highlighted and kept in view; each await is marked with the state it suspends in; clicking the
// gutter toggles a line breakpoint.
#include <imgui.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "awaitscope/lower.h"
#include "awaitscope/scenario.h"
#include "gui/fonts.h"
#include "gui/theme.h"
#include "gui/views/views.h"

namespace aws::gui {

namespace {

// Source line -> the states that suspend there, e.g. "WaitingOnFooTxt (Suspend0)".
std::map<uint32_t, std::string> AwaitMarks(const Program* program) {
  std::map<uint32_t, std::string> marks;
  if (program == nullptr) return marks;
  for (const Machine& m : program->machines)
    for (const State& st : m.states) {
      if (st.kind != StateKind::Suspend || st.line == 0) continue;
      std::string& text = marks[st.line];
      text += (text.empty() ? "" : ", ") + st.label + " (" + st.name + ")";
    }
  return marks;
}

}  // namespace

void DrawSourceView(ViewContext& ctx) {
  const Scenario* sc = ctx.session.scenario();
  if (sc == nullptr) {
    ImGui::TextDisabled(_("no script loaded"));
    return;
  }
  const SourceFile& src = sc->script;
  ImGui::TextDisabled("%s", src.name().c_str());
  // On a line step of executor code (trace.h ExecLine), which function runs it.
  if (const int64_t at = ctx.session.cursor(); at >= 0 && at < ctx.session.size()) {
    const Event& e = ctx.session.trace().events[static_cast<size_t>(at)];
    const Trace& t = ctx.session.trace();
    if (e.kind == EventKind::ExecLine && e.obj >= 0 && static_cast<size_t>(e.obj) < t.objects.size()) {
      ImGui::SameLine(0, ImGui::GetFontSize());
      ImGui::TextUnformatted(TrFormat(N_("executor code: {}, line {}"), t.objects[static_cast<size_t>(e.obj)].name, e.line).c_str());
    }
  }
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
  // Code in the mono font, the gutter, numbers and await marks too, so every row has one height.
  ImGui::PushFont(CurrentFonts().mono);
  const float text_h = ImGui::GetTextLineHeight();
  const float line_h = ImGui::GetTextLineHeightWithSpacing();  // one row: the clipper's step
  ViewData& v = ctx.view;
  const ImVec2 size = ImGui::GetWindowSize();
  if (v.source_font != ImGui::GetFontSize() || v.source_w != size.x || v.source_h != size.y) {
    v.source_font = ImGui::GetFontSize();
    v.source_w = size.x;
    v.source_h = size.y;
    v.source_refit_frames = 3;
  }
  if (current != 0 && current >= first_line) {
    const float y = static_cast<float>(current - first_line) * line_h;
    // The visible rows: the window less its horizontal scrollbar when it has one.
    const float scroll = ImGui::GetScrollY();
    const float view_h = ImGui::GetWindowHeight() - (ImGui::GetScrollMaxX() > 0 ? ImGui::GetStyle().ScrollbarSize : 0.0f);
    const bool in_view = y >= scroll && y + line_h <= scroll + view_h;
    // Centre a newly current line, and the current line again when the font or the panel's size
    // changed and left it out of view; a line that stays current otherwise leaves the user's
    // scrolling alone.
    if (current != v.source_scrolled_to || (v.source_refit_frames > 0 && !in_view)) {
      ImGui::SetScrollY(std::max(0.0f, y - view_h * 0.5f));
      v.source_scrolled_to = current;
    }
  }
  if (v.source_refit_frames > 0) --v.source_refit_frames;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const std::map<uint32_t, std::string> marks = AwaitMarks(ctx.session.program());
  const std::set<uint32_t>& breakpoints = ctx.view.breakpoints.lines;
  const float gutter = ImGui::GetFontSize() * 1.2f;
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(lines.size()), line_h);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const uint32_t number = first_line + static_cast<uint32_t>(i);
      if (number == current) {
        // The band spans the row's spacing evenly above and below the text.
        ImVec2 p = ImGui::GetCursorScreenPos();
        p.y -= (line_h - text_h) * 0.5f;
        float right = ImGui::GetWindowPos().x + ImGui::GetWindowWidth();
        dl->AddRectFilled(p, ImVec2(right, p.y + line_h), ThemePalette(ctx.view.settings.theme).current_line);
      }
      // The gutter: a red dot for a breakpoint, a faint one on hover; click toggles. It is one
      // text line high: ItemSpacing is added after it, as after the text, so rows stay line_h
      // apart as the clipper and the scrolling assume.
      const ImVec2 g = ImGui::GetCursorScreenPos();
      ImGui::PushID(i);
      if (ImGui::InvisibleButton("bp", ImVec2(gutter, text_h))) {
        Command c;
        c.kind = CommandKind::ToggleLineBreakpoint;
        c.value = number;
        ctx.commands.push_back(c);
      }
      const bool hovered = ImGui::IsItemHovered();
      ImGui::PopID();
      const ImVec2 centre(g.x + gutter * 0.5f, g.y + text_h * 0.5f);
      const float r = text_h * 0.35f;
      if (breakpoints.count(number) != 0)
        dl->AddCircleFilled(centre, r, kBreakpointColor);
      else if (hovered)
        dl->AddCircle(centre, r, kBreakpointColor);
      ImGui::SameLine(0, 0);
      ImGui::TextDisabled("%4u", number);
      ImGui::SameLine();
      std::string_view l = lines[static_cast<size_t>(i)];
      ImGui::TextUnformatted(l.data(), l.data() + l.size());
      if (auto m = marks.find(number); m != marks.end()) {
        // The mark fits the visible width, cut with "..." and whole in a tooltip when it does not.
        ImGui::SameLine(0, ImGui::GetFontSize());
        const std::string full = _("<- await: ") + m->second;
        const float right = ImGui::GetWindowPos().x + ImGui::GetWindowWidth() - ImGui::GetStyle().ScrollbarSize;
        const float room = std::max(right - ImGui::GetCursorScreenPos().x, ImGui::CalcTextSize("<-...").x);
        const std::string shown = FitText(full, room);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_PlotHistogram));
        ImGui::TextUnformatted(shown.c_str());
        ImGui::PopStyleColor();
        if (shown != full && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", full.c_str());
      }
    }
  }
  ImGui::PopFont();
  ImGui::EndChild();
}

}  // namespace aws::gui
