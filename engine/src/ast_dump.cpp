// Indented dump of the syntax tree: one node per line, children indented by two spaces.
#include <fmt/format.h>

#include "awaitscope/ast.h"

namespace aws {
namespace {

void DumpExpr(const Expr& e, int depth, std::string& out);

void Line(int depth, const std::string& text, std::string& out) {
  out += std::string(static_cast<size_t>(depth) * 2, ' ') + text + "\n";
}

std::string PatText(const Pattern& p) {
  switch (p.kind) {
    case Pattern::Kind::Wild: return "_";
    case Pattern::Kind::Bind: return (p.is_mut ? "mut " : "") + p.name;
    case Pattern::Kind::Lit: return p.lit ? (p.lit->kind == ExprKind::StrLit ? fmt::format("{:?}", p.lit->name) : p.lit->name.empty() ? fmt::format("{}", p.lit->int_value) : p.lit->name) : "?";
    case Pattern::Kind::Tuple: {
      std::string s = "(";
      for (size_t i = 0; i < p.subs.size(); ++i) s += (i ? ", " : "") + PatText(*p.subs[i]);
      return s + ")";
    }
    case Pattern::Kind::Path: {
      std::string s;
      for (size_t i = 0; i < p.path.size(); ++i) s += (i ? "::" : "") + p.path[i];
      if (!p.has_parens) return s;
      s += "(";
      for (size_t i = 0; i < p.subs.size(); ++i) s += (i ? ", " : "") + PatText(*p.subs[i]);
      return s + ")";
    }
    case Pattern::Kind::Struct: {
      std::string s;
      for (size_t i = 0; i < p.path.size(); ++i) s += (i ? "::" : "") + p.path[i];
      s += " {";
      for (size_t i = 0; i < p.subs.size(); ++i) s += (i ? ", " : " ") + p.field_names[i] + ": " + PatText(*p.subs[i]);
      if (p.has_rest) s += p.subs.empty() ? " .." : ", ..";
      return s + " }";
    }
  }
  return "?";
}

void DumpBlockBody(const Expr& e, int depth, std::string& out) {
  for (const StmtPtr& s : e.stmts) {
    if (s->kind == Stmt::Kind::Let) {
      Line(depth, fmt::format("Let {}", PatText(*s->pat)), out);
      if (s->init) DumpExpr(*s->init, depth + 1, out);
    } else if (s->kind == Stmt::Kind::Expr) {
      Line(depth, s->has_semi ? "ExprStmt;" : "ExprStmt", out);
      DumpExpr(*s->init, depth + 1, out);
    }
  }
  if (e.tail) {
    Line(depth, "Tail", out);
    DumpExpr(*e.tail, depth + 1, out);
  }
}

void DumpExpr(const Expr& e, int depth, std::string& out) {
  std::string head = ExprKindName(e.kind);
  switch (e.kind) {
    case ExprKind::IntLit: head += fmt::format(" {}{}", e.int_value, e.suffix); break;
    case ExprKind::StrLit: head += fmt::format(" {:?}", e.name); break;
    case ExprKind::BoolLit: head += e.flag ? " true" : " false"; break;
    case ExprKind::Path: case ExprKind::StructLit: {
      head += " ";
      for (size_t i = 0; i < e.path.size(); ++i) head += (i ? "::" : "") + e.path[i];
      break;
    }
    case ExprKind::Field: case ExprKind::MethodCall: case ExprKind::MacroCall: head += " " + e.name; break;
    case ExprKind::TupleField: head += fmt::format(" {}", e.tuple_index); break;
    case ExprKind::Binary: case ExprKind::CompoundAssign: head += fmt::format(" {}", BinOpText(e.bin_op)); break;
    case ExprKind::Unary: head += e.un_op == UnOp::Neg ? " -" : " !"; break;
    case ExprKind::Ref: head += e.flag ? " mut" : ""; break;
    case ExprKind::Closure: case ExprKind::AsyncBlock: head += e.flag ? " move" : ""; break;
    case ExprKind::For: case ExprKind::IfLet: case ExprKind::WhileLet: head += " " + PatText(*e.pat); break;
    default: break;
  }
  Line(depth, head, out);
  for (const ClosureParam& p : e.params) Line(depth + 1, "Param " + p.name, out);
  for (const FieldInit& f : e.fields) {
    Line(depth + 1, "Field " + f.name, out);
    DumpExpr(*f.value, depth + 2, out);
  }
  if (e.operand) DumpExpr(*e.operand, depth + 1, out);
  if (e.lhs) DumpExpr(*e.lhs, depth + 1, out);
  if (e.rhs) DumpExpr(*e.rhs, depth + 1, out);
  if (e.cond) DumpExpr(*e.cond, depth + 1, out);
  for (const auto& a : e.args) DumpExpr(*a, depth + 1, out);
  if (e.kind == ExprKind::Block || e.kind == ExprKind::Unsafe) DumpBlockBody(e, depth + 1, out);
  if (e.body) DumpExpr(*e.body, depth + 1, out);
  if (e.else_) DumpExpr(*e.else_, depth + 1, out);
  for (const MatchArm& a : e.arms) {
    Line(depth + 1, "Arm " + PatText(*a.pat), out);
    if (a.guard) DumpExpr(*a.guard, depth + 2, out);
    DumpExpr(*a.body, depth + 2, out);
  }
}

}  // namespace

const char* ExprKindName(ExprKind k) {
  switch (k) {
    case ExprKind::IntLit: return "Int";
    case ExprKind::StrLit: return "Str";
    case ExprKind::BoolLit: return "Bool";
    case ExprKind::CharLit: return "Char";
    case ExprKind::Unit: return "Unit";
    case ExprKind::Path: return "Path";
    case ExprKind::Array: return "Array";
    case ExprKind::ArrayRepeat: return "ArrayRepeat";
    case ExprKind::VecMacro: return "Vec";
    case ExprKind::Tuple: return "Tuple";
    case ExprKind::StructLit: return "StructLit";
    case ExprKind::Index: return "Index";
    case ExprKind::Field: return "Field";
    case ExprKind::TupleField: return "TupleField";
    case ExprKind::Call: return "Call";
    case ExprKind::MethodCall: return "MethodCall";
    case ExprKind::MacroCall: return "Macro";
    case ExprKind::Unary: return "Unary";
    case ExprKind::Binary: return "Binary";
    case ExprKind::Assign: return "Assign";
    case ExprKind::CompoundAssign: return "CompoundAssign";
    case ExprKind::Cast: return "Cast";
    case ExprKind::Ref: return "Ref";
    case ExprKind::Deref: return "Deref";
    case ExprKind::Range: return "Range";
    case ExprKind::Await: return "Await";
    case ExprKind::Try: return "Try";
    case ExprKind::Block: return "Block";
    case ExprKind::Unsafe: return "Unsafe";
    case ExprKind::If: return "If";
    case ExprKind::IfLet: return "IfLet";
    case ExprKind::Match: return "Match";
    case ExprKind::Loop: return "Loop";
    case ExprKind::While: return "While";
    case ExprKind::WhileLet: return "WhileLet";
    case ExprKind::For: return "For";
    case ExprKind::Break: return "Break";
    case ExprKind::Continue: return "Continue";
    case ExprKind::Return: return "Return";
    case ExprKind::Closure: return "Closure";
    case ExprKind::AsyncBlock: return "AsyncBlock";
    case ExprKind::Error: return "Error";
  }
  return "?";
}

std::string DumpAst(const Module& m) {
  std::string out;
  for (const auto& s : m.structs) {
    out += "struct " + s->name + "\n";
    for (const FieldDecl& f : s->fields) out += "  field " + f.name + "\n";
  }
  for (const auto& t : m.traits) {
    out += "trait " + t->name + "\n";
    for (const std::string& a : t->assoc_types) out += "  type " + a + "\n";
    for (const TraitDecl::Method& fm : t->methods)
      out += fmt::format("  fn {} ({})\n", fm.name, fm.has_default ? "provided" : "required");
  }
  for (const auto& im : m.impls) {
    out += "impl " + (im->trait_name.empty() ? "" : im->trait_name + " for ") + im->self_type + "\n";
    for (const AssocType& a : im->types) out += "  type " + a.name + "\n";
    for (const FnDecl* f : im->fns) out += "  fn " + f->name + "\n";
  }
  for (const auto& f : m.fns) {
    std::string params;
    for (size_t i = 0; i < f->params.size(); ++i) params += (i ? ", " : "") + f->params[i].name;
    out += fmt::format("{}fn {}({})\n", f->is_async ? "async " : "", f->name, params);
    DumpExpr(*f->body, 1, out);
  }
  return out;
}

}  // namespace aws
