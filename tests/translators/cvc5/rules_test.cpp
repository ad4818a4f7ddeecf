// Every rule of the cvc5 translator's table (translators/cvc5/cvc5_rules.cpp) has an accept
// and a reject case (spec/cvc5.md, "Rules"). Each case is one step of the rule in a proof
// of the problem {premises, ~φ}: (CONTRA (RULE :conclusion φ premises…) (ASSUME ~φ)) under
// the top SCOPE. Accept: φ follows from the premises, the check is VERIFIED with no hole.
// Reject: φ does not follow (the premises and ~φ have a model, so the problem is
// satisfiable and the proof claims a false unsat): the step is false and must be refused,
// never VERIFIED; where the provers find the countermodel, the verdict is Rejected.
#include <gtest/gtest.h>

#include <functional>
#include <sstream>

#include "checker/checker.hpp"
#include "formats/cert_emit.hpp"
#include "formats/cvc5proof.hpp"
#include "tests/support.hpp"
#include "tests/translators/smt_check.hpp"
#include "translators/cvc5/cvc5_to_cert.hpp"
#include "trusted/problem.hpp"

using namespace hcert;
using check::Outcome;

namespace {

// One case: the rule, its premises (SMT-LIB formulas over p q r : Bool, x y z : Int,
// f : Int -> Int), the conclusion that follows and one that does not.
struct RuleCase {
  const char* rule;
  std::vector<const char*> premises;
  const char* good;
  const char* bad;
  bool bad_rejected;  // the provers find the countermodel (else the bad case is INCOMPLETE)
  std::vector<const char*> bad_premises = {};  // when the premises must differ (they refute)
  const std::vector<const char*>& premises_of(bool is_bad) const {
    return is_bad && !bad_premises.empty() ? bad_premises : premises;
  }
};

const std::vector<RuleCase>& cases() {
  static const std::vector<RuleCase> all{
      {"REFL", {}, "(= x x)", "(= x y)", true},
      {"SYMM", {"(= x y)"}, "(= y x)", "(= y (+ x 1))", true},
      {"TRANS", {"(= x y)", "(= y z)"}, "(= x z)", "(= x (+ z 1))", true},
      {"CONG", {"(= x y)"}, "(= (f x) (f y))", "(= (f x) (f (+ y 1)))", false},
      {"HO_CONG", {"(= x y)"}, "(= (f x) (f y))", "(= (f x) (f (+ y 1)))", false},
      {"EQ_RESOLVE", {"p", "(= p q)"}, "q", "r", true},
      {"MODUS_PONENS", {"p", "(=> p q)"}, "q", "r", true},
      {"TRUE_INTRO", {"p"}, "(= p true)", "(= q true)", true},
      {"TRUE_ELIM", {"(= p true)"}, "p", "q", true},
      {"FALSE_INTRO", {"(not p)"}, "(= p false)", "(= q false)", true},
      {"FALSE_ELIM", {"(= p false)"}, "(not p)", "(not q)", true},
      {"RESOLUTION", {"(or p q)", "(not p)"}, "q", "r", true},
      {"CHAIN_RESOLUTION", {"(or p q)", "(or (not q) r)", "(not p)"}, "r", "(not r)", true},
      {"MACRO_RESOLUTION", {"(or p q)", "(or (not p) q)"}, "q", "r", true},
      {"MACRO_RESOLUTION_TRUST", {"(or p q)", "(or (not p) q)"}, "q", "r", true},
      {"REORDERING", {"(or p q r)"}, "(or r q p)", "(or r q)", true},
      {"FACTORING", {"(or p p q)"}, "(or p q)", "p", true},
      {"CONTRA", {"p", "(not p)"}, "false", "false", true, {"p", "(not q)"}},
      {"SPLIT", {}, "(or p (not p))", "(or p q)", true},
      {"AND_ELIM", {"(and p q)"}, "q", "r", true},
      {"AND_INTRO", {"p", "q"}, "(and p q)", "(and p r)", true},
      {"NOT_OR_ELIM", {"(not (or p q))"}, "(not q)", "(not r)", true},
      {"IMPLIES_ELIM", {"(=> p q)"}, "(or (not p) q)", "(or p q)", true},
      {"NOT_IMPLIES_ELIM1", {"(not (=> p q))"}, "p", "q", true},
      {"NOT_IMPLIES_ELIM2", {"(not (=> p q))"}, "(not q)", "q", true},
      {"EQUIV_ELIM1", {"(= p q)"}, "(or (not p) q)", "(or p q)", true},
      {"EQUIV_ELIM2", {"(= p q)"}, "(or p (not q))", "(or p q)", true},
      {"NOT_EQUIV_ELIM1", {"(not (= p q))"}, "(or p q)", "(or (not p) q)", true},
      {"NOT_EQUIV_ELIM2", {"(not (= p q))"}, "(or (not p) (not q))", "(or (not p) q)", true},
      {"XOR_ELIM1", {"(xor p q)"}, "(or p q)", "(or (not p) q)", true},
      {"XOR_ELIM2", {"(xor p q)"}, "(or (not p) (not q))", "(or (not p) q)", true},
      {"NOT_XOR_ELIM1", {"(not (xor p q))"}, "(or p (not q))", "(or p q)", true},
      {"NOT_XOR_ELIM2", {"(not (xor p q))"}, "(or (not p) q)", "(or p q)", true},
      {"ITE_ELIM1", {"(ite p q r)"}, "(or (not p) q)", "(or (not p) r)", true},
      {"ITE_ELIM2", {"(ite p q r)"}, "(or p r)", "(or p q)", true},
      {"NOT_ITE_ELIM1", {"(not (ite p q r))"}, "(or (not p) (not q))", "(or (not p) q)", true},
      {"NOT_ITE_ELIM2", {"(not (ite p q r))"}, "(or p (not r))", "(or p r)", true},
      {"NOT_AND", {"(not (and p q))"}, "(or (not p) (not q))", "(not p)", true},
      {"NOT_NOT_ELIM", {"(not (not p))"}, "p", "q", true},
      {"CNF_AND_POS", {}, "(or (not (and p q)) p)", "(or (not (and p q)) r)", true},
      {"CNF_AND_NEG", {}, "(or (and p q) (not p) (not q))", "(or (and p q) (not p))", true},
      {"CNF_OR_POS", {}, "(or (not (or p q)) p q)", "(or (not (or p q)) p)", true},
      {"CNF_OR_NEG", {}, "(or (or p q) (not p))", "(or (or p q) (not r))", true},
      {"CNF_IMPLIES_POS", {}, "(or (not (=> p q)) (not p) q)", "(or (not (=> p q)) q)", true},
      {"CNF_IMPLIES_NEG1", {}, "(or (=> p q) p)", "(or (=> p q) q)", true},
      {"CNF_IMPLIES_NEG2", {}, "(or (=> p q) (not q))", "(or (=> p q) (not p))", true},
      {"CNF_EQUIV_POS1", {}, "(or (not (= p q)) (not p) q)", "(or (not (= p q)) p)", true},
      {"CNF_EQUIV_POS2", {}, "(or (not (= p q)) p (not q))", "(or (not (= p q)) q)", true},
      {"CNF_EQUIV_NEG1", {}, "(or (= p q) p q)", "(or (= p q) p)", true},
      {"CNF_EQUIV_NEG2", {}, "(or (= p q) (not p) (not q))", "(or (= p q) (not p))", true},
      {"CNF_XOR_POS1", {}, "(or (not (xor p q)) p q)", "(or (not (xor p q)) p)", true},
      {"CNF_XOR_POS2", {}, "(or (not (xor p q)) (not p) (not q))", "(or (not (xor p q)) (not p))", true},
      {"CNF_XOR_NEG1", {}, "(or (xor p q) (not p) q)", "(or (xor p q) q)", true},
      {"CNF_XOR_NEG2", {}, "(or (xor p q) p (not q))", "(or (xor p q) p)", true},
      {"CNF_ITE_POS1", {}, "(or (not (ite p q r)) (not p) q)", "(or (not (ite p q r)) q)", true},
      {"CNF_ITE_POS2", {}, "(or (not (ite p q r)) p r)", "(or (not (ite p q r)) r)", true},
      {"CNF_ITE_POS3", {}, "(or (not (ite p q r)) q r)", "(or (not (ite p q r)) q)", true},
      {"CNF_ITE_NEG1", {}, "(or (ite p q r) (not p) (not q))", "(or (ite p q r) (not q))", true},
      {"CNF_ITE_NEG2", {}, "(or (ite p q r) p (not r))", "(or (ite p q r) (not r))", true},
      {"CNF_ITE_NEG3", {}, "(or (ite p q r) (not q) (not r))", "(or (ite p q r) (not q))", true},
      {"MACRO_SR_EQ_INTRO", {}, "(= (+ x 0) x)", "(= (+ x 1) x)", true},
      {"MACRO_SR_PRED_INTRO", {}, "(>= (+ x 1) x)", "(>= x (+ x 1))", true},
      {"MACRO_SR_PRED_ELIM", {"(>= (+ x 0) 1)"}, "(>= x 1)", "(>= x 2)", true},
      {"MACRO_SR_PRED_TRANSFORM", {"(> x 0)"}, "(>= x 1)", "(>= x 2)", true},
      {"REWRITE", {}, "(= (* 2 x) (+ x x))", "(= (* 2 x) (+ x 1))", true},
      {"EVALUATE", {}, "(= (+ 1 2) 3)", "(= (+ 1 2) 4)", true},
      {"THEORY_REWRITE", {}, "(= (< x 1) (not (>= x 1)))", "(= (< x 1) (>= x 1))", true},
      {"PREPROCESS", {}, "(= (and p q) (and q p))", "(= (and p q) (or p q))", true},
      {"PREPROCESS_LEMMA", {}, "(or p (not p))", "p", true},
      {"THEORY_PREPROCESS", {}, "(= (> x 0) (not (<= x 0)))", "(= (> x 0) (<= x 0))", true},
      {"THEORY_PREPROCESS_LEMMA", {}, "(or (>= x 0) (< x 0))", "(>= x 0)", true},
      {"THEORY_LEMMA", {}, "(or (not (>= x 1)) (>= x 0))", "(or (not (>= x 0)) (>= x 1))", true},
      {"REMOVE_TERM_FORMULA_AXIOM", {}, "(ite p (= (ite p x y) x) (= (ite p x y) y))",
       "(ite p (= (ite p x y) y) (= (ite p x y) x))", true},
      {"TRUST_SUBS", {"(= x y)"}, "(= (+ x 1) (+ y 1))", "(= (+ x 1) y)", true},
      {"TRUST_SUBS_MAP", {"(= x y)"}, "(= (+ x 1) (+ y 1))", "(= (+ x 1) y)", true},
      {"TRUST_SUBS_EQ", {"(= x y)"}, "(= (+ x 1) (+ y 1))", "(= (+ x 1) y)", true},
      {"SUBS", {"(= x y)"}, "(= (+ x 1) (+ y 1))", "(= (+ x 1) y)", true},
      {"THEORY_INFERENCE", {"(= x y)", "(= y z)"}, "(= x z)", "(= x (+ z 1))", true},
      {"ITE_EQ", {}, "(ite p (= (ite p x y) x) (= (ite p x y) y))", "(ite p (= (ite p x y) y) (= (ite p x y) x))", true},
      {"SKOLEM_INTRO", {}, "(= x x)", "(= x y)", true},
      {"MACRO_ARITH_SCALE_SUM_UB", {"(> x 1)", "(< x 0)"}, "false", "false", true, {"(> x 1)", "(< x 3)"}},
      {"ARITH_SUM_UB", {"(< x 1)", "(< y 2)"}, "(< (+ x y) 3)", "(< (+ x y) 1)", true},
      {"ARITH_TRICHOTOMY", {"(not (< x 1))", "(not (= x 1))"}, "(> x 1)", "(> x 2)", true},
      {"INT_TIGHT_UB", {"(< x 2)"}, "(<= x 1)", "(<= x 0)", true},
      {"INT_TIGHT_LB", {"(> x 2)"}, "(>= x 3)", "(>= x 4)", true},
      {"ARITH_MULT_POS", {}, "(=> (and (> 2 0) (> x y)) (> (* 2 x) (* 2 y)))", "(=> (and (> 2 0) (> x y)) (> (* 2 x) (* 3 y)))", true},
      {"ARITH_MULT_NEG", {}, "(=> (and (< (- 2) 0) (> x y)) (< (* (- 2) x) (* (- 2) y)))",
       "(=> (and (< (- 2) 0) (> x y)) (> (* (- 2) x) (* (- 2) y)))", true},
      {"ARITH_MULT_SIGN", {}, "(=> (and (> x 0) (> y 0)) (> (* 2 x) 0))", "(=> (and (> x 0) (< y 0)) (> (* 2 y) 0))", true},
      {"ARITH_MULT_TANGENT", {}, "(=> (>= x 1) (>= (* 3 x) 3))", "(=> (>= x 1) (>= (* 3 x) 4))", true},
      {"ARITH_OP_ELIM_AXIOM", {}, "(= (- x y) (+ x (* (- 1) y)))", "(= (- x y) (+ x y))", true},
      // arrays (arrays.cpp; a : Int -> Int arrays a, b). The bad ones are no axiom
      // instance; the case split knows nothing of arrays: holes, not countermodels.
      {"ARRAYS_READ_OVER_WRITE", {"(not (= x y))"}, "(= (select (store a x z) y) (select a y))",
       "(= (select (store a x z) y) z)", false},
      {"ARRAYS_READ_OVER_WRITE_CONTRA", {"(not (= (select (store a x z) y) (select a y)))"}, "(= x y)", "(= x z)", false},
      {"ARRAYS_READ_OVER_WRITE_1", {}, "(= (select (store a x z) x) z)", "(= (select (store a x z) y) z)", false},
      // ARRAYS_EXT's witness is one of cvc5's skolems, which a problem cannot name: its
      // real steps are the corpus cases cvc5-arrays-ext(-wrong); here the table's entry
      // and a disequality of reads at an index the problem names, which is no instance.
      {"ARRAYS_EXT", {"(not (= a b))"}, "(not (= a b))", "(not (= (select a x) (select b x)))", false},
  };
  return all;
}

std::string problem_of(const RuleCase& c, bool is_bad) {
  const char* phi = is_bad ? c.bad : c.good;
  bool arrays = std::string(c.rule).rfind("ARRAYS_", 0) == 0;
  std::string s = std::string("(set-logic ") + (arrays ? "QF_AUFLIA" : "QF_UFLIA") +
                  ")\n(declare-fun p () Bool)\n(declare-fun q () Bool)\n(declare-fun r () Bool)\n"
                  "(declare-fun s () Bool)\n(declare-fun t () Bool)\n"
                  "(declare-fun x () Int)\n(declare-fun y () Int)\n(declare-fun z () Int)\n(declare-fun f (Int) Int)\n";
  if (arrays) s += "(declare-fun a () (Array Int Int))\n(declare-fun b () (Array Int Int))\n";
  for (const char* h : c.premises_of(is_bad)) s += std::string("(assert ") + h + ")\n";
  return s + "(assert (not " + phi + "))\n(check-sat)\n";
}

std::string proof_of(const RuleCase& c, bool is_bad) {
  const char* phi = is_bad ? c.bad : c.good;
  std::string hyps, prem;
  for (const char* h : c.premises_of(is_bad)) {
    hyps += std::string(" ") + h;
    prem += std::string(" (ASSUME :conclusion ") + h + " :args (" + h + "))";
  }
  std::string nphi = std::string("(not ") + phi + ")";
  std::string all = hyps + " " + nphi;
  return "unsat\n(\n(SCOPE :conclusion (not (and" + all + ")) (CONTRA :conclusion false (" + c.rule + " :conclusion " + phi +
         prem + ") (ASSUME :conclusion " + nphi + " :args (" + nphi + "))) :args (" + all + "))\n)\n";
}

Outcome check_cvc5(const std::string& smt, const std::string& proof, std::string* msg, uint64_t* holes) {
  return test::check_smt_translation("cvc5_rule", smt, [&](check::SmtContext& ctx, const std::string& sha, cert::Emitter& em) {
    cvc5::ProofReader in(string_source(proof));
    *holes = cvc5::cvc5_to_certificate(ctx, sha, in, em).holes;
  }, msg);
}

TEST(Cvc5Rules, EveryRuleAcceptsItsConsequence) {
  for (const RuleCase& c : cases()) {
    std::string msg;
    uint64_t holes = 0;
    Outcome o = check_cvc5(problem_of(c, false), proof_of(c, false), &msg, &holes);
    EXPECT_EQ(o, Outcome::Verified) << c.rule << ": " << msg;
    EXPECT_EQ(holes, 0u) << c.rule;
  }
}

// Why each must be refused: its conclusion does not follow from its premises (they and
// its negation have a model), so the proof claims unsat of a satisfiable problem.
TEST(Cvc5Rules, EveryRuleRefusesANonConsequence) {
  for (const RuleCase& c : cases()) {
    std::string msg;
    uint64_t holes = 0;
    Outcome o = check_cvc5(problem_of(c, true), proof_of(c, true), &msg, &holes);
    EXPECT_NE(o, Outcome::Verified) << c.rule;
    if (c.bad_rejected) EXPECT_EQ(o, Outcome::Rejected) << c.rule << ": " << msg;
    else EXPECT_EQ(o, Outcome::Incomplete) << c.rule << ": " << msg;
  }
}

}  // namespace

