// Prediction mode's question card: drawn over the bottom of the layout while prediction or
// presenter mode is on (prediction.h). It shows the question waiting at the cursor with its
// numbered choices, then whether the answer was right, the right choice and why, and the score.
#include <imgui.h>

#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "gui/fonts.h"
#include "gui/theme.h"
#include "gui/views/views.h"
#include "present/prediction.h"

namespace aws::gui {
namespace {

// Presenter mode talks to a room: the question and its choices at 1.5 times the font (no more
// than 2.5 times the 100 % font, for a window already at a large scale).
float CardScale(PredictMode mode) {
  const float font = ImGui::GetFontSize();
  const float want = mode == PredictMode::Presenter ? 1.5f : 1.15f;
  return std::max(font, std::min(font * want, kBaseFontPx * 2.5f)) / font;
}

void Wrapped(const std::string& text) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
}

// The choices as full-width rows, numbered as the digit keys answer them. With `revealed`, the
// right choice is outlined in the theme's success colour and a wrong pick in its error colour.
void Choices(ViewContext& ctx, const Question& q, int picked, bool revealed) {
  const Palette& pal = ThemePalette(ctx.view.settings.theme);
  const float width = ImGui::GetContentRegionAvail().x;
  for (size_t i = 0; i < q.choices.size(); ++i) {
    const std::string label = fmt::format("{}   {}##choice{}", i + 1, q.choices[i], i);
    ImGui::PushID(static_cast<int>(i));
    if (revealed) {
      ImGui::BeginDisabled(true);
      ImGui::Button(label.c_str(), ImVec2(width, 0));
      ImGui::EndDisabled();
      const bool right = static_cast<int>(i) == q.answer;
      const bool wrong_pick = static_cast<int>(i) == picked && !right;
      if (right || wrong_pick) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const float t = std::max(2.0f, ImGui::GetFontSize() * 0.15f);
        dl->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), right ? pal.ok : pal.error, 0.0f, 0, t);
      }
    } else if (ImGui::Button(label.c_str(), ImVec2(width, 0))) {
      ctx.commands.push_back(MakeCommand(CommandKind::AnswerQuestion, static_cast<int64_t>(i)));
    }
    ImGui::PopID();
  }
}

// The header: which question of how many, and the score (a student's; presenter mode has none).
void Header(const Prediction& p, int index) {
  const Score sc = ScoreOf(p);
  std::string head = p.mode == PredictMode::Presenter ? _("Presenter mode") : _("Prediction mode");
  if (index >= 0) head += "  ·  " + TrFormat(N_("question {} of {}"), index + 1, p.questions.size());
  if (p.mode == PredictMode::Student && sc.answered + sc.revealed > 0)
    head += "  ·  " + TrFormat(N_("score: {} of {} right"), sc.correct, sc.answered);
  ImGui::TextDisabled("%s", head.c_str());
}

}  // namespace

void DrawPredictionView(ViewContext& ctx) {
  const Prediction& p = ctx.view.prediction;
  const Session& s = ctx.session;
  const Palette& pal = ThemePalette(ctx.view.settings.theme);
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float margin = ImGui::GetFontSize();
  const float width = std::min(display.x - 2 * margin, std::max(display.x * 0.55f, ImGui::GetFontSize() * 36));
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y - margin), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
  ImGui::SetNextWindowSize(ImVec2(width, 0), ImGuiCond_Always);
  ImGui::SetNextWindowBgAlpha(1.0f);  // opaque: projectors wash out translucency
  ImGui::Begin(WindowName(N_("Predict")).c_str(), nullptr,
               ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoFocusOnAppearing);
  const int64_t cursor = s.cursor();
  const int pending = PendingQuestion(p, cursor);
  Header(p, pending >= 0 ? pending : p.last);

  // The last answer's result, from where it was asked until the event that answers it. Several
  // questions are often asked at one point (before a task's first poll: Pending or Ready, and
  // how many polls until Ready): then the result comes first and the next question below it.
  bool shown = false;
  if (p.last >= 0) {
    const Question& q = p.questions[static_cast<size_t>(p.last)];
    const int picked = p.chosen[static_cast<size_t>(p.last)];
    if (cursor >= q.ask_step - 1 && cursor <= q.step) {
      shown = true;
      ImGui::SetWindowFontScale(CardScale(p.mode));
      if (picked == kRevealed) {
        ImGui::TextUnformatted(_("The answer:"));
      } else {
        ImGui::PushStyleColor(ImGuiCol_Text, picked == q.answer ? pal.ok : pal.error);
        ImGui::TextUnformatted(picked == q.answer ? _("Right!") : _("Not quite."));
        ImGui::PopStyleColor();
      }
      if (pending < 0) {
        Wrapped(q.prompt);
        Choices(ctx, q, picked, true);
      } else {
        // Compact: the right choice beside the verdict, the prompt left out.
        if (picked != kRevealed) {
          ImGui::SameLine();
          ImGui::TextUnformatted(_("The answer:"));
        }
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, pal.ok);
        ImGui::TextUnformatted(q.choices[static_cast<size_t>(q.answer)].c_str());
        ImGui::PopStyleColor();
        // Outlined as the right choice is in the full card.
        const float pad = std::max(2.0f, ImGui::GetFontSize() * 0.2f);
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        ImGui::GetWindowDrawList()->AddRect(ImVec2(a.x - pad, a.y - 1), ImVec2(b.x + pad, b.y + 1), pal.ok, 0.0f, 0,
                                            std::max(2.0f, ImGui::GetFontSize() * 0.15f));
      }
      ImGui::SetWindowFontScale(1.0f);
      if (!q.explanation.empty()) Wrapped(q.explanation);
      if (pending < 0) ImGui::TextDisabled("%s", _("Right or PageDown: go on"));
    }
  }
  if (pending >= 0) {
    const Question& q = p.questions[static_cast<size_t>(pending)];
    if (shown) ImGui::Separator();
    ImGui::SetWindowFontScale(CardScale(p.mode));
    Wrapped(q.prompt);
    Choices(ctx, q, kNotAnswered, false);
    ImGui::SetWindowFontScale(1.0f);
    ImGui::TextDisabled("%s", p.mode == PredictMode::Presenter
                                  ? _("Right, PageDown or Enter: show the answer")
                                  : TrFormat(N_("1 - {}: answer  ·  Enter: show the answer"), q.choices.size()).c_str());
  } else if (!shown) {
    const int next = NextQuestion(p, cursor);
    if (p.questions.empty()) {
      ImGui::TextUnformatted(_("This run has no questions."));
    } else if (next >= 0) {
      ImGui::TextUnformatted(
          TrFormat(N_("The next question comes before step {}."), p.questions[static_cast<size_t>(next)].ask_step).c_str());
    } else {
      const Score sc = ScoreOf(p);
      if (p.mode == PredictMode::Student && sc.answered > 0)
        ImGui::TextUnformatted(TrFormat(N_("No more questions. You got {} of {} right."), sc.correct, sc.answered).c_str());
      else
        ImGui::TextUnformatted(_("No more questions."));
    }
  }
  ImGui::End();
}

}  // namespace aws::gui
