// `awaitscope quiz`: the prediction questions of a run (app/present/quiz.h) as text, JSON or
// Moodle's GIFT, for handouts, course platforms and the window's prediction mode.
#include <fmt/format.h>

#include <cstdio>
#include <iostream>
#include <optional>

#include "awaitscope/file_io.h"
#include "awaitscope/world.h"
#include "cli/commands.h"
#include "present/i18n.h"
#include "present/quiz.h"

namespace aws::cli {
namespace {

std::string QuizText(const std::vector<present::Question>& questions) {
  std::string out;
  for (size_t i = 0; i < questions.size(); ++i) {
    const present::Question& q = questions[i];
    out += present::TrFormat(N_("Q{} [{}] before step {} (answered at step {}): {}"), i + 1,
                             present::QuestionKindName(q.kind), q.ask_step, q.step, q.prompt) +
           "\n";
    for (size_t c = 0; c < q.choices.size(); ++c)
      out += fmt::format("  {} {}) {}\n", static_cast<int>(c) == q.answer ? '*' : ' ',
                         static_cast<char>('a' + c), q.choices[c]);
    if (!q.explanation.empty()) out += fmt::format("  {}\n", q.explanation);
    out += "\n";
  }
  out += (questions.size() == 1 ? std::string(_("1 question"))
                                 : present::TrFormat(N_("{} questions"), questions.size())) +
         "\n";
  return out;
}

}  // namespace

int Quiz(const QuizArgs& args) {
  // The questions in the asked language, else the locale's (as `run --narrate`).
  const std::optional<present::Lang> lang =
      args.lang.empty() ? present::LanguageFromEnvironment() : present::ParseLang(args.lang);
  std::string why;
  if (lang && !present::SetLanguage(*lang, &why))
    std::cerr << fmt::format("awaitscope: {}; the questions stay in English\n", why);
  Diagnostics diags;
  Session session;
  if (!session.Load(args.file, diags)) {
    std::cerr << diags.Render();
    return kExitBadInput;
  }
  std::cerr << diags.Render();
  std::vector<present::Question> questions =
      present::DeriveQuestions(session.trace(), session.program(), session.scenario(), args.limit);
  std::string text = args.format == "json"   ? present::QuizJson(questions, session.scenario())
                     : args.format == "gift" ? present::QuizGift(questions, session.scenario())
                                             : QuizText(questions);
  if (args.out.empty()) {
    std::cout << text;
    std::cout.flush();
    return kExitOk;
  }
  std::string error;
  if (!WriteFileAtomically(args.out, text, &error)) {
    std::cerr << fmt::format("{}: error: cannot write file: {}\n", args.out, error);
    return kExitBadInput;
  }
  std::cout << fmt::format("{} question{} written to {}\n", questions.size(),
                           questions.size() == 1 ? "" : "s", args.out);
  return kExitOk;
}

}  // namespace aws::cli
