// Generated inputs of extreme size or shape (issue 12): each either compiles and runs, or gets one
// clear limit error; none crashes. Work is bounded by counting (states, fields, IR blocks, trace
// events), never by wall time.
//
// The too-deep inputs are also compiled on a thread with a 256 KB stack: rejecting a chain of
// 100,000 links must not recurse once per link anywhere (lexing, parsing, the depth check, freeing
// the tree).
#include <gtest/gtest.h>
#include <pthread.h>

#include <functional>
#include <map>
#include <set>
#include <string>

#include "awaitscope/lower.h"
#include "awaitscope/parser.h"
#include "awaitscope/runtime.h"
#include "awaitscope/scenario.h"
#include "awaitscope/type_parse.h"

namespace aws {
namespace {

struct Compiled {
  Diagnostics diags;
  std::unique_ptr<Program> program;
};

std::unique_ptr<Compiled> CompileText(const std::string& text) {
  auto c = std::make_unique<Compiled>();
  c->program = Compile(std::make_unique<SourceFile>("t.rs", text), {}, c->diags);
  return c;
}

// Runs f on a thread whose stack is `bytes` long; a recursion per link of a long chain would
// overflow it.
void OnSmallStack(size_t bytes, const std::function<void()>& f) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, bytes);
  pthread_t th;
  auto run = [](void* arg) -> void* {
    (*static_cast<const std::function<void()>*>(arg))();
    return nullptr;
  };
  ASSERT_EQ(pthread_create(&th, &attr, run, const_cast<std::function<void()>*>(&f)), 0);
  pthread_join(th, nullptr);
  pthread_attr_destroy(&attr);
}

// Runs the script (its `main`) on the default executor.
Trace RunScript(const Program& p, Diagnostics& d) {
  Scenario s;
  s.title = "t";
  return RunScenario(p, s, {}, d);
}

std::string Output(const Trace& t) {
  std::string out;
  for (const Event& e : t.events)
    if (e.kind == EventKind::Print) out += t.Payload(e);
  return out;
}

const std::string kTooDeep =
    "error: nesting is too deep: more than 512 levels (each nested bracket or block counts, and so does each "
    "link of a chain like `a + b + c`, `x.f().g()` or `else if`); split it up with `let` statements or functions";

size_t CountErrors(const std::string& rendered) {
  size_t n = 0;
  for (size_t p = rendered.find(": error: "); p != std::string::npos; p = rendered.find(": error: ", p + 1)) ++n;
  return n;
}

// 1-based column of the k-th (1-based) occurrence of `needle` in `line`.
size_t ColumnOfNth(const std::string& line, const std::string& needle, size_t k) {
  size_t pos = std::string::npos;
  for (size_t i = 0; i < k; ++i) pos = line.find(needle, pos == std::string::npos ? 0 : pos + 1);
  return pos + 1;
}

std::string Sum(size_t terms) {
  std::string s = "1";
  for (size_t i = 1; i < terms; ++i) s += " + 1";
  return s;
}

// ---- flat chains past the limit: one error, at the link where the limit is passed

TEST(Stress, HundredThousandTermSumIsOneDepthError) {
  const size_t n = 100000;
  std::string line = "    let x: u64 = " + Sum(n) + ";";
  std::string text = "async fn main() {\n" + line + "\n    println!(\"{}\", x);\n}\n";
  std::string errors;
  OnSmallStack(256 * 1024, [&] {
    auto c = CompileText(text);
    errors = c->diags.Render();
  });
  // The body block is level 1, the sum's last `+` level 2: the `+` at level 513 is the
  // (n - 512)-th of the n - 1 operators.
  std::string want = "t.rs:2:" + std::to_string(ColumnOfNth(line, "+", n - 512)) + ": " + kTooDeep;
  EXPECT_EQ(errors.substr(0, errors.find('\n')), want);
  EXPECT_EQ(CountErrors(errors), 1u);
}

TEST(Stress, TenThousandLongMethodChainIsOneDepthError) {
  const size_t n = 10000;
  std::string line = "    let t = s";
  for (size_t i = 0; i < n; ++i) line += ".clone()";
  line += ";";
  std::string text = "async fn main() {\n    let s = String::new();\n" + line + "\n}\n";
  std::string errors;
  OnSmallStack(256 * 1024, [&] {
    auto c = CompileText(text);
    errors = c->diags.Render();
  });
  // The last `.clone()` is level 2; the one at level 513 is number n - 511.
  std::string want = "t.rs:3:" + std::to_string(ColumnOfNth(line, "clone", n - 511)) + ": " + kTooDeep;
  EXPECT_EQ(errors.substr(0, errors.find('\n')), want);
  EXPECT_EQ(CountErrors(errors), 1u);
}

