// The borrow checker's entry point (see borrowck/borrowck_impl.h for where each concept lives).
#include <fmt/format.h>

#include <algorithm>

#include "borrowck/borrowck_impl.h"

namespace aws {
namespace borrowck {

std::vector<Issue> BodyChecker::Run() {
  if (n_ == 0) return {};
  // A pathological body (thousands of blocks and slots) is left alone rather than spending
  // quadratic memory on it; the subset's programs are far below this.
  if (static_cast<uint64_t>(n_) * static_cast<uint64_t>(slots_) > (uint64_t{1} << 24)) return {};
  Prepare();
  MoveFlow();
  Loans();
  Liveness();
  Report();
  std::stable_sort(issues_.begin(), issues_.end(), [](const Issue& a, const Issue& b) { return a.span.begin < b.span.begin; });
  return std::move(issues_);
}

// [SECTION] lifetime elision in signatures
// The `&` types (written without a lifetime) inside a type, in order.
void RefsWithoutLifetime(const TypeExpr& t, const SourceFile& src, std::vector<const TypeExpr*>& out, int* all_refs) {
  if (t.kind == TypeExpr::Kind::Ref) {
    ++*all_refs;
    std::string_view rest = src.text();
    size_t at = t.span.begin + 1;
    while (at < rest.size() && (rest[at] == ' ' || rest[at] == '&')) ++at;
    if (at >= rest.size() || rest[at] != '\'') out.push_back(&t);
  }
  for (const TypeExprPtr& a : t.args)
    if (a) RefsWithoutLifetime(*a, src, out, all_refs);
}

// rustc's E0106: a reference in the return type needs exactly one reference among the
// parameters to take its lifetime from (the subset has no `self`, so that is the whole rule).
// Returns the functions with such an error (rustc stops before borrow-checking them).
std::set<const FnDecl*> CheckElision(const CheckedProgram& prog, Diagnostics& diags) {
  std::set<const FnDecl*> failed;
  const SourceFile& src = *prog.source;
  for (const auto& fn : prog.module.fns) {
    if (!fn->ret || fn->has_syntax_errors || fn->generic_origin) continue;  // an instance: its origin says it
    if (fn->is_const || fn->is_static) continue;  // `const S: &str`: a reference in an item's type is `'static`
    std::vector<const TypeExpr*> missing;
    int ret_refs = 0;
    RefsWithoutLifetime(*fn->ret, src, missing, &ret_refs);
    if (missing.empty()) continue;
    int inputs = 0;
    std::vector<const TypeExpr*> unused;
    for (const Param& p : fn->params)
      if (p.type) RefsWithoutLifetime(*p.type, src, unused, &inputs);
    if (inputs == 1) continue;
    failed.insert(fn.get());
    diags.ErrorWithCode(src, Span{missing[0]->span.begin, missing[0]->span.begin + 1}, "E0106", "missing lifetime specifier");
    diags.Note(src, missing[0]->span,
               inputs == 0 ? "this function's return type contains a borrowed value, but there is no value for it to be "
                             "borrowed from"
                           : "this function's return type contains a borrowed value, but the signature does not say "
                             "which one of the parameters it is borrowed from");
  }
  return failed;
}

}  // namespace borrowck

void CheckBorrows(const CheckedProgram& prog, const std::vector<IrBody>& ir, Diagnostics& diags) {
  const SourceFile& src = *prog.source;
  const std::set<const FnDecl*> unelided = borrowck::CheckElision(prog, diags);
  // The instances of a generic function share its source: an error there is said once.
  std::set<std::tuple<uint32_t, uint32_t, std::string, std::string>> said;
  for (const IrBody& body : ir) {
    if (body.body < 0 || body.blocks.empty()) continue;
    const FnDecl* fn = prog.bodies[body.body].fn;
    if (unelided.count(fn)) continue;
    // An instance of a generic function: its generic definition was checked, as rustc does.
    bool instance = false;
    for (int b = body.body; b >= 0 && !instance; b = prog.bodies[b].parent)
      instance = prog.bodies[b].fn && prog.bodies[b].fn->generic_origin;
    if (instance) continue;
    for (const borrowck::Issue& is : borrowck::BodyChecker(prog, body, ir).Run()) {
      if (!said.emplace(is.span.begin, is.span.end, is.code, is.message).second) continue;
      diags.ErrorWithCode(src, is.span, is.code, is.message);
      std::vector<std::pair<Span, std::string>> notes = is.notes;
      std::stable_sort(notes.begin(), notes.end(), [](const auto& a, const auto& b) { return a.first.begin < b.first.begin; });
      for (const auto& [span, text] : notes) diags.Note(src, span, text);
    }
  }
}

}  // namespace aws
