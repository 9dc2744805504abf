// `awaitscope lower --format dot`: every state machine as a Graphviz DOT cluster, labelled as the
// window's State machine panel labels it (rustc's state name over the teaching label; each
// transition's label and branch conditions).
#include <fmt/format.h>

#include <algorithm>

#include "awaitscope/lower.h"

namespace aws {
namespace {

// A DOT double-quoted string: quotes and backslashes escaped, line breaks as centred lines (\n).
std::string Quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '\r') continue;
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string TransitionLabelText(const Transition& t) {
  std::string s = t.label;
  if (!t.conditions.empty()) {
    s += "\nif ";
    for (size_t i = 0; i < t.conditions.size(); ++i) s += (i ? " && " : "") + t.conditions[i];
  }
  return s;
}

std::string DumpMachinesDot(const Program& prog) {
  std::string out =
      "// The state machines of Awaitscope's lowering (awaitscope lower --format dot).\n"
      "// Render with Graphviz: dot -Tsvg FILE.dot -o FILE.svg\n"
      "digraph awaitscope {\n"
      "  node [shape=box, fontname=\"Helvetica\"];\n"
      "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  for (size_t mi = 0; mi < prog.machines.size(); ++mi) {
    const Machine& m = prog.machines[mi];
    out += fmt::format("  subgraph cluster_{} {{\n", mi);
    out += fmt::format("    label={};\n    fontname=\"Helvetica\";\n",
                       Quoted(fmt::format("{} {}\n{}: {} bytes{}", m.kind, m.name, m.enum_name, m.size,
                                          m.self_referential ? ", self-referential (!Unpin)" : "")));
    for (const State& s : m.states) {
      // Panicked only when a transition reaches it, as in the window.
      if (s.kind == StateKind::Panicked &&
          std::none_of(m.transitions.begin(), m.transitions.end(),
                       [&](const Transition& t) { return t.to == s.index; }))
        continue;
      out += fmt::format("    m{}_s{} [label={}{}];\n", mi, s.index, Quoted(s.name + "\n" + s.label),
                         s.kind == StateKind::Returned    ? ", peripheries=2"
                         : s.kind == StateKind::Panicked ? ", color=\"#b00020\""
                                                          : "");
    }
    for (const Transition& t : m.transitions) {
      if (t.from < 0 || t.to < 0 || static_cast<size_t>(t.from) >= m.states.size() ||
          static_cast<size_t>(t.to) >= m.states.size())
        continue;
      out += fmt::format("    m{}_s{} -> m{}_s{} [label={}{}];\n", mi, t.from, mi, t.to,
                         Quoted(TransitionLabelText(t)),
                         t.kind == TransitionKind::Pending ? ", style=dashed"
                         : t.kind == TransitionKind::Panic ? ", color=\"#b00020\""
                                                           : "");
    }
    out += "  }\n";
  }
  out += "}\n";
  return out;
}

}  // namespace aws
