// Type aliases: `type Name = T;` at module level (the Tokio tutorial's `type Task = Pin<Box<dyn
// Future<Output = ()> + Send>>;`). An alias is not a type of its own: each use of `Name` in a
// written type is parsed as the tokens of `T`, so everything after the parser sees `T`. Aliases
// are found before the items are parsed, so a use may come before the alias, as in Rust.
// Generic aliases (`type Name<U> = ..;`) are not supported.
#include <fmt/format.h>

#include "parse/parser_impl.h"

namespace aws::parse {

namespace {
constexpr size_t kCyclic = ~size_t{0};  // an alias in a cycle (said once): its uses are `!`
}  // namespace

// Records every module-level `type Name = ...;` (depth 0 of the braces). A second item of the
// same name in the type namespace (an alias or a struct) is rustc's E0428, said at the later one.
void Parser::ScanTypeAliases(bool report) {
  std::map<std::string, size_t> types;  // name -> the token its first definition starts at
  int depth = 0;
  for (size_t i = 0; i + 2 < toks_.size(); ++i) {
    const Token& t = toks_[i];
    if (t.kind == Tok::LBrace) ++depth;
    if (t.kind == Tok::RBrace && depth > 0) --depth;
    if (depth != 0 || (t.kind != Tok::KwType && t.kind != Tok::KwStruct) || toks_[i + 1].kind != Tok::Ident) continue;
    const std::string& name = toks_[i + 1].text;
    size_t start = i > 0 && toks_[i - 1].kind == Tok::KwPub ? i - 1 : i;
    if (!types.emplace(name, start).second) {
      if (report) {
        Span at = toks_[start].span;
        for (size_t j = i; j < toks_.size(); ++j)
          if (toks_[j].kind == Tok::Semi || toks_[j].kind == Tok::LBrace) {
            at = at.Join(toks_[j].span);
            break;
          }
        diags_.ErrorWithCode(src_, at, "E0428", fmt::format("the name `{}` is defined multiple times", name));
      }
      continue;
    }
    if (t.kind == Tok::KwType && toks_[i + 2].kind == Tok::Eq) aliases_[name] = i + 3;
  }
}

// `type Name = T;` as an item: its type is parsed once here, for its errors; its uses parse it
// again (ExpandTypeAlias).
void Parser::ParseTypeAlias() {
  Expect(Tok::KwType);
  std::string name = ExpectIdent("a type alias name");
  if (At(Tok::Lt)) {
    aliases_.erase(name);
    Fail(Cur().span, "generic type aliases are not supported in scripts; write the type out");
  }
  Expect(Tok::Eq, "`=` after the type alias's name");
  expanding_.insert(name);
  try {
    ParseType();
  } catch (const ParseError&) {
    expanding_.erase(name);
    aliases_.erase(name);  // its uses are not parsed again (the error is said once)
    throw;
  }
  expanding_.erase(name);
  Expect(Tok::Semi, "`;` after the type alias");
}

// A written path type that names an alias: the alias's type, parsed again from its tokens (with
// the spans of the alias's definition, where rustc points at errors inside it). An alias that
// reaches itself is rustc's E0391, said once, at the first step of the cycle.
TypeExprPtr Parser::ExpandTypeAlias(TypeExprPtr use) {
  if (use->kind != TypeExpr::Kind::Path || use->path.size() != 1) return use;
  auto it = aliases_.find(use->path[0]);
  if (it == aliases_.end()) return use;
  const std::string name = use->path[0];
  auto hole = [&] {  // `!`: no second error for the same mistake
    auto h = std::make_unique<TypeExpr>();
    h->kind = TypeExpr::Kind::Never;
    h->span = use->span;
    return h;
  };
  if (it->second == kCyclic) return hole();
  if (!use->args.empty()) {
    size_t k = use->args.size();
    Span at{use->span.begin, use->span.begin + static_cast<uint32_t>(name.size())};
    diags_.ErrorWithCode(src_, at, "E0107",
                         fmt::format("type alias takes 0 generic arguments but {} generic argument{} {} supplied", k,
                                     k == 1 ? "" : "s", k == 1 ? "was" : "were"));
    use->args.clear();
  }
  if (expanding_.count(name)) {
    // The cycle starts at the alias's own type: its first token is where rustc points.
    diags_.ErrorWithCode(src_, toks_[it->second].span, "E0391",
                         fmt::format("cycle detected when expanding type alias `{}`", name));
    for (const std::string& n : expanding_) aliases_[n] = kCyclic;
    return hole();
  }
  size_t saved = pos_;
  pos_ = it->second;
  expanding_.insert(name);
  TypeExprPtr t;
  try {
    t = ParseType();
  } catch (const ParseError&) {
    t = nullptr;
  }
  expanding_.erase(name);
  pos_ = saved;
  if (!t) return use;
  return t;
}

}  // namespace aws::parse
