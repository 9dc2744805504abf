// std::rc and std::cell in scripts (check/cells.cpp, runtime/library/cells.cpp), futures'
// `stream::iter` (runtime/futures/stream_iter.cpp) and `Box::as_ref`/`as_mut`: exact output,
// panic text and place, and the trace of a stream that never waits.
#include <gtest/gtest.h>

#include <algorithm>

#include "awaitscope/runtime.h"
#include "awaitscope/trace_io.h"

namespace aws {
namespace {

struct RunOut {
  Trace trace;
  std::string text;
  std::string diags;
};

// Runs `body` as a scenario's script; its first line is line 3 of t.toml.
RunOut RunScript(const std::string& body) {
  Diagnostics d;
  auto s = LoadScenarioText("t.toml", "title = \"t\"\nscript = '''\n" + body + "'''\n", d);
  EXPECT_TRUE(s) << d.Render();
  RunOut r;
  if (!s) return r;
  auto p = Compile(std::make_unique<SourceFile>(s->script), s->ops, d);
  EXPECT_FALSE(d.HasErrors()) << d.Render();
  if (!p || d.HasErrors()) return r;
  r.trace = RunScenario(*p, *s, {}, d);
  r.text = TraceToText(r.trace, p.get());
  r.diags = d.Render();
  return r;
}

std::string EndWhy(const RunOut& r) { return r.trace.events.empty() ? "" : r.trace.Payload(r.trace.events.back()); }
std::string FirstDiag(const RunOut& r) { return r.diags.substr(0, r.diags.find('\n')); }

// [SECTION] RefCell's borrows, counted at run time

TEST(Cells, ABorrowMutWhileAnotherTaskHoldsOneAcrossAnAwaitPanicsAtTheMethodName) {
  RunOut r = RunScript(
      "use std::cell::RefCell;\n"
      "use std::rc::Rc;\n"
      "async fn hold(s: Rc<RefCell<Vec<u32>>>) {\n"
      "    let mut v = s.borrow_mut();\n"
      "    v.push(1);\n"
      "    sleep(Duration::from_millis(5)).await;\n"
      "    v.push(2);\n"
      "}\n"
      "async fn poke(s: Rc<RefCell<Vec<u32>>>) {\n"
      "    s.borrow_mut().push(99);\n"
      "}\n"
      "async fn main() {\n"
      "    let s = Rc::new(RefCell::new(Vec::new()));\n"
      "    spawn(hold(s.clone()));\n"
      "    spawn(poke(s.clone()));\n"
      "    sleep(Duration::from_millis(10)).await;\n"
      "}\n");
  ASSERT_FALSE(r.trace.events.empty());
  EXPECT_EQ(r.trace.events.back().kind, EventKind::RunEnd);
  EXPECT_EQ(r.trace.events.back().a, 1);
  EXPECT_EQ(EndWhy(r), "task 2 panicked: RefCell already borrowed");
  // rustc's #[track_caller] place: the method's name (line 12 of t.toml, column 7)
  EXPECT_EQ(FirstDiag(r), "t.toml:12:7: error: task 2 panicked: RefCell already borrowed");
}

TEST(Cells, ABorrowWhileARefMutLivesPanicsAsMutablyBorrowed) {
  RunOut r = RunScript(
      "use std::cell::RefCell;\n"
      "async fn main() {\n"
      "    let c = RefCell::new(1);\n"
      "    let m = c.borrow_mut();\n"
      "    println!(\"{}\", c.borrow());\n"
      "}\n");
  EXPECT_EQ(EndWhy(r), "task 0 panicked: RefCell already mutably borrowed");
  EXPECT_EQ(FirstDiag(r), "t.toml:7:22: error: task 0 panicked: RefCell already mutably borrowed");
}

// What rustc 1.95's std prints for the same program (run natively): a temporary's borrow lasts
// to the end of its statement, a binding's to its block or its `drop`.
TEST(Cells, GuardsGiveTheirBorrowsBackAsStdDoes) {
  RunOut r = RunScript(
      "use std::cell::RefCell;\n"
      "fn main() {\n"
      "    let c = RefCell::new(vec![1]);\n"
      "    c.borrow_mut().push(2);\n"
      "    {\n"
      "        let r1 = c.borrow();\n"
      "        let r2 = c.borrow();\n"
      "        println!(\"{} {} {:?}\", r1.len(), r2.len(), c.try_borrow_mut().is_ok());\n"
      "    }\n"
      "    let mut m = c.borrow_mut();\n"
      "    m.push(3);\n"
      "    println!(\"{:?}\", c);\n"
      "    drop(m);\n"
      "    println!(\"{:?} {}\", c.borrow(), c.try_borrow_mut().is_ok());\n"
      "}\n");
  EXPECT_EQ(r.trace.summary.output, "2 2 false\nRefCell { value: <borrowed> }\n[1, 2, 3] false\n") << r.diags;
}

TEST(Cells, CellSwapsWholeValuesAndRcCountsItsOwners) {
  RunOut r = RunScript(
      "use std::cell::Cell;\n"
      "use std::rc::Rc;\n"
      "fn main() {\n"
      "    let hits = Rc::new(Cell::new(1u32));\n"
      "    {\n"
      "        let other = Rc::clone(&hits);\n"
      "        other.set(other.get() + 1);\n"
      "        println!(\"{} {}\", hits.get(), Rc::strong_count(&hits));\n"
      "    }\n"
      "    println!(\"{} {} {}\", hits.replace(7), hits.take(), hits.get());\n"
      "    println!(\"{}\", Rc::strong_count(&hits));\n"
      "}\n");
  EXPECT_EQ(r.trace.summary.output, "2 2\n2 7 0\n1\n") << r.diags;
}

// [SECTION] futures' stream::iter: a stream that never waits

TEST(StreamIter, EveryNextIsReadyAtItsFirstPollOnePollPerItem) {
  RunOut r = RunScript(
      "use futures::stream::{self, StreamExt};\n"
      "async fn main() {\n"
      "    let mut s = stream::iter(vec![5, 6]);\n"
      "    while let Some(x) = s.next().await {\n"
      "        println!(\"{}\", x);\n"
      "    }\n"
      "}\n");
  EXPECT_EQ(r.trace.summary.output, "5\n6\n") << r.diags;
  const char* expected[] = {
      "poll_begin task=0 future=s.next()#1 depth=1\n",
      "poll_end task=0 future=s.next()#1 depth=1 -> Ready(Some(5))\n",
      "poll_begin task=0 future=s.next()#2 depth=1\n",
      "poll_end task=0 future=s.next()#2 depth=1 -> Ready(Some(6))\n",
      "poll_begin task=0 future=s.next()#3 depth=1\n",
      "poll_end task=0 future=s.next()#3 depth=1 -> Ready(None)\n",
  };
  size_t at = 0;
  for (const char* line : expected) {
    size_t found = r.text.find(line, at);
    ASSERT_NE(found, std::string::npos) << line << "\n" << r.text;
    at = found;
  }
  // main is polled once: no `next()` ever returns Pending
  const std::string summary = r.text.substr(r.text.rfind("summary:"));
  EXPECT_EQ(summary.substr(0, summary.find(" wakes")), "summary: polls=1 pending=0 ready=1");
}

}  // namespace
}  // namespace aws
