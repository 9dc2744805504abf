#include "gui/views/machine_selector.h"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "present/i18n.h"

namespace aws::gui {

const std::vector<present::HandWrittenEntry>& HandWrittenOf(const Program* p) {
  static const Program* cached_for = nullptr;
  static std::vector<present::HandWrittenEntry> cached;
  // A new Program is allocated while the previous one is alive, so its address differs.
  if (cached_for != p) {
    cached_for = p;
    cached = p != nullptr ? present::HandWrittenFutures(*p) : std::vector<present::HandWrittenEntry>{};
  }
  return cached;
}

void DrawMachineSelector(const Program& p, const present::ShownFuture& shown, int& pinned) {
  const std::vector<present::HandWrittenEntry>& entries = HandWrittenOf(&p);
  const int count = int(p.machines.size() + entries.size());
  if (pinned >= count) pinned = -1;
  std::string name;
  if (shown.hand_written >= 0 && size_t(shown.hand_written) < entries.size()) name = entries[size_t(shown.hand_written)].name;
  else if (shown.machine.machine >= 0 && size_t(shown.machine.machine) < p.machines.size()) name = p.machines[size_t(shown.machine.machine)].name;
  else return;
  // Room for the "machine" label beside it at any font size.
  ImGui::SetNextItemWidth(std::min(ImGui::GetFontSize() * 16, ImGui::GetContentRegionAvail().x * 0.6f));
  std::string preview = pinned >= 0 ? name : std::string(_("follow: ")) + name;
  if (ImGui::BeginCombo(_("machine"), preview.c_str())) {
    if (ImGui::Selectable(_("follow the current event"), pinned < 0)) pinned = -1;
    for (size_t i = 0; i < p.machines.size(); ++i) {
      std::string item = p.machines[i].name + "  (" + p.machines[i].kind + ")";
      if (ImGui::Selectable(item.c_str(), pinned == int(i))) pinned = int(i);
    }
    for (size_t i = 0; i < entries.size(); ++i) {
      const int index = int(p.machines.size() + i);
      std::string item = entries[i].name + "  (" + _("hand-written Future") + ")";
      if (ImGui::Selectable(item.c_str(), pinned == index)) pinned = index;
    }
    ImGui::EndCombo();
  }
}

}  // namespace aws::gui