namespace {

// SCOPE and ASSUME are in every case above (accepted). A SCOPE whose conclusion is not
// what discharging its assumptions gives must not verify: here it discharges q but claims
// ~r, which its sub-proof (false from p and ~p) does not give as a discharge of q; the
// step has no justification (a hole, INCOMPLETE), whatever else holds.
TEST(Cvc5Rules, ScopeMustDischargeItsOwnAssumptions) {
  std::string smt = "(set-logic QF_UF)\n(declare-fun p () Bool)\n(declare-fun q () Bool)\n(declare-fun r () Bool)\n"
                    "(assert p)\n(assert (not p))\n(assert r)\n(check-sat)\n";
  auto proof = [](const char* args) {
    return std::string("unsat\n(\n(SCOPE :conclusion (not (and p (not p) r)) (CONTRA :conclusion false (ASSUME :conclusion r :args (r)) "
                       "(SCOPE :conclusion (not r) (CONTRA :conclusion false (ASSUME :conclusion p :args (p)) "
                       "(ASSUME :conclusion (not p) :args ((not p)))) :args (") +
           args + "))) :args (p (not p) r))\n)\n";
  };
  std::string msg;
  uint64_t holes = 0;
  EXPECT_EQ(check_cvc5(smt, proof("r"), &msg, &holes), Outcome::Verified) << msg;
  EXPECT_EQ(holes, 0u);
  EXPECT_EQ(check_cvc5(smt, proof("q"), &msg, &holes), Outcome::Incomplete) << msg;
  EXPECT_EQ(holes, 1u);
}

}  // namespace

