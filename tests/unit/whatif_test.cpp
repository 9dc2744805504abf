// What if (awaitscope/whatif.h): each kind of change on shipped scenarios, with the exact
// summaries and differences of the two runs, the destructor path of a cancelled task and the
// request it abandons, and the changes a run does not allow.
#include "awaitscope/whatif.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "awaitscope/world.h"

namespace aws {
namespace {

const std::filesystem::path kScenarios = std::filesystem::path(AWAITSCOPE_SOURCE_DIR) / "scenarios";

Session Open(const std::string& name) {
  Session s;
  Diagnostics d;
  EXPECT_TRUE(s.Load((kScenarios / name).string(), d)) << d.Render();
  return s;
}

WhatIfComparison Compare(const Session& s, const WhatIfChange& c) {
  Diagnostics d;
  std::optional<WhatIfComparison> r = CompareWhatIf(*s.scenario(), *s.program(), s.trace(), c, d);
  EXPECT_TRUE(r.has_value()) << d.Render();
  return r ? std::move(*r) : WhatIfComparison{};
}

// "field: before | after" for every row, `*` before the ones that differ.
std::string Rows(const WhatIfComparison& c) {
  std::string out;
  for (const WhatIfRow& r : c.rows)
    out += std::string(r.differs ? "*" : "  ") + (r.field == WhatIfField::TaskEnd ? "task " + std::to_string(r.task)
                                                                                : WhatIfFieldName(r.field)) +
           ": " + r.base + " | " + r.variant + "\n";
  return out;
}

bool HasMoment(const WhatIfComparison& c, int64_t t, bool variant, const std::string& line) {
  for (const WhatIfMoment& m : c.timeline)
    if (m.t_ms == t) {
      const auto& v = variant ? m.variant : m.base;
      return std::find(v.begin(), v.end(), line) != v.end();
    }
  return false;
}

WhatIfChange Executor(const std::string& e) {
  WhatIfChange c;
  c.kind = WhatIfKind::Executor;
  c.executor = e;
  return c;
}

TEST(WhatIf, TheExampleUnderEachExecutor) {
  const Session s = Open("example.toml");
  WhatIfComparison busy = Compare(s, Executor("busy"));
  EXPECT_EQ(busy.change, "executor: waker -> busy");
  EXPECT_EQ(Rows(busy),
            "*executor: waker | busy\n*polls: 3 | 51\n*pending: 2 | 50\n  ready: 1 | 1\n*wakes: 2 | 0\n"
            "  end time: 50 ms | 50 ms\n  end: finished | finished\n  faults: 0 | 0\n"
            "  output: \"Hello World\\n\" | \"Hello World\\n\"\n  task 0: () at 50 ms | () at 50 ms\n");
  EXPECT_EQ(busy.differences, 4);
  EXPECT_EQ(busy.variant_trace.events.size(), 373u);
  // The busy executor never wakes: the waker executor's wakes are the unchanged run's only.
  EXPECT_TRUE(HasMoment(busy, 30, false, "wake task=0 waker=W0 by=disk(foo.txt)"));
  EXPECT_FALSE(HasMoment(busy, 30, true, "wake task=0 waker=W0 by=disk(foo.txt)"));
  EXPECT_TRUE(HasMoment(busy, 30, true, "device_complete device=disk request=1 -> \"Hello\""));
  const std::string same_end =
      "  end time: 50 ms | 50 ms\n  end: finished | finished\n  faults: 0 | 0\n"
      "  output: \"Hello World\\n\" | \"Hello World\\n\"\n  task 0: () at 50 ms | () at 50 ms\n";
  EXPECT_EQ(Rows(Compare(s, Executor("simple"))),
            "*executor: waker | simple\n*polls: 3 | 51\n*pending: 2 | 50\n  ready: 1 | 1\n*wakes: 2 | 0\n" + same_end);
  WhatIfComparison channel = Compare(s, Executor("channel"));
  EXPECT_EQ(Rows(channel),
            "*executor: waker | channel\n  polls: 3 | 3\n  pending: 2 | 2\n  ready: 1 | 1\n  wakes: 2 | 2\n" + same_end);
  EXPECT_EQ(channel.differences, 1);
}

TEST(WhatIf, AFasterReadEndsTheExampleEarlier) {
  const Session s = Open("example.toml");
  WhatIfChange c;
  c.kind = WhatIfKind::Latency;
  c.target = "read:foo.txt";
  c.latency_ms = 5;
  WhatIfComparison r = Compare(s, c);
  EXPECT_EQ(r.differences, 2);
  EXPECT_EQ(r.rows[5].base + " -> " + r.rows[5].variant, "50 ms -> 25 ms");
  EXPECT_TRUE(HasMoment(r, 5, true, "device_complete device=disk request=1 -> \"Hello\""));
  EXPECT_TRUE(HasMoment(r, 25, true, "print task=0 \"Hello World\\n\""));
}

TEST(WhatIf, ASpuriousWakeOfTheKeyboardTaskCostsOnePoll) {
  const Session s = Open("keyboard_hi.toml");
  WhatIfChange c;
  c.kind = WhatIfKind::SpuriousWake;
  c.task = 1;
  c.step = 24;  // task 1's first poll has returned Pending: it waits for a scancode
  WhatIfComparison r = Compare(s, c);
  EXPECT_EQ(r.change, "a spurious wake-up of task 1 after step 24 (t=0ms)");
  EXPECT_EQ(Rows(r),
            "  executor: waker | waker\n*polls: 6 | 7\n*pending: 5 | 6\n  ready: 1 | 1\n*wakes: 4 | 5\n"
            "  end time: 350 ms | 350 ms\n  end: finished | finished\n  faults: 0 | 0\n"
            "  output: \"async number: 42\\nhi\" | \"async number: 42\\nhi\"\n"
            "  task 0: () at 0 ms | () at 0 ms\n  task 1: not done | not done\n");
  EXPECT_TRUE(HasMoment(r, 0, true, "wake task=1 waker=W1 by=what-if(spurious)"));
  // Without a task, the task of the step's event is woken: step 23 is task 1's poll_end.
  c.task = -1;
  c.step = 23;
  EXPECT_EQ(Compare(s, c).change, "a spurious wake-up of task 1 after step 23 (t=0ms)");
}

TEST(WhatIf, ACancelledReadShowsTheDestructorPathAndTheAbandonedRequest) {
  const Session s = Open("example.toml");
  WhatIfChange c;
  c.kind = WhatIfKind::Cancel;
  c.task = 0;
  c.step = 5;
  WhatIfComparison r = Compare(s, c);
  EXPECT_EQ(Rows(r),
            "  executor: waker | waker\n*polls: 3 | 1\n*pending: 2 | 1\n*ready: 1 | 0\n*wakes: 2 | 0\n"
            "*end time: 50 ms | 0 ms\n  end: finished | finished\n  faults: 0 | 0\n"
            "*output: \"Hello World\\n\" | \"\"\n*task 0: () at 50 ms | (cancelled) at 0 ms\n");
  const std::vector<std::string> at0 = {
      "device_start device=disk request=1 due=30ms read foo.txt",
      "diagnostic note: what-if: task 0 (main()) is dropped while it waits in an `.await`: its future's destructor runs",
      "diagnostic note: drop main#0 in state WaitingOnExample: its saved fields go: example_future",
      "diagnostic note: drop example#1 in state WaitingOnFooTxt: its saved fields go: min_len, foo_txt_future",
      "diagnostic note: drop async_read_file(\"foo.txt\")#2: request #1 (read foo.txt, due at 30 ms) is abandoned; the "
      "device still finishes it, but the waker W0 it stored is gone with the future",
      "task_done task=0 -> (cancelled)"};
  ASSERT_FALSE(r.timeline.empty());
  EXPECT_EQ(r.timeline[0].variant, at0);
  // The disk still completes the request; nobody is woken, no second read starts.
  EXPECT_EQ(r.timeline[1].t_ms, 30);
  EXPECT_EQ(r.timeline[1].variant,
            (std::vector<std::string>{"device_complete device=disk request=1 -> \"Hello\"",
                                      "diagnostic note: request #1 (read foo.txt) is done, but its future was dropped: "
                                      "nothing waits for it, the result is thrown away",
                                      "run_end reason=finished"}));
  EXPECT_TRUE(r.injections.injections.size() == 1 && r.injections.injections[0].after_step == 5);
}

TEST(WhatIf, SwappedCompletionsFinishTheTasksInTheOtherOrder) {
  const Session s = Open("mini_tokio.toml");
  WhatIfChange c;
  c.kind = WhatIfKind::SwapCompletions;
  c.request_a = 1;
  c.request_b = 2;
  WhatIfComparison r = Compare(s, c);
  EXPECT_EQ(r.change, "swap the completions of request #1 (sleep(200ms), due 200 ms) and #2 (sleep(100ms), due 100 ms)");
  EXPECT_EQ(r.differences, 2);
  EXPECT_EQ(r.rows[9].base + " | " + r.rows[9].variant, "() at 200 ms | () at 100 ms");
  EXPECT_EQ(r.rows[10].base + " | " + r.rows[10].variant, "() at 100 ms | () at 200 ms");
  EXPECT_TRUE(HasMoment(r, 0, true, "device_start device=timer request=1 due=100ms sleep(200ms)"));
}

TEST(WhatIf, SleepIfIdleNaiveLosesWakeUps) {
  const Session s = Open("sleep_if_idle_fixed.toml");
  WhatIfChange c;
  c.kind = WhatIfKind::SleepIfIdle;
  c.naive = true;
  WhatIfComparison r = Compare(s, c);
  EXPECT_EQ(r.change, "sleep_if_idle: fixed -> naive");
  EXPECT_EQ(r.rows[1].base + " | " + r.rows[1].variant, "6 | 4");
  EXPECT_EQ(r.rows[4].base + " | " + r.rows[4].variant, "4 | 2");
  EXPECT_EQ(r.differences, 3);
}

// The blog's example reads foo.txt while another task writes log.txt. Made blocking, the read
// holds the only core for its 30 ms: the writer is not polled until then, so its 15 ms write
// ends at 45 ms instead of 15 ms, and the reading task never returns Pending for foo.txt.
TEST(WhatIf, ABlockingReadHoldsTheCoreAndStarvesTheOtherTask) {
  const Session s = Open("two_tasks.toml");
  WhatIfChange c;
  c.kind = WhatIfKind::Blocking;
  c.target = "read:foo.txt";
  WhatIfComparison r = Compare(s, c);
  EXPECT_EQ(r.change, "blocking call: every read foo.txt holds the core until it is done");
  EXPECT_EQ(Rows(r),
            "  executor: waker | waker\n*polls: 5 | 4\n*pending: 3 | 2\n  ready: 2 | 2\n*wakes: 3 | 2\n"
            "  end time: 50 ms | 50 ms\n  end: finished | finished\n  faults: 0 | 0\n"
            "  output: \"log.txt written\\nHello World\\n\" | \"log.txt written\\nHello World\\n\"\n"
            "  task 0: () at 50 ms | () at 50 ms\n*task 1: () at 15 ms | () at 45 ms\n");
  EXPECT_TRUE(HasMoment(r, 0, true,
                        "diagnostic task=0 note: what-if: read foo.txt is a blocking call here: the core waits 30 ms for "
                        "it instead of the future returning Pending"));
  EXPECT_TRUE(HasMoment(r, 30, true, "device_start device=disk request=3 due=45ms write log.txt"));
  // The core is busy for the read inside task 0's first poll, which then goes on with the text;
  // task 1 gets its first poll only after that.
  std::vector<std::string> lines;
  for (const Event& e : r.variant_trace.events)
    if (e.t_ms <= 30 && (e.kind == EventKind::CpuBusy || (e.kind == EventKind::PollEnd && e.a == 0) ||
                         e.kind == EventKind::DeviceComplete))
      lines.push_back(EventText(r.variant_trace, e));
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "t=0ms cpu_busy task=0 duration=30ms blocking read foo.txt",
                       "t=30ms device_complete device=disk request=1 -> \"Hello\"",
                       "t=30ms poll_end task=0 future=show_example#0 depth=0 -> Pending",
                       "t=30ms poll_end task=1 future=write_file#1 depth=0 -> Pending",
                   }));
  // One request by its number does the same; the choices list the disk's three requests.
  c.target = "request:1";
  EXPECT_EQ(Rows(Compare(s, c)), Rows(r));
  const WhatIfChoices ch = ChoicesFor(*s.scenario(), s.trace());
  ASSERT_EQ(ch.blockable.size(), 3u);
  EXPECT_EQ(ch.blockable[0].what, "read foo.txt");
}

