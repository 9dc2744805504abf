#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "awaitscope/lower.h"

namespace aws {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct Compiled {
  Diagnostics diags;
  std::unique_ptr<Program> program;
};

std::unique_ptr<Compiled> CompileText(const std::string& text) {
  auto c = std::make_unique<Compiled>();
  c->program = Compile(std::make_unique<SourceFile>("t.rs", text), {}, c->diags);
  return c;
}

// The desugared text of machine `name`, with a failure message when it does not exist.
std::string DesugarOf(const Compiled& c, const std::string& name) {
  if (!c.program) return "(no program)";
  const Machine* m = c.program->FindMachine(name);
  if (!m) return "(no machine " + name + ")";
  return Desugar(*c.program, *m);
}

constexpr const char* kExample = R"(
async fn example(min_len: usize) -> String {
    let content = async_read_file("foo.txt").await;
    if content.len() < min_len {
        content + &async_read_file("bar.txt").await
    } else {
        content
    }
}
)";

// The documents' hand-written machine for `example` (blog post, "The Full State Machine Type"),
// generated: same structs, enum, arms and constructor.
TEST(Desugar, ExampleMatchesTheDocumentsShape) {
  auto c = CompileText(kExample);
  ASSERT_FALSE(c->diags.HasErrors()) << c->diags.Render();
  EXPECT_EQ(
      DesugarOf(*c, "example"),
      R"txt(// The state machine generated for `async fn example` (simplified; a real compiler uses generators).

struct StartState {
    min_len: usize,
}

struct WaitingOnFooTxtState {
    min_len: usize,
    foo_txt_future: ReadFileFuture,
}

struct WaitingOnBarTxtState {
    content: String,
    bar_txt_future: ReadFileFuture,
}

struct EndState {}

enum ExampleStateMachine {
    Start(StartState),                     // Unresumed
    WaitingOnFooTxt(WaitingOnFooTxtState), // Suspend0
    WaitingOnBarTxt(WaitingOnBarTxtState), // Suspend1
    End(EndState),                         // Returned
}

impl Future for ExampleStateMachine {
    type Output = String;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context) -> Poll<String> {
        loop {
            match self.as_mut().get_mut() {
                ExampleStateMachine::Start(state) => {
                    let foo_txt_future = async_read_file("foo.txt");
                    *self = ExampleStateMachine::WaitingOnFooTxt(WaitingOnFooTxtState {
                        min_len: state.min_len,
                        foo_txt_future,
                    });
                }
                ExampleStateMachine::WaitingOnFooTxt(state) => {
                    match state.foo_txt_future.poll(cx) {
                        Poll::Pending => return Poll::Pending,
                        Poll::Ready(content) => {
                            if content.len() < state.min_len {
                                let bar_txt_future = async_read_file("bar.txt");
                                *self = ExampleStateMachine::WaitingOnBarTxt(WaitingOnBarTxtState {
                                    content,
                                    bar_txt_future,
                                });
                            } else {
                                *self = ExampleStateMachine::End(EndState {});
                                return Poll::Ready(content);
                            }
                        }
                    }
                }
                ExampleStateMachine::WaitingOnBarTxt(state) => {
                    match state.bar_txt_future.poll(cx) {
                        Poll::Pending => return Poll::Pending,
                        Poll::Ready(__awaited) => {
                            *self = ExampleStateMachine::End(EndState {});
                            return Poll::Ready(state.content + &__awaited);
                        }
                    }
                }
                ExampleStateMachine::End(_) => {
                    panic!("poll called after Poll::Ready was returned");
                }
            }
        }
    }
}

fn example(min_len: usize) -> ExampleStateMachine {
    ExampleStateMachine::Start(StartState { min_len })
}
)txt");
}

TEST(Desugar, CompileFillsTheMachinesText) {
  auto c = CompileText(kExample);
  const Machine* m = c->program->FindMachine("example");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->desugared, Desugar(*c->program, *m));
  EXPECT_EQ(Desugar(*c->program, *m), Desugar(*c->program, *m));  // deterministic
}

