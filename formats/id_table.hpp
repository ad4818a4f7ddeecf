// The checker's id -> object maps. Why not just a hash map: a SAT certificate defines and
// deletes millions of theorems, and translators reuse freed ids, so ids stay dense; a
// vector slot is then a single indexed load. Ids far beyond the live count (a hostile
// certificate can name 2^62 - 1) go to a hash map, so memory stays proportional to the
// objects alive, never to the largest id.
#pragma once
#include <algorithm>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

namespace hcert::check {

// A pointer from find() is valid until the next emplace (the dense part may grow and move
// its slots, and take over sparse entries).
template <class T>
class IdTable {
 public:
  T* find(uint64_t id) {
    if (id < dense_.size()) return dense_[id] ? &*dense_[id] : nullptr;
    auto it = sparse_.find(id);
    return it == sparse_.end() ? nullptr : &it->second;
  }
  // False if the id is already defined.
  bool emplace(uint64_t id, T v) {
    if (find(id)) return false;
    if (id >= dense_.size() && id < std::max(4 * (count_ + 1) + 1024, allowance_)) grow(std::max<uint64_t>(id + 1, dense_.size() * 2));
    if (id < dense_.size()) dense_[id].emplace(std::move(v));
    else sparse_.emplace(id, std::move(v));
    ++count_;
    return true;
  }
  // False if the id is not defined.
  bool erase(uint64_t id) {
    if (id < dense_.size()) {
      if (!dense_[id]) return false;
      dense_[id].reset();
    } else if (!sparse_.erase(id)) {
      return false;
    }
    --count_;
    return true;
  }
  uint64_t size() const { return count_; }
  // Lets ids below n be dense whatever the live count: for a user whose ids grow with the
  // input read so far (LRAT clause ids), n proportional to that input keeps memory
  // proportional to it too.
  void allow_dense(uint64_t n) { allowance_ = n; }
  // Every defined (id, object), dense ids in increasing order first.
  template <class F>
  void for_each(F f) {
    for (uint64_t id = 0; id < dense_.size(); ++id)
      if (dense_[id]) f(id, *dense_[id]);
    for (auto& [id, v] : sparse_) f(id, v);
  }

 private:
  // Growing the dense part moves the sparse ids it now covers into it (find looks in one
  // place only).
  void grow(uint64_t size) {
    dense_.resize(size);
    for (auto it = sparse_.begin(); it != sparse_.end();)
      if (it->first < size) dense_[it->first].emplace(std::move(it->second)), it = sparse_.erase(it);
      else ++it;
  }

  std::vector<std::optional<T>> dense_;
  std::unordered_map<uint64_t, T> sparse_;
  uint64_t count_ = 0, allowance_ = 0;
};

}  // namespace hcert::check
