// Type aliases: `type Name = T;` at module level (the Tokio tutorial's `type Task = Pin<Box<dyn
// Future<Output = ()> + Send>>;`). An alias is not a type of its own: each use of `Name` in a
// written type is parsed as the tokens of `T`, so everything after the parser sees `T`. Aliases
// are found before the items are parsed, so a use may come before the alias, as in Rust.
// A generic alias (`type Responder<T> = Sender<Option<T>>;`) is parsed the same way, each of its
// parameters standing for the use's argument (lifetime parameters are skipped, as uses skip them).
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
    if (depth != 0 || (t.kind != Tok::KwType && t.kind != Tok::KwStruct && t.kind != Tok::KwEnum) || toks_[i + 1].kind != Tok::Ident) continue;
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
    if (t.kind != Tok::KwType) continue;
    if (toks_[i + 2].kind == Tok::Eq) {
      aliases_[name] = i + 3;
    } else if (toks_[i + 2].kind == Tok::Lt) {  // `type Name<A, 'a, B: Bound> =`: the type parameters
      std::vector<std::string> params;
      size_t j = i + 3;
      int angle = 1;
      bool at_param = true;  // after `<` or a `,` at depth 1
      for (; j < toks_.size() && angle > 0; ++j) {
        Tok k = toks_[j].kind;
        if (k == Tok::Lt) ++angle;
        if (k == Tok::Gt) --angle;
        if (k == Tok::Semi || k == Tok::LBrace || k == Tok::Eof) break;
        if (angle == 1 && at_param && k == Tok::Ident) params.push_back(toks_[j].text);
        at_param = angle == 1 && k == Tok::Comma;
      }
      if (angle == 0 && j < toks_.size() && toks_[j].kind == Tok::Eq) {
        aliases_[name] = j + 1;
        alias_params_[name] = std::move(params);
      }
    }
  }
}

// `type Name = T;` as an item: its type is parsed once here, for its errors; its uses parse it
// again (ExpandTypeAlias).
void Parser::ParseTypeAlias() {
  Expect(Tok::KwType);
  std::string name = ExpectIdent("a type alias name");
  if (Accept(Tok::Lt)) {  // the parameters (ScanTypeAliases recorded them)
    while (!At(Tok::Gt) && !At(Tok::Eof)) {
      if (!Accept(Tok::Lifetime)) {
        ExpectIdent("a type parameter");
        if (Accept(Tok::Colon)) Fail(PrevSpan(), "bounds on a type alias's parameters are not supported in scripts");
      }
      if (!Accept(Tok::Comma)) break;
    }
    Expect(Tok::Gt, "`>` after the type alias's parameters");
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
  static const std::vector<std::string> kNone;
  auto pit = alias_params_.find(name);
  const std::vector<std::string>& params = pit == alias_params_.end() ? kNone : pit->second;
  if (use->args.size() != params.size()) {
    size_t k = use->args.size(), n = params.size();
    Span at{use->span.begin, use->span.begin + static_cast<uint32_t>(name.size())};
    if (k == 0)
      diags_.ErrorWithCode(src_, at, "E0107", fmt::format("missing generics for type alias `{}`", name));
    else
      diags_.ErrorWithCode(src_, at, "E0107",
                           fmt::format("type alias takes {} generic argument{} but {} generic argument{} {} supplied", n,
                                       n == 1 ? "" : "s", k, k == 1 ? "" : "s", k == 1 ? "was" : "were"));
    if (!params.empty()) return hole();
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
  std::map<std::string, const TypeExpr*> args;
  for (size_t i = 0; i < params.size(); ++i) args[params[i]] = use->args[i].get();
  alias_args_.push_back(std::move(args));
  TypeExprPtr t;
  try {
    t = ParseType();
  } catch (const ParseError&) {
    t = nullptr;
  }
  alias_args_.pop_back();
  expanding_.erase(name);
  pos_ = saved;
  if (!t) return use;
  return t;
}

}  // namespace aws::parse
