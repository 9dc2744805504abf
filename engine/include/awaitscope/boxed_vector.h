// A vector kept behind one pointer: 8 bytes where a std::vector is 24, null while empty. For the
// members of a run-time Value that most values leave empty (an aggregate's elements, a place's
// path): a machine's slots and saved state hold many values, and their bytes count per event.
// Reads as a const std::vector (an empty one while null); copies are deep, as a vector's.
#pragma once
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <utility>
#include <vector>

namespace aws {

template <typename T>
class BoxedVector {
 public:
  using Vec = std::vector<T>;
  using value_type = T;
  using size_type = size_t;
  using reference = T&;
  using const_reference = const T&;
  using iterator = typename Vec::iterator;
  using const_iterator = typename Vec::const_iterator;
  using reverse_iterator = typename Vec::reverse_iterator;
  using const_reverse_iterator = typename Vec::const_reverse_iterator;

  BoxedVector() = default;
  BoxedVector(const BoxedVector& o) : p_(o.empty() ? nullptr : std::make_unique<Vec>(*o.p_)) {}
  BoxedVector(BoxedVector&&) noexcept = default;
  BoxedVector(const Vec& v) : p_(v.empty() ? nullptr : std::make_unique<Vec>(v)) {}
  BoxedVector(Vec&& v) : p_(v.empty() ? nullptr : std::make_unique<Vec>(std::move(v))) {}
  BoxedVector(std::initializer_list<T> l) : BoxedVector(Vec(l)) {}
  template <typename It>
  BoxedVector(It first, It last) : BoxedVector(Vec(first, last)) {}

  BoxedVector& operator=(const BoxedVector& o) {
    if (this != &o) *this = o.Get();
    return *this;
  }
  BoxedVector& operator=(BoxedVector&&) noexcept = default;
  BoxedVector& operator=(const Vec& v) {
    if (v.empty()) p_.reset();
    else if (p_) *p_ = v;
    else p_ = std::make_unique<Vec>(v);
    return *this;
  }
  BoxedVector& operator=(Vec&& v) {
    if (v.empty()) p_.reset();
    else if (p_) *p_ = std::move(v);
    else p_ = std::make_unique<Vec>(std::move(v));
    return *this;
  }
  BoxedVector& operator=(std::initializer_list<T> l) { return *this = Vec(l); }

  // Reads as a vector; moving out of one gives its vector.
  operator const Vec&() const& { return Get(); }
  operator Vec() && { return p_ ? std::move(*p_) : Vec(); }
  const Vec& Get() const { return p_ ? *p_ : Empty(); }
  Vec& Mut() {
    if (!p_) p_ = std::make_unique<Vec>();
    return *p_;
  }

  size_t size() const { return p_ ? p_->size() : 0; }
  bool empty() const { return !p_ || p_->empty(); }
  T& operator[](size_t i) { return (*p_)[i]; }
  const T& operator[](size_t i) const { return (*p_)[i]; }
  T& at(size_t i) { return Mut().at(i); }
  const T& at(size_t i) const { return Get().at(i); }
  T& front() { return p_->front(); }
  const T& front() const { return p_->front(); }
  T& back() { return p_->back(); }
  const T& back() const { return p_->back(); }
  T* data() { return p_ ? p_->data() : nullptr; }
  const T* data() const { return p_ ? p_->data() : nullptr; }
  iterator begin() { return p_ ? p_->begin() : iterator(); }
  iterator end() { return p_ ? p_->end() : iterator(); }
  const_iterator begin() const { return Get().begin(); }
  const_iterator end() const { return Get().end(); }
  const_iterator cbegin() const { return Get().begin(); }
  const_iterator cend() const { return Get().end(); }
  reverse_iterator rbegin() { return Mut().rbegin(); }
  reverse_iterator rend() { return Mut().rend(); }
  const_reverse_iterator rbegin() const { return Get().rbegin(); }
  const_reverse_iterator rend() const { return Get().rend(); }

  void push_back(const T& x) { Mut().push_back(x); }
  void push_back(T&& x) { Mut().push_back(std::move(x)); }
  template <typename... A>
  T& emplace_back(A&&... a) { return Mut().emplace_back(std::forward<A>(a)...); }
  void pop_back() {
    p_->pop_back();
    if (p_->empty()) p_.reset();
  }
  // Insertion at a position: a null vector's only position is its begin (a default iterator).
  iterator insert(const_iterator pos, const T& x) { return At(pos, [&](Vec& v, auto at) { return v.insert(at, x); }); }
  iterator insert(const_iterator pos, T&& x) { return At(pos, [&](Vec& v, auto at) { return v.insert(at, std::move(x)); }); }
  iterator insert(const_iterator pos, size_t n, const T& x) { return At(pos, [&](Vec& v, auto at) { return v.insert(at, n, x); }); }
  template <typename It>
  iterator insert(const_iterator pos, It first, It last) { return At(pos, [&](Vec& v, auto at) { return v.insert(at, first, last); }); }
  iterator insert(const_iterator pos, std::initializer_list<T> l) { return At(pos, [&](Vec& v, auto at) { return v.insert(at, l); }); }
  iterator erase(const_iterator pos) { return p_->erase(pos); }
  iterator erase(const_iterator first, const_iterator last) { return p_ ? p_->erase(first, last) : iterator(); }
  void clear() { p_.reset(); }
  void resize(size_t n) {
    if (n == 0) p_.reset();
    else Mut().resize(n);
  }
  void resize(size_t n, const T& x) {
    if (n == 0) p_.reset();
    else Mut().resize(n, x);
  }
  void reserve(size_t n) {
    if (n > 0) Mut().reserve(n);
  }
  void assign(size_t n, const T& x) { *this = Vec(n, x); }
  template <typename It>
  void assign(It first, It last) { *this = Vec(first, last); }
  void assign(std::initializer_list<T> l) { *this = Vec(l); }
  void swap(BoxedVector& o) noexcept { p_.swap(o.p_); }

  bool operator==(const BoxedVector& o) const { return Get() == o.Get(); }
  bool operator==(const Vec& o) const { return Get() == o; }

 private:
  static const Vec& Empty() {
    static const Vec empty;
    return empty;
  }
  template <typename Fn>
  iterator At(const_iterator pos, Fn&& fn) {
    if (!p_) {
      p_ = std::make_unique<Vec>();
      return fn(*p_, p_->cbegin());
    }
    return fn(*p_, pos);
  }
  std::unique_ptr<Vec> p_;
};

}  // namespace aws
