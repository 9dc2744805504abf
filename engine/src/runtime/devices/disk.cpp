// The disk: files with their contents and latencies (the scenario's [files]); a read or write
// is a request that completes after the file's latency and raises the disk's interrupt.
#include <fmt/format.h>

#include "runtime/emulator.h"

namespace aws::emu {

// The first poll of a read or write future starts its request.
void Emulator::DiskStart(int leaf) {
  Obj& o = objs_[leaf];
  auto it = files_.find(o.path);
  if (o.fut == FutureKind::ReadFile) {
    if (it == files_.end()) Panic(fmt::format("async_read_file: no such file `{}` on the emulated disk", o.path));
    o.latency = it->second.read_latency;
    StartRequest(leaf, "read " + o.path);
  } else {
    o.latency = it == files_.end() ? S.disk.write_latency_ms : it->second.write_latency;
    StartRequest(leaf, "write " + o.path);
  }
}

// The request is done: a read's result is the file's contents, a write replaces them. Returns
// the result as the trace shows it.
std::string Emulator::DiskComplete(Obj& o) {
  if (o.fut == FutureKind::ReadFile) {
    auto it = files_.find(o.path);
    o.result = Value::Str(it == files_.end() ? "" : it->second.contents);
    return Show(o.result, true);
  }
  files_[o.path].contents = o.write_data;
  o.result = Value::Unit();
  return "()";
}

}  // namespace aws::emu
