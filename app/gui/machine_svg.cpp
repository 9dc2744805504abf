#include "gui/machine_svg.h"

#include <graphviz/gvc.h>

namespace aws::gui {

bool RenderMachinesSvg(const Program& program, std::string* svg, std::string* error) {
  // One context per process, as graph_layout.cpp keeps its own: gvContext reads the plugin
  // configuration, which is slow to repeat. Graphviz is not thread-safe; the callers are the
  // CLI and the window's frame loop, one thread each.
  static GVC_t* gvc = gvContext();
  if (gvc == nullptr) {
    *error = "Graphviz: no context";
    return false;
  }
  const std::string dot = DumpMachinesDot(program);
  Agraph_t* g = agmemread(dot.c_str());
  if (g == nullptr) {
    *error = "Graphviz could not read the state machines' DOT";
    return false;
  }
  bool ok = false;
  if (gvLayout(gvc, g, "dot") != 0) {
    *error = "Graphviz: dot layout failed";
  } else {
    char* data = nullptr;
    unsigned int length = 0;
    if (gvRenderData(gvc, g, "svg", &data, &length) != 0 || data == nullptr) {
      *error = "Graphviz: no svg renderer (is libgvc's core plugin installed?)";
    } else {
      svg->assign(data, length);
      ok = true;
    }
    if (data != nullptr) gvFreeRenderData(data);
    gvFreeLayout(gvc, g);
  }
  agclose(g);
  return ok;
}

}  // namespace aws::gui
