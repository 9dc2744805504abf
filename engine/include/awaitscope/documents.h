// The documents the shipped scenarios teach from, by the tag a scenario's `source` names them
// with (D1..D4: the four course documents; R1..R3: the further texts some scenarios follow).
// scenarios/DOCUMENTS.md is the same table for readers; a test keeps the two in step.
#pragma once
#include <span>
#include <string>
#include <string_view>

namespace aws {

struct DocumentInfo {
  std::string_view tag;     // "D1"
  std::string_view name;    // short name: a scenario's `document`, the gallery's group heading
  std::string_view title;   // the document's own title
  std::string_view author;
  std::string_view where;   // where to read it
  std::string_view about;   // what it is and how it differs from its siblings (one sentence)
};

// Every document, in course order (the order the gallery's course follows them).
std::span<const DocumentInfo> Documents();

// The document with this tag; nullptr when there is none.
const DocumentInfo* FindDocument(std::string_view tag);

// "D1, D2, D3, D4, R1, R2 or R3": the tags for messages.
std::string DocumentTagList();

// One line per tag of `source` ("D1/D2"): "D1: Title (author), where". Unknown tags are skipped.
std::string DescribeSource(std::string_view source);

// A document's short name (a DocumentInfo::name, as a scenario's `document` gives it) in `lang`
// ("zh"); `name` itself for English, for another text, or when it has no such name.
std::string DocumentNameIn(std::string_view name, std::string_view lang);

// A scenario's `section` text as a reader of `lang` finds it in the documents of `source`
// ("D1/D2"): for "zh", each heading of D1/D2 becomes D2's Chinese heading (scenarios/DOCUMENTS.md,
// "D2's headings"); headings of the other documents stay English, as their readers read them.
// Sections are split at top-level "; ", a "D4: " prefix names the documents of what follows, and
// "Heading (A; B)" translates the heading and each part in the parentheses. `complete` (when
// given) is set false when a D1/D2 heading has no Chinese entry (it stays English).
std::string TranslateSection(std::string_view source, std::string_view section, std::string_view lang,
                             bool* complete = nullptr);

}  // namespace aws
