// The allocator of the trace's event array (10^6 events are ~50 MB): blocks of 2 MiB and more
// are mapped on their own, aligned, and marked for transparent huge pages, so that filling them
// costs a page fault per 2 MiB instead of one per 4 KiB (on this project's machines the faults
// were a third of a large run's CPU time). Smaller blocks come from operator new.
#pragma once
#include <cstddef>

namespace aws {

void* AllocateBig(size_t bytes);          // throws std::bad_alloc
void FreeBig(void* p, size_t bytes);      // `bytes` as allocated
// False under AddressSanitizer: there every block comes from operator new, so ASan checks it.
bool BigBlocksAreMapped();

template <class T>
struct BigAllocator {
  using value_type = T;
  BigAllocator() = default;
  template <class U>
  BigAllocator(const BigAllocator<U>&) {}
  T* allocate(size_t n) { return static_cast<T*>(AllocateBig(n * sizeof(T))); }
  void deallocate(T* p, size_t n) { FreeBig(p, n * sizeof(T)); }
  template <class U>
  bool operator==(const BigAllocator<U>&) const { return true; }
};

}  // namespace aws
