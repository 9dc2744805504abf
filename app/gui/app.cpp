#include "gui/app.h"

#include <SDL_scancode.h>
#include <imgui.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include <fmt/format.h>

#include "present/editor.h"
#include "present/gallery.h"
#include "present/keyboard.h"
#include "present/keymap.h"
#include "present/whatif.h"
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

constexpr float kMaxNarrationShare = 0.35f;

// Gives the leaf showing only `panel`, now `has_px` high in a column, `need_px` (at most
// `max_share` of the column) by raising its weight. False when no column holds such a leaf.
bool GrowLeaf(LayoutNode& n, const std::string& panel, float has_px, float need_px, float max_share) {
  for (size_t i = 0; i < n.children.size(); ++i) {
    const LayoutNode& c = n.children[i];
    if (n.vertical && c.children.empty() && c.panels.size() == 1 && c.panels.front() == panel) {
      float others = 0;
      for (size_t k = 0; k < n.weights.size(); ++k) others += k == i ? 0.0f : n.weights[k];
      const float total = others + n.weights[i];
      if (total <= 0 || others <= 0 || has_px <= 0) return false;
      const float column_px = has_px * total / n.weights[i];
      const float share = std::min(need_px / column_px, max_share);
      if (share <= n.weights[i] / total) return true;
      n.weights[i] = others * share / (1.0f - share);
      return true;
    }
    if (GrowLeaf(n.children[i], panel, has_px, need_px, max_share)) return true;
  }
  return false;
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
  fresh.layout_before_presentation = view_.layout_before_presentation;  // still presenting
  fresh.scale_before_presentation = view_.scale_before_presentation;
  fresh.prediction.mode = view_.prediction.mode;  // still predicting; the new run's questions
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
    if (pressed(ImGuiKey_PageDown, true)) in.keys.push_back(NamedKey::PageDown);
    if (pressed(ImGuiKey_PageUp, true)) in.keys.push_back(NamedKey::PageUp);
    if (pressed(ImGuiKey_DownArrow, true)) in.keys.push_back(NamedKey::Down);
    if (pressed(ImGuiKey_UpArrow, true)) in.keys.push_back(NamedKey::Up);
    if (pressed(ImGuiKey_Enter, false) || pressed(ImGuiKey_KeyPadEnter, false)) in.keys.push_back(NamedKey::Enter);
    if (ImGui::IsKeyPressed(SDL_SCANCODE_F, false)) in.keys.push_back(NamedKey::F);
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
    kc.gallery_shown = view_.gallery_shown;
    kc.predicting = view_.prediction.mode != PredictMode::Off;
    if (const int q = PendingQuestion(view_.prediction, session_.cursor()); q >= 0)
      kc.question_choices = static_cast<int>(view_.prediction.questions[static_cast<size_t>(q)].choices.size());
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
  view_.status = TrFormat(N_("stopped at step {}: {}"), session_.cursor(), why);
}