// The loop exists before the first await, so the iterator (`iter0`, the checker's hidden local) is
// kept in the state and the resumed arm continues the same loop from its head.
TEST(Desugar, AwaitInForLoopKeepsTheIteratorAndReentersTheLoop) {
  auto c = CompileText(R"(
async fn sum_slowly(xs: Vec<u32>) -> u32 {
    let mut sum: u32 = 0;
    for x in xs.iter() {
        sum += x;
        yield_now().await;
    }
    sum
}
)");
  ASSERT_FALSE(c->diags.HasErrors()) << c->diags.Render();
  EXPECT_EQ(
      DesugarOf(*c, "sum_slowly"),
      R"txt(// The state machine generated for `async fn sum_slowly` (simplified; a real compiler uses generators).

struct StartState {
    xs: Vec<u32>,
}

struct WaitingOnYieldState {
    xs: Vec<u32>,
    sum: u32,
    iter0: std::slice::Iter<'_, u32>, // points into `xs` of this same state
    yield_future: YieldNow,
}

struct EndState {}

enum SumSlowlyStateMachine {
    Start(StartState),                   // Unresumed
    WaitingOnYield(WaitingOnYieldState), // Suspend0
    End(EndState),                       // Returned
}

impl Future for SumSlowlyStateMachine {
    type Output = u32;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context) -> Poll<u32> {
        'poll: loop {
            match self.as_mut().get_mut() {
                SumSlowlyStateMachine::Start(state) => {
                    let mut sum: u32 = 0;
                    let mut iter0 = state.xs.iter();
                    while let Some(x) = iter0.next() {
                        sum += x;
                        let yield_future = yield_now();
                        *self = SumSlowlyStateMachine::WaitingOnYield(WaitingOnYieldState {
                            xs: state.xs,
                            sum,
                            iter0,
                            yield_future,
                        });
                        continue 'poll;
                    }
                    *self = SumSlowlyStateMachine::End(EndState {});
                    return Poll::Ready(sum);
                }
                SumSlowlyStateMachine::WaitingOnYield(state) => {
                    match state.yield_future.poll(cx) {
                        Poll::Pending => return Poll::Pending,
                        Poll::Ready(_) => {
                            while let Some(x) = state.iter0.next() {
                                state.sum += x;
                                let yield_future = yield_now();
                                *self = SumSlowlyStateMachine::WaitingOnYield(WaitingOnYieldState {
                                    xs: state.xs,
                                    sum: state.sum,
                                    iter0: state.iter0,
                                    yield_future,
                                });
                                continue 'poll;
                            }
                            *self = SumSlowlyStateMachine::End(EndState {});
                            return Poll::Ready(state.sum);
                        }
                    }
                }
                SumSlowlyStateMachine::End(_) => {
                    panic!("poll called after Poll::Ready was returned");
                }
            }
        }
    }
}

fn sum_slowly(xs: Vec<u32>) -> SumSlowlyStateMachine {
    SumSlowlyStateMachine::Start(StartState { xs })
}
)txt");
}

TEST(Desugar, AsyncFnWithoutAwaitReturnsReadyFromStart) {
  auto c = CompileText(R"(
async fn double(x: u32) -> u32 {
    let y = x * 2;
    y
}
)");
  ASSERT_FALSE(c->diags.HasErrors()) << c->diags.Render();
  EXPECT_EQ(
      DesugarOf(*c, "double"),
      R"txt(// The state machine generated for `async fn double` (simplified; a real compiler uses generators).

struct StartState {
    x: u32,
}

struct EndState {}

enum DoubleStateMachine {
    Start(StartState), // Unresumed
    End(EndState),     // Returned
}

impl Future for DoubleStateMachine {
    type Output = u32;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context) -> Poll<u32> {
        loop {
            match self.as_mut().get_mut() {
                DoubleStateMachine::Start(state) => {
                    let y = state.x * 2;
                    *self = DoubleStateMachine::End(EndState {});
                    return Poll::Ready(y);
                }
                DoubleStateMachine::End(_) => {
                    panic!("poll called after Poll::Ready was returned");
                }
            }
        }
    }
}

fn double(x: u32) -> DoubleStateMachine {
    DoubleStateMachine::Start(StartState { x })
}
)txt");
}

