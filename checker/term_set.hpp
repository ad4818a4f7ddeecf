// A set of terms by identity (hash-consed terms are equal exactly when they are the same
// node), in one open-addressing array.
// Why not std::unordered_set: the end check asks whether each node of the final
// theorem's hypotheses is a problem assertion, and a formula hypothesis over a subset of
// a DIMACS problem's clauses has two conjunction nodes per clause, none of them an
// assertion. A node-based table misses the cache on its bucket and again on each entry it
// walks (md5-506 from LRAT, Φ over 108k clauses: the 324k look-ups took 0.25 s, more than
// the elaboration they replaced); here a look-up reads one slot run of one array.
#pragma once
#include <cstdint>
#include <vector>

#include "kernel/kernel.hpp"

namespace hcert::check {

class TermSet {
 public:
  void insert(const Term& t) {
    if (4 * (count_ + 1) > 3 * slots_.size()) grow();
    size_t i = home(t);
    for (; !slots_[i].is_null(); i = (i + 1) & mask())
      if (slots_[i] == t) return;
    slots_[i] = t;
    ++count_;
  }
  bool contains(const Term& t) const {
    if (count_ == 0) return false;
    for (size_t i = home(t); !slots_[i].is_null(); i = (i + 1) & mask())
      if (slots_[i] == t) return true;
    return false;
  }
  size_t size() const { return count_; }
  // Room for n terms without growing.
  void reserve(size_t n) {
    while (4 * n > 3 * slots_.size()) grow();
  }

 private:
  size_t mask() const { return slots_.size() - 1; }
  // The term's hash, spread over the table's bits (the top ones, by multiplication).
  size_t home(const Term& t) const { return static_cast<size_t>((t.hash() * 0x9e3779b97f4a7c15ull) >> shift_); }
  void grow() {
    std::vector<Term> old(slots_.empty() ? 64 : 2 * slots_.size());
    old.swap(slots_);
    shift_ = 64 - static_cast<unsigned>(__builtin_ctzll(slots_.size()));
    count_ = 0;
    for (Term& t : old)
      if (!t.is_null()) insert(t);
  }
  std::vector<Term> slots_;
  unsigned shift_ = 64;
  size_t count_ = 0;
};

}  // namespace hcert::check
