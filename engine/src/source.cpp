#include "awaitscope/source.h"

#include <algorithm>

namespace aws {

SourceFile::SourceFile(std::string name, std::string text, uint32_t line_base, uint32_t first_col_base)
    : name_(std::move(name)), text_(std::move(text)), line_base_(line_base), first_col_base_(first_col_base) {
  line_starts_.push_back(0);
  for (uint32_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
}

LineCol SourceFile::Locate(uint32_t offset) const {
  if (offset > text_.size()) offset = static_cast<uint32_t>(text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  uint32_t line_index = static_cast<uint32_t>(it - line_starts_.begin()) - 1;
  uint32_t col = offset - line_starts_[line_index] + 1;
  if (line_index == 0) col += first_col_base_;
  return {line_index + 1 + line_base_, col};
}

std::string_view SourceFile::LineText(uint32_t offset) const {
  if (offset > text_.size()) offset = static_cast<uint32_t>(text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  uint32_t start = *(it - 1);
  uint32_t end = start;
  while (end < text_.size() && text_[end] != '\n' && text_[end] != '\r') ++end;
  return std::string_view(text_).substr(start, end - start);
}

uint32_t SourceFile::ColumnInLine(uint32_t offset) const {
  if (offset > text_.size()) offset = static_cast<uint32_t>(text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return offset - *(it - 1) + 1;
}

}  // namespace aws
