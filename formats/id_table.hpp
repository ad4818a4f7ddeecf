// The checker's id -> object maps. Why not just a hash map: a SAT certificate defines and
// deletes millions of theorems, and translators reuse freed ids, so ids stay dense; a
// vector slot is then a single indexed load. Ids far beyond the live count (a hostile
// certificate can name 2^62 - 1) go to a hash map, so memory stays proportional to the
// objects alive, never to the largest id.
//
// Why the dense part is a list of blocks that double in size and not one vector: a
// vector's growth relocates every slot, and the checker's objects (Thm, Term) are
// copy-only, so each doubling copied every live theorem and term (reference counts touched
// all over the heap) and freed the old slots: 7 % of a trace check's CPU
// (yices2__lpsat-goal-1, 16,823 theorem ids). A block, once made, never moves.
// Why the blocks stop doubling at 32,768 slots: a new block's slots are all written when
// it is made (each an empty std::optional), so a last block twice the ids in use made
// memory that no id needed resident (md5-506 LRAT: the checker's theorems reach 126k ids,
// the translator's clause ids 396k; 5 + 3 MB of such slots).
#pragma once
#include <algorithm>
#include <bit>
#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

namespace hcert::check {

// A pointer from find() is valid until the next emplace (the dense part may take over
// sparse entries, which then move into it).
template <class T>
class IdTable {
 public:
  T* find(uint64_t id) {
    if (id < capacity_) {
      std::optional<T>& slot = dense(id);
      return slot ? &*slot : nullptr;
    }
    auto it = sparse_.find(id);
    return it == sparse_.end() ? nullptr : &it->second;
  }
  // Starts loading the slot of a dense id (nothing else): a caller about to look up many
  // ids (a RUP step's hints) lets their cache misses overlap instead of taking them one
  // after the other.
  void prefetch(uint64_t id) const {
    if (id < capacity_) __builtin_prefetch(&const_cast<IdTable*>(this)->dense(id));
  }
  // False if the id is already defined.
  bool emplace(uint64_t id, T v) {
    if (find(id)) return false;
    if (id >= capacity_ && id < std::max(4 * (count_ + 1) + 1024, allowance_)) grow(id + 1);
    if (id < capacity_) dense(id).emplace(std::move(v));
    else sparse_.emplace(id, std::move(v));
    ++count_;
    return true;
  }
  // False if the id is not defined.
  bool erase(uint64_t id) {
    if (id < capacity_) {
      std::optional<T>& slot = dense(id);
      if (!slot) return false;
      slot.reset();
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
    for (uint64_t id = 0; id < capacity_; ++id)
      if (std::optional<T>& slot = dense(id)) f(id, *slot);
    for (auto& [id, v] : sparse_) f(id, v);
  }

 private:
  // Block i < kDoublings holds kBase << i slots, ids kBase·(2^i − 1) up to
  // kBase·(2^(i+1) − 1) − 1: the block of such an id is the bit length of id / kBase + 1,
  // less one. Every later block holds kFixed slots (the size of the last doubling one).
  static constexpr uint64_t kBaseBits = 6, kBase = uint64_t(1) << kBaseBits;
  static constexpr unsigned kDoublings = 10;
  static constexpr uint64_t kDoubled = kBase * ((uint64_t(1) << kDoublings) - 1), kFixed = kBase << (kDoublings - 1);
  std::optional<T>& dense(uint64_t id) {
    if (id >= kDoubled) return blocks_[kDoublings + (id - kDoubled) / kFixed][(id - kDoubled) % kFixed];
    uint64_t j = (id >> kBaseBits) + 1;
    unsigned i = static_cast<unsigned>(std::bit_width(j)) - 1;
    return blocks_[i][id - ((uint64_t(1) << i) - 1) * kBase];
  }
  // Blocks until the dense part covers ids below `size`; the sparse ids it now covers move
  // into it (find looks in one place only).
  void grow(uint64_t size) {
    while (capacity_ < size) {
      uint64_t n = blocks_.size() < kDoublings ? kBase << blocks_.size() : kFixed;
      blocks_.push_back(std::make_unique<std::optional<T>[]>(n));
      capacity_ += n;
    }
    for (auto it = sparse_.begin(); it != sparse_.end();)
      if (it->first < capacity_) dense(it->first).emplace(std::move(it->second)), it = sparse_.erase(it);
      else ++it;
  }

  std::vector<std::unique_ptr<std::optional<T>[]>> blocks_;
  uint64_t capacity_ = 0;  // ids below it are dense: the blocks' slots together
  std::unordered_map<uint64_t, T> sparse_;
  uint64_t count_ = 0, allowance_ = 0;
};

}  // namespace hcert::check
