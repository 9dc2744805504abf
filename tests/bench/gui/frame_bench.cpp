// GUI benchmarks reported in the closing notes (not timed tests), all headless (SDL's offscreen
// driver on Mesa's llvmpipe, so "GPU" work is CPU work too):
//   - cold start: process start to the first frame shown, with and without the Chinese font;
//   - the font atlas rebuild when the scale changes;
//   - CPU time per frame on a 10-task and a 10,000-task server scenario, holding a step and
//     stepping every frame.
//   build/tests/bench/awaitscope_gui_bench [--size WxH] [--frames N]
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gui/app.h"
#include "gui/app_main.h"
#include "gui/fonts.h"
#include "present/layout.h"
#include "gui/platform.h"
#include "server_scenario.h"

namespace {

using aws::gui::App;
using aws::gui::Platform;
using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double CpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double ThreadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

// Milliseconds since this process started (/proc/self/stat's start time, in clock ticks).
double SinceProcessStartMs() {
  std::ifstream stat("/proc/self/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), {});
  std::istringstream rest(text.substr(text.rfind(')') + 2));
  std::string field;
  for (int i = 3; i <= 22; ++i) rest >> field;  // field 22: starttime
  const double start_s = std::stod(field) / static_cast<double>(sysconf(_SC_CLK_TCK));
  std::ifstream uptime("/proc/uptime");
  double up_s = 0;
  uptime >> up_s;
  return (up_s - start_s) * 1e3;
}

struct Stats {
  double mean = 0, p95 = 0, worst = 0;
};

Stats Summarise(std::vector<double> v) {
  Stats s;
  if (v.empty()) return s;
  for (double x : v) s.mean += x;
  s.mean /= static_cast<double>(v.size());
  std::sort(v.begin(), v.end());
  s.p95 = v[std::min(v.size() - 1, v.size() * 95 / 100)];
  s.worst = v.back();
  return s;
}

bool OpenAt(Platform& p, const std::string& size, aws::gui::CjkMode cjk) {
  aws::gui::PlatformOptions o;
  o.headless = true;
  o.cjk = cjk;
  aws::gui::ParseSize(size, &o.width, &o.height);
  std::string error;
  if (!p.Open(o, &error)) {
    fmt::print(stderr, "cannot open the headless window: {}\n", error);
    return false;
  }
  return true;
}

// Process start (or `t0`) to the first frame on screen: window + GL + fonts, load, one frame.
void ColdStart(const std::string& scenario, const std::string& size, aws::gui::CjkMode cjk, bool first_in_process) {
  const auto t0 = Clock::now();
  const double before = first_in_process ? SinceProcessStartMs() : 0.0;
  App app;
  aws::Diagnostics diags;
  const auto l0 = Clock::now();
  if (!app.Load(scenario, diags)) return;
  const double load_ms = Ms(Clock::now() - l0);
  Platform p;
  const auto o0 = Clock::now();
  if (!OpenAt(p, size, cjk)) return;
  const double open_ms = Ms(Clock::now() - o0);
  const auto f0 = Clock::now();
  aws::gui::DrawFrame(p, app);
  const double frame_ms = Ms(Clock::now() - f0);
  const double total = before + Ms(Clock::now() - t0);
  fmt::print("  {:<28} {:7.1f} ms   (load {:.1f}, window+GL+fonts {:.1f}, first frame {:.1f}){}\n",
             cjk == aws::gui::CjkMode::On ? (p.fonts().cjk ? "with Chinese font" : "with Chinese (none found)")
                                          : "without Chinese font",
             total, load_ms, open_ms, frame_ms, first_in_process ? "  [from process start]" : "");
}

// A scale change rebuilds the font atlas between two frames: how long the user waits.
void Rescale(const std::string& scenario, const std::string& size, aws::gui::CjkMode cjk) {
  App app;
  aws::Diagnostics diags;
  if (!app.Load(scenario, diags)) return;
  Platform p;
  if (!OpenAt(p, size, cjk)) return;
  aws::gui::DrawFrame(p, app);
  fmt::print("  {:<22}", cjk == aws::gui::CjkMode::On ? "with Chinese font" : "without Chinese font");
  for (int percent : {150, 200, 300, 100}) {
    aws::gui::Settings s = app.view().settings;
    s.scale_percent = percent;
    const auto t0 = Clock::now();
    p.Apply(s);
    fmt::print("  ->{}%: {:.1f} ms", percent, Ms(Clock::now() - t0));
  }
  fmt::print("\n");
}

void FrameTimes(const std::string& label, const std::string& scenario, const std::string& size, int frames) {
  App app;
  aws::Diagnostics diags;
  const auto l0 = Clock::now();
  if (!app.Load(scenario, diags)) {
    fmt::print(stderr, "{}", diags.Render());
    return;
  }
  const double load_ms = Ms(Clock::now() - l0);
  Platform p;
  if (!OpenAt(p, size, aws::gui::CjkMode::Off)) return;
  const int64_t steps = app.session().size();
  fmt::print("{}: {} tasks, {} events (load + run {:.0f} ms), window {}\n", label, app.session().trace().tasks.size(),
             steps, load_ms, size);
  app.Push({aws::gui::CommandKind::Seek, steps / 2});
  for (int i = 0; i < 5; ++i) aws::gui::DrawFrame(p, app);  // warm up: layouts, timeline index

  for (bool stepping : {false, true}) {
    std::vector<double> ui, cpu, wall;
    for (int i = 0; i < frames; ++i) {
      if (stepping) app.Push({aws::gui::CommandKind::Step});
      const double c0 = CpuMs();
      const auto w0 = Clock::now();
      p.Apply(app.view().settings);
      p.BeginFrame();
      const double u0 = ThreadCpuMs();
      app.Frame();
      ui.push_back(ThreadCpuMs() - u0);
      p.EndFrame();
      wall.push_back(Ms(Clock::now() - w0));
      cpu.push_back(CpuMs() - c0);
    }
    const Stats u = Summarise(ui), c = Summarise(cpu), w = Summarise(wall);
    fmt::print("  {:<9} app.Frame() CPU mean {:6.2f} ms  p95 {:6.2f}  worst {:6.2f}\n", stepping ? "stepping" : "holding",
               u.mean, u.p95, u.worst);
    fmt::print("  {:<9} whole frame CPU (all threads, incl. llvmpipe) mean {:6.2f} ms  p95 {:6.2f}; wall mean {:6.2f} ms\n",
               "", c.mean, c.p95, w.mean);
  }
  // Which panels cost what: app.Frame() per layout preset, holding the step.
  fmt::print("  app.Frame() CPU by layout preset:");
  for (const aws::gui::LayoutPreset& preset : aws::gui::LayoutPresets()) {
    app.Push({aws::gui::CommandKind::SetLayout, -1, 0, preset.name});
    for (int i = 0; i < 3; ++i) aws::gui::DrawFrame(p, app);
    std::vector<double> ui;
    for (int i = 0; i < std::max(10, frames / 10); ++i) {
      p.Apply(app.view().settings);
      p.BeginFrame();
      const double u0 = ThreadCpuMs();
      app.Frame();
      ui.push_back(ThreadCpuMs() - u0);
      p.EndFrame();
    }
    fmt::print(" {} {:.2f}", preset.name, Summarise(ui).mean);
  }
  fmt::print(" (ms)\n");
}

}  // namespace

int main(int argc, char** argv) {
  std::string size = "1600x900";
  int frames = 200;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--size") size = argv[i + 1];
    else if (a == "--frames") frames = std::max(1, std::atoi(argv[i + 1]));
  }
  const std::string small = "/tmp/awaitscope_gui_bench_10.toml";
  const std::string big = "/tmp/awaitscope_gui_bench_10000.toml";
  std::ofstream(small) << ServerScenario(10);
  std::ofstream(big) << ServerScenario(10000);
  const std::string example = std::string(AWAITSCOPE_SOURCE_DIR) + "/scenarios/example.toml";

