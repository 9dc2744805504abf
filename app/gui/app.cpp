#include "gui/app.h"

#include <SDL_scancode.h>
#include <imgui.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "present/editor.h"
#include "present/gallery.h"
#include "present/keyboard.h"
#include "present/keymap.h"
#include "gui/views/views.h"

namespace aws::gui {
namespace {

constexpr float kSplitterPx = 6.0f;
constexpr float kMinPanelPx = 60.0f;
constexpr int kPresentationScale = 200;
constexpr double kMinSpeed = 0.5;
constexpr double kMaxSpeed = 240.0;

std::string DefaultPngPath(const Session& s) {
  const Scenario* sc = s.scenario();
  std::string id = sc != nullptr && !sc->id.empty() ? sc->id : "awaitscope";
  return "awaitscope-" + id + "-step" + std::to_string(s.cursor()) + ".png";
}

}  // namespace

bool App::Load(const std::string& path, Diagnostics& diags) {
  if (!session_.Load(path, diags)) return false;
  // A new scenario starts from its own beginning; how the window looks stays as the user set it,
  // except that a scenario may choose the layout its lesson needs.
  ViewData fresh;
  fresh.settings = view_.settings;
  fresh.layouts = std::move(view_.layouts);
  fresh.steps_per_second = view_.steps_per_second;
  fresh.status = view_.status;
  fresh.gallery = view_.gallery;  // the gallery's search survives; the editor takes the new draft
  if (const Scenario* sc = session_.scenario(); sc != nullptr && FindLayout(sc->layout) != nullptr)
    fresh.settings.layout = sc->layout;
  view_ = std::move(fresh);
  commands_.clear();
  return true;
}

void App::ReadKeys() {
  const ImGuiIO& io = ImGui::GetIO();
  if (!io.WantTextInput) {
    KeyPresses in;
    auto pressed = [](ImGuiKey_ key, bool repeat) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), repeat); };
    if (pressed(ImGuiKey_RightArrow, true)) in.keys.push_back(NamedKey::Right);
    if (pressed(ImGuiKey_LeftArrow, true)) in.keys.push_back(NamedKey::Left);
    if (pressed(ImGuiKey_Home, false)) in.keys.push_back(NamedKey::Home);
    if (pressed(ImGuiKey_End, false)) in.keys.push_back(NamedKey::End);
    if (pressed(ImGuiKey_Space, false)) in.keys.push_back(NamedKey::Space);
    if (pressed(ImGuiKey_Escape, false)) in.keys.push_back(NamedKey::Escape);
    // ImGui 1.86 has no F-keys in ImGuiKey_; its SDL backend indexes KeysDown by SDL scancode.
    if (ImGui::IsKeyPressed(SDL_SCANCODE_F11, false)) in.keys.push_back(NamedKey::F11);
    in.shift = io.KeyShift;
    in.ctrl = io.KeyCtrl;
    for (ImWchar c : io.InputQueueCharacters) in.chars.push_back(static_cast<char32_t>(c));
    KeyContext kc;
    kc.current_line = CurrentLine(session_);
    kc.followed_task = view_.followed_task;
    kc.scale_percent = view_.settings.scale_percent;
    kc.help_open = view_.help_open;
    kc.steps_per_second = view_.steps_per_second;
    for (Command& c : CommandsFor(in, kc)) Push(std::move(c));
  }
  if (view_.playing) {
    // Playback paces itself in real time; the engine's clock stays virtual.
    view_.play_seconds += io.DeltaTime;
    const double period = 1.0 / view_.steps_per_second;
    while (view_.play_seconds >= period) {
      view_.play_seconds -= period;
      Push({CommandKind::Step});
    }
  }
}

// Playing stops at a breakpoint, as a debugger's "continue" does.
void App::StopIfBreakpoint() {
  if (!view_.playing) return;
  std::string why = HitReason(view_.breakpoints, session_.trace(), session_.cursor());
  if (why.empty()) return;
  view_.playing = false;
  view_.status = "stopped at step " + std::to_string(session_.cursor()) + ": " + why;
}

