// What the program has printed up to the cursor, then the run's diagnostics so far (warnings in
// amber, errors and panics in red).
#include <imgui.h>

#include <string>
#include <string_view>

#include "gui/theme.h"
#include "gui/views/views.h"

namespace aws::gui {
namespace {

struct SeverityStyle {
  std::string_view marker;  // as DiagnosticText writes it (world.cpp)
  ImU32 Palette::*color;
};

constexpr SeverityStyle kSeverityStyles[] = {
    {": error: ", &Palette::error},
    {": panic: ", &Palette::error},
    {": warning: ", &Palette::warning},
    {": note: ", &Palette::note},
};

ImU32 ColorOf(std::string_view diagnostic, const Palette& pal) {
  for (const SeverityStyle& s : kSeverityStyles)
    if (diagnostic.find(s.marker) != std::string_view::npos) return pal.*s.color;
  return ImGui::GetColorU32(ImGuiCol_Text);
}

}  // namespace

void DrawOutputView(ViewContext& ctx) {
  const WorldState& w = ctx.session.state();
  ImGui::TextDisabled(_("printed so far"));
  ImGui::Separator();
  if (w.output.empty()) ImGui::TextDisabled(_("(nothing yet)"));
  else ImGui::TextUnformatted(w.output.c_str());
  ImGui::Spacing();
  ImGui::TextDisabled(_("diagnostics (%zu)"), w.diagnostics.size());
  ImGui::Separator();
  ImGui::PushTextWrapPos(0.0f);
  for (const std::string& d : w.diagnostics) {
    ImGui::PushStyleColor(ImGuiCol_Text, ColorOf(d, ThemePalette(ctx.view.settings.theme)));
    ImGui::TextUnformatted(d.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::PopTextWrapPos();
}

}  // namespace aws::gui
