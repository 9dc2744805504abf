// The emulated address space (memory.h) and what the runtime does with it: layouts at fixed
// addresses, moves that leave stale bytes, the three self-reference policies, dangling and bad
// pointers, and the world fold that lets a step back undo a move.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "awaitscope/memory.h"
#include "awaitscope/runtime.h"
#include "awaitscope/trace_io.h"
#include "awaitscope/world.h"

namespace aws {
namespace {

const std::string kScenarios = std::string(AWAITSCOPE_SOURCE_DIR) + "/scenarios/";

// [SECTION] AddressSpace

TEST(AddressSpace, AllocatesInRegionsAlignedAndAtFixedAddresses) {
  AddressSpace m;
  m.next[static_cast<int>(MemRegion::Stack)] = 0x1000;
  int a = m.Allocate(MemRegion::Stack, 12, 4);
  int b = m.Allocate(MemRegion::Stack, 8, 8);
  int c = m.Allocate(MemRegion::Heap, 24, 8, 0x10010);
  EXPECT_EQ(m.Find(a)->address, 0x1000u);
  EXPECT_EQ(m.Find(b)->address, 0x1010u);  // 0x100C rounded up to 8
  EXPECT_EQ(m.Find(c)->address, 0x10010u);
  EXPECT_EQ(m.Find(c)->bytes.size(), 24u);
  EXPECT_EQ(m.Find(a)->id, a);
  EXPECT_EQ(m.Find(99), nullptr);
}

MemField Field(std::string name, uint64_t offset, uint64_t size, std::string value) {
  MemField f;
  f.name = std::move(name);
  f.offset = offset;
  f.size = size;
  f.value = std::move(value);
  return f;
}

TEST(AddressSpace, AMoveCopiesTheBytesAndLeavesTheOldRangeStale) {
  AddressSpace m;
  int id = m.Allocate(MemRegion::Stack, 24, 8, 0x10010);
  MemBlock& b = *m.Find(id);
  b.fields = {Field("array", 4, 12, "[1, 2, 3]"), Field("element", 16, 8, "0x1001C")};
  b.bytes[4] = 1;
  ASSERT_TRUE(m.Move(id, 0x10020, 7));
  const MemBlock& moved = *m.Find(id);
  EXPECT_EQ(moved.address, 0x10020u);
  EXPECT_EQ(moved.moved_from, 0x10010u);
  EXPECT_EQ(moved.moved_step, 7);
  EXPECT_EQ(moved.bytes[4], 1);
  ASSERT_EQ(m.stale.size(), 1u);
  EXPECT_EQ(m.stale[0].address, 0x10010u);
  EXPECT_EQ(m.stale[0].size, 24u);

  MemLookup old = m.Lookup(0x1001C);  // array[2] of the old place: only stale bytes there
  EXPECT_EQ(old.block, nullptr);
  ASSERT_NE(old.stale, nullptr);
  ASSERT_NE(old.field, nullptr);
  EXPECT_EQ(old.field->name, "array");
  EXPECT_EQ(old.offset, 0xCu);
  MemLookup now = m.Lookup(0x10030);  // element of the new place
  ASSERT_NE(now.block, nullptr);
  ASSERT_NE(now.field, nullptr);
  EXPECT_EQ(now.field->name, "element");
  // Where the ranges overlap (0x10020..0x10027) the live block wins.
  EXPECT_EQ(m.Lookup(0x10024).block, &moved);
  EXPECT_EQ(m.Lookup(0x9000).block, nullptr);
  EXPECT_EQ(m.Lookup(0x9000).stale, nullptr);
}

TEST(AddressSpace, AFreedBlockCannotMoveAndItsBytesAreStale) {
  AddressSpace m;
  int id = m.Allocate(MemRegion::Heap, 8, 8);
  uint64_t at = m.Find(id)->address;
  m.Free(id, 3);
  EXPECT_FALSE(m.Find(id)->live);
  EXPECT_FALSE(m.Move(id, 0x2000, 4));
  EXPECT_FALSE(m.Move(42, 0x2000, 4));
  EXPECT_EQ(m.Lookup(at).block, nullptr);
  ASSERT_NE(m.Lookup(at).stale, nullptr);
  EXPECT_EQ(m.Lookup(at).stale->step, 3);
}

TEST(AddressSpace, PointersAimAtLiveBlocksOrStaleBytes) {
  AddressSpace m;
  int a = m.Allocate(MemRegion::Stack, 24, 8, 0x10010);
  MemField p = Field("element", 16, 8, "0x1001C");
  p.is_pointer = true;
  p.target = 0x1001C;
  p.self_ref = true;
  m.Find(a)->fields = {Field("array", 4, 12, "[1, 2, 3]"), p};
  std::vector<MemPointer> ptrs = m.Pointers();
  ASSERT_EQ(ptrs.size(), 1u);
  EXPECT_EQ(ptrs[0].from, 0x10020u);
  EXPECT_EQ(ptrs[0].target_block, a);
  EXPECT_FALSE(ptrs[0].in_stale);
  m.Move(a, 0x10020, 1);
  ptrs = m.Pointers();
  ASSERT_EQ(ptrs.size(), 1u);
  EXPECT_EQ(ptrs[0].from, 0x10030u);
  EXPECT_EQ(ptrs[0].target, 0x1001Cu);
  EXPECT_EQ(ptrs[0].target_block, -1);
  EXPECT_TRUE(ptrs[0].in_stale);
}

TEST(AddressSpace, BlockRecordsRoundTripWithEscapes) {
  MemBlock b;
  b.id = 3;
  b.address = 0x55550000;
  b.size = 16;
  b.align = 8;
  b.region = MemRegion::Heap;
  b.type_name = "A|B\nC";
  b.owner = "Box#3 \\ x";
  b.object = -1;
  b.state = 2;
  b.pinned = true;
  b.unpin = false;
  b.moved_from = 0x10;
  b.moved_step = 9;
  MemField f = Field("self|ptr", 0, 8, "0x55550000");
  f.type = "*const SelfReferential";
  f.is_pointer = true;
  f.target = 0x55550000;
  f.dangling = true;
  f.offset_ref = true;
  f.target_name = "(*Box#3)";
  f.variant = 1;
  MemField g = Field("moved", 8, 8, "<moved>");
  g.stale = true;
  b.fields = {f, g};
  b.bytes.assign(16, 0);
  b.bytes[0] = 0xAB;
  std::vector<MemBlock> out;
  ASSERT_TRUE(DecodeBlocks("headline\n" + EncodeBlock(b) + EncodeBlock(b), &out));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0], b);
  EXPECT_FALSE(DecodeBlocks("block 1 0x10 8 8 nowhere 0 1 1 -1 -1\n", &out));
  EXPECT_FALSE(DecodeBlocks("block 1 0x10 8 8 heap 0 1 1 -1 -1\nbytes abc\n", &out));
  EXPECT_EQ(HexAddress(0x1001C), "0x1001C");
}

