// RefCell's borrows are checked when the program runs: a conflicting borrow compiles (rustc
// accepts these programs) and panics with std's messages, ending the run as a fault at the method's
// name, where rustc 1.95's panic points (`cell.borrow_mut()` panics at `borrow_mut`).
#include <gtest/gtest.h>

#include <string>

#include "awaitscope/runtime.h"

namespace aws {
namespace {

struct CellRun {
  TraceSummary summary;
  std::string diags;
};

// The script sits in a scenario file after two lines, so its line N is the file's line N + 2.
CellRun RunMain(const std::string& script) {
  Diagnostics d;
  auto s = LoadScenarioText("t.toml", "title = \"t\"\nscript = '''\n" + script + "'''\n", d);
  EXPECT_TRUE(s) << d.Render();
  if (!s) return {};
  auto program = Compile(std::make_unique<SourceFile>(s->script), s->ops, d);
  EXPECT_FALSE(d.HasErrors()) << d.Render();
  if (d.HasErrors()) return {};
  Trace t = RunScenario(*program, *s, {}, d);
  return {t.summary, d.Render()};
}

TEST(RefCell, BorrowMutWhileARefLivesPanics) {
  CellRun r = RunMain(R"(use std::cell::RefCell;

fn main() {
    let cell = RefCell::new(vec![1, 2]);
    let reader = cell.borrow();
    println!("{} items", reader.len());
    let mut writer = cell.borrow_mut();
    writer.push(3);
}
)");
  EXPECT_EQ(r.summary.output, "2 items\n");
  EXPECT_EQ(r.summary.end_reason, 1);
  EXPECT_NE(r.diags.find("t.toml:9:27: error: thread 'main' panicked: RefCell already borrowed"), std::string::npos) << r.diags;
}

TEST(RefCell, BorrowWhileARefMutLivesPanicsAndEndedBorrowsAllowMore) {
  CellRun r = RunMain(R"(use std::cell::RefCell;

fn main() {
    let cell = RefCell::new(1);
    {
        let mut w = cell.borrow_mut();
        *w += 1;
    }
    let a = cell.borrow();
    let b = cell.borrow();
    println!("{} {}", *a, *b);
    drop(a);
    drop(b);
    let w = cell.borrow_mut();
    let r = cell.borrow();
    println!("unreachable {} {}", *w, *r);
}
)");
  EXPECT_EQ(r.summary.output, "2 2\n");
  EXPECT_EQ(r.summary.end_reason, 1);
  EXPECT_NE(r.diags.find("t.toml:17:18: error: thread 'main' panicked: RefCell already mutably borrowed"), std::string::npos)
      << r.diags;
}

}  // namespace
}  // namespace aws
