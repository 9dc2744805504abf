// The scenario loader's translations: `[zh]` at the top, and `zh` in a [[note]] or
// [[question]].
#include <fmt/format.h>

#include <algorithm>

#include "scenario/loader.h"

namespace aws::scenario_load {

bool Loader::IsScenarioLanguage(std::string_view key) {
  const auto& langs = ScenarioLanguages();
  return std::find(langs.begin(), langs.end(), key) != langs.end();
}

void Loader::TopTranslation(const std::string& lang, const toml::table& t) {
  ScenarioTranslation& tr = s_.translations[lang];
  for (const auto& [k, v] : Entries(t)) {
    const std::string key = lang + "." + std::string(k->str());
    std::string_view name = k->str();
    if (name == "title" || name == "document" || name == "section" || name == "description") {
      auto s = NonEmptyStr(*v, key);
      if (!s) continue;
      (name == "title" ? tr.title : name == "document" ? tr.document : name == "section" ? tr.section : tr.description) =
          *s;
    } else if (name == "errata") {
      if (auto l = StrList(*v, key, false)) {
        tr.errata = std::move(*l);
        errata_nodes_[lang] = v;
      }
    } else {
      Err(k->source(), fmt::format("unknown key `{}` in [{}]; a translation may give `title`, `description`, "
                                   "`document`, `section` and `errata`",
                                   Shown(k->str()), lang));
    }
  }
}

void Loader::NoteTranslation(const std::string& lang, const toml::table& t) {
  ScenarioTranslation& tr = s_.translations[lang];
  tr.notes.resize(s_.notes.size() + 1);
  for (const auto& [k, v] : Entries(t)) {
    if (k->str() == "text") {
      if (auto s = NonEmptyStr(*v, lang + ".text")) tr.notes.back() = *s;
    } else {
      Err(k->source(), fmt::format("unknown key `{}` in [[note]] `{}`; a note's translation gives `text`",
                                   Shown(k->str()), lang));
    }
  }
}

void Loader::TranslateQuestion(const std::string& lang, const toml::table& t, size_t choices) {
  ScenarioTranslation& tr = s_.translations[lang];
  tr.questions.resize(s_.questions.size() + 1);
  aws::QuestionTranslation& q = tr.questions.back();
  for (const auto& [k, v] : Entries(t)) {
    const std::string key = lang + "." + std::string(k->str());
    std::string_view name = k->str();
    if (name == "prompt") {
      if (auto s = NonEmptyStr(*v, key)) q.prompt = *s;
    } else if (name == "explanation") {
      if (auto s = NonEmptyStr(*v, key)) q.explanation = *s;
    } else if (name == "choices") {
      auto l = StrList(*v, key, false);
      if (!l) continue;
      if (choices > 0 && l->size() != choices) {
        Err(v->source(), fmt::format("`{}` has {} entries and `choices` has {}: translate every choice, in the "
                                     "same order",
                                     key, l->size(), choices));
        continue;
      }
      bool twice = false;
      for (size_t i = 0; i < l->size() && !twice; ++i)
        for (size_t j = 0; j < i && !twice; ++j)
          if ((*l)[i] == (*l)[j]) {
            Err(v->source(), fmt::format("`{}` lists \"{}\" twice", key, (*l)[i]));
            twice = true;
          }
      if (!twice) q.choices = std::move(*l);
    } else {
      Err(k->source(), fmt::format("unknown key `{}` in [[question]] `{}`; a question's translation gives "
                                   "`prompt`, `choices` and `explanation`",
                                   Shown(k->str()), lang));
    }
  }
}

void Loader::CheckTranslations() {
  for (auto& [lang, tr] : s_.translations) {
    if (auto it = errata_nodes_.find(lang); it != errata_nodes_.end() && tr.errata.size() != s_.errata.size())
      Err(it->second->source(), fmt::format("`{0}.errata` has {1} entries and `errata` has {2}: translate every "
                                            "erratum, in the same order",
                                            lang, tr.errata.size(), s_.errata.size()));
    tr.notes.resize(s_.notes.size());
    tr.questions.resize(s_.questions.size());
  }
}

}  // namespace aws::scenario_load
