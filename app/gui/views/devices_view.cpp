// The devices: every request in flight with a bar filling up towards its deadline, the network's
// sockets with their pending requests, the keyboard's scancode queue as boxes, and a flash for a
// few steps after an interrupt.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "gui/theme.h"
#include "gui/views/views.h"
#include "present/network.h"

namespace aws::gui {
namespace {

constexpr int64_t kFlashSteps = 4;  // how long "INTERRUPT" stays lit after one

const char* DeviceName(const Trace& t, int device) {
  if (device < 0 || static_cast<size_t>(device) >= t.devices.size()) return "?";
  return t.devices[static_cast<size_t>(device)].name.c_str();
}

void DrawInterrupt(const Trace& t, const WorldState& w, const Palette& pal) {
  const int64_t since = w.last_interrupt_step < 0 ? -1 : w.step - w.last_interrupt_step;
  if (since < 0 || since >= kFlashSteps) {
    ImGui::TextDisabled(_("no interrupt"));
    return;
  }
  const Event& e = t.events[static_cast<size_t>(w.last_interrupt_step)];
  char label[96];
  std::snprintf(label, sizeof label, _(" INTERRUPT from %s "), DeviceName(t, e.device));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImVec2 size = ImGui::CalcTextSize(label);
  // Fades over the flash's steps.
  const int alpha = static_cast<int>(255 - since * (160 / kFlashSteps));
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y + 4), (pal.flash & 0x00FFFFFF) | (alpha << 24), 3.0f);
  dl->AddText(ImVec2(p.x, p.y + 2), pal.box_text, label);
  ImGui::Dummy(ImVec2(size.x, size.y + 4));
}

void DrawRequests(const Trace& t, const WorldState& w) {
  ImGui::Text(_("requests in flight (%zu)"), w.requests.size());
  if (w.requests.empty()) ImGui::TextDisabled(_("none"));
  // Only the visible requests are drawn (the 10,000-task server has thousands in flight); each
  // is one text line and one progress bar high.
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(w.requests.size()),
                ImGui::GetTextLineHeightWithSpacing() + ImGui::GetFrameHeightWithSpacing());
  while (clipper.Step()) {
    for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
      const RequestView& r = w.requests[static_cast<size_t>(k)];
      ImGui::Text("%s #%lld: %s", DeviceName(t, r.device), static_cast<long long>(r.id), r.what.c_str());
      // The waker the device will wake on completion: the one its leaf future registered.
      int waker = -1;
      if (auto it = w.leaf_waker.find(r.obj); it != w.leaf_waker.end()) waker = it->second;
      else if (auto d = w.device_waker.find(r.device); d != w.device_waker.end()) waker = d->second;
      ImGui::SameLine();
      if (r.abandoned) {
        ImGui::TextDisabled("%s", _("  abandoned: its future was dropped"));
        if (ImGui::IsItemHovered())
          ImGui::SetTooltip("%s", _("The device still finishes this request, but no waker is left to wake: the "
                                    "future that stored one is gone."));
      } else if (waker >= 0) ImGui::TextDisabled(_("  holds W%d"), waker);
      else ImGui::TextDisabled(_("  no waker registered"));
      char overlay[64];
      if (r.due_ms >= 0) {
        const double span = static_cast<double>(std::max<int64_t>(1, r.due_ms - r.start_ms));
        const float done = static_cast<float>(std::clamp((w.t_ms - r.start_ms) / span, 0.0, 1.0));
        std::snprintf(overlay, sizeof overlay, "%lld / %lld ms", static_cast<long long>(w.t_ms - r.start_ms),
                      static_cast<long long>(r.due_ms - r.start_ms));
        ImGui::ProgressBar(done, ImVec2(-1, 0), overlay);
      } else {
        std::snprintf(overlay, sizeof overlay, _("waiting since %lld ms"), static_cast<long long>(r.start_ms));
        ImGui::ProgressBar(0.0f, ImVec2(-1, 0), overlay);
      }
    }
  }
}

// The listening socket and every accepted connection: what each waits for, what it did last.
void DrawNetwork(const Trace& t, const WorldState& w) {
  const std::vector<present::NetSocketView> sockets = present::NetworkAt(t, w);
  ImGui::Text(_("network (%zu sockets)"), sockets.size());
  if (sockets.empty()) ImGui::TextDisabled(_("nothing bound yet"));
  for (const present::NetSocketView& s : sockets) {
    if (s.listener) ImGui::Text(_("listening on %s"), s.address.c_str());
    else ImGui::Text(_("connection from %s"), s.address.c_str());
    ImGui::Indent();
    for (const RequestView* r : s.pending) {
      if (r->due_ms >= 0)
        ImGui::TextDisabled(_("pending: %s (due at %lld ms)"), r->what.c_str(), static_cast<long long>(r->due_ms));
      else
        ImGui::TextDisabled(_("pending: %s (waiting since %lld ms)"), r->what.c_str(), static_cast<long long>(r->start_ms));
    }
    if (s.pending.empty()) ImGui::TextDisabled(_("no request pending"));
    if (!s.last_result.empty()) ImGui::TextDisabled(_("last: %s -> %s"), s.last_what.c_str(), s.last_result.c_str());
    ImGui::Unindent();
  }
}

void DrawKeyboardQueue(const WorldState& w, const Palette& pal) {
  ImGui::Text(_("keyboard queue (%zu)"), w.keyboard_queue.size());
  // 40 x 24 at the 15 px font of 100 %, growing with the font scale.
  const float em = ImGui::GetFontSize();
  const ImVec2 box(em * 2.67f, em * 1.6f);
  const float gap = em * 0.4f;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  float x = p.x, y = p.y;
  if (w.keyboard_queue.empty()) {
    const ImVec2 size = ImGui::CalcTextSize(_("empty"));
    const float w = std::max(box.x, size.x + em * 0.6f);
    dl->AddRect(p, ImVec2(p.x + w, p.y + box.y), pal.empty_outline, 3.0f);
    dl->AddText(ImVec2(p.x + (w - size.x) * 0.5f, p.y + (box.y - size.y) * 0.5f), pal.empty_text, _("empty"));
  }
  for (uint8_t code : w.keyboard_queue) {
    if (x + box.x > right && x > p.x) {
      x = p.x;
      y += box.y + gap;
    }
    char label[8];
    std::snprintf(label, sizeof label, "%02X", code);
    dl->AddRectFilled(ImVec2(x, y), ImVec2(x + box.x, y + box.y), pal.scancode_box, 3.0f);
    ImVec2 size = ImGui::CalcTextSize(label);
    dl->AddText(ImVec2(x + (box.x - size.x) * 0.5f, y + (box.y - size.y) * 0.5f), pal.box_text, label);
    x += box.x + gap;
  }
  ImGui::Dummy(ImVec2(std::max(1.0f, right - p.x), y + box.y - p.y));
}

}  // namespace

void DrawDevicesView(ViewContext& ctx) {
  const Session& s = ctx.session;
  const WorldState& w = s.state();
  ImGui::Text("t=%lldms", static_cast<long long>(w.t_ms));
  ImGui::SameLine();
  const Palette& pal = ThemePalette(ctx.view.settings.theme);
  DrawInterrupt(s.trace(), w, pal);
  ImGui::Separator();
  DrawRequests(s.trace(), w);
  if (present::HasNetwork(s.trace())) {
    ImGui::Spacing();
    DrawNetwork(s.trace(), w);
  }
  ImGui::Spacing();
  DrawKeyboardQueue(w, pal);
}

}  // namespace aws::gui
