// The narration: what the current event means, in one or two plain sentences, large; below it
// where the scenario comes from and any note its author left for this step.
#include <imgui.h>

#include <string>

#include "present/narration.h"
#include "gui/views/views.h"

namespace aws::gui {

void DrawNarrationView(ViewContext& ctx) {
  const Session& s = ctx.session;
  const int64_t step = s.cursor();
  const std::string sentence = Narrate(s.trace(), s.program(), step);
  ImGui::SetWindowFontScale(1.35f);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(sentence.c_str());
  ImGui::PopTextWrapPos();
  ImGui::SetWindowFontScale(1.0f);
  const std::string source = NarrateSource(s.scenario(), step);
  if (source.empty()) return;
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", source.c_str());
  ImGui::PopTextWrapPos();
}

}  // namespace aws::gui
