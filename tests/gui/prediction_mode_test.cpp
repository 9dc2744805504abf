// Prediction and presenter mode in the App (prediction.h, prediction_view.cpp): every way of
// moving forward stops before a question, the digits answer and the step reveals, the score,
// presenter mode's reveal on a step; and the question card rendered headlessly with the right
// choice outlined in the theme's success colour and a wrong pick in its error colour.
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "gui/app.h"
#include "gui/platform.h"
#include "gui/theme.h"
#include "headless.h"
#include "present/i18n.h"
#include "present/keymap.h"
#include "present/prediction.h"

namespace aws::gui {
namespace {

namespace fs = std::filesystem;
const std::string kExample = (fs::path(AWAITSCOPE_SOURCE_DIR) / "scenarios" / "example.toml").string();

App Loaded() {
  App app;
  Diagnostics d;
  EXPECT_TRUE(app.Load(kExample, d)) << d.Render();
  return app;
}

void Do(App& app, Command c) {
  app.Push(std::move(c));
  app.Apply();
}

const Question& Pending(const App& app) {
  const Prediction& p = app.view().prediction;
  const int q = PendingQuestion(p, app.session().cursor());
  EXPECT_GE(q, 0);
  return p.questions[static_cast<size_t>(q < 0 ? 0 : q)];
}

TEST(PredictionMode, EveryMoveForwardStopsBeforeTheQuestion) {
  App app = Loaded();
  Do(app, MakeCommand(CommandKind::SetPrediction, static_cast<int64_t>(PredictMode::Student)));
  const Prediction& p = app.view().prediction;
  ASSERT_EQ(p.questions.size(), 10u);
  const int64_t ask_at = p.questions[0].ask_step - 1;
  // End (a seek to the last event) stops at the first question's ask point.
  Do(app, {CommandKind::Seek, INT64_MAX});
  EXPECT_EQ(app.session().cursor(), ask_at);
  EXPECT_EQ(app.view().status, "a question first: what happens next?");
  // A step, the next poll and playing all stay there while it waits.
  Do(app, MakeCommand(CommandKind::Step));
  EXPECT_EQ(app.session().cursor(), ask_at);
  EXPECT_EQ(app.view().status, "answer the question first (1 - " + std::to_string(Pending(app).choices.size()) +
                                   "), or Enter to see the answer");
  Do(app, MakeCommand(CommandKind::StepPoll));
  EXPECT_EQ(app.session().cursor(), ask_at);
  Do(app, MakeCommand(CommandKind::TogglePlay));
  Do(app, MakeCommand(CommandKind::Step));
  EXPECT_EQ(app.session().cursor(), ask_at);
  EXPECT_FALSE(app.view().playing);
  // Backwards is free.
  Do(app, MakeCommand(CommandKind::StepBack));
  EXPECT_EQ(app.session().cursor(), ask_at - 1);
  Do(app, MakeCommand(CommandKind::Step));
  EXPECT_EQ(app.session().cursor(), ask_at);
}

TEST(PredictionMode, AnAnswerStepsToTheEventThatRevealsItAndScores) {
  App app = Loaded();
  Do(app, MakeCommand(CommandKind::SetPrediction, static_cast<int64_t>(PredictMode::Student)));
  Do(app, {CommandKind::Seek, INT64_MAX});
  const Question first = Pending(app);
  const int wrong = first.answer == 0 ? 1 : 0;
  Do(app, MakeCommand(CommandKind::AnswerQuestion, wrong));
  const Prediction& p = app.view().prediction;
  EXPECT_EQ(p.last, 0);
  EXPECT_EQ(p.chosen[0], wrong);
  // The cursor reveals it (or stops at a question asked at the same point).
  if (p.questions[1].ask_step != first.ask_step) {
    EXPECT_EQ(app.session().cursor(), first.step);
  } else {
    EXPECT_EQ(app.session().cursor(), first.ask_step - 1);
  }
  // Answer every later question right with the keys, as a student would.
  int guard = 0;
  while (app.session().cursor() + 1 < app.session().size() && guard++ < 100) {
    const int q = PendingQuestion(p, app.session().cursor());
    if (q < 0) {
      Do(app, {CommandKind::Seek, INT64_MAX});
      continue;
    }
    KeyPresses keys;
    keys.chars.push_back(U'1' + static_cast<char32_t>(p.questions[static_cast<size_t>(q)].answer));
    KeyContext kc;
    kc.predicting = true;
    kc.question_choices = static_cast<int>(p.questions[static_cast<size_t>(q)].choices.size());
    for (Command& c : CommandsFor(keys, kc)) app.Push(std::move(c));
    app.Apply();
  }
  EXPECT_EQ(app.session().cursor() + 1, app.session().size());
  const Score s = ScoreOf(p);
  EXPECT_EQ(s.answered, 10);
  EXPECT_EQ(s.correct, 9);
  EXPECT_EQ(s.revealed, 0);
}

TEST(PredictionMode, PresenterModeRevealsOnTheNextStep) {
  App app = Loaded();
  Do(app, MakeCommand(CommandKind::SetPrediction, static_cast<int64_t>(PredictMode::Presenter)));
  Do(app, {CommandKind::Seek, INT64_MAX});
  const Prediction& p = app.view().prediction;
  const Question first = Pending(app);
  // The clicker's next step shows the answer: the question is revealed, nobody scored.
  Do(app, MakeCommand(CommandKind::Step));
  EXPECT_EQ(p.chosen[0], kRevealed);
  EXPECT_GE(app.session().cursor(), first.ask_step - 1);
  EXPECT_EQ(ScoreOf(p).answered, 0);
  EXPECT_EQ(ScoreOf(p).revealed, 1);
}

TEST(PredictionMode, KeysAnswerOnlyWhileAQuestionWaits) {
  KeyPresses keys;
  keys.chars = U"2";
  KeyContext kc;
  // No question: 2 is the second layout preset.
  std::vector<Command> cs = CommandsFor(keys, kc);
  ASSERT_EQ(cs.size(), 1u);
  EXPECT_EQ(cs[0].kind, CommandKind::SetLayout);
  kc.predicting = true;
  kc.question_choices = 2;
  cs = CommandsFor(keys, kc);
  ASSERT_EQ(cs.size(), 1u);
  EXPECT_EQ(cs[0].kind, CommandKind::AnswerQuestion);
  EXPECT_EQ(cs[0].value, 1);
  keys.chars = U"3";  // no third choice: nothing
  EXPECT_TRUE(CommandsFor(keys, kc).empty());
  keys.chars.clear();
  keys.keys = {NamedKey::Enter};
  kc.gallery_shown = true;  // the question comes first
  cs = CommandsFor(keys, kc);
  ASSERT_EQ(cs.size(), 1u);
  EXPECT_EQ(cs[0].kind, CommandKind::AnswerQuestion);
  EXPECT_EQ(cs[0].value, kRevealed);
  keys.keys.clear();
  keys.chars = U"q";
  cs = CommandsFor(keys, kc);
  ASSERT_EQ(cs.size(), 1u);
  EXPECT_EQ(cs[0].kind, CommandKind::SetPrediction);
  EXPECT_EQ(cs[0].value, static_cast<int64_t>(PredictMode::Off));
}

TEST(PredictionMode, TheModeSurvivesLoadingAnotherScenarioWithFreshQuestions) {
  App app = Loaded();
  Do(app, MakeCommand(CommandKind::SetPrediction, static_cast<int64_t>(PredictMode::Student)));
  Do(app, {CommandKind::Seek, INT64_MAX});
  Do(app, MakeCommand(CommandKind::AnswerQuestion, 0));
  Do(app, MakeCommand(CommandKind::LoadScenario, 0, kExample));
  const Prediction& p = app.view().prediction;
  EXPECT_EQ(p.mode, PredictMode::Student);
  ASSERT_EQ(p.questions.size(), 10u);
  EXPECT_EQ(ScoreOf(p).answered, 0);
  EXPECT_EQ(app.session().cursor(), -1);
}

TEST(PredictionMode, AnotherLanguageRewordsTheQuestionsAndKeepsTheScore) {
  App app = Loaded();
  Do(app, MakeCommand(CommandKind::SetPrediction, static_cast<int64_t>(PredictMode::Student)));
  Do(app, {CommandKind::Seek, INT64_MAX});
  const Prediction& p = app.view().prediction;
  Do(app, MakeCommand(CommandKind::AnswerQuestion, p.questions[0].answer));
  ASSERT_EQ(p.questions[2].prompt, "`main` is in state `Start` and is polled. Which state does it move to?");
  std::string why;
  if (!SetLanguage(Lang::Zh, &why)) GTEST_SKIP() << why;
  app.Apply();  // the frame after the platform switched the language
  SetLanguage(Lang::En);
  EXPECT_EQ(p.questions[2].prompt, "`main` 处于状态 `Start` 并被轮询。它会转移到哪个状态？");
  EXPECT_EQ(ScoreOf(p).correct, 1);
  EXPECT_EQ(p.last, 0);
}

// Pixels of colour `c` (each channel within `tolerance`: text is anti-aliased) inside the
// window named `prefix`.
int64_t CountIn(const Image& img, shots::Rgb c, const std::string& prefix, int tolerance = 0) {
  auto near = [&](uint8_t a, uint8_t b) { return std::abs(int(a) - int(b)) <= tolerance; };
  for (ImGuiWindow* w : GImGui->Windows) {
    if ((w->Flags & ImGuiWindowFlags_ChildWindow) != 0 || !w->WasActive) continue;
    if (std::string(w->Name).rfind(prefix, 0) != 0) continue;
    int64_t n = 0;
    for (int y = std::max(0, int(w->Pos.y)); y < std::min(img.height, int(w->Pos.y + w->Size.y)); ++y)
      for (int x = std::max(0, int(w->Pos.x)); x < std::min(img.width, int(w->Pos.x + w->Size.x)); ++x) {
        const size_t i = (size_t(y) * size_t(img.width) + size_t(x)) * 4;
        n += near(img.rgba[i], c.r) && near(img.rgba[i + 1], c.g) && near(img.rgba[i + 2], c.b);
      }
    return n;
  }
  return -1;
}

TEST(PredictionScreenshot, TheCardShowsAWrongPickAndTheRightChoice) {
  Platform platform;
  std::string error;
  if (!shots::OpenHeadless(platform, 1280, 720, &error)) GTEST_SKIP() << error;
  App app = Loaded();
  Do(app, MakeCommand(CommandKind::SetPrediction, static_cast<int64_t>(PredictMode::Student)));
  Do(app, {CommandKind::Seek, INT64_MAX});
  const Palette& pal = ThemePalette(app.view().settings.theme);
  const shots::Rgb ok = shots::FromImColor(pal.ok), err = shots::FromImColor(pal.error);
  // Asked: the card is there, nothing marked yet.
  Image asked = shots::RenderFrames(platform, app);
  EXPECT_EQ(CountIn(asked, ok, "Predict"), 0);
  EXPECT_EQ(CountIn(asked, err, "Predict"), 0);
  // The example asks three questions before main's first poll: a wrong answer to the first
  // shows "Not quite." (error colour) and the right choice (success colour) above the second.
  const Question first = Pending(app);
  const Prediction& p = app.view().prediction;
  ASSERT_EQ(p.questions[1].ask_step, first.ask_step);
  Do(app, MakeCommand(CommandKind::AnswerQuestion, first.answer == 0 ? 1 : 0));
  ASSERT_EQ(PendingQuestion(p, app.session().cursor()), 1);
  Image compact = shots::RenderFrames(platform, app);
  EXPECT_GT(CountIn(compact, err, "Predict", 40), 20);
  EXPECT_GT(CountIn(compact, ok, "Predict"), 60);  // the outline around it
  // Answer the other two at this point, the last one wrong: with no question waiting, the card
  // outlines the wrong pick in the error colour and the right choice in the success colour.
  Do(app, MakeCommand(CommandKind::AnswerQuestion, p.questions[1].answer));
  ASSERT_EQ(PendingQuestion(p, app.session().cursor()), 2);
  Do(app, MakeCommand(CommandKind::AnswerQuestion, p.questions[2].answer == 0 ? 1 : 0));
  ASSERT_EQ(PendingQuestion(p, app.session().cursor()), -1);
  EXPECT_EQ(app.session().cursor(), p.questions[2].step);
  Image full = shots::RenderFrames(platform, app);
  const int64_t outline_err = CountIn(full, err, "Predict");
  const int64_t outline_ok = CountIn(full, ok, "Predict");
  EXPECT_GT(outline_err, 300);  // a rectangle around a button
  EXPECT_GT(outline_ok, 300);
}

}  // namespace
}  // namespace aws::gui
