#include "gui/views.h"

namespace aws::gui {

namespace {

// Every panel, in drawing order, with its place on the screen.
constexpr ViewInfo kViews[] = {
    {"Step", true, 0.0f, 1.0f, DrawStepView},
    {"Source", false, 0.0f, 0.5f, DrawSourceView},
    {"Executor", false, 0.5f, 0.5f, DrawExecutorView},
};

}  // namespace

std::span<const ViewInfo> Views() { return kViews; }

uint32_t CurrentLine(const Session& s) {
  int64_t c = s.cursor();
  if (c < 0 || c >= s.size()) return 0;
  return s.trace().events[static_cast<size_t>(c)].line;
}

}  // namespace aws::gui
