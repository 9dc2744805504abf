// The live keyboard (no window): typed characters as PC scancode set 1 codes, and keys injected
// through the App's commands, which are recorded so that stepping back and forth replays them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "awaitscope/trace_io.h"
#include "gui/app.h"
#include "present/keyboard.h"

namespace aws::gui {
namespace {

const std::string kScenarios = std::string(AWAITSCOPE_SOURCE_DIR) + "/scenarios";

TEST(KeyboardMap, LettersDigitsSpaceAndEnterAreSetOneMakeCodes) {
  const std::vector<std::pair<char, uint8_t>> table = {
      {'1', 0x02}, {'9', 0x0A}, {'0', 0x0B}, {'q', 0x10}, {'p', 0x19}, {'a', 0x1E}, {'h', 0x23},
      {'i', 0x17}, {'l', 0x26}, {'z', 0x2C}, {'m', 0x32}, {' ', 0x39}, {'\n', 0x1C}, {'\r', 0x1C},
      {'H', 0x23}, {'Z', 0x2C}};
  for (auto [c, code] : table) EXPECT_EQ(MakeCode(c), code) << c;
  for (char c : std::string("!-=.,;'\t\x7f")) EXPECT_EQ(MakeCode(c), 0) << int(c);
  // Every letter and digit has its own code, and the code leads back to the character.
  std::vector<bool> seen(256);
  for (char c : std::string("abcdefghijklmnopqrstuvwxyz0123456789 ")) {
    uint8_t code = MakeCode(c);
    ASSERT_NE(code, 0) << c;
    EXPECT_FALSE(seen[code]) << c;
    seen[code] = true;
    EXPECT_EQ(KeyChar(code), c);
    EXPECT_EQ(KeyChar(code | kReleaseBit), c);
  }
}

TEST(KeyboardMap, PressThenReleaseAndLabels) {
  EXPECT_EQ(ScancodesFor('h', true), (std::vector<uint8_t>{0x23, 0xA3}));
  EXPECT_EQ(ScancodesFor('i', false), (std::vector<uint8_t>{0x17}));
  EXPECT_EQ(ScancodesFor('\n', true), (std::vector<uint8_t>{0x1C, 0x9C}));
  EXPECT_TRUE(ScancodesFor('#', true).empty());
  EXPECT_EQ(ScancodeLabel(0x23), "H");
  EXPECT_EQ(ScancodeLabel(0xA3), "H up");
  EXPECT_EQ(ScancodeLabel(0x1C), "Enter");
  EXPECT_EQ(ScancodeLabel(0x39), "Space");
  EXPECT_EQ(ScancodeLabel(0x0B), "0");
  EXPECT_EQ(ScancodeLabel(0x5B), "0x5B");
}

TEST(KeyboardMap, WhichScenariosHaveAKeyboardAndSendReleases) {
  Session example, keys, race;
  Diagnostics diags;
  ASSERT_TRUE(example.Load(kScenarios + "/example.toml", diags));
  ASSERT_TRUE(keys.Load(kScenarios + "/keyboard_hi.toml", diags));
  ASSERT_TRUE(race.Load(kScenarios + "/keyboard_spurious_wake.toml", diags));
  EXPECT_FALSE(ScenarioHasKeyboard(example));
  EXPECT_TRUE(ScenarioHasKeyboard(keys));
  EXPECT_TRUE(ScenarioHasKeyboard(race));
  EXPECT_TRUE(ScenarioSendsReleases(keys));   // 0xA3 and 0x97 are scripted
  EXPECT_TRUE(ScenarioSendsReleases(race));   // 0xA3
  EXPECT_TRUE(ScenarioSendsReleases(example));  // none scripted: as a real keyboard
}

class LiveKeys : public ::testing::Test {
 protected:
  void SetUp() override {
    Diagnostics diags;
    ASSERT_TRUE(app_.Load(kScenarios + "/keyboard_hi.toml", diags)) << diags.Render();
  }
  void Type(char c) {
    for (uint8_t code : ScancodesFor(c, true)) {
      Command k{CommandKind::InjectKey};
      k.value = code;
      app_.Push(k);
    }
    app_.Apply();
  }
  App app_;
};

TEST_F(LiveKeys, TypedKeysArriveAtTheCursorsTimeAndAreRecorded) {
  const Session& s = app_.session();
  const int64_t last = s.size() - 1;
  app_.Push({CommandKind::Seek, last});
  app_.Apply();
  ASSERT_EQ(s.state().t_ms, 350);
  Type('i');
  EXPECT_EQ(s.cursor(), last);  // the cursor stays where the key was typed
  ASSERT_EQ(s.options().injected.size(), 2u);
  EXPECT_EQ(s.options().injected[0].t_ms, 350);
  EXPECT_EQ(s.options().injected[0].scancode, 0x17);
  EXPECT_EQ(s.options().injected[1].scancode, 0x97);
  EXPECT_EQ(s.trace().summary.output, "async number: 42\nhii");  // print!: one line

  // The trace records both keystrokes as Inject events followed by their interrupts.
  std::vector<std::string> injected;
  for (const Event& e : s.trace().events)
    if (e.kind == EventKind::Inject) injected.push_back(EventText(s.trace(), e, s.program()));
  EXPECT_EQ(injected, (std::vector<std::string>{"t=350ms inject device=keyboard scancode=0x17",
                                                "t=350ms inject device=keyboard scancode=0x97"}));
  EXPECT_EQ(app_.view().keyboard->last_error, "");
}

TEST_F(LiveKeys, SteppingBackAndForthReplaysTheSameEvents) {
  const Session& s = app_.session();
  app_.Push({CommandKind::Seek, 20});
  app_.Apply();
  const int64_t t = s.state().t_ms;
  Type('h');
  Type('1');  // a digit the script does not decode: woken, prints nothing
  ASSERT_EQ(s.options().injected.size(), 4u);
  const std::string trace_text = TraceToText(s.trace(), s.program());

  // Forwards to the end, one event at a time, remembering every state.
  std::vector<WorldState> forwards;
  app_.Push({CommandKind::Seek, -1});
  app_.Apply();
  while (s.cursor() + 1 < s.size()) {
    app_.Push({CommandKind::Step});
    app_.Apply();
    forwards.push_back(s.state());
  }
  EXPECT_EQ(s.state().output, "async number: 42\nhhi");
  // Backwards: each step shows what the same step showed going forwards, the keystrokes too.
  for (int64_t i = s.size() - 1; i >= 0; --i) {
    ASSERT_EQ(s.cursor(), i);
    ASSERT_EQ(s.state(), forwards[static_cast<size_t>(i)]) << "step " << i;
    app_.Push({CommandKind::StepBack});
    app_.Apply();
  }
  // The run is not changed by moving the cursor: the keys are part of it.
  EXPECT_EQ(TraceToText(s.trace(), s.program()), trace_text);
  int interrupts_at_t = 0;
  for (const Event& e : s.trace().events)
    interrupts_at_t += e.kind == EventKind::Interrupt && e.t_ms == t && e.a >= 0;
  EXPECT_EQ(interrupts_at_t, 4);
}

TEST(KeyboardInject, ATraceWithoutItsScenarioCannotTakeKeys) {
  Session source;
  Diagnostics diags;
  ASSERT_TRUE(source.Load(kScenarios + "/keyboard_hi.toml", diags));
  Session bare;
  bare.LoadTrace(source.trace());
  KeyboardState k;
  InjectKey(bare, k, 0x23);
  EXPECT_EQ(k.last_error, "keyboard_hi: error: cannot inject a keystroke: this trace has no scenario to re-run");
  InjectKey(bare, k, 300);
  EXPECT_EQ(k.last_error, "scancode 300 is outside 0..255");
}

}  // namespace
}  // namespace aws::gui