std::string ElseIfChain(size_t links, bool await_in_branches) {
  std::string s = "async fn main() {\n    let x: u32 = 7;\n    if x == 0 {\n        println!(\"0\");\n    }";
  for (size_t i = 1; i < links; ++i)
    s += " else if x == " + std::to_string(i) + " {\n        " + (await_in_branches ? "yield_now().await;\n        " : "") +
         "println!(\"" + std::to_string(i) + "\");\n    }";
  return s + " else {\n        println!(\"none\");\n    }\n}\n";
}

TEST(Stress, TenThousandLinkElseIfChainIsOneDepthError) {
  std::string errors;
  OnSmallStack(256 * 1024, [&] {
    auto c = CompileText(ElseIfChain(10000, false));
    errors = c->diags.Render();
  });
  // `if` at line 3 is level 2; link k (its `if` on line 3 + 2k, column 12) is level k + 2: level 513
  // is link 511.
  EXPECT_EQ(errors.substr(0, errors.find('\n')), "t.rs:1025:12: " + kTooDeep);
  EXPECT_EQ(CountErrors(errors), 1u);
}

TEST(Stress, DeepTreeInAScenarioExpressionIsOneDepthError) {
  Diagnostics d;
  ExprPtr e = ParseExprText(Sum(100000), "s.toml", 4, 10, d);
  EXPECT_EQ(e, nullptr);
  EXPECT_EQ(d.ErrorCount(), 1u);
}

// ---- within the limit: they work

TEST(Stress, ChainsJustWithinTheLimitCompileAndRun) {
  // 400 terms, a 400-link method chain, a 400-link else-if chain with an await in each branch.
  std::string text = "async fn main() {\n    let x: u64 = " + Sum(400) + ";\n    let s = String::from(\"ab\");\n    let t = s";
  for (int i = 0; i < 400; ++i) text += ".clone()";
  text += ";\n    println!(\"{} {}\", x, t);\n}\n";
  auto c = CompileText(text);
  ASSERT_FALSE(c->diags.HasErrors()) << c->diags.Render();
  Diagnostics d;
  Trace t = RunScript(*c->program, d);
  EXPECT_EQ(Output(t), "400 ab\n");

  auto chain = CompileText(ElseIfChain(400, true));
  ASSERT_FALSE(chain->diags.HasErrors()) << chain->diags.Render();
  const Machine& m = chain->program->machines.at(0);
  // Unresumed, one state per branch's await, Returned, Panicked; each waiting state keeps only its
  // awaited future (x is dead after the chain's conditions).
  ASSERT_EQ(m.states.size(), 399u + 3u);
  for (const State& s : m.states)
    if (s.kind == StateKind::Suspend) EXPECT_EQ(s.fields.size(), 1u) << s.name;
  Trace r = RunScript(*chain->program, d);
  EXPECT_EQ(Output(r), "7\n");
}

// ---- sizes: linear work, counted

TEST(Stress, TenThousandFunctions) {
  const int n = 10000;
  std::string text;
  for (int i = 0; i < n; ++i) text += "async fn f" + std::to_string(i) + "() -> u32 {\n    " + std::to_string(i) + "\n}\n";
  text += "async fn main() {\n    println!(\"{}\", f1().await + f" + std::to_string(n - 1) + "().await);\n}\n";
  auto c = CompileText(text);
  ASSERT_FALSE(c->diags.HasErrors()) << c->diags.Render().substr(0, 2000);
  EXPECT_EQ(c->program->machines.size(), static_cast<size_t>(n + 1));
  Diagnostics d;
  Trace t = RunScript(*c->program, d);
  EXPECT_EQ(Output(t), std::to_string(n) + "\n");
}

