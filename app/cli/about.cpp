// `awaitscope about FILE`: what a scenario teaches and where it comes from, for a reader without
// the window: the documents by title, author and where to read them, the sections, the
// description, the documents' errata it touches, and the next scenario of the course; with
// `--lang zh` its Chinese texts, and which of them the file does not translate yet.
#include <fmt/format.h>

#include <iostream>

#include "awaitscope/documents.h"
#include "awaitscope/scenario.h"
#include "cli/commands.h"

namespace aws::cli {

int About(const std::string& file, const std::string& lang) {
  Diagnostics diags;
  std::optional<Scenario> loaded = LoadScenario(file, diags);
  std::cerr << diags.Render();
  if (!loaded || diags.HasErrors()) return kExitBadInput;
  const std::vector<std::string> missing = TextsIn(*loaded, lang).missing;
  const std::optional<Scenario> s = Localized(*loaded, lang);
  std::cout << fmt::format("{}: {}\n", s->id, s->title);
  if (!s->source.empty()) {
    std::cout << fmt::format("source: {}\n", s->source);
    const std::string documents = DescribeSource(s->source);
    size_t start = 0;
    while (start < documents.size()) {
      size_t end = documents.find('\n', start);
      if (end == std::string::npos) end = documents.size();
      std::cout << "  " << documents.substr(start, end - start) << "\n";
      start = end + 1;
    }
  }
  if (!s->section.empty()) std::cout << fmt::format("section: {}\n", s->section);
  if (!s->description.empty()) std::cout << fmt::format("description: {}\n", s->description);
  for (const std::string& erratum : s->errata) std::cout << fmt::format("erratum: {}\n", erratum);
  if (!s->next.empty()) std::cout << fmt::format("next: {}\n", s->next);
  // What a course author has still to translate (it shows in English meanwhile).
  for (const std::string& field : missing) std::cout << fmt::format("not translated ({}): {}\n", lang, field);
  return kExitOk;
}

}  // namespace aws::cli
