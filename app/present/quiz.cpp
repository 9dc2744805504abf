// Prediction questions derived from a run: one pass over the trace, folding only what the
// questions need (the ready queue, each machine's state, the address space when memory is
// tracked), and asking each question at the event that answers it.
#include "present/quiz.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>

#include "awaitscope/world.h"
#include "present/i18n.h"
#include "present/scenario_texts.h"
#include "present/trace_lookup.h"

namespace aws::present {
namespace {

constexpr std::array<const char*, 7> kKindNames = {
    "next_state",         "poll_result",       "next_task", "saved_variables",
    "address_after_move", "polls_until_ready", "authored"};

std::string Code(std::string_view s) {
  return fmt::format("`{}`", s);
}

std::string Hex(uint64_t v) {
  return fmt::format("0x{:X}", v);
}

std::string JoinNames(const std::vector<std::string>& names) {
  if (names.empty()) return _("nothing");
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? _(" and ") : ", ";
    out += Code(names[i]);
  }
  return out;
}

class Deriver {
 public:
  Deriver(const Trace& trace, const Program* program, const Scenario* scenario, size_t limit)
      : trace_(trace), program_(program), scenario_(scenario), limit_(limit) {}

  std::vector<Question> Run() {
    std::map<int64_t, std::vector<const QuestionSpec*>> authored;
    if (scenario_ != nullptr) authored_ = CurrentTexts(*scenario_).questions;  // in the current language
    for (const QuestionSpec& q : authored_) authored[q.step].push_back(&q);
    bool memory = std::any_of(trace_.events.begin(), trace_.events.end(),
                              [](const Event& e) { return e.kind == EventKind::MemMove; });
    for (size_t i = 0; i < trace_.events.size() && out_.size() < limit_; ++i) {
      const int64_t step = static_cast<int64_t>(i);
      const Event& e = trace_.events[i];
      if (auto it = authored.find(step); it != authored.end())
        for (const QuestionSpec* q : it->second)
          Authored(step, *q);
      switch (e.kind) {
        case EventKind::Transition:
          Transition(step, e);
          break;
        case EventKind::PollBegin:
          PollBegin(step, e);
          break;
        case EventKind::PollEnd:
          PollEnd(step, e);
          break;
        case EventKind::QueuePop:
          QueuePop(step, e);
          break;
        default:
          break;
      }
      // A move's question compares the block before and after the event.
      std::optional<MemBlock> moving;
      if (memory && e.kind == EventKind::MemMove)
        if (auto it = world_.memory.blocks.find(e.obj); it != world_.memory.blocks.end())
          moving = it->second;
      Fold(step, e, memory);
      if (moving) Move(step, e, *moving);
    }
    // Authored questions past the end of the run are kept at their step (the window clamps).
    for (auto it = authored.lower_bound(static_cast<int64_t>(trace_.events.size()));
         it != authored.end(); ++it)
      for (const QuestionSpec* q : it->second)
        Authored(it->first, *q);
    std::stable_sort(out_.begin(), out_.end(),
                     [](const Question& a, const Question& b) { return a.ask_step < b.ask_step; });
    if (out_.size() > limit_) out_.resize(limit_);
    return std::move(out_);
  }

 private:
  // [SECTION] What the questions need to know about the run

  const ObjectInfo* Object(int id) const { return ObjectAt(trace_, id); }
  const Machine* MachineOf(int obj) const { return MachineOfObject(trace_, program_, obj); }

  std::string TaskName(int task) const {
    if (task >= 0 && static_cast<size_t>(task) < trace_.tasks.size())
      return TrFormat(N_("task {} ({})"), task, Code(trace_.tasks[static_cast<size_t>(task)].name));
    return TrFormat(N_("task {}"), task);
  }

  static std::vector<std::string> FieldNames(const State& s) {
    std::vector<std::string> names;
    for (const StateField& f : s.fields)
      if (f.role == FieldRole::Local || f.role == FieldRole::Param) names.push_back(f.name);
    return names;
  }

  // [SECTION] Questions

