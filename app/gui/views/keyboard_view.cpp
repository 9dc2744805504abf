// The live keyboard: characters typed into its box become set-1 scancodes at the current
// virtual time (Session::InjectScancode re-runs the scenario with them, so they are replayed
// when stepping back and forth), listed with their times.
#include <imgui.h>

#include <memory>

#include "present/editor.h"
#include "present/keyboard.h"
#include "gui/views/views.h"

namespace aws::gui {
namespace {


struct TypingTarget {
  std::vector<Command>* commands;
  bool releases;
};

void PushKey(const TypingTarget& t, char c) {
  for (uint8_t sc : ScancodesFor(c, t.releases)) {
    Command cmd{CommandKind::InjectKey};
    cmd.value = sc;
    t.commands->push_back(std::move(cmd));
  }
}

// Every typed character is turned into key commands and kept out of the (always empty) box.
int OnChar(ImGuiInputTextCallbackData* data) {
  if (data->EventFlag == ImGuiInputTextFlags_CallbackCharFilter && data->EventChar < 128)
    PushKey(*static_cast<const TypingTarget*>(data->UserData), static_cast<char>(data->EventChar));
  return 1;
}

}  // namespace

void DrawKeyboardView(ViewContext& ctx) {
  const Session& s = ctx.session;
  if (!ctx.view.keyboard) ctx.view.keyboard = std::make_shared<KeyboardState>();
  KeyboardState& k = *ctx.view.keyboard;
  if (!ScenarioHasKeyboard(s)) {
    ImGui::TextDisabled(_("this scenario has no keyboard device"));
    return;
  }
  if (!k.releases_chosen) {
    k.releases = ScenarioSendsReleases(s);
    k.releases_chosen = true;
  }
  TypingTarget target{&ctx.commands, k.releases};
  char empty[2] = "";
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
  if (ImGui::InputTextWithHint("##type", _("type here: a-z 0-9 space enter"), empty, sizeof empty,
                               ImGuiInputTextFlags_CallbackCharFilter | ImGuiInputTextFlags_EnterReturnsTrue,
                               OnChar, &target)) {
    PushKey(target, '\n');
    ImGui::SetKeyboardFocusHere(-1);  // Enter would end the typing otherwise
  }
  ImGui::SameLine();
  ImGui::Checkbox(_("send releases"), &k.releases);
  ImGui::TextDisabled(_("keys arrive at t=%lldms (the cursor's time)"), static_cast<long long>(s.state().t_ms));
  if (!k.last_error.empty()) ImGui::TextColored(ImColor(kErrorMarkColor), "%s", k.last_error.c_str());

  const std::vector<KeyInput>& typed = s.options().injected;
  ImGui::Separator();
  const size_t scripted = s.scenario() != nullptr ? s.scenario()->keyboard.size() : 0;
  ImGui::TextDisabled(_("typed live: %zu scancode(s)   scripted by the scenario: %zu"), typed.size(), scripted);
  ImGui::BeginChild("typed", ImVec2(0, 0), false);
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(typed.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const KeyInput& key = typed[static_cast<size_t>(i)];
      // Keys typed later in virtual time than the cursor are dimmed: they have not arrived yet.
      const bool arrived = key.t_ms <= s.state().t_ms;
      if (!arrived) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
      ImGui::Text("t=%lldms  0x%02X  %s", static_cast<long long>(key.t_ms), key.scancode,
                  ScancodeLabel(key.scancode).c_str());
      if (!arrived) ImGui::PopStyleColor();
    }
  }
  ImGui::EndChild();
}

}  // namespace aws::gui
