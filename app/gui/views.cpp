#include "gui/views.h"

namespace aws::gui {

namespace {

// Every panel, in drawing order, with its place on the screen (the "everything" layout):
// narration across the top, source / state machine / executor+devices in the middle, the
// timeline and the output along the bottom. No two rectangles overlap.
constexpr ViewInfo kViews[] = {
    {"Step", true, 0.0f, 0.0f, 1.0f, 0.0f, DrawStepView},
    {"Narration", false, 0.0f, 0.0f, 1.0f, 0.12f, DrawNarrationView},
    {"Source", false, 0.0f, 0.12f, 0.34f, 0.52f, DrawSourceView},
    {"State machine", false, 0.34f, 0.12f, 0.33f, 0.52f, DrawMachineView},
    {"Executor", false, 0.67f, 0.12f, 0.33f, 0.30f, DrawExecutorView},
    {"Devices", false, 0.67f, 0.42f, 0.33f, 0.22f, DrawDevicesView},
    {"Timeline", false, 0.0f, 0.64f, 0.67f, 0.36f, DrawTimelineView},
    {"Output", false, 0.67f, 0.64f, 0.33f, 0.36f, DrawOutputView},
};

}  // namespace

std::span<const ViewInfo> Views() { return kViews; }

uint32_t CurrentLine(const Session& s) {
  int64_t c = s.cursor();
  if (c < 0 || c >= s.size()) return 0;
  return s.trace().events[static_cast<size_t>(c)].line;
}

}  // namespace aws::gui