  // `same_as`: what makes two questions of this kind the same (default: the prompt and the
  // answer).
  void Add(Question q, const std::string& same_as = {}) {
    if (q.choices.size() < 2 || q.answer < 0 || static_cast<size_t>(q.answer) >= q.choices.size())
      return;
    std::string key = fmt::format(
        "{}\n{}", static_cast<int>(q.kind),
        same_as.empty() ? q.prompt + "\n" + q.choices[static_cast<size_t>(q.answer)] : same_as);
    if (q.kind != QuestionKind::Authored && !asked_.insert(std::move(key)).second) return;
    out_.push_back(std::move(q));
  }

  void Authored(int64_t step, const QuestionSpec& spec) {
    Add({step, step, QuestionKind::Authored, spec.prompt, spec.choices, spec.answer,
         spec.explanation});
  }

  void Transition(int64_t step, const Event& e) {
    const Machine* m = MachineOf(e.obj);
    const State* from = StateAt(m, e.a);
    const State* to = StateAt(m, e.b);
    if (m == nullptr || from == nullptr || to == nullptr || from == to ||
        to->kind == StateKind::Panicked)
      return;

    // Which state comes next: the machine's states in order (no machine goes back to Unresumed;
    // Panicked left out), at most five around the answer.
    std::vector<const State*> candidates;
    for (const State& s : m->states)
      if (s.kind != StateKind::Panicked && s.kind != StateKind::Unresumed && &s != from)
        candidates.push_back(&s);
    auto pos = std::find(candidates.begin(), candidates.end(), to) - candidates.begin();
    size_t first = static_cast<size_t>(std::max<ptrdiff_t>(0, pos - 2));
    size_t last = std::min(candidates.size(), first + 5);
    first = last >= 5 ? last - 5 : 0;
    Question next{step,
                  step,
                  QuestionKind::NextState,
                  TrFormat(N_("{} is in state {} and is polled. Which state does it move to?"),
                           Code(m->name), Code(from->label)),
                  {},
                  0,
                  ""};
    for (size_t i = first; i < last; ++i) {
      if (candidates[i] == to) next.answer = static_cast<int>(next.choices.size());
      next.choices.push_back(candidates[i]->label);
    }
    if (to->kind == StateKind::Returned)
      next.explanation = TrFormat(N_("The poll ran the rest of the body without meeting an .await "
                                     "that was not ready, so {} "
                                     "returns Ready and the machine ends in {}."),
                                  Code(m->name), Code(to->label));
    else
      next.explanation = TrFormat(
          N_("The poll runs the body from where {} stopped up to the next .await whose future is "
             "not "
             "ready (line {}); the machine saves what it still needs there and becomes {}."),
          Code(from->label), to->line, Code(to->label));
    Add(std::move(next));

    // Which variables the new state saves: the sets of the machine's suspend states, nothing,
    // and all of them together as distractors.
    if (to->kind != StateKind::Suspend) return;
    std::vector<std::string> answer = FieldNames(*to);
    std::vector<std::vector<std::string>> sets = {answer, {}};
    std::vector<std::string> all;
    for (const State& s : m->states) {
      if (s.kind != StateKind::Suspend) continue;
      std::vector<std::string> names = FieldNames(s);
      sets.push_back(names);
      for (const std::string& n : names)
        if (std::find(all.begin(), all.end(), n) == all.end()) all.push_back(n);
    }
    sets.push_back(all);
    std::vector<std::vector<std::string>> distinct;
    for (auto& s : sets)
      if (std::find(distinct.begin(), distinct.end(), s) == distinct.end()) distinct.push_back(s);
    if (distinct.size() < 2) return;
    std::sort(distinct.begin(), distinct.end(), [](const auto& a, const auto& b) {
      return a.size() != b.size() ? a.size() < b.size() : a < b;
    });
    if (distinct.size() > 4) {  // keep the answer, the empty set and the nearest others
      std::vector<std::vector<std::string>> kept;
      for (auto& s : distinct)
        if (s == answer || s.empty() || kept.size() < 3) kept.push_back(s);
      distinct = std::move(kept);
    }
    Question saved{step,
                   step,
                   QuestionKind::SavedVariables,
                   TrFormat(N_("{} suspends at the .await on line {} (state {}). Which variables "
                               "does this state save "
                               "in the state machine?"),
                            Code(m->name), to->line, Code(to->label)),
                   {},
                   0,
                   ""};
    for (const auto& s : distinct) {
      if (s == answer) saved.answer = static_cast<int>(saved.choices.size());
      saved.choices.push_back(s.empty() ? _("none") : JoinNames(s));
    }
    saved.explanation = answer.empty()
                            ? TrFormat(N_("No local variable is used after this .await, so {} "
                                          "saves none: it holds only the future "
                                          "it awaits."),
                                       Code(to->label))
                            : TrFormat(N_("A state saves exactly the variables still used after "
                                          "its .await: {}. The others are not "
                                          "declared yet or no longer needed there."),
                                       JoinNames(answer));
    Add(std::move(saved));
  }

