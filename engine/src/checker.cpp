// The checker's entry point and the helpers every part of it uses. The checker itself is split
// by concept under engine/src/check/ (see check/checker_impl.h for the index).
#include "awaitscope/checker.h"

#include <fmt/format.h>

#include "awaitscope/parser.h"
#include "check/checker_impl.h"

namespace aws {
namespace check {

void Checker::Error(Span s, std::string msg) {
  if (quiet_) return;
  d_.Error(err_src_ ? *err_src_ : src_, s, std::move(msg));
}

void Checker::ErrorCode(Span s, const char* code, std::string msg) {
  if (quiet_) return;
  d_.ErrorWithCode(err_src_ ? *err_src_ : src_, s, code, std::move(msg));
}

void Checker::Mismatch(Span at, TypeRef want, TypeRef got) {
  ErrorCode(at, "E0308", fmt::format("mismatched types: expected {}, found {}", Quoted(want), Quoted(got)));
}

// As rustc words a type in a mismatch: `u64`, or `integer` for a literal's still open type.
std::string Checker::Quoted(TypeRef t) {
  t = Z(t);
  return t->IsVar() && t->kind == TypeKind::Int ? "integer" : "`" + TypeName(t) + "`";
}

// E0282: a type the body does not determine.
TypeRef Checker::NeedAnnotation(Span at) {
  ErrorCode(at, "E0282", "type annotations needed");
  return T.Error();
}

// A use of an item that did not parse. Its syntax error is the message; but the body using it is
// incomplete (the use has no meaning), so neither it nor the bodies around it are lowered.
void Checker::UsesBrokenItem() {
  for (int b = cur_; b >= 0; b = p_.bodies[b].parent) p_.bodies[b].bad = true;
}

}  // namespace check

const char* BinOpText(BinOp op) {
  switch (op) {
    case BinOp::Add: return "+";
    case BinOp::Sub: return "-";
    case BinOp::Mul: return "*";
    case BinOp::Div: return "/";
    case BinOp::Rem: return "%";
    case BinOp::And: return "&&";
    case BinOp::Or: return "||";
    case BinOp::BitAnd: return "&";
    case BinOp::BitOr: return "|";
    case BinOp::BitXor: return "^";
    case BinOp::Shl: return "<<";
    case BinOp::Shr: return ">>";
    case BinOp::Eq: return "==";
    case BinOp::Ne: return "!=";
    case BinOp::Lt: return "<";
    case BinOp::Le: return "<=";
    case BinOp::Gt: return ">";
    case BinOp::Ge: return ">=";
  }
  return "?";
}

const Body* CheckedProgram::FindFnBody(std::string_view name) const {
  for (const Body& b : bodies)
    if (b.fn && b.fn->name == name) return &b;
  return nullptr;
}

std::unique_ptr<CheckedProgram> CheckScript(std::unique_ptr<SourceFile> src, const std::vector<OpSpec>& ops,
                                            Diagnostics& diags) {
  auto prog = std::make_unique<CheckedProgram>();
  prog->source = std::move(src);
  prog->module = Parse(*prog->source, diags);
  check::Checker(*prog, diags).Run(ops);
  return prog;
}

}  // namespace aws
