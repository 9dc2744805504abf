// Benchmarks reported in the closing notes (not timed tests): the runtime on the generated server
// scenario at 1k, 10k and 100k tasks (events/s, cost per top-level poll, peak RSS and bytes per
// event, each size in a process of its own), time-travel seeks and the three exports on a run of
// about 10^6 events, and, with --native, whole-process CPU against the native Rust baseline.
//   build/tests/bench/awaitscope_bench [--sizes 1000,10000,100000] [--native [FILE.rs]] [--pairs N]
//                                      [--native-tasks 10000,100000] [--no-seeks | --seeks N] [--no-exports]
// --native builds FILE.rs (default: ../shared/bench/native_server.rs beside the source tree) with
// rustc, then runs it and Awaitscope's `run --format json --out /dev/null` workload alternately,
// N pairs (default 5) at each size of --native-tasks (default 10000), and prints the median of the
// CPU-time ratios. Times on a shared machine
// are noisy: compare ratios of paired runs, not absolute times.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "awaitscope/file_io.h"
#include "awaitscope/out_stream.h"
#include "awaitscope/runtime.h"
#include "awaitscope/trace_io.h"
#include "awaitscope/world.h"
#include "server_scenario.h"

namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// This thread's CPU time in ms: on a loaded machine a seek's wall time mostly measures the
// scheduler, its CPU time what the seek costs.
double ThreadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

long StatusKb(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const size_t n = std::char_traits<char>::length(key);
  while (std::getline(in, line))
    if (line.compare(0, n, key) == 0) return std::stol(line.substr(n));
  return -1;
}
long PeakRssKb() { return StatusKb("VmHWM:"); }
long RssKb() { return StatusKb("VmRSS:"); }
// Resets VmHWM to the current RSS (Linux >= 4.0), so that a later PeakRssKb() is the peak since.
void ResetPeakRss() { std::ofstream("/proc/self/clear_refs") << "5"; }

size_t TraceBytes(const aws::Trace& t) {
  size_t bytes = t.events.bytes();
  for (const std::string& s : t.strings) bytes += s.size() + sizeof(std::string);
  return bytes;
}

std::string ScenarioFile(int tasks) {
  std::string path = fmt::format("/tmp/awaitscope_bench_server_{}_{}.toml", tasks, getpid());
  std::ofstream(path) << ServerScenario(tasks);
  return path;
}

struct Loaded {
  std::optional<aws::Scenario> scenario;
  std::unique_ptr<aws::Program> program;
};

Loaded Load(const std::string& path) {
  Loaded l;
  aws::Diagnostics diags;
  l.scenario = aws::LoadScenario(path, diags);
  if (l.scenario)
    l.program = aws::Compile(std::make_unique<aws::SourceFile>(l.scenario->script), l.scenario->ops, diags);
  if (!l.scenario || !l.program || diags.HasErrors()) {
    std::fputs(diags.Render().c_str(), stderr);
    std::exit(2);
  }
  return l;
}

// Runs `child` in a forked process (so that its peak RSS is its own); returns its CPU seconds
// (user + system) and peak RSS (KiB). The child's stdout is the bench's.
struct ChildUsage {
  double cpu_s = 0;
  long max_rss_kb = 0;
  bool ok = false;
};

template <typename Fn>
ChildUsage InChild(Fn&& child) {
  std::fflush(stdout);
  ChildUsage u;
  pid_t pid = fork();
  if (pid < 0) return u;
  if (pid == 0) {
    int code = child();
    std::fflush(stdout);
    _exit(code);
  }
  int status = 0;
  rusage ru{};
  if (wait4(pid, &status, 0, &ru) != pid) return u;
  u.cpu_s = double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
            double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
  u.max_rss_kb = ru.ru_maxrss;
  u.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return u;
}