TEST(Desugar, AsyncBlockInsideFnStartsWithItsCaptures) {
  const std::string script = R"(
fn main() {
    let name = String::from("world");
    let greet = async move {
        println!("hello {}", name);
        sleep(Duration::from_millis(10)).await;
        name.len()
    };
    drop(greet);
}
)";
  auto c = CompileText(script);
  ASSERT_FALSE(c->diags.HasErrors()) << c->diags.Render();
  EXPECT_EQ(DesugarOf(*c, "main::{async block#0}"),
            R"txt(// The state machine generated for the `async` block on line 4 of `main`
// (simplified; a real compiler uses generators).

struct StartState {
    name: String,
}

struct WaitingOnSleepState {
    name: String,
    sleep_future: Sleep,
}

struct EndState {}

enum MainAsyncBlock0StateMachine {
    Start(StartState),                   // Unresumed
    WaitingOnSleep(WaitingOnSleepState), // Suspend0
    End(EndState),                       // Returned
}

impl Future for MainAsyncBlock0StateMachine {
    type Output = usize;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context) -> Poll<usize> {
        loop {
            match self.as_mut().get_mut() {
                MainAsyncBlock0StateMachine::Start(state) => {
                    println!("hello {}", state.name);
                    let sleep_future = sleep(Duration::from_millis(10));
                    *self = MainAsyncBlock0StateMachine::WaitingOnSleep(WaitingOnSleepState {
                        name: state.name,
                        sleep_future,
                    });
                }
                MainAsyncBlock0StateMachine::WaitingOnSleep(state) => {
                    match state.sleep_future.poll(cx) {
                        Poll::Pending => return Poll::Pending,
                        Poll::Ready(_) => {
                            *self = MainAsyncBlock0StateMachine::End(EndState {});
                            return Poll::Ready(state.name.len());
                        }
                    }
                }
                MainAsyncBlock0StateMachine::End(_) => {
                    panic!("poll called after Poll::Ready was returned");
                }
            }
        }
    }
}

// Evaluating the `async` block only builds the first state, holding what it captures:
//     MainAsyncBlock0StateMachine::Start(StartState { name })
)txt");

  // Without `move` the block borrows what it captures.
  std::string borrowed = script;
  borrowed.replace(borrowed.find("async move"), 10, "async");
  auto b = CompileText(borrowed);
  ASSERT_FALSE(b->diags.HasErrors()) << b->diags.Render();
  EXPECT_THAT(DesugarOf(*b, "main::{async block#0}"), HasSubstr("StartState { name: &name }"));
}

// A `loop` whose body always reaches an await before coming round needs no `loop` in the arms;
// `break` in the rest of the body continues after the loop.
TEST(Desugar, LoopWithBreakAfterTheAwait) {
  auto c = CompileText(R"(
async fn get(n: u32) -> u32 { n }

async fn count_up(limit: u32) -> u32 {
    let mut total: u32 = 0;
    loop {
        let x = get(total).await;
        if x > limit {
            break;
        }
        total += x;
    }
    total
}
)");
  ASSERT_FALSE(c->diags.HasErrors()) << c->diags.Render();
  std::string text = DesugarOf(*c, "count_up");
  size_t loops = 0;
  for (size_t at = text.find("loop {"); at != std::string::npos; at = text.find("loop {", at + 1))
    ++loops;
  EXPECT_EQ(loops, 1u) << text;  // only poll's own loop
  EXPECT_THAT(text, Not(HasSubstr("'poll")));
  EXPECT_THAT(text, HasSubstr(R"txt(                        Poll::Ready(x) => {
                            if x > state.limit {
                                *self = CountUpStateMachine::End(EndState {});
                                return Poll::Ready(state.total);
                            } else {
                                state.total += x;
                                let get_future = get(state.total);
                                *self = CountUpStateMachine::WaitingOnGet(WaitingOnGetState {
                                    limit: state.limit,
                                    total: state.total,
                                    get_future,
                                });
                            }
                        }
)txt"));
}

