// The editor: the current scenario's script and device parameters, re-lowered a few frames
// after each change. Errors mark their line (a red band, a wavy underline from the column, the
// message after the line and in a tooltip) and are listed below; the session keeps running the
// last good version until the draft is fixed.
#include <imgui.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <memory>
#include <string_view>
#include <vector>

#include "awaitscope/executor_kind.h"
#include "present/editor.h"
#include "gui/theme.h"
#include "gui/fonts.h"
#include "gui/views/views.h"

namespace aws::gui {
namespace {

constexpr ImU32 kErrorBand = IM_COL32(235, 80, 70, 60);
// The combo's items: the executor table's names (string literals, so null-terminated).
bool ExecutorName(void*, int i, const char** out) {
  const auto kinds = ExecutorKinds();
  if (i < 0 || static_cast<size_t>(i) >= kinds.size()) return false;
  *out = kinds[static_cast<size_t>(i)].name.data();
  return true;
}

bool InputString(const char* label, std::string& s, float width) {
  ImGui::SetNextItemWidth(width);
  return ImGui::InputText(label, s.data(), s.capacity() + 1, ImGuiInputTextFlags_CallbackResize,
                          ResizeString, &s);
}

bool InputMs(const char* label, int64_t& v, float width) {
  ImGui::SetNextItemWidth(width);
  const int64_t step = 5;
  return ImGui::InputScalar(label, ImGuiDataType_S64, &v, &step, nullptr, "%lld");
}

std::vector<std::string_view> SplitEditorLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (true) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      lines.push_back(text.substr(start));
      return lines;
    }
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
}

// A wavy underline from x0 to x1 at y.
void Squiggle(ImDrawList* dl, float x0, float x1, float y, ImU32 color) {
  const float h = 2.0f;
  std::vector<ImVec2> pts;
  for (float x = x0; x <= x1; x += 3.0f) pts.emplace_back(x, y + ((pts.size() % 2) ? h : 0.0f));
  if (pts.size() >= 2) dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), color, 0, 1.0f);
}

