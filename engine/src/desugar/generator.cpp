// The whole machine (Desugarer::Run): the state structs, the enum and the `impl Future` around
// the arms; and the output every part of the generator writes through.
#include <fmt/format.h>

#include <algorithm>

#include "desugar/desugar_impl.h"

namespace aws::desugar_detail {

DesugaredCode Desugarer::Run() {
  DesugaredCode& code = code_;
  const CheckedProgram* cp = P.checked.get();
  if (!cp || M.body < 0 || M.body >= static_cast<int>(cp->bodies.size())) return std::move(code_);
  cp_ = cp;
  body_ = &cp->bodies[M.body];
  body_stack_ = {M.body};
  BuildIndex();
  for (const State& s : M.states) {
    if (s.kind == StateKind::Returned && !end_) end_ = &s;
    if (s.kind == StateKind::Suspend && s.await_expr) state_of_await_[s.await_expr] = &s;
  }
  end_label_ = end_ ? end_->label : "End";

  std::vector<std::string> arms(M.states.size());
  for (size_t i = 0; i < M.states.size(); ++i)
    if (M.states[i].kind != StateKind::Panicked) arms[i] = Arm(M.states[i]);

  // Appends text, returning the lines it occupies.
  std::string& out = code.text;
  uint32_t next_line = 1;
  auto append = [&](const std::string& text) {
    const auto n = static_cast<uint32_t>(std::count(text.begin(), text.end(), '\n'));
    out += text;
    LineRange r;
    if (n > 0) r = LineRange{next_line, next_line + n - 1};
    next_line += n;
    return r;
  };
  code.states.resize(M.states.size());
  append(Header());
  append("\n");
  for (size_t i = 0; i < M.states.size(); ++i) {
    const State& s = M.states[i];
    if (s.kind == StateKind::Panicked) continue;
    DesugaredState& d = code.states[i];
    d.struct_lines = append(StateStruct(s));
    for (size_t f = 0; f < s.fields.size(); ++f)  // `struct XState {`, then a field a line
      d.field_lines.push_back(d.struct_lines.first + 1 + static_cast<uint32_t>(f));
    append("\n");
  }
  // One variant per line after `enum X {`, in state order.
  uint32_t variant = append(EnumDecl()).first + 1;
  for (size_t i = 0; i < M.states.size(); ++i)
    if (M.states[i].kind != StateKind::Panicked) code.states[i].variant_line = variant++;
  append("\n");
  std::string output = M.output ? TypeName(M.output) : "()";
  append(fmt::format("impl Future for {} {{\n", M.enum_name));
  append(fmt::format("    type Output = {};\n\n", output));
  append(fmt::format("    fn poll(mut self: Pin<&mut Self>, cx: &mut Context) -> Poll<{}> {{\n",
                     output));
  append(uses_poll_label_ ? "        'poll: loop {\n" : "        loop {\n");
  append("            match self.as_mut().get_mut() {\n");
  for (size_t i = 0; i < M.states.size(); ++i)
    if (M.states[i].kind != StateKind::Panicked) code.states[i].arm = append(arms[i]);
  append("            }\n        }\n    }\n}\n\n");
  append(Constructor());
  return std::move(code_);
}

// [SECTION] declarations

std::string Desugarer::Header() const {
  if (body_->kind == BodyKind::AsyncFn)
    return fmt::format(
        "// The state machine generated for `async fn {}` (simplified; a real compiler uses "
        "generators).\n",
        M.name);
  std::string parent = body_->parent >= 0 && body_->parent < static_cast<int>(cp_->bodies.size())
                           ? cp_->bodies[body_->parent].name
                           : M.name;
  return fmt::format(
      "// The state machine generated for the `async` block on line {} of `{}`\n"
      "// (simplified; a real compiler uses generators).\n",
      M.line, parent);
}

std::string Desugarer::StateStruct(const State& s) const {
  if (s.fields.empty()) return fmt::format("struct {}State {{}}\n", s.label);
  std::string out = fmt::format("struct {}State {{\n", s.label);
  for (const StateField& f : s.fields) {
    out += fmt::format("    {}: {},", f.name, FieldTypeText(f.type));
    if (f.points_into >= 0 && f.points_into < static_cast<int>(s.fields.size()))
      out += fmt::format(" // points into `{}` of this same state", s.fields[f.points_into].name);
    out += "\n";
  }
  return out + "}\n";
}

std::string Desugarer::EnumDecl() const {
  std::vector<std::pair<std::string, std::string>> rows;
  size_t width = 0;
  for (const State& s : M.states) {
    if (s.kind == StateKind::Panicked) continue;
    rows.emplace_back(fmt::format("{}({}State),", s.label, s.label), s.name);
    width = std::max(width, rows.back().first.size());
  }
  std::string out = fmt::format("enum {} {{\n", M.enum_name);
  for (const auto& [variant, name] : rows)
    out += fmt::format("    {:<{}} // {}\n", variant, width, name);
  return out + "}\n";
}

std::string Desugarer::Constructor() const {
  const State* start = M.states.empty() ? nullptr : &M.states[0];
  std::string label = start ? start->label : "Start";
  std::string inits;
  if (start)
    for (size_t i = 0; i < start->fields.size(); ++i) {
      const StateField& f = start->fields[i];
      std::string local = LocalName(f.slot);
      if (local.empty()) local = f.name;
      bool by_ref = f.slot >= 0 && f.slot < static_cast<int>(body_->locals.size()) &&
                    body_->locals[f.slot].capture_by_ref;
      if (by_ref) local = "&" + local;  // a non-`move` block borrows what it captures
      inits += (i ? ", " : "") + (local == f.name ? f.name : f.name + ": " + local);
    }
  std::string value = fmt::format("{}::{}({}State {{{}}})", M.enum_name, label, label,
                                  inits.empty() ? "" : " " + inits + " ");
  if (body_->kind == BodyKind::AsyncFn && body_->fn) {
    const FnDecl& fn = *body_->fn;
    std::string params;
    for (size_t i = 0; i < fn.params.size(); ++i) {
      const Param& p = fn.params[i];
      std::string type = p.type
                             ? std::string(Src(p.type->span))
                             : TypeName(i < fn.param_types.size() ? fn.param_types[i] : nullptr);
      params += fmt::format("{}{}{}: {}", i ? ", " : "", p.is_mut ? "mut " : "", p.name, type);
    }
    return fmt::format("fn {}({}) -> {} {{\n    {}\n}}\n", fn.name, params, M.enum_name, value);
  }
  return fmt::format(
      "// Evaluating the `async` block only builds the first state, holding what it captures:\n"
      "//     {}\n",
      value);
}

// [SECTION] output

void Desugarer::Line(int indent, std::string_view text) {
  if (truncated_) return;
  out_ += Pad(indent);
  out_ += text;
  out_ += "\n";
}

// Guards against pathological inputs: the text stays bounded and the recursion finite.
bool Desugarer::Spend() {
  if (truncated_) return false;
  if (++steps_ > kMaxSteps || out_.size() > kMaxChars) {
    truncated_ = true;
    out_ += "// ... (the rest is left out: the generated text grew too long)\n";
    return false;
  }
  return true;
}

std::string Desugarer::Capture(const std::function<void()>& f) {
  std::string saved;
  saved.swap(out_);
  f();
  saved.swap(out_);
  return saved;
}

std::string_view Desugarer::Src(Span s) const {
  const std::string& text = cp_->source ? cp_->source->text() : empty_;
  if (s.begin > s.end || s.end > text.size()) return {};
  return std::string_view(text).substr(s.begin, s.end - s.begin);
}

std::string Desugarer::LocalName(int slot) const {
  if (slot < 0 || slot >= static_cast<int>(body_->locals.size())) return {};
  return body_->locals[slot].name;
}

}  // namespace aws::desugar_detail