// [SECTION] Runs

struct RunOut {
  Trace trace;
  std::string text;
  std::string diags;
};

RunOut RunToml(const std::string& path, const std::string& toml) {
  Diagnostics d;
  auto s = LoadScenarioText(path, toml, d);
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

RunOut RunScript(const std::string& body) {
  return RunToml("t.toml", "title = \"t\"\nscript = '''\n" + body + "'''\n");
}

size_t Count(const Trace& t, EventKind k) {
  return static_cast<size_t>(
      std::count_if(t.events.begin(), t.events.end(), [&](const Event& e) { return e.kind == k; }));
}

int64_t FirstStep(const Trace& t, EventKind k) {
  for (size_t i = 0; i < t.events.size(); ++i)
    if (t.events[i].kind == k) return static_cast<int64_t>(i);
  return -1;
}

const MemBlock* Owned(const AddressSpace& m, const std::string& owner) {
  for (const auto& [id, b] : m.blocks)
    if (b.owner == owner) return &b;
  return nullptr;
}

const MemField* FieldNamed(const MemBlock& b, const std::string& name) {
  for (const MemField& f : b.fields)
    if (f.name == name && (f.variant < 0 || f.variant == b.state)) return &f;
  return nullptr;
}

TEST(MemoryRun, ScenariosWithoutMemoryRecordNoMemoryEvents) {
  Session s;
  Diagnostics d;
  ASSERT_TRUE(s.Load(kScenarios + "example.toml", d)) << d.Render();
  for (EventKind k : {EventKind::MemAlloc, EventKind::MemMove, EventKind::MemFree,
                      EventKind::MemWrite, EventKind::MemDangling})
    EXPECT_EQ(Count(s.trace(), k), 0u) << EventKindName(k);
}

TEST(MemoryRun, PinExampleHasTheDocumentsAddresses) {
  Session s;
  Diagnostics d;
  ASSERT_TRUE(s.Load(kScenarios + "pin_example.toml", d)) << d.Render();
  ASSERT_TRUE(s.RunUntilKind(EventKind::PollEnd));  // the write is in flight: WaitingOnWrite
  const MemBlock* b = Owned(s.memory(), "pin_example#1");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->address, 0x10010u);
  EXPECT_EQ(b->size, 72u);
  EXPECT_FALSE(b->unpin);
  EXPECT_TRUE(b->pinned);  // polled: poll takes Pin<&mut Self>
  EXPECT_EQ(b->type_name, "PinExampleStateMachine");
  const MemField* array = FieldNamed(*b, "array");
  const MemField* element = FieldNamed(*b, "element");
  ASSERT_NE(array, nullptr);
  ASSERT_NE(element, nullptr);
  EXPECT_EQ(b->address + array->offset, 0x10014u);
  EXPECT_EQ(array->value, "[1, 2, 3]");
  EXPECT_EQ(array->type, "[i32; 3]");
  EXPECT_EQ(b->address + element->offset, 0x10020u);
  EXPECT_TRUE(element->is_pointer);
  EXPECT_EQ(element->target, 0x1001Cu);
  EXPECT_EQ(element->value, "0x1001C");
  EXPECT_EQ(element->target_name, "array[2]");
  EXPECT_TRUE(element->self_ref);
  EXPECT_FALSE(element->dangling);
  // The bytes: tag 1, then 1, 2, 3 as little-endian i32, then the pointer.
  EXPECT_EQ(b->bytes[0], 1);
  EXPECT_EQ(b->bytes[4], 1);
  EXPECT_EQ(b->bytes[8], 2);
  EXPECT_EQ(b->bytes[12], 3);
  EXPECT_EQ(b->bytes[16], 0x1C);
  EXPECT_EQ(b->bytes[17], 0x00);
  EXPECT_EQ(b->bytes[18], 0x01);
}

