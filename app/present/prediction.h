// Prediction mode: the window stops before each question of the run (quiz.h), takes an answer,
// reveals it by stepping onto the event that answers it, and keeps a score. Presenter mode asks
// the same questions of a whole class: nobody is scored, and the next step (a clicker's
// PageDown, Right, Enter) reveals the answer. Pure data and functions (no ImGui), so the rules
// are tested without a window; the app applies them to every move forward.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "present/quiz.h"

namespace aws::present {

enum class PredictMode : uint8_t { Off, Student, Presenter };

// What a question's entry in Prediction::chosen holds besides a choice index.
constexpr int kNotAnswered = -1;  // not asked yet, or passed by going back before it
constexpr int kRevealed = -2;     // its answer was shown without an answer given

struct Prediction {
  PredictMode mode = PredictMode::Off;
  std::vector<Question> questions;  // DeriveQuestions of the loaded run
  std::vector<int> chosen;          // per question: a choice index, kNotAnswered or kRevealed
  int last = -1;                    // the question answered or revealed last (its result is shown)
  // The run the questions belong to (its events' storage and count): a new run (an edit, a key
  // typed live, another scenario) derives them again.
  const void* derived_for = nullptr;
  size_t derived_size = 0;
  int derived_lang = -1;  // the language (i18n.h Lang) their text is in: a change re-words them
};

// Takes the questions of a run; every answer and the score start over.
void SetQuestions(Prediction& p, std::vector<Question> questions);
// The same questions in another language: their text is replaced, the answers and score stay
// (when the list differs in length or steps, it is a new run: SetQuestions).
void RewordQuestions(Prediction& p, std::vector<Question> questions);

// The question waiting at `cursor` (it is asked just before the event at its ask_step, so at
// cursor == ask_step - 1) and not answered yet; -1 when there is none or the mode is off.
int PendingQuestion(const Prediction& p, int64_t cursor);

// Where a move forward from `cursor` to `target` (> cursor) stops: the ask point of the first
// unanswered question on the way (cursor <= ask_step - 1 < target), else `target`. A move
// backwards, or any move with the mode off, is not stopped.
int64_t StopBefore(const Prediction& p, int64_t cursor, int64_t target);

// Records `choice` (an index into the question's choices, or kRevealed) for question `i` and
// returns the step that reveals it (the event answering it). -1 when `i` or `choice` is out of
// range (nothing recorded).
int64_t Answer(Prediction& p, int i, int choice);

struct Score {
  int answered = 0;  // questions given an answer (not merely revealed)
  int correct = 0;
  int revealed = 0;  // shown without an answer
};
Score ScoreOf(const Prediction& p);

// The next question to come after `cursor` that is not answered: its index, or -1.
int NextQuestion(const Prediction& p, int64_t cursor);

}  // namespace aws::present
