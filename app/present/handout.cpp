#include "present/handout.h"

#include <fmt/format.h>

#include "present/i18n.h"

namespace aws::present {
namespace {

// The <svg> element itself: Graphviz writes an XML declaration, a DOCTYPE and comments first,
// which do not belong inside HTML.
std::string_view SvgElement(std::string_view svg) {
  const size_t start = svg.find("<svg");
  return start == std::string_view::npos ? std::string_view() : svg.substr(start);
}

constexpr std::string_view kStyle =
    "body{font-family:'DejaVu Sans',sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;"
    "color:#222;line-height:1.45}"
    "pre{background:#f4f4f4;padding:.8rem;overflow-x:auto;font-family:'DejaVu Sans Mono',monospace;"
    "font-size:.9rem}"
    ".machines svg{max-width:100%;height:auto}"
    ".step{border-top:1px solid #ccc;padding-top:1rem;margin-top:1.5rem}"
    ".step img{max-width:100%;border:1px solid #999}"
    ".narration{font-size:1.1rem}"
    ".note{color:#555;font-style:italic}"
    ".erratum{color:#8a4b00}";

}  // namespace

std::vector<int64_t> HandoutSteps(const Trace& trace) {
  std::vector<int64_t> steps;
  for (size_t i = 0; i < trace.events.size(); ++i) {
    const EventKind k = trace.events[i].kind;
    if (k == EventKind::Transition || k == EventKind::WakerWake || k == EventKind::MemMove)
      steps.push_back(static_cast<int64_t>(i));
  }
  return steps;
}

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string HandoutHtml(const Handout& h) {
  std::string out;
  auto add = [&](std::string_view s) { out += s; };
  add("<!DOCTYPE html>\n<html lang=\"");
  add(HtmlEscape(h.lang));
  add("\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
  add(HtmlEscape(h.title));
  add("</title>\n<style>");
  add(kStyle);
  add("</style>\n</head>\n<body>\n<h1>");
  add(HtmlEscape(h.title));
  add("</h1>\n");
  if (!h.source.empty()) out += fmt::format("<p class=\"source\">{}</p>\n", HtmlEscape(h.source));
  if (!h.description.empty()) out += fmt::format("<p class=\"description\">{}</p>\n", HtmlEscape(h.description));
  for (const std::string& e : h.errata)
    out += fmt::format("<p class=\"erratum\">{}</p>\n", HtmlEscape(TrFormat(N_("Erratum: {}"), e)));

  out += fmt::format("<h2>{}</h2>\n<p><code>{}</code></p>\n<pre class=\"script\">{}</pre>\n",
                     HtmlEscape(_("Script")), HtmlEscape(h.script_name), HtmlEscape(h.script));

  out += fmt::format("<h2>{}</h2>\n<div class=\"machines\">\n", HtmlEscape(_("State machines")));
  add(SvgElement(h.machines_svg));
  add("</div>\n");

  out += fmt::format("<h2>{}</h2>\n", HtmlEscape(_("Key steps")));
  for (const HandoutStep& s : h.steps) {
    const std::string heading = TrFormat(N_("Step {} at {} ms"), s.step, s.t_ms);
    out += fmt::format("<section class=\"step\" id=\"step-{}\">\n<h3>{}</h3>\n", s.step, HtmlEscape(heading));
    out += fmt::format("<p class=\"narration\">{}</p>\n", HtmlEscape(s.narration));
    for (const std::string& n : s.notes) out += fmt::format("<p class=\"note\">{}</p>\n", HtmlEscape(n));
    out += fmt::format("<img src=\"{}\" alt=\"{}\">\n</section>\n", HtmlEscape(s.image), HtmlEscape(heading));
  }

  out += fmt::format("<h2>{}</h2>\n", HtmlEscape(_("Summary")));
  if (!h.ending.empty()) out += fmt::format("<p class=\"ending\">{}</p>\n", HtmlEscape(h.ending));
  out += fmt::format("<p class=\"summary\">{}</p>\n", HtmlEscape(h.summary));
  if (!h.output.empty())
    out += fmt::format("<h3>{}</h3>\n<pre class=\"output\">{}</pre>\n", HtmlEscape(_("Output")), HtmlEscape(h.output));
  add("</body>\n</html>\n");
  return out;
}

}  // namespace aws::present
