// Unit propagation over a trace's live clauses, to find the hints of a derived clause the
// trace gives without them (spec/trace.md, "Derived clauses"). Untrusted: the hints it
// finds go into a `rup` step, which the kernel checks like any other.
//
// Why watched literals: a hint-free trace asks for one propagation per derived clause over
// every live clause; two watches per clause make each propagation cost the clauses it
// visits, not the whole set.
//
// Why a kept base: what the unit clauses imply by themselves (the base: the assignment
// propagation reaches from no assumption) is the same for every search, and in a solver's
// trace it is most of each propagation (job-shop: its input bounds and learnt units,
// about 2,000 clause visits per search). It is kept between searches and extended when a
// clause is added (a clause unit under it propagates); a search assigns above it and undoes
// only its own part. Removing a clause that is a reason in the base (or its conflict)
// drops the base, which the next search recomputes. The hints are unchanged in kind: the
// base's reasons come first, in the order they propagated, as LRAT needs.
#pragma once
#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace hcert::trace {

class RupSearch {
 public:
  void add(uint64_t id, const std::vector<int64_t>& given);
  void remove(uint64_t id);
  // The hints of `clause` in LRAT order (each reason in the order it propagated, the
  // conflicting clause last), or false when propagation from its negation ends without a
  // conflict (not RUP over the live clauses) or the clause holds a literal and its negation.
  bool hints(const std::vector<int64_t>& clause, std::vector<uint64_t>& out);
  uint64_t propagations() const { return propagations_; }

 private:
  struct Clause {
    uint64_t id;
    std::vector<int64_t> lits;
    bool alive = true;
  };
  static size_t index(int64_t lit) { return 2 * static_cast<size_t>(lit < 0 ? -lit : lit) + (lit < 0); }
  int value(int64_t lit) const;  // 1 true, -1 false, 0 unassigned
  void assign(int64_t lit, int64_t reason);
  void grow(int64_t lit);
  // Propagates the trail from qhead; the conflicting clause's index, or -1.
  int64_t propagate();
  // The base from no assumption (units, then propagation), when it was dropped.
  void make_base();
  void drop_base();
  // Clause k just added: its two watches chosen among literals the base does not falsify
  // (or a true one); when the base makes it unit, its literal is propagated into the base.
  void add_to_base(size_t k);

  std::vector<Clause> clauses_;
  std::unordered_map<uint64_t, size_t> by_id_;
  std::vector<std::vector<size_t>> watches_;  // by literal index: clauses watching it
  std::vector<size_t> units_, empties_;       // clauses of one and of no literal
  std::vector<int8_t> value_;                 // by variable
  std::vector<int64_t> reason_;               // by variable: a clause index, or -1
  std::vector<int64_t> trail_;
  std::vector<uint8_t> seen_;
  size_t qhead_ = 0;
  // The base: trail_[0, base_) with its reasons (is_reason_ by clause index), or a
  // conflict of the units alone (base_conflict_, a clause index). Valid when base_valid_.
  size_t base_ = 0;
  bool base_valid_ = false;
  int64_t base_conflict_ = -1;
  std::vector<uint8_t> is_reason_;
  uint64_t propagations_ = 0;
};

}  // namespace hcert::trace