void App::ApplyOne(const Command& c) {
  const Trace& trace = session_.trace();
  auto seek = [&](int64_t step, const char* none) {
    if (step < 0) {
      view_.status = none;
      return;
    }
    session_.Seek(step);
  };
  switch (c.kind) {
    case CommandKind::Step:
      if (!view_.playing) {
        session_.Step();
        break;
      }
      if (!session_.Step()) view_.playing = false;
      StopIfBreakpoint();
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
    case CommandKind::StepPoll:
      seek(NextPoll(trace, session_.cursor()), "no later poll");
      break;
    case CommandKind::StepPollBack:
      seek(PrevPoll(trace, session_.cursor()), "no earlier poll");
      break;
    case CommandKind::RunToBreakpoint: {
      if (view_.breakpoints.empty()) {
        view_.status = "no breakpoints set (B on a line, or the Run menu)";
        break;
      }
      const int64_t to = c.value < 0 ? PrevHit(view_.breakpoints, trace, session_.cursor())
                                     : NextHit(view_.breakpoints, trace, session_.cursor());
      if (to < 0) {
        view_.status = c.value < 0 ? "no breakpoint before this step" : "no breakpoint after this step";
        break;
      }
      session_.Seek(to);
      view_.status = "step " + std::to_string(to) + ": " + HitReason(view_.breakpoints, trace, to);
      break;
    }
    case CommandKind::NextTaskChange:
      view_.followed_task = static_cast<int>(c.value);
      seek(NextTaskChange(trace, static_cast<int>(c.value), session_.cursor()),
           "the followed task does not change again");
      break;
    case CommandKind::ToggleLineBreakpoint: {
      const uint32_t line = static_cast<uint32_t>(c.value);
      if (line == 0) break;
      if (!view_.breakpoints.lines.erase(line)) view_.breakpoints.lines.insert(line);
      break;
    }
    case CommandKind::SetEventBreakpoint:
      if (c.step != 0)
        view_.breakpoints.events |= static_cast<uint32_t>(c.value);
      else
        view_.breakpoints.events &= ~static_cast<uint32_t>(c.value);
      break;
    case CommandKind::SetSpeed: {
      const double speed = std::strtod(c.text.c_str(), nullptr);
      if (speed > 0) view_.steps_per_second = std::clamp(speed, kMinSpeed, kMaxSpeed);
      break;
    }
    case CommandKind::SetLayout:
      if (FindLayout(c.text) == nullptr) {
        view_.status = "no layout `" + c.text + "` (known: " + LayoutNames() + ")";
        break;
      }
      view_.settings.layout = c.text;
      view_.layout_before_presentation.clear();
      break;
    case CommandKind::TogglePresentation:
      if (view_.layout_before_presentation.empty()) {
        view_.layout_before_presentation = view_.settings.layout;
        view_.scale_before_presentation = view_.settings.scale_percent;
        view_.settings.layout = "presentation";
        view_.settings.scale_percent = std::max(view_.settings.scale_percent, kPresentationScale);
      } else {
        view_.settings.layout = view_.layout_before_presentation;
        view_.settings.scale_percent = view_.scale_before_presentation;
        view_.layout_before_presentation.clear();
      }
      break;
    case CommandKind::SetScale:
      view_.settings.scale_percent = static_cast<int>(std::clamp<int64_t>(c.value, 100, 300));
      break;
    case CommandKind::SetTheme:
      if (c.text == "dark" || c.text == "light" || c.text == "high-contrast")
        view_.settings.theme = c.text;
      else
        view_.status = "no theme `" + c.text + "` (known: dark, light, high-contrast)";
      break;
    case CommandKind::ToggleFullscreen:
      view_.settings.fullscreen = !view_.settings.fullscreen;
      break;
    case CommandKind::ToggleHelp:
      view_.help_open = !view_.help_open;
      break;
    case CommandKind::Export: {
      ExportRequest r;
      r.kind = static_cast<ExportKind>(c.value);
      r.path = c.text.empty() && r.kind == ExportKind::WindowPng ? DefaultPngPath(session_) : c.text;
      r.first = c.step;
      r.last = c.value2;
      view_.exports.push_back(std::move(r));
      break;
    }
    case CommandKind::LoadScenario: {
      Diagnostics diags;
      const bool ok = Load(c.text, diags);  // a failure keeps the session and the view as they are
      if (!view_.gallery) view_.gallery = std::make_shared<GalleryState>();
      RecordLoad(*view_.gallery, c.text, ok, diags);
      view_.status = ok ? "opened " + c.text
                        : view_.gallery->load_error.substr(0, view_.gallery->load_error.find('\n'));
      break;
    }
    case CommandKind::ApplyEdit:
      if (!view_.editor) view_.editor = std::make_shared<EditorState>();
      SyncEditor(session_, *view_.editor);
      if (!c.text.empty()) view_.editor->script = c.text;
      ApplyEdit(session_, *view_.editor);
      break;
    case CommandKind::InjectKey:
      if (!view_.keyboard) view_.keyboard = std::make_shared<KeyboardState>();
      InjectKey(session_, *view_.keyboard, c.value);
      break;
  }
}

void App::Apply() {
  // Commands may push more commands (none do today); take the list first.
  std::vector<Command> todo = std::exchange(commands_, {});
  for (const Command& c : todo) ApplyOne(c);
}

float StepAnimation(const ViewData& view) {
  if (!view.animate) return 1.0f;
  const double t = (ImGui::GetTime() - view.cursor_arrived_at) / kStepAnimationSeconds;
  return t >= 1.0 ? 1.0f : t <= 0.0 ? 0.0f : float(t);
}

void App::Frame() {
  ReadKeys();
  Apply();
  if (session_.cursor() != view_.animated_cursor) {
    view_.animated_cursor = session_.cursor();
    view_.cursor_arrived_at = ImGui::GetTime();
  }
  DrawLayout();
  if (view_.help_open) DrawHelp();
}

