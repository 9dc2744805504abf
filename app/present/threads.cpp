#include "present/threads.h"

#include <algorithm>

#include "present/i18n.h"

namespace aws::present {

std::vector<ThreadTrack> BuildThreadTracks(const Trace& trace) {
  std::vector<ThreadTrack> tracks;
  const auto& ev = trace.events;
  const int64_t end_ms = ev.empty() ? 0 : int64_t{ev.back().t_ms};
  auto track = [&](int64_t id) -> ThreadTrack& {
    if (static_cast<size_t>(id) >= tracks.size()) {
      const size_t from = tracks.size();
      tracks.resize(static_cast<size_t>(id) + 1);
      for (size_t i = from; i < tracks.size(); ++i) tracks[i].name = ThreadName(trace, static_cast<int64_t>(i));
    }
    return tracks[static_cast<size_t>(id)];
  };
  auto close = [&](ThreadTrack& t, int64_t t_ms, int64_t step) {
    if (t.spans.empty() || !t.spans.back().open) return;
    ThreadSpan& s = t.spans.back();
    s.t1 = t_ms, s.step1 = step, s.open = false;
  };
  auto open = [&](ThreadTrack& t, int64_t state, int64_t t_ms, int64_t step, int64_t why) {
    t.spans.push_back({state, t_ms, end_ms, step, -1, why, true});
  };
  for (size_t i = 0; i < ev.size(); ++i) {
    const Event& e = ev[i];
    const int64_t step = static_cast<int64_t>(i);
    if (e.kind == EventKind::ThreadState) {
      if (e.a < 0 || e.a > 4096) continue;
      ThreadTrack& t = track(e.a);
      if (e.a == 0 && t.spans.empty() && t.finished_step < 0 && e.b == kThreadRuns) {
        open(t, kThreadRuns, 0, 0, step);  // the run's own thread ran from the start
        continue;
      }
      close(t, e.t_ms, step);
      if (e.b == kThreadFinished) t.finished_step = step;
      else open(t, e.b, e.t_ms, step, step);
    } else if (e.kind == EventKind::ContextSwitch) {
      if (e.a < 0 || e.a > 4096) continue;
      ThreadTrack& t = track(e.a);
      close(t, e.t_ms, step);
      open(t, kThreadReady, e.t_ms, step, step);
    }
  }
  return tracks;
}

std::vector<ThreadRow> ThreadsAt(const Trace& trace, const std::vector<ThreadTrack>& tracks, int64_t step) {
  std::vector<ThreadRow> rows;
  for (size_t id = 0; id < tracks.size(); ++id) {
    const ThreadTrack& t = tracks[id];
    ThreadRow r{static_cast<int>(id), t.name, kThreadRuns, ""};
    if (t.finished_step >= 0 && step >= t.finished_step) {
      r.state = kThreadFinished;
    } else {
      // The last span begun at or before the cursor (thread 0's first begins at step 0).
      auto it = std::partition_point(t.spans.begin(), t.spans.end(), [&](const ThreadSpan& s) { return s.step0 <= step; });
      if (it == t.spans.begin()) {
        if (id != 0) continue;  // not spawned yet
      } else {
        const ThreadSpan& s = *std::prev(it);
        r.state = s.state;
        if (s.state != kThreadRuns && s.why >= 0) {
          const Event& e = trace.events[static_cast<size_t>(s.why)];
          r.what = e.kind == EventKind::ContextSwitch ? std::string(_("preempted by the timer interrupt"))
                                                      : trace.Payload(e);
        }
      }
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

const std::vector<ThreadTrack>& ThreadsCache::For(const Trace& trace) {
  if (events != trace.events.data() || size != trace.events.size()) {
    events = trace.events.data();
    size = trace.events.size();
    tracks = BuildThreadTracks(trace);
  }
  return tracks;
}

std::string NoExecutorLine(size_t threads) {
  return TrFormat(threads == 1 ? N_("no executor: {} thread") : N_("no executor: {} threads"), threads);
}

}  // namespace aws::present
