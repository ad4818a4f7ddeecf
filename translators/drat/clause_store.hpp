// The clause store of the DRAT/FRAT backward pass (translators/drat/drat_to_lrat.cpp): one
// arena of clauses with their hot header words, the index that finds an alive clause by
// its literals (deletions name clauses by literals), and the arena of the hints found.
// Untrusted: what the pass finds is handed to the checker as LRAT hints, which the kernel
// checks.
#pragma once
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <vector>

namespace hcert::sat {

constexpr uint32_t kNone = UINT32_MAX;

// Why one clause arena with `alive` flags and epoch-stamped watches: the backward pass
// removes lemmas and re-adds deleted clauses millions of times. Killing a clause bumps its
// epoch, so its watches become stale and are dropped when propagation next meets them;
// reviving it adds fresh watches, on literals chosen against the top-level assignment.
// The hot per-clause data (index, epoch, flags, size) is the four words right before the
// clause's literals in the arena, so that a watch visit usually touches one cache line,
// not two (the clause's header and then its literals). The literals are reordered in
// place by propagation: the watched ones are the first two.
constexpr int kCidW = -4, kEpochW = -3, kFlagsW = -2, kSizeW = -1;  // header words
constexpr int32_t kAlive = 1, kMarked = 2;                          // flags

// A watch carries a blocker (the clause's other watched literal when it was made): if the
// blocker is true the clause is satisfied and need not be touched at all.
// Why the epoch's parity is enough to tell a stale watch (8 bytes a watch, not 12: a third
// less memory read and written by propagation): a clause is killed at most twice (its
// deletion going forwards, and as a lemma going backwards) and revived at most once (its
// deletion undone), so an alive clause is at epoch 0 or 1 and its watches were made at 0
// (added) or 1 (revived); a dead clause is dropped by its alive flag. Should a watch of an
// older epoch of the same parity pass anyway, it is on a literal the clause does not watch
// (dropped) or a duplicate of a current watch (visited twice): never a wrong propagation.
struct Watch {
  uint32_t tag;  // the clause's literals in the arena (below 2^31), and its epoch's parity as bit 31
  int32_t blocker;
};
constexpr uint32_t kParityBit = uint32_t(1) << 31;
inline uint32_t watch_ref(uint32_t tag) { return tag & ~kParityBit; }
// Is a watch with this tag one of the clause's current watches (`l`: its literals)?
inline bool watch_current(const int32_t* l, uint32_t tag) {
  return (l[kFlagsW] & kAlive) && ((static_cast<uint32_t>(l[kEpochW]) << 31) == (tag & kParityBit));
}

// The hints found, appended lemma by lemma. Why fixed chunks and not one vector: a long
// proof has tens of millions of hints (md5-preimage-64r-500: 21M, 84 MB), and a vector
// doubling its buffer holds the old and the new one at once (3x the hints at its last
// growth, and up to 2x after it), where chunks hold the hints and at most one chunk more.
class HintArena {
 public:
  size_t size() const { return n_; }
  void push_back(uint32_t h) {
    if (n_ == chunks_.size() * kChunk) chunks_.emplace_back(new uint32_t[kChunk]);  // pages touched as filled
    chunks_.back()[n_ % kChunk] = h;
    ++n_;
  }
  template <class It>
  void append(It from, It to) {
    for (; from != to; ++from) push_back(*from);
  }
  uint32_t operator[](size_t i) const { return chunks_[i / kChunk][i % kChunk]; }

 private:
  static constexpr size_t kChunk = size_t(1) << 18;  // hints per chunk (1 MB)
  std::vector<std::unique_ptr<uint32_t[]>> chunks_;
  size_t n_ = 0;
};

// The arena and the literal index; the backward pass (class Backward) derives from it.
class ClauseStore {
 protected:
  std::vector<int32_t> arena_;
  std::vector<uint32_t> start_;  // each clause's literals in the arena