TEST(MemoryRun, MovingTheSuspendedMachineLeavesElementDanglingAndStepBackUndoesIt) {
  Session s;
  Diagnostics d;
  ASSERT_TRUE(s.Load(kScenarios + "pin_example_moved.toml", d)) << d.Render();
  const int64_t move = FirstStep(s.trace(), EventKind::MemMove);
  ASSERT_GE(move, 0);
  s.Seek(move);
  const MemBlock* b = Owned(s.memory(), "pin_example#1");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->address, 0x10020u);
  EXPECT_EQ(b->moved_from, 0x10010u);
  const MemField* array = FieldNamed(*b, "array");
  const MemField* element = FieldNamed(*b, "element");
  ASSERT_NE(array, nullptr);
  ASSERT_NE(element, nullptr);
  EXPECT_EQ(b->address + array->offset, 0x10024u);
  EXPECT_EQ(b->address + element->offset, 0x10030u);
  EXPECT_EQ(element->target, 0x1001Cu);  // still the old array[2]; the new one is at 0x1002C
  EXPECT_TRUE(element->dangling);
  EXPECT_FALSE(element->self_ref);
  ASSERT_EQ(s.memory().stale.size(), 1u);
  EXPECT_EQ(s.memory().stale[0].address, 0x10010u);
  EXPECT_EQ(s.memory().stale[0].size, 72u);
  MemLookup l = s.memory().Lookup(0x1001C);
  ASSERT_NE(l.stale, nullptr);
  EXPECT_EQ(l.field->name, "array");

  s.StepBack();
  b = Owned(s.memory(), "pin_example#1");
  EXPECT_EQ(b->address, 0x10010u);
  EXPECT_TRUE(s.memory().stale.empty());
  EXPECT_FALSE(FieldNamed(*b, "element")->dangling);

  // The second poll reads *element: undefined behaviour, reported with what memory holds.
  const int64_t ub = FirstStep(s.trace(), EventKind::MemDangling);
  ASSERT_GT(ub, move);
  s.Seek(ub);
  ASSERT_EQ(s.memory().ub.size(), 1u);
  EXPECT_EQ(s.memory().ub[0].address, 0x1001Cu);
  EXPECT_EQ(s.memory().ub[0].message,
            "undefined behaviour: a pointer to array[2] holds 0x1001C, but array[2] has moved to "
            "0x1002C. 0x1001C is "
            "stale memory left behind by the move: its old bytes still read 3, by luck; the "
            "program meant array[2] at "
            "0x1002C, and once the old place is reused it reads garbage");
  EXPECT_EQ(s.trace().summary.output, "3\n");
}

