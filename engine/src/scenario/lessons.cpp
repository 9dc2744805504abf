// The scenario loader's lesson tables: [[note]], [[question]] and [memory].
#include <fmt/format.h>

#include <algorithm>

#include "scenario/loader.h"

namespace aws::scenario_load {

void Loader::Note(const toml::table& t) {
  NoteSpec n;
  bool has_step = false, has_text = false;
  for (const auto& [k, v] : Entries(t)) {
    std::string_view key = k->str();
    if (key == "step") {
      has_step = true;
      if (auto i = NonNegative(*v, key)) n.step = *i;
    } else if (key == "text") {
      has_text = true;
      if (auto s = NonEmptyStr(*v, key)) n.text = *s;
    } else if (IsScenarioLanguage(key)) {
      if (const auto* t = Table(*v, fmt::format("`{}` in [[note]] (the note in that language)", key)))
        NoteTranslation(std::string(key), *t);
    } else {
      Unknown(*k, "[[note]]");
    }
  }
  if (!has_step) Missing(t.source(), "step", "[[note]]");
  if (!has_text) Missing(t.source(), "text", "[[note]]");
  s_.notes.push_back(std::move(n));
}

void Loader::Question(const toml::table& t) {
  QuestionSpec q;
  bool has_step = false, has_prompt = false;
  const toml::node* choices = nullptr;
  const toml::node* answer = nullptr;
  std::optional<std::string> answer_text;
  std::vector<std::pair<std::string, const toml::table*>> translated;
  for (const auto& [k, v] : Entries(t)) {
    std::string_view key = k->str();
    if (key == "step") {
      has_step = true;
      if (auto i = NonNegative(*v, key)) q.step = *i;
    } else if (key == "prompt") {
      has_prompt = true;
      if (auto s = NonEmptyStr(*v, key)) q.prompt = *s;
    } else if (key == "choices") {
      choices = v;
      if (auto l = StrList(*v, key, false)) q.choices = std::move(*l);
    } else if (key == "answer") {
      answer = v;
      answer_text = NonEmptyStr(*v, key);
    } else if (key == "explanation") {
      if (auto s = Str(*v, key)) q.explanation = *s;
    } else if (IsScenarioLanguage(key)) {
      if (const auto* t = Table(*v, fmt::format("`{}` in [[question]] (the question in that language)", key)))
        translated.emplace_back(std::string(key), t);
    } else {
      Unknown(*k, "[[question]]");
    }
  }
  for (const auto& [lang, t] : translated) TranslateQuestion(lang, *t, choices != nullptr ? q.choices.size() : 0);
  if (!has_step) Missing(t.source(), "step", "[[question]]");
  if (!has_prompt) Missing(t.source(), "prompt", "[[question]]");
  if (choices == nullptr) Missing(t.source(), "choices", "[[question]]");
  if (answer == nullptr) Missing(t.source(), "answer", "[[question]]");
  if (choices != nullptr && q.choices.size() < 2)
    Err(choices->source(), "`choices` needs at least two entries");
  for (size_t i = 0; i < q.choices.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (q.choices[i] == q.choices[j])
        Err(choices->source(), fmt::format("`choices` lists \"{}\" twice", q.choices[i]));
  if (answer_text && choices != nullptr && q.choices.size() >= 2) {
    auto it = std::find(q.choices.begin(), q.choices.end(), *answer_text);
    if (it == q.choices.end())
      Err(answer->source(), fmt::format("`answer` \"{}\" is not one of the `choices`", *answer_text));
    else
      q.answer = static_cast<int>(it - q.choices.begin());
  }
  s_.questions.push_back(std::move(q));
}

std::optional<uint64_t> Loader::Address(const toml::node& n, std::string_view key) {
  auto v = Int(n, key);
  if (!v) return std::nullopt;
  if (*v <= 0 || *v >= (int64_t{1} << 48)) {
    Err(n.source(), fmt::format("`{}` must be an address between 0x1 and 0xFFFFFFFFFFFF, not {}", Shown(key), *v));
    return std::nullopt;
  }
  return static_cast<uint64_t>(*v);
}

void Loader::Memory(const toml::table& t) {
  s_.memory.track = true;
  for (const auto& [k, v] : Entries(t)) {
    std::string_view key = k->str();
    if (key == "stack_base") {
      if (auto a = Address(*v, key)) s_.memory.stack_base = *a;
    } else if (key == "heap_base") {
      if (auto a = Address(*v, key)) s_.memory.heap_base = *a;
    } else if (key == "tasks_base") {
      if (auto a = Address(*v, key)) s_.memory.tasks_base = *a;
    } else if (key == "self_refs") {
      if (auto s = Str(*v, key)) {
        if (*s != "dangle" && *s != "update" && *s != "offsets" && *s != "forbid")
          Err(v->source(), fmt::format("unknown `self_refs` policy `{}` (dangle, update, offsets or forbid)", *s));
        else
          s_.memory.self_refs = *s;
      }
    } else if (key == "connections" || key == "thread_stack_mb") {
      if (auto n = Int(*v, key)) {
        if (*n < 1 || *n > 10000000)
          Err(v->source(), fmt::format("`{}` must be between 1 and 10000000, not {}", Shown(key), *n));
        else
          (key == "connections" ? s_.memory.connections : s_.memory.thread_stack_mb) = *n;
      }
    } else if (key == "connection") {
      if (auto s = NonEmptyStr(*v, key)) s_.memory.connection = *s;
    } else if (key == "at") {
      if (const auto* at = Table(*v, "`memory.at`")) {
        for (const auto& [fk, fv] : Entries(*at))
          if (auto a = Address(*fv, fk->str())) s_.memory.at.emplace_back(std::string(fk->str()), *a);
      }
    } else if (key == "move") {
      for (const toml::table* mt : TableList(*v, key)) {
        MoveSpec m;
        m.line = mt->source().begin.line;
        bool has_future = false;
        for (const auto& [mk, mv] : Entries(*mt)) {
          std::string_view mkey = mk->str();
          if (mkey == "future") {
            has_future = true;
            m.line = mk->source().begin.line;
            size_t start = 0;
            for (uint32_t l = 1; l < m.line && start != std::string::npos; ++l) {
              start = text_.find('\n', start);
              if (start != std::string::npos) ++start;
            }
            if (start != std::string::npos) m.line_text = text_.substr(start, text_.find('\n', start) - start);
            if (auto s = NonEmptyStr(*mv, mkey)) m.future = *s;
          } else if (mkey == "after_polls") {
            if (auto n = Int(*mv, mkey)) {
              if (*n < 0 || *n > 1000000)
                Err(mv->source(), fmt::format("`after_polls` must be between 0 and 1000000, not {}", *n));
              else
                m.after_polls = *n;
            }
          } else if (mkey == "to") {
            if (auto a = Address(*mv, mkey)) m.to = *a;
          } else {
            Unknown(*mk, "[[memory.move]]");
          }
        }
        if (!has_future) Missing(mt->source(), "future", "[[memory.move]]");
        s_.memory.moves.push_back(std::move(m));
      }
    } else {
      Unknown(*k, "[memory]");
    }
  }
}

}  // namespace aws::scenario_load
