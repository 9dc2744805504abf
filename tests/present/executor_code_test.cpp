// Executor code's line steps (trace.h ExecLine) change nothing but the cursor: on
// scripted_simple_executor a line step leaves the world as the step before left it, and the
// questions, the timeline and the events' narration are those of the trace without line steps,
// at the same events.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "awaitscope/runtime.h"
#include "awaitscope/world.h"
#include "present/narration.h"
#include "present/quiz.h"
#include "present/timeline.h"

namespace aws::present {
namespace {

namespace fs = std::filesystem;

struct Runs {
  std::unique_ptr<Program> program;
  std::optional<Scenario> scenario;
  Trace with;                  // as recorded
  Trace without;               // the same events without the line steps
  std::vector<int64_t> index;  // step in `with` -> step in `without` (-1: a line step)
};

Runs Load() {
  Runs r;
  Diagnostics d;
  r.scenario = LoadScenario((fs::path(AWAITSCOPE_SOURCE_DIR) / "scenarios" / "scripted_simple_executor.toml").string(), d);
  EXPECT_TRUE(r.scenario) << d.Render();
  if (!r.scenario) return r;
  r.program = Compile(std::make_unique<SourceFile>(r.scenario->script), r.scenario->ops, d);
  r.with = RunScenario(*r.program, *r.scenario, {}, d);
  r.without = r.with;
  r.without.events.clear();
  for (const Event& e : r.with.events) {
    r.index.push_back(e.kind == EventKind::ExecLine ? -1 : static_cast<int64_t>(r.without.events.size()));
    if (e.kind != EventKind::ExecLine) r.without.events.push_back(e);
  }
  return r;
}

TEST(ExecutorCode, LineStepsLeaveTheWorldAsTheLastEventLeftIt) {
  Runs r = Load();
  ASSERT_GT(r.with.events.size(), r.without.events.size());
  WorldState before;  // the world after the step before (none: before the first event)
  size_t line_steps = 0;
  for (size_t i = 0; i < r.with.events.size(); ++i) {
    WorldState now = FoldTrace(r.with, static_cast<int64_t>(i));
    if (r.index[i] < 0) {
      WorldState same = now;
      same.step = before.step;
      same.t_ms = before.t_ms;  // the clock reads the time the step happens at
      ASSERT_EQ(same, before) << "line step " << i;
      ++line_steps;
    }
    before = std::move(now);
  }
  EXPECT_EQ(line_steps, 28u);
}

TEST(ExecutorCode, QuestionsAreThoseOfTheEventsAskedAtTheSameEvents) {
  Runs r = Load();
  const std::vector<Question> a = DeriveQuestions(r.with, r.program.get(), &*r.scenario);
  const std::vector<Question> b = DeriveQuestions(r.without, r.program.get(), &*r.scenario);
  ASSERT_FALSE(a.empty());
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].prompt, b[i].prompt);
    EXPECT_EQ(a[i].choices, b[i].choices);
    EXPECT_EQ(a[i].answer, b[i].answer);
    EXPECT_EQ(r.index[static_cast<size_t>(a[i].step)], b[i].step);
    EXPECT_EQ(r.index[static_cast<size_t>(a[i].ask_step)], b[i].ask_step);
  }
}

TEST(ExecutorCode, TheTimelineHasTheSameSpansAtTheSameEvents) {
  Runs r = Load();
  const TimelineIndex a = BuildTimelineIndex(r.with), b = BuildTimelineIndex(r.without);
  ASSERT_EQ(a.lanes.size(), b.lanes.size());
  ASSERT_EQ(a.rows.size(), b.rows.size());
  EXPECT_EQ(a.end_ms, b.end_ms);
  size_t spans = 0;
  for (size_t i = 0; i < a.rows.size(); ++i) {
    ASSERT_EQ(a.rows[i].spans.size(), b.rows[i].spans.size());
    for (size_t k = 0; k < a.rows[i].spans.size(); ++k, ++spans) {
      const TlSpan &x = a.rows[i].spans[k], &y = b.rows[i].spans[k];
      EXPECT_EQ(x.t0, y.t0);
      EXPECT_EQ(x.t1, y.t1);
      EXPECT_EQ(r.index[static_cast<size_t>(x.step0)], y.step0);
      EXPECT_EQ(r.index[static_cast<size_t>(x.step1)], y.step1);
    }
  }
  EXPECT_GT(spans, 0u);
}

// Each line step is narrated with its function, line and code; the events keep their sentences.
TEST(ExecutorCode, NarrationNamesTheFunctionAndQuotesTheLine) {
  Runs r = Load();
  for (size_t i = 0; i < r.with.events.size(); ++i) {
    const std::string text = Narrate(r.with, r.program.get(), static_cast<int64_t>(i));
    if (r.index[i] < 0)
      EXPECT_EQ(text.rfind("Executor code: ", 0), 0u) << text;
    else
      EXPECT_EQ(text, Narrate(r.without, r.program.get(), r.index[i])) << "step " << i;
  }
}

}  // namespace
}  // namespace aws::present