TEST(MemoryRun, TheFoldAndTheSessionAgreeOnMemoryAtEveryStep) {
  Session s;
  Diagnostics d;
  ASSERT_TRUE(s.Load(kScenarios + "pin_example_moved.toml", d)) << d.Render();
  for (int64_t i = -1; i < s.size(); ++i) {
    s.Seek(i);
    WorldState w = FoldTrace(s.trace(), i);
    ASSERT_EQ(s.state().memory, w.memory) << "step " << i;
    ASSERT_EQ(s.state().last_memory_step, w.last_memory_step) << "step " << i;
  }
  // Stepping forwards one event at a time gives the same memory as seeking.
  s.Reset();
  while (s.Step())
    ASSERT_EQ(s.state().memory, FoldTrace(s.trace(), s.cursor()).memory) << s.cursor();
}

std::string PinMoved(const std::string& policy, int after_polls = 1) {
  std::string script;
  return "title = \"t\"\nscript_file = \"pin_example.rs\"\n[memory]\nat = { pin_example = 0x10010 "
         "}\nself_refs = \"" +
         policy + "\"\n[[memory.move]]\nfuture = \"pin_example\"\nafter_polls = " +
         std::to_string(after_polls) + "\nto = 0x10020\n";
}

TEST(MemoryRun, UpdatePolicyRewritesTheSelfReference) {
  RunOut r = RunToml(kScenarios + "x.toml", PinMoved("update"));
  EXPECT_NE(r.text.find("mem_write block=1 at=0x10030 ptr=0x1002C update pointers: element at "
                        "0x10030 is rewritten to "
                        "0x1002C (&array[2])"),
            std::string::npos)
      << r.text;
  EXPECT_NE(r.text.find("note: update pointers on move: the emulator checked all 3 fields (72 "
                        "bytes) of pin_example#1 "
                        "and rewrote 1 pointer"),
            std::string::npos);
  EXPECT_EQ(Count(r.trace, EventKind::MemDangling), 0u);
  EXPECT_EQ(r.trace.summary.output, "3\n");
}

TEST(MemoryRun, OffsetsPolicyStoresElementAsOffsetEight) {
  Session s;
  Diagnostics d;
  ASSERT_TRUE(s.LoadText(kScenarios + "x.toml", PinMoved("offsets"), d)) << d.Render();
  s.Seek(FirstStep(s.trace(), EventKind::MemMove));
  const MemField* element = FieldNamed(*Owned(s.memory(), "pin_example#1"), "element");
  ASSERT_NE(element, nullptr);
  EXPECT_TRUE(element->offset_ref);
  EXPECT_EQ(element->value, "offset 8 (= 0x1002C)");
  EXPECT_EQ(element->target, 0x1002Cu);
  EXPECT_FALSE(element->dangling);
  EXPECT_EQ(Count(s.trace(), EventKind::MemDangling), 0u);
}

