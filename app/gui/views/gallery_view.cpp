// The scenario gallery: every scenario of the shipped folder, grouped by the document it
// teaches, with a search box; choosing one loads it (a file that does not load leaves the
// current scenario running and shows why).
#include <imgui.h>

#include <memory>

#include "present/editor.h"
#include "present/data_dirs.h"
#include "present/gallery.h"
#include "gui/views/views.h"

namespace aws::gui {
namespace {

constexpr ImU32 kErrorColor = kErrorMarkColor;

// ImGui's std::string resize callback: grow the string, hand ImGui the new buffer.
int ResizeString(ImGuiInputTextCallbackData* data) {
  if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
    auto* s = static_cast<std::string*>(data->UserData);
    s->resize(static_cast<size_t>(data->BufTextLen));
    data->Buf = s->data();
  }
  return 0;
}

}  // namespace

void DrawGalleryView(ViewContext& ctx) {
  if (!ctx.view.gallery) ctx.view.gallery = std::make_shared<GalleryState>();
  GalleryState& g = *ctx.view.gallery;
  if (!g.scanned) {
    g.gallery = ScanGallery(ScenariosDir());
    g.scanned = true;
  }
  const Scenario* current = ctx.session.scenario();
  if (current != nullptr && current->path != g.loaded_path) {
    g.loaded_path = current->path;
    g.loaded_key = GalleryKey(current->path);
  }

  ImGui::SetNextItemWidth(-ImGui::CalcTextSize("Rescan").x - ImGui::GetStyle().FramePadding.x * 2 -
                          ImGui::GetStyle().ItemSpacing.x);
  ImGui::InputTextWithHint("##filter", "search titles, descriptions, ids", g.filter.data(),
                           g.filter.capacity() + 1, ImGuiInputTextFlags_CallbackResize, ResizeString,
                           &g.filter);
  ImGui::SameLine();
  if (ImGui::Button("Rescan")) g.scanned = false;

  if (!g.load_error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(g.load_error.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::TextDisabled("the previous scenario keeps running");
  }

  const std::vector<GalleryGroup> groups = GroupGallery(g.gallery, g.filter);
  size_t shown = 0;
  for (const GalleryGroup& grp : groups) shown += grp.entries.size();
  ImGui::TextDisabled("%zu of %zu scenarios in %s", shown, g.gallery.entries.size(), g.gallery.dir.c_str());
  ImGui::Separator();

  // The list above, the description of the hovered (else the loaded) scenario below.
  const float details_h = ImGui::GetTextLineHeightWithSpacing() * 8;
  const GalleryEntry* hovered = nullptr;
  const GalleryEntry* loaded = nullptr;
  ImGui::BeginChild("list", ImVec2(0, -details_h), false);
  for (const GalleryGroup& grp : groups) {
    ImGui::SetNextItemOpen(true, ImGuiCond_Once);
    if (!ImGui::TreeNodeEx(grp.document.c_str(), ImGuiTreeNodeFlags_SpanAvailWidth, "%s  (%zu)",
                           grp.document.c_str(), grp.entries.size()))
      continue;
    for (const GalleryEntry* e : grp.entries) {
      const bool is_loaded = current != nullptr && g.loaded_key == e->key;
      if (is_loaded) loaded = e;
      ImGui::PushID(e->path.c_str());
      if (!e->error.empty()) ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
      if (ImGui::Selectable(e->title.c_str(), is_loaded)) {
        Command c{CommandKind::LoadScenario};
        c.text = e->path;
        ctx.commands.push_back(std::move(c));
      }
      if (!e->error.empty()) ImGui::PopStyleColor();
      if (ImGui::IsItemHovered()) hovered = e;
      ImGui::SameLine();
      ImGui::TextDisabled("%s", e->id.c_str());
      ImGui::PopID();
    }
    ImGui::TreePop();
  }
  ImGui::EndChild();

  ImGui::Separator();
  const GalleryEntry* about = hovered ? hovered : loaded;
  ImGui::BeginChild("details", ImVec2(0, 0), false);
  if (about != nullptr) {
    ImGui::TextDisabled("%s  %s  %s", about->id.c_str(), about->source.c_str(), about->section.c_str());
    ImGui::PushTextWrapPos(0.0f);
    if (!about->error.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
      ImGui::TextUnformatted(about->error.c_str());
      ImGui::PopStyleColor();
    } else {
      ImGui::TextUnformatted(about->description.c_str());
    }
    ImGui::PopTextWrapPos();
  } else {
    ImGui::TextDisabled("hover a scenario to read its description; click to open it");
  }
  ImGui::EndChild();
}

}  // namespace aws::gui