void App::ApplyOne(const Command& c) {
  const Trace& trace = session_.trace();
  auto seek = [&](int64_t step, const char* none) {
    if (step < 0) {
      view_.status = none;
      return;
    }
    MoveForwardTo(step);
  };
  switch (c.kind) {
    case CommandKind::Step: {
      Prediction& p = view_.prediction;
      if (const int q = PendingQuestion(p, session_.cursor()); q >= 0) {
        view_.playing = false;
        if (p.mode == PredictMode::Presenter) {
          // The class has had its say: this step shows the answer.
          MoveForwardTo(Answer(p, q, kRevealed));
        } else {
          view_.status = TrFormat(N_("answer the question first (1 - {}), or Enter to see the answer"),
                                  p.questions[static_cast<size_t>(q)].choices.size());
        }
        break;
      }
      // Stepping over executor code skips its line steps (breakpoints.h NextStep).
      const int64_t before = session_.cursor();
      const int64_t next = NextStep(trace, before, view_.settings.step_into_executor_code);
      if (next >= 0) MoveForwardTo(next);
      if (view_.playing && session_.cursor() == before) view_.playing = false;  // the end
      StopIfBreakpoint();
      break;
    }
    case CommandKind::StepBack:
      if (session_.cursor() >= 0) session_.Seek(PrevStep(trace, session_.cursor(), view_.settings.step_into_executor_code));
      break;
    case CommandKind::SetExecutorStepping:
      view_.settings.step_into_executor_code = c.value < 0 ? !view_.settings.step_into_executor_code : c.value != 0;
      view_.status = view_.settings.step_into_executor_code ? _("stepping into executor code: Step visits each of its lines")
                                                            : _("stepping over executor code: Step goes from event to event");
      break;
    case CommandKind::Seek:
      if (c.step > session_.cursor())
        MoveForwardTo(c.step);
      else
        session_.Seek(c.step);
      break;
    case CommandKind::TogglePlay:
      view_.playing = !view_.playing;
      view_.play_seconds = 0.0;
      // Play from the start again once the end is reached.
      if (view_.playing && session_.cursor() + 1 >= session_.size()) session_.Reset();
      break;
    case CommandKind::StepPoll:
      seek(NextPoll(trace, session_.cursor()), _("no later poll"));
      break;
    case CommandKind::StepPollBack:
      seek(PrevPoll(trace, session_.cursor()), _("no earlier poll"));
      break;
    case CommandKind::RunToBreakpoint: {
      if (view_.breakpoints.empty()) {
        view_.status = _("no breakpoints set (B on a line, or the Run menu)");
        break;
      }
      const int64_t to = c.value < 0 ? PrevHit(view_.breakpoints, trace, session_.cursor())
                                     : NextHit(view_.breakpoints, trace, session_.cursor());
      if (to < 0) {
        view_.status = c.value < 0 ? _("no breakpoint before this step") : _("no breakpoint after this step");
        break;
      }
      if (c.value < 0) {
        session_.Seek(to);
      } else {
        MoveForwardTo(to);
        if (session_.cursor() != to) break;  // a question came first (the status says so)
      }
      view_.status = TrFormat(N_("step {}: {}"), to, HitReason(view_.breakpoints, trace, to));
      break;
    }
    case CommandKind::NextTaskChange:
      view_.followed_task = static_cast<int>(c.value);
      seek(NextTaskChange(trace, static_cast<int>(c.value), session_.cursor()),
           _("the followed task does not change again"));
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
      // Presenting stays on across layouts (the projector is still there): the next P leaves it.
      view_.settings.layout = c.text;
      break;
    case CommandKind::TogglePresentation:
      if (view_.layout_before_presentation.empty()) {
        view_.layout_before_presentation = view_.settings.layout;
        view_.scale_before_presentation = view_.settings.scale_percent;
        view_.settings.layout = "presentation";
        view_.settings.scale_percent = std::max(view_.settings.scale_percent, kPresentationScale);
      } else {
        // Leaving restores the font; the layout too unless another one was chosen meanwhile.
        if (view_.settings.layout == "presentation") view_.settings.layout = view_.layout_before_presentation;
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
    case CommandKind::SetLanguage:
      if (c.text.empty() || c.text == "en" || c.text == "zh") view_.settings.language = c.text;
      else view_.status = "no language `" + c.text + "` (known: en, zh)";
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
      view_.status = ok ? _("opened ") + c.text
                        : view_.gallery->load_error.substr(0, view_.gallery->load_error.find('\n'));
      break;
    }
    case CommandKind::ApplyEdit:
      if (!view_.editor) view_.editor = std::make_shared<EditorState>();
      SyncEditor(session_, *view_.editor);
      if (!c.text.empty()) view_.editor->script = c.text;
      ApplyEdit(session_, *view_.editor);
      break;
    case CommandKind::PickWhatIf:
      if (!view_.whatif) view_.whatif = std::make_shared<WhatIfState>();
      if (session_.scenario())
        PickWhatIf(*view_.whatif, ChoicesFor(*session_.scenario(), session_.trace()),
                   static_cast<WhatIfKind>(std::clamp<int64_t>(c.value, 0, static_cast<int64_t>(WhatIfKind::Blocking))),
                   c.text, c.value2, c.step);
      break;
    case CommandKind::RunWhatIf:
      if (!view_.whatif) view_.whatif = std::make_shared<WhatIfState>();
      RunWhatIf(*view_.whatif, session_);
      break;
    case CommandKind::OpenWhatIfVariant: OpenWhatIfVariant(); break;
    case CommandKind::GalleryFind:
      if (!view_.gallery) view_.gallery = std::make_shared<GalleryState>();
      if (!view_.gallery_shown) {
        view_.settings.layout = "gallery";
        view_.layout_before_presentation.clear();
      }
      view_.gallery->focus_search = true;
      view_.gallery->hold_keys_frames = 4;
      break;
    case CommandKind::GalleryMove:
    case CommandKind::GalleryOpen: {
      if (!view_.gallery) break;  // never drawn: nothing to choose from
      GalleryState& g = *view_.gallery;
      const std::vector<GalleryGroup> groups = GroupGallery(g.gallery, g.filter);
      if (c.kind == CommandKind::GalleryMove) {
        g.selected_key = MoveGallerySelection(groups, g.selected_key, g.loaded_key, static_cast<int>(c.value));
        g.scroll_to_selection = true;
      } else if (const GalleryEntry* e = GallerySelection(groups, g.selected_key, g.loaded_key)) {
        ApplyOne(MakeCommand(CommandKind::LoadScenario, 0, e->path));
      }
      break;
    }
    case CommandKind::InjectKey:
      if (!view_.keyboard) view_.keyboard = std::make_shared<KeyboardState>();
      InjectKey(session_, *view_.keyboard, c.value);
      break;
    case CommandKind::SetPrediction: {
      Prediction& p = view_.prediction;
      const auto mode = static_cast<PredictMode>(std::clamp<int64_t>(c.value, 0, 2));
      if (mode == p.mode) break;
      p.mode = mode;
      p.derived_for = nullptr;  // a fresh start: every question asked again, the score at zero
      RefreshQuestions();
      if (mode != PredictMode::Off) view_.playing = false;
      view_.status = mode == PredictMode::Off       ? _("prediction mode off")
                     : mode == PredictMode::Student ? _("prediction mode: answer each question before the step that answers it")
                                                    : _("presenter mode: the next step shows each question's answer");
      break;
    }
    case CommandKind::AnswerQuestion: {
      Prediction& p = view_.prediction;
      const int q = PendingQuestion(p, session_.cursor());
      if (q < 0) break;
      const int64_t reveal = Answer(p, q, static_cast<int>(c.value));
      if (reveal < 0) break;
      view_.status.clear();  // "a question first" no longer holds
      MoveForwardTo(reveal);
      break;
    }
  }
}

