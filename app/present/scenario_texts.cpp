#include "present/scenario_texts.h"

#include <filesystem>
#include <optional>

#include "present/i18n.h"

namespace aws::present {

ScenarioTexts CurrentTexts(const Scenario& scenario) { return TextsIn(scenario, LangCode(CurrentLanguage())); }

std::string ScenarioFolderText(const std::string& dir, std::string_view lang) {
  std::string out;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() != ".toml") continue;
    Diagnostics diags;
    const std::optional<Scenario> s = LoadScenario(it->path().string(), diags);
    if (!s) continue;
    const ScenarioTexts t = TextsIn(*s, lang);
    for (const std::string* text : {&t.title, &t.document, &t.section, &t.description}) out += *text;
    for (const std::string& e : t.errata) out += e;
    for (const std::string& n : t.notes) out += n;
    for (const QuestionSpec& q : t.questions) {
      out += q.prompt + q.explanation;
      for (const std::string& c : q.choices) out += c;
    }
  }
  return out;
}

}  // namespace aws::present