TEST(MemoryRun, ForbidPolicyRejectsMovingThePinnedFuture) {
  RunOut r = RunToml(kScenarios + "x.toml", PinMoved("forbid"));
  EXPECT_EQ(Count(r.trace, EventKind::MemMove), 0u);
  EXPECT_NE(r.text.find("diagnostic task=0 error: cannot move pin_example#1 from 0x10010: it is "
                        "pinned and its type "
                        "PinExampleStateMachine is !Unpin (it may point into itself, as "
                        "WaitingOnWrite does), so the "
                        "move is rejected and the future stays where it is"),
            std::string::npos)
      << r.text;
  EXPECT_EQ(r.trace.summary.output, "3\n");
}

TEST(MemoryRun, MovingBeforeTheFirstPollIsHarmlessEvenWhenForbidden) {
  for (const char* policy : {"dangle", "forbid"}) {
    RunOut r = RunToml(kScenarios + "x.toml", PinMoved(policy, 0));
    EXPECT_NE(r.text.find("mem_move block=1 from=0x10010 to=0x10020 pin_example#1 is moved in "
                          "state Start: 72 bytes "
                          "copied from 0x10010 to 0x10020; nothing points into it (state Start "
                          "holds no reference), so "
                          "the move is harmless"),
              std::string::npos)
        << policy << "\n"
        << r.text;
    EXPECT_NE(r.text.find("element = 0x1002C (&array[2]) at 0x10030"), std::string::npos) << policy;
    EXPECT_EQ(Count(r.trace, EventKind::MemDangling), 0u) << policy;
  }
}

TEST(MemoryRun, HeapSelfReferenceBreaksOnMemReplace) {
  RunOut r = RunToml(kScenarios + "heap_self_ref.toml",
                     "title = \"t\"\nscript_file = \"heap_self_ref.rs\"\n");
  EXPECT_EQ(r.trace.summary.output,
            "heap value at: 0x55550000\ninternal reference: 0x55550000\nvalue at: "
            "0x7ffc0010\ninternal reference: "
            "0x55550000\n");
}

TEST(MemoryRun, ReadingThroughAPointerToAMovedOutPlaceIsReported) {
  RunOut r = RunScript(
      "struct S { self_ptr: *const S, value: i32 }\n"
      "async fn main() {\n"
      "    let mut a = S { self_ptr: 0 as *const _, value: 7 };\n"
      "    a.self_ptr = &a as *const S;\n"
      "    let b = a;\n"
      "    let v = unsafe { (*b.self_ptr).value };\n"
      "    println!(\"{}\", v);\n"
      "}\n");
  EXPECT_NE(r.text.find("mem_move block=1 from=0x7FFC0000 to=0x7FFC0010 `let b = a;` copies 16 "
                        "bytes from 0x7FFC0000 "
                        "to 0x7FFC0010; the old place is retired"),
            std::string::npos)
      << r.text;
  EXPECT_NE(
      r.text.find(
          "mem_dangling task=0 at=0x7FFC0000 undefined behaviour: a pointer to a at 0x7FFC0000 is "
          "dereferenced, but the value there was moved out; the old bytes still read S { self_ptr: "
          "*a, "
          "value: 7 }, but no value owns them any more"),
      std::string::npos)
      << r.text;
  EXPECT_EQ(r.trace.summary.output, "7\n");
}