void App::OpenWhatIfVariant() {
  if (!view_.whatif || !view_.whatif->result || !view_.whatif->result->injections.empty()) return;
  Diagnostics diags;
  if (session_.Reopen(view_.whatif->result->variant, diags))
    view_.status = TrFormat(N_("the changed run is the main run now: {}"), view_.whatif->result->change);
  else
    view_.status = diags.Headlines();
}

void App::MoveForwardTo(int64_t target) {
  RefreshQuestions();
  const int64_t cursor = session_.cursor();
  const int64_t to = StopBefore(view_.prediction, cursor, target);
  session_.Seek(to);
  if (to < target && PendingQuestion(view_.prediction, session_.cursor()) >= 0) {
    view_.playing = false;
    view_.status = _("a question first: what happens next?");
  }
}

void App::RefreshQuestions() {
  Prediction& p = view_.prediction;
  const Trace& trace = session_.trace();
  if (p.mode == PredictMode::Off) return;
  const int lang = static_cast<int>(CurrentLanguage());
  const bool same_run = p.derived_for == trace.events.data() && p.derived_size == trace.events.size();
  if (same_run && p.derived_lang == lang) return;
  std::vector<Question> questions = DeriveQuestions(trace, session_.program(), session_.scenario());
  if (same_run)
    RewordQuestions(p, std::move(questions));  // View > Language: the same questions, re-worded
  else
    SetQuestions(p, std::move(questions));
  p.derived_for = trace.events.data();
  p.derived_size = trace.events.size();
  p.derived_lang = lang;
}

