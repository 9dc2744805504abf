// The Timeline panel's preparation (no ImGui): a per-trace index built once, then, per frame, the
// items visible in a time window as plain structs clipped to it (STYLE.md 7: prepare, then draw).
#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "awaitscope/trace.h"

namespace aws::present {

// The time <-> pixel mapping of one frame: x = (t - t0) * px_per_ms, 0 at the window's left edge.
struct TimelineContext {
  double t0_ms = 0, t1_ms = 1;
  float width_px = 1;
  double px_per_ms = 1;
  static TimelineContext Make(double t0_ms, double t1_ms, float width_px);
  float X(double t_ms) const { return static_cast<float>((t_ms - t0_ms) * px_per_ms); }
  double T(float x) const { return t0_ms + x / px_per_ms; }
};

// A thread's lane has three rows of spans on one line: it runs, it is blocked (hatched, labelled
// with what it waits on), it is ready but another thread has the core (present/threads.h).
enum class TlKind : uint8_t { Poll, Suspended, Request, ThreadRun, ThreadBlocked, ThreadReady };

struct TlLane {
  std::string label;  // "T0 main()", "thread#1" or "disk"
  int task = -1, device = -1;
  int rows = 1;       // device lanes stack overlapping requests in rows
  int thread = -1;    // the emulated thread (present/threads.h)
};

// A span in the index: [t0, t1] in virtual ms, the steps it starts and ends at.
struct TlSpan {
  int64_t t0 = 0, t1 = 0, step0 = -1, step1 = -1;
  int64_t id = -1;     // request id (Request); the step saying why (ThreadBlocked, ThreadReady)
  bool ready = false;  // a poll that returned Ready
  bool open = false;   // never ended: runs to the end of the trace
};
// A wake that reached the executor and the task's next top-level poll.
struct TlWake {
  int64_t t0 = 0, t1 = 0, step0 = -1, step1 = -1;
  int from_lane = -1;  // the waking device's lane, or the task's own lane
};

// Built once per trace, O(events). Spans of one row never overlap, so both ends are sorted and a
// window is found by binary search; a task's wakes are sorted by both ends too.
struct TimelineIndex {
  struct Row {
    TlKind kind = TlKind::Poll;
    int lane = 0, row = 0;
    std::vector<TlSpan> spans;
  };
  std::vector<TlLane> lanes;                // tasks first, then threads, then devices
  std::vector<Row> rows;
  std::vector<std::vector<TlWake>> wakes;   // per task
  std::vector<int> task_lane;               // task -> lane
  int64_t end_ms = 0;                       // the last event's time
};
TimelineIndex BuildTimelineIndex(const Trace& trace);

// A visible item, clipped to [0, width_px]. Items closer than a pixel are merged (count > 1), so a
// frame holds at most about one item per pixel per row however long the trace.
struct TlItem {
  float x0 = 0, x1 = 0;
  TlKind kind = TlKind::Poll;
  int lane = 0, row = 0;
  int count = 1;
  bool tick = false;   // zero virtual duration, drawn kTickPx wide at its x
  TlSpan span;         // the first merged span, unclipped
};
struct TlArrow {
  float x0 = 0, x1 = 0;  // unclipped: wake time, poll time
  int from_lane = -1, to_lane = -1;
  int count = 1;
  int64_t wake_step = -1, poll_step = -1;
};
struct TimelineFrame {
  TimelineContext ctx;
  std::vector<TlItem> items;
  std::vector<TlArrow> arrows;
  bool has_playhead = false;
  float playhead_x = 0;
};
constexpr float kTickPx = 3.0f;

// The lanes a frame shows, inclusive (the panel's visible rows); all of them by default.
struct LaneRange {
  int first = 0;
  int last = std::numeric_limits<int>::max();
  bool Has(int lane) const { return lane >= first && lane <= last; }
};

// Everything of `index` visible in ctx's window, O(visible items * log n). `cursor` is the
// session's step (-1: before the first event, no playhead). Only rows of `lanes` are prepared,
// and only the wakes of tasks whose lane is in it (10,000 task lanes, a screenful shown).
TimelineFrame PrepareTimeline(const Trace& trace, const TimelineIndex& index, const TimelineContext& ctx,
                              int64_t cursor, LaneRange lanes = {});

// The step to seek to for a click at `t_ms`: the first event of the millisecond nearest to it
// (-1 for an empty trace). Events are in time order.
int64_t NearestStep(const Trace& trace, double t_ms);

// [SECTION] The visible window of virtual time and the lanes' height

// A window [t0, t1] of virtual ms. The panel keeps it inside [0, ViewEndMs(end)]: nothing happens
// before 0 ms, and a 5 % margin after the last event keeps its marks off the right edge.
struct TimeWindow {
  double t0 = 0, t1 = 1;
  bool operator==(const TimeWindow&) const = default;
};
constexpr double kMinViewMs = 0.01;  // the deepest zoom: 10 us across the panel
double ViewEndMs(int64_t end_ms);
// The whole run: [0, ViewEndMs(end_ms)], the view a trace opens with.
TimeWindow FullTimeWindow(int64_t end_ms);
// `w` moved (not resized) back inside [0, ViewEndMs], no wider than that and no narrower than
// kMinViewMs.
TimeWindow ClampTimeWindow(TimeWindow w, int64_t end_ms);
// The mouse wheel: `w` scaled by `factor` (> 1 zooms out) around the time `at_ms` under the
// pointer, then clamped.
TimeWindow ZoomTimeWindow(TimeWindow w, double at_ms, double factor, int64_t end_ms);
// A drag: `w` shifted by `dt_ms` (later when positive), then clamped: panning stops at the ends.
TimeWindow PanTimeWindow(TimeWindow w, double dt_ms, int64_t end_ms);

// The lanes' row height that uses the panel's height: `lanes_avail_h` pixels for `rows_total`
// rows (lane gaps included) of at least `base_row_h`, growing to at most `max_scale` times it, so
// a run with few lanes fills the panel instead of leaving it empty below.
float FitRowHeight(float lanes_avail_h, float rows_total, float base_row_h, float max_scale = 2.5f);

// The Timeline panel's view state (kept in the app's ViewData, never in the engine): the
// visible window and the index of the trace it was built for.
struct TimelineViewState {
  const void* events = nullptr;  // the trace's EventLog::data()
  size_t size = 0;
  TimelineIndex index;
  double t0 = 0, t1 = 1;
};

}  // namespace aws::present
