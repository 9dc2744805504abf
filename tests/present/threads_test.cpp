// Emulated threads in the views (present/threads.h, timeline.h): the echo server's thread per
// connection and the preemptive pair get a Timeline lane each with exact run, blocked and ready
// spans, and the Executor panel's rows say each thread's state at the cursor.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

#include "awaitscope/runtime.h"
#include "present/threads.h"
#include "present/timeline.h"

namespace aws::present {
namespace {

namespace fs = std::filesystem;

Trace RunFile(const char* scenario) {
  Diagnostics d;
  auto s = LoadScenario((fs::path(AWAITSCOPE_SOURCE_DIR) / "scenarios" / scenario).string(), d);
  EXPECT_TRUE(s) << d.Render();
  if (!s) return {};
  auto p = Compile(std::make_unique<SourceFile>(s->script), s->ops, d);
  EXPECT_FALSE(d.HasErrors()) << d.Render();
  return RunScenario(*p, *s, {}, d);
}

using Span = std::tuple<int64_t, int64_t, bool>;  // t0, t1, open

// The spans of `kind` on `lane`, in time order.
std::vector<Span> SpansOf(const TimelineIndex& ix, int lane, TlKind kind) {
  std::vector<Span> out;
  for (const auto& row : ix.rows)
    if (row.lane == lane && row.kind == kind)
      for (const TlSpan& s : row.spans) out.push_back({s.t0, s.t1, s.open});
  return out;
}

// What each blocked span of `lane` waits on, in time order.
std::vector<std::string> BlockedOn(const Trace& t, const TimelineIndex& ix, int lane) {
  std::vector<std::string> out;
  for (const auto& row : ix.rows)
    if (row.lane == lane && row.kind == TlKind::ThreadBlocked)
      for (const TlSpan& s : row.spans) out.push_back(t.Payload(t.events[static_cast<size_t>(s.id)]));
  return out;
}

TEST(ThreadLanes, EchoServerSyncHasALanePerThreadBeforeTheDevices) {
  const Trace t = RunFile("echo_server_sync.toml");
  const TimelineIndex ix = BuildTimelineIndex(t);
  std::vector<std::string> labels;
  for (const TlLane& l : ix.lanes) labels.push_back(l.label);
  EXPECT_EQ(labels, (std::vector<std::string>{"main", "thread#1", "thread#2", "thread#3", "listener 127.0.0.1:8080",
                                              "conn 127.0.0.1:50001", "conn 127.0.0.1:50002", "conn 127.0.0.1:50003"}));
  for (int th = 0; th < 4; ++th) EXPECT_EQ(ix.lanes[static_cast<size_t>(th)].thread, th);
  EXPECT_EQ(ix.lanes[4].device, 0);

  // main accepts at 2, 4 and 6 ms (a moment each) and waits in `accept` the rest of the time.
  EXPECT_EQ(SpansOf(ix, 0, TlKind::ThreadRun),
            (std::vector<Span>{{0, 0, false}, {2, 2, false}, {4, 4, false}, {6, 6, false}}));
  EXPECT_EQ(SpansOf(ix, 0, TlKind::ThreadBlocked),
            (std::vector<Span>{{0, 2, false}, {2, 4, false}, {4, 6, false}, {6, 43, true}}));
  EXPECT_EQ(BlockedOn(t, ix, 0), std::vector<std::string>(4, "in `accept` on 127.0.0.1:8080"));
  // The first client's thread: spawned at 2 ms, blocked in read until "hi" is in (11 ms), then in
  // write_all until 13 ms, when it finishes: no span after that.
  EXPECT_EQ(SpansOf(ix, 1, TlKind::ThreadReady), (std::vector<Span>{{2, 2, false}}));
  EXPECT_EQ(SpansOf(ix, 1, TlKind::ThreadBlocked), (std::vector<Span>{{2, 11, false}, {11, 13, false}}));
  EXPECT_EQ(BlockedOn(t, ix, 1),
            (std::vector<std::string>{"in `read` on 127.0.0.1:50001", "in `write_all` on 127.0.0.1:50001"}));
  EXPECT_EQ(SpansOf(ix, 1, TlKind::ThreadRun), (std::vector<Span>{{2, 2, false}, {11, 11, false}, {13, 13, false}}));
  // The slow third client keeps its thread blocked in read from 6 to 41 ms.
  EXPECT_EQ(SpansOf(ix, 3, TlKind::ThreadBlocked), (std::vector<Span>{{6, 41, false}, {41, 43, false}}));
}

TEST(ThreadLanes, PreemptedThreadsTakeTurnsEveryTenMilliseconds) {
  const Trace t = RunFile("preemptive_threads.toml");
  const TimelineIndex ix = BuildTimelineIndex(t);
  ASSERT_GE(ix.lanes.size(), 3u);
  EXPECT_EQ(ix.lanes[1].label, "thread#1");
  EXPECT_EQ(ix.lanes[2].label, "thread#2");
  EXPECT_EQ(ix.lanes.back().label, "timer interrupt (10ms slice)");
  EXPECT_EQ(SpansOf(ix, 1, TlKind::ThreadRun), (std::vector<Span>{{0, 10, false}, {20, 30, false}, {40, 50, false}}));
  EXPECT_EQ(SpansOf(ix, 1, TlKind::ThreadReady),
            (std::vector<Span>{{0, 0, false}, {10, 20, false}, {30, 40, false}, {50, 50, true}}));
  EXPECT_EQ(SpansOf(ix, 2, TlKind::ThreadRun), (std::vector<Span>{{10, 20, false}, {30, 40, false}, {50, 50, false}}));
  EXPECT_EQ(SpansOf(ix, 2, TlKind::ThreadReady),
            (std::vector<Span>{{0, 10, false}, {20, 30, false}, {40, 50, false}}));
  EXPECT_TRUE(SpansOf(ix, 1, TlKind::ThreadBlocked).empty());
  EXPECT_EQ(SpansOf(ix, 0, TlKind::ThreadBlocked), (std::vector<Span>{{0, 50, false}}));
  EXPECT_EQ(BlockedOn(t, ix, 0), (std::vector<std::string>{"in `join()` for thread#2"}));
  // Every switch is a timer interrupt followed by the context switch.
  int switches = 0;
  for (size_t i = 0; i < t.events.size(); ++i)
    if (t.events[i].kind == EventKind::ContextSwitch) {
      ++switches;
      ASSERT_GT(i, 0u);
      EXPECT_EQ(t.events[i - 1].kind, EventKind::Interrupt);
      EXPECT_EQ(t.events[i].t_ms % 10, 0);
    }
  EXPECT_EQ(switches, 5);
}

std::vector<std::tuple<std::string, int64_t, std::string>> Rows(const std::vector<ThreadRow>& rows) {
  std::vector<std::tuple<std::string, int64_t, std::string>> out;
  for (const ThreadRow& r : rows) out.push_back({r.name, r.state, r.what});
  return out;
}

int64_t StepOf(const Trace& t, const std::string& text) {
  for (size_t i = 0; i < t.events.size(); ++i)
    if (EventText(t, t.events[i]) == text) return static_cast<int64_t>(i);
  ADD_FAILURE() << "no event " << text;
  return -1;
}

TEST(ThreadRows, TheExecutorPanelListsEachThreadsStateAtTheCursor) {
  const Trace t = RunFile("echo_server_sync.toml");
  const std::vector<ThreadTrack> tracks = BuildThreadTracks(t);
  ASSERT_EQ(tracks.size(), 4u);
  EXPECT_EQ(Rows(ThreadsAt(t, tracks, -1)), (decltype(Rows({})){{"main", kThreadRuns, ""}}));
  // At 6 ms, once the third thread blocks: every thread waits, the second one on its write.
  const int64_t all_blocked = StepOf(t, "t=6ms thread id=3 blocked in `read` on 127.0.0.1:50003");
  EXPECT_EQ(Rows(ThreadsAt(t, tracks, all_blocked)),
            (decltype(Rows({})){{"main", kThreadBlocked, "in `accept` on 127.0.0.1:8080"},
                                {"thread#1", kThreadBlocked, "in `read` on 127.0.0.1:50001"},
                                {"thread#2", kThreadBlocked, "in `write_all` on 127.0.0.1:50002"},
                                {"thread#3", kThreadBlocked, "in `read` on 127.0.0.1:50003"}}));
  // The step before thread#3 exists: three threads, main running (it has just spawned nobody yet).
  const int64_t accepted = StepOf(t, "t=6ms thread id=0 runs main");
  EXPECT_EQ(Rows(ThreadsAt(t, tracks, accepted)),
            (decltype(Rows({})){{"main", kThreadRuns, ""},
                                {"thread#1", kThreadBlocked, "in `read` on 127.0.0.1:50001"},
                                {"thread#2", kThreadBlocked, "in `write_all` on 127.0.0.1:50002"}}));
  const int64_t last = static_cast<int64_t>(t.events.size()) - 1;
  EXPECT_EQ(Rows(ThreadsAt(t, tracks, last)),
            (decltype(Rows({})){{"main", kThreadBlocked, "in `accept` on 127.0.0.1:8080"},
                                {"thread#1", kThreadFinished, ""},
                                {"thread#2", kThreadFinished, ""},
                                {"thread#3", kThreadFinished, ""}}));
  EXPECT_EQ(NoExecutorLine(4), "no executor: 4 threads");
  EXPECT_EQ(NoExecutorLine(1), "no executor: 1 thread");
}

TEST(ThreadRows, APreemptedThreadIsReadyAndSaysWhy) {
  const Trace t = RunFile("preemptive_threads.toml");
  const std::vector<ThreadTrack> tracks = BuildThreadTracks(t);
  const int64_t at10 = StepOf(t, "t=10ms thread id=2 runs thread#2");
  EXPECT_EQ(Rows(ThreadsAt(t, tracks, at10)),
            (decltype(Rows({})){{"main", kThreadBlocked, "in `join()` for thread#2"},
                                {"thread#1", kThreadReady, "preempted by the timer interrupt"},
                                {"thread#2", kThreadRuns, ""}}));
}

// A run that never spawns a thread nor blocks in a std call records no threads: the scripted
// executor's `hlt` alone shows none, and its panel stays the executor's.
TEST(ThreadRows, AnExecutorWrittenInTheScriptHasNoThreadLanes) {
  const Trace t = RunFile("scripted_sleep_if_idle_fixed.toml");
  EXPECT_TRUE(BuildThreadTracks(t).empty());
  for (const Event& e : t.events) EXPECT_NE(e.kind, EventKind::ThreadState);
}

}  // namespace
}  // namespace aws::present
