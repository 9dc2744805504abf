#include "gui/views/views.h"

#include <algorithm>

#include <imgui.h>

namespace aws::gui {

namespace {

bool HasKeyboard(const Session& s) {
  const Scenario* sc = s.scenario();
  if (sc == nullptr) return false;
  const auto& devices = s.trace().devices;
  return std::any_of(devices.begin(), devices.end(), [](const DeviceInfo& d) { return d.kind == "keyboard"; });
}

// Every panel, registered once. Where each one sits is up to the layout presets (layout.cpp).
constexpr ViewInfo kViews[] = {
    {N_("Step"), DrawStepView},
    {N_("Narration"), DrawNarrationView},
    {N_("Source"), DrawSourceView},
    {N_("State machine"), DrawMachineView},
    {N_("Desugared code"), DrawDesugarView},
    {N_("Memory"), DrawMemoryView, TracksMemory},
    {N_("Executor"), DrawExecutorView},
    {N_("Devices"), DrawDevicesView},
    {N_("Timeline"), DrawTimelineView},
    {N_("Output"), DrawOutputView},
    {N_("Gallery"), DrawGalleryView},
    {N_("Editor"), DrawEditorView},
    {N_("Keyboard"), DrawKeyboardView, HasKeyboard},
    {N_("What if"), DrawWhatIfView},
};

}  // namespace

std::span<const ViewInfo> Views() { return kViews; }

const ViewInfo* FindView(std::string_view title) {
  for (const ViewInfo& v : kViews)
    if (title == v.title) return &v;
  return nullptr;
}

std::string WindowName(const char* title) {
  const char* shown = _(title);
  if (std::string_view(shown) == title) return title;
  return std::string(shown) + "###" + title;
}

uint32_t CurrentLine(const Session& s) {
  int64_t c = s.cursor();
  if (c < 0 || c >= s.size()) return 0;
  return s.trace().events[static_cast<size_t>(c)].line;
}

std::string FitText(const std::string& text, float width) {
  if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
  size_t lo = 0, hi = text.size();
  while (lo < hi) {  // the longest prefix that fits with the dots
    const size_t mid = (lo + hi + 1) / 2;
    if (ImGui::CalcTextSize((text.substr(0, mid) + "...").c_str()).x <= width) lo = mid;
    else hi = mid - 1;
  }
  while (lo > 0 && (static_cast<unsigned char>(text[lo]) & 0xC0) == 0x80) --lo;
  return text.substr(0, lo) + "...";
}

int ResizeString(ImGuiInputTextCallbackData* data) {
  if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
    auto* s = static_cast<std::string*>(data->UserData);
    s->resize(static_cast<size_t>(data->BufTextLen));
    data->Buf = s->data();
  }
  return 0;
}

}  // namespace aws::gui
