#include "present/prediction.h"

#include <utility>

namespace aws::present {

void SetQuestions(Prediction& p, std::vector<Question> questions) {
  p.questions = std::move(questions);
  p.chosen.assign(p.questions.size(), kNotAnswered);
  p.last = -1;
}

void RewordQuestions(Prediction& p, std::vector<Question> questions) {
  bool same = questions.size() == p.questions.size();
  for (size_t i = 0; same && i < questions.size(); ++i)
    same = questions[i].ask_step == p.questions[i].ask_step && questions[i].step == p.questions[i].step &&
           questions[i].kind == p.questions[i].kind && questions[i].answer == p.questions[i].answer;
  if (!same) {
    SetQuestions(p, std::move(questions));
    return;
  }
  p.questions = std::move(questions);
}

int PendingQuestion(const Prediction& p, int64_t cursor) {
  if (p.mode == PredictMode::Off) return -1;
  for (size_t i = 0; i < p.questions.size(); ++i) {
    const int64_t ask_at = p.questions[i].ask_step - 1;
    if (ask_at > cursor) break;  // questions are ordered by ask_step
    if (ask_at == cursor && p.chosen[i] == kNotAnswered) return static_cast<int>(i);
  }
  return -1;
}

int64_t StopBefore(const Prediction& p, int64_t cursor, int64_t target) {
  if (p.mode == PredictMode::Off || target <= cursor) return target;
  for (size_t i = 0; i < p.questions.size(); ++i) {
    const int64_t ask_at = p.questions[i].ask_step - 1;
    if (ask_at >= target) break;
    if (ask_at >= cursor && p.chosen[i] == kNotAnswered) return ask_at;
  }
  return target;
}

int64_t Answer(Prediction& p, int i, int choice) {
  if (i < 0 || static_cast<size_t>(i) >= p.questions.size()) return -1;
  const Question& q = p.questions[static_cast<size_t>(i)];
  if (choice != kRevealed && (choice < 0 || static_cast<size_t>(choice) >= q.choices.size())) return -1;
  p.chosen[static_cast<size_t>(i)] = choice;
  p.last = i;
  return q.step;
}

Score ScoreOf(const Prediction& p) {
  Score s;
  for (size_t i = 0; i < p.questions.size(); ++i) {
    if (p.chosen[i] == kRevealed) {
      ++s.revealed;
    } else if (p.chosen[i] >= 0) {
      ++s.answered;
      if (p.chosen[i] == p.questions[i].answer) ++s.correct;
    }
  }
  return s;
}

int NextQuestion(const Prediction& p, int64_t cursor) {
  for (size_t i = 0; i < p.questions.size(); ++i)
    if (p.questions[i].ask_step - 1 >= cursor && p.chosen[i] == kNotAnswered) return static_cast<int>(i);
  return -1;
}

}  // namespace aws::present