void App::Apply() {
  // Commands may push more commands (none do today); take the list first.
  std::vector<Command> todo = std::exchange(commands_, {});
  for (const Command& c : todo) ApplyOne(c);
  RefreshQuestions();  // the panel reads them this frame
}

float StepAnimation(const ViewData& view) {
  if (!view.animate) return 1.0f;
  const double t = (ImGui::GetTime() - view.cursor_arrived_at) / kStepAnimationSeconds;
  return t >= 1.0 ? 1.0f : t <= 0.0 ? 0.0f : float(t);
}

bool App::HoldsKeys() const { return view_.gallery && view_.gallery->hold_keys_frames > 0; }

bool App::NeedsFrames() const {
  if (view_.export_progress.active || HoldsKeys()) return true;
  if (view_.playing || !commands_.empty()) return true;  // commands pushed while drawing
  // An edit waits a few frames (editor.h) before the draft is run again.
  if (view_.editor && view_.editor->debounce >= 0) return true;
  // The Source panel re-centres the current line for a few frames after a font or size change.
  if (view_.source_refit_frames > 0) return true;
  // A cursor not yet seen by Frame starts its animation there.
  return view_.animate && (session_.cursor() != view_.animated_cursor || StepAnimation(view_) < 1.0f);
}

void App::DrawExportProgress() {
  ExportProgress& p = view_.export_progress;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 26, 0), ImGuiCond_Always);
  ImGui::SetNextWindowBgAlpha(1.0f);  // over the panels, which keep changing underneath
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                      ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;
  if (ImGui::Begin(WindowName(N_("Exporting")).c_str(), nullptr, kFlags)) {
    ImGui::TextUnformatted(p.what.c_str());
    const float fraction = p.total > 0 ? static_cast<float>(p.done) / static_cast<float>(p.total) : 0.0f;
    const std::string label = TrFormat(N_("{} of {} steps"), p.done, p.total);
    ImGui::ProgressBar(fraction, ImVec2(-1, 0), label.c_str());
    if (ImGui::Button(_("Cancel (Esc)"))) p.cancel = true;
  }
  ImGui::End();
}

void App::Frame() {
  if (view_.gallery && view_.gallery->hold_keys_frames > 0) --view_.gallery->hold_keys_frames;
  ExportProgress& exporting = view_.export_progress;
  if (exporting.active) {
    // While an export runs, input only cancels it (Esc counts in its picture frames too), and
    // what the panels ask for is dropped.
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) exporting.cancel = true;
    commands_.clear();
  } else {
    ReadKeys();
    Apply();
  }
  if (session_.cursor() != view_.animated_cursor) {
    view_.animated_cursor = session_.cursor();
    view_.cursor_arrived_at = ImGui::GetTime();
  }
  DrawLayout();
  if (view_.prediction.mode != PredictMode::Off) {
    ViewContext ctx{session_, view_, commands_};
    DrawPredictionView(ctx);
  }
  if (exporting.active) {
    commands_.clear();
    if (!exporting.capturing) DrawExportProgress();
    return;
  }
  if (view_.help_open) DrawHelp();
}