namespace {

// MACRO_SR_EQ_INTRO with a substitution whose equations chain (x := f y, y := f z): the
// fixpoint x = f (f z) is made from y's, then the rewrite after it. Reject: a conclusion
// the substitution does not give (f (f z) for f x) is not VERIFIED.
TEST(Cvc5Rules, SubstitutionChainsToItsFixpoint) {
  RuleCase c{"MACRO_SR_EQ_INTRO", {"(= x (f y))", "(= y (f z))"}, "(= (+ (f x) 1) (+ 1 (f (f (f z)))))",
             "(= (+ (f x) 1) (+ 1 (f (f z))))", false};
  std::string msg;
  uint64_t holes = 0;
  EXPECT_EQ(check_cvc5(problem_of(c, false), proof_of(c, false), &msg, &holes), Outcome::Verified) << msg;
  EXPECT_EQ(holes, 0u);
  EXPECT_NE(check_cvc5(problem_of(c, true), proof_of(c, true), &msg, &holes), Outcome::Verified) << msg;
}

}  // namespace

namespace {

// MACRO_RESOLUTION_TRUST whose literals are themselves conjunctions, disjunctions or double
// negations (cvc5's crowding literals inside units): unit propagation reads the connectives
// inside the literals (clauses.cpp, the gates), which is its first try for every clausal
// step, so a wrong step among those it emits fails the check. Accept: the conclusion
// follows. Reject: it does not (the premises and its negation have a model over
// propositional variables), so the step is refused.
TEST(Cvc5Rules, ResolutionReadsConnectivesInsideLiterals) {
  const std::vector<RuleCase> gates{
      // (and p q) from p and q refutes the unit ~(and p q)
      {"MACRO_RESOLUTION_TRUST", {"(or (not (and p q)) r)", "p", "q"}, "r", "(not r)", true},
      // nested: (and p q), then (or (and p q) r), then (and (or …) s)
      {"MACRO_RESOLUTION_TRUST", {"(or (not (and (or (and p q) r) s)) t)", "p", "q", "s"}, "t", "(not t)", true},
      // (or r s) false by ~r and ~s, (and p q) false by ~p: the clause of the two is false
      {"MACRO_RESOLUTION_TRUST", {"(or (or r s) (and p q))", "(not r)", "(not s)"}, "p", "(not p)", true},
      // ~~(and p q) gives (and p q) (classically: its {~(and p q)} ⊢ F discharges it)
      {"MACRO_RESOLUTION_TRUST", {"(not (not (and p q)))", "(or (not p) r)"}, "r", "(not r)", true},
  };
  for (const RuleCase& c : gates) {
    std::string msg;
    uint64_t holes = 0;
    EXPECT_EQ(check_cvc5(problem_of(c, false), proof_of(c, false), &msg, &holes), Outcome::Verified) << c.good << ": " << msg;
    EXPECT_EQ(holes, 0u) << c.good;
    EXPECT_EQ(check_cvc5(problem_of(c, true), proof_of(c, true), &msg, &holes), Outcome::Rejected) << c.bad << ": " << msg;
  }
}

}  // namespace

