// How values print: `{}`/`{:?}` formatting, and the text the trace shows for a value.
#include <fmt/format.h>

#include <algorithm>

#include "runtime/emulator.h"

namespace aws::emu {

namespace {

// A whole number of ms as std's `{:?}` prints a Duration: `50ms`, `1.5s`, `2s`, `0ns`.
std::string DurationDebug(int64_t ms) {
  if (ms == 0) return "0ns";
  if (ms < 1000) return fmt::format("{}ms", ms);
  std::string frac = fmt::format("{:03}", ms % 1000);
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  return fmt::format("{}{}{}s", ms / 1000, frac.empty() ? "" : ".", frac);
}

}  // namespace

std::string Emulator::Show(const Value& v, bool debug, int depth) {
  if (depth > 8) return "...";
  switch (v.k) {
    case Value::K::Uninit: return "<uninit>";
    case Value::K::Moved: return "<moved>";
    case Value::K::Unit: return "()";
    case Value::K::Bool: return v.i ? "true" : "false";
    case Value::K::Int: return fmt::format("{}", v.i);
    case Value::K::Char: return debug ? fmt::format("'{}'", char(v.i)) : std::string(1, char(v.i));
    case Value::K::Str: return debug ? Quote(v.s) : v.s;
    case Value::K::Duration:
      if (v.s == "Instant")  // std's Debug on Linux: a timespec (here, of the virtual clock)
        return fmt::format("Instant {{ tv_sec: {}, tv_nsec: {} }}", v.i / 1000, (v.i % 1000) * 1000000);
      return debug ? DurationDebug(v.i) : fmt::format("{}ms", v.i);
    case Value::K::Error: return debug ? fmt::format("Error({})", Quote(v.s)) : v.s;
    case Value::K::Array: {
      if (v.s == "arrayqueue") return "ArrayQueue { .. }";
      if (v.s == "map") {  // BTreeMap: {key: value, ..}
        std::string s = "{";
        for (size_t i = 0; i < v.v.size() && v.v[i].v.size() == 2; ++i)
          s += (i ? ", " : "") + Show(v.v[i].v[0], true, depth + 1) + ": " + Show(v.v[i].v[1], true, depth + 1);
        return s + "}";
      }
      std::string s = "[";
      for (size_t i = 0; i < v.v.size(); ++i) {
        if (i == 16) { s += ", ..."; break; }
        s += (i ? ", " : "") + Show(v.v[i], true, depth + 1);
      }
      return s + "]";
    }
    case Value::K::Tuple: {
      std::string s = "(";
      for (size_t i = 0; i < v.v.size(); ++i) s += (i ? ", " : "") + Show(v.v[i], true, depth + 1);
      return s + (v.v.size() == 1 ? ",)" : ")");
    }
    case Value::K::Struct: {
      if (IsLibPointer(v)) {  // Arc and MutexGuard print what they point at
        Value copy = v;
        return Show(Deref(copy), debug, depth + 1);
      }
      if (v.mode == kLibMutex && v.s == "RefCell")  // std's Debug: the value unless borrowed mutably
        return fmt::format("RefCell {{ value: {} }}", v.i < 0 ? "<borrowed>" : Show(v.v[0], true, depth + 1));
      if (v.mode == kLibMutex)
        return fmt::format("Mutex {{ data: {}, poisoned: false, .. }}", v.i ? "<locked>" : Show(v.v[0], true, depth + 1));
      if (v.mode == kLibRefCell && v.i < 0) return "RefCell { value: <borrowed> }";
      if (v.mode == kLibChannelEnd || v.mode == kLibEntry) return v.s + " { .. }";
      if (v.mode == kLibNet) return ShowNetValue(v);
      if (v.mode == kLibStatic) return ShowStaticsValue(v, depth);
      if (!v.names.empty() && v.names[0] == "0") {  // a tuple struct: `TaskId(3)`, as derived Debug prints it
        std::string s = v.s + "(";
        for (size_t i = 0; i < v.v.size(); ++i) s += (i ? ", " : "") + Show(v.v[i], true, depth + 1);
        return s + ")";
      }
      // A struct without fields (`struct Song;`, `struct Song {}`) is its name, as derived Debug prints it.
      if (v.v.empty()) return v.s;
      std::string s = v.s + " { ";
      for (size_t i = 0; i < v.v.size(); ++i) s += (i ? ", " : "") + v.names[i] + ": " + Show(v.v[i], true, depth + 1);
      return s + " }";
    }
    case Value::K::Variant: {
      if (!v.names.empty()) {  // a script enum's braced variant: `Get { key: "a", n: 1 }`
        std::string s = v.s + " { ";
        for (size_t i = 0; i < v.v.size() && i < v.names.size(); ++i)
          s += (i ? ", " : "") + v.names[i] + ": " + Show(v.v[i], true, depth + 1);
        return s + " }";
      }
      if (v.v.empty()) return v.s;
      std::string s = v.s + "(";
      for (size_t i = 0; i < v.v.size(); ++i) s += (i ? ", " : "") + Show(v.v[i], true, depth + 1);
      return s + ")";
    }
    case Value::K::Ref: return "&" + PlaceName(v);
    case Value::K::RawPtr: return v.i == 0 && v.obj < 0 ? "0x0 (null)" : "*" + PlaceName(v);
    case Value::K::Future: {
      int id = static_cast<int>(v.i);
      if (id < 0 || id >= static_cast<int>(objs_.size())) return "<future>";
      const Obj& o = objs_[id];
      std::string st;
      if (o.k == Obj::K::Machine && o.machine >= 0) st = " " + P.machines[o.machine].states[o.state].label;
      return fmt::format("<{}#{}{}>", T.objects[id].name, id, st);
    }
    case Value::K::Closure: return "<closure>";
    case Value::K::Iter:
      switch (v.mode) {
        case kIterRange: return fmt::format("{}..{}", v.i, v.end);
        case kIterMap: return "Map(" + Show(v.v[0], debug, depth + 1) + ")";
        case kIterFilter: return "Filter(" + Show(v.v[0], debug, depth + 1) + ")";
        case kIterEnumerate: return fmt::format("Enumerate({}, count: {})", Show(v.v[0], debug, depth + 1), v.i);
        case kIterZip: return "Zip(" + Show(v.v[0], debug, depth + 1) + ", " + Show(v.v[1], debug, depth + 1) + ")";
        default: return fmt::format("<iter {}/{}{}>", v.i, v.end, v.rev ? " rev" : "");
      }
    case Value::K::Stream: return "ScancodeStream";
    case Value::K::Phantom: return "PhantomPinned";
    case Value::K::Waker: return v.i < 0 ? "Waker(noop)" : fmt::format("Waker(W{})", v.i);
    case Value::K::Context: return "Context { waker: " + (v.v.empty() ? std::string("?") : Show(v.v[0], debug, depth + 1)) + " }";
  }
  return "?";
}

std::string Emulator::PlaceName(const Value& r) {
  if (r.obj < 0 || r.obj >= static_cast<int>(objs_.size())) return "?";
  const Obj& o = objs_[r.obj];
  std::string s;
  if (r.obj == statics_obj_ && r.slot >= 0 && static_cast<size_t>(r.slot) < P.checked->module.fns.size())
    s = P.checked->module.fns[r.slot]->name;  // a static
  else if (o.k == Obj::K::Box) s = fmt::format("heap#{}", r.obj);
  else if (o.body >= 0 && r.slot >= 0 && r.slot < static_cast<int>(P.ir[o.body].slots.size())) s = P.ir[o.body].slots[r.slot].name;
  else s = "?";
  for (int32_t i : r.path) s += fmt::format("[{}]", i);
  return s;
}

// What `{}`/`{:?}` print: references inside a value (`Some(&x)`, items of `enumerate`) print
// as what they point at, as Rust's Display and Debug do.
Value Emulator::Printable(const Value& v, int depth) {
  Value out = Load(v);
  if (depth > 8) return out;
  if (out.k == Value::K::Array || out.k == Value::K::Tuple || out.k == Value::K::Struct || out.k == Value::K::Variant)
    for (Value& e : out.v)
      if (e.Usable()) e = Printable(e, depth + 1);
  return out;
}

std::string Emulator::Format(const std::string& fmt_text, const std::vector<Value>& args) {
  std::string out;
  size_t next = 0;
  for (size_t i = 0; i < fmt_text.size(); ++i) {
    char c = fmt_text[i];
    if (c == '{' && i + 1 < fmt_text.size() && fmt_text[i + 1] == '{') { out += '{'; ++i; continue; }
    if (c == '}' && i + 1 < fmt_text.size() && fmt_text[i + 1] == '}') { out += '}'; ++i; continue; }
    if (c == '{') {
      size_t close = fmt_text.find('}', i);
      std::string spec = fmt_text.substr(i + 1, close - i - 1);
      Value a = next < args.size() ? Load(args[next]) : Value::Unit();
      ++next;
      if (spec == ":p" && mem_on_) out += FormatPointer(args[next - 1]);
      else if (spec == ":p") out += fmt::format("{}", args[next - 1].k == Value::K::Ref ? "&" + PlaceName(args[next - 1]) : Show(a, true));
      else if (spec == ":x") out += fmt::format("{:x}", a.i);
      else if (spec == ":#x") out += fmt::format("{:#x}", a.i);
      else if (spec == ":X") out += fmt::format("{:X}", a.i);
      else if (spec == ":#X") out += fmt::format("{:#X}", a.i);
      else out += Show(Printable(a), spec == ":?" || spec == ":#?");
      i = close;
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace aws::emu
