// Containers of the world state (world.h) that a seek rebuilds in bulk: plain vectors, no nodes.
#pragma once
#include <algorithm>
#include <deque>
#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace aws {

// A map kept as one vector of (key, value) pairs sorted by key: iterated in key order like
// std::map, found by binary search, filled in order by appending (Session's seeks rebuild it in
// one ordered pass, without allocating once its capacity is reached).
template <class K, class V>
class FlatMap {
 public:
  using value_type = std::pair<K, V>;
  using iterator = typename std::vector<value_type>::iterator;
  using const_iterator = typename std::vector<value_type>::const_iterator;

  FlatMap() = default;
  FlatMap(std::initializer_list<value_type> init) {
    for (const value_type& kv : init) (*this)[kv.first] = kv.second;
  }

  iterator begin() { return items_.begin(); }
  iterator end() { return items_.end(); }
  const_iterator begin() const { return items_.begin(); }
  const_iterator end() const { return items_.end(); }
  size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  void clear() { items_.clear(); }

  iterator find(const K& k) { return Find(items_, k); }
  const_iterator find(const K& k) const { return Find(items_, k); }
  size_t count(const K& k) const { return find(k) != end() ? 1 : 0; }
  const V& at(const K& k) const {
    auto it = find(k);
    if (it == end()) throw std::out_of_range("FlatMap::at");
    return it->second;
  }
  V& operator[](const K& k) {
    auto it = LowerBound(items_, k);
    if (it == items_.end() || it->first != k) it = items_.insert(it, value_type(k, V{}));
    return it->second;
  }
  size_t erase(const K& k) {
    auto it = find(k);
    if (it == items_.end()) return 0;
    items_.erase(it);
    return 1;
  }
  template <class Pred>  // pred(const value_type&)
  size_t EraseIf(Pred pred) {
    return std::erase_if(items_, pred);
  }
  // The pairs themselves, for a caller that rebuilds the map in key order (keys must stay sorted
  // and unique).
  std::vector<value_type>& items() { return items_; }

  bool operator==(const FlatMap&) const = default;

 private:
  template <class Vec>  // std::vector<value_type>, const or not
  static auto LowerBound(Vec& items, const K& k) {
    return std::lower_bound(items.begin(), items.end(), k,
                            [](const value_type& kv, const K& key) { return kv.first < key; });
  }
  template <class Vec>
  static auto Find(Vec& items, const K& k) {
    auto it = LowerBound(items, k);
    return it != items.end() && it->first == k ? it : items.end();
  }
  std::vector<value_type> items_;
};

// A state's saved fields, name=value in the state's order: a pointer to an immutable list owned
// by a FieldLists store (every machine showing the same transition payload points to the same
// list, parsed once per trace), so a seek copies a pointer, not strings, and touches no counts.
// Compares by content.
class SavedFields {
 public:
  using Field = std::pair<std::string, std::string>;
  using List = std::vector<Field>;

  SavedFields() = default;
  explicit SavedFields(const List* list) : list_(list) {}

  const List& list() const { return list_ ? *list_ : Empty(); }
  List::const_iterator begin() const { return list().begin(); }
  List::const_iterator end() const { return list().end(); }
  size_t size() const { return list().size(); }
  bool empty() const { return list().empty(); }
  const Field& operator[](size_t i) const { return list()[i]; }
  bool SameList(const SavedFields& o) const { return list_ == o.list_; }

  bool operator==(const SavedFields& o) const { return list_ == o.list_ || list() == o.list(); }
  bool operator==(const List& o) const { return list() == o; }

 private:
  static const List& Empty() {
    static const List kEmpty;
    return kEmpty;
  }
  const List* list_ = nullptr;
};

// Keeps alive the lists a state's SavedFields point to; copies of a state share them. Storage,
// not part of the state's value: any two compare equal.
struct FieldLists {
  std::shared_ptr<const std::deque<SavedFields::List>> index;  // a Session's, parsed once per trace
  std::shared_ptr<std::deque<SavedFields::List>> parsed;       // parsed by ApplyEvent (never moves)
  bool operator==(const FieldLists&) const { return true; }
};

}  // namespace aws
