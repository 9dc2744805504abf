// A scenario's texts in the reader's language: the translation where the file gives one, the
// English text (and a line in `missing`) where it does not.
#include <fmt/format.h>

#include "awaitscope/documents.h"
#include "awaitscope/scenario.h"

namespace aws {
namespace {

// `translated` when not empty, else `english` (noting `field` as missing when the English text
// itself is not empty: an empty field has nothing to translate).
std::string Pick(const std::string& translated, const std::string& english, std::string field,
                 std::vector<std::string>& missing) {
  if (!translated.empty()) return translated;
  if (!english.empty()) missing.push_back(std::move(field));
  return english;
}

}  // namespace

ScenarioTexts TextsIn(const Scenario& s, std::string_view lang) {
  ScenarioTexts out;
  if (lang == "en") {
    out.title = s.title;
    out.document = s.document;
    out.section = s.section;
    out.description = s.description;
    out.errata = s.errata;
    for (const NoteSpec& n : s.notes) out.notes.push_back(n.text);
    out.questions = s.questions;
    return out;
  }
  // A language the file never mentions: everything it has to say is missing.
  static const ScenarioTranslation kNone;
  const auto it = s.translations.find(std::string(lang));
  const ScenarioTranslation& tr = it != s.translations.end() ? it->second : kNone;
  std::vector<std::string>& missing = out.missing;
  out.title = Pick(tr.title, s.title, "title", missing);
  out.document = tr.document.empty() ? DocumentNameIn(s.document, lang) : tr.document;
  bool complete = true;
  out.section = tr.section.empty() ? TranslateSection(s.source, s.section, lang, &complete) : tr.section;
  if (!complete) missing.push_back("section");
  out.description = Pick(tr.description, s.description, "description", missing);
  if (tr.errata.size() == s.errata.size()) {
    out.errata = tr.errata;
  } else {
    out.errata = s.errata;
    if (!s.errata.empty()) missing.push_back("errata");
  }
  for (size_t i = 0; i < s.notes.size(); ++i) {
    const std::string t = i < tr.notes.size() ? tr.notes[i] : std::string();
    out.notes.push_back(Pick(t, s.notes[i].text, fmt::format("[[note]] {} (step {}): text", i + 1, s.notes[i].step),
                             missing));
  }
  for (size_t i = 0; i < s.questions.size(); ++i) {
    QuestionSpec q = s.questions[i];
    const QuestionTranslation t = i < tr.questions.size() ? tr.questions[i] : QuestionTranslation{};
    const std::string where = fmt::format("[[question]] {} (step {}): ", i + 1, q.step);
    q.prompt = Pick(t.prompt, q.prompt, where + "prompt", missing);
    if (t.choices.size() == q.choices.size())
      q.choices = t.choices;
    else
      missing.push_back(where + "choices");
    q.explanation = Pick(t.explanation, q.explanation, where + "explanation", missing);
    out.questions.push_back(std::move(q));
  }
  return out;
}

Scenario Localized(const Scenario& s, std::string_view lang) {
  Scenario out = s;
  ScenarioTexts t = TextsIn(s, lang);
  out.title = std::move(t.title);
  out.document = std::move(t.document);
  out.section = std::move(t.section);
  out.description = std::move(t.description);
  out.errata = std::move(t.errata);
  for (size_t i = 0; i < out.notes.size(); ++i) out.notes[i].text = std::move(t.notes[i]);
  out.questions = std::move(t.questions);
  return out;
}

}  // namespace aws
