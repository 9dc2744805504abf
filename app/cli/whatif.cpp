// `awaitscope whatif`: one change to a scenario's run, the run repeated, the two compared
// (engine/include/awaitscope/whatif.h).
#include <fmt/format.h>

#include <charconv>
#include <iostream>

#include "awaitscope/file_io.h"
#include "awaitscope/whatif.h"
#include "awaitscope/world.h"
#include "cli/commands.h"

namespace aws::cli {
namespace {

bool ParseInt(std::string_view s, int64_t* out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

// "5", "5ms" -> 5.
bool ParseMs(std::string_view s, int64_t* out) {
  if (s.size() > 2 && s.substr(s.size() - 2) == "ms") s.remove_suffix(2);
  return ParseInt(s, out) && *out >= 0;
}

// Turns the command line into one change; false with `*error` (a usage error).
bool ChangeFromArgs(const WhatIfArgs& a, WhatIfChange* c, std::string* error) {
  int given = !a.executor.empty() + !a.latency.empty() + !a.swap.empty() + !a.spurious_wake.empty() + !a.cancel.empty() +
              !a.sleep_if_idle.empty() + !a.blocking.empty();
  if (given != 1) {
    *error = given == 0 ? "name one change: --executor, --latency, --swap-completions, --spurious-wake, --cancel, --sleep-if-idle or --blocking"
                        : "name only one change: a what-if compares a run with one thing changed";
    return false;
  }
  if (!a.executor.empty()) {
    c->kind = WhatIfKind::Executor;
    c->executor = a.executor;
  } else if (!a.latency.empty()) {
    c->kind = WhatIfKind::Latency;
    const size_t eq = a.latency.rfind('=');
    if (eq == std::string::npos || eq == 0 || !ParseMs(std::string_view(a.latency).substr(eq + 1), &c->latency_ms))
      return *error = fmt::format("--latency `{}`: expected TARGET=MS, e.g. read=5ms or read:foo.txt=5", a.latency), false;
    c->target = a.latency.substr(0, eq);
  } else if (!a.swap.empty()) {
    c->kind = WhatIfKind::SwapCompletions;
    const size_t comma = a.swap.find(',');
    std::string_view s(a.swap);
    auto id = [](std::string_view x, int64_t* out) {
      if (!x.empty() && x[0] == '#') x.remove_prefix(1);
      return ParseInt(x, out);
    };
    if (comma == std::string::npos || !id(s.substr(0, comma), &c->request_a) || !id(s.substr(comma + 1), &c->request_b))
      return *error = fmt::format("--swap-completions `{}`: expected two request ids A,B (as the trace's request=N)", a.swap),
             false;
  } else if (!a.blocking.empty()) {
    c->kind = WhatIfKind::Blocking;
    c->target = a.blocking;
  } else if (!a.sleep_if_idle.empty()) {
    c->kind = WhatIfKind::SleepIfIdle;
    c->naive = a.sleep_if_idle == "naive";
  } else {
    const bool cancel = !a.cancel.empty();
    c->kind = cancel ? WhatIfKind::Cancel : WhatIfKind::SpuriousWake;
    const std::string& v = cancel ? a.cancel : a.spurious_wake;
    const size_t at = v.find('@');
    int64_t task = -1;
    const bool ok = at == std::string::npos
                        ? !cancel && ParseInt(v, &c->step)
                        : ParseInt(std::string_view(v).substr(0, at), &task) && ParseInt(std::string_view(v).substr(at + 1), &c->step);
    if (!ok || task < -1 || task > 1'000'000)
      return *error = cancel ? fmt::format("--cancel `{}`: expected TASK@STEP, e.g. 0@5", v)
                             : fmt::format("--spurious-wake `{}`: expected STEP or TASK@STEP, e.g. 1@40", v),
             false;
    c->task = static_cast<int>(task);
  }
  return true;
}

}  // namespace

int WhatIf(const WhatIfArgs& args) {
  WhatIfChange change;
  std::string error;
  if (!ChangeFromArgs(args, &change, &error)) {
    std::cerr << "awaitscope whatif: error: " << error << "\n";
    return kExitBadInput;
  }
  Diagnostics diags;
  Session session;
  if (!session.Load(args.file, diags)) {
    std::cerr << diags.Render();
    return kExitBadInput;
  }
  std::cerr << diags.Render();
  if (!session.scenario() || !session.program()) {
    std::cerr << fmt::format("{}: error: what if needs a scenario to run again\n", args.file);
    return kExitBadInput;
  }
  Diagnostics what_if;
  std::optional<WhatIfComparison> c =
      CompareWhatIf(*session.scenario(), *session.program(), session.trace(), change, what_if);
  if (!c) {
    std::cerr << what_if.Render();
    return kExitBadInput;
  }
  const std::string text =
      args.format == "json" ? WhatIfJson(*c, session.trace()) : WhatIfText(*c, session.trace().executor);
  if (args.out.empty()) {
    std::cout << text;
    std::cout.flush();
    return kExitOk;
  }
  if (!WriteFileAtomically(args.out, text, &error)) {
    std::cerr << fmt::format("{}: error: cannot write file: {}\n", args.out, error);
    return kExitBadInput;
  }
  std::cout << fmt::format("what if: {}: {} difference{}, written to {}\n", c->change, c->differences,
                           c->differences == 1 ? "" : "s", args.out);
  return kExitOk;
}

}  // namespace aws::cli