  // Which task runs next: asked when the executor pops its queue holding more than one task.
  void QueuePop(int64_t step, const Event& e) {
    if (e.task < 0 || queue_.empty()) return;
    std::vector<int> distinct;
    for (int t : queue_)
      if (std::find(distinct.begin(), distinct.end(), t) == distinct.end()) distinct.push_back(t);
    if (distinct.size() >= 2 &&
        std::find(distinct.begin(), distinct.end(), e.task) != distinct.end()) {
      std::string listed;
      for (int t : queue_)
        listed += (listed.empty() ? "" : ", ") + std::to_string(t);
      Question q{step,
                 step,
                 QuestionKind::NextTask,
                 TrFormat(N_("The executor's queue holds tasks [{}] (front first). Which task does "
                             "it take next?"),
                          listed),
                 {},
                 0,
                 ""};
      // The first four tasks of the queue (and the answer) as choices, by task number.
      std::vector<int> sorted(distinct.begin(),
                              distinct.begin() + std::min<size_t>(4, distinct.size()));
      if (std::find(sorted.begin(), sorted.end(), e.task) == sorted.end()) sorted.push_back(e.task);
      std::sort(sorted.begin(), sorted.end());
      for (int t : sorted) {
        if (t == e.task) q.answer = static_cast<int>(q.choices.size());
        q.choices.push_back(TrFormat(N_("task {}"), t));
      }
      q.explanation = e.task == queue_.front()
                          ? TrFormat(N_("The queue is first in, first out: task {} was woken "
                                        "first, so it is at the front and is "
                                        "polled next."),
                                     e.task)
                          : TrFormat(N_("Task {} is taken next."), e.task);
      // Once the class has seen the queue is first in, first out, asking it again at every pop
      // of a long queue teaches nothing: the front-of-the-queue answer is asked once.
      bool front = e.task == queue_.front();
      Add(std::move(q), front ? "front" : "");
    }
  }

  void PollBegin(int64_t step, const Event& e) {
    if (e.a != 0 || e.task < 0) return;
    // How many polls until Ready: asked at a task's first poll, when it finishes.
    if (!first_polled_.insert(e.task).second) return;
    int64_t polls = 0;
    bool ready = false;
    size_t i = static_cast<size_t>(step) + 1;
    for (; i < trace_.events.size(); ++i) {
      const Event& later = trace_.events[i];
      if (later.kind != EventKind::PollEnd || later.a != 0 || later.task != e.task) continue;
      ++polls;
      if ((ready = later.b == 1)) break;
    }
    if (!ready) return;
    Question q{step,
               static_cast<int64_t>(i),
               QuestionKind::PollsUntilReady,
               TrFormat(N_("The executor polls {} for the first time. How many polls will it take "
                           "until the task "
                           "returns Ready?"),
                        TaskName(e.task)),
               {},
               0,
               ""};
    int64_t lo = std::max<int64_t>(1, polls - 1);
    for (int64_t n = lo; n < lo + 4; ++n) {
      if (n == polls) q.answer = static_cast<int>(q.choices.size());
      q.choices.push_back(std::to_string(n));
    }
    q.explanation =
        polls == 1
            ? _("One: nothing it awaits makes it wait, so its first poll runs it to the end.")
        : polls == 2 ? _("2: it returns Pending once, at an .await that was not ready, and is "
                         "polled again only "
                         "after a wake; poll 2 returns Ready.")
                     : TrFormat(N_("{}: it returns Pending {} times, each time at an .await that "
                                   "was not ready, and is "
                                   "polled again only after a wake; poll {} returns Ready."),
                                polls, polls - 1, polls);
    // Tasks spawned from the same expression ask the same question.
    const std::string& name = static_cast<size_t>(e.task) < trace_.tasks.size()
                                  ? trace_.tasks[static_cast<size_t>(e.task)].name
                                  : q.prompt;
    Add(std::move(q), fmt::format("{}\n{}", name, polls));
  }

