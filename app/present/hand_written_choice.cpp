#include "present/hand_written_choice.h"

#include <algorithm>
#include <set>

#include "awaitscope/checker.h"

namespace aws::present {

std::vector<HandWrittenEntry> HandWrittenFutures(const Program& p) {
  std::vector<HandWrittenEntry> out;
  if (!p.checked) return out;
  const CheckedProgram& cp = *p.checked;
  const SourceFile& src = *cp.source;
  std::set<const StructDecl*> seen;
  for (const auto& [instance, hw] : cp.hand_written) {
    // A generic struct's instances (`StringLen<F>` in its impl, `StringLen<impl Future..>` where
    // it is used) are one entry: their declaration's.
    if (instance == nullptr || hw.poll == nullptr) continue;
    const StructDecl* decl = instance->generic_origin != nullptr ? instance->generic_origin : instance;
    if (!seen.insert(decl).second) continue;
    HandWrittenEntry e;
    e.decl = decl;
    e.name = decl->name;
    if (!decl->generics.empty()) {
      e.name += '<';
      for (size_t i = 0; i < decl->generics.size(); ++i) e.name += (i ? ", " : "") + decl->generics[i].name;
      e.name += '>';
    }
    e.output = hw.output ? TypeName(hw.output) : "?";
    for (const FieldDecl& f : decl->fields)
      e.fields.push_back({f.name, f.type ? std::string(src.Slice(f.type->span)) : "?"});
    const Span s = hw.poll->span;
    if (s.end > s.begin && s.end <= src.text().size()) {
      e.poll_first_line = src.LineOf(s.begin);
      e.poll_last_line = src.LineOf(s.end - 1);
      for (uint32_t off = s.begin; off < s.end;) {
        const std::string_view line = src.LineText(off);
        e.poll_lines.emplace_back(line);
        const size_t nl = src.text().find('\n', off);
        if (nl == std::string::npos) break;
        off = uint32_t(nl + 1);
      }
    }
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(), [](const HandWrittenEntry& a, const HandWrittenEntry& b) {
    return a.decl->span.begin < b.decl->span.begin;
  });
  return out;
}

int HandWrittenEntryOf(const std::vector<HandWrittenEntry>& entries, const ObjectInfo& o) {
  if (o.kind != ObjectKind::Leaf) return -1;
  for (size_t i = 0; i < entries.size(); ++i) {
    const std::string& n = entries[i].decl->name;
    if (o.name == n || (o.name.size() > n.size() && o.name.compare(0, n.size(), n) == 0 && o.name[n.size()] == '<'))
      return int(i);
  }
  return -1;
}

namespace {

int EntryOfObject(const Session& s, const std::vector<HandWrittenEntry>& entries, int obj) {
  const auto& objects = s.trace().objects;
  if (obj < 0 || size_t(obj) >= objects.size()) return -1;
  return HandWrittenEntryOf(entries, objects[size_t(obj)]);
}

}  // namespace

int CurrentHandWrittenObject(const Session& s, const std::vector<HandWrittenEntry>& entries) {
  if (entries.empty()) return -1;
  const int64_t c = s.cursor();
  if (c < 0 || c >= s.size()) return -1;
  const Event& e = s.trace().events[size_t(c)];
  // The poll of a hand-written future that just ended (it is off the poll stack by then).
  if ((e.kind == EventKind::PollBegin || e.kind == EventKind::PollEnd) && EntryOfObject(s, entries, e.obj) >= 0)
    return e.obj;
  const std::vector<int>& stack = s.state().poll_stack;
  for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
    if (EntryOfObject(s, entries, *it) >= 0) return *it;
    // Its code polling an inner future is its own; a state machine polled from it is not.
    if (s.trace().objects[size_t(*it)].kind == ObjectKind::Machine) break;
  }
  return -1;
}

HandWrittenChoice ChooseHandWritten(const Session& s, const std::vector<HandWrittenEntry>& entries, int entry,
                                    int current_object) {
  HandWrittenChoice ch;
  if (entry < 0 || size_t(entry) >= entries.size()) return ch;
  ch.entry = entry;
  const Trace& t = s.trace();
  const int64_t cursor = std::min<int64_t>(s.cursor(), s.size() - 1);
  if (current_object >= 0 && EntryOfObject(s, entries, current_object) == entry) {
    ch.object = current_object;
  } else {
    // The instance polled last, else the newest one created.
    for (int64_t i = cursor; i >= 0 && ch.object < 0; --i) {
      const Event& e = t.events[size_t(i)];
      if (e.kind == EventKind::PollBegin && EntryOfObject(s, entries, e.obj) == entry) ch.object = e.obj;
    }
    for (size_t o = 0; ch.object < 0 && o < t.objects.size(); ++o)
      if (t.objects[o].created_step <= cursor && HandWrittenEntryOf(entries, t.objects[o]) == entry)
        ch.object = int(o);
  }
  if (ch.object < 0) return ch;
  // Its polls up to the cursor, and what the last one polled (one level down).
  int depth = -1;
  for (int64_t i = 0; i <= cursor; ++i) {
    const Event& e = t.events[size_t(i)];
    if (e.kind != EventKind::PollBegin && e.kind != EventKind::PollEnd) continue;
    if (e.obj == ch.object) {
      if (e.kind == EventKind::PollBegin) {
        ++ch.polls;
        depth = int(e.a);
        ch.inner.clear();
        ch.polling = true;
      } else {
        ch.polling = false;
        ch.last_result = e.b == 1 ? 1 : 0;
        if (e.b == 1) ch.ready = true;
        else ++ch.pending;
      }
    } else if (ch.polling && e.a == depth + 1) {
      if (e.kind == EventKind::PollBegin) {
        ch.inner.push_back({e.obj, size_t(e.obj) < t.objects.size() ? t.objects[size_t(e.obj)].name : "?", -1});
      } else if (!ch.inner.empty() && ch.inner.back().object == e.obj) {
        ch.inner.back().result = e.b == 1 ? 1 : 0;
      }
    }
  }
  const HandWrittenEntry& en = entries[size_t(entry)];
  if (ch.polling && cursor >= 0) {
    const uint32_t line = t.events[size_t(cursor)].line;
    if (line >= en.poll_first_line && line <= en.poll_last_line) ch.line = line;
  }
  return ch;
}

ShownFuture ChooseShownFuture(const Session& s, const std::vector<HandWrittenEntry>& entries, int pinned) {
  ShownFuture out;
  const Program* p = s.program();
  if (p == nullptr) return out;
  const int machines = int(p->machines.size());
  if (pinned >= machines && pinned < machines + int(entries.size())) {
    out.hand_written = pinned - machines;
    out.future = ChooseHandWritten(s, entries, out.hand_written, CurrentHandWrittenObject(s, entries));
    return out;
  }
  if (pinned < 0 || pinned >= machines) {
    const int current = CurrentHandWrittenObject(s, entries);
    const int entry = current >= 0 ? HandWrittenEntryOf(entries, s.trace().objects[size_t(current)])
                      : machines == 0 && !entries.empty() ? 0 : -1;
    if (entry >= 0) {
      out.hand_written = entry;
      out.future = ChooseHandWritten(s, entries, entry, current);
      return out;
    }
  }
  out.machine = ChooseMachine(s, pinned < machines ? pinned : -1);
  return out;
}

}  // namespace aws::present
