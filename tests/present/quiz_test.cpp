// The prediction questions derived from real runs (app/present/quiz.h): their exact prompts,
// choices, answers and steps, the scenario's own [[question]]s, and the JSON and GIFT writers;
// then `awaitscope quiz` itself.
#include "present/quiz.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "awaitscope/runtime.h"
#include "cli_runner.h"
#include "present/i18n.h"

namespace aws::present {
namespace {

namespace fs = std::filesystem;

struct QuizRun {
  std::optional<Scenario> scenario;
  std::unique_ptr<Program> program;
  Trace trace;
  std::vector<Question> questions;
};

QuizRun Derive(const std::string& path, const std::string& text = "") {
  QuizRun r;
  Diagnostics d;
  r.scenario = text.empty() ? LoadScenario(path, d) : LoadScenarioText(path, text, d);
  EXPECT_TRUE(r.scenario) << d.Render();
  if (!r.scenario) return r;
  r.program = Compile(std::make_unique<SourceFile>(r.scenario->script), r.scenario->ops, d);
  EXPECT_FALSE(d.HasErrors()) << d.Render();
  r.trace = RunScenario(*r.program, *r.scenario, RunOptions{}, d);
  r.questions = DeriveQuestions(r.trace, r.program.get(), &*r.scenario);
  return r;
}

std::string Shipped(const std::string& id) {
  return (fs::path(AWAITSCOPE_SOURCE_DIR) / "scenarios" / (id + ".toml")).string();
}

const Question* First(const std::vector<Question>& qs, QuestionKind kind, int skip = 0) {
  for (const Question& q : qs)
    if (q.kind == kind && skip-- == 0) return &q;
  return nullptr;
}

TEST(Quiz, ExampleAsksWhatTheBlogTeaches) {
  QuizRun r = Derive(Shipped("example"));
  ASSERT_EQ(r.questions.size(), 10u);
  // Every question is asked no later than the event that answers it, in order.
  for (size_t i = 0; i < r.questions.size(); ++i) {
    EXPECT_LE(r.questions[i].ask_step, r.questions[i].step);
    if (i > 0) EXPECT_LE(r.questions[i - 1].ask_step, r.questions[i].ask_step);
    const Question& q = r.questions[i];
    ASSERT_GE(q.choices.size(), 2u);
    ASSERT_LT(static_cast<size_t>(q.answer), q.choices.size());
  }

  const Question* saved = First(r.questions, QuestionKind::SavedVariables);
  ASSERT_NE(saved, nullptr);
  EXPECT_EQ(saved->prompt,
            "`example` suspends at the .await on line 5 (state `WaitingOnFooTxt`). Which variables "
            "does this state save in the state machine?");
  EXPECT_EQ(saved->choices, (std::vector<std::string>{"none", "`content`", "`min_len`",
                                                      "`min_len` and `content`"}));
  EXPECT_EQ(saved->choices[static_cast<size_t>(saved->answer)], "`min_len`");
  // The event answering it is the transition into that state.
  const Event& e = r.trace.events[static_cast<size_t>(saved->step)];
  EXPECT_EQ(e.kind, EventKind::Transition);
  EXPECT_EQ(r.trace.objects[static_cast<size_t>(e.obj)].name.rfind("example", 0), 0u);

  const Question* second_saved = First(r.questions, QuestionKind::SavedVariables, 1);
  ASSERT_NE(second_saved, nullptr);
  EXPECT_EQ(second_saved->choices[static_cast<size_t>(second_saved->answer)], "`content`");

  // "Which state next?" never offers Unresumed (no machine goes back to it) nor the state it is in.
  const Question* next = First(r.questions, QuestionKind::NextState, 2);
  ASSERT_NE(next, nullptr);
  EXPECT_EQ(next->prompt, "`example` is in state `WaitingOnFooTxt` and is polled. Which state does it move to?");
  EXPECT_EQ(next->choices, (std::vector<std::string>{"WaitingOnBarTxt", "End"}));
  EXPECT_EQ(next->answer, 0);

  // Pending or Ready: asked when the poll begins, answered by its end.
  const Question* first_poll = First(r.questions, QuestionKind::PollResult);
  ASSERT_NE(first_poll, nullptr);
  EXPECT_EQ(first_poll->prompt,
            "The executor polls `main`, which is in state `Start`. Does this poll return Pending or Ready?");
  EXPECT_EQ(r.trace.events[static_cast<size_t>(first_poll->ask_step)].kind, EventKind::PollBegin);
  EXPECT_EQ(r.trace.events[static_cast<size_t>(first_poll->step)].kind, EventKind::PollEnd);
  EXPECT_EQ(first_poll->choices[static_cast<size_t>(first_poll->answer)], "Pending");
  const Question* last_poll = First(r.questions, QuestionKind::PollResult, 2);
  ASSERT_NE(last_poll, nullptr);
  EXPECT_EQ(last_poll->choices[static_cast<size_t>(last_poll->answer)], "Ready");

  const Question* polls = First(r.questions, QuestionKind::PollsUntilReady);
  ASSERT_NE(polls, nullptr);
  EXPECT_EQ(polls->choices, (std::vector<std::string>{"2", "3", "4", "5"}));
  EXPECT_EQ(polls->choices[static_cast<size_t>(polls->answer)], "3");
  EXPECT_EQ(r.trace.events[static_cast<size_t>(polls->step)].kind, EventKind::PollEnd);
  EXPECT_EQ(r.trace.events[static_cast<size_t>(polls->step)].b, 1);
}

TEST(Quiz, AMoveAsksWhatTheSelfReferenceHolds) {
  // dangle: the bytes are copied, the pointer keeps the old address.
  QuizRun dangle = Derive(Shipped("pin_example_moved"));
  const Question* q = First(dangle.questions, QuestionKind::AddressAfterMove);
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->prompt,
            "`PinExampleStateMachine` moves from 0x10010 to 0x10020. Its field `element` holds "
            "0x1001C, an address inside itself. After the move, which address does `element` hold?");
  EXPECT_EQ(q->choices, (std::vector<std::string>{"0x1001C", "0x1002C"}));
  EXPECT_EQ(q->answer, 0);
  EXPECT_EQ(dangle.trace.events[static_cast<size_t>(q->step)].kind, EventKind::MemMove);
  EXPECT_NE(q->explanation.find("dangles"), std::string::npos) << q->explanation;
  // offsets: the field designates the new place.
  QuizRun offsets = Derive(Shipped("pin_example_offsets"));
  q = First(offsets.questions, QuestionKind::AddressAfterMove);
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->answer, 1);
  EXPECT_NE(q->explanation.find("offset"), std::string::npos) << q->explanation;
  // A scenario that moves nothing asks nothing about addresses.
  EXPECT_EQ(First(Derive(Shipped("example")).questions, QuestionKind::AddressAfterMove), nullptr);
}