namespace {

// A premise-free MACRO_SR_EQ_INTRO step (a rewrite): `good` is VERIFIED with no hole, `bad`
// (a false equation, each caller says why) is not.
void expect_rewrite_checked(const std::string& good, const std::string& bad) {
  RuleCase c{"MACRO_SR_EQ_INTRO", {}, good.c_str(), bad.c_str(), false};
  std::string msg;
  uint64_t holes = 0;
  EXPECT_EQ(check_cvc5(problem_of(c, false), proof_of(c, false), &msg, &holes), Outcome::Verified) << good << ": " << msg;
  EXPECT_EQ(holes, 0u) << good;
  EXPECT_NE(check_cvc5(problem_of(c, true), proof_of(c, true), &msg, &holes), Outcome::Verified) << bad << ": " << msg;
}

// The same for `(= (op l0 … l7) (op r7 … r0))`, leaf(i, turned, changed) giving l_i or r_i;
// the bad equation has r_5 changed (`changed`), which each caller shows is false.
void expect_reversed_rewrite_checked(const char* op, std::function<std::string(int, bool, bool)> leaf) {
  auto side = [&](bool turned, int changed) {
    std::string s = std::string("(") + op;
    for (int k = 0; k < 8; ++k) {
      int i = turned ? 7 - k : k;
      s += " " + leaf(i, turned, turned && i == changed);
    }
    return s + ")";
  };
  expect_rewrite_checked("(= " + side(false, -1) + " " + side(true, -1) + ")",
                         "(= " + side(false, -1) + " " + side(true, 5) + ")");
}

// A rewrite of a disjunction whose eight disjuncts mention the same variables, printed in
// the reverse order with each disjunct's equation turned round (conjunctions.cpp: the
// alignment tries the b's that share the most literals with a leaf first; in index order
// a leaf's image came after the six tries allowed, as in pursuit-safety-12's assertions).
// Accept: the two disjunctions are equal. Reject: one disjunct's constant changed (3 for
// 5): x = 5, y = ite p x z is a model of the left side only, so the equation is false.
TEST(Cvc5Rules, RewrittenDisjunctionAlignsItsDisjunctsByLikeness) {
  expect_reversed_rewrite_checked("or", [](int i, bool turned, bool changed) {
    std::string v = std::to_string(changed ? 3 : i);
    return turned ? "(and (= x " + v + ") (= (ite p x z) y))" : "(and (= y (ite p x z)) (= x " + v + "))";
  });
}

}  // namespace

