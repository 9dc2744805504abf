#include <gtest/gtest.h>

#include "awaitscope/checker.h"
#include "awaitscope/parser.h"

namespace aws {
namespace {

std::string Dump(const std::string& text, std::string* errors = nullptr) {
  SourceFile src("t.rs", text);
  Diagnostics d;
  Module m = Parse(src, d);
  if (errors) *errors = d.Headlines();
  return DumpAst(m);
}

std::string CheckErrors(const std::string& text) {
  Diagnostics d;
  CheckScript(std::make_unique<SourceFile>("t.rs", text), {}, d);
  return d.Headlines();
}

// A trait's provided method is copied into each impl that does not define it, with the impl's
// `Self`; the functions of an impl are named `Type::name` and a receiver is the parameter `self`.
TEST(Parser, TraitsAndImplsWithProvidedMethods) {
  std::string errors;
  std::string ast = Dump(
      "trait T { type Out; fn req(&self) -> u32; fn prov(&mut self) -> u32 { 1 } }\n"
      "struct A;\nstruct B;\n"
      "impl T for A { type Out = u8; fn req(&self) -> u32 { 2 } }\n"
      "impl T for B { type Out = u8; fn req(&self) -> u32 { 3 } fn prov(&mut self) -> u32 { 4 } }\n"
      "impl A { fn new() -> Self { A } }\n",
      &errors);
  EXPECT_EQ(errors, "");
  EXPECT_EQ(ast,
            "struct A\n"
            "struct B\n"
            "trait T\n"
            "  type Out\n"
            "  fn req (required)\n"
            "  fn prov (provided)\n"
            "impl T for A\n"
            "  type Out\n"
            "  fn A::req\n"
            "  fn A::prov\n"
            "impl T for B\n"
            "  type Out\n"
            "  fn B::req\n"
            "  fn B::prov\n"
            "impl A\n"
            "  fn A::new\n"
            "fn A::req(self)\n"
            "  Block\n"
            "    Tail\n"
            "      Int 2\n"
            "fn B::req(self)\n"
            "  Block\n"
            "    Tail\n"
            "      Int 3\n"
            "fn B::prov(self)\n"
            "  Block\n"
            "    Tail\n"
            "      Int 4\n"
            "fn A::new()\n"
            "  Block\n"
            "    Tail\n"
            "      Path A\n"
            "fn A::prov(self)\n"
            "  Block\n"
            "    Tail\n"
            "      Int 1\n");
}

// The items the checker reports with rustc's codes when an impl does not match its trait.
TEST(Checker, ImplAgainstItsTrait) {
  EXPECT_EQ(CheckErrors("trait T { type Out; fn a(&self); fn b(&self); }\nstruct S;\n"
                        "impl T for S { fn a(&self) {} fn c(&self) {} }\nasync fn main() {}\n"),
            "t.rs:3:31: error[E0407]: method `c` is not a member of trait `T`\n"
            "t.rs:3:1: error[E0046]: not all trait items implemented, missing: `Out`, `b`\n");
  EXPECT_EQ(CheckErrors("struct S;\nimpl Missing for S {}\nasync fn main() {}\n"),
            "t.rs:2:6: error[E0405]: cannot find trait `Missing` in this scope\n");
}

TEST(Parser, RustPrecedenceAndPostfixAwaitTry) {
  std::string errors;
  std::string ast = Dump("async fn f() { let x = a + b * c < d && !e; let y = g(1).await?.len(); }", &errors);
  EXPECT_EQ(errors, "");
  EXPECT_EQ(ast,
            "async fn f()\n"
            "  Block\n"
            "    Let x\n"
            "      Binary &&\n"
            "        Binary <\n"
            "          Binary +\n"
            "            Path a\n"
            "            Binary *\n"
            "              Path b\n"
            "              Path c\n"
            "          Path d\n"
            "        Unary !\n"
            "          Path e\n"
            "    Let y\n"
            "      MethodCall len\n"
            "        Try\n"
            "          Await\n"
            "            Call\n"
            "              Path g\n"
            "              Int 1\n");
}

TEST(Parser, BlockLikeStatementsNeedNoSemicolonAndStructLiteralsStayOutOfConditions) {
  std::string errors;
  std::string ast = Dump("fn f(x: bool) { if x { g(); } while x {} let s = S { a: 1 }; }", &errors);
  EXPECT_EQ(errors, "");
  EXPECT_NE(ast.find("StructLit S"), std::string::npos);
  EXPECT_NE(ast.find("While"), std::string::npos);
}

TEST(Parser, PanicModeReportsEachRealErrorOnce) {
  std::string errors;
  Dump("fn a() {\n  let x = ;\n  let y = 1\n  let z = 2;\n}\nfn b( {\n}\nasync fn c() {}\n", &errors);
  EXPECT_EQ(errors,
            "t.rs:2:11: error: expected an expression, found `;`\n"
            "t.rs:3:12: error: expected `;` after the `let` statement, found `let`\n"
            "t.rs:6:7: error: expected parameter name, found `{`\n");
}

TEST(Parser, DeepNestingIsAnErrorNotACrash) {
  std::string errors;
  Dump("fn f() { let x = " + std::string(5000, '(') + "1" + std::string(5000, ')') + "; }", &errors);
  EXPECT_EQ(errors.substr(0, errors.find('\n')), "t.rs:1:273: error: nesting is too deep: more than 512 levels (each nested bracket or block counts, and so "
            "does each link of a chain like `a + b + c`, `x.f().g()` or `else if`); split it up with `let` statements "
            "or functions");
}

TEST(Checker, AwaitOutsideAsyncAndAwaitingANonFuture) {
  EXPECT_EQ(CheckErrors("fn f() {\n  async_read_file(\"a\").await;\n}\nasync fn g() {\n  let n = 5;\n  n.await;\n}\n"),
            "t.rs:2:24: error: `await` is only allowed inside `async` functions and blocks\n"
            "t.rs:6:5: error[E0277]: `{integer}` is not a future, so it cannot be awaited\n");
}

TEST(Checker, UnknownNamesArityAndMismatchedTypes) {
  EXPECT_EQ(CheckErrors("async fn f(a: usize) -> String {\n  let b: u32 = missing;\n  nothing(1);\n"
                        "  let c = example_fn(1, 2);\n  a\n}\nfn example_fn(x: u32) -> u32 { x }\n"),
            "t.rs:2:16: error: cannot find value `missing` in this scope\n"
            "t.rs:3:3: error: cannot find function `nothing` in this scope\n"
            "t.rs:4:11: error: this function takes 1 argument but 2 arguments were supplied\n"
            "t.rs:5:3: error[E0308]: mismatched types: expected `String`, found `usize`\n");
}

TEST(Checker, TryNeedsAResultReturningFunction) {
  EXPECT_EQ(CheckErrors("async fn f() -> u32 {\n  let x: Result<u32, Error> = Ok(1);\n  x?\n}\n"),
            "t.rs:3:4: error[E0277]: the `?` operator can only be used in a function that returns `Result` or `Option` "
            "(this one returns `u32`)\n");
}

// Assigning a whole immutable binding is the borrow checker's (E0384, tests/lang); a part of one
// is the checker's, as rustc's E0594.
TEST(Checker, ImmutableAssignmentAndFormatArguments) {
  EXPECT_EQ(CheckErrors("fn f() {\n  let x = (1, 2);\n  x.0 = 2;\n  println!(\"{} {}\", x.0);\n}\n"),
            "t.rs:3:3: error[E0594]: cannot assign to `x.0`, as `x` is not declared as mutable\n"
            "t.rs:4:12: error: 2 positional arguments in format string, but 1 was given\n");
}

TEST(Checker, SyntaxErrorsSilenceTheCheckerForThatFunction) {
  // One real error: the unknown names that follow from the broken `let` are not reported.
  EXPECT_EQ(CheckErrors("async fn f() {\n  let x = ;\n  x + y;\n}\n"), "t.rs:2:11: error: expected an expression, found `;`\n");
}

}  // namespace
}  // namespace aws
