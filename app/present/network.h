// The network device as the Devices panel shows it (no ImGui here): the listening socket and each
// accepted connection at a step, with the requests each has in flight and its last completed one.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "awaitscope/world.h"

namespace aws::present {

struct NetSocketView {
  int device = -1;
  bool listener = false;           // the listening socket; else an accepted connection
  std::string address;             // "127.0.0.1:8080", the client's for a connection
  std::vector<const RequestView*> pending;  // its requests in flight (into the WorldState)
  std::string last_what;           // its last completed request ("" when none yet)
  std::string last_result;
  int64_t completed = 0;           // requests completed so far
};

// The network's sockets at the world's step, the listener first, then connections in the order
// they were accepted; a socket appears once an event of its device has happened. Empty when
// the run has no network device.
std::vector<NetSocketView> NetworkAt(const Trace& trace, const WorldState& w);

// Whether the run uses the network device.
bool HasNetwork(const Trace& trace);

}  // namespace aws::present