TEST(Stress, HundredThousandStatementsInOneBody) {
  const int n = 100000;
  std::string text = "async fn main() {\n    let mut x: u64 = 0;\n";
  for (int i = 0; i < n; ++i) text += "    x += 1;\n";
  text += "    println!(\"{}\", x);\n}\n";
  std::string out;
  size_t statements = 0;
  OnSmallStack(1024 * 1024, [&] {
    auto c = CompileText(text);
    ASSERT_FALSE(c->diags.HasErrors()) << c->diags.Render().substr(0, 2000);
    for (const BasicBlock& b : c->program->ir.at(0).blocks) statements += b.stmts.size();
    Diagnostics d;
    out = Output(RunScript(*c->program, d));
  });
  EXPECT_GE(statements, static_cast<size_t>(n));
  EXPECT_LE(statements, static_cast<size_t>(3 * n));
  EXPECT_EQ(out, std::to_string(n) + "\n");
}

TEST(Stress, TenThousandAwaitsInOneBodyKeepStatesSmall) {
  const int n = 10000;
  std::string text = "async fn main() {\n    let a: u64 = 1;\n";
  for (int i = 0; i < n; ++i) text += "    yield_now().await;\n";
  text += "    println!(\"{}\", a);\n}\n";
  auto c = CompileText(text);
  ASSERT_FALSE(c->diags.HasErrors()) << c->diags.Render().substr(0, 2000);
  const Machine& m = c->program->machines.at(0);
  ASSERT_EQ(m.states.size(), static_cast<size_t>(n + 3));
  size_t fields = 0;
  for (const State& s : m.states) fields += s.fields.size();
  EXPECT_EQ(fields, static_cast<size_t>(2 * n));  // each waiting state: `a` and its future
  // Start -> first wait, each wait -> itself (Pending) and -> the next, the last -> End.
  EXPECT_EQ(m.transitions.size(), static_cast<size_t>(1 + 2 * n));
  Diagnostics d;
  Trace t = RunScript(*c->program, d);
  EXPECT_EQ(Output(t), "1\n");
}

// n awaits in one body, each on its own line; `annotated` lines get `// @state NAME`.
std::string AwaitsInOneBody(int n, const std::map<int, std::string>& annotated = {}) {
  std::string text = "async fn main() {\n    let a: u64 = 1;\n";
  for (int i = 0; i < n; ++i) {
    text += "    yield_now().await;";
    if (auto it = annotated.find(i); it != annotated.end()) text += " // @state " + it->second;
    text += "\n";
  }
  return text + "    println!(\"{}\", a);\n}\n";
}

TEST(Stress, DesugaringAwaitsSearchesLinearly) {
  // Finding the code after each await walks from the await up to the body (an index built once),
  // not a search of the whole body per await: the steps grow by the same amount per 2,000 awaits.
  auto steps = [](int n) {
    auto c = CompileText(AwaitsInOneBody(n));
    EXPECT_FALSE(c->diags.HasErrors()) << c->diags.Render().substr(0, 2000);
    DesugaredCode code = DesugarWithLines(*c->program, c->program->machines.at(0));
    EXPECT_EQ(code.states.size(), static_cast<size_t>(n + 3));
    return code.search_steps;
  };
  uint64_t s2 = steps(2000), s4 = steps(4000), s6 = steps(6000);
  EXPECT_EQ(s6 - s4, s4 - s2);
  // Each await: its statement and expression nodes in the index, and a walk of a few nodes up.
  EXPECT_LE(s6, 12u * 6000) << "search steps for 6,000 awaits";
}

TEST(Stress, ManyAwaitsOfTheSameFutureGetNumberedLabels) {
  // The labels of repeated awaits count up from 2, skipping the ones an annotation took.
  auto c = CompileText(AwaitsInOneBody(3000, {{1, "WaitingOnYield3"}, {2, "Resting"}}));
  ASSERT_FALSE(c->diags.HasErrors()) << c->diags.Render().substr(0, 2000);
  const Machine& m = c->program->machines.at(0);
  ASSERT_EQ(m.states.size(), 3003u);
  EXPECT_EQ(m.states[1].label, "WaitingOnYield");
  EXPECT_EQ(m.states[2].label, "WaitingOnYield3");
  EXPECT_EQ(m.states[3].label, "Resting");
  EXPECT_EQ(m.states[4].label, "WaitingOnYield2");
  EXPECT_EQ(m.states[5].label, "WaitingOnYield4");
  EXPECT_EQ(m.states[3000].label, "WaitingOnYield2999");
  std::set<std::string> labels;
  for (const State& st : m.states) EXPECT_TRUE(labels.insert(st.label).second) << st.label;
}