  // Why a chained hash table over clause indices (not a map of vectors): every clause of
  // the problem and the proof is indexed, and a vector per key costs an allocation each.
  // The hash of a literal set is a sum, so an indexed clause needs no sorted copy (a
  // deletion's literals are sorted into key_ once, to compare); chains run through
  // chain_ (one link per clause), newest first, so that a deletion takes the latest
  // clause with its literals.
  std::vector<uint32_t> bucket_, chain_, hash_;
  std::vector<int32_t> key_;  // the literals of the deletion being looked up, sorted
  size_t indexed_ = 0;         // clauses in the index (it is rehashed as this grows)
  static uint32_t lit_hash(const int32_t* l, uint32_t n) {
    uint64_t h = n;
    for (uint32_t k = 0; k < n; ++k) {
      uint64_t x = static_cast<uint32_t>(l[k]) * 0x9e3779b97f4a7c15ull;
      h += x ^ (x >> 29);
    }
    return static_cast<uint32_t>(h ^ (h >> 32));
  }
  void index(uint32_t cid) {
    chain_.resize(cid + 1, kNone);
    hash_.resize(cid + 1, 0);
    hash_[cid] = lit_hash(lits_of(cid), len(cid));
    if (++indexed_ > bucket_.size()) {  // double, relinking the indexed clauses oldest first
      std::vector<uint32_t> live;
      for (uint32_t b : bucket_)
        for (uint32_t c = b; c != kNone; c = chain_[c]) live.push_back(c);
      std::sort(live.begin(), live.end());
      bucket_.assign(std::max<size_t>(1024, 2 * bucket_.size()), kNone);
      for (uint32_t c : live) link(c);
    }
    link(cid);
  }
  void link(uint32_t cid) {
    uint32_t& b = bucket_[hash_[cid] & (bucket_.size() - 1)];
    chain_[cid] = b;
    b = cid;
  }
  // `key`: sorted, no duplicates.
  uint32_t find_alive(const std::vector<int32_t>& key) {
    if (bucket_.empty()) return kNone;
    uint32_t h = lit_hash(key.data(), static_cast<uint32_t>(key.size()));
    for (uint32_t c = bucket_[h & (bucket_.size() - 1)]; c != kNone; c = chain_[c]) {
      if (hash_[c] != h || len(c) != key.size()) continue;
      const int32_t* l = lits_of(c);
      uint32_t k = 0;
      while (k < key.size() && std::binary_search(key.begin(), key.end(), l[k])) ++k;
      if (k == key.size()) return c;
    }
    return kNone;
  }
  void unindex(uint32_t cid) {
    uint32_t* p = &bucket_[hash_[cid] & (bucket_.size() - 1)];
    while (*p != cid) p = &chain_[*p];
    *p = chain_[cid];
    --indexed_;
  }

  static std::vector<int32_t> sorted(std::vector<int32_t> v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
  }
  static size_t idx(int32_t lit) { return 2 * static_cast<size_t>(std::abs(lit)) + (lit < 0); }
  int32_t* lits_of(uint32_t cid) { return arena_.data() + start_[cid]; }
  int32_t& hdr(uint32_t cid, int w) { return arena_[start_[cid] + w]; }
  uint32_t len(uint32_t cid) { return static_cast<uint32_t>(hdr(cid, kSizeW)); }
  bool alive(uint32_t cid) { return hdr(cid, kFlagsW) & kAlive; }
  bool marked(uint32_t cid) { return hdr(cid, kFlagsW) & kMarked; }
  void set_marked(uint32_t cid) { hdr(cid, kFlagsW) |= kMarked; }

  bool same_literals(uint32_t cid, const std::vector<int32_t>& key) {  // key: sorted, unique
    if (len(cid) != key.size()) return false;
    for (uint32_t k = 0; k < len(cid); ++k)
      if (!std::binary_search(key.begin(), key.end(), lits_of(cid)[k])) return false;
    return true;
  }
};

}  // namespace hcert::sat