TEST(Quiz, TheQueueQuestionIsAskedWhenSeveralTasksWait) {
  QuizRun r = Derive(Shipped("two_tasks"));
  const Question* q = First(r.questions, QuestionKind::NextTask);
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->prompt, "The executor's queue holds tasks [0, 1] (front first). Which task does it take next?");
  EXPECT_EQ(q->choices, (std::vector<std::string>{"task 0", "task 1"}));
  EXPECT_EQ(q->answer, 0);
  EXPECT_EQ(r.trace.events[static_cast<size_t>(q->step)].kind, EventKind::QueuePop);

  // Twenty tasks draining a queue: the first-in-first-out answer is asked once, not twenty times;
  // twenty tasks spawned from one expression ask "how many polls" once too.
  QuizRun many = Derive(Shipped("many_requests"));
  int next_task = 0, polls = 0;
  for (const Question& m : many.questions) {
    next_task += m.kind == QuestionKind::NextTask;
    polls += m.kind == QuestionKind::PollsUntilReady;
    EXPECT_LE(m.choices.size(), 5u) << m.prompt;
  }
  EXPECT_EQ(next_task, 1);
  EXPECT_EQ(polls, 2);  // main() and handle_request
}

TEST(Quiz, AScenarioAsksItsOwnQuestions) {
  const std::string toml = R"(title = "own question"
script = """
async fn main() { println!("hi"); }
"""
[[question]]
step = 2
prompt = "Will main print before its first poll ends?"
choices = ["yes", "no"]
answer = "yes"
explanation = "The body runs inside the poll."
)";
  QuizRun r = Derive("own.toml", toml);
  const Question* q = First(r.questions, QuestionKind::Authored);
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->step, 2);
  EXPECT_EQ(q->ask_step, 2);
  EXPECT_EQ(q->prompt, "Will main print before its first poll ends?");
  EXPECT_EQ(q->answer, 0);
  EXPECT_EQ(q->explanation, "The body runs inside the poll.");
}

