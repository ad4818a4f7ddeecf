// The interface between the CDCL core and a theory solver (difference logic or simplex).
// The core hands over each assigned literal of a theory atom in trail order; a theory that
// finds the asserted literals inconsistent answers with an explanation: a subset of them
// that is already inconsistent, and the Farkas multipliers that show it.
#pragma once
#include <gmpxx.h>

#include <cstdint>
#include <vector>

namespace demo {

// A literal of the CDCL core: 2 * variable + (1 if negated). Variables are 0-based.
using Lit = uint32_t;
inline Lit mk_lit(uint32_t var, bool negated) { return 2 * var + negated; }
inline uint32_t lit_var(Lit l) { return l >> 1; }
inline bool lit_neg(Lit l) { return l & 1; }
inline Lit lit_not(Lit l) { return l ^ 1; }

struct Explanation {
  std::vector<Lit> lits;                  // true literals, jointly inconsistent
  std::vector<mpq_class> coefficients;    // one per literal (empty: no hint)
  // The coefficients are a Chvatal-Gomory cut's (the trace's `cut` hint), not Farkas
  // multipliers: the integers round a bound the rationals do not.
  bool cut = false;
};

// A literal the theory found implied: `why.lits` (true literals, then lit_not(implied)
// last) are inconsistent, so the lemma "not why.lits" propagates `implied`.
struct Implication {
  Lit implied;
  Explanation why;
};

// Branch and bound over the integers: a problem variable (an ArithVar term of the
// formula) whose value in the theory's model is not an integer, and k its floor; the
// solver then adds the branch lemma x <= k \/ x >= k + 1 (a `br` hint).
struct Branch {
  uint32_t term;
  mpz_class k;
};

class Theory {
 public:
  virtual ~Theory() = default;
  // After a complete consistent assignment: a variable to branch on (integer problems
  // solved by the simplex); false when the model is integral or the theory is real.
  virtual bool fractional(Branch&) const { return false; }
  virtual bool is_atom(uint32_t var) const = 0;
  // Asserts a literal of an atom; false (and `why` filled) when inconsistent.
  virtual bool assert_lit(Lit l, Explanation& why) = 0;
  // Consistency of everything asserted so far (called when propagation is done).
  virtual bool check(Explanation& why) = 0;
  // Literals implied by the assertions so far, found since the last call (cleared by it).
  virtual std::vector<Implication>& implications() { return none_; }
  virtual void push_level() = 0;          // a decision level begins
  virtual void pop_levels(uint32_t n) = 0;  // the last n levels are undone

 private:
  std::vector<Implication> none_;
};

}  // namespace demo