  void PollEnd(int64_t step, const Event& e) {
    if (e.a != 0 || e.task < 0) return;
    const ObjectInfo* root = Object(e.obj);
    std::string state_text;
    if (auto it = poll_start_state_.find(e.obj); it != poll_start_state_.end())
      if (const State* s = StateAt(MachineOf(e.obj), it->second))
        state_text = TrFormat(N_(", which is in state {}"), Code(s->label));
    auto begin = poll_begin_step_.find(e.task);
    Question q{begin != poll_begin_step_.end() ? begin->second : step,
               step,
               QuestionKind::PollResult,
               TrFormat(N_("The executor polls {}{}. Does this poll return Pending or Ready?"),
                        root != nullptr ? Code(root->name) : TaskName(e.task), state_text),
               {"Pending", "Ready"},
               e.b == 1 ? 1 : 0,
               ""};
    const State* now = nullptr;
    if (auto it = machine_state_.find(e.obj); it != machine_state_.end())
      now = StateAt(MachineOf(e.obj), it->second);
    if (e.b == 1)
      q.explanation = _("Ready: the future ran to its end in this poll, so the task is finished.");
    else if (now != nullptr && now->kind == StateKind::Suspend)
      q.explanation = TrFormat(N_("Pending: it stopped at the .await on line {} (state {}), whose "
                                  "future is not ready; the "
                                  "task runs again only after its waker is woken."),
                               now->line, Code(now->label));
    else
      q.explanation =
          _("Pending: something it awaits is not ready yet; the task runs again only after its "
            "waker is woken.");
    Add(std::move(q));
  }

  // `before`: the block as it was before the move (the fold has applied it since).
  void Move(int64_t step, const Event& e, const MemBlock& before) {
    if (e.a < 0 || e.b < 0) return;
    const uint64_t from = static_cast<uint64_t>(e.a), to = static_cast<uint64_t>(e.b);
    // A pointer field in force that points into the block itself.
    const MemField* ptr = nullptr;
    for (const MemField& f : before.fields)
      if (f.is_pointer && !f.stale && f.target != 0 &&
          (f.variant < 0 || f.variant == before.state) && before.Contains(f.target)) {
        ptr = &f;
        break;
      }
    if (ptr == nullptr) return;
    auto moved = world_.memory.blocks.find(e.obj);
    if (moved == world_.memory.blocks.end()) return;
    const MemField* now = nullptr;
    for (const MemField& f : moved->second.fields)
      if (f.name == ptr->name && f.offset == ptr->offset) now = &f;
    if (now == nullptr) return;
    const uint64_t old_target = ptr->target;
    const uint64_t relocated = old_target - from + to;
    Question q{
        step,
        step,
        QuestionKind::AddressAfterMove,
        TrFormat(
            N_("{} moves from {} to {}. Its field {} holds {}, an address inside itself. After the "
               "move, which address does {} hold?"),
            Code(before.type_name), Hex(from), Hex(to), Code(ptr->name), Hex(old_target),
            Code(ptr->name)),
        {Hex(old_target), Hex(relocated)},
        0,
        ""};
    if (now->target == relocated) {
      q.answer = 1;
      q.explanation = now->offset_ref
                          ? TrFormat(N_("{}: the field stores an offset from the start of the "
                                        "future, so it designates the same "
                                        "element at the new place."),
                                     Hex(relocated))
                          : TrFormat(N_("{}: the program updates the pointer as part of the move."),
                                     Hex(relocated));
    } else if (now->target == old_target) {
      q.explanation = TrFormat(
          N_("{}: a move copies the bytes as they are, so the pointer still holds the old address, "
             "in "
             "memory the value has just left. It dangles; this is why a future that points into "
             "itself must be pinned before it is polled."),
          Hex(old_target));
    } else {
      return;
    }
    Add(std::move(q));
  }

