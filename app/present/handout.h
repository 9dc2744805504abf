// `awaitscope handout`: one HTML page per scenario for a class: the title and description, the
// script, the state machines (an SVG, inline), each key step (a state transition, a wake, a
// move) with a picture of the window at that step and its narration, and the run's summary.
// Pure text: the command (cli/handout.cpp) renders the pictures and the SVG and writes the files.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "awaitscope/trace.h"

namespace aws::present {

// The steps a handout shows, in order: every state transition, every wake and every move.
std::vector<int64_t> HandoutSteps(const Trace& trace);

struct HandoutStep {
  int64_t step = 0;
  int64_t t_ms = 0;
  std::string narration;           // Narrate(trace, program, step) in the handout's language
  std::vector<std::string> notes;  // the scenario's [[note]]s at this step
  std::string image;               // the picture's path relative to index.html
};

struct Handout {
  std::string lang = "en";       // the page's `lang`: "en" | "zh"
  std::string title;
  std::string description;
  std::vector<std::string> errata;  // where the documents it follows are wrong
  std::string source;            // NarrateSource(scenario, -1): the document it comes from
  std::string script_name;       // the script's file name
  std::string script;            // the script's text
  std::string machines_svg;      // an SVG document (its XML prolog and DOCTYPE are dropped)
  std::vector<HandoutStep> steps;
  std::string ending;            // the narration of the run's last step
  std::string summary;           // the counts, in the handout's language
  std::string output;            // everything the run printed
};

// `text` with &, <, >, " and ' escaped for HTML text and attribute values.
std::string HtmlEscape(std::string_view text);

// The page, UTF-8, its headings in the current language (i18n.h); it refers only to the steps'
// images.
std::string HandoutHtml(const Handout& h);

}  // namespace aws::present
