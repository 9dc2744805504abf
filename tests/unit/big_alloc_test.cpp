// The event array's allocator (big_alloc.h): large blocks are 2 MiB-aligned mappings of their
// own, small ones come from operator new, and a growing trace keeps every event.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "awaitscope/big_alloc.h"
#include "awaitscope/trace.h"

namespace aws {
namespace {

TEST(BigAlloc, LargeBlocksAreHugePageAlignedAndWritable) {
  const size_t kHuge = size_t{2} << 20;
  for (size_t bytes : {kHuge, kHuge + 1, 5 * kHuge + 12345}) {
    auto* p = static_cast<unsigned char*>(AllocateBig(bytes));
    if (BigBlocksAreMapped()) EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % kHuge, 0u) << bytes;
    p[0] = 1;
    p[bytes - 1] = 2;  // the whole block is mapped
    EXPECT_EQ(p[0] + p[bytes - 1], 3);
    FreeBig(p, bytes);
  }
  void* small = AllocateBig(100);
  ASSERT_NE(small, nullptr);
  FreeBig(small, 100);
}

TEST(BigAlloc, AGrowingTraceKeepsEveryEvent) {
  Trace t;
  const int64_t n = 300000;  // ~17 MB of events: several reallocations past 2 MiB
  for (int64_t i = 0; i < n; ++i) t.events.push_back({.t_ms = i, .a = -i, .b = 2 * i});
  ASSERT_EQ(t.events.size(), static_cast<size_t>(n));
  for (int64_t i = 0; i < n; i += 997) {
    EXPECT_EQ(t.events[static_cast<size_t>(i)].t_ms, i);
    EXPECT_EQ(t.events[static_cast<size_t>(i)].b, 2 * i);
  }
  Trace copy = t;  // copies and moves go through the same allocator
  Trace moved = std::move(copy);
  EXPECT_EQ(moved.events.back().a, -(n - 1));
}

// A mapped block grows through mremap: in place when the addresses after it are free, else moved
// to a fresh aligned range (here the second block sits right after the first, or may).
TEST(BigAlloc, GrowingAMappedBlockKeepsItsBytesAndItsAlignment) {
  const size_t kHuge = size_t{2} << 20;
  auto* p = static_cast<unsigned char*>(AllocateBig(kHuge));
  void* neighbour = AllocateBig(kHuge);
  for (size_t i = 0; i < kHuge; i += 4096) p[i] = static_cast<unsigned char>(i / 4096);
  p[kHuge - 1] = 77;
  auto* q = static_cast<unsigned char*>(GrowBig(p, kHuge, 5 * kHuge + 3));
  if (BigBlocksAreMapped()) EXPECT_EQ(reinterpret_cast<uintptr_t>(q) % kHuge, 0u);
  for (size_t i = 0; i < kHuge; i += 4096) ASSERT_EQ(q[i], static_cast<unsigned char>(i / 4096)) << i;
  EXPECT_EQ(q[kHuge - 1], 77);
  q[5 * kHuge + 2] = 9;  // the new end is mapped
  EXPECT_EQ(q[5 * kHuge + 2], 9);
  // From a small block (operator new) to a mapped one, and from nothing.
  auto* s = static_cast<unsigned char*>(GrowBig(nullptr, 0, 100));
  s[99] = 5;
  s = static_cast<unsigned char*>(GrowBig(s, 100, 3 * kHuge));
  EXPECT_EQ(s[99], 5);
  FreeBig(s, 3 * kHuge);
  FreeBig(q, 5 * kHuge + 3);
  FreeBig(neighbour, kHuge);
}

TEST(BigAlloc, BigVectorBehavesAsAVectorOfEvents) {
  BigVector<Event> v;
  EXPECT_TRUE(v.empty());
  v.push_back({.t_ms = 1, .a = 10});
  v.emplace_back();  // a default event
  EXPECT_EQ(v.back().kind, EventKind::Diagnostic);
  EXPECT_EQ(v.back().payload, -1);
  for (int i = 0; i < 100; ++i) v.push_back(v[0]);  // an element of its own, across growth
  EXPECT_EQ(v.size(), 102u);
  EXPECT_EQ(v[101].a, 10);
  v.append(v.begin(), v.end());  // its own elements, across growth
  ASSERT_EQ(v.size(), 204u);
  EXPECT_EQ(v[102].t_ms, 1);
  EXPECT_EQ(v[103].a, -1);
  v.resize(300);
  EXPECT_EQ(v[299].task, -1);
  EXPECT_EQ(v[299].line, 0u);
  BigVector<Event> w;
  w = v;
  EXPECT_EQ(w.size(), 300u);
  EXPECT_EQ(w[0].a, 10);
  v.clear();
  EXPECT_TRUE(v.empty());
  EXPECT_EQ(w[102].t_ms, 1);  // a copy, not a view
  w.pop_back();
  EXPECT_EQ(w.size(), 299u);
}

}  // namespace
}  // namespace aws
