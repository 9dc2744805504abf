#include "present/desugar_highlight.h"

namespace aws::present {

CodeLineMark DesugarHighlight::MarkOf(uint32_t line) const {
  if (arm.Contains(line)) return executing ? CodeLineMark::ExecutingArm : CodeLineMark::Arm;
  if (struct_lines.Contains(line)) return CodeLineMark::Struct;
  if (line != 0 && line == variant_line) return CodeLineMark::Variant;
  return CodeLineMark::None;
}

DesugarHighlight HighlightDesugared(const Machine& m, const MachineChoice& c) {
  DesugarHighlight h;
  if (c.state < 0 || size_t(c.state) >= m.states.size() || size_t(c.state) >= m.desugared_states.size())
    return h;
  const DesugaredState& d = m.desugared_states[size_t(c.state)];
  h.struct_lines = d.struct_lines;
  h.variant_line = d.variant_line;
  h.arm = d.arm;
  h.executing = c.polling;
  // The saved values belong to the view's state; before the first transition there are none.
  if (c.view == nullptr || c.view->state != c.state) return h;
  const State& st = m.states[size_t(c.state)];
  for (size_t i = 0; i < st.fields.size() && i < d.field_lines.size(); ++i)
    for (const auto& [name, value] : c.view->fields)
      if (name == st.fields[i].name) h.notes.push_back({d.field_lines[i], name + " = " + value});
  return h;
}

uint32_t FirstLineToShow(const DesugarHighlight& h, uint32_t visible_lines, uint32_t context) {
  if (h.arm.empty()) return 0;
  auto above = [&](uint32_t line) { return line > context ? line - context : 1; };
  if (!h.struct_lines.empty() && h.struct_lines.first < h.arm.first &&
      h.arm.last - above(h.struct_lines.first) + 1 <= visible_lines)
    return above(h.struct_lines.first);
  return above(h.arm.first);
}

}  // namespace aws::present
