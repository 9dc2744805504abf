// The narration: what the current event means, in one or two plain sentences, large; below it
// where the scenario comes from and any note its author left for this step.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "gui/fonts.h"
#include "present/narration.h"
#include "gui/views/views.h"

namespace aws::gui {

namespace {

// The narration is larger than the rest of the UI: 1.35 times the font, but no more than
// twice the 100 % font, as a large font is large enough already (a projector at 200 % gets the
// UI's own size, and the room it saves).
float SentenceScale() {
  const float font = ImGui::GetFontSize();
  return std::max(font, std::min(font * 1.35f, kBaseFontPx * 2.0f)) / font;
}

// The height of `text` wrapped to `width` at `scale` times the current font.
float WrappedHeight(const std::string& text, float width, float scale) {
  if (text.empty()) return 0.0f;
  ImFont* font = ImGui::GetFont();
  const float size = ImGui::GetFontSize() * scale;
  return font->CalcTextSizeA(size, 1e9f, std::max(1.0f, width), text.c_str()).y;
}

// The space between the sentence and the source line: a gap, the separator, a gap.
float SourceGap() { return ImGui::GetStyle().ItemSpacing.y * 2 + 1.0f; }

}  // namespace

float NarrationPanelHeight(const Session& s, float panel_width) {
  const ImGuiStyle& style = ImGui::GetStyle();
  // Text wraps a scrollbar's width early, so a scrollbar that appears never rewraps it.
  const float width = panel_width - style.WindowPadding.x * 2 - style.ScrollbarSize;
  const int64_t step = s.cursor();
  const std::string source = NarrateSource(s.scenario(), step);
  return ImGui::GetFrameHeight() + style.WindowPadding.y * 2 +
         WrappedHeight(Narrate(s.trace(), s.program(), step, &s.state()), width, SentenceScale()) +
         (source.empty() ? 0.0f : SourceGap() + WrappedHeight(source, width, 1.0f)) + style.ItemSpacing.y * 3;
}

void DrawNarrationView(ViewContext& ctx) {
  const Session& s = ctx.session;
  const int64_t step = s.cursor();
  const std::string sentence = Narrate(s.trace(), s.program(), step, &s.state());
  const std::string source = NarrateSource(s.scenario(), step);
  // The layout gives the panel the height its text needs (NarrationPanelHeight) when it can.
  // When it cannot, the source line ("From: ...") keeps its place at the bottom, wrapped to
  // the panel, and the narration above it scrolls: neither is ever cut.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float width = ImGui::GetContentRegionAvail().x - style.ScrollbarSize;
  // The source line wraps when the panel has room for it and a line of narration, else it is
  // one line cut with "..." and shown whole in a tooltip.
  const float min_sentence_h = ImGui::GetTextLineHeightWithSpacing() * SentenceScale();
  const float avail_h = ImGui::GetContentRegionAvail().y;
  const float wrapped_h = source.empty() ? 0.0f : SourceGap() + WrappedHeight(source, width, 1.0f) + 2.0f;
  const bool wrap = avail_h - wrapped_h >= min_sentence_h;
  const float source_h = source.empty() ? 0.0f : wrap ? wrapped_h : SourceGap() + ImGui::GetTextLineHeight() + 2.0f;
  const float sentence_h = std::max(min_sentence_h, avail_h - source_h);
  ImGui::BeginChild("narration", ImVec2(0, source.empty() ? 0.0f : sentence_h), false);
  ImGui::SetWindowFontScale(SentenceScale());
  ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x - style.ScrollbarSize + ImGui::GetCursorPosX());
  ImGui::TextUnformatted(sentence.c_str());
  ImGui::PopTextWrapPos();
  ImGui::SetWindowFontScale(1.0f);
  ImGui::EndChild();
  if (source.empty()) return;
  ImGui::Separator();
  if (wrap) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::TextDisabled("%s", source.c_str());
    ImGui::PopTextWrapPos();
    return;
  }
  const std::string shown = FitText(source, width);
  ImGui::TextDisabled("%s", shown.c_str());
  if (shown != source && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", source.c_str());
}

}  // namespace aws::gui