void DrawScript(ViewContext& ctx, EditorState& e) {
  const Session& s = ctx.session;
  const std::vector<std::string_view> lines = SplitEditorLines(e.script);
  const uint32_t first_line = s.scenario()->script.Locate(0).line;
  // Errors by editor line (0-based).
  std::map<int, std::vector<const Diagnostic*>> by_line;
  for (const Diagnostic& d : e.errors) {
    int l = EditorLine(s, d);
    if (l >= 0 && l < static_cast<int>(lines.size())) by_line[l].push_back(&d);
  }

  const ImGuiStyle& style = ImGui::GetStyle();
  const float list_h = e.errors.empty()
                           ? 0.0f
                           : ImGui::GetTextLineHeightWithSpacing() *
                                 (1.5f + static_cast<float>(std::min<size_t>(e.errors.size(), 4)));
  ImGui::BeginChild("code", ImVec2(0, -list_h), false, ImGuiWindowFlags_HorizontalScrollbar);
  // Code in the mono font, as in the Source panel: columns line up and carets land on characters.
  ImGui::PushFont(CurrentFonts().mono);
  const float font = ImGui::GetFontSize();
  char widest_number[16];
  std::snprintf(widest_number, sizeof widest_number, "%u ", first_line + static_cast<uint32_t>(lines.size()));
  const float gutter = ImGui::CalcTextSize(widest_number).x + font;
  float widest = 0.0f;
  for (std::string_view l : lines) widest = std::max(widest, ImGui::CalcTextSize(l.data(), l.data() + l.size()).x);
  const ImVec2 size(std::max(ImGui::GetContentRegionAvail().x - gutter, widest + font * 2),
                    static_cast<float>(lines.size() + 1) * font + style.FramePadding.y * 2);

  // Background, error bands and the gutter go under the (transparent) text widget.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 text0(origin.x + gutter + style.FramePadding.x, origin.y + style.FramePadding.y);
  dl->AddRectFilled(ImVec2(origin.x + gutter, origin.y), ImVec2(origin.x + gutter + size.x, origin.y + size.y),
                    ImGui::GetColorU32(ImGuiCol_FrameBg));
  const ImVec2 mouse = ImGui::GetMousePos();
  const std::vector<const Diagnostic*>* hovered = nullptr;
  for (size_t i = 0; i < lines.size(); ++i) {
    const float y = text0.y + static_cast<float>(i) * font;
    char number[16];
    std::snprintf(number, sizeof number, "%u", first_line + static_cast<uint32_t>(i));
    auto it = by_line.find(static_cast<int>(i));
    const bool bad = it != by_line.end();
    dl->AddText(ImVec2(origin.x, y), bad ? kErrorMarkColor : ImGui::GetColorU32(ImGuiCol_TextDisabled), number);
    if (!bad) continue;
    const ImVec2 band0(origin.x + gutter, y), band1(origin.x + gutter + size.x, y + font);
    dl->AddRectFilled(band0, band1, kErrorBand);
    dl->AddCircleFilled(ImVec2(origin.x + gutter - font * 0.5f, y + font * 0.5f), font * 0.3f, kErrorMarkColor);
    const std::string_view l = lines[i];
    const Diagnostic& d = *it->second.front();
    // Columns are 1-based bytes; the first line of an inline script starts further right.
    uint32_t col = d.col == 0 ? 1 : d.col;
    if (i == 0) col -= std::min(col - 1, s.scenario()->script.Locate(0).col - 1);
    const size_t at = std::min<size_t>(col - 1, l.size());
    const size_t len = std::max<size_t>(1, std::min<size_t>(d.caret_len, l.size() - std::min(at, l.size())));
    const float x0 = text0.x + ImGui::CalcTextSize(l.data(), l.data() + at).x;
    const float x1 = at < l.size() ? text0.x + ImGui::CalcTextSize(l.data(), l.data() + at + len).x : x0 + font;
    Squiggle(dl, x0, x1, y + font - 2.0f, kErrorMarkColor);
    const float end = text0.x + ImGui::CalcTextSize(l.data(), l.data() + l.size()).x;
    std::string note = "<- " + d.message;
    dl->AddText(ImVec2(end + font * 2, y), kErrorMarkColor, note.c_str());
    if (mouse.y >= band0.y && mouse.y < band1.y && mouse.x >= band0.x && mouse.x < band1.x) hovered = &it->second;
  }

  ImGui::SetCursorScreenPos(ImVec2(origin.x + gutter, origin.y));
  ImGui::PushStyleColor(ImGuiCol_FrameBg, IM_COL32(0, 0, 0, 0));
  if (ImGui::InputTextMultiline("##script", e.script.data(), e.script.capacity() + 1, size,
                                ImGuiInputTextFlags_CallbackResize, ResizeString, &e.script))
    MarkEdited(e);
  ImGui::PopStyleColor();
  ImGui::PopFont();
  if (hovered != nullptr) {
    ImGui::BeginTooltip();
    for (const Diagnostic* d : *hovered) ImGui::Text("%u:%u: %s", d->line, d->col, d->message.c_str());
    ImGui::EndTooltip();
  }
  ImGui::EndChild();

  if (!e.errors.empty()) {
    ImGui::Separator();
    ImGui::BeginChild("errors", ImVec2(0, 0), false);
    ImGui::PushStyleColor(ImGuiCol_Text, kErrorMarkColor);
    for (const Diagnostic& d : e.errors)
      ImGui::Text("%s:%u:%u: error: %s", d.file.c_str(), d.line, d.col, d.message.c_str());
    ImGui::PopStyleColor();
    ImGui::EndChild();
  }
}

