// The scenario gallery: every scenario of the shipped folder, grouped by the document it
// teaches, with a search box; choosing one loads it (a file that does not load leaves the
// current scenario running and shows why).
#include <imgui.h>

#include <algorithm>
#include <memory>

#include "awaitscope/documents.h"
#include "present/editor.h"
#include "present/data_dirs.h"
#include "present/gallery.h"
#include "gui/views/views.h"

namespace aws::gui {
namespace {


}  // namespace

void DrawGalleryView(ViewContext& ctx) {
  if (!ctx.view.gallery) ctx.view.gallery = std::make_shared<GalleryState>();
  GalleryState& g = *ctx.view.gallery;
  if (!g.scanned || g.gallery.lang != LangCode(CurrentLanguage())) {  // the texts follow the language
    g.gallery = ScanGallery(ScenariosDir(), LangCode(CurrentLanguage()));
    g.scanned = true;
  }
  const Scenario* current = ctx.session.scenario();
  if (current != nullptr && current->path != g.loaded_path) {
    g.loaded_path = current->path;
    g.loaded_key = GalleryKey(current->path);
  }

  ImGui::SetNextItemWidth(-ImGui::CalcTextSize(_("Rescan")).x - ImGui::GetStyle().FramePadding.x * 2 -
                          ImGui::GetStyle().ItemSpacing.x);
  if (g.focus_search) {  // `/` or Ctrl+F (keymap.h)
    ImGui::SetKeyboardFocusHere();
    g.focus_search = false;
  }
  // Enter opens the selected entry; Up / Down move the selection while typing (outside the box
  // the key map does both).
  if (ImGui::InputTextWithHint("##filter", _("search titles, descriptions, ids  (/ or Ctrl+F)"), g.filter.data(),
                               g.filter.capacity() + 1,
                               ImGuiInputTextFlags_CallbackResize | ImGuiInputTextFlags_EnterReturnsTrue,
                               ResizeString, &g.filter))
    ctx.commands.push_back(MakeCommand(CommandKind::GalleryOpen));
  if (ImGui::IsItemActive()) {
    g.hold_keys_frames = 0;  // the box has the focus: held keys come to it from the next frame
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow), true))
      ctx.commands.push_back(MakeCommand(CommandKind::GalleryMove, +1));
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow), true))
      ctx.commands.push_back(MakeCommand(CommandKind::GalleryMove, -1));
  }
  ImGui::SameLine();
  if (ImGui::Button(_("Rescan"))) g.scanned = false;

  if (!g.load_error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kErrorMarkColor);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(g.load_error.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::TextDisabled(_("the previous scenario keeps running"));
  }

  const std::vector<GalleryGroup> groups = GroupGallery(g.gallery, g.filter);
  size_t shown = 0;
  for (const GalleryGroup& grp : groups) shown += grp.entries.size();
  ImGui::TextDisabled(_("%zu of %zu scenarios in %s"), shown, g.gallery.entries.size(), g.gallery.dir.c_str());
  ImGui::Separator();

  // The list above, the description of the hovered (else the loaded) scenario below.
  const float details_h = ImGui::GetTextLineHeightWithSpacing() * 8;
  const GalleryEntry* hovered = nullptr;
  const GalleryEntry* loaded = nullptr;
  const GalleryEntry* selected = GallerySelection(groups, g.selected_key, g.loaded_key);
  ImGui::BeginChild("list", ImVec2(0, -details_h), false);
  for (const GalleryGroup& grp : groups) {
    const bool holds_selection =
        selected != nullptr && std::find(grp.entries.begin(), grp.entries.end(), selected) != grp.entries.end();
    if (g.scroll_to_selection && holds_selection)
      ImGui::SetNextItemOpen(true, ImGuiCond_Always);
    else
      ImGui::SetNextItemOpen(true, ImGuiCond_Once);
    if (!ImGui::TreeNodeEx(grp.document.c_str(), ImGuiTreeNodeFlags_SpanAvailWidth, "%s  (%zu)",
                           grp.document.c_str(), grp.entries.size()))
      continue;
    for (const GalleryEntry* e : grp.entries) {
      const bool is_loaded = current != nullptr && g.loaded_key == e->key;
      if (is_loaded) loaded = e;
      ImGui::PushID(e->path.c_str());
      if (!e->error.empty()) ImGui::PushStyleColor(ImGuiCol_Text, kErrorMarkColor);
      // The selection is highlighted; the loaded scenario is marked when it is not the selection.
      const std::string label = is_loaded && e != selected ? e->title + _("  (open)") : e->title;
      if (ImGui::Selectable(label.c_str(), e == selected)) {
        g.selected_key = e->key;
        Command c{CommandKind::LoadScenario};
        c.text = e->path;
        ctx.commands.push_back(std::move(c));
      }
      if (e == selected && g.scroll_to_selection) {
        ImGui::SetScrollHereY(0.5f);
        g.scroll_to_selection = false;
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
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s  %s  %s", about->id.c_str(), about->source.c_str(), about->section.c_str());
    // The tags name documents a reader may not have: title, author and where to find each.
    const std::string documents = DescribeSource(about->source);
    if (!documents.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", documents.c_str());
    if (!about->error.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, kErrorMarkColor);
      ImGui::TextUnformatted(about->error.c_str());
      ImGui::PopStyleColor();
    } else {
      ImGui::TextUnformatted(about->description.c_str());
      for (const std::string& erratum : about->errata) ImGui::TextDisabled(_("Erratum: %s"), erratum.c_str());
      if (const GalleryEntry* next = FindGalleryEntry(g.gallery, about->next)) {
        ImGui::TextDisabled("%s", _("Next in the course:"));
        ImGui::SameLine();
        if (ImGui::SmallButton(next->title.c_str())) {
          g.selected_key = next->key;
          Command c{CommandKind::LoadScenario};
          c.text = next->path;
          ctx.commands.push_back(std::move(c));
        }
      }
      if (!documents.empty()) ImGui::TextDisabled("%s", documents.c_str());
    }
    ImGui::PopTextWrapPos();
  } else {
    ImGui::TextDisabled(_("hover a scenario to read its description; click to open it"));
  }
  ImGui::EndChild();
}

}  // namespace aws::gui
