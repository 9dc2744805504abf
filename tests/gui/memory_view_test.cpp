// The Memory panel: its picture of the address space (rows, fields, variants, arrows), computed
// without a window, and headless screenshots of pin_example before and after the move.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "awaitscope/world.h"
#include "gui/app.h"
#include "present/image.h"
#include "present/memory_picture.h"
#include "present/narration.h"
#include "gui/platform.h"
#include "gui/theme.h"
#include "gui/views/views.h"
#include "headless.h"

namespace aws::gui {
namespace {

using shots::FromImColor;
using shots::OpenHeadless;
using shots::RenderFrames;
using shots::Rgb;

namespace fs = std::filesystem;

const fs::path kRoot = AWAITSCOPE_SOURCE_DIR;
std::string ScenarioPath(const char* name) { return (kRoot / "scenarios" / (std::string(name) + ".toml")).string(); }

// pin_example_moved: step 26 is the poll of main just before the move; step 27 moves the
// machine from 0x10010 to 0x10020; step 31 reads *element through the dangling pointer.
constexpr int64_t kBeforeMove = 26;
constexpr int64_t kMove = 27;
constexpr int64_t kDanglingRead = 31;

class MemoryPictureTest : public ::testing::Test {
 protected:
  void Open(const char* name) {
    Diagnostics diags;
    ASSERT_TRUE(session_.Load(ScenarioPath(name), diags)) << diags.Render();
  }
  MemPicture At(int64_t step, int per_row = 8) {
    session_.Seek(step);
    return BuildMemoryPicture(session_.memory(), per_row);
  }
  static const MemLine* Row(const MemPicture& p, uint64_t address) {
    for (const MemLine& l : p.lines)
      if (l.kind == MemLineKind::Bytes && l.address == address) return &l;
    return nullptr;
  }
  static std::vector<std::string> Labels(const MemLine& l) {
    std::vector<std::string> out;
    for (const MemLabel& x : l.labels) out.push_back(x.text);
    return out;
  }
  Session session_;
};

TEST_F(MemoryPictureTest, PinExampleBeforeTheMoveHasASelfReference) {
  Open("pin_example_moved");
  ASSERT_EQ(session_.trace().events[size_t(kMove)].kind, EventKind::MemMove);
  const MemPicture p = At(kBeforeMove);

  // The state machine first: its header, then its one variant with fields, then its 9 rows.
  ASSERT_GE(p.lines.size(), 11u);
  EXPECT_EQ(p.lines[0].kind, MemLineKind::Header);
  EXPECT_EQ(p.lines[0].address, 0x10010u);
  EXPECT_EQ(p.lines[0].block, 1);
  EXPECT_EQ(p.lines[0].stale, -1);
  ASSERT_EQ(p.lines[1].kind, MemLineKind::Variant);
  EXPECT_EQ(p.lines[1].variant, 1);
  EXPECT_TRUE(p.lines[1].in_force);
  for (uint64_t row = 0x10010; row < 0x10058; row += 8) EXPECT_NE(Row(p, row), nullptr) << std::hex << row;
  EXPECT_EQ(Row(p, 0x10058), nullptr);

  const MemLine& first = *Row(p, 0x10010);
  EXPECT_EQ(Labels(first), (std::vector<std::string>{"<tag> = 1 (WaitingOnWrite)", "array = [1, 2, 3]"}));
  EXPECT_EQ(first.labels[1].column, 4);
  // array = [1, 2, 3] as little-endian i32s from 0x10014.
  const MemLine& second = *Row(p, 0x10018);
  EXPECT_EQ(first.cells[4].value, 1);
  EXPECT_EQ(second.cells[0].value, 2);
  EXPECT_EQ(second.cells[4].value, 3);
  EXPECT_FALSE(second.cells[4].stale);

  const MemLine& element = *Row(p, 0x10020);
  EXPECT_EQ(Labels(element), (std::vector<std::string>{"element = 0x1001C -> array[2]"}));
  EXPECT_EQ(element.cells[0].value, 0x1C);
  EXPECT_EQ(element.cells[1].value, 0x00);
  EXPECT_EQ(element.cells[2].value, 0x01);

  // One self-reference: from element (0x10020, column 0) to array[2] (0x1001C: row 0x10018, column 4).
  std::vector<MemArrow> self;
  for (const MemArrow& a : p.arrows)
    if (a.block == 1) self.push_back(a);
  ASSERT_EQ(self.size(), 1u);
  EXPECT_EQ(self[0].name, "element");
  EXPECT_EQ(p.lines[self[0].from_line].address, 0x10020u);
  EXPECT_EQ(self[0].from_column, 0);
  EXPECT_EQ(p.lines[self[0].to_line].address, 0x10018u);
  EXPECT_EQ(self[0].to_column, 4);
  EXPECT_TRUE(self[0].self_ref);
  EXPECT_FALSE(self[0].dangling);
  EXPECT_FALSE(self[0].meant_known);
}

TEST_F(MemoryPictureTest, PinExampleAfterTheMoveDangles) {
  Open("pin_example_moved");
  const MemPicture p = At(kMove);

  // The stale range the move left behind comes first (it starts lower), then the block at 0x10020.
  ASSERT_EQ(p.lines[0].kind, MemLineKind::Header);
  ASSERT_EQ(p.lines[0].stale, 0);
  EXPECT_EQ(StaleHeader(session_.memory().stale[0], session_.memory().Find(1), false),
            "0x10010..0x10058: 72 bytes left behind by the move of PinExampleStateMachine at step 27");
  const MemBlock& b = *session_.memory().Find(1);
  EXPECT_EQ(BlockHeader(b, "WaitingOnWrite"),
            "PinExampleStateMachine at 0x10020, 72 bytes, stack, in WaitingOnWrite; moved from 0x10010 at step 27");

  // 0x10010 and 0x10018 hold only stale bytes; from 0x10020 the moved block.
  const MemLine& old_row = *Row(p, 0x10018);
  EXPECT_TRUE(old_row.cells[4].stale);
  EXPECT_EQ(old_row.cells[4].value, 3);  // the old array[2], still readable
  EXPECT_EQ(Labels(*Row(p, 0x10010)), (std::vector<std::string>{"was <tag> = 1 (WaitingOnWrite)", "was array = [1, 2, 3]"}));
  EXPECT_FALSE(Row(p, 0x10020)->cells[0].stale);
  EXPECT_EQ(Row(p, 0x10028)->cells[4].value, 3);  // array[2] at its new place, 0x1002C

  const MemLine& element = *Row(p, 0x10030);
  ASSERT_EQ(element.labels.size(), 1u);
  EXPECT_EQ(element.labels[0].text, "element = 0x1001C (dangling: array[2] is now at 0x1002C)");
  EXPECT_TRUE(element.labels[0].dangling);

  std::vector<MemArrow> self;
  for (const MemArrow& a : p.arrows)
    if (a.block == 1) self.push_back(a);
  ASSERT_EQ(self.size(), 1u);
  EXPECT_EQ(p.lines[self[0].from_line].address, 0x10030u);
  EXPECT_EQ(p.lines[self[0].to_line].address, 0x10018u);
  EXPECT_EQ(self[0].to_column, 4);
  EXPECT_TRUE(self[0].dangling);
  EXPECT_FALSE(self[0].self_ref);  // it no longer points into its own block
  // Where array[2] lives now: 0x1002C, row 0x10028, column 4.
  ASSERT_TRUE(self[0].meant_known);
  EXPECT_EQ(p.lines[self[0].meant_line].address, 0x10028u);
  EXPECT_EQ(self[0].meant_column, 4);
}

TEST_F(MemoryPictureTest, SteppingBackUndoesTheMove) {
  Open("pin_example_moved");
  const MemPicture before = At(kBeforeMove);
  At(kDanglingRead);
  const MemPicture again = At(kBeforeMove);
  ASSERT_EQ(again.lines.size(), before.lines.size());
  for (size_t i = 0; i < before.lines.size(); ++i) {
    EXPECT_EQ(again.lines[i].address, before.lines[i].address) << i;
    EXPECT_EQ(Labels(again.lines[i]), Labels(before.lines[i])) << i;
  }
  EXPECT_TRUE(session_.memory().stale.empty());
  EXPECT_EQ(session_.memory().Find(1)->address, 0x10010u);
}

TEST_F(MemoryPictureTest, WiderRowsHoldTheSameBytes) {
  Open("pin_example_moved");
  const MemPicture p = At(kMove, 16);
  EXPECT_EQ(p.bytes_per_row, 16);
  size_t line = 0;
  int column = 0;
  ASSERT_TRUE(p.Locate(0x1001C, &line, &column));
  EXPECT_EQ(p.lines[line].address, 0x10010u);
  EXPECT_EQ(column, 12);
  EXPECT_EQ(p.lines[line].cells[12].value, 3);
  EXPECT_FALSE(p.Locate(0x20000, &line, &column));
}

TEST_F(MemoryPictureTest, FarApartBlocksAreSeparatedByAGap) {
  Open("heap_self_ref");
  // After `heap_value.self_ptr = ptr`: the task's machine, the boxed value, main's locals.
  int64_t step = -1;
  for (int64_t i = 0; i < session_.size(); ++i)
    if (session_.trace().Payload(session_.trace().events[size_t(i)]).starts_with("(*Box#1).self_ptr")) step = i;
  ASSERT_GE(step, 0);
  const MemPicture p = At(step);
  std::vector<uint64_t> gaps;
  for (const MemLine& l : p.lines)
    if (l.kind == MemLineKind::Gap) gaps.push_back(l.gap_bytes);
  EXPECT_EQ(gaps, (std::vector<uint64_t>{0x55550000 - 0x44440008, 0x7FFC0000 - 0x55550008}));
  EXPECT_EQ(GapText(gaps[0]), "273 MiB of addresses");
  // The box points at itself; heap_value and ptr on the stack point at the box.
  size_t into_box = 0, self = 0;
  for (const MemArrow& a : p.arrows) {
    EXPECT_EQ(p.lines[a.to_line].address, 0x55550000u);
    EXPECT_EQ(a.to_column, 0);
    ++into_box;
    self += a.self_ref;
  }
  EXPECT_EQ(into_box, 3u);
  EXPECT_EQ(self, 1u);
}

TEST_F(MemoryPictureTest, MachineVariantsShareTheirBytes) {
  Open("sum_generator_size");
  int64_t step = -1;  // the first time sum's machine is in Suspend1 (its second loop)
  for (int64_t i = 0; i < session_.size() && step < 0; ++i) {
    session_.Seek(i);
    for (const auto& [id, b] : session_.memory().blocks)
      if (b.live && b.type_name == "SumStateMachine" && b.state == 2) step = i;
  }
  ASSERT_GE(step, 0);
  const MemPicture p = At(step);
  std::vector<int> variants;
  std::vector<bool> in_force;
  for (const MemLine& l : p.lines)
    if (l.kind == MemLineKind::Variant && session_.memory().Find(l.block)->type_name == "SumStateMachine") {
      variants.push_back(l.variant);
      in_force.push_back(l.in_force);
    }
  EXPECT_EQ(variants, (std::vector<int>{0, 1, 2}));  // Unresumed holds xs; Suspend0 and Suspend1 more
  EXPECT_EQ(in_force, (std::vector<bool>{false, false, true}));
  // Some byte in force is shared with a field of another state (iter0 and iter1 overlap).
  bool overlap = false;
  for (const MemLine& l : p.lines)
    for (const MemCell& c : l.cells) overlap |= c.other_variant && c.field >= 0;
  EXPECT_TRUE(overlap);
}

TEST_F(MemoryPictureTest, NarrationOfTheMoveAndTheDanglingRead) {
  Open("pin_example_moved");
  EXPECT_EQ(Narrate(session_.trace(), session_.program(), kMove),
            "A move copies the bytes from 0x10010 to 0x10020 and retires the old place: pin_example#1 is moved "
            "in state WaitingOnWrite: 72 bytes copied from 0x10010 to 0x10020; element (now at 0x10030) still "
            "holds 0x1001C, but array[2] is now at 0x1002C: it dangles.");
  EXPECT_EQ(Narrate(session_.trace(), session_.program(), kDanglingRead),
            "Undefined behaviour: the program reads through a dangling pointer at 0x1001C. A pointer to array[2] "
            "holds 0x1001C, but array[2] has moved to 0x1002C. 0x1001C is stale memory left behind by the move: "
            "its old bytes still read 3, by luck; the program meant array[2] at 0x1002C, and once the old place "
            "is reused it reads garbage.");
}

// Every step of every scenario that tracks memory, at both row widths: arrows join Bytes lines,
// labels sit on cells, each live byte appears once, and stale cells name a real stale range.
TEST_F(MemoryPictureTest, EveryStepOfEveryMemoryScenarioGivesAConsistentPicture) {
  size_t scenarios = 0;
  for (const auto& entry : fs::directory_iterator(kRoot / "scenarios")) {
    if (entry.path().extension() != ".toml") continue;
    Session s;
    Diagnostics diags;
    if (!s.Load(entry.path().string(), diags) || s.scenario() == nullptr || !s.scenario()->memory.track) continue;
    ++scenarios;
    for (int64_t step = -1; step < s.size(); ++step) {
      s.Seek(step);
      const AddressSpace& space = s.memory();
      for (int per_row : {8, 16}) {
        const MemPicture p = BuildMemoryPicture(space, per_row);
        const std::string where = entry.path().filename().string() + " step " + std::to_string(step);
        std::set<uint64_t> seen;
        for (const MemLine& l : p.lines) {
          if (l.kind != MemLineKind::Bytes) continue;
          ASSERT_EQ(l.cells.size(), size_t(per_row)) << where;
          ASSERT_EQ(l.address % uint64_t(per_row), 0u) << where;
          for (const MemCell& c : l.cells) {
            ASSERT_TRUE(seen.insert(c.address).second) << where << ": address twice";
            if (c.stale) ASSERT_LT(size_t(c.stale_range), space.stale.size()) << where;
            if (c.mapped && !c.stale) ASSERT_NE(space.Find(c.block), nullptr) << where;
          }
          for (const MemLabel& x : l.labels) ASSERT_LT(x.column, per_row) << where;
        }
        for (const auto& [id, b] : space.blocks)
          for (uint64_t a = b.address; b.live && a < b.address + b.size; ++a) ASSERT_TRUE(seen.count(a)) << where;
        for (const MemArrow& a : p.arrows) {
          ASSERT_LT(a.from_line, p.lines.size()) << where;
          ASSERT_LT(a.to_line, p.lines.size()) << where;
          EXPECT_EQ(p.lines[a.from_line].kind, MemLineKind::Bytes) << where;
          EXPECT_EQ(p.lines[a.to_line].kind, MemLineKind::Bytes) << where;
        }
      }
    }
  }
  EXPECT_GE(scenarios, 11u);
}

TEST(MemoryPictureText, GapsAndLabels) {
  EXPECT_EQ(GapText(24), "24 bytes");
  EXPECT_EQ(GapText(4096), "4 KiB of addresses");
  EXPECT_EQ(GapText(0x3FFB0000), "1 GiB of addresses");
  MemField f;
  f.name = "self_ptr";
  f.value = "0x0 (null)";
  f.is_pointer = true;
  EXPECT_EQ(FieldLabel(f), "self_ptr = 0x0 (null)");
  f.value = "0x1001C";
  f.target = 0x1001C;
  f.target_name = "array[2]";
  f.dangling = true;
  EXPECT_EQ(FieldLabel(f), "self_ptr = 0x1001C (dangling: array[2] is not there)");
  EXPECT_EQ(FieldLabel(f, 0x1002C), "self_ptr = 0x1001C (dangling: array[2] is now at 0x1002C)");
  f.value.clear();
  EXPECT_EQ(FieldLabel(f), "self_ptr");  // a field of a state not in force has no value
}

// [SECTION] Screenshots: the Memory panel of pin_example_moved in the memory layout.


// Pixels of exactly colour `c`, and their bounding box.
struct Found {
  int64_t count = 0;
  int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1;
};
Found FindColor(const Image& img, uint32_t imcolor) {
  const Rgb c = FromImColor(imcolor);
  Found f;
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) {
      const size_t i = (size_t(y) * size_t(img.width) + size_t(x)) * 4;
      if (img.rgba[i] != c.r || img.rgba[i + 1] != c.g || img.rgba[i + 2] != c.b) continue;
      ++f.count;
      f.x0 = std::min(f.x0, x), f.y0 = std::min(f.y0, y), f.x1 = std::max(f.x1, x), f.y1 = std::max(f.y1, y);
    }
  return f;
}

class MemoryScreenshot : public ::testing::Test {
 protected:
  static constexpr int kWidth = 1600, kHeight = 900;
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(OpenHeadless(platform_, kWidth, kHeight, &error)) << error;
    Diagnostics diags;
    ASSERT_TRUE(app_.Load(ScenarioPath("pin_example_moved"), diags)) << diags.Render();
  }
  Image RenderAt(int64_t step) {
    app_.Push({CommandKind::Seek, step});
    Image shot = RenderFrames(platform_, app_, 3);
    if (const char* dir = std::getenv("AWAITSCOPE_SCREENSHOT_DIR")) {
      std::string error;
      WritePng((fs::path(dir) / ("memory_step_" + std::to_string(step) + ".png")).string(), shot, &error);
    }
    return shot;
  }
  Platform platform_;
  App app_;
};