// `while let Some(x) = stream.next().await`: the awaited value is matched, the body runs, and the
// loop head awaits again.
TEST(Desugar, WhileLetOverAnAwaitedStream) {
  auto c = CompileText(R"(
async fn print_keypresses() {
    let mut scancodes = ScancodeStream::new();
    while let Some(scancode) = scancodes.next().await {
        println!("{}", scancode);
    }
}
)");
  ASSERT_FALSE(c->diags.HasErrors()) << c->diags.Render();
  const Machine* m = c->program->FindMachine("print_keypresses");
  ASSERT_NE(m, nullptr);
  ASSERT_EQ(m->states.size(), 4u);
  const State& waiting = m->states[1];
  std::string e = m->enum_name, l = waiting.label, fut = waiting.fields.back().name;
  std::string pad(28, ' ');
  EXPECT_THAT(Desugar(*c->program, *m),
              HasSubstr(pad + "if let Some(scancode) = __awaited {\n" +                //
                        pad + "    println!(\"{}\", scancode);\n" +                    //
                        pad + "    let " + fut + " = state.scancodes.next();\n" +      //
                        pad + "    *self = " + e + "::" + l + "(" + l + "State {\n" +  //
                        pad + "        scancodes: state.scancodes,\n" +                //
                        pad + "        " + fut + ",\n" +                               //
                        pad + "    });\n" +                                            //
                        pad + "} else {\n" +                                           //
                        pad + "    *self = " + e + "::End(EndState {});\n" +           //
                        pad + "    return Poll::Ready(());\n" +                        //
                        pad + "}\n"));
}

// Operands evaluated before an await (here the first await's result) are kept in temporaries of
// the next state and read back from it.
TEST(Desugar, TemporariesCarryOperandsAcrossAnAwait) {
  auto c = CompileText(R"(
async fn get(n: u32) -> u32 { n }

async fn two() -> u32 {
    let x = get(1).await + get(2).await;
    x
}
)");
  ASSERT_FALSE(c->diags.HasErrors()) << c->diags.Render();
  const Machine* m = c->program->FindMachine("two");
  ASSERT_NE(m, nullptr);
  ASSERT_GE(m->states.size(), 3u);
  const StateField* temp = nullptr;
  for (const StateField& f : m->states[2].fields)
    if (f.role == FieldRole::Temp) temp = &f;
  ASSERT_NE(temp, nullptr);
  std::string text = Desugar(*c->program, *m);
  EXPECT_THAT(text, HasSubstr(temp->name + ": __awaited,\n"));
  EXPECT_THAT(text, HasSubstr("let x = state." + temp->name + " + __awaited;\n"));
}