void App::DrawLayout() {
  ViewContext ctx{session_, view_, commands_};
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                      ImGuiWindowFlags_NoCollapse |
                                      ImGuiWindowFlags_NoBringToFrontOnFocus |
                                      ImGuiWindowFlags_NoFocusOnAppearing;
  // The menu bar, then the transport bar (one or two rows of controls and a text line), then the
  // chosen layout below.
  float top = 0;
  if (ImGui::BeginMainMenuBar()) {
    top = ImGui::GetWindowSize().y;
    DrawMenuBar(ctx);
    ImGui::EndMainMenuBar();
  }
  const float bar_h = StepViewHeight(display.x, HasExecutorCode(session_.trace()));
  if (const ViewInfo* step = FindView("Step")) {
    ImGui::SetNextWindowPos(ImVec2(0, top), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(display.x, bar_h), ImGuiCond_Always);
    if (ImGui::Begin(WindowName(step->title).c_str(), nullptr, kFlags | ImGuiWindowFlags_NoTitleBar)) step->draw(ctx);
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
  Placement placed = present::Place(tree, area, kSplitterPx, wanted);
  // The Narration panel grows, for this frame, to the height its text needs (at most
  // kMaxNarrationShare of its column): a large font or a long narration never cuts it.
  for (const PlacedLeaf& leaf : placed.leaves) {
    if (leaf.panels.size() != 1 || leaf.panels.front() != "Narration") continue;
    const float need = NarrationPanelHeight(session_, leaf.rect.w);
    if (need <= leaf.rect.h + 0.5f) break;
    LayoutNode fitted = tree;
    if (GrowLeaf(fitted, "Narration", leaf.rect.h, need, kMaxNarrationShare))
      placed = present::Place(fitted, area, kSplitterPx, wanted);
    break;
  }
  view_.gallery_shown = false;
  for (const PlacedLeaf& leaf : placed.leaves)
    view_.gallery_shown |= std::find(leaf.panels.begin(), leaf.panels.end(), "Gallery") != leaf.panels.end();

  for (const PlacedLeaf& leaf : placed.leaves) {
    ImGui::SetNextWindowPos(ImVec2(leaf.rect.x, leaf.rect.y), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(leaf.rect.w, leaf.rect.h), ImGuiCond_Always);
    if (leaf.panels.size() == 1) {
      const ViewInfo* v = FindView(leaf.panels.front());
      if (ImGui::Begin(WindowName(v->title).c_str(), nullptr, kFlags)) v->draw(ctx);
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
          if (ImGui::BeginTabItem(WindowName(v->title).c_str(), nullptr, flags)) {
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

  // Splitters: invisible handles in the gaps, dragged to move weight between neighbours. Each is a
  // window of its own covering only its gap: a window over the whole area would take the mouse
  // from every panel beneath it, and ImGui 1.86 puts a NoBringToFrontOnFocus window created
  // later (a panel first shown by another layout) beneath the older ones. Made the same way,
  // the handles sit beneath everything else (the help overlay, menus) and above nothing.
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowMinSize, ImVec2(1, 1));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
  for (size_t i = 0; i < placed.splitters.size(); ++i) {
    const Splitter& s = placed.splitters[i];
    const ImVec2 size(std::max(1.0f, s.rect.w), std::max(1.0f, s.rect.h));
    ImGui::SetNextWindowPos(ImVec2(s.rect.x, s.rect.y), ImGuiCond_Always);
    ImGui::SetNextWindowSize(size, ImGuiCond_Always);
    const std::string name = "##splitter" + std::to_string(i);
    ImGui::Begin(name.c_str(), nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoScrollbar);
    ImGui::InvisibleButton("split", size);
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
    ImGui::End();
  }
  ImGui::PopStyleVar(3);
}

void App::DrawHelp() {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowBgAlpha(1.0f);  // opaque over the panels: projectors wash out translucency
  ImGui::Begin(WindowName(N_("Keys")).c_str(), &view_.help_open,
               ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
  if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
    for (const KeyHelp& k : KeyHelpRows()) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(k.keys);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(_(k.action));
    }
    ImGui::EndTable();
  }
  ImGui::Separator();
  ImGui::TextDisabled("%s", _("Layouts:"));
  int i = 1;
  for (const LayoutPreset& p : LayoutPresets()) ImGui::TextDisabled("  %d  %s", i++, _(p.label.c_str()));
  ImGui::End();
}

}  // namespace aws::gui