namespace {

// The same for a conjunction of conditionals (xs-11-20-5-2-5-3's assertion): a leaf that is
// no nest is compared by the atoms below its connectives and COND. Reject: one branch's
// read changed (f 11 for f 13 in conjunct 5): f 5 = y, f 13 = z, f 11 ≠ z, f i ≠ y for
// the other i and f (i + 16) = x for all satisfies the left side and falsifies the right
// side's conjunct 5, so the equation is false.
TEST(Cvc5Rules, RewrittenConjunctionOfConditionalsAlignsByAtoms) {
  expect_reversed_rewrite_checked("and", [](int i, bool turned, bool changed) {
    std::string n = std::to_string(i), m = std::to_string(i + 16), v = std::to_string(changed ? i + 6 : i + 8);
    return turned ? "(ite (= y (f " + n + ")) (= z (f " + v + ")) (= x (f " + m + ")))"
                  : "(ite (= (f " + n + ") y) (= (f " + v + ") z) (= (f " + m + ") x))";
  });
}

}  // namespace

namespace {

// A rewrite inside integer division (sint divdiv4): `div x (* 3 5)` and `div x 15` are two
// atoms to the arithmetic, so they are paired as applications of div and their arguments
// proved equal (translators/provers/congruence.cpp). Reject: 14 for 15 — at x = 14 the left
// side is false (div (div 14 3) 5 = 0 = div 14 15) and the right side true (div 14 14 = 1),
// so the equation is false.
TEST(Cvc5Rules, RewriteInsideIntegerDivision) {
  expect_rewrite_checked("(= (not (= (div (div x 3) 5) (div x (* 3 5)))) (not (= (div (div x 3) 5) (div x 15))))",
                         "(= (not (= (div (div x 3) 5) (div x (* 3 5)))) (not (= (div (div x 3) 5) (div x 14))))");
}

// Division by a negated numeral: `div y (- c) = - div y c` follows from INT_DIV_MOD at
// y := - c and at y := c (translators/provers/arith.cpp), the divisor `(* 3 (- 5))` read as
// `(- 15)`. Reject: the rewrite that drops the sign, `div y (- 5) = div y 5`, is false at
// y = 5 (div 5 (- 5) = -1, div 5 5 = 1), so its negation is no contradiction.
TEST(Cvc5Rules, RewriteOfDivisionByNegatedNumeral) {
  expect_rewrite_checked("(= (not (= (div x (- 5)) (- (div x 5)))) false)", "(= (not (= (div x (- 5)) (div x 5))) false)");
  expect_rewrite_checked("(= (not (= (div y (* 3 (- 5))) (- (div y 15)))) false)",
                         "(= (not (= (div y (* 3 (- 5))) (div y 15))) false)");
}

// sint divdiv6's step: both sides' divisions by negated numerals turned into divisions by
// their magnitudes (two cuts in one case: the arithmetic numbers an equation's atoms left
// side first in its keys as in its facts). Reject: 14 for 15 — at x = 14 the left side is
// false (div 4 (- 5) = 0 = div 14 (- 15)) and the right side true (div 4 5 = 0, div 14 14 = 1).
TEST(Cvc5Rules, RewriteOfNestedDivisionByNegatedNumerals) {
  expect_rewrite_checked("(= (not (= (div (div x 3) (- 5)) (div x (* 3 (- 5))))) (not (= (div (div x 3) 5) (div x 15))))",
                         "(= (not (= (div (div x 3) (- 5)) (div x (* 3 (- 5))))) (not (= (div (div x 3) 5) (div x 14))))");
}

}  // namespace