TEST(MemoryRun, PassingAndReturningByValueCopyTheBytes) {
  RunOut r = RunToml("t.toml",
                     "title = \"t\"\nscript = '''\n"
                     "struct Point { x: i32, y: i32 }\n"
                     "fn shift(p: Point) -> Point {\n"
                     "    let q = Point { x: p.x + 1, y: p.y };\n"
                     "    q\n"
                     "}\n"
                     "async fn main() {\n"
                     "    let a = Point { x: 1, y: 2 };\n"
                     "    let b = shift(a);\n"
                     "    println!(\"{} {}\", b.x, b.y);\n"
                     "}\n'''\n[memory]\n");
  const char* expected[] = {
      "mem_alloc block=2 at=0x7FFC0010 size=32 stack frame for the call of shift",
      "mem_move block=2 from=0x7FFC0000 to=0x7FFC0010 passing `a` by value to shift copies 8 bytes "
      "from 0x7FFC0000 "
      "to its parameter `p` at 0x7FFC0010; the old place is retired",
      "mem_move block=2 from=0x7FFC0018 to=0x7FFC0020 returning `q` copies 8 bytes from 0x7FFC0018 "
      "to the return "
      "place at 0x7FFC0020; the old place is retired",
      "mem_free block=2 at=0x7FFC0010 size=32 the stack frame of shift is popped",
      "mem_move block=1 from=0x7FFC0020 to=0x7FFC0008 shift returns by value: 8 bytes copied from "
      "its frame at "
      "0x7FFC0020 to `b` at 0x7FFC0008",
  };
  size_t at = 0;
  for (const char* line : expected) {
    size_t found = r.text.find(line, at);
    ASSERT_NE(found, std::string::npos) << line << "\n" << r.text;
    at = found;
  }
  EXPECT_EQ(r.trace.summary.output, "2 2\n");
}

// [SECTION] Bad pointers: diagnostics, never a crash

TEST(MemoryBadInput, NullGarbageAndOutOfRange) {
  struct Case {
    const char* body;
    const char* why;
    const char* at;  // where the diagnostic points (`async fn main` is line 3 of t.toml)
  };
  const Case cases[] = {
      {"    let p = 0 as *const i32;\n    let x = unsafe { *p };\n",
       "dereference of a null pointer", "t.toml:5:22: error: "},
      {"    let p = 0x1234 as *const i32;\n    let x = unsafe { *p };\n",
       "undefined behaviour: dereference of the address 0x1234, where no value lives (a pointer "
       "made from an integer)", "t.toml:5:22: error: "},
      {"    let a = [1, 2, 3];\n    let i = 5;\n    let p = &a as *const [i32; 3];\n    "
       "println!(\"{}\", a[i]);\n",
       "task 0 panicked: index out of bounds: the len is 3 but the index is 5", "t.toml:7:5: error: "},
  };
  for (const Case& c : cases) {
    RunOut r = RunScript(std::string("async fn main() {\n") + c.body + "}\n");
    ASSERT_FALSE(r.trace.events.empty()) << c.body;
    const Event& end = r.trace.events.back();
    EXPECT_EQ(end.kind, EventKind::RunEnd);
    EXPECT_EQ(end.a, 1) << c.body;
    EXPECT_EQ(r.trace.Payload(end), c.why) << c.body;
    // The fault is reported once, at its line and column.
    EXPECT_EQ(r.diags.substr(0, r.diags.find('\n')), std::string(c.at) + c.why) << r.diags;
  }
}

