#include "present/editor.h"

#include <algorithm>

namespace aws::present {

void SyncEditor(const Session& s, EditorState& e) {
  if (e.loaded) return;
  const Scenario* sc = s.scenario();
  if (sc == nullptr) return;
  e.draft = *sc;
  // A native trace may run another executor than its scenario names.
  if (!s.options().executor.empty()) e.draft.executor = s.options().executor;
  e.script = sc->script.text();
  e.loaded = true;
  e.debounce = -1;
}

void MarkEdited(EditorState& e) { e.debounce = kEditDebounceFrames; }

bool TickEditor(EditorState& e) {
  if (e.debounce < 0) return false;
  if (e.debounce > 0) {
    --e.debounce;
    return false;
  }
  e.debounce = -1;
  return true;
}

Scenario EditedScenario(const Session& s, const EditorState& e) {
  Scenario out = e.draft;
  const SourceFile& base = s.scenario() ? s.scenario()->script : e.draft.script;
  // Same name and position as the loaded script: Locate(0) is (line_base + 1, col_base + 1).
  const LineCol first = base.Locate(0);
  out.script = SourceFile(base.name(), e.script, first.line - 1, first.col - 1);
  return out;
}

bool ApplyEdit(Session& s, EditorState& e) {
  if (!e.loaded || s.scenario() == nullptr) return false;
  Diagnostics diags;
  const bool ok = s.Reopen(EditedScenario(s, e), diags);
  e.errors.clear();
  e.headlines.clear();
  if (ok) {
    ++e.applied;
    return true;
  }
  for (const Diagnostic& d : diags.items())
    if (d.severity == Severity::Error) e.errors.push_back(d);
  e.headlines = diags.Headlines();
  return false;
}

void RevertEditor(const Session& s, EditorState& e) {
  e.loaded = false;
  e.errors.clear();
  e.headlines.clear();
  SyncEditor(s, e);
}

int EditorLine(const Session& s, const Diagnostic& d) {
  const Scenario* sc = s.scenario();
  if (sc == nullptr || d.line == 0 || d.file != sc->script.name()) return -1;
  const uint32_t first = sc->script.Locate(0).line;
  if (d.line < first) return -1;
  return static_cast<int>(d.line - first);
}

}  // namespace aws::present