void DrawDevices(EditorState& e) {
  bool changed = false;
  const float num_w = ImGui::GetFontSize() * 7;
  const auto kinds = ExecutorKinds();
  int current = static_cast<int>(ExecutorKind::Waker);
  for (size_t i = 0; i < kinds.size(); ++i)
    if (e.draft.executor == kinds[i].name) current = static_cast<int>(i);
  ImGui::SetNextItemWidth(num_w * 1.5f);
  if (ImGui::Combo(_("executor"), &current, ExecutorName, nullptr, static_cast<int>(kinds.size()))) {
    e.draft.executor = std::string(kinds[static_cast<size_t>(current)].name);
    changed = true;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", std::string(kinds[static_cast<size_t>(current)].description).c_str());
  changed |= InputMs(_("disk write latency (ms)"), e.draft.disk.write_latency_ms, num_w);
  ImGui::Separator();
  ImGui::TextDisabled(_("files on the emulated disk"));
  for (size_t i = 0; i < e.draft.files.size(); ++i) {
    FileSpec& f = e.draft.files[i];
    ImGui::PushID(static_cast<int>(i));
    changed |= InputString("##name", f.name, num_w * 1.3f);
    ImGui::SameLine();
    changed |= InputMs(_("read ms"), f.read_latency_ms, num_w);
    ImGui::SameLine();
    bool own_write = f.write_latency_ms.has_value();
    if (ImGui::Checkbox(_("own write latency"), &own_write)) {
      f.write_latency_ms = own_write ? std::optional<int64_t>(e.draft.disk.write_latency_ms) : std::nullopt;
      changed = true;
    }
    if (f.write_latency_ms) {
      ImGui::SameLine();
      changed |= InputMs(_("write ms"), *f.write_latency_ms, num_w);
    }
    changed |= InputString(_("contents"), f.contents, -ImGui::GetFontSize() * 6);
    ImGui::PopID();
  }
  if (ImGui::Button(_("add a file"))) {
    e.draft.files.push_back(FileSpec{"new.txt", "", 30, std::nullopt});
    changed = true;
  }
  if (!e.draft.files.empty()) {
    ImGui::SameLine();
    if (ImGui::Button(_("remove the last file"))) {
      e.draft.files.pop_back();
      changed = true;
    }
  }
  if (!e.draft.ops.empty()) {
    ImGui::Separator();
    ImGui::TextDisabled(_("operations the scenario declares"));
    for (size_t i = 0; i < e.draft.ops.size(); ++i) {
      ImGui::PushID(1000 + static_cast<int>(i));
      changed |= InputMs(TrFormat(N_("latency of {} (ms)"), e.draft.ops[i].name).c_str(), e.draft.ops[i].latency_ms, num_w);
      ImGui::PopID();
    }
  }
  if (changed) MarkEdited(e);
  if (!e.errors.empty()) {
    ImGui::Separator();
    ImGui::PushStyleColor(ImGuiCol_Text, kErrorMarkColor);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(e.headlines.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }
}

}  // namespace

void DrawEditorView(ViewContext& ctx) {
  if (!ctx.view.editor) ctx.view.editor = std::make_shared<EditorState>();
  EditorState& e = *ctx.view.editor;
  SyncEditor(ctx.session, e);
  if (!e.loaded || ctx.session.scenario() == nullptr) {
    ImGui::TextDisabled(_("no scenario to edit (a recorded trace without its scenario)"));
    return;
  }
  if (TickEditor(e)) ctx.commands.push_back({CommandKind::ApplyEdit});

  ImGui::TextDisabled("%s", ctx.session.scenario()->script.name().c_str());
  ImGui::SameLine();
  if (e.debounce >= 0) {
    ImGui::TextDisabled(_("  lowering..."));
  } else if (!e.errors.empty()) {
    ImGui::TextColored(ImColor(kErrorMarkColor), _("  %zu error(s): the last good version keeps running"), e.errors.size());
  } else if (e.applied > 0) {
    ImGui::TextColored(ImColor(ThemePalette(ctx.view.settings.theme).ok),
                       _("  running the edited version (%lld edits)"), static_cast<long long>(e.applied));
  }
  ImGui::SameLine();
  if (ImGui::SmallButton(_("Revert"))) RevertEditor(ctx.session, e);

  if (ImGui::BeginTabBar("editor")) {
    if (ImGui::BeginTabItem(_("Script"))) {
      DrawScript(ctx, e);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(_("Devices"))) {
      DrawDevices(e);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
}

}  // namespace aws::gui
