#include "awaitscope/big_alloc.h"

#include <sys/mman.h>

#include <cstdint>
#include <new>

namespace aws {
namespace {

constexpr size_t kHuge = size_t{2} << 20;

// Under AddressSanitizer every block comes from operator new, so ASan sees the array's bounds.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kMapBigBlocks = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kMapBigBlocks = false;
#else
constexpr bool kMapBigBlocks = true;
#endif
#else
constexpr bool kMapBigBlocks = true;
#endif

size_t RoundUp(size_t bytes) { return (bytes + kHuge - 1) & ~(kHuge - 1); }

}  // namespace

void* AllocateBig(size_t bytes) {
  if (!kMapBigBlocks || bytes < kHuge) return ::operator new(bytes);
  const size_t size = RoundUp(bytes);
  // Map one huge page more than needed and trim both ends to a 2 MiB boundary.
  void* raw = ::mmap(nullptr, size + kHuge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  auto start = reinterpret_cast<uintptr_t>(raw);
  uintptr_t aligned = (start + kHuge - 1) & ~(uintptr_t{kHuge} - 1);
  if (aligned > start) ::munmap(raw, aligned - start);
  if (size_t tail = start + size + kHuge - (aligned + size)) ::munmap(reinterpret_cast<void*>(aligned + size), tail);
  ::madvise(reinterpret_cast<void*>(aligned), size, MADV_HUGEPAGE);  // a hint: ignored where unsupported
  return reinterpret_cast<void*>(aligned);
}

bool BigBlocksAreMapped() { return kMapBigBlocks; }

void FreeBig(void* p, size_t bytes) {
  if (!kMapBigBlocks || bytes < kHuge) {
    ::operator delete(p);
    return;
  }
  ::munmap(p, RoundUp(bytes));
}

}  // namespace aws
