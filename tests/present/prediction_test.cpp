// Prediction mode's rules (app/present/prediction.h): where a move forward stops, what an
// answer records and reveals, the score; on hand-made questions and on the blog's example.
#include "present/prediction.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "awaitscope/runtime.h"

namespace aws::present {
namespace {

Question Q(int64_t ask_step, int64_t step, int answer = 0) {
  Question q;
  q.ask_step = ask_step;
  q.step = step;
  q.prompt = "q" + std::to_string(ask_step);
  q.choices = {"Pending", "Ready"};
  q.answer = answer;
  return q;
}

Prediction Student(std::vector<Question> qs) {
  Prediction p;
  p.mode = PredictMode::Student;
  SetQuestions(p, std::move(qs));
  return p;
}

TEST(Prediction, AMoveForwardStopsBeforeTheFirstUnansweredQuestion) {
  Prediction p = Student({Q(5, 7), Q(12, 12)});
  // Asked just before the event at ask_step: the cursor stops on ask_step - 1.
  EXPECT_EQ(StopBefore(p, -1, 100), 4);
  EXPECT_EQ(StopBefore(p, -1, 4), 4);   // reaching the ask point is allowed
  EXPECT_EQ(StopBefore(p, -1, 3), 3);   // stopping short of it too
  EXPECT_EQ(PendingQuestion(p, 4), 0);
  EXPECT_EQ(PendingQuestion(p, 3), -1);
  EXPECT_EQ(StopBefore(p, 4, 5), 4);    // waiting: no step past it
  // Answered, the next one holds the cursor.
  EXPECT_EQ(Answer(p, 0, 1), 7);
  EXPECT_EQ(PendingQuestion(p, 4), -1);
  EXPECT_EQ(StopBefore(p, 4, 100), 11);
  // Backwards is never stopped, nor is anything with the mode off.
  EXPECT_EQ(StopBefore(p, 11, 2), 2);
  p.mode = PredictMode::Off;
  EXPECT_EQ(StopBefore(p, -1, 100), 100);
  EXPECT_EQ(PendingQuestion(p, 11), -1);
}

TEST(Prediction, AQuestionPassedByGoingBackIsNotAskedUntilTheCursorReturns) {
  Prediction p = Student({Q(5, 7), Q(12, 12)});
  // From step 8 (the first question passed by a seek backwards from later), the second stops it.
  EXPECT_EQ(StopBefore(p, 8, 100), 11);
  EXPECT_EQ(NextQuestion(p, 8), 1);
  EXPECT_EQ(NextQuestion(p, 4), 0);
}

TEST(Prediction, QuestionsAskedAtOnePointComeOneAfterTheOther) {
  // "Pending or Ready?" and "how many polls until Ready?" are both asked before a task's first poll.
  Prediction p = Student({Q(3, 4), Q(3, 20)});
  EXPECT_EQ(PendingQuestion(p, 2), 0);
  const int64_t reveal = Answer(p, 0, 0);
  EXPECT_EQ(reveal, 4);
  // The app moves towards the reveal through StopBefore: the second question holds it.
  EXPECT_EQ(StopBefore(p, 2, reveal), 2);
  EXPECT_EQ(PendingQuestion(p, 2), 1);
  EXPECT_EQ(Answer(p, 1, kRevealed), 20);
  EXPECT_EQ(StopBefore(p, 2, 20), 20);
}

TEST(Prediction, ScoreCountsAnswersNotReveals) {
  Prediction p = Student({Q(1, 1, 1), Q(2, 2, 0), Q(3, 3, 1), Q(4, 4, 0)});
  Answer(p, 0, 1);          // right
  Answer(p, 1, 1);          // wrong
  Answer(p, 2, kRevealed);  // shown
  const Score s = ScoreOf(p);
  EXPECT_EQ(s.answered, 2);
  EXPECT_EQ(s.correct, 1);
  EXPECT_EQ(s.revealed, 1);
  EXPECT_EQ(p.last, 2);
  // Out of range: nothing recorded.
  EXPECT_EQ(Answer(p, 3, 2), -1);
  EXPECT_EQ(Answer(p, 3, -5), -1);
  EXPECT_EQ(Answer(p, 9, 0), -1);
  EXPECT_EQ(p.chosen[3], kNotAnswered);
  EXPECT_EQ(p.last, 2);
  // New questions start the score over.
  SetQuestions(p, {Q(1, 1)});
  EXPECT_EQ(ScoreOf(p).answered, 0);
  EXPECT_EQ(p.last, -1);
}

TEST(Prediction, RewordingKeepsTheAnswersOfTheSameQuestions) {
  Prediction p = Student({Q(5, 7, 1), Q(12, 12)});
  Answer(p, 0, 1);
  std::vector<Question> zh = {Q(5, 7, 1), Q(12, 12)};
  zh[0].prompt = "问题";
  RewordQuestions(p, zh);
  EXPECT_EQ(p.questions[0].prompt, "问题");
  EXPECT_EQ(p.chosen[0], 1);
  EXPECT_EQ(p.last, 0);
  EXPECT_EQ(ScoreOf(p).correct, 1);
  // Other steps: another run, so a fresh start.
  RewordQuestions(p, {Q(5, 8, 1), Q(12, 12)});
  EXPECT_EQ(p.chosen[0], kNotAnswered);
  EXPECT_EQ(p.last, -1);
}

TEST(Prediction, TheExampleStopsBeforeEachOfItsQuestions) {
  Diagnostics d;
  const std::string path = (std::filesystem::path(AWAITSCOPE_SOURCE_DIR) / "scenarios" / "example.toml").string();
  std::optional<Scenario> sc = LoadScenario(path, d);
  ASSERT_TRUE(sc) << d.Render();
  std::unique_ptr<Program> program = Compile(std::make_unique<SourceFile>(sc->script), sc->ops, d);
  ASSERT_FALSE(d.HasErrors()) << d.Render();
  const Trace trace = RunScenario(*program, *sc, RunOptions{}, d);
  Prediction p = Student(DeriveQuestions(trace, program.get(), &*sc));
  ASSERT_EQ(p.questions.size(), 10u);
  // Running to the end with right answers visits every question once, in order, and ends at the end.
  const int64_t last = static_cast<int64_t>(trace.events.size()) - 1;
  int64_t cursor = -1;
  int asked = 0;
  while (cursor < last) {
    cursor = StopBefore(p, cursor, last);
    const int q = PendingQuestion(p, cursor);
    if (q < 0) break;
    EXPECT_EQ(q, asked) << "at step " << cursor;
    ++asked;
    const int64_t reveal = Answer(p, q, p.questions[static_cast<size_t>(q)].answer);
    cursor = StopBefore(p, cursor, reveal);
  }
  EXPECT_EQ(cursor, last);
  EXPECT_EQ(asked, 10);
  EXPECT_EQ(ScoreOf(p).correct, 10);
}

}  // namespace
}  // namespace aws::present
