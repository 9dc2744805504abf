// Benchmarks reported in the closing notes (not timed tests): the runtime on a generated server
// scenario, trace size per event, peak memory, and time-travel seeks on a 10^6-event run.
//   build/tests/bench/awaitscope_bench [tasks]
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>

#include "awaitscope/runtime.h"
#include "awaitscope/world.h"
#include "server_scenario.h"

namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

long PeakRssKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

size_t TraceBytes(const aws::Trace& t) {
  size_t bytes = t.events.size() * sizeof(aws::Event);
  for (const std::string& s : t.strings) bytes += s.size() + sizeof(std::string);
  return bytes;
}

}  // namespace

int main(int argc, char** argv) {
  int tasks = argc > 1 ? std::atoi(argv[1]) : 10000;
  std::string path = "/tmp/awaitscope_bench_server.toml";
  std::ofstream(path) << ServerScenario(tasks);

  aws::Diagnostics diags;
  auto scenario = aws::LoadScenario(path, diags);
  if (!scenario) {
    std::fputs(diags.Render().c_str(), stderr);
    return 2;
  }
  auto program = aws::Compile(std::make_unique<aws::SourceFile>(scenario->script), scenario->ops, diags);
  if (diags.HasErrors()) {
    std::fputs(diags.Render().c_str(), stderr);
    return 2;
  }
  // Best of three runs.
  double best = 1e18;
  aws::Trace trace;
  for (int i = 0; i < 3; ++i) {
    auto t0 = Clock::now();
    trace = aws::RunScenario(*program, *scenario, {}, diags);
    best = std::min(best, Ms(Clock::now() - t0));
  }
  size_t events = trace.events.size();
  fmt::print("server scenario: {} tasks, {} events, {} polls, virtual end {} ms\n", tasks, events,
             trace.summary.polls, trace.summary.end_time_ms);
  fmt::print("  run wall time       {:9.1f} ms   (goal < 1000 ms)\n", best);
  fmt::print("  events per second   {:9.2f} M    (goal >= 2 M)\n", events / best / 1000.0);
  fmt::print("  trace bytes / event {:9.1f}      (goal <= 64)\n", double(TraceBytes(trace)) / double(events));
  fmt::print("  peak RSS            {:9.1f} MB\n", PeakRssKb() / 1024.0);

  // Time travel on a run of about a million events.
  int big_tasks = std::max(1, int(tasks * 1'000'000LL / std::max<size_t>(events, 1)));
  std::string big = "/tmp/awaitscope_bench_server_big.toml";
  std::ofstream(big) << ServerScenario(big_tasks);
  aws::Session session;
  auto t0 = Clock::now();
  if (!session.Load(big, diags)) {
    std::fputs(diags.Render().c_str(), stderr);
    return 2;
  }
  double load_ms = Ms(Clock::now() - t0);
  std::mt19937_64 rng(42);
  std::uniform_int_distribution<int64_t> pick(0, session.size() - 1);
  double worst = 0, total = 0;
  const int kSeeks = 1000;
  for (int i = 0; i < kSeeks; ++i) {
    int64_t target = pick(rng);
    auto s0 = Clock::now();
    session.Seek(target);
    double ms = Ms(Clock::now() - s0);
    worst = std::max(worst, ms);
    total += ms;
  }
  fmt::print("time travel: {} tasks, {} events; load + run + checkpoints {:.0f} ms\n", big_tasks, session.size(), load_ms);
  fmt::print("  seek to {} random steps: mean {:.3f} ms, worst {:.3f} ms   (goal < 16 ms each)\n", kSeeks,
             total / kSeeks, worst);
  fmt::print("  peak RSS            {:9.1f} MB\n", PeakRssKb() / 1024.0);
  return 0;
}