  fmt::print("cold start to the first frame (goal < 500 ms), example.toml, {}:\n", size);
  ColdStart(example, size, aws::gui::CjkMode::Off, true);
  for (int i = 0; i < 2; ++i) ColdStart(example, size, aws::gui::CjkMode::Off, false);
  for (int i = 0; i < 3; ++i) ColdStart(example, size, aws::gui::CjkMode::On, false);

  fmt::print("\nfont atlas rebuilt for a new scale (between frames):\n");
  Rescale(example, size, aws::gui::CjkMode::Off);
  Rescale(example, size, aws::gui::CjkMode::On);

  fmt::print("\nCPU time per frame, {} frames each (goals: <= 4 ms for 10 tasks, <= 8 ms for 10,000):\n", frames);
  FrameTimes("10-task server", small, size, frames);
  FrameTimes("10,000-task server", big, size, frames);
  // The Memory panel on its own scenarios: pin_example after the move, and 5,000 connections.
  FrameTimes("pin_example_moved (memory)", std::string(AWAITSCOPE_SOURCE_DIR) + "/scenarios/pin_example_moved.toml",
             size, frames);
  FrameTimes("threads_vs_futures (memory)",
             std::string(AWAITSCOPE_SOURCE_DIR) + "/scenarios/threads_vs_futures.toml", size, frames);
  return 0;
}
