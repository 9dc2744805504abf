#include "present/machine_choice.h"

#include <algorithm>
#include <string>

namespace aws::present {
namespace {

// The current event's machine object (or the machine awaiting its leaf future), else the root
// future of its task; -1 when there is none.
int CurrentMachineObject(const Session& s) {
  const Trace& t = s.trace();
  const int64_t c = s.cursor();
  int task = 0;
  if (c >= 0 && c < s.size()) {
    const Event& e = t.events[size_t(c)];
    // A leaf future's event (a read starting, a waker registered) belongs to the machine awaiting it.
    int obj = e.obj;
    for (size_t hops = 0; obj >= 0 && size_t(obj) < t.objects.size() && hops <= t.objects.size(); ++hops) {
      if (t.objects[size_t(obj)].kind == ObjectKind::Machine) return obj;
      obj = t.objects[size_t(obj)].parent;
    }
    if (e.task >= 0) {
      task = e.task;
    } else if (s.state().running_task >= 0) {
      task = s.state().running_task;  // an interrupt during a poll: the task being polled
    } else {
      // A device or CPU event: the machine that moved last.
      int best = -1;
      int64_t best_step = -1;
      for (const auto& [obj, mv] : s.state().machines)
        if (mv.last_transition_step > best_step) best_step = mv.last_transition_step, best = obj;
      if (best >= 0) return best;
    }
  }
  if (task < 0 || size_t(task) >= t.tasks.size()) return -1;
  const int root = t.tasks[size_t(task)].root;
  if (root < 0 || size_t(root) >= t.objects.size() || t.objects[size_t(root)].kind != ObjectKind::Machine) return -1;
  return root;
}

int InstanceOf(const Session& s, int m, int preferred) {
  const Trace& t = s.trace();
  if (preferred >= 0 && size_t(preferred) < t.objects.size() && t.objects[size_t(preferred)].machine == m)
    return preferred;
  int best = -1;
  int64_t best_step = -2;
  for (const auto& [obj, mv] : s.state().machines) {
    if (obj < 0 || size_t(obj) >= t.objects.size() || t.objects[size_t(obj)].machine != m) continue;
    if (mv.last_transition_step > best_step) best = obj, best_step = mv.last_transition_step;
  }
  if (best >= 0) return best;
  // None has moved yet: the newest instance created so far (it is in its first state).
  for (size_t obj = 0; obj < t.objects.size(); ++obj)
    if (t.objects[obj].kind == ObjectKind::Machine && t.objects[obj].machine == m &&
        t.objects[obj].created_step <= s.cursor() &&
        (best < 0 || t.objects[obj].created_step >= t.objects[size_t(best)].created_step))
      best = int(obj);
  return best;
}

}  // namespace

MachineChoice ChooseMachine(const Session& s, int pinned) {
  MachineChoice c;
  const Program* p = s.program();
  if (p == nullptr || p->machines.empty()) return c;
  const int count = int(p->machines.size());
  const int current = CurrentMachineObject(s);
  const int followed = current >= 0 ? s.trace().objects[size_t(current)].machine : 0;
  c.machine = pinned >= 0 && pinned < count ? pinned : std::clamp(followed, 0, count - 1);
  c.object = InstanceOf(s, c.machine, current);
  if (c.object < 0) return c;
  const WorldState& w = s.state();
  if (auto it = w.machines.find(c.object); it != w.machines.end()) c.view = &it->second;
  c.created = s.trace().objects[size_t(c.object)].created_step <= s.cursor();
  const size_t states = p->machines[size_t(c.machine)].states.size();
  if (c.view != nullptr && c.view->state >= 0 && size_t(c.view->state) < states) c.state = c.view->state;
  else if (c.created && states > 0) c.state = 0;  // Unresumed until its first poll moves it
  c.polling = std::find(w.poll_stack.begin(), w.poll_stack.end(), c.object) != w.poll_stack.end();
  return c;
}

}  // namespace aws::present