TEST(MemoryBadInput, BadMemoryTablesAreDiagnosed) {
  Diagnostics d;
  auto s = LoadScenarioText(
      "m.toml",
      "title = \"t\"\nscript = 'async fn main() {}'\n[memory]\nself_refs = \"pray\"\n"
      "stack_base = -4\nat = { f = \"x\" }\nwhat = 1\n[[memory.move]]\nafter_polls = -1\n",
      d);
  EXPECT_FALSE(s);
  EXPECT_EQ(
      d.Render().substr(0, d.Render().find('\n')),
      "m.toml:4:13: error: unknown `self_refs` policy `pray` (dangle, update, offsets or forbid)");
  std::string all = d.Render();
  EXPECT_NE(all.find("m.toml:5:14: error: `stack_base` must be an address between 0x1 and "
                     "0xFFFFFFFFFFFF, not -4"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("error: `f` must be an integer, not a string"), std::string::npos) << all;
  EXPECT_NE(all.find("error: unknown key `what` in [memory]"), std::string::npos) << all;
  EXPECT_NE(all.find("error: `after_polls` must be between 0 and 1000000, not -1"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("error: missing required key `future` in [[memory.move]]"), std::string::npos)
      << all;
}

TEST(MemoryBadInput, AMoveOfAFutureTheScriptLacksOrThatNeverHappensIsReported) {
  Diagnostics d;
  auto s = LoadScenarioText(
      kScenarios + "x.toml",
      "title = \"t\"\nscript_file = \"pin_example.rs\"\n[memory]\n[[memory.move]]\n"
      "future = \"nope\"\n",
      d);
  ASSERT_TRUE(s) << d.Render();
  auto p = Compile(std::make_unique<SourceFile>(s->script), s->ops, d);
  Trace t = RunScenario(*p, *s, {}, d);
  EXPECT_EQ(t.events.back().a, 1);
  EXPECT_EQ(t.Payload(t.events.back()), "the scenario could not be started");
  EXPECT_EQ(
      d.Render().substr(0, d.Render().find('\n')),
      kScenarios + "x.toml:5:1: error: [[memory.move]]: the script has no async fn `nope` to move");

  RunOut r = RunToml(kScenarios + "x.toml", PinMoved("dangle", 7));
  EXPECT_NE(r.text.find("diagnostic warning: [[memory.move]] of `pin_example` after 7 polls did "
                        "not happen: no such "
                        "state machine was polled that often"),
            std::string::npos)
      << r.text;
  EXPECT_EQ(Count(r.trace, EventKind::MemMove), 0u);
}

TEST(MemoryRun, AFutureMovedIntoBoxPinBeforeItsFirstPollIsAwaitedThere) {
  RunOut r = RunScript(
      "async fn pin_example() -> i32 {\n"
      "    let array = [1, 2, 3];\n"
      "    let element = &array[2];\n"
      "    async_write_file(\"foo.txt\", element.to_string()).await;\n"
      "    *element\n"
      "}\n"
      "async fn main() {\n"
      "    let fut = pin_example();\n"
      "    let pinned = Box::pin(fut);\n"
      "    let value = pinned.await;\n"
      "    println!(\"{}\", value);\n"
      "}\n");
  EXPECT_NE(r.text.find("mem_move block=1 from=0x7FFC0000 to=0x55550000 Box::pin moves "
                        "pin_example#1 to the heap: 72 "
                        "bytes copied from 0x7FFC0000 to 0x55550000; nothing points into it (state "
                        "Start holds no "
                        "reference), so the move is harmless"),
            std::string::npos)
      << r.text;
  EXPECT_NE(r.text.find("pin_example#1 is in WaitingOnWrite (tag 1): array at 0x55550004, element "
                        "at 0x55550010 = "
                        "0x5555000C (points into array: a self-reference)"),
            std::string::npos)
      << r.text;
  EXPECT_EQ(Count(r.trace, EventKind::MemDangling), 0u);
  EXPECT_EQ(r.trace.summary.output, "3\n");
}

TEST(MemoryRun, FindObjectGivesAMachinesBlock) {
  Session s;
  Diagnostics d;
  ASSERT_TRUE(s.Load(kScenarios + "pin_example.toml", d)) << d.Render();
  s.Seek(s.size() - 1);
  const MemBlock* b = s.memory().FindObject(1);  // pin_example#1
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->address, 0x10010u);
  EXPECT_EQ(s.memory().FindObject(2), nullptr);  // a leaf future: no block of its own
}

TEST(MemoryRun, ThreadsVersusFuturesUsesTheLoweredSize) {
  Session s;
  Diagnostics d;
  ASSERT_TRUE(s.Load(kScenarios + "threads_vs_futures.toml", d)) << d.Render();
  const Machine* m = s.program()->FindMachine("handle_connection");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->size, 64u);
  EXPECT_NE(TraceToText(s.trace(), s.program())
                .find("diagnostic note: 5000 connections as threads: 5000 x 8 MB of stack = 40 GB; "
                      "as futures: 5000 x "
                      "64 bytes (HandleConnectionStateMachine) = 320000 bytes (320.0 KB), 125000 "
                      "times less"),
            std::string::npos);
}

}  // namespace
}  // namespace aws
