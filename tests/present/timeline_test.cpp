// The Timeline panel's preparation (no window): lanes, spans, arrows and clipping on the example's
// real trace, and the time <-> pixel mapping.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "awaitscope/runtime.h"
#include "present/timeline.h"

namespace aws::present {
namespace {

namespace fs = std::filesystem;

Trace ExampleTrace() {
  Diagnostics d;
  auto s = LoadScenario((fs::path(AWAITSCOPE_SOURCE_DIR) / "scenarios" / "example.toml").string(), d);
  EXPECT_TRUE(s) << d.Render();
  if (!s) return {};
  auto p = Compile(std::make_unique<SourceFile>(s->script), s->ops, d);
  EXPECT_FALSE(d.HasErrors()) << d.Render();
  return RunScenario(*p, *s, {}, d);
}

std::vector<TlItem> Of(const TimelineFrame& f, TlKind k) {
  std::vector<TlItem> out;
  for (const TlItem& it : f.items)
    if (it.kind == k) out.push_back(it);
  return out;
}

class Timeline : public ::testing::Test {
 protected:
  void SetUp() override {
    trace_ = ExampleTrace();
    index_ = BuildTimelineIndex(trace_);
  }
  Trace trace_;
  TimelineIndex index_;
};

TEST_F(Timeline, ExampleHasOneTaskLaneAndTheDiskLane) {
  ASSERT_EQ(index_.lanes.size(), 2u);
  EXPECT_EQ(index_.lanes[0].label, "T0 main()");
  EXPECT_EQ(index_.lanes[0].task, 0);
  EXPECT_EQ(index_.lanes[1].label, "disk");
  EXPECT_EQ(index_.lanes[1].device, 0);
  EXPECT_EQ(index_.lanes[1].rows, 1);  // the two reads do not overlap
}

TEST_F(Timeline, ExamplePollsSuspensionsRequestsAndWakes) {
  // 0..60ms on 600px: 10 px per ms.
  TimelineFrame f = PrepareTimeline(trace_, index_, TimelineContext::Make(0, 60, 600), -1);
  auto polls = Of(f, TlKind::Poll);
  ASSERT_EQ(polls.size(), 3u);
  const int64_t poll_t[] = {0, 30, 50};
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(polls[i].span.t0, poll_t[i]);
    EXPECT_EQ(polls[i].span.t1, poll_t[i]);  // polls take no virtual time: ticks
    EXPECT_TRUE(polls[i].tick);
    EXPECT_EQ(polls[i].lane, 0);
    EXPECT_FLOAT_EQ(polls[i].x0, 10.0f * poll_t[i]);
    EXPECT_FLOAT_EQ(polls[i].x1, 10.0f * poll_t[i] + kTickPx);
    EXPECT_EQ(trace_.events[polls[i].span.step0].kind, EventKind::PollBegin);
    EXPECT_EQ(polls[i].span.ready, i == 2);
  }
  auto susp = Of(f, TlKind::Suspended);
  ASSERT_EQ(susp.size(), 2u);
  EXPECT_EQ(susp[0].span.t0, 0);
  EXPECT_EQ(susp[0].span.t1, 30);
  EXPECT_EQ(susp[1].span.t0, 30);
  EXPECT_EQ(susp[1].span.t1, 50);
  EXPECT_FLOAT_EQ(susp[1].x0, 300.0f);
  EXPECT_FLOAT_EQ(susp[1].x1, 500.0f);
  auto reqs = Of(f, TlKind::Request);
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0].lane, 1);
  EXPECT_EQ(reqs[0].span.t0, 0);
  EXPECT_EQ(reqs[0].span.t1, 30);
  EXPECT_EQ(reqs[1].span.t0, 30);
  EXPECT_EQ(reqs[1].span.t1, 50);
  EXPECT_FALSE(reqs[1].span.open);
  ASSERT_EQ(f.arrows.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(f.arrows[i].from_lane, 1);  // woken by the disk
    EXPECT_EQ(f.arrows[i].to_lane, 0);
    EXPECT_EQ(trace_.events[f.arrows[i].wake_step].kind, EventKind::WakerWake);
    EXPECT_EQ(f.arrows[i].poll_step, polls[i + 1].span.step0);  // ends at the polls at 30 and 50
    EXPECT_FLOAT_EQ(f.arrows[i].x1, polls[i + 1].x0);
  }
  EXPECT_FALSE(f.has_playhead);
}

TEST_F(Timeline, SpansThatOnlyTouchStayApartAtAnyScale) {
  // The panel's initial view of the example, with an inexact px_per_ms.
  TimelineFrame f = PrepareTimeline(trace_, index_, TimelineContext::Make(-1.0, 52.5, 863), -1);
  EXPECT_EQ(Of(f, TlKind::Request).size(), 2u);
  EXPECT_EQ(Of(f, TlKind::Suspended).size(), 2u);
  EXPECT_EQ(Of(f, TlKind::Poll).size(), 3u);
}