namespace {

// A rewrite of a conjunction whose one large conjunct (about 1,700 subterms, nests five
// levels deep: cvc5's lpsat-goal-1) has every nest reordered and every integer atom
// tightened the other way round (`~(k < f j - x)`, f j - x <= k, printed as
// `-(k + 1) < x - f j`; `x = i` as `i = x`). Such a conjunct is too large for a free
// search, so it is paired by key (Congruence::signature, integer atoms up to tightening) at
// every level, one try per leaf, below the depth of a free search too (conjunctions.cpp);
// before, the step was a hole. Reject: in disjunct 2 the atom for j = 5 printed with k for
// k + 1 (`-7 < x - f 5`, f 5 - x <= 6): x = 2, f j = x + 2 + j, q false and p r s t true is
// a model of the left side (disjunct 2 holds, x = 2 excludes the others) and not of the right.
TEST(Cvc5Rules, LargeConjunctAlignedByKeyAtEveryLevel) {
  for (bool folded : {false, true}) {
  // folded: the left side's disjunction also holds a repeat of disjunct 0 and a disjunct
  // false by a ground atom (`y = 1 /\ ~(0 <= 0)`), which cvc5's rewriter drops; keys are
  // taken up to repeats and constants (clocksynchro_5clocks).
  auto side = [folded](bool rewritten, bool changed) {
    std::string d;
    for (int i = 0; i < 5; ++i) {
      int ii = rewritten ? 4 - i : i;
      std::string c = rewritten ? "(and" : "(and (= x " + std::to_string(ii) + ")";
      for (int j = 0; j < 40; ++j) {
        int jj = rewritten ? 39 - j : j, k = ii + jj;
        std::string f = "(f " + std::to_string(jj) + ")";
        if (!rewritten) c += " (not (< " + std::to_string(k) + " (- " + f + " x)))";
        else c += " (< (- " + std::to_string(changed && ii == 2 && jj == 5 ? k : k + 1) + ") (- x " + f + "))";
      }
      c += rewritten ? " (= " + std::to_string(ii) + " x))" : ")";
      d += " " + c;
    }
    if (folded && !rewritten) d += " (and (= y 1) (not (<= 0 0))) " + d.substr(1, d.find(" (and", 1) - 1);
    std::string big = "(or" + d + ")";
    std::string deep = rewritten ? "(or (and " + big + " r) q)" : "(or q (and r " + big + "))";
    return rewritten ? "(and " + deep + " t s p)" : "(and p s t " + deep + ")";
  };
  expect_rewrite_checked("(= " + side(false, false) + " " + side(true, false) + ")",
                         "(= " + side(false, false) + " " + side(true, true) + ")");
  }
}

}  // namespace
