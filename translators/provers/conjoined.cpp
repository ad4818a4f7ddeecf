#include "translators/provers/conjoined.hpp"

#include "translators/provers/pf.hpp"

namespace hcert::provers {

Conjoined::Conjoined(const std::vector<Term>& facts) {
  levels_.push_back(facts);
  for (size_t k = 0; k < facts.size(); ++k) index_.emplace(facts[k], k);
  while (levels_.back().size() > 1) {
    const std::vector<Term>& below = levels_.back();
    std::vector<Term> up;
    for (size_t p = 0; 2 * p < below.size(); ++p)
      up.push_back(2 * p + 1 < below.size() ? Prover::op2("/\\", below[2 * p], below[2 * p + 1]) : below[2 * p]);
    levels_.push_back(std::move(up));
  }
  for (const auto& level : levels_) ids_.emplace_back(level.size(), 0);
}

// Down from ASSUME H along the fact's path: at level L the node is k >> L, the left operand
// of its parent when even (a parent without partner is the node itself).
uint64_t Conjoined::get(StepSink& out, const Term& e) {
  size_t k = index_.at(e), top = levels_.size() - 1;
  if (!ids_[top][0]) ids_[top][0] = out.step("assume", {out.term(conj())});
  for (size_t L = top; L-- > 0;) {
    size_t p = k >> L;
    if (ids_[L][p]) continue;
    uint64_t parent = ids_[L + 1][p >> 1];
    bool paired = (p | 1) < levels_[L].size();
    ids_[L][p] = !paired ? parent : out.step(p & 1 ? "conjunct2" : "conjunct1", {parent});
  }
  return ids_[0][k];
}

// Up the tree, N(l /\ r) from N(l) and N(r) (conjoined.hpp).
uint64_t Conjoined::refute(StepSink& out, const std::function<uint64_t(size_t)>& n) const {
  std::vector<uint64_t> below;
  for (size_t k = 0; k < levels_[0].size(); ++k) below.push_back(n(k));
  for (size_t L = 0; L + 1 < levels_.size(); ++L) {
    std::vector<uint64_t> up;
    for (size_t p = 0; 2 * p < below.size(); ++p) {
      if (2 * p + 1 >= below.size()) {
        up.push_back(below[2 * p]);
        continue;
      }
      const Term &l = levels_[L][2 * p], &r = levels_[L][2 * p + 1], &c = levels_[L + 1][p];
      uint64_t both = out.step("conj", {out.step("assume", {out.term(l)}), out.step("assume", {out.term(r)})});
      uint64_t f = out.step("not_elim", {out.step("assume", {out.term(neg(c))}), both});
      f = out.step("prove_hyp", {out.step("not_intro", {out.term(r), f}), below[2 * p + 1]});
      up.push_back(out.step("prove_hyp", {out.step("not_intro", {out.term(l), f}), below[2 * p]}));
    }
    below = std::move(up);
  }
  return below[0];
}

}  // namespace hcert::provers
