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

}  // namespace
}  // namespace aws
