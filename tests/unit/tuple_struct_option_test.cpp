// Tuple-struct and unit-struct patterns, and Option's and Result's closure methods: exact
// diagnostics (rustc's codes and positions) and exact program output.
#include <gtest/gtest.h>

#include "awaitscope/checker.h"
#include "awaitscope/runtime.h"

namespace aws {
namespace {

std::string CheckErrors(const std::string& text) {
  Diagnostics d;
  CheckScript(std::make_unique<SourceFile>("t.rs", text), {}, d);
  return d.Headlines();
}

// The program's output (a plain `fn main`), or its diagnostics.
std::string Output(const std::string& script) {
  Diagnostics d;
  std::string toml = "title = \"t\"\nexecutor = \"simple\"\nscript = '''\n" + script + "'''\n";
  auto s = LoadScenarioText("t.toml", toml, d);
  if (!s) return d.Render();
  auto program = Compile(std::make_unique<SourceFile>(s->script), s->ops, d);
  if (d.HasErrors()) return d.Render();
  Trace trace = RunScenario(*program, *s, {}, d);
  return trace.summary.output;
}

TEST(TupleStructs, PatternsInLetMatchIfLetAndParameters) {
  EXPECT_EQ(Output("#[derive(Debug, Clone, Copy, PartialEq)]\nstruct TaskId(u64);\nstruct Pair(u32, u32);\n"
                   "fn number(TaskId(n): TaskId) -> u64 { n }\n"
                   "fn main() {\n  let id = TaskId(5);\n  let TaskId(n) = id;\n"
                   "  match id { TaskId(7) => println!(\"seven\"), TaskId(k) => println!(\"match {}\", k) }\n"
                   "  if let Some(TaskId(x)) = Some(TaskId(9)) { println!(\"nested {}\", x); }\n"
                   "  let Pair(a, b) = Pair(3, 4);\n"
                   "  println!(\"{} {} {} {} {}\", id.0, n, number(id), a, b);\n}\n"),
            "match 5\nnested 9\n5 5 5 3 4\n");
}

TEST(TupleStructs, UnitStructIsAValue) {
  EXPECT_EQ(Output("struct Song;\nimpl Song { fn title(&self) -> u32 { 7 } }\n"
                   "fn main() {\n  let s = Song;\n  let t = s;\n  let Song = t;\n  println!(\"{}\", Song.title());\n}\n"),
            "7\n");
}

TEST(TupleStructs, PatternErrorsAsRustc) {
  EXPECT_EQ(CheckErrors("struct Pair(u32, u32);\nfn main() {\n  let Pair(a) = Pair(1, 2);\n}\n"),
            "t.rs:3:12: error[E0023]: this pattern has 1 field, but the corresponding tuple struct has 2 fields\n");
  EXPECT_EQ(CheckErrors("struct A(u64);\nstruct B(u64);\nfn main() {\n  let B(n) = A(1);\n}\n"),
            "t.rs:4:7: error[E0308]: mismatched types: expected `A`, found `B`\n");
}

TEST(OptionResult, ClosureAndReferenceMethods) {
  EXPECT_EQ(Output("fn main() {\n  let mut slot = Some(3);\n  let old = slot.replace(9);\n"
                   "  let none: Option<u32> = None;\n"
                   "  println!(\"{:?} {:?} {} {}\", old, slot, none.unwrap_or_else(|| 1), none.unwrap_or_default());\n"
                   "  println!(\"{:?} {:?}\", slot.map(|v| v + 1), slot.and_then(|v| if v > 5 { Some(v * 2) } else { None }));\n"
                   "  println!(\"{:?} {:?}\", slot.filter(|v| *v > 5), slot.filter(|v| *v > 50));\n"
                   "  if let Some(v) = slot.as_mut() { *v += 1; }\n"
                   "  let mut lazy: Option<u32> = None;\n  *lazy.get_or_insert_with(|| 4) += 1;\n"
                   "  println!(\"{:?} {:?} {:?}\", slot.as_ref(), lazy, none.ok_or(2));\n"
                   "  let bad: Result<u32, u32> = Err(3);\n"
                   "  println!(\"{:?} {:?}\", bad.map_err(|e| e * 2), bad.unwrap_or_else(|e| e + 1));\n}\n"),
            "Some(3) Some(9) 1 0\nSome(10) Some(18)\nSome(9) None\nSome(10) Some(5) Err(2)\nErr(6) 4\n");
}

TEST(OptionResult, ErrorsAsRustc) {
  EXPECT_EQ(CheckErrors("fn main() {\n  let s: Option<u32> = Some(1);\n  let r = s.map_err(|e: u32| e);\n}\n"),
            "t.rs:3:13: error[E0599]: no method named `map_err` found for enum `Option<T>` in the current scope\n");
  EXPECT_EQ(CheckErrors("fn main() {\n  let s: Option<u32> = Some(1);\n  let r = s.replace(2);\n}\n"),
            "t.rs:3:11: error[E0596]: cannot borrow `s` as mutable, as it is not declared as mutable\n");
  EXPECT_EQ(CheckErrors("fn h() -> Option<u32> { None }\nfn main() {\n  let x = h()?;\n}\n"),
            "t.rs:3:14: error[E0277]: the `?` operator can only be used in a function that returns `Result` or "
            "`Option` (this one returns `()`)\n");
}

}  // namespace
}  // namespace aws
