// The trace's event array (10^6 events are ~48 MB): blocks of 2 MiB and more are mapped on
// their own, aligned, and marked for transparent huge pages, so that filling them costs a page
// fault per 2 MiB instead of one per 4 KiB (on this project's machines the faults were a third
// of a large run's CPU time). Smaller blocks come from operator new. A mapped block grows with
// mremap: its pages move to the bigger block without being copied, so growing never holds the
// old and the new block at once (doubling a std::vector of 5.1 * 10^6 events peaked at 1.6
// times the events' size, and copied them).
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <initializer_list>
#include <new>
#include <type_traits>
#include <utility>

namespace aws {

void* AllocateBig(size_t bytes);          // throws std::bad_alloc
void FreeBig(void* p, size_t bytes);      // `bytes` as allocated
// A block of `new_bytes` (> old_bytes) holding the first `old_bytes` of `p` (allocated with
// `old_bytes`; null when 0), which it replaces. Throws std::bad_alloc, leaving `p` as it was.
void* GrowBig(void* p, size_t old_bytes, size_t new_bytes);
// False under AddressSanitizer: there every block comes from operator new, so ASan checks it.
bool BigBlocksAreMapped();

// A growable array of a trivially copyable type in big blocks, with the members of std::vector
// that the trace's readers and writers use. Grows by doubling, through GrowBig.
template <class T>
class BigVector {
  static_assert(std::is_trivially_copyable_v<T>, "BigVector moves its elements as bytes");

 public:
  using value_type = T;
  using size_type = size_t;
  using reference = T&;
  using const_reference = const T&;
  using iterator = T*;
  using const_iterator = const T*;

  BigVector() = default;
  BigVector(std::initializer_list<T> items) { append(items.begin(), items.end()); }
  BigVector(const BigVector& o) { append(o.begin(), o.end()); }
  BigVector(BigVector&& o) noexcept : p_(o.p_), n_(o.n_), cap_(o.cap_) { o.p_ = nullptr, o.n_ = o.cap_ = 0; }
  BigVector& operator=(const BigVector& o) {
    if (this != &o) {
      n_ = 0;
      append(o.begin(), o.end());
    }
    return *this;
  }
  BigVector& operator=(BigVector&& o) noexcept {
    if (this != &o) {
      Release();
      std::swap(p_, o.p_);
      std::swap(n_, o.n_);
      std::swap(cap_, o.cap_);
    }
    return *this;
  }
  ~BigVector() { Release(); }

  size_t size() const { return n_; }
  size_t capacity() const { return cap_; }
  bool empty() const { return n_ == 0; }
  T* data() { return p_; }
  const T* data() const { return p_; }
  T* begin() { return p_; }
  T* end() { return p_ + n_; }
  const T* begin() const { return p_; }
  const T* end() const { return p_ + n_; }
  T& operator[](size_t i) { return p_[i]; }
  const T& operator[](size_t i) const { return p_[i]; }
  T& front() { return p_[0]; }
  const T& front() const { return p_[0]; }
  T& back() { return p_[n_ - 1]; }
  const T& back() const { return p_[n_ - 1]; }

  void push_back(const T& x) {
    if (n_ == cap_) {
      const T copy = x;  // `x` may be an element
      Reserve(n_ + 1);
      p_[n_++] = copy;
    } else {
      p_[n_++] = x;
    }
  }
  template <class... A>
  T& emplace_back(A&&... args) {
    push_back(T{std::forward<A>(args)...});
    return back();
  }
  void pop_back() { --n_; }
  void clear() { n_ = 0; }
  void reserve(size_t n) {
    if (n > cap_) Reallocate(n);
  }
  void resize(size_t n) {
    if (n > cap_) Reserve(n);
    for (size_t i = n_; i < n; ++i) new (p_ + i) T();
    n_ = n;
  }
  void append(const T* first, const T* last) {
    const size_t k = static_cast<size_t>(last - first);
    if (k == 0) return;
    if (n_ + k > cap_) {
      const bool own = first >= p_ && first < p_ + n_;  // appending its own elements
      const size_t at = own ? static_cast<size_t>(first - p_) : 0;
      Reserve(n_ + k);
      if (own) first = p_ + at;
    }
    std::memmove(static_cast<void*>(p_ + n_), first, k * sizeof(T));
    n_ += k;
  }

 private:
  void Reserve(size_t need) { Reallocate(std::max(need, cap_ < 32 ? size_t{64} : cap_ * 2)); }
  void Reallocate(size_t cap) {
    p_ = static_cast<T*>(GrowBig(p_, cap_ * sizeof(T), cap * sizeof(T)));
    cap_ = cap;
  }
  void Release() {
    if (p_) FreeBig(p_, cap_ * sizeof(T));
    p_ = nullptr;
    n_ = cap_ = 0;
  }

  T* p_ = nullptr;
  size_t n_ = 0;
  size_t cap_ = 0;
};

}  // namespace aws
