#include "present/timeline.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "present/threads.h"

namespace aws::present {

TimelineContext TimelineContext::Make(double t0_ms, double t1_ms, float width_px) {
  TimelineContext c;
  c.t0_ms = t0_ms;
  c.t1_ms = std::max(t1_ms, t0_ms + 1e-6);
  c.width_px = std::max(width_px, 1.0f);
  c.px_per_ms = c.width_px / (c.t1_ms - c.t0_ms);
  return c;
}

// [SECTION] The visible window
double ViewEndMs(int64_t end_ms) { return static_cast<double>(std::max<int64_t>(end_ms, 1)) * 1.05; }

TimeWindow FullTimeWindow(int64_t end_ms) { return {0.0, ViewEndMs(end_ms)}; }

TimeWindow ClampTimeWindow(TimeWindow w, int64_t end_ms) {
  const double hi = ViewEndMs(end_ms);
  if (!(w.t1 - w.t0 >= kMinViewMs)) {  // also NaN: a degenerate window becomes the minimum around its centre
    const double mid = std::isfinite(w.t0 + w.t1) ? (w.t0 + w.t1) / 2 : 0.0;
    w = {mid - kMinViewMs / 2, mid + kMinViewMs / 2};
  }
  const double span = std::min(w.t1 - w.t0, hi);
  if (w.t0 < 0) w.t0 = 0;
  if (w.t0 + span > hi) w.t0 = hi - span;
  return {w.t0, w.t0 + span};
}

TimeWindow ZoomTimeWindow(TimeWindow w, double at_ms, double factor, int64_t end_ms) {
  return ClampTimeWindow({at_ms - (at_ms - w.t0) * factor, at_ms + (w.t1 - at_ms) * factor}, end_ms);
}

TimeWindow PanTimeWindow(TimeWindow w, double dt_ms, int64_t end_ms) {
  return ClampTimeWindow({w.t0 + dt_ms, w.t1 + dt_ms}, end_ms);
}

float FitRowHeight(float lanes_avail_h, float rows_total, float base_row_h, float max_scale) {
  if (rows_total <= 0 || !(lanes_avail_h > 0)) return base_row_h;
  return std::clamp(lanes_avail_h / rows_total, base_row_h, base_row_h * max_scale);
}

// [SECTION] The index
TimelineIndex BuildTimelineIndex(const Trace& trace) {
  TimelineIndex ix;
  const auto& ev = trace.events;
  ix.end_ms = ev.empty() ? 0 : ev.back().t_ms;
  const int ntasks = static_cast<int>(trace.tasks.size());
  const int ndevices = static_cast<int>(trace.devices.size());
  for (int t = 0; t < ntasks; ++t) {
    ix.task_lane.push_back(static_cast<int>(ix.lanes.size()));
    ix.lanes.push_back({"T" + std::to_string(t) + " " + trace.tasks[t].name, t, -1, 1});
  }
  const std::vector<ThreadTrack> threads = BuildThreadTracks(trace);
  for (size_t th = 0; th < threads.size(); ++th) {
    const int lane = static_cast<int>(ix.lanes.size());
    ix.lanes.push_back({threads[th].name, -1, -1, 1, static_cast<int>(th)});
    TimelineIndex::Row run{TlKind::ThreadRun, lane, 0, {}}, blocked{TlKind::ThreadBlocked, lane, 0, {}},
        ready{TlKind::ThreadReady, lane, 0, {}};
    for (const ThreadSpan& s : threads[th].spans) {
      TimelineIndex::Row& row = s.state == kThreadRuns ? run : s.state == kThreadBlocked ? blocked : ready;
      row.spans.push_back({s.t0, s.t1, s.step0, s.step1, s.why, false, s.open});
    }
    ix.rows.push_back(std::move(run));
    ix.rows.push_back(std::move(blocked));
    ix.rows.push_back(std::move(ready));
  }
  const int first_device_lane = static_cast<int>(ix.lanes.size());
  for (int d = 0; d < ndevices; ++d) ix.lanes.push_back({trace.devices[d].name, -1, d, 1});

  std::vector<TimelineIndex::Row> polls(ntasks), suspended(ntasks);
  for (int t = 0; t < ntasks; ++t) {
    polls[t] = {TlKind::Poll, ix.task_lane[t], 0, {}};
    suspended[t] = {TlKind::Suspended, ix.task_lane[t], 0, {}};
  }
  ix.wakes.resize(ntasks);
  std::vector<int64_t> open_poll(ntasks, -1);  // index into polls[t].spans of a poll begun
  std::vector<size_t> pending_wakes(ntasks, 0);  // wakes[t][pending..] still wait for a poll
  std::vector<TlSpan> requests;                 // in start order, then split into rows
  std::vector<int> request_device;
  std::map<std::pair<int, int64_t>, size_t> open_request;
  auto valid_task = [&](int t) { return t >= 0 && t < ntasks; };

  for (size_t i = 0; i < ev.size(); ++i) {
    const Event& e = ev[i];
    const int64_t step = static_cast<int64_t>(i);
    switch (e.kind) {
      case EventKind::PollBegin:
        if (e.a != 0 || !valid_task(e.task)) break;
        if (!suspended[e.task].spans.empty() && suspended[e.task].spans.back().open) {
          TlSpan& s = suspended[e.task].spans.back();
          s.t1 = e.t_ms, s.step1 = step, s.open = false;
          if (s.t1 == s.t0) suspended[e.task].spans.pop_back();  // nothing to hatch
        }
        for (auto& w = ix.wakes[e.task]; pending_wakes[e.task] < w.size(); ++pending_wakes[e.task]) {
          w[pending_wakes[e.task]].t1 = e.t_ms;
          w[pending_wakes[e.task]].step1 = step;
        }
        open_poll[e.task] = static_cast<int64_t>(polls[e.task].spans.size());
        polls[e.task].spans.push_back({e.t_ms, ix.end_ms, step, -1, -1, false, true});
        break;
      case EventKind::PollEnd:
        if (e.a != 0 || !valid_task(e.task) || open_poll[e.task] < 0) break;
        {
          TlSpan& p = polls[e.task].spans[static_cast<size_t>(open_poll[e.task])];
          p.t1 = e.t_ms, p.step1 = step, p.ready = e.b == 1, p.open = false;
          open_poll[e.task] = -1;
          if (e.b == 0) suspended[e.task].spans.push_back({e.t_ms, ix.end_ms, step, -1, -1, false, true});
        }
        break;
      case EventKind::WakerWake:
        if (e.b != 1 || !valid_task(e.task)) break;
        ix.wakes[e.task].push_back({e.t_ms, -1, step, -1,
                                    e.device >= 0 && e.device < ndevices ? first_device_lane + e.device
                                                                         : ix.task_lane[e.task]});
        break;
      case EventKind::DeviceStart:
        if (e.device < 0 || e.device >= ndevices) break;
        open_request[{e.device, e.a}] = requests.size();
        requests.push_back({e.t_ms, ix.end_ms, step, -1, e.a, false, true});
        request_device.push_back(e.device);
        break;
      case EventKind::DeviceComplete: {
        auto it = open_request.find({e.device, e.a});
        if (it == open_request.end()) break;
        TlSpan& r = requests[it->second];
        r.t1 = e.t_ms, r.step1 = step, r.open = false;
        open_request.erase(it);
        break;
      }
      default:
        break;
    }
  }
  // Wakes never followed by a poll have no arrow.
  for (int t = 0; t < ntasks; ++t) ix.wakes[t].resize(pending_wakes[t]);

  for (int t = 0; t < ntasks; ++t) {
    ix.rows.push_back(std::move(polls[t]));
    ix.rows.push_back(std::move(suspended[t]));
  }
  // Requests of one device may overlap: the first row whose last request ended before it starts.
  std::vector<std::vector<size_t>> device_rows(ndevices);  // device -> its rows' indices in ix.rows
  for (size_t r = 0; r < requests.size(); ++r) {
    const int d = request_device[r];
    const int lane = first_device_lane + d;
    size_t target = SIZE_MAX;
    for (size_t row : device_rows[d])
      if (ix.rows[row].spans.back().t1 <= requests[r].t0) {
        target = row;
        break;
      }
    if (target == SIZE_MAX) {
      target = ix.rows.size();
      ix.rows.push_back({TlKind::Request, lane, static_cast<int>(device_rows[d].size()), {}});
      device_rows[d].push_back(target);
      ix.lanes[lane].rows = static_cast<int>(device_rows[d].size());
    }
    ix.rows[target].spans.push_back(requests[r]);
  }
  return ix;
}

// [SECTION] One frame
namespace {

void PrepareRow(const TimelineIndex::Row& row, const TimelineContext& c, std::vector<TlItem>& out) {
  const auto& s = row.spans;
  // Spans of a row do not overlap: t1 is sorted like t0.
  auto i = std::partition_point(s.begin(), s.end(), [&](const TlSpan& x) { return x.t1 < c.t0_ms; });
  while (i != s.end() && i->t0 <= c.t1_ms) {
    TlItem it;
    it.kind = row.kind, it.lane = row.lane, it.row = row.row, it.span = *i;
    it.tick = i->t0 == i->t1;
    it.x0 = std::max(c.X(static_cast<double>(i->t0)), 0.0f);
    it.x1 = std::min(c.X(static_cast<double>(i->t1)), c.width_px);
    it.x1 = std::max(it.x1, it.x0 + (it.tick ? kTickPx : 1.0f));
    // Merge the spans that start under this item's pixels: bounded work when zoomed out. Half a
    // pixel of slack keeps spans that merely touch (a request ending as the next starts) apart.
    auto j = std::next(i);
    for (;;) {
      const double t_edge = c.T(it.x1 - 0.5f);
      auto k = std::partition_point(j, s.end(), [&](const TlSpan& x) { return x.t0 < t_edge; });
      if (k == j) break;
      it.count += static_cast<int>(k - j);
      it.tick = it.tick && std::prev(k)->t1 == std::prev(k)->t0;
      it.x1 = std::max(it.x1, std::min(c.X(static_cast<double>(std::prev(k)->t1)), c.width_px));
      j = k;
    }
    out.push_back(it);
    i = j;
  }
}

void PrepareWakes(const TimelineIndex& ix, int task, const TimelineContext& c, std::vector<TlArrow>& out) {
  const auto& w = ix.wakes[task];
  auto i = std::partition_point(w.begin(), w.end(), [&](const TlWake& x) { return x.t1 < c.t0_ms; });
  while (i != w.end() && i->t0 <= c.t1_ms) {
    TlArrow a{c.X(static_cast<double>(i->t0)), c.X(static_cast<double>(i->t1)), i->from_lane,
              ix.task_lane[task], 1, i->step0, i->step1};
    // Later wakes ending within a pixel of this one, from the same lane, are drawn once.
    auto j = std::next(i);
    while (j != w.end() && j->from_lane == a.from_lane && c.X(static_cast<double>(j->t1)) < a.x1 + 1.0f &&
           c.X(static_cast<double>(j->t0)) < a.x0 + 1.0f) {
      ++a.count;
      ++j;
    }
    out.push_back(a);
    i = j;
  }
}

}  // namespace

TimelineFrame PrepareTimeline(const Trace& trace, const TimelineIndex& index, const TimelineContext& ctx,
                              int64_t cursor, LaneRange lanes) {
  TimelineFrame f;
  f.ctx = ctx;
  for (const auto& row : index.rows)
    if (lanes.Has(row.lane)) PrepareRow(row, ctx, f.items);
  for (size_t t = 0; t < index.wakes.size(); ++t)
    if (lanes.Has(index.task_lane[t])) PrepareWakes(index, static_cast<int>(t), ctx, f.arrows);
  if (cursor >= 0 && cursor < static_cast<int64_t>(trace.events.size())) {
    f.playhead_x = ctx.X(static_cast<double>(trace.events[static_cast<size_t>(cursor)].t_ms));
    f.has_playhead = f.playhead_x >= 0 && f.playhead_x <= ctx.width_px;
  }
  return f;
}

int64_t NearestStep(const Trace& trace, double t_ms) {
  const auto& ev = trace.events;
  if (ev.empty()) return -1;
  auto after = std::partition_point(ev.begin(), ev.end(), [&](const Event& e) { return e.t_ms < t_ms; });
  int64_t t;
  if (after == ev.end()) t = ev.back().t_ms;
  else if (after == ev.begin()) t = (*after).t_ms;
  else t = (t_ms - (*std::prev(after)).t_ms <= (*after).t_ms - t_ms) ? (*std::prev(after)).t_ms : (*after).t_ms;
  auto first = std::partition_point(ev.begin(), ev.end(), [&](const Event& e) { return e.t_ms < t; });
  return first - ev.begin();
}

}  // namespace aws::present