TEST_F(MemoryScreenshot, TheScenarioChoosesTheMemoryLayout) {
  EXPECT_EQ(app_.view().settings.layout, "memory");
  ASSERT_NE(FindView("Memory"), nullptr);
  EXPECT_TRUE(FindView("Memory")->wanted(app_.session()));
}

TEST_F(MemoryScreenshot, BeforeAndAfterTheMove) {
  const Image before = RenderAt(kBeforeMove);
  const Image after = RenderAt(kMove);
  const Found ptr_before = FindColor(before, kPointerColor), red_before = FindColor(before, kDanglingColor);
  const Found ptr_after = FindColor(after, kPointerColor), red_after = FindColor(after, kDanglingColor);
  const Found lock = FindColor(before, kPinnedColor);

  // Before: a blue self-reference arrow and no red; the lock on the pinned machines.
  EXPECT_GT(ptr_before.count, 60);
  EXPECT_EQ(red_before.count, 0);
  EXPECT_GT(lock.count, 30);
  // After: the arrow is red (dangling), and the thin line to where array[2] lives now is blue.
  EXPECT_GT(red_after.count, 120);
  // The arrow starts at element, two rows lower than before (0x10020 -> 0x10030, plus the
  // header lines now between the stale rows and the block), and ends on the same old row.
  EXPECT_GT(red_after.y1, ptr_before.y1);
  // Both lie in the Memory panel (the middle column of the memory layout: 27 % .. 77 % of the width).
  for (const Found& f : {ptr_before, red_after}) {
    EXPECT_GT(f.x0, kWidth * 27 / 100);
    EXPECT_LT(f.x1, kWidth * 77 / 100);
  }
  EXPECT_GT(ptr_after.count, 0);
}

// In a layout where Memory shares its place with other panels, a memory scenario shows it first.
TEST_F(MemoryScreenshot, PresentationOpensOnTheMemoryTab) {
  app_.Push(MakeCommand(CommandKind::SetLayout, 0, "presentation"));
  const Image shot = RenderAt(kMove);
  EXPECT_GT(FindColor(shot, kDanglingColor).count, 60) << "the Memory tab should be the one showing";
  // The State machine tab would fill the current state's node with lit_state (thousands of
  // pixels); the Memory panel uses it only for the thin outline of the byte the move touched.
  EXPECT_LT(FindColor(shot, ThemePalette(Theme::Dark).lit_state).count, 1000) << "not the State machine tab";
}

TEST_F(MemoryScreenshot, SameMemoryPictureForwardsAndBackwards) {
  const Image forwards = RenderAt(kMove);
  RenderAt(40);
  const Image backwards = RenderAt(kMove);
  ASSERT_EQ(forwards.rgba.size(), backwards.rgba.size());
  EXPECT_TRUE(forwards.rgba == backwards.rgba);
}

}  // namespace
}  // namespace aws::gui
