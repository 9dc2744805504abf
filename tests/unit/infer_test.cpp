// Type inference (issue 9 §1): one type per variable from all its uses, integer literals
// defaulted to i32 only at the end of the body; iterator adapters and their types and sizes.
#include <gtest/gtest.h>

#include "awaitscope/checker.h"
#include "awaitscope/lower.h"
#include "awaitscope/types.h"

namespace aws {
namespace {

struct Checked {
  Diagnostics diags;
  std::unique_ptr<CheckedProgram> prog;
};

std::unique_ptr<Checked> CheckText(const std::string& text) {
  auto c = std::make_unique<Checked>();
  c->prog = CheckScript(std::make_unique<SourceFile>("t.rs", text), {}, c->diags);
  return c;
}

// The type of the local `name` of body `body` (the last one of that name), as Rust spells it.
std::string LocalType(const Checked& c, const std::string& body, const std::string& name) {
  for (const Body& b : c.prog->bodies) {
    if (b.name != body) continue;
    for (auto it = b.locals.rbegin(); it != b.locals.rend(); ++it)
      if (it->name == name) return TypeName(it->type);
  }
  return "<no local " + name + " in " + body + ">";
}

std::string Errors(const std::string& text) {
  Diagnostics d;
  CheckScript(std::make_unique<SourceFile>("t.rs", text), {}, d);
  return d.Headlines();
}

// "name: Type = size @offset" of each field of state `state` of machine `fn`.
std::vector<std::string> FieldsOf(const std::string& text, const std::string& fn, int state) {
  Diagnostics d;
  auto p = Compile(std::make_unique<SourceFile>("t.rs", text), {}, d);
  std::vector<std::string> out;
  if (d.HasErrors() || !p) return {d.Render()};
  const Machine* m = p->FindMachine(fn);
  if (!m) return {"no machine " + fn};
  for (const StateField& f : m->states[state].fields)
    out.push_back(f.name + ": " + TypeName(f.type) + " = " + std::to_string(f.size));
  return out;
}

TEST(Infer, RangeIntegersTakeTheTypeOfTheTotal) {
  auto c = CheckText("async fn main() {\n  let mut total: u64 = 0;\n  for i in 0..3 {\n    total += i;\n  }\n}\n");
  EXPECT_EQ(c->diags.Headlines(), "");
  EXPECT_EQ(LocalType(*c, "main", "i"), "u64");
  EXPECT_EQ(LocalType(*c, "main", "iter0"), "Range<u64>");
}

TEST(Infer, ALiteralBindingTakesTheTypeOfALaterUse) {
  auto c = CheckText("async fn main() {\n  let mut t = 0;\n  let x: u64 = 5;\n  t += x;\n}\n");
  EXPECT_EQ(c->diags.Headlines(), "");
  EXPECT_EQ(LocalType(*c, "main", "t"), "u64");
  // The literal itself is retyped: the lowering and the runtime see a u64 constant.
  const Expr& init = *c->prog->module.fns[0]->body->stmts[0]->init;
  EXPECT_EQ(TypeName(init.type), "u64");
}

TEST(Infer, DurationFromMillisFixesARangeVariable) {
  auto c = CheckText(
      "async fn main() {\n  for i in 0..3 {\n    sleep(Duration::from_millis(30 - i * 10)).await;\n  }\n}\n");
  EXPECT_EQ(c->diags.Headlines(), "");
  EXPECT_EQ(LocalType(*c, "main", "i"), "u64");
}

TEST(Infer, UnconstrainedLiteralsDefaultToI32AtTheEnd) {
  auto c = CheckText("async fn main() {\n  let n = 40;\n  let m = n + 2;\n  println!(\"{}\", m);\n}\n");
  EXPECT_EQ(c->diags.Headlines(), "");
  EXPECT_EQ(LocalType(*c, "main", "n"), "i32");
  EXPECT_EQ(LocalType(*c, "main", "m"), "i32");
}

TEST(Infer, VecNewGetsItsElementFromPushAndFromAParameter) {
  auto c = CheckText(
      "fn take(v: Vec<u8>) {}\n"
      "async fn main() {\n  let mut a = Vec::new();\n  a.push(String::from(\"x\"));\n"
      "  let mut b = Vec::new();\n  b.push(1);\n  take(b);\n}\n");
  EXPECT_EQ(c->diags.Headlines(), "");
  EXPECT_EQ(LocalType(*c, "main", "a"), "Vec<String>");
  EXPECT_EQ(LocalType(*c, "main", "b"), "Vec<u8>");
}

TEST(Infer, NoneGetsItsPayloadFromALaterAssignment) {
  auto c = CheckText("async fn main() {\n  let mut best = None;\n  let s: u32 = 9;\n  best = Some(s);\n}\n");
  EXPECT_EQ(c->diags.Headlines(), "");
  EXPECT_EQ(LocalType(*c, "main", "best"), "Option<u32>");
}

TEST(Infer, ClosureParameterFromItsCallAndFromAnIterator) {
  auto c = CheckText(
      "async fn main() {\n  let double = |x| x * 2;\n  let n: u64 = 21;\n  let d = double(n);\n"
      "  let xs: Vec<u8> = vec![1, 2];\n  let ys: Vec<u8> = xs.iter().map(|b| *b + 1).collect();\n}\n");
  EXPECT_EQ(c->diags.Headlines(), "");
  EXPECT_EQ(LocalType(*c, "main::{closure#0}", "x"), "u64");
  EXPECT_EQ(LocalType(*c, "main", "d"), "u64");
  EXPECT_EQ(LocalType(*c, "main::{closure#1}", "b"), "&u8");
}

TEST(Infer, MismatchesAreReportedAsRustcDoes) {
  EXPECT_EQ(Errors("async fn main() {\n  let a: u64 = 1;\n  let b: u32 = 2;\n  let c = a + b;\n}\n"),
            "t.rs:4:15: error[E0308]: mismatched types: expected `u64`, found `u32`\n");
  EXPECT_EQ(Errors("async fn main() {\n  let mut n = 0;\n  n = String::from(\"x\");\n}\n"),
            "t.rs:3:7: error[E0308]: mismatched types: expected integer, found `String`\n");
  EXPECT_EQ(Errors("async fn main() {\n  let mut v = Vec::new();\n  v.push(String::new());\n  v.push(\"b\");\n}\n"),
            "t.rs:4:10: error[E0308]: mismatched types: expected `String`, found `&str`\n");
}

TEST(Infer, OpenTypesNeedAnnotations) {
  EXPECT_EQ(Errors("async fn main() {\n  let v = Vec::new();\n  println!(\"{}\", v.len());\n}\n"),
            "t.rs:2:7: error[E0282]: type annotations needed for `Vec<_>`\n");
  EXPECT_EQ(Errors("async fn main() {\n  let x = None;\n}\n"),
            "t.rs:2:7: error[E0282]: type annotations needed for `Option<_>`\n");
  EXPECT_EQ(Errors("async fn main() {\n  let xs = vec![1, 2];\n  let s = xs.iter().sum();\n}\n"),
            "t.rs:3:7: error[E0283]: type annotations needed\n");
}

TEST(Infer, ChecksThatNeedTheFinalTypeWaitForIt) {
  // `x` is a u32 only after `show(x)`: `-x` is an error, at its position.
  EXPECT_EQ(Errors("fn show(v: u32) {}\nasync fn main() {\n  let x = 5;\n  show(x);\n  let y = -x;\n}\n"),
            "t.rs:5:11: error[E0600]: cannot apply unary operator `-` to type `u32`\n");
  EXPECT_EQ(Errors("async fn main() {\n  let b = 300;\n  let c: u8 = b;\n}\n"),
            "t.rs:2:11: error: literal out of range for `u8`\n");
}

TEST(Iterators, AdaptersHaveStdsTypes) {
  auto c = CheckText(
      "async fn main() {\n  let xs = vec![1, 2, 3];\n  let k = 2;\n"
      "  let a = xs.iter().map(|x| x * k);\n  let b = xs.iter().filter(|x| **x > 1);\n"
      "  let e = xs.iter().enumerate();\n  let z = (0..3).zip(xs.iter());\n  let r = (0..3u8).rev();\n"
      "  let o = xs.into_iter();\n  let ai = [1u64, 2].into_iter();\n  let ri = (1..=3).rev();\n}\n");
  EXPECT_EQ(c->diags.Headlines(), "");
  EXPECT_EQ(LocalType(*c, "main", "a"), "Map<std::slice::Iter<'_, i32>, impl Fn(&i32) -> i32>");
  EXPECT_EQ(LocalType(*c, "main", "b"), "Filter<std::slice::Iter<'_, i32>, impl Fn(&&i32) -> bool>");
  EXPECT_EQ(LocalType(*c, "main", "e"), "Enumerate<std::slice::Iter<'_, i32>>");
  EXPECT_EQ(LocalType(*c, "main", "z"), "Zip<Range<i32>, std::slice::Iter<'_, i32>>");
  EXPECT_EQ(LocalType(*c, "main", "r"), "Rev<Range<u8>>");
  EXPECT_EQ(LocalType(*c, "main", "o"), "std::vec::IntoIter<i32>");
  EXPECT_EQ(LocalType(*c, "main", "ai"), "std::array::IntoIter<u64, 2>");
  EXPECT_EQ(LocalType(*c, "main", "ri"), "Rev<RangeInclusive<i32>>");
}

TEST(Iterators, AnIteratorHeldAcrossAnAwaitIsAFieldOfItsRealSize) {
  // rustc: Map<slice::Iter<i32>, {closure capturing &k}> is 24 bytes, Range<i32> 8,
  // vec::IntoIter<String> 32, Enumerate<slice::Iter<i32>> 24 (scripts/rust_sizes.rs).
  const std::string text =
      "async fn main() {\n  let xs = vec![1, 2, 3];\n  let k = 2;\n  let mut a = xs.iter().map(|x| x * k);\n"
      "  let mut e = xs.iter().enumerate();\n  let mut r = 0..3;\n  let mut o = vec![String::new()].into_iter();\n"
      "  yield_now().await;\n  a.next();\n  e.next();\n  r.next();\n  o.next();\n}\n";
  std::vector<std::string> f = FieldsOf(text, "main", 1);
  EXPECT_EQ(f, (std::vector<std::string>{"xs: Vec<i32> = 24", "k: i32 = 4",
                                         "a: Map<std::slice::Iter<'_, i32>, impl Fn(&i32) -> i32> = 24",
                                         "e: Enumerate<std::slice::Iter<'_, i32>> = 24", "r: Range<i32> = 8",
                                         "o: std::vec::IntoIter<String> = 32",
                                         "yield_future: impl Future<Output = ()> = 1"}));
}

TEST(Iterators, MisuseIsReportedAsRustcDoes) {
  EXPECT_EQ(Errors("async fn main() {\n  let n: u32 = 3;\n  for i in n {}\n}\n"),
            "t.rs:3:12: error[E0277]: `u32` is not an iterator\n");
  EXPECT_EQ(Errors("async fn main() {\n  let xs = [1, 2];\n  let it = xs.iter();\n  let f = it.next();\n}\n"),
            "t.rs:4:11: error[E0596]: cannot borrow `it` as mutable, as it is not declared as mutable\n");
  EXPECT_EQ(Errors("async fn main() {\n  let xs = vec![1];\n  let n = xs.iter().filter(|x| **x + 1).count();\n}\n"),
            "t.rs:3:32: error[E0308]: mismatched types: expected `bool`, found integer\n");
  EXPECT_EQ(Errors("async fn main() {\n  let xs = vec![1u64];\n  let ys: Vec<i32> = xs.iter().map(|x| x * 2).collect();\n}\n"),
            "t.rs:3:47: error[E0277]: a value of type `Vec<i32>` cannot be built from an iterator over elements of "
            "type `u64`\n");
}

}  // namespace
}  // namespace aws
