// The State machine panel's entry for a hand-written future (present/hand_written_choice.h), on
// string_len's real run: `StringLen<F>` is found in the script, followed while its poll runs,
// and its polls, their outcomes, what they polled and the running line are read off the trace.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "awaitscope/world.h"
#include "present/hand_written_choice.h"

namespace aws::present {
namespace {

namespace fs = std::filesystem;

class HandWrittenChoiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Diagnostics d;
    ASSERT_TRUE(s_.Load((fs::path(AWAITSCOPE_SOURCE_DIR) / "scenarios" / "string_len.toml").string(), d)) << d.Render();
    entries_ = HandWrittenFutures(*s_.program());
  }
  // The step of the n-th (0-based) event of `kind` on an object named `prefix`...
  int64_t Find(EventKind kind, const std::string& prefix, int n = 0) const {
    const Trace& t = s_.trace();
    for (size_t i = 0; i < t.events.size(); ++i) {
      const Event& e = t.events[i];
      if (e.kind == kind && e.obj >= 0 && t.objects[size_t(e.obj)].name.rfind(prefix, 0) == 0 && n-- == 0)
        return int64_t(i);
    }
    ADD_FAILURE() << "no event " << int(kind) << " on " << prefix;
    return -1;
  }
  Session s_;
  std::vector<HandWrittenEntry> entries_;
};

TEST_F(HandWrittenChoiceTest, TheScriptsHandWrittenFutureIsOneEntryWithItsFieldsAndPoll) {
  ASSERT_EQ(entries_.size(), 1u);
  const HandWrittenEntry& e = entries_[0];
  EXPECT_EQ(e.name, "StringLen<F>");
  EXPECT_EQ(e.output, "usize");
  ASSERT_EQ(e.fields.size(), 1u);
  EXPECT_EQ(e.fields[0].name, "inner_future");
  EXPECT_EQ(e.fields[0].type, "F");
  // Lines as the Source panel numbers them (the script file's own).
  EXPECT_EQ(e.poll_first_line, 18u);
  EXPECT_EQ(e.poll_last_line, 25u);
  ASSERT_EQ(e.poll_lines.size(), 8u);
  EXPECT_EQ(e.poll_lines[0], "    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<usize> {");
  EXPECT_EQ(e.poll_lines[7], "    }");
}

TEST_F(HandWrittenChoiceTest, BeforeItsFirstPollThePanelFollowsTheTasksMachine) {
  s_.Seek(Find(EventKind::PollBegin, "StringLen") - 1);
  const ShownFuture shown = ChooseShownFuture(s_, entries_, -1);
  EXPECT_EQ(shown.hand_written, -1);
  ASSERT_GE(shown.machine.machine, 0);
  EXPECT_EQ(s_.program()->machines[size_t(shown.machine.machine)].name, "main");
}

TEST_F(HandWrittenChoiceTest, WhileItsPollRunsItIsShownWithTheRunningLine) {
  // The read polled from inside StringLen's poll: the first poll, the line of `inner_future.poll(cx)`.
  s_.Seek(Find(EventKind::PollBegin, "async_read_file"));
  const ShownFuture shown = ChooseShownFuture(s_, entries_, -1);
  ASSERT_EQ(shown.hand_written, 0);
  const HandWrittenChoice& c = shown.future;
  EXPECT_EQ(s_.trace().objects[size_t(c.object)].name, "StringLen<impl Future<Output = String>>");
  EXPECT_EQ(c.polls, 1);
  EXPECT_TRUE(c.polling);
  EXPECT_EQ(c.last_result, -1);
  EXPECT_EQ(c.line, 21u);
  ASSERT_EQ(c.inner.size(), 1u);
  EXPECT_EQ(c.inner[0].name, "async_read_file(\"foo.txt\")");
  EXPECT_EQ(c.inner[0].result, -1);
}

TEST_F(HandWrittenChoiceTest, ItsPollsOutcomesAreCountedAndTheLastOnesInnerPollsKept) {
  s_.Seek(Find(EventKind::PollEnd, "StringLen", 0));
  ShownFuture shown = ChooseShownFuture(s_, entries_, -1);
  ASSERT_EQ(shown.hand_written, 0);
  EXPECT_EQ(shown.future.polls, 1);
  EXPECT_EQ(shown.future.pending, 1);
  EXPECT_FALSE(shown.future.polling);
  EXPECT_EQ(shown.future.last_result, 0);
  EXPECT_EQ(shown.future.line, 0u);
  ASSERT_EQ(shown.future.inner.size(), 1u);
  EXPECT_EQ(shown.future.inner[0].result, 0);

  s_.Seek(Find(EventKind::PollEnd, "StringLen", 1));
  shown = ChooseShownFuture(s_, entries_, -1);
  EXPECT_EQ(shown.future.polls, 2);
  EXPECT_EQ(shown.future.pending, 1);
  EXPECT_TRUE(shown.future.ready);
  EXPECT_EQ(shown.future.last_result, 1);
  ASSERT_EQ(shown.future.inner.size(), 1u);
  EXPECT_EQ(shown.future.inner[0].result, 1);

  // After its poll, following goes back to the machine; pinned, it stays.
  s_.Seek(s_.size() - 1);
  EXPECT_EQ(ChooseShownFuture(s_, entries_, -1).hand_written, -1);
  const int pinned = int(s_.program()->machines.size());
  shown = ChooseShownFuture(s_, entries_, pinned);
  EXPECT_EQ(shown.hand_written, 0);
  EXPECT_EQ(shown.future.polls, 2);
  EXPECT_TRUE(shown.future.ready);
}

TEST_F(HandWrittenChoiceTest, APinnedMachineStaysWhileTheHandWrittenPollRuns) {
  s_.Seek(Find(EventKind::PollBegin, "async_read_file"));
  const ShownFuture shown = ChooseShownFuture(s_, entries_, 0);
  EXPECT_EQ(shown.hand_written, -1);
  EXPECT_EQ(shown.machine.machine, 0);
}

}  // namespace
}  // namespace aws::present
