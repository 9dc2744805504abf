// The transport bar: buttons that push commands, the cursor, the clock and the current event.
#include <imgui.h>

#include "awaitscope/trace.h"
#include "gui/views.h"

namespace aws::gui {

void DrawStepView(ViewContext& ctx) {
  const Session& s = ctx.session;
  auto& cmds = ctx.commands;
  if (ImGui::Button("|<")) cmds.push_back({CommandKind::Seek, -1});
  ImGui::SameLine();
  if (ImGui::Button("<")) cmds.push_back({CommandKind::StepBack});
  ImGui::SameLine();
  if (ImGui::Button(ctx.view.playing ? "Pause" : "Play ")) cmds.push_back({CommandKind::TogglePlay});
  ImGui::SameLine();
  if (ImGui::Button(">")) cmds.push_back({CommandKind::Step});
  ImGui::SameLine();
  if (ImGui::Button(">|")) cmds.push_back({CommandKind::Seek, s.size() - 1});
  ImGui::SameLine();
  ImGui::Text("step %lld / %lld   t=%lldms", static_cast<long long>(s.cursor()),
              static_cast<long long>(s.size() - 1), static_cast<long long>(s.state().t_ms));
  if (const Scenario* sc = s.scenario(); sc != nullptr && !sc->title.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("  %s", sc->title.c_str());
  }
  const int64_t c = s.cursor();
  if (c >= 0 && c < s.size()) {
    std::string text = EventText(s.trace(), s.trace().events[static_cast<size_t>(c)], s.program());
    ImGui::TextUnformatted(text.c_str());
  } else {
    ImGui::TextDisabled("before the first event  (Right: step, Left: back, Space: play/pause)");
  }
}

}  // namespace aws::gui
