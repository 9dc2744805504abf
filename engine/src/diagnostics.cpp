#include "awaitscope/diagnostics.h"

#include <fmt/format.h>

#include <algorithm>

namespace aws {
namespace {

constexpr size_t kMaxShownLine = 160;  // a 1 MB line is shown as a window around the caret

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

// Printable form of a source line: control bytes and invalid UTF-8 become '?', so binary garbage
// in a file never reaches the terminal raw.
std::string Printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) out.push_back(c == '\t' ? ' ' : (c < 0x20 || c == 0x7f || c >= 0x80) ? '?' : char(c));
  return out;
}

}  // namespace

// A 1 MB identifier should not make a 1 MB message: long `quoted` parts are shortened.
static std::string ShortenQuoted(const std::string& msg) {
  constexpr size_t kMax = 48;
  std::string out;
  size_t i = 0;
  while (i < msg.size()) {
    size_t open = msg.find('`', i);
    if (open == std::string::npos) break;
    size_t close = msg.find('`', open + 1);
    if (close == std::string::npos) break;
    out += msg.substr(i, open + 1 - i);
    std::string inner = msg.substr(open + 1, close - open - 1);
    if (inner.size() > kMax) inner = inner.substr(0, kMax - 8) + "..." + inner.substr(inner.size() - 5);
    out += inner + "`";
    i = close + 1;
  }
  out += msg.substr(std::min(i, msg.size()));
  return out;
}

bool Diagnostics::Admit(Severity sev, const std::string& file) {
  switch (sev) {
    case Severity::Error:
      hiding_ = shown_errors_ >= kMaxShownErrors;
      if (hiding_) {
        ++errors_;
        if (hidden_errors_++ == 0) hidden_file_ = file;
      }
      return !hiding_;
    case Severity::Note: return !hiding_ && items_.size() < 4 * kMaxShownErrors;
    case Severity::Warning: return items_.size() < 4 * kMaxShownErrors;
  }
  return true;
}

void Diagnostics::Report(Severity sev, const SourceFile& src, Span span, std::string message) {
  if (!Admit(sev, src.name())) return;
  if (message.size() > 200) message = ShortenQuoted(message);
  LineCol lc = src.Locate(span.begin);
  Diagnostic d;
  d.severity = sev;
  d.file = src.name();
  d.line = lc.line;
  d.col = lc.col;
  d.message = std::move(message);
  std::string_view line = src.LineText(span.begin);
  uint32_t caret = src.ColumnInLine(span.begin);
  uint32_t len = std::max<uint32_t>(1, std::min<uint32_t>(span.end > span.begin ? span.end - span.begin : 1,
                                                           static_cast<uint32_t>(line.size()) + 1 - std::min<uint32_t>(caret, line.size() + 1)));
  // Clip very long lines to a window around the caret.
  if (line.size() > kMaxShownLine) {
    size_t start = caret > kMaxShownLine / 2 ? caret - kMaxShownLine / 2 : 0;
    start = std::min(start, line.size() - kMaxShownLine);
    line = line.substr(start, kMaxShownLine);
    caret -= static_cast<uint32_t>(start);
    len = std::min<uint32_t>(len, static_cast<uint32_t>(kMaxShownLine) - caret + 1);
  }
  d.source_line = Printable(line);
  d.caret_col = caret;
  d.caret_len = std::max<uint32_t>(1, len);
  // Each real error once: the same message at the same place is a cascade, not news.
  for (const Diagnostic& e : items_)
    if (e.line == d.line && e.col == d.col && e.message == d.message) return;
  if (sev == Severity::Error) ++errors_, ++shown_errors_;
  items_.push_back(std::move(d));
}

void Diagnostics::ErrorWithCode(const SourceFile& src, Span span, std::string code, std::string message) {
  const size_t before = items_.size();
  Report(Severity::Error, src, span, std::move(message));
  if (items_.size() > before) items_.back().code = std::move(code);
}

void Diagnostics::ReportAt(Severity sev, std::string file, uint32_t line, uint32_t col, std::string message,
                           std::string source_line) {
  if (!Admit(sev, file)) return;
  if (sev == Severity::Error) ++errors_, ++shown_errors_;
  Diagnostic d;
  d.severity = sev;
  d.file = std::move(file);
  d.line = line;
  d.col = col;
  d.message = std::move(message);
  if (source_line.size() > kMaxShownLine) source_line.resize(kMaxShownLine);
  d.source_line = Printable(source_line);
  d.caret_col = col;
  d.caret_len = 1;
  items_.push_back(std::move(d));
}

void Diagnostics::Append(const Diagnostics& other) {
  for (const Diagnostic& d : other.items_) {
    if (!Admit(d.severity, d.file)) continue;
    if (d.severity == Severity::Error) ++errors_, ++shown_errors_;
    items_.push_back(d);
  }
  errors_ += other.hidden_errors_;
  if (hidden_errors_ == 0 && other.hidden_errors_ > 0) hidden_file_ = other.hidden_file_;
  hidden_errors_ += other.hidden_errors_;
}

void Diagnostics::SortFrom(size_t first) {
  if (first >= items_.size()) return;
  std::stable_sort(items_.begin() + static_cast<std::ptrdiff_t>(first), items_.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return a.file != b.file ? false : a.line != b.line ? a.line < b.line : a.col < b.col;
                   });
}

std::string Diagnostics::HiddenLine() const {
  if (hidden_errors_ == 0) return "";
  return fmt::format("{}: note: {} more error{} not shown (only the first {} are)\n", hidden_file_, hidden_errors_,
                     hidden_errors_ == 1 ? " is" : "s are", kMaxShownErrors);
}

std::string Diagnostics::Render(const Diagnostic& d) {
  std::string out;
  const std::string kind = d.code.empty() ? SeverityName(d.severity) : fmt::format("{}[{}]", SeverityName(d.severity), d.code);
  if (d.line > 0)
    out = fmt::format("{}:{}:{}: {}: {}\n", d.file, d.line, d.col, kind, d.message);
  else
    out = fmt::format("{}: {}: {}\n", d.file, kind, d.message);
  if (!d.source_line.empty() || d.line > 0) {
    out += fmt::format("  {}\n", d.source_line);
    if (d.caret_col > 0)
      out += fmt::format("  {}{}\n", std::string(d.caret_col - 1, ' '), std::string(d.caret_len, '^'));
  }
  return out;
}

std::string Diagnostics::Render() const {
  std::string out;
  for (const Diagnostic& d : items_) out += Render(d);
  return out + HiddenLine();
}

std::string Diagnostics::Headlines() const {
  std::string out;
  for (const Diagnostic& d : items_) {
    std::string r = Render(d);
    out += r.substr(0, r.find('\n') + 1);
  }
  return out + HiddenLine();
}

}  // namespace aws