// Branches and early exits: an `if` whose value is awaited in one branch, `&&` with an await on
// the right, `?`, `return` inside a loop, a closure stored in the state.
TEST(Desugar, BranchesAndEarlyExits) {
  auto c = CompileText(R"(
async fn get(n: u32) -> u32 { n }
async fn fallible(n: u32) -> Result<u32, Error> { Ok(n) }

async fn pick(c: bool) -> u32 {
    let x = if c { get(1).await } else { 2 };
    x + 1
}

async fn both(a: bool) -> bool {
    a && get(1).await > 0
}

async fn tried() -> Result<u32, Error> {
    let v = fallible(3).await?;
    Ok(v)
}

async fn early(n: u32) -> u32 {
    let f = |a: u32| a + 1;
    for i in 0..n {
        let v = get(i).await;
        if v == 3 {
            return f(v);
        }
    }
    0
}
)");
  ASSERT_FALSE(c->diags.HasErrors()) << c->diags.Render();
  std::string pick = DesugarOf(*c, "pick");
  EXPECT_THAT(pick, HasSubstr("                    if state.c {\n"
                              "                        let get_future = get(1);\n"));
  EXPECT_THAT(pick,
              HasSubstr("                    } else {\n"
                        "                        let x = 2;\n"
                        "                        *self = PickStateMachine::End(EndState {});\n"
                        "                        return Poll::Ready(x + 1);\n"));
  EXPECT_THAT(pick, HasSubstr("                        Poll::Ready(__awaited) => {\n"
                              "                            let x = __awaited;\n"));

  std::string both = DesugarOf(*c, "both");
  EXPECT_THAT(both, HasSubstr("                    if state.a {\n"));
  EXPECT_THAT(both, HasSubstr("                        return Poll::Ready(false);\n"));
  EXPECT_THAT(both, HasSubstr("                            return Poll::Ready(__awaited > 0);\n"));

  EXPECT_THAT(DesugarOf(*c, "tried"), HasSubstr("let v = __awaited?;\n"));

  std::string early = DesugarOf(*c, "early");
  EXPECT_THAT(early, HasSubstr("let mut iter0 = 0..state.n;\n"));
  EXPECT_THAT(
      early,
      HasSubstr("                            if v == 3 {\n"
                "                                *self = EarlyStateMachine::End(EndState {});\n"
                "                                return Poll::Ready((state.f)(v));\n"
                "                            }\n"
                "                            while let Some(i) = state.iter0.next() {\n"));
}

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream f(p);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// Every shipped script: each state has its arm, each waiting state is entered somewhere, and no
// part of the body was left unprinted.
TEST(Desugar, ShippedScriptsDesugarCompletely) {
  std::vector<std::filesystem::path> scripts;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(AWAITSCOPE_SOURCE_DIR) + "/scenarios"))
    if (entry.path().extension() == ".rs") scripts.push_back(entry.path());
  std::sort(scripts.begin(), scripts.end());
  ASSERT_FALSE(scripts.empty());
  for (const auto& path : scripts) {
    auto c = CompileText(ReadFile(path));
    ASSERT_TRUE(c->program) << path;
    for (const Machine& m : c->program->machines) {
      SCOPED_TRACE(path.filename().string() + ": " + m.name);
      std::string text = Desugar(*c->program, m);
      for (const State& s : m.states) {
        if (s.kind == StateKind::Panicked) continue;
        EXPECT_THAT(
            text, HasSubstr(m.enum_name + "::" + s.label +
                            (s.kind == StateKind::Returned || s.fields.empty() ? "(_) => {"
                                                                               : "(state) => {")));
        if (s.kind == StateKind::Suspend)
          EXPECT_THAT(text, HasSubstr("*self = " + m.enum_name + "::" + s.label + "(" + s.label +
                                      "State {"));
      }
      EXPECT_THAT(text, Not(HasSubstr("/* ")));
      EXPECT_THAT(text, Not(HasSubstr("was not found")));
      EXPECT_THAT(text, Not(HasSubstr("left out")));
      EXPECT_EQ(std::count(text.begin(), text.end(), '{'),
                std::count(text.begin(), text.end(), '}'));
    }
  }
}

// A machine whose await cannot be found in the body (or whose body index is wrong) still gives
// text.
TEST(Desugar, InconsistentMachinesDoNotCrash) {
  auto c = CompileText(kExample);
  const Machine* m = c->program->FindMachine("example");
  ASSERT_NE(m, nullptr);
  Machine broken = *m;
  broken.states[1].await_expr = nullptr;
  EXPECT_THAT(Desugar(*c->program, broken),
              HasSubstr("(the code after this `.await` was not found)"));
  broken.body = 999;
  EXPECT_EQ(Desugar(*c->program, broken), "");
  Machine empty;
  empty.body = m->body;
  EXPECT_THAT(Desugar(*c->program, empty), HasSubstr("impl Future for"));
}


// The lines of the example's text are as in the golden file: each state's struct, its variant in
// the enum, and its arm of `poll`'s match.
TEST(DesugarLines, ExampleStatesStructsVariantsAndArms) {
  auto c = CompileText(kExample);
  ASSERT_FALSE(c->diags.HasErrors()) << c->diags.Render();
  const Machine* m = c->program->FindMachine("example");
  ASSERT_NE(m, nullptr);
  DesugaredCode code = DesugarWithLines(*c->program, *m);
  EXPECT_EQ(code.text, Desugar(*c->program, *m));
  EXPECT_EQ(code.text, m->desugared);
  EXPECT_EQ(code.states, m->desugared_states);
  ASSERT_EQ(m->states.size(), 5u);  // Start, WaitingOnFooTxt, WaitingOnBarTxt, End, Panicked
  ASSERT_EQ(code.states.size(), 5u);
  struct Expected {
    LineRange struct_lines;
    std::vector<uint32_t> field_lines;
    uint32_t variant_line;
    LineRange arm;
  };
  const Expected expected[] = {
      {{3, 5}, {4}, 20, {32, 38}},          // Start
      {{7, 10}, {8, 9}, 21, {39, 55}},      // WaitingOnFooTxt
      {{12, 15}, {13, 14}, 22, {56, 64}},   // WaitingOnBarTxt
      {{17, 17}, {}, 23, {65, 67}},         // End
      {{}, {}, 0, {}},                      // Panicked: no code
  };
  for (size_t i = 0; i < 5; ++i) {
    SCOPED_TRACE(m->states[i].label);
    EXPECT_EQ(code.states[i].struct_lines, expected[i].struct_lines);
    EXPECT_EQ(code.states[i].field_lines, expected[i].field_lines);
    EXPECT_EQ(code.states[i].variant_line, expected[i].variant_line);
    EXPECT_EQ(code.states[i].arm, expected[i].arm);
  }

  std::vector<std::string> lines{""};  // lines[n] is line n
  std::istringstream in(code.text);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  ASSERT_GE(lines.size(), 68u);
  EXPECT_EQ(lines[12], "struct WaitingOnBarTxtState {");
  EXPECT_EQ(lines[13], "    content: String,");
  EXPECT_EQ(lines[22], "    WaitingOnBarTxt(WaitingOnBarTxtState), // Suspend1");
  EXPECT_EQ(lines[39], "                ExampleStateMachine::WaitingOnFooTxt(state) => {");
  EXPECT_EQ(lines[40], "                    match state.foo_txt_future.poll(cx) {");
  EXPECT_EQ(lines[55], "                }");
  EXPECT_EQ(lines[56], "                ExampleStateMachine::WaitingOnBarTxt(state) => {");
  EXPECT_EQ(lines[64], "                }");
}

