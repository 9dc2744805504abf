#include "present/network.h"

#include <algorithm>

namespace aws::present {

namespace {

bool IsNet(const Trace& t, int device) {
  return device >= 0 && static_cast<size_t>(device) < t.devices.size() && t.devices[static_cast<size_t>(device)].kind == "net";
}

}  // namespace

bool HasNetwork(const Trace& trace) {
  return std::any_of(trace.devices.begin(), trace.devices.end(), [](const DeviceInfo& d) { return d.kind == "net"; });
}

std::vector<NetSocketView> NetworkAt(const Trace& trace, const WorldState& w) {
  std::vector<NetSocketView> out;
  if (!HasNetwork(trace) || w.step < 0) return out;
  std::vector<int> index(trace.devices.size(), -1);  // device -> its row in `out`
  // The requests' descriptions by request id, from their DeviceStart (a completion names only its id).
  std::vector<std::pair<int64_t, std::string>> started;
  const size_t last = std::min(static_cast<size_t>(w.step) + 1, trace.events.size());
  for (size_t i = 0; i < last; ++i) {
    const Event& e = trace.events[i];
    if ((e.kind != EventKind::DeviceStart && e.kind != EventKind::DeviceComplete) || !IsNet(trace, e.device)) continue;
    int& row = index[static_cast<size_t>(e.device)];
    if (row < 0) {
      const std::string& name = trace.devices[static_cast<size_t>(e.device)].name;
      NetSocketView v;
      v.device = e.device;
      v.listener = name.rfind("listener ", 0) == 0;
      v.address = name.substr(name.find(' ') + 1);
      row = static_cast<int>(out.size());
      out.push_back(std::move(v));
    }
    NetSocketView& v = out[static_cast<size_t>(row)];
    if (e.kind == EventKind::DeviceStart) {
      started.emplace_back(e.a, trace.Payload(e));
    } else {
      ++v.completed;
      v.last_result = trace.Payload(e);
      for (const auto& [id, what] : started)
        if (id == e.a) v.last_what = what;
    }
  }
  for (const RequestView& r : w.requests)
    if (r.device >= 0 && static_cast<size_t>(r.device) < index.size() && index[static_cast<size_t>(r.device)] >= 0)
      out[static_cast<size_t>(index[static_cast<size_t>(r.device)])].pending.push_back(&r);
  std::stable_partition(out.begin(), out.end(), [](const NetSocketView& v) { return v.listener; });
  return out;
}

}  // namespace aws::present