// The whole-process workload: load, compile, run, native JSON streamed to /dev/null.
int RunJsonToDevNull(const std::string& path) {
  Loaded l = Load(path);
  aws::Diagnostics diags;
  aws::Trace trace = aws::RunScenario(*l.program, *l.scenario, {}, diags);
  std::string text;
  {
    std::ifstream in(path);
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  aws::NativeTraceSource source = aws::MakeTraceSource(*l.scenario, text, {});
  std::string error;
  bool ok = aws::WriteFileAtomically(
      "/dev/null", [&](aws::OutStream& out) { aws::WriteTraceJson(trace, l.program.get(), source, out); }, &error);
  return ok ? 0 : 1;
}

// [SECTION] Runs at several sizes

void RunSizes(const std::vector<int>& sizes) {
  fmt::print("runs of the server scenario (each size in its own process; run time best of 3 below 100k tasks)\n");
  fmt::print("  {:>7} {:>9} {:>9} {:>10} {:>11} {:>9} {:>10} {:>11}\n", "tasks", "events", "run ms",
             "M events/s", "us per poll", "peak MiB", "B/event", "trace B/ev");
  for (int tasks : sizes) {
    std::string path = ScenarioFile(tasks);
    InChild([&] {
      Loaded l = Load(path);
      aws::Diagnostics diags;
      double best = 1e18;
      aws::Trace trace;
      const int runs = tasks >= 100000 ? 1 : 3;
      for (int i = 0; i < runs; ++i) {
        trace = aws::Trace{};  // the previous run's memory is not part of this one's peak
        auto t0 = Clock::now();
        trace = aws::RunScenario(*l.program, *l.scenario, {}, diags);
        best = std::min(best, Ms(Clock::now() - t0));
      }
      const double events = double(trace.events.size());
      const double peak = double(PeakRssKb()) * 1024.0;
      fmt::print("  {:>7} {:>9} {:>9.1f} {:>10.2f} {:>11.2f} {:>9.1f} {:>10.1f} {:>11.1f}\n", tasks,
                 trace.events.size(), best, events / best / 1000.0,
                 best * 1000.0 / double(std::max<int64_t>(1, trace.summary.polls)), peak / 1048576.0,
                 peak / events, double(TraceBytes(trace)) / events);
      return 0;
    });
    std::filesystem::remove(path);
  }
}

// [SECTION] Time travel and exports on ~10^6 events

struct CountingSink {
  size_t bytes = 0;
};

void SeeksAndExports(int big_tasks, int seeks, bool exports) {
  std::string path = ScenarioFile(big_tasks);
  InChild([&] {
    aws::Diagnostics diags;
    aws::Session session;
    auto t0 = Clock::now();
    if (!session.Load(path, diags)) {
      std::fputs(diags.Render().c_str(), stderr);
      return 2;
    }
    double load_ms = Ms(Clock::now() - t0);
    fmt::print("time travel: {} tasks, {} events; load + run + checkpoints {:.0f} ms, {} checkpoints ({:.1f} MiB), peak {:.1f} MiB\n",
               big_tasks, session.size(), load_ms, session.checkpoint_count(),
               double(session.checkpoint_bytes()) / 1048576.0, PeakRssKb() / 1024.0);
    std::mt19937_64 rng(42);
    std::uniform_int_distribution<int64_t> pick(0, session.size() - 1);
    const int kSeeks = seeks;
    std::vector<double> ms, cpu_ms;
    ms.reserve(kSeeks);
    cpu_ms.reserve(kSeeks);
    for (int i = 0; i < kSeeks; ++i) {
      int64_t target = pick(rng);
      auto s0 = Clock::now();
      const double c0 = ThreadCpuMs();
      session.Seek(target);
      cpu_ms.push_back(ThreadCpuMs() - c0);
      ms.push_back(Ms(Clock::now() - s0));
    }
    auto report = [&](const char* what, std::vector<double>& v) {
      double total = 0;
      for (double m : v) total += m;
      std::sort(v.begin(), v.end());
      fmt::print("  {} random seeks, {}: mean {:.3f} ms, p99 {:.3f} ms, worst {:.3f} ms   (goal: worst < 16 ms)\n",
                 kSeeks, what, total / kSeeks, v[size_t(kSeeks) * 99 / 100], v.back());
    };
    report("wall time", ms);
    report("thread CPU", cpu_ms);

    if (!exports) return 0;
    // Exports, streamed to a sink that only counts (as to /dev/null).
    const aws::Trace& trace = session.trace();
    aws::NativeTraceSource source = aws::MakeTraceSource(*session.scenario(), session.file_text(), session.options());
    auto measure = [&](const char* name, auto&& write) {
      ResetPeakRss();
      const long rss0 = RssKb();
      size_t bytes = 0;
      aws::OutStream out([&](std::string_view chunk) {
        bytes += chunk.size();
        return true;
      });
      auto e0 = Clock::now();
      const double c0 = ThreadCpuMs();
      write(out);
      out.Flush();
      const double e_cpu_ms = ThreadCpuMs() - c0;
      double e_ms = Ms(Clock::now() - e0);
      fmt::print("  export {:<7} {:8.0f} ms ({:6.0f} ms thread CPU) {:8.1f} MB {:7.1f} B/event, extra peak {:6.1f} MiB\n",
                 name, e_ms, e_cpu_ms, double(bytes) / 1e6, double(bytes) / double(trace.events.size()),
                 double(PeakRssKb() - rss0) / 1024.0);
    };
    measure("text", [&](aws::OutStream& out) { aws::WriteTraceText(trace, session.program(), out); });
    measure("json", [&](aws::OutStream& out) { aws::WriteTraceJson(trace, session.program(), source, out); });
    measure("chrome", [&](aws::OutStream& out) { aws::WriteTraceChrome(trace, session.program(), out); });
    return 0;
  });
  std::filesystem::remove(path);
}

// [SECTION] Paired runs against the native Rust baseline

std::string FindRustc() {
  if (const char* env = std::getenv("RUSTC"); env && *env) return env;
  for (const char* dir : {"/usr/bin", "/usr/local/bin", "/root/.cargo/bin"}) {
    std::string p = std::string(dir) + "/rustc";
    if (access(p.c_str(), X_OK) == 0) return p;
  }
  return {};
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n == 0 ? 0 : n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

void NativePairs(const std::string& source, int tasks, int pairs) {
  std::string rustc = FindRustc();
  if (rustc.empty()) {
    fmt::print("native baseline: skipped (no rustc; set RUSTC)\n");
    return;
  }
  if (!std::filesystem::exists(source)) {
    fmt::print("native baseline: skipped ({} not found)\n", source);
    return;
  }
  std::string exe = fmt::format("/tmp/awaitscope_bench_native_{}", getpid());
  std::string cmd = fmt::format("'{}' -C opt-level=3 --edition 2021 '{}' -o '{}'", rustc, source, exe);
  if (std::system(cmd.c_str()) != 0) {
    fmt::print("native baseline: skipped (rustc failed: {})\n", cmd);
    return;
  }
  std::string path = ScenarioFile(tasks);
  std::string arg = std::to_string(tasks);
  auto native = [&] {
    return InChild([&] {
      int null = ::open("/dev/null", O_WRONLY);
      dup2(null, 1);
      dup2(null, 2);
      execl(exe.c_str(), exe.c_str(), arg.c_str(), static_cast<char*>(nullptr));
      return 127;
    });
  };
  auto ours = [&] { return InChild([&] { return RunJsonToDevNull(path); }); };
  fmt::print("paired runs, {} tasks: native Rust vs `run --format json --out /dev/null` (whole-process CPU)\n", tasks);
  std::vector<double> ratios, native_s, ours_s, native_kb, ours_kb;
  for (int i = 0; i < pairs; ++i) {
    // Alternate which goes first, so that neither always runs on a warmer machine.
    ChildUsage n, o;
    if (i % 2 == 0) {
      n = native();
      o = ours();
    } else {
      o = ours();
      n = native();
    }
    if (!n.ok || !o.ok) {
      fmt::print("  pair {}: a run failed (native ok={}, awaitscope ok={})\n", i, n.ok, o.ok);
      continue;
    }
    double ratio = o.cpu_s / std::max(n.cpu_s, 1e-3);
    fmt::print("  pair {}: native {:.3f} s {:.1f} MiB, awaitscope {:.3f} s {:.1f} MiB, ratio {:.1f}x\n", i, n.cpu_s,
               n.max_rss_kb / 1024.0, o.cpu_s, o.max_rss_kb / 1024.0, ratio);
    ratios.push_back(ratio);
    native_s.push_back(n.cpu_s);
    ours_s.push_back(o.cpu_s);
    native_kb.push_back(double(n.max_rss_kb));
    ours_kb.push_back(double(o.max_rss_kb));
  }
  if (!ratios.empty()) {
    auto [lo, hi] = std::minmax_element(ratios.begin(), ratios.end());
    fmt::print("  median of {} pairs: native {:.3f} s, awaitscope {:.3f} s, CPU ratio {:.1f}x (pairs {:.1f}x..{:.1f}x; goal <= 5x)\n",
               ratios.size(), Median(native_s), Median(ours_s), Median(ratios), *lo, *hi);
    fmt::print("  peak memory: native {:.1f} MiB, awaitscope {:.1f} MiB\n", Median(native_kb) / 1024.0,
               Median(ours_kb) / 1024.0);
  }
  std::filesystem::remove(path);
  std::filesystem::remove(exe);
}

std::vector<int> ParseSizes(const std::string& s) {
  std::vector<int> out;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t comma = s.find(',', pos);
    out.push_back(std::atoi(s.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos).c_str()));
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> sizes = {1000, 10000, 100000};
  bool native = false;
  std::string native_source = std::string(AWAITSCOPE_SOURCE_DIR) + "/../shared/bench/native_server.rs";
  int pairs = 5;
  bool seeks = true, exports = true;
  int seek_count = 1000;
  std::vector<int> native_tasks = {10000};
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--sizes" && i + 1 < argc) {
      sizes = ParseSizes(argv[++i]);
    } else if (a == "--native") {
      native = true;
      if (i + 1 < argc && argv[i + 1][0] != '-') native_source = argv[++i];
    } else if (a == "--pairs" && i + 1 < argc) {
      pairs = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--native-tasks" && i + 1 < argc) {
      native_tasks = ParseSizes(argv[++i]);
    } else if (a == "--no-seeks") {
      seeks = false;
    } else if (a == "--seeks" && i + 1 < argc) {
      seek_count = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--no-exports") {
      exports = false;
    } else {
      std::fprintf(stderr,
                   "usage: awaitscope_bench [--sizes 1000,10000,100000] [--native [FILE.rs]] [--pairs N]\n"
                   "                        [--native-tasks 10000,100000] [--no-seeks | --seeks N] [--no-exports]\n");
      return 2;
    }
  }
  if (!sizes.empty()) RunSizes(sizes);
  // About 10^6 events: 51 per task.
  if (seeks) SeeksAndExports(1'000'000 / 51, seek_count, exports);
  if (native)
    for (int tasks : native_tasks) NativePairs(native_source, tasks, pairs);
  return 0;
}
