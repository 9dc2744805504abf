#include "gui/app.h"

#include <imgui.h>

#include "gui/views.h"

namespace aws::gui {

bool App::Load(const std::string& path, Diagnostics& diags) {
  if (!session_.Load(path, diags)) return false;
  view_ = ViewData{};
  commands_.clear();
  return true;
}

void App::ReadKeys() {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) Push({CommandKind::Step});
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) Push({CommandKind::StepBack});
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) Push({CommandKind::TogglePlay});
  if (view_.playing) {
    // Playback paces itself in real time; the engine's clock stays virtual.
    view_.play_seconds += io.DeltaTime;
    double period = 1.0 / view_.steps_per_second;
    while (view_.play_seconds >= period) {
      view_.play_seconds -= period;
      Push({CommandKind::Step});
    }
  }
}

void App::Apply() {
  for (const Command& c : commands_) {
    switch (c.kind) {
      case CommandKind::Step:
        if (!session_.Step()) view_.playing = false;
        break;
      case CommandKind::StepBack:
        session_.StepBack();
        break;
      case CommandKind::Seek:
        session_.Seek(c.step);
        break;
      case CommandKind::TogglePlay:
        view_.playing = !view_.playing;
        view_.play_seconds = 0.0;
        // Play from the start again once the end is reached.
        if (view_.playing && session_.cursor() + 1 >= session_.size()) session_.Reset();
        break;
    }
  }
  commands_.clear();
}

void App::Frame() {
  ReadKeys();
  Apply();
  ViewContext ctx{session_, view_, commands_};
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                      ImGuiWindowFlags_NoCollapse |
                                      ImGuiWindowFlags_NoBringToFrontOnFocus |
                                      ImGuiWindowFlags_NoFocusOnAppearing;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float bar_h = ImGui::GetFrameHeightWithSpacing() + ImGui::GetTextLineHeightWithSpacing() +
                      style.WindowPadding.y * 2;
  for (const ViewInfo& v : Views()) {
    const float area_h = display.y - bar_h;
    ImVec2 pos(v.x * display.x, v.top_bar ? 0.0f : bar_h + v.y * area_h);
    ImVec2 size(v.w * display.x, v.top_bar ? bar_h : v.h * area_h);
    ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
    ImGui::SetNextWindowSize(size, ImGuiCond_Always);
    if (ImGui::Begin(v.title, nullptr, kFlags | (v.top_bar ? ImGuiWindowFlags_NoTitleBar : 0))) v.draw(ctx);
    ImGui::End();
  }
}

}  // namespace aws::gui
