#include "cli/commands.h"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "awaitscope/lower.h"
#include "awaitscope/runtime.h"
#include "awaitscope/scenario.h"
#if AWAITSCOPE_WITH_GUI
#include "gui/machine_svg.h"
#endif

namespace aws::cli {
namespace {

struct Loaded {
  std::optional<Scenario> scenario;
  std::unique_ptr<Program> program;
};

// Loads a scenario (or bare script) and compiles its script; diagnostics printed to stderr.
Loaded LoadAndCompile(const std::string& file, Diagnostics& diags) {
  Loaded l;
  l.scenario = LoadScenario(file, diags);
  if (!l.scenario) return l;
  const Scenario& s = *l.scenario;
  auto src = std::make_unique<SourceFile>(s.script);
  l.program = Compile(std::move(src), s.ops, diags);
  // A bare script needs no `main` to be lowered or checked; a scenario's spawn list is checked.
  if (l.program && !diags.HasErrors() && !s.script_only) ResolveSpawns(*l.program, s, diags);
  return l;
}

}  // namespace

int Lower(const std::string& file, const std::string& format, bool show_ir) {
  Diagnostics diags;
  Loaded l = LoadAndCompile(file, diags);
  std::cerr << diags.Render();
  if (!l.program || diags.HasErrors()) return kExitBadInput;
  if (format == "json") {
    std::cout << DumpMachinesJson(*l.program) << "\n";
    return kExitOk;
  }
  if (format == "dot") {
    std::cout << DumpMachinesDot(*l.program);
    return kExitOk;
  }
  if (format == "svg") {
#if AWAITSCOPE_WITH_GUI
    std::string svg, error;
    if (!gui::RenderMachinesSvg(*l.program, &svg, &error)) {
      std::cerr << fmt::format("{}: error: {}\n", file, error);
      return kExitBadInput;
    }
    std::cout << svg;
    return kExitOk;
#else
    std::cerr << fmt::format("{}: error: this awaitscope was built without Graphviz (libgvc); "
                             "use --format dot and Graphviz's `dot -Tsvg`\n", file);
    return kExitBadInput;
#endif
  }
  std::cout << DumpMachinesText(*l.program);
  for (const Machine& m : l.program->machines) {
    std::cout << fmt::format("--- desugared: {} ---\n{}\n", m.name, m.desugared);
    if (show_ir) std::cout << fmt::format("--- control-flow graph: {} ---\n{}\n", m.name, DumpIr(l.program->ir[m.body]));
  }
  return kExitOk;
}

int Check(const std::vector<std::string>& files) {
  int rc = kExitOk;
  for (const std::string& f : files) {
    Diagnostics diags;
    Loaded l = LoadAndCompile(f, diags);
    std::cerr << diags.Render();
    if (!l.program || diags.HasErrors()) {
      rc = kExitBadInput;
    } else {
      std::cout << fmt::format("{}: ok ({} state machine{})\n", f, l.program->machines.size(),
                               l.program->machines.size() == 1 ? "" : "s");
    }
  }
  return rc;
}

int List(const std::string& dir) {
  Diagnostics diags;
  std::vector<ScenarioInfo> all = ListScenarios(dir, diags);
  std::cerr << diags.Render();
  size_t w = 0;
  for (const ScenarioInfo& s : all) w = std::max(w, s.id.size());
  for (const ScenarioInfo& s : all)
    std::cout << fmt::format("{:<{}}  {:<3}  {}\n", s.id, w, s.source.empty() ? "-" : s.source, s.title);
  return diags.HasErrors() ? kExitBadInput : kExitOk;
}

}  // namespace aws::cli
