// The LRAT translator's map from live clause ids to their clauses (translators/drat/
// lrat_to_cert.cpp). Untrusted: a wrong answer can only make the translator emit a step
// the kernel refuses.
//
// Why a hash map and not the checker's IdTable: LRAT writers (CaDiCaL, drat-trim's
// export) never reuse a clause id, so the ids in use are a thin band sliding up through
// every id the proof ever named. A table indexed by id holds a slot for each id up to the
// largest (md5-506: 396k slots, 9.5 MB) where at most 67,181 clauses are live at once.
// Here the memory follows the live clauses only, whatever their ids (a hostile proof
// naming 2^62 costs nothing either).
//
// Why open addressing with linear probing and backward-shift deletion: a hint's lookup is
// one hashed load of a bucket holding the id and its value together (the translator's hot
// path reads the clause theorem kept in the value), usually the only cache miss; deleting
// shifts the following entries of the run back, so there are no tombstones and a lookup
// never walks over dead buckets however many clauses have come and gone. Why at most three
// quarters full and not half: md5-506's 67,181 live clauses then fit in 131,072 buckets
// (3 MB), not 262,144; linear probing still finds a hint in one or two buckets on average.
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

namespace hcert::sat {

// Keys are ids ≥ 1 (0 marks an empty bucket). A pointer from find() is valid until the next
// emplace or erase (both may move entries).
template <class V>
class LiveIdMap {
 public:
  V* find(uint64_t id) {
    if (id == 0 || buckets_.empty()) return nullptr;
    for (size_t b = home(id);; b = (b + 1) & mask_) {
      Bucket& k = buckets_[b];
      if (k.id == id) return &k.value;
      if (k.id == 0) return nullptr;
    }
  }
  // Starts loading the bucket where the id's search begins (a RUP step's hints: their
  // cache misses overlap instead of coming one after the other).
  void prefetch(uint64_t id) const {
    if (!buckets_.empty()) __builtin_prefetch(&buckets_[home(id)]);
  }
  // False if the id is 0 or already in the map.
  bool emplace(uint64_t id, V v) {
    if (id == 0 || find(id)) return false;
    if (4 * (count_ + 1) > 3 * buckets_.size()) rehash(std::max<size_t>(64, 2 * buckets_.size()));
    size_t b = home(id);
    while (buckets_[b].id != 0) b = (b + 1) & mask_;
    buckets_[b].id = id;
    buckets_[b].value = std::move(v);
    ++count_;
    return true;
  }
  // False if the id is not in the map.
  bool erase(uint64_t id) {
    if (id == 0 || buckets_.empty()) return false;
    size_t b = home(id);
    while (buckets_[b].id != id) {
      if (buckets_[b].id == 0) return false;
      b = (b + 1) & mask_;
    }
    // Backward shift: an entry further along the run moves into the hole when its home is
    // not strictly between the hole and it (cyclically), so every entry stays reachable from
    // its home without crossing an empty bucket.
    for (size_t next = (b + 1) & mask_;; next = (next + 1) & mask_) {
      Bucket& n = buckets_[next];
      if (n.id == 0) break;
      size_t h = home(n.id);
      if (((next - h) & mask_) >= ((next - b) & mask_)) {
        buckets_[b].id = n.id;
        buckets_[b].value = std::move(n.value);
        b = next;
      }
    }
    buckets_[b].id = 0;
    buckets_[b].value = V{};
    --count_;
    return true;
  }
  uint64_t size() const { return count_; }
  size_t capacity() const { return buckets_.size(); }
  // Every (id, value), in no particular order.
  template <class F>
  void for_each(F f) {
    for (Bucket& k : buckets_)
      if (k.id != 0) f(k.id, k.value);
  }

 private:
  struct Bucket {
    uint64_t id = 0;
    V value{};
  };
  // Fibonacci hashing: consecutive ids (the common case) land far apart, and the top bits
  // of the product are the well-mixed ones.
  size_t home(uint64_t id) const { return static_cast<size_t>((id * 0x9e3779b97f4a7c15ull) >> shift_) & mask_; }
  void rehash(size_t n) {
    std::vector<Bucket> old = std::move(buckets_);
    buckets_ = std::vector<Bucket>(n);
    mask_ = n - 1;
    shift_ = 64 - static_cast<unsigned>(__builtin_ctzll(n));
    for (Bucket& k : old) {
      if (k.id == 0) continue;
      size_t b = home(k.id);
      while (buckets_[b].id != 0) b = (b + 1) & mask_;
      buckets_[b].id = k.id;
      buckets_[b].value = std::move(k.value);
    }
  }

  std::vector<Bucket> buckets_;  // a power of two of them, at most three quarters full
  size_t mask_ = 0;
  unsigned shift_ = 64;
  uint64_t count_ = 0;
};

}  // namespace hcert::sat