// With `zh.` keys the question is asked in Chinese in a Chinese run (the window, `quiz --lang
// zh`), the same choice being the answer; in English as written.
TEST(Quiz, AScenariosOwnQuestionIsAskedInTheLanguageOfTheRun) {
  const std::string toml = R"(title = "own question"
script = """
async fn main() { println!("hi"); }
"""
[zh]
title = "自己的问题"
[[question]]
step = 2
prompt = "Will main print before its first poll ends?"
choices = ["yes", "no"]
answer = "yes"
explanation = "The body runs inside the poll."
zh.prompt = "main 会在它的第一次轮询结束之前打印吗？"
zh.choices = ["会", "不会"]
zh.explanation = "函数体在轮询之内运行。"
)";
  ASSERT_TRUE(SetLanguage(Lang::Zh));
  QuizRun zh = Derive("own.toml", toml);
  SetLanguage(Lang::En);
  const Question* q = First(zh.questions, QuestionKind::Authored);
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->prompt, "main 会在它的第一次轮询结束之前打印吗？");
  EXPECT_EQ(q->choices, (std::vector<std::string>{"会", "不会"}));
  EXPECT_EQ(q->answer, 0);
  EXPECT_EQ(q->explanation, "函数体在轮询之内运行。");
  QuizRun en = Derive("own.toml", toml);
  EXPECT_EQ(First(en.questions, QuestionKind::Authored)->prompt, "Will main print before its first poll ends?");

  const std::filesystem::path file =
      std::filesystem::temp_directory_path() / fmt::format("awaitscope_quiz_zh_{}.toml", ::getpid());
  testing::WriteFileText(file, toml);
  testing::CliResult json = testing::RunCli("quiz " + file.string() + " --lang zh --format json");
  testing::CliResult gift = testing::RunCli("quiz " + file.string() + " --lang zh --format gift");
  std::filesystem::remove(file);
  ASSERT_EQ(json.exit_code, 0) << testing::Describe(json);
  const nlohmann::json doc = nlohmann::json::parse(json.out);
  EXPECT_EQ(doc["title"], "自己的问题");
  const nlohmann::json* own = nullptr;
  for (const nlohmann::json& j : doc["questions"])
    if (j["kind"] == "authored") own = &j;
  ASSERT_NE(own, nullptr) << json.out;
  EXPECT_EQ((*own)["prompt"], "main 会在它的第一次轮询结束之前打印吗？");
  EXPECT_EQ((*own)["answer_text"], "会");
  EXPECT_EQ((*own)["explanation"], "函数体在轮询之内运行。");
  ASSERT_EQ(gift.exit_code, 0) << testing::Describe(gift);
  EXPECT_NE(gift.out.find("main 会在它的第一次轮询结束之前打印吗？ {\n\t=会\n\t~不会\n"), std::string::npos) << gift.out;
}

TEST(Quiz, BadQuestionTablesAreErrorsAtTheirPlace) {
  Diagnostics d;
  std::optional<Scenario> s = LoadScenarioText("bad.toml", R"(title = "q"
script = "async fn main() {}"
[[question]]
step = 1
prompt = "p"
choices = ["a", "a"]
answer = "b"
[[question]]
prompt = "no step"
choices = ["x"]
answer = "x"
)",
                                              d);
  EXPECT_FALSE(s);
  std::string headlines;
  for (const Diagnostic& x : d.items()) headlines += fmt::format("{}:{}:{}: {}\n", x.file, x.line, x.col, x.message);
  EXPECT_EQ(headlines,
            "bad.toml:6:11: `choices` lists \"a\" twice\n"
            "bad.toml:7:10: `answer` \"b\" is not one of the `choices`\n"
            "bad.toml:8:1: missing required key `step` in [[question]]\n"
            "bad.toml:10:11: `choices` needs at least two entries\n");
}

