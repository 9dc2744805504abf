// Script and scenario errors as values: a list of located messages rendered as
// `FILE:LINE:COL: error: MESSAGE` (or `error[E0382]: ...` when the error has rustc's code) with the
// source line and a caret. A note that belongs to an error follows it.
// Only the first kMaxShownErrors errors are kept (a file of garbage would otherwise make one message
// per byte, each costing a scan of its line): the rest are counted, and Render() ends with how many
// were not shown. ErrorCount() counts them all.
#pragma once
#include <string>
#include <vector>

#include "awaitscope/source.h"

namespace aws {

enum class Severity { Error, Warning, Note };

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string file;
  uint32_t line = 0;  // 0 when the diagnostic has no location
  uint32_t col = 0;
  std::string code;  // rustc's error code ("E0382") when the error is one rustc also reports
  std::string message;
  std::string source_line;  // the offending line, for the caret display
  uint32_t caret_col = 0;   // 1-based column inside source_line
  uint32_t caret_len = 1;
};

class Diagnostics {
 public:
  static constexpr size_t kMaxShownErrors = 100;

  void Report(Severity sev, const SourceFile& src, Span span, std::string message);
  void Error(const SourceFile& src, Span span, std::string message) { Report(Severity::Error, src, span, std::move(message)); }
  void Warning(const SourceFile& src, Span span, std::string message) { Report(Severity::Warning, src, span, std::move(message)); }
  // An error rustc reports with `code` ("E0382"): rendered `error[E0382]: MESSAGE`.
  void ErrorWithCode(const SourceFile& src, Span span, std::string code, std::string message);
  // A secondary position for the diagnostic reported just before ("value moved here").
  void Note(const SourceFile& src, Span span, std::string message) { Report(Severity::Note, src, span, std::move(message)); }
  // A diagnostic about a file as a whole, or with a position computed elsewhere (TOML parser).
  void ReportAt(Severity sev, std::string file, uint32_t line, uint32_t col, std::string message,
                std::string source_line = {});
  void Append(const Diagnostics& other);
  // Orders the diagnostics from index `first` on by line and column (stable).
  void SortFrom(size_t first);

  const std::vector<Diagnostic>& items() const { return items_; }
  bool HasErrors() const { return errors_ > 0; }
  size_t ErrorCount() const { return errors_; }
  // Errors past kMaxShownErrors, counted but not kept (nor their notes).
  size_t HiddenErrorCount() const { return hidden_errors_; }
  bool empty() const { return items_.empty() && hidden_errors_ == 0; }

  // All diagnostics, each as "FILE:LINE:COL: error: MESSAGE\n  <line>\n  ^^^\n", then
  // "FILE: note: N more errors not shown\n" when some were hidden.
  std::string Render() const;
  static std::string Render(const Diagnostic& d);
  // Just the first lines ("FILE:LINE:COL: error: MESSAGE"), one per diagnostic.
  std::string Headlines() const;

 private:
  // False when the diagnostic is past the cap (counted, not kept).
  bool Admit(Severity sev, const std::string& file);
  std::string HiddenLine() const;

  std::vector<Diagnostic> items_;
  size_t errors_ = 0;         // errors reported, shown or hidden
  size_t shown_errors_ = 0;   // errors in items_
  size_t hidden_errors_ = 0;
  bool hiding_ = false;       // the last error was hidden: so are its notes
  std::string hidden_file_;   // the file of the first hidden error
};

}  // namespace aws
