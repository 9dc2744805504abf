// The state machines as an SVG picture: `awaitscope lower --format dot` (DumpMachinesDot) laid
// out and rendered in-process by Graphviz (libgvc's dot layout and svg renderer). Used by
// `lower --format svg`, the window's File > Export state machines (SVG) and the handout.
#pragma once
#include <string>

#include "awaitscope/lower.h"

namespace aws::gui {

// Every machine of `program` as one SVG document (one cluster per machine, each node labelled
// with rustc's state name over the teaching label). False with `error` when Graphviz fails.
bool RenderMachinesSvg(const Program& program, std::string* svg, std::string* error);

}  // namespace aws::gui
