#include <gtest/gtest.h>

#include "awaitscope/lower.h"

namespace aws {
namespace {

struct Compiled {
  Diagnostics diags;
  std::unique_ptr<Program> program;
};

std::unique_ptr<Compiled> CompileText(const std::string& text, std::vector<OpSpec> ops = {}) {
  auto c = std::make_unique<Compiled>();
  c->program = Compile(std::make_unique<SourceFile>("t.rs", text), ops, c->diags);
  return c;
}

// "name:role" for each field of a state, e.g. {"min_len:param", "foo_txt_future:awaitee"}.
std::vector<std::string> Fields(const State& s) {
  std::vector<std::string> out;
  for (const StateField& f : s.fields) out.push_back(f.name + ":" + FieldRoleName(f.role));
  return out;
}

std::vector<std::string> Edges(const Machine& m) {
  std::vector<std::string> out;
  for (const Transition& t : m.transitions)
    out.push_back(m.states[t.from].name + "->" + m.states[t.to].name + ":" + TransitionKindName(t.kind));
  return out;
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

// The documents (blog post §Saving State): Start{min_len}, WaitingOnFooTxt{min_len, foo future},
// WaitingOnBarTxt{content, bar future}, End{}; min_len is not kept after the comparison.
TEST(Lower, ExampleMachineMatchesTheDocuments) {
  auto c = CompileText(kExample);
  ASSERT_FALSE(c->diags.HasErrors()) << c->diags.Render();
  const Machine* m = c->program->FindMachine("example");
  ASSERT_NE(m, nullptr);
  ASSERT_EQ(m->states.size(), 5u);
  std::vector<std::pair<std::string, std::string>> names;
  for (const State& s : m->states) names.emplace_back(s.name, s.label);
  EXPECT_EQ(names, (std::vector<std::pair<std::string, std::string>>{{"Unresumed", "Start"},
                                                                      {"Suspend0", "WaitingOnFooTxt"},
                                                                      {"Suspend1", "WaitingOnBarTxt"},
                                                                      {"Returned", "End"},
                                                                      {"Panicked", "Panicked"}}));
  EXPECT_EQ(Fields(m->states[0]), (std::vector<std::string>{"min_len:param"}));
  EXPECT_EQ(Fields(m->states[1]), (std::vector<std::string>{"min_len:param", "foo_txt_future:awaitee"}));
  EXPECT_EQ(Fields(m->states[2]), (std::vector<std::string>{"content:local", "bar_txt_future:awaitee"}));
  EXPECT_TRUE(m->states[3].fields.empty());
  // Layout: 1-byte tag, fields at their alignment; the largest variant decides the size.
  EXPECT_EQ(m->states[0].fields[0].offset, 8u);
  EXPECT_EQ(m->states[2].fields[0].size, 24u);   // String
  EXPECT_EQ(m->states[2].fields[1].offset, 32u);
  EXPECT_EQ(m->states[2].size, 56u);
  EXPECT_EQ(m->size, 56u);
  EXPECT_EQ(m->align, 8u);
  EXPECT_FALSE(m->self_referential);
  EXPECT_EQ(Edges(*m), (std::vector<std::string>{"Unresumed->Suspend0:start", "Suspend0->Suspend0:pending",
                                                  "Suspend0->Suspend1:resume", "Suspend0->Returned:resume",
                                                  "Suspend1->Suspend1:pending", "Suspend1->Returned:resume"}));
  ASSERT_EQ(m->transitions[2].conditions, (std::vector<std::string>{"content.len() < min_len"}));
  ASSERT_EQ(m->transitions[3].conditions, (std::vector<std::string>{"!(content.len() < min_len)"}));
}

// The slides' addToInbox: NotYetStarted{email_id, recipient_id}, WaitingLoadMessage{recipient_id,
// future}, WaitingGetRecipient{message, future}, WaitingAddToInbox{future}, Completed.
TEST(Lower, AddToInboxHasTheSlidesFiveStates) {
  std::vector<OpSpec> ops(4);
  ops[0] = {"load_message", "", {"u64"}, "Result<Message, Error>", true, 30, "", 1, 1};
  ops[1] = {"get_recipient", "", {"u64"}, "Result<Recipient, Error>", true, 20, "", 1, 1};
  ops[2] = {"verify_has_space", "", {"&Recipient", "&Message"}, "Result<(), Error>", false, 0, "", 1, 1};
  ops[3] = {"add_to_inbox", "Recipient", {"Message"}, "Result<(), Error>", true, 10, "", 1, 1};
  auto c = CompileText(R"(
struct Message { text: String }
struct Recipient { id: u64 }
async fn add_to_inbox_fn(email_id: u64, recipient_id: u64) // @start NotYetStarted
    -> Result<(), Error> { // @end Completed
    let message = load_message(email_id).await?; // @state WaitingLoadMessage
    let recipient = get_recipient(recipient_id).await?; // @state WaitingGetRecipient
    verify_has_space(&recipient, &message)?;
    recipient.add_to_inbox(message).await // @state WaitingAddToInbox
}
)", ops);
  ASSERT_FALSE(c->diags.HasErrors()) << c->diags.Render();
  const Machine& m = c->program->machines.at(0);
  std::vector<std::string> labels;
  for (const State& s : m.states) labels.push_back(s.label);
  EXPECT_EQ(labels, (std::vector<std::string>{"NotYetStarted", "WaitingLoadMessage", "WaitingGetRecipient",
                                               "WaitingAddToInbox", "Completed", "Panicked"}));
  EXPECT_EQ(Fields(m.states[0]), (std::vector<std::string>{"email_id:param", "recipient_id:param"}));
  EXPECT_EQ(Fields(m.states[1]), (std::vector<std::string>{"recipient_id:param", "load_message_future:awaitee"}));
  EXPECT_EQ(Fields(m.states[2]), (std::vector<std::string>{"message:local", "get_recipient_future:awaitee"}));
  EXPECT_EQ(Fields(m.states[3]), (std::vector<std::string>{"add_to_inbox_future:awaitee"}));
  // `?` after each await can finish the future early.
  EXPECT_EQ(Edges(m), (std::vector<std::string>{"Unresumed->Suspend0:start", "Suspend0->Suspend0:pending",
                                                 "Suspend0->Suspend1:resume", "Suspend0->Returned:resume",
                                                 "Suspend1->Suspend1:pending", "Suspend1->Suspend2:resume",
                                                 "Suspend1->Returned:resume", "Suspend2->Suspend2:pending",
                                                 "Suspend2->Returned:resume"}));
}

TEST(Lower, LeftOperandEvaluatedBeforeAnAwaitIsSavedAsATemporary) {
  auto c = CompileText(R"(
fn prefix() -> String { "a".to_string() }
async fn f() -> String {
    prefix() + &async_read_file("foo.txt").await
}
)");
  ASSERT_FALSE(c->diags.HasErrors()) << c->diags.Render();
  const Machine& m = c->program->machines.at(0);
  ASSERT_EQ(m.states[1].fields.size(), 2u);
  EXPECT_EQ(m.states[1].fields[0].role, FieldRole::Temp);
  EXPECT_EQ(TypeName(m.states[1].fields[0].type), "String");
  EXPECT_EQ(m.states[1].fields[1].role, FieldRole::Awaitee);
}

TEST(Lower, AwaitInLoopLoopsBackAndBorrowedVectorIsKept) {
  auto c = CompileText(R"(
async fn sum(xs: Vec<i32>) -> i32 {
    let mut sum = 0;
    for x in xs.iter() {
        sum += *x;
        yield_now().await;
    }
    for x in xs.iter().rev() {
        sum -= *x;
        yield_now().await;
    }
    sum
}
)");
  ASSERT_FALSE(c->diags.HasErrors()) << c->diags.Render();
  const Machine& m = c->program->machines.at(0);
  // The talk: Suspend0{xs, iter0, sum}, Suspend1{xs, iter1, sum}; the iterators borrow xs.
  EXPECT_EQ(Fields(m.states[1]), (std::vector<std::string>{"xs:param", "sum:local", "iter0:local", "yield_future:awaitee"}));
  EXPECT_EQ(Fields(m.states[2]), (std::vector<std::string>{"xs:param", "sum:local", "iter1:local", "yield_future:awaitee"}));
  EXPECT_EQ(m.states[2].fields[2].points_into, 0);
  EXPECT_TRUE(m.self_referential);
  EXPECT_EQ(m.states[1].label, "WaitingOnYield");
  EXPECT_EQ(m.states[2].label, "WaitingOnYield2");
  bool loops_back = false;
  for (const Transition& t : m.transitions)
    loops_back |= t.from == 1 && t.to == 1 && t.kind == TransitionKind::Resume;
  EXPECT_TRUE(loops_back);
}

TEST(Lower, PinExampleElementPointsIntoArray) {
  auto c = CompileText(R"(
async fn pin_example() -> i32 {
    let array = [1, 2, 3];
    let element = &array[2];
    async_write_file("foo.txt", element.to_string()).await;
    *element
}
)");
  ASSERT_FALSE(c->diags.HasErrors()) << c->diags.Render();
  const Machine& m = c->program->machines.at(0);
  EXPECT_EQ(m.states[1].label, "WaitingOnWrite");
  EXPECT_EQ(Fields(m.states[1]), (std::vector<std::string>{"array:local", "element:local", "write_future:awaitee"}));
  EXPECT_EQ(m.states[1].fields[1].points_into, 0);
  EXPECT_TRUE(m.states[1].self_referential);
  EXPECT_EQ(m.states[1].fields[0].offset, 4u);   // [i32; 3] right after the 1-byte tag, 4-aligned
  EXPECT_EQ(m.states[1].fields[1].offset, 16u);  // &i32, 8-aligned
}

TEST(Lower, StateAnnotationOverridesTheDerivedLabel) {
  auto c = CompileText("async fn f() {\n  sleep(10ms).await; // @state Napping\n  sleep(10ms).await;\n}\n");
  ASSERT_FALSE(c->diags.HasErrors()) << c->diags.Render();
  const Machine& m = c->program->machines.at(0);
  EXPECT_EQ(m.states[1].label, "Napping");
  EXPECT_EQ(m.states[2].label, "WaitingOnSleep");
}

TEST(Lower, AsyncBlockCapturesAreItsStartFields) {
  auto c = CompileText(R"(
async fn main() {
    let name = "x".to_string();
    let fut = async move {
        sleep(Duration::from_millis(5)).await;
        println!("{}", name);
    };
    fut.await;
}
)");
  ASSERT_FALSE(c->diags.HasErrors()) << c->diags.Render();
  ASSERT_EQ(c->program->machines.size(), 2u);
  const Machine& blk = c->program->machines[1];
  EXPECT_EQ(blk.kind, "async block");
  EXPECT_EQ(blk.name, "main::{async block#0}");
  EXPECT_EQ(Fields(blk.states[0]), (std::vector<std::string>{"name:param"}));
  EXPECT_EQ(Fields(blk.states[1]), (std::vector<std::string>{"name:param", "sleep_future:awaitee"}));
  const Machine& main = c->program->machines[0];
  EXPECT_EQ(main.states[1].label, "WaitingOnFut");
  EXPECT_EQ(main.states[1].fields.back().size, blk.size);  // the nested machine is a field of its size
}

TEST(Lower, RecursiveAsyncFnIsReportedNotExpanded) {
  auto c = CompileText("async fn r(n: u32) -> u32 {\n  if n == 0 { 0 } else { r(n - 1).await }\n}\n");
  EXPECT_EQ(c->diags.Headlines(),
            "t.rs:1:10: error: recursive `async fn` `r` would have infinite size: its state machine contains itself; "
            "box the recursive call with `Box::pin`\n");
}

TEST(Lower, AsyncFnWithoutAwaitGoesStraightToEnd) {
  auto c = CompileText("async fn foo() -> u32 {\n    0\n}\n");
  ASSERT_FALSE(c->diags.HasErrors()) << c->diags.Render();
  const Machine& m = c->program->machines.at(0);
  ASSERT_EQ(m.states.size(), 3u);
  EXPECT_EQ(Edges(m), (std::vector<std::string>{"Unresumed->Returned:start"}));
}

}  // namespace
}  // namespace aws

namespace aws {
namespace {

// Two live bindings named `y` (the outer one and one in an inner block) are two variables: the
// state struct, the desugared code and the JSON name them `y` and `y_1`, never `y` twice. A user's
// own `y_1` is not taken: the shadowing binding then becomes `y_2`.
TEST(Lower, ShadowedBindingsGetDistinctFieldNames) {
  auto c = CompileText(R"(
async fn tick() {}

async fn f() -> u32 {
    let y: u32 = 1;
    let z = {
        let y: u32 = 2;
        tick().await;
        y + 1
    };
    tick().await;
    y + z
}
)");
  ASSERT_FALSE(c->diags.HasErrors()) << c->diags.Render();
  const Machine* m = c->program->FindMachine("f");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(Fields(m->states[1]), (std::vector<std::string>{"y:local", "y_1:local", "tick_future:awaitee"}));
  EXPECT_EQ(Fields(m->states[2]), (std::vector<std::string>{"y:local", "z:local", "tick_future:awaitee"}));
  EXPECT_NE(m->desugared.find("    y: u32,\n    y_1: u32,\n"), std::string::npos) << m->desugared;
  const std::string json = DumpMachinesJson(*c->program);
  EXPECT_NE(json.find("\"y_1\""), std::string::npos);

  auto taken = CompileText(R"(
async fn tick() {}

async fn g() -> u32 {
    let y_1: u32 = 5;
    let y: u32 = 1;
    let y: u32 = y + 1;
    tick().await;
    y + y_1
}
)");
  ASSERT_FALSE(taken->diags.HasErrors()) << taken->diags.Render();
  const Machine* g = taken->program->FindMachine("g");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(Fields(g->states[1]), (std::vector<std::string>{"y_1:local", "y_2:local", "tick_future:awaitee"}));
}

}  // namespace
}  // namespace aws