TEST(Quiz, JsonAndGiftCarryTheSameQuestions) {
  QuizRun r = Derive(Shipped("example"));
  nlohmann::json doc = nlohmann::json::parse(QuizJson(r.questions, &*r.scenario));
  EXPECT_EQ(doc["scenario"], "example");
  ASSERT_EQ(doc["questions"].size(), r.questions.size());
  const nlohmann::json& first = doc["questions"][0];
  EXPECT_EQ(first["kind"], QuestionKindName(r.questions[0].kind));
  EXPECT_EQ(first["ask_step"], r.questions[0].ask_step);
  EXPECT_EQ(first["step"], r.questions[0].step);
  EXPECT_EQ(first["answer_text"], r.questions[0].choices[static_cast<size_t>(r.questions[0].answer)]);

  Question q{3, 4, QuestionKind::Authored, "Which {brace} = sign: here #1 ~ok?", {"a=b", "c"}, 1,
             "Because: {x}"};
  EXPECT_EQ(QuizGift({q}, nullptr),
            "// Awaitscope — prediction questions (Awaitscope). Each is asked before the step\n"
            "// that answers it; step through the scenario to reveal.\n\n"
            "::Awaitscope Q1 (step 3)::Which \\{brace\\} \\= sign\\: here \\#1 \\~ok? {\n"
            "\t~a\\=b\n"
            "\t=c\n"
            "\t####Because\\: \\{x\\}\n"
            "}\n\n");
}

TEST(QuizCli, PrintsJsonGiftAndText) {
  testing::CliResult json = testing::RunCli("quiz scenarios/example.toml --format json");
  ASSERT_EQ(json.exit_code, 0) << testing::Describe(json);
  nlohmann::json doc = nlohmann::json::parse(json.out);
  EXPECT_EQ(doc["questions"].size(), 10u);

  testing::CliResult gift = testing::RunCli("quiz scenarios/example.toml --format gift --limit 2");
  ASSERT_EQ(gift.exit_code, 0) << testing::Describe(gift);
  EXPECT_NE(gift.out.find("$CATEGORY: awaitscope/example\n"), std::string::npos) << gift.out;
  EXPECT_NE(gift.out.find("::example(min_len)\\: two reads, four states Q2 (step "), std::string::npos)
      << gift.out;
  EXPECT_EQ(gift.out.find("Q3"), std::string::npos) << gift.out;

  testing::CliResult text = testing::RunCli("quiz scenarios/two_tasks.toml --lang en");
  ASSERT_EQ(text.exit_code, 0) << testing::Describe(text);
  EXPECT_NE(text.out.find("Q1 [next_task] before step 4 (answered at step 4): The executor's queue holds "
                          "tasks [0, 1] (front first). Which task does it take next?\n  * a) task 0\n    b) task 1\n"),
            std::string::npos)
      << text.out;

  EXPECT_NE(text.out.find("\n15 questions\n"), std::string::npos) << text.out;

  // In Chinese: prompts, choices and explanations from the catalog; Rust names stay Latin.
  testing::CliResult zh = testing::RunCli("quiz scenarios/two_tasks.toml --lang zh");
  ASSERT_EQ(zh.exit_code, 0) << testing::Describe(zh);
  EXPECT_NE(zh.out.find("Q1 [next_task] 在第 4 步之前（第 4 步揭晓）：执行器的队列中有任务 [0, 1]（队首在前）。"
                        "它接下来取出哪个任务？\n  * a) 任务 0\n    b) 任务 1\n"),
            std::string::npos)
      << zh.out;
  testing::CliResult zh_example = testing::RunCli("quiz scenarios/example.toml --lang zh --format json");
  ASSERT_EQ(zh_example.exit_code, 0) << testing::Describe(zh_example);
  const nlohmann::json zdoc = nlohmann::json::parse(zh_example.out);
  ASSERT_EQ(zdoc["questions"].size(), 10u);  // the same questions as in English
  EXPECT_EQ(zdoc["questions"][4]["prompt"],
            "`example` 在第 5 行的 .await 处挂起（状态 `WaitingOnFooTxt`）。这个状态在状态机中保存了哪些变量？");
  EXPECT_EQ(zdoc["questions"][4]["choices"][3], "`min_len`和`content`");

  testing::CliResult missing = testing::RunCli("quiz no_such_file.toml");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err, "no_such_file.toml: error: file not found\n");
}

}  // namespace
}  // namespace aws::present