TEST(Stress, ElseIfChainsLowerToLinearlyManyBlocks) {
  // The same chain at three lengths: each link adds the same number of blocks.
  auto blocks = [](size_t links) {
    auto c = CompileText(ElseIfChain(links, true));
    EXPECT_FALSE(c->diags.HasErrors()) << c->diags.Render();
    return c->program->ir.at(0).blocks.size();
  };
  size_t b100 = blocks(100), b200 = blocks(200), b400 = blocks(400);
  EXPECT_EQ(b400 - b200, 2 * (b200 - b100));
  EXPECT_EQ((b200 - b100) % 100, 0u);
}

TEST(Stress, OneMegabyteStringLiteral) {
  std::string text = "async fn main() {\n    let s = \"" + std::string(1 << 20, 'x') + "\";\n    println!(\"{}\", s.len());\n}\n";
  auto c = CompileText(text);
  ASSERT_FALSE(c->diags.HasErrors()) << c->diags.Render().substr(0, 500);
  std::string json = DumpMachinesJson(*c->program);
  EXPECT_GT(json.size(), 0u);
  Diagnostics d;
  Trace t = RunScript(*c->program, d);
  EXPECT_EQ(Output(t), std::to_string(1 << 20) + "\n");
}

TEST(Stress, LoopOfTenThousandAwaitsRecordsAFixedNumberOfEventsPerIteration) {
  auto run = [](int n) {
    auto c = CompileText("async fn main() {\n    let mut s: u64 = 0;\n    for i in 0.." + std::to_string(n) +
                         "u64 {\n        yield_now().await;\n        s += i;\n    }\n    println!(\"{}\", s);\n}\n");
    EXPECT_FALSE(c->diags.HasErrors()) << c->diags.Render();
    Diagnostics d;
    Trace t = RunScript(*c->program, d);
    return std::make_pair(t.events.size(), t.strings.size());
  };
  auto [e1, s1] = run(5000);
  auto [e2, s2] = run(10000);
  // Twice the iterations: exactly twice the per-iteration events and strings on top of a fixed part.
  auto [e3, s3] = run(15000);
  EXPECT_EQ(e3 - e2, e2 - e1);
  EXPECT_EQ(s3 - s2, s2 - s1);
  EXPECT_EQ(e2 - e1, 10u * 5000) << "events per iteration";
}

// ---- many errors: the first 100 are kept, the rest counted (keeping each one compared it with all
// the kept ones: 40,000 errors took 10 s)

TEST(Stress, HundredThousandUnexpectedCharactersOnOneLineKeepAHundredErrors) {
  auto c = CompileText(std::string(100'000, '$') + "\n");
  EXPECT_EQ(c->diags.ErrorCount(), 100'000u);
  EXPECT_EQ(c->diags.HiddenErrorCount(), 99'900u);
  ASSERT_EQ(c->diags.items().size(), 100u);
  EXPECT_EQ(c->diags.items().back().col, 100u);
  EXPECT_EQ(c->diags.items().back().message, "unexpected character `$`");
}

TEST(Stress, HundredThousandCallsOfUndefinedFunctionsKeepAHundredErrors) {
  std::string text = "async fn main() {\n";
  for (int i = 0; i < 100'000; ++i) text += "    f" + std::to_string(i) + "();\n";
  auto c = CompileText(text + "}\n");
  EXPECT_EQ(c->diags.ErrorCount(), 100'000u);
  ASSERT_EQ(c->diags.items().size(), 100u);
  EXPECT_EQ(c->diags.items().back().line, 101u);
  EXPECT_NE(c->diags.Render().find("t.rs: note: 99900 more errors are not shown (only the first 100 are)\n"),
            std::string::npos);
}

// ---- malformed input that used to crash later stages

TEST(Stress, TypeStartingWithDoubleAmpersandAtTheStartOfTheText) {
  Diagnostics d;
  TypeExprPtr t = ParseTypeSource(SourceFile("op.toml", "&&u32"), d);
  ASSERT_NE(t, nullptr) << d.Render();
  EXPECT_EQ(t->kind, TypeExpr::Kind::Ref);
  ASSERT_EQ(t->args.size(), 1u);
  EXPECT_EQ(t->args[0]->kind, TypeExpr::Kind::Ref);
  EXPECT_EQ(t->args[0]->args[0]->Name(), "u32");
}

}  // namespace
}  // namespace aws
