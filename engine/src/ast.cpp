// Syntax tree helpers: the lookups of a module's items, and those that must not recurse per level
// (destruction and the depth limit).
#include <algorithm>
#include <unordered_map>
#include <utility>
#include <vector>

#include "awaitscope/ast.h"

namespace aws {
namespace {

// Calls f(ExprPtr&) for every direct sub-expression slot of `e` that holds one, statements'
// expressions and match arms included. Patterns and types are not visited (the parser's own
// nesting guard bounds them).
template <class E, class F>
void ForEachChildSlot(E& e, F&& f) {
  for (auto* c : {&e.operand, &e.lhs, &e.rhs, &e.cond, &e.body, &e.else_, &e.tail})
    if (*c) f(*c);
  for (auto& a : e.args)
    if (a) f(a);
  for (auto& fi : e.fields)
    if (fi.value) f(fi.value);
  for (auto& s : e.stmts)
    if (s && s->init) f(s->init);
  for (auto& arm : e.arms) {
    if (arm.guard) f(arm.guard);
    if (arm.body) f(arm.body);
  }
}

}  // namespace

Expr::~Expr() {
  // Detach the children into a work list, so that each node is destroyed childless.
  std::vector<ExprPtr> work;
  ForEachChildSlot(*this, [&](ExprPtr& c) { work.push_back(std::move(c)); });
  while (!work.empty()) {
    ExprPtr e = std::move(work.back());
    work.pop_back();
    ForEachChildSlot(*e, [&](ExprPtr& c) { work.push_back(std::move(c)); });
  }
}

const Expr* FindTooDeep(const Expr& root, int limit) {
  // Cheap test first: is any node deeper than the limit?
  bool too_deep = false;
  std::vector<std::pair<const Expr*, int>> stack = {{&root, 1}};
  while (!stack.empty() && !too_deep) {
    const Expr* e = stack.back().first;
    const int depth = stack.back().second;
    stack.pop_back();
    if (depth > limit) too_deep = true;
    ForEachChildSlot(*e, [&](const ExprPtr& c) { stack.emplace_back(c.get(), depth + 1); });
  }
  if (!too_deep) return nullptr;
  // The node one past the limit on a deepest path: for a chain, the link where the limit is
  // passed (not some leaf that happens to be visited first). Heights bottom-up, iteratively.
  std::unordered_map<const Expr*, int> height;
  std::vector<std::pair<const Expr*, bool>> post = {{&root, false}};
  while (!post.empty()) {
    auto [e, children_done] = post.back();
    post.pop_back();
    if (children_done) {
      int h = 0;
      ForEachChildSlot(*e, [&](const ExprPtr& c) { h = std::max(h, height[c.get()]); });
      height[e] = h + 1;
      continue;
    }
    post.emplace_back(e, true);
    ForEachChildSlot(*e, [&](const ExprPtr& c) { post.emplace_back(c.get(), false); });
  }
  const Expr* at = &root;
  for (int depth = 1; depth <= limit; ++depth) {
    const Expr* next = nullptr;
    ForEachChildSlot(*at, [&](const ExprPtr& c) {
      if (!next || height[c.get()] > height[next]) next = c.get();
    });
    at = next;
  }
  return at;
}

Span NodePosition(const Expr& e) {
  if (e.name_span.end > e.name_span.begin) return e.name_span;
  return Span{e.span.begin, e.span.begin < e.span.end ? e.span.begin + 1 : e.span.end};
}

const FnDecl* Module::FindFn(std::string_view name) const {
  for (const auto& f : fns)
    if (f->name == name) return f.get();
  return nullptr;
}

const StructDecl* Module::FindStruct(std::string_view name) const {
  for (const auto& s : structs)
    if (s->name == name) return s.get();
  // An instance of a generic struct, by the name its values carry (`StringLen<u32>`): no written
  // path has that shape, so a plain name never finds one.
  if (name.find('<') != std::string_view::npos)
    for (const auto& s : generic_structs)
      if (s->generic_origin && s->name == name) return s.get();
  return nullptr;
}

const TraitDecl* Module::FindTrait(std::string_view name) const {
  for (const auto& t : traits)
    if (t->name == name) return t.get();
  return nullptr;
}

TypeExpr CopyTypeExpr(const TypeExpr& t) {
  TypeExpr c;
  c.kind = t.kind;
  c.span = t.span;
  c.path = t.path;
  c.is_mut = t.is_mut;
  c.array_len = t.array_len;
  for (const TypeExprPtr& a : t.args) c.args.push_back(a ? std::make_unique<TypeExpr>(CopyTypeExpr(*a)) : nullptr);
  return c;
}

}  // namespace aws
