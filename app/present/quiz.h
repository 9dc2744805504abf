// Prediction questions: "what happens next?" asked before a step and answered by taking it.
// Derived from the trace itself (which state comes next, Pending or Ready, which task runs next,
// which variables a state saves, what a pointer holds after a move, how many polls until Ready),
// plus the questions a scenario writes itself ([[question]], scenarios/README.md). A pure
// function of the run (no ImGui): the CLI's `quiz` command and the window's prediction mode
// share it.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "awaitscope/lower.h"
#include "awaitscope/scenario.h"
#include "awaitscope/trace.h"

namespace aws::present {

enum class QuestionKind : uint8_t {
  NextState,        // a state machine is polled: which state does it move to?
  PollResult,       // the executor polls a task: Pending or Ready?
  NextTask,         // the queue holds several tasks: which one is polled next?
  SavedVariables,   // a machine suspends: which variables does the new state save?
  AddressAfterMove, // a value holding a pointer into itself moves: what does the pointer hold?
  PollsUntilReady,  // a task's first poll: how many polls until it returns Ready?
  Authored,         // written in the scenario ([[question]])
};
const char* QuestionKindName(QuestionKind k);  // "next_state", "poll_result", ...

struct Question {
  // Asked with the cursor just before `ask_step` (at ask_step - 1); revealed by stepping onto
  // `step`, the event that answers it (ask_step <= step: "Pending or Ready?" is asked before the
  // poll begins and answered by its end).
  int64_t ask_step = 0;
  int64_t step = 0;
  QuestionKind kind = QuestionKind::NextState;
  std::string prompt;
  std::vector<std::string> choices;  // at least two, all different
  int answer = 0;                    // index into choices
  std::string explanation;           // why that answer, shown when it is revealed
};

// Every question of the run, in the order they are asked (by ask_step; authored ones first). A question
// the run has already asked with the same prompt and answer is not asked again (a busy
// executor's hundredth identical poll), and at most `limit` questions are returned.
std::vector<Question> DeriveQuestions(const Trace& trace, const Program* program,
                                      const Scenario* scenario, size_t limit = 500);

// `awaitscope quiz --format json`: {"scenario", "title", "questions": [{ask_step, step, kind,
// prompt, choices, answer (index), answer_text, explanation}]}.
std::string QuizJson(const std::vector<Question>& questions, const Scenario* scenario);
// `--format gift`: Moodle's GIFT import format, one multiple-choice question per block, the
// explanation as general feedback; GIFT's special characters (~ = # { } :) escaped.
std::string QuizGift(const std::vector<Question>& questions, const Scenario* scenario);

}  // namespace aws::present
