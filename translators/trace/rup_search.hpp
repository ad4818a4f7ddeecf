// Unit propagation over a trace's live clauses, to find the hints of a derived clause the
// trace gives without them (spec/trace.md, "Derived clauses"). Untrusted: the hints it
// finds go into a `rup` step, which the kernel checks like any other.
//
// Why watched literals: a hint-free trace asks for one propagation per derived clause over
// every live clause; two watches per clause make each propagation cost the clauses it
// visits, not the whole set. Each search starts from the empty assignment and undoes
// everything it assigned, so the watches stay valid from one search to the next.
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

  std::vector<Clause> clauses_;
  std::unordered_map<uint64_t, size_t> by_id_;
  std::vector<std::vector<size_t>> watches_;  // by literal index: clauses watching it
  std::vector<size_t> units_, empties_;       // clauses of one and of no literal
  std::vector<int8_t> value_;                 // by variable
  std::vector<int64_t> reason_;               // by variable: a clause index, or -1
  std::vector<int64_t> trail_;
  std::vector<uint8_t> seen_;
  size_t qhead_ = 0;
  uint64_t propagations_ = 0;
};

}  // namespace hcert::trace
