// Z3's unit simplifications of one connective, `(and X true) = X`, `(or X false) = X`,
// `(and X false) = false`, `(or X true) = true` (either operand the unit), proved in a
// handful of steps: each direction by CONJUNCT/CONJ, DISJ_CASES/DISJ1/DISJ2, TRUTH or
// CONTR, joined by DEDUCT_ANTISYM.
// Why: X is often the whole assertion (a 200-conjunct pseudo-Boolean formula translated
// with `true` operands), and the normal forms re-normalised all of X for each such step
// (14,000–35,000 theorems each in pb_real_10_0200_10_27); here a step costs the same for
// any X.
#include "translators/z3/translator.hpp"

namespace hcert::z3 {

uint64_t Translator::unit_simplified(const Term& l, const Term& r) {
  const Term t = true_term(), f = false_term();
  // The side with the connective is `from`, the simplified one `to`; the result is
  // turned back to l = r at the end.
  auto direct = [&](const Term& from, const Term& to) -> uint64_t {
    Term a, b;
    bool conj = is_op(from, "/\\", &a, &b);
    if (!conj && !is_op(from, "\\/", &a, &b)) return 0;
    uint64_t to_from = 0, from_to = 0;  // {to} ⊢ from; {from} ⊢ to
    if (conj && b == t && a == to) {  // X /\ T = X
      from_to = step("conjunct1", {assume(from)});
      to_from = step("conj", {assume(to), step("truth", {})});
    } else if (conj && a == t && b == to) {  // T /\ X = X
      from_to = step("conjunct2", {assume(from)});
      to_from = step("conj", {step("truth", {}), assume(to)});
    } else if (!conj && b == f && a == to) {  // X \/ F = X
      from_to = step("disj_cases", {assume(from), assume(a), step("contr", {term(a), assume(f)})});
      to_from = step("disj1", {assume(to), term(f)});
    } else if (!conj && a == f && b == to) {  // F \/ X = X
      from_to = step("disj_cases", {assume(from), step("contr", {term(b), assume(f)}), assume(b)});
      to_from = step("disj2", {term(f), assume(to)});
    } else if (conj && to == f && (a == f || b == f)) {  // X /\ F = F, F /\ X = F
      from_to = step(b == f ? "conjunct2" : "conjunct1", {assume(from)});
      to_from = step("contr", {term(from), assume(f)});
    } else if (!conj && to == t && (a == t || b == t)) {  // X \/ T = T, T \/ X = T
      from_to = step("truth", {});
      to_from = a == t ? step("disj1", {step("truth", {}), term(b)}) : step("disj2", {term(a), step("truth", {})});
    } else {
      return 0;
    }
    return step("deduct_antisym", {to_from, from_to});  // ⊢ from = to
  };
  if (l.type() != Type::boolean() || l == r) return 0;
  if (uint64_t th = direct(l, r)) return positive(th);
  if (uint64_t th = direct(r, l)) return positive(step("sym", {th}));
  return 0;
}

}  // namespace hcert::z3