// In every shipped script, the lines of each state hold its struct, fields, variant and arm.
TEST(DesugarLines, ShippedScriptsPointAtTheirStates) {
  std::vector<std::filesystem::path> scripts;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(AWAITSCOPE_SOURCE_DIR) + "/scenarios"))
    if (entry.path().extension() == ".rs") scripts.push_back(entry.path());
  std::sort(scripts.begin(), scripts.end());
  ASSERT_FALSE(scripts.empty());
  for (const auto& path : scripts) {
    std::ifstream f(path);
    std::stringstream ss;
    ss << f.rdbuf();
    auto c = CompileText(ss.str());
    ASSERT_TRUE(c->program) << path;
    for (const Machine& m : c->program->machines) {
      SCOPED_TRACE(path.filename().string() + ": " + m.name);
      std::vector<std::string> lines{""};
      std::istringstream in(m.desugared);
      for (std::string l; std::getline(in, l);) lines.push_back(l);
      ASSERT_EQ(m.desugared_states.size(), m.states.size());
      auto line = [&](uint32_t n) { return n < lines.size() ? lines[n] : "(past the end)"; };
      for (size_t i = 0; i < m.states.size(); ++i) {
        const State& s = m.states[i];
        const DesugaredState& d = m.desugared_states[i];
        if (s.kind == StateKind::Panicked) {
          EXPECT_EQ(d, DesugaredState{});
          continue;
        }
        EXPECT_THAT(line(d.struct_lines.first), ::testing::StartsWith("struct " + s.label + "State {"));
        EXPECT_THAT(line(d.struct_lines.last), ::testing::EndsWith("}"));
        ASSERT_EQ(d.field_lines.size(), s.fields.size());
        for (size_t k = 0; k < s.fields.size(); ++k)
          EXPECT_THAT(line(d.field_lines[k]), ::testing::StartsWith("    " + s.fields[k].name + ": "));
        EXPECT_THAT(line(d.variant_line), ::testing::StartsWith("    " + s.label + "(" + s.label + "State),"));
        EXPECT_THAT(line(d.arm.first), HasSubstr(m.enum_name + "::" + s.label + "("));
        EXPECT_EQ(line(d.arm.last), "                }");
        EXPECT_LT(d.struct_lines.last, d.variant_line);
        EXPECT_LT(d.variant_line, d.arm.first);
      }
    }
  }
}

// A machine whose body cannot be found has no text and no lines.
TEST(DesugarLines, MissingBodyGivesNoLines) {
  auto c = CompileText(kExample);
  const Machine* m = c->program->FindMachine("example");
  ASSERT_NE(m, nullptr);
  Machine broken = *m;
  broken.body = 999;
  DesugaredCode code = DesugarWithLines(*c->program, broken);
  EXPECT_EQ(code.text, "");
  EXPECT_TRUE(code.states.empty());
}

}  // namespace
}  // namespace aws
