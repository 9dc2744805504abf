// A hand-written future in the State machine and Desugared code panels: the compiler makes no
// state machine of it, so the panels show what it is instead: its fields, the outcome of each of
// its polls, what its last poll polled in turn, and its `poll` with the running line lit.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "gui/fonts.h"
#include "gui/theme.h"
#include "gui/views/machine_selector.h"
#include "gui/views/views.h"

namespace aws::gui {
namespace {

std::string Status(const present::HandWrittenEntry& e, const present::HandWrittenChoice& c, bool created) {
  if (c.object < 0 || !created) return TrFormat(N_("{}: not created yet"), e.name);
  const std::string head = e.name + " #" + std::to_string(c.object);
  if (c.polling) return TrFormat(N_("{}: its poll runs (poll {})"), head, c.polls);
  if (c.polls == 0) return TrFormat(N_("{}: not polled yet"), head);
  if (c.polls == 1) return TrFormat(c.ready ? N_("{}: Ready after its first poll") : N_("{}: Pending after its first poll"), head);
  if (c.ready) return TrFormat(N_("{}: Ready after {} polls"), head, c.polls);
  return TrFormat(N_("{}: Pending after {} polls"), head, c.polls);
}

// Three boxes: `poll` in the middle, Pending to its left, Ready to its right, each edge with its
// count; a curved arrow from Pending back to poll (a wake leads to the next poll). The box of the
// poll running, else of the last outcome, is lit.
void DrawOutcomes(ViewContext& ctx, const present::HandWrittenChoice& c) {
  const Palette& pal = ThemePalette(ctx.view.settings.theme);
  const float f = ImGui::GetFontSize();
  const float line_w = std::max(1.0f, f / kBaseFontPx);
  const std::string poll = "poll", pending = "Pending", ready = "Ready";
  // The row fits the panel: the gaps shrink first, then the boxes, down to what their labels need.
  const float avail = ImGui::GetContentRegionAvail().x, bh = f * 1.8f;
  const float gap = std::clamp((avail - 3 * f * 6.0f) * 0.5f, f * 2.5f, f * 5.0f);
  const float bw = std::clamp((avail - 2 * gap) / 3, f * 4.5f, f * 6.0f);
  const float width = 3 * bw + 2 * gap, height = bh + f * 2.4f;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float left = origin.x + std::max(0.0f, (avail - width) * 0.5f);
  const float top = origin.y + f * 1.6f;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  struct Box { const std::string* label; float x; bool lit; };
  const Box boxes[3] = {{&pending, left, !c.polling && c.last_result == 0},
                        {&poll, left + bw + gap, c.polling},
                        {&ready, left + 2 * (bw + gap), !c.polling && c.last_result == 1}};
  auto arrow = [&](ImVec2 from, ImVec2 to, ImU32 col) {
    dl->AddLine(from, to, col, line_w);
    const float dir = to.x > from.x ? 1.0f : -1.0f, s = 4.0f + 2.0f * line_w;
    dl->AddTriangleFilled(to, ImVec2(to.x - dir * s, to.y - s * 0.5f), ImVec2(to.x - dir * s, to.y + s * 0.5f), col);
  };
  const float mid = top + bh * 0.5f;
  arrow(ImVec2(boxes[1].x, mid), ImVec2(boxes[0].x + bw, mid), pal.edge);
  arrow(ImVec2(boxes[1].x + bw, mid), ImVec2(boxes[2].x, mid), pal.edge);
  auto label = [&](float cx, float y, const std::string& text) {
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    dl->AddText(ImVec2(cx - size.x * 0.5f, y), pal.edge_label, text.c_str());
  };
  label(boxes[0].x + bw + gap * 0.5f, mid - f * 1.3f, "x" + std::to_string(c.pending));
  label(boxes[1].x + bw + gap * 0.5f, mid - f * 1.3f, "x" + std::to_string(c.ready ? 1 : 0));
  // Pending -> (woken) -> poll again: an arc below the row.
  const ImVec2 a(boxes[0].x + bw * 0.5f, top + bh), b(boxes[1].x + bw * 0.5f, top + bh);
  dl->AddBezierCubic(a, ImVec2(a.x, a.y + f * 1.6f), ImVec2(b.x, b.y + f * 1.6f), ImVec2(b.x, b.y + 2), pal.edge, line_w);
  const float s = 4.0f + 2.0f * line_w;
  dl->AddTriangleFilled(ImVec2(b.x, b.y), ImVec2(b.x - s * 0.5f, b.y + s), ImVec2(b.x + s * 0.5f, b.y + s), pal.edge);
  label((a.x + b.x) * 0.5f, top + bh + f * 1.45f, _("woken: polled again"));
  for (const Box& box : boxes) {
    const ImVec2 p0(box.x, top), p1(box.x + bw, top + bh);
    dl->AddRectFilled(p0, p1, box.lit ? pal.lit_state : ImGui::GetColorU32(ImGuiCol_WindowBg), 4.0f * line_w);
    dl->AddRect(p0, p1, box.lit ? pal.lit_state : pal.node_border, 4.0f * line_w, 0, line_w);
    const ImVec2 size = ImGui::CalcTextSize(box.label->c_str());
    dl->AddText(ImVec2(box.x + (bw - size.x) * 0.5f, top + (bh - size.y) * 0.5f), box.lit ? pal.lit_text : pal.node_text,
                box.label->c_str());
  }
  ImGui::Dummy(ImVec2(width, height + f * 2.2f));
}

}  // namespace

void DrawPollCode(ViewContext& ctx, const present::HandWrittenEntry& e, uint32_t current) {
  ImGui::PushFont(CurrentFonts().mono);
  const float text_h = ImGui::GetTextLineHeight(), line_h = ImGui::GetTextLineHeightWithSpacing();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (size_t i = 0; i < e.poll_lines.size(); ++i) {
    const uint32_t number = e.poll_first_line + uint32_t(i);
    if (number == current) {
      ImVec2 p = ImGui::GetCursorScreenPos();
      p.y -= (line_h - text_h) * 0.5f;
      dl->AddRectFilled(p, ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowWidth(), p.y + line_h),
                        ThemePalette(ctx.view.settings.theme).current_line);
    }
    ImGui::TextDisabled("%4u", number);
    ImGui::SameLine();
    ImGui::TextUnformatted(e.poll_lines[i].c_str());
  }
  ImGui::PopFont();
}

