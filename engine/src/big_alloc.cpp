#include "awaitscope/big_alloc.h"

#include <sys/mman.h>

#include <cstdint>
#include <cstring>
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

// An address range of `size` (a multiple of 2 MiB) aligned to 2 MiB, mapped read-write.
void* MapAligned(size_t size) {
  // Map one huge page more than needed and trim both ends to a 2 MiB boundary.
  void* raw = ::mmap(nullptr, size + kHuge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  auto start = reinterpret_cast<uintptr_t>(raw);
  uintptr_t aligned = (start + kHuge - 1) & ~(uintptr_t{kHuge} - 1);
  if (aligned > start) ::munmap(raw, aligned - start);
  if (size_t tail = start + size + kHuge - (aligned + size)) ::munmap(reinterpret_cast<void*>(aligned + size), tail);
  return reinterpret_cast<void*>(aligned);
}

}  // namespace

void* AllocateBig(size_t bytes) {
  if (!kMapBigBlocks || bytes < kHuge) return ::operator new(bytes);
  const size_t size = RoundUp(bytes);
  void* p = MapAligned(size);
  ::madvise(p, size, MADV_HUGEPAGE);  // a hint: ignored where unsupported
  return p;
}

void* GrowBig(void* p, size_t old_bytes, size_t new_bytes) {
  if (p == nullptr || old_bytes == 0) {
    if (p) FreeBig(p, old_bytes);
    return AllocateBig(new_bytes);
  }
  const bool old_mapped = kMapBigBlocks && old_bytes >= kHuge;
  const bool new_mapped = kMapBigBlocks && new_bytes >= kHuge;
  if (old_mapped && new_mapped) {
    const size_t old_size = RoundUp(old_bytes), new_size = RoundUp(new_bytes);
    if (new_size == old_size) return p;
    // In place when the addresses after the block are free, else moved (page tables only) to a
    // fresh aligned range, so that the huge pages stay aligned.
    void* q = ::mremap(p, old_size, new_size, 0);
    if (q == MAP_FAILED) {
      void* target = MapAligned(new_size);
      q = ::mremap(p, old_size, new_size, MREMAP_MAYMOVE | MREMAP_FIXED, target);
      if (q == MAP_FAILED) {
        ::munmap(target, new_size);
        throw std::bad_alloc();
      }
    }
    ::madvise(q, new_size, MADV_HUGEPAGE);
    return q;
  }
  void* q = AllocateBig(new_bytes);
  std::memcpy(q, p, old_bytes < new_bytes ? old_bytes : new_bytes);
  FreeBig(p, old_bytes);
  return q;
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
