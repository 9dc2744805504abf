// Source text with spans and line/column lookup; the unit every diagnostic points into.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aws {

// A half-open byte range [begin, end) of one SourceFile.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  Span Join(Span other) const { return {begin < other.begin ? begin : other.begin, end > other.end ? end : other.end}; }
};

struct LineCol {
  uint32_t line = 1;  // 1-based
  uint32_t col = 1;   // 1-based, in bytes
};

// One script. `line_base`/`col_base` place it inside a larger file (a script embedded in a
// scenario's TOML), so diagnostics point at the line the user sees in their editor.
class SourceFile {
 public:
  SourceFile(std::string name, std::string text, uint32_t line_base = 0, uint32_t first_col_base = 0);
  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }
  LineCol Locate(uint32_t offset) const;           // position as shown to the user
  std::string_view LineText(uint32_t offset) const;  // the line holding offset, without newline
  uint32_t ColumnInLine(uint32_t offset) const;      // 1-based column within LineText(offset)
  std::string_view Slice(Span s) const { return std::string_view(text_).substr(s.begin, s.end - s.begin); }
  uint32_t LineOf(uint32_t offset) const { return Locate(offset).line; }

 private:
  std::string name_;
  std::string text_;
  std::vector<uint32_t> line_starts_;
  uint32_t line_base_;
  uint32_t first_col_base_;
};

}  // namespace aws