void App::DrawLayout() {
  ViewContext ctx{session_, view_, commands_};
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                      ImGuiWindowFlags_NoCollapse |
                                      ImGuiWindowFlags_NoBringToFrontOnFocus |
                                      ImGuiWindowFlags_NoFocusOnAppearing;
  const ImGuiStyle& style = ImGui::GetStyle();
  // The menu bar, then the transport bar (two text lines), then the chosen layout below.
  float top = 0;
  if (ImGui::BeginMainMenuBar()) {
    top = ImGui::GetWindowSize().y;
    DrawMenuBar(ctx);
    ImGui::EndMainMenuBar();
  }
  const float bar_h = ImGui::GetFrameHeightWithSpacing() + ImGui::GetTextLineHeightWithSpacing() +
                      style.WindowPadding.y * 2;
  if (const ViewInfo* step = FindView("Step")) {
    ImGui::SetNextWindowPos(ImVec2(0, top), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(display.x, bar_h), ImGuiCond_Always);
    if (ImGui::Begin(step->title, nullptr, kFlags | ImGuiWindowFlags_NoTitleBar)) step->draw(ctx);
    ImGui::End();
  }
  top += bar_h;

  const LayoutPreset* preset = FindLayout(view_.settings.layout);
  if (preset == nullptr) preset = &LayoutPresets().front();
  LayoutNode& tree = view_.layouts.try_emplace(preset->name, preset->root).first->second;
  auto wanted = [&](const std::string& title) {
    const ViewInfo* v = FindView(title);
    return v != nullptr && (v->wanted == nullptr || v->wanted(session_));
  };
  const Rect area{0, top, display.x, std::max(0.0f, display.y - top)};
  const Placement placed = present::Place(tree, area, kSplitterPx, wanted);

  for (const PlacedLeaf& leaf : placed.leaves) {
    ImGui::SetNextWindowPos(ImVec2(leaf.rect.x, leaf.rect.y), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(leaf.rect.w, leaf.rect.h), ImGuiCond_Always);
    if (leaf.panels.size() == 1) {
      const ViewInfo* v = FindView(leaf.panels.front());
      if (ImGui::Begin(v->title, nullptr, kFlags)) v->draw(ctx);
      ImGui::End();
      continue;
    }
    // Several panels share the place as tabs; the window is named after the whole group.
    std::string name;
    for (const std::string& p : leaf.panels) name += (name.empty() ? "" : " | ") + p;
    if (ImGui::Begin(name.c_str(), nullptr, kFlags | ImGuiWindowFlags_NoTitleBar)) {
      if (ImGui::BeginTabBar("tabs")) {
        const bool first_time = view_.tab_groups_seen.insert(name).second;
        const char* lesson = TracksMemory(session_) ? "Memory" : "";
        for (const std::string& p : leaf.panels) {
          const ViewInfo* v = FindView(p);
          const ImGuiTabItemFlags flags = first_time && p == lesson ? ImGuiTabItemFlags_SetSelected : 0;
          if (ImGui::BeginTabItem(v->title, nullptr, flags)) {
            ImGui::BeginChild("tab", ImVec2(0, 0), false);
            v->draw(ctx);
            ImGui::EndChild();
            ImGui::EndTabItem();
          }
        }
        ImGui::EndTabBar();
      }
    }
    ImGui::End();
  }

  // Splitters: invisible handles in the gaps, dragged to move weight between neighbours.
  ImGui::SetNextWindowPos(ImVec2(0, 0), ImGuiCond_Always);
  ImGui::SetNextWindowSize(display, ImGuiCond_Always);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::Begin("##splitters", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoScrollbar);
  for (size_t i = 0; i < placed.splitters.size(); ++i) {
    const Splitter& s = placed.splitters[i];
    ImGui::SetCursorScreenPos(ImVec2(s.rect.x, s.rect.y));
    ImGui::PushID(static_cast<int>(i));
    ImGui::InvisibleButton("split", ImVec2(std::max(1.0f, s.rect.w), std::max(1.0f, s.rect.h)));
    ImGui::PopID();
    if (ImGui::IsItemHovered() || ImGui::IsItemActive()) {
      ImGui::SetMouseCursor(s.vertical ? ImGuiMouseCursor_ResizeNS : ImGuiMouseCursor_ResizeEW);
      ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(s.rect.x, s.rect.y),
                                                ImVec2(s.rect.x + s.rect.w, s.rect.y + s.rect.h),
                                                ImGui::GetColorU32(ImGuiCol_SeparatorHovered));
    }
    if (ImGui::IsItemActive()) {
      const ImVec2 d = ImGui::GetIO().MouseDelta;
      DragSplitter(tree, s, s.vertical ? d.y : d.x, kMinPanelPx);
    }
  }
  ImGui::End();
  ImGui::PopStyleVar();
}

void App::DrawHelp() {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowBgAlpha(0.96f);
  ImGui::Begin("Keys", &view_.help_open,
               ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
  if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
    for (const KeyHelp& k : KeyHelpRows()) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(k.keys);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(k.action);
    }
    ImGui::EndTable();
  }
  ImGui::Separator();
  ImGui::TextDisabled("Layouts:");
  int i = 1;
  for (const LayoutPreset& p : LayoutPresets()) ImGui::TextDisabled("  %d  %s", i++, p.label.c_str());
  ImGui::End();
}

}  // namespace aws::gui
