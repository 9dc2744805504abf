// What a trace's ids designate, bounds-checked (a trace may come from a file): the object, the
// state machine of an object, a state of a machine. Shared by the narration and the quiz.
#pragma once
#include <cstdint>

#include "awaitscope/lower.h"
#include "awaitscope/trace.h"

namespace aws::present {

inline const ObjectInfo* ObjectAt(const Trace& trace, int id) {
  if (id < 0 || static_cast<size_t>(id) >= trace.objects.size()) return nullptr;
  return &trace.objects[static_cast<size_t>(id)];
}

// The machine an object runs (null for leaf futures and combinators, or without a program).
inline const Machine* MachineOfObject(const Trace& trace, const Program* program, int id) {
  const ObjectInfo* o = ObjectAt(trace, id);
  if (program == nullptr || o == nullptr || o->kind != ObjectKind::Machine || o->machine < 0 ||
      static_cast<size_t>(o->machine) >= program->machines.size())
    return nullptr;
  return &program->machines[static_cast<size_t>(o->machine)];
}

inline const State* StateAt(const Machine* m, int64_t index) {
  if (m == nullptr || index < 0 || static_cast<size_t>(index) >= m->states.size()) return nullptr;
  return &m->states[static_cast<size_t>(index)];
}

}  // namespace aws::present
