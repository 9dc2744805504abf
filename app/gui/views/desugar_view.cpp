// The generated code of the shown state machine (the same one as the State machine panel): the
// current state's struct and enum variant lit, its arm of `poll`'s match lit (brighter while the
// machine is being polled) and kept in view, the saved field values beside the struct.
#include <imgui.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "present/desugar_highlight.h"
#include "gui/fonts.h"
#include "gui/views/machine_selector.h"
#include "gui/theme.h"
#include "gui/views/views.h"

namespace aws::gui {
namespace {

constexpr int kContextLines = 2;  // lines kept above the struct or arm scrolled into view

// Line backgrounds and the colour of the field values, by theme (the dark ones are views.h's, which
// the screenshot tests look for).
struct CodeColors {
  ImU32 executing_arm, current_arm, current_struct, note;
};
constexpr CodeColors kColors[] = {
    {kExecutingArmColor, kCurrentArmColor, kCurrentStructColor, kFieldValueColor},                  // dark
    {IM_COL32(255, 200, 100, 255), IM_COL32(200, 215, 240, 255), IM_COL32(200, 235, 205, 255),
     IM_COL32(150, 70, 0, 255)},                                                                       // light
    {IM_COL32(0, 60, 150, 255), IM_COL32(70, 70, 70, 255), IM_COL32(0, 85, 40, 255),
     IM_COL32(255, 230, 0, 255)},                                                                      // high contrast
};

const CodeColors& ColorsFor(const std::string& theme) {
  switch (ParseTheme(theme).value_or(Theme::Dark)) {
    case Theme::Light:
      return kColors[1];
    case Theme::HighContrast:
      return kColors[2];
    case Theme::Dark:
      break;
  }
  return kColors[0];
}

std::vector<std::string_view> SplitDisplayLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

ImU32 MarkColor(const CodeColors& colors, CodeLineMark mark) {
  switch (mark) {
    case CodeLineMark::ExecutingArm:
      return colors.executing_arm;
    case CodeLineMark::Arm:
      return colors.current_arm;
    case CodeLineMark::Struct:
    case CodeLineMark::Variant:
      return colors.current_struct;
    case CodeLineMark::None:
      break;
  }
  return 0;
}

}  // namespace

void DrawDesugarView(ViewContext& ctx) {
  const Session& s = ctx.session;
  const Program* p = s.program();
  if (p == nullptr || (p->machines.empty() && HandWrittenOf(p).empty())) {
    ImGui::TextDisabled(_("no state machines"));
    return;
  }
  const present::ShownFuture chosen = present::ChooseShownFuture(s, HandWrittenOf(p), ctx.view.pinned_machine);
  DrawMachineSelector(*p, chosen, ctx.view.pinned_machine);
  if (chosen.hand_written >= 0) {
    // Nothing is generated for a hand-written future: its code is what the student wrote.
    const present::HandWrittenEntry& e = HandWrittenOf(p)[size_t(chosen.hand_written)];
    ImGui::TextWrapped("%s", TrFormat(N_("{} is a hand-written future: the compiler generates no code for it. Its poll, "
                                         "as written, runs on every poll:"),
                                      e.name)
                                 .c_str());
    ImGui::BeginChild("code", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
    DrawPollCode(ctx, e, chosen.future.line);
    ImGui::EndChild();
    return;
  }
  if (chosen.machine.machine < 0) return;
  const MachineChoice& c = chosen.machine;
  const Machine& m = p->machines[size_t(c.machine)];
  if (c.state < 0) {
    ImGui::TextDisabled(_("%s: not created yet"), m.enum_name.c_str());
  } else {
    const char* label = m.states[size_t(c.state)].label.c_str();
    if (c.polling) ImGui::TextWrapped(_("%s #%d is in %s and is being polled: its arm runs."), m.enum_name.c_str(), c.object, label);
    else ImGui::TextWrapped(_("%s #%d is in %s: this arm runs when it is next polled."), m.enum_name.c_str(), c.object, label);
  }
  const CodeColors& colors = ColorsFor(ctx.view.settings.theme);

  const DesugarHighlight h = HighlightDesugared(m, c);
  const std::vector<std::string_view> lines = SplitDisplayLines(m.desugared);

  ImGui::BeginChild("code", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
  ImGui::PushFont(CurrentFonts().mono);
  const float line_h = ImGui::GetTextLineHeightWithSpacing();
  if (!h.arm.empty() && (c.machine != ctx.view.desugar_scrolled_machine || c.state != ctx.view.desugar_scrolled_state)) {
    // A newly current arm comes into view (with its state's struct when both fit); while it stays
    // current, the user scrolls.
    const auto visible = uint32_t(std::max(1.0f, ImGui::GetWindowHeight() / line_h));
    ImGui::SetScrollY(float(FirstLineToShow(h, visible, kContextLines) - 1) * line_h);
    ctx.view.desugar_scrolled_machine = c.machine;
    ctx.view.desugar_scrolled_state = c.state;
  }

  // Generated code nests deep: when its widest line does not fit the panel, it is shown with
  // half the indentation (two columns a level instead of four), so a narrow panel still shows
  // whole statements; the rest scrolls sideways.
  float widest = 0;
  for (std::string_view l : lines) widest = std::max(widest, ImGui::CalcTextSize(l.data(), l.data() + l.size()).x);
  const float number_w = ImGui::CalcTextSize("0000").x + ImGui::GetStyle().ItemSpacing.x;
  const bool halve = number_w + widest > ImGui::GetContentRegionAvail().x;
  std::vector<std::string> shown;
  shown.reserve(lines.size());
  for (std::string_view l : lines) {
    const size_t indent = halve ? l.find_first_not_of(' ') : 0;
    if (indent == std::string_view::npos || indent == 0) shown.emplace_back(l);
    else shown.push_back(std::string(indent / 2, ' ').append(l.substr(indent)));
  }

  // The notes start one column right of the struct's widest line.
  float note_x = 0;
  for (uint32_t l = h.struct_lines.first; !h.struct_lines.empty() && l <= h.struct_lines.last && l <= lines.size(); ++l)
    note_x = std::max(note_x, ImGui::CalcTextSize(shown[l - 1].c_str()).x);
  note_x += ImGui::CalcTextSize("  ").x;

  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImGuiListClipper clipper;
  clipper.Begin(int(lines.size()), line_h);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const uint32_t number = uint32_t(i) + 1;
      if (const ImU32 col = MarkColor(colors, h.MarkOf(number)); col != 0) {
        ImVec2 a = ImGui::GetCursorScreenPos();
        a.x = ImGui::GetWindowPos().x;
        dl->AddRectFilled(a, ImVec2(a.x + ImGui::GetWindowWidth(), a.y + line_h), col);
      }
      ImGui::TextDisabled("%4u", number);
      ImGui::SameLine();
      const float text_x = ImGui::GetCursorPosX();
      const std::string& l = shown[size_t(i)];
      ImGui::TextUnformatted(l.data(), l.data() + l.size());
      for (const FieldNote& note : h.notes) {
        if (note.line != number) continue;
        ImGui::SameLine(text_x + note_x);
        ImGui::PushStyleColor(ImGuiCol_Text, colors.note);
        ImGui::TextUnformatted(note.text.c_str());
        ImGui::PopStyleColor();
      }
    }
  }
  ImGui::PopFont();
  ImGui::EndChild();
}

}  // namespace aws::gui