void DrawHandWrittenFuture(ViewContext& ctx, const present::ShownFuture& shown) {
  const Session& s = ctx.session;
  const std::vector<present::HandWrittenEntry>& entries = HandWrittenOf(s.program());
  const present::HandWrittenEntry& e = entries[size_t(shown.hand_written)];
  const present::HandWrittenChoice& c = shown.future;
  const bool created = c.object >= 0 && s.trace().objects[size_t(c.object)].created_step <= s.cursor();
  const std::string status = Status(e, c, created);
  ImGui::SameLine();
  if (ImGui::CalcTextSize(status.c_str()).x > ImGui::GetContentRegionAvail().x) ImGui::NewLine();
  if (c.polls == 0) ImGui::TextDisabled("%s", status.c_str());
  else ImGui::TextUnformatted(status.c_str());

  ImGui::BeginChild("hand-written", ImVec2(0, 0), false);
  ImGui::TextWrapped("%s", TrFormat(N_("A hand-written future: impl Future for {}, Output = {}. The compiler makes no state "
                                       "machine of it: its state is its fields, and every poll runs its poll from the top."),
                                    e.name, e.output)
                               .c_str());
  DrawOutcomes(ctx, c);
  ImGui::TextUnformatted(_("fields:"));
  ImGui::Indent();
  if (e.fields.empty()) ImGui::TextDisabled(_("none"));
  for (const present::HandWrittenField& f : e.fields) ImGui::Text("%s: %s", f.name.c_str(), f.type.c_str());
  ImGui::Unindent();
  if (!c.inner.empty()) {
    ImGui::TextUnformatted(c.polling ? _("this poll polls:") : _("its last poll polled:"));
    ImGui::Indent();
    for (const present::InnerPoll& in : c.inner) {
      const char* result = in.result == 1 ? "Ready" : in.result == 0 ? "Pending" : _("being polled");
      ImGui::Text("%s#%d -> %s", in.name.c_str(), in.object, result);
    }
    ImGui::Unindent();
  }
  ImGui::TextUnformatted(_("its poll:"));
  // Code lines are not wrapped: they scroll sideways on their own, the text above stays wrapped.
  const float code_h = ImGui::GetTextLineHeightWithSpacing() * (float(e.poll_lines.size()) + 0.5f) + ImGui::GetStyle().ScrollbarSize;
  ImGui::BeginChild("poll", ImVec2(0, code_h), false, ImGuiWindowFlags_HorizontalScrollbar);
  DrawPollCode(ctx, e, c.line);
  ImGui::EndChild();
  ImGui::EndChild();
}

}  // namespace aws::gui