TEST(WhatIf, ChangesTheRunDoesNotAllowAreErrors) {
  const Session s = Open("example.toml");
  auto error = [&](WhatIfChange c) {
    std::string why;
    EXPECT_FALSE(ApplyChange(*s.scenario(), s.trace(), c, &why).has_value());
    return why;
  };
  WhatIfChange swap;
  swap.kind = WhatIfKind::SwapCompletions;
  swap.request_a = 1;
  swap.request_b = 2;
  EXPECT_EQ(error(swap), "requests #1 and #2 are never in flight together (one starts after the other is done): their "
                         "completions cannot change order");
  swap.request_b = 9;
  EXPECT_EQ(error(swap), "the run has no device request #9 (the trace numbers them request=1, 2, ...)");
  EXPECT_EQ(error(Executor("waker")), "the run already uses the waker executor");
  WhatIfChange cancel;
  cancel.kind = WhatIfKind::Cancel;
  cancel.task = 0;
  cancel.step = 50;
  EXPECT_EQ(error(cancel), "step 50 is not inside the run: pick a step from 0 to 49");
  cancel.step = 3;
  cancel.task = 4;
  EXPECT_EQ(error(cancel), "the run has no task 4 (tasks: 0 to 0)");
  WhatIfChange latency;
  latency.kind = WhatIfKind::Latency;
  latency.target = "read:nope.txt";
  EXPECT_EQ(error(latency), "no file `nope.txt` on the emulated disk (files: foo.txt, bar.txt)");
  latency.target = "read:foo.txt";
  latency.latency_ms = 30;
  EXPECT_EQ(error(latency), "the latency of `read:foo.txt` is already 30 ms");
  WhatIfChange naive;
  naive.kind = WhatIfKind::SleepIfIdle;
  naive.naive = false;
  EXPECT_EQ(error(naive), "sleep_if_idle is already fixed");
  const Session busy = Open("example_busy.toml");
  std::string why;
  naive.naive = true;
  EXPECT_FALSE(ApplyChange(*busy.scenario(), busy.trace(), naive, &why).has_value());
  EXPECT_EQ(why, "sleep_if_idle belongs to the waker executor; this run uses the busy executor");
}

TEST(WhatIf, TheChoicesOfARun) {
  const Session s = Open("mini_tokio.toml");
  const WhatIfChoices ch = ChoicesFor(*s.scenario(), s.trace());
  EXPECT_EQ(ch.executor, "channel");
  EXPECT_EQ(ch.executors, (std::vector<std::string>{"busy", "simple", "waker"}));
  ASSERT_EQ(ch.swaps.size(), 1u);
  EXPECT_EQ(ch.swaps[0].first.id, 1);
  EXPECT_EQ(ch.swaps[0].second.id, 2);
  EXPECT_FALSE(ch.sleep_if_idle);
  EXPECT_FALSE(ch.waits.empty());
}

}  // namespace
}  // namespace aws
