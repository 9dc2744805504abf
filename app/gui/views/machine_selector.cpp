#include "gui/views/machine_selector.h"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "present/i18n.h"

namespace aws::gui {

void DrawMachineSelector(const Program& p, const present::MachineChoice& c, int& pinned) {
  if (c.machine < 0 || size_t(c.machine) >= p.machines.size()) return;
  if (pinned >= int(p.machines.size())) pinned = -1;
  const Machine& m = p.machines[size_t(c.machine)];
  // Room for the "machine" label beside it at any font size.
  ImGui::SetNextItemWidth(std::min(ImGui::GetFontSize() * 16, ImGui::GetContentRegionAvail().x * 0.6f));
  std::string preview = pinned >= 0 ? m.name : std::string(_("follow: ")) + m.name;
  if (ImGui::BeginCombo(_("machine"), preview.c_str())) {
    if (ImGui::Selectable(_("follow the current event"), pinned < 0)) pinned = -1;
    for (size_t i = 0; i < p.machines.size(); ++i) {
      std::string item = p.machines[i].name + "  (" + p.machines[i].kind + ")";
      if (ImGui::Selectable(item.c_str(), pinned == int(i))) pinned = int(i);
    }
    ImGui::EndCombo();
  }
}

}  // namespace aws::gui