  // [SECTION] The fold

  void Fold(int64_t step, const Event& e, bool memory) {
    switch (e.kind) {
      case EventKind::QueuePush:
        queue_.push_back(e.task);
        break;
      case EventKind::QueuePop:
        if (auto it = std::find(queue_.begin(), queue_.end(), e.task); it != queue_.end())
          queue_.erase(it);
        break;
      case EventKind::Transition:
        machine_state_[e.obj] = static_cast<int>(e.b);
        break;
      case EventKind::PollBegin:
        if (e.a == 0) poll_begin_step_[e.task] = step;
        if (auto it = machine_state_.find(e.obj); it != machine_state_.end())
          poll_start_state_[e.obj] = it->second;
        else
          poll_start_state_[e.obj] = 0;
        break;
      default:
        break;
    }
    if (memory) ApplyEvent(trace_, e, step, world_);
  }

  const Trace& trace_;
  const Program* program_;
  const Scenario* scenario_;
  std::vector<QuestionSpec> authored_;
  size_t limit_;
  std::vector<Question> out_;
  std::set<std::string> asked_;
  std::vector<int> queue_;
  std::map<int, int> machine_state_;        // object -> current state
  std::map<int, int> poll_start_state_;     // object -> state when its latest poll began
  std::map<int, int64_t> poll_begin_step_;  // task -> step of its latest top-level poll
  std::set<int> first_polled_;
  WorldState world_;  // only when the run moves memory
};

std::string GiftEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '~' || c == '=' || c == '#' || c == '{' || c == '}' || c == ':' || c == '\\')
      out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

}  // namespace

const char* QuestionKindName(QuestionKind k) {
  return kKindNames[static_cast<size_t>(k)];
}

std::vector<Question> DeriveQuestions(const Trace& trace, const Program* program,
                                      const Scenario* scenario, size_t limit) {
  return Deriver(trace, program, scenario, limit).Run();
}

std::string QuizJson(const std::vector<Question>& questions, const Scenario* scenario) {
  nlohmann::ordered_json doc;
  doc["scenario"] = scenario != nullptr ? scenario->id : "";
  doc["title"] = scenario != nullptr ? CurrentTexts(*scenario).title : "";
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Question& q : questions) {
    nlohmann::ordered_json j;
    j["ask_step"] = q.ask_step;
    j["step"] = q.step;
    j["kind"] = QuestionKindName(q.kind);
    j["prompt"] = q.prompt;
    j["choices"] = q.choices;
    j["answer"] = q.answer;
    j["answer_text"] = q.choices[static_cast<size_t>(q.answer)];
    j["explanation"] = q.explanation;
    list.push_back(std::move(j));
  }
  doc["questions"] = std::move(list);
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string QuizGift(const std::vector<Question>& questions, const Scenario* scenario) {
  std::string out;
  std::string title =
      scenario != nullptr && !scenario->title.empty() ? CurrentTexts(*scenario).title : "Awaitscope";
  out += fmt::format(
      "// {} — prediction questions (Awaitscope). Each is asked before the step\n"
      "// that answers it; step through the scenario to reveal.\n",
      title);
  if (scenario != nullptr && !scenario->id.empty())
    out += fmt::format("$CATEGORY: awaitscope/{}\n", scenario->id);
  out += "\n";
  for (size_t i = 0; i < questions.size(); ++i) {
    const Question& q = questions[i];
    out += fmt::format("::{} Q{} (step {})::{} {{\n", GiftEscape(title), i + 1, q.ask_step,
                       GiftEscape(q.prompt));
    for (size_t c = 0; c < q.choices.size(); ++c)
      out += fmt::format("\t{}{}\n", static_cast<int>(c) == q.answer ? '=' : '~',
                         GiftEscape(q.choices[c]));
    if (!q.explanation.empty()) out += fmt::format("\t####{}\n", GiftEscape(q.explanation));
    out += "}\n\n";
  }
  return out;
}

}  // namespace aws::present