TEST_F(Timeline, ClippingKeepsOnlyWhatIntersectsTheWindow) {
  // 35..60ms on 250px: 10 px per ms, x = (t - 35) * 10.
  TimelineContext c = TimelineContext::Make(35, 60, 250);
  EXPECT_DOUBLE_EQ(c.px_per_ms, 10.0);
  EXPECT_FLOAT_EQ(c.X(50), 150.0f);
  EXPECT_DOUBLE_EQ(c.T(150.0f), 50.0);
  TimelineFrame f = PrepareTimeline(trace_, index_, c, -1);
  auto polls = Of(f, TlKind::Poll);
  ASSERT_EQ(polls.size(), 1u);
  EXPECT_EQ(polls[0].span.t0, 50);
  EXPECT_FLOAT_EQ(polls[0].x0, 150.0f);
  auto susp = Of(f, TlKind::Suspended);
  ASSERT_EQ(susp.size(), 1u);  // 30..50, clipped to 35..50
  EXPECT_FLOAT_EQ(susp[0].x0, 0.0f);
  EXPECT_FLOAT_EQ(susp[0].x1, 150.0f);
  auto reqs = Of(f, TlKind::Request);
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].span.id, 2);
  EXPECT_FLOAT_EQ(reqs[0].x0, 0.0f);
  ASSERT_EQ(f.arrows.size(), 1u);
  EXPECT_FLOAT_EQ(f.arrows[0].x1, 150.0f);
}

TEST_F(Timeline, OnlyTheLanesInViewArePrepared) {
  const TimelineContext c = TimelineContext::Make(0, 60, 600);
  const TimelineFrame all = PrepareTimeline(trace_, index_, c, -1);
  // Lane 0 is T0, lane 1 the disk: each range keeps exactly its lane's items.
  const TimelineFrame task_only = PrepareTimeline(trace_, index_, c, -1, LaneRange{0, 0});
  const TimelineFrame disk_only = PrepareTimeline(trace_, index_, c, -1, LaneRange{1, 1});
  size_t task_items = 0;
  for (const TlItem& it : all.items) task_items += it.lane == 0;
  EXPECT_GT(task_items, 0u);
  EXPECT_EQ(task_only.items.size(), task_items);
  EXPECT_EQ(disk_only.items.size(), all.items.size() - task_items);
  for (const TlItem& it : disk_only.items) EXPECT_EQ(it.lane, 1);
  // Arrows belong to the task they wake: kept with T0's lane, gone without it.
  EXPECT_EQ(task_only.arrows.size(), all.arrows.size());
  EXPECT_TRUE(disk_only.arrows.empty());
  EXPECT_TRUE(PrepareTimeline(trace_, index_, c, -1, LaneRange{5, 9}).items.empty());
}

TEST_F(Timeline, PlayheadFollowsTheCursorsTime) {
  const int64_t at_30 = NearestStep(trace_, 30);
  EXPECT_EQ(trace_.events[at_30].t_ms, 30);
  EXPECT_EQ(trace_.events[at_30 - 1].t_ms, 0);
  TimelineFrame f = PrepareTimeline(trace_, index_, TimelineContext::Make(0, 60, 600), at_30);
  EXPECT_TRUE(f.has_playhead);
  EXPECT_FLOAT_EQ(f.playhead_x, 300.0f);
  f = PrepareTimeline(trace_, index_, TimelineContext::Make(35, 60, 250), at_30);
  EXPECT_FALSE(f.has_playhead);  // outside the window
}

TEST_F(Timeline, ClickSeeksToTheFirstEventOfTheNearestMillisecond) {
  EXPECT_EQ(NearestStep(trace_, -5), 0);
  EXPECT_EQ(trace_.events[NearestStep(trace_, 14)].t_ms, 0);
  EXPECT_EQ(trace_.events[NearestStep(trace_, 16)].t_ms, 30);
  EXPECT_EQ(trace_.events[NearestStep(trace_, 1000)].t_ms, 50);
  EXPECT_EQ(NearestStep(Trace{}, 3), -1);
}

TEST(TimelineMerge, ManyZeroLengthPollsAtOneTimeBecomeOneTick) {
  Trace t;
  t.tasks.push_back({"busy()", 0, 0});
  for (int i = 0; i < 100000; ++i) {
    t.events.push_back({i / 1000, EventKind::PollBegin, 0, 0, -1, -1, 0, -1});
    t.events.push_back({i / 1000, EventKind::PollEnd, 0, 0, -1, -1, 0, 0});
  }
  TimelineIndex ix = BuildTimelineIndex(t);
  TimelineFrame f = PrepareTimeline(t, ix, TimelineContext::Make(0, 100, 1000), -1);
  auto polls = Of(f, TlKind::Poll);
  ASSERT_EQ(polls.size(), 100u);  // one tick per millisecond, 10 px apart
  EXPECT_EQ(polls[0].count, 1000);
  EXPECT_TRUE(polls[0].tick);
  EXPECT_FLOAT_EQ(polls[42].x0, 420.0f);
  // Zoomed out to 10 px for the whole run: a handful of items, not 10^5.
  f = PrepareTimeline(t, ix, TimelineContext::Make(0, 100, 10), -1);
  EXPECT_LE(Of(f, TlKind::Poll).size(), 10u);
}

}  // namespace
}  // namespace aws::present
