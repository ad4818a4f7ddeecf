// Clause theorems: CLAUSE_INTRO gives exactly Φ-style hypotheses, and the kernel's RESOLVE
// fast path agrees with its derivation from the primitive rules (rules/sat.cpp) on random
// clauses: same conclusion, same hypotheses (DEVELOPERS.md: every fast path cross-checked).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <map>
#include <optional>

#include "tests/env.hpp"
#include "checker/checker.hpp"
#include "trusted/problem.hpp"
#include "rules/equality.hpp"
#include "rules/sat.hpp"

using namespace hcert;

namespace {

const rules::BoolDefs& defs() {
  check::load_pinned_theory(hcert::tenv(), check::default_theory_dir(), "core");
  static rules::BoolDefs d = rules::BoolDefs::from_core(hcert::tenv());
  static bool enabled = (Kernel::enable_sat(hcert::tenv(), d.t_def, d.and_def, d.imp_def, d.not_def, d.or_def, d.forall_def), true);
  (void)enabled;
  return d;
}

// The clause theorem {C} ∪ comps(C) ⊢ F of a clause assumed as a hypothesis.
Thm clause_thm(const std::vector<int32_t>& lits) {
  const rules::BoolDefs& d = defs();  // loads core before the clause term names its constants
  return rules::clause_intro(d, Kernel::assume(hcert::tenv(), check::dimacs_clause(hcert::tenv(), lits)));
}

std::vector<Term> sorted_hyps(const Thm& th) {
  std::vector<Term> h = th.hyps();
  std::sort(h.begin(), h.end(), [](const Term& a, const Term& b) { return a.serial() < b.serial(); });
  return h;
}

TEST(ClauseIntro, HypothesesAreTheComplements) {
  defs();
  Thm th = clause_thm({1, -2, 3});
  Term c = check::dimacs_clause(hcert::tenv(), {1, -2, 3});
  std::vector<Term> want{c, rules::complement(hcert::tenv(), check::dimacs_literal(hcert::tenv(), 1)), check::dimacs_literal(hcert::tenv(), 2),
                         rules::complement(hcert::tenv(), check::dimacs_literal(hcert::tenv(), 3))};
  EXPECT_EQ(th.concl(), Term::constant(hcert::tenv(), "F", Type::boolean()));
  EXPECT_EQ(th.hyps().size(), want.size());
  for (const Term& w : want) EXPECT_NE(std::find(th.hyps().begin(), th.hyps().end(), w), th.hyps().end());
  EXPECT_TRUE(th.axioms().empty());
}

TEST(ClauseIntro, DuplicatesTautologiesAndEmpty) {
  EXPECT_EQ(clause_thm({1, 1}).hyps().size(), 2u);   // the clause and ~x1
  EXPECT_EQ(clause_thm({1, -1}).hyps().size(), 3u);  // the clause, ~x1, x1
  EXPECT_EQ(clause_thm({}).hyps().size(), 1u);       // F ⊢ F
  EXPECT_THROW(rules::clause_intro(defs(), Kernel::assume(hcert::tenv(), Term::var("p", Type::fun(Type::boolean(), Type::boolean())))), KernelError);
}

TEST(Resolve, FastPathRejects) {
  defs();
  Thm a = clause_thm({1, 2}), b = clause_thm({-1, 3});
  Term x1 = check::dimacs_literal(hcert::tenv(), 1), x2 = check::dimacs_literal(hcert::tenv(), 2);
  EXPECT_NO_THROW(Kernel::resolve(b, a, x1));        // b has hypothesis x1, a has ~x1
  EXPECT_THROW(Kernel::resolve(a, b, x1), KernelError);  // wrong sides
  EXPECT_THROW(Kernel::resolve(b, a, x2), KernelError);  // x2 is no hypothesis of b
  EXPECT_THROW(Kernel::resolve(b, Kernel::assume(hcert::tenv(), x1), x1), KernelError);  // not ⊢ F
  EXPECT_THROW(Kernel::resolve(b, a, rules::complement(hcert::tenv(), x1)), KernelError);  // pivot not a variable
  EXPECT_THROW(rules::resolve(defs(), a, b, x1), KernelError);
}

TEST(Resolve, EnableChecksTheDefinitions) {
  const rules::BoolDefs& d = defs();
  EXPECT_THROW(Kernel::enable_sat(hcert::tenv(), d.and_def, d.t_def, d.imp_def, d.not_def, d.or_def, d.forall_def), KernelError);
  EXPECT_THROW(Kernel::enable_sat(hcert::tenv(), d.t_def, d.and_def, d.imp_def, Kernel::assume(hcert::tenv(), d.not_def.concl()), d.or_def, d.forall_def),
               KernelError);
  EXPECT_THROW(Kernel::enable_sat(hcert::tenv(), d.t_def, d.and_def, d.imp_def, d.not_def, d.forall_def, d.or_def), KernelError);
}

// Random clauses over 6 variables: whenever a pivot fits, the fast path and the derivation
// give the same theorem.
RC_GTEST_PROP(Resolve, FastPathEqualsDerivation, ()) {
  auto lit = rc::gen::suchThat(rc::gen::inRange(-6, 7), [](int x) { return x != 0; });
  auto c1 = *rc::gen::container<std::vector<int32_t>>(*rc::gen::inRange(1, 6), lit);
  auto c2 = *rc::gen::container<std::vector<int32_t>>(*rc::gen::inRange(1, 6), lit);
  int32_t v = *rc::gen::inRange(1, 7);
  c1.push_back(-v);  // c1 contains ¬x_v: its theorem has hypothesis x_v
  c2.push_back(v);   // c2 contains x_v: hypothesis ~x_v
  Thm p = clause_thm(c1), n = clause_thm(c2);
  Term x = check::dimacs_literal(hcert::tenv(), v);
  Thm fast = Kernel::resolve(p, n, x);
  Thm slow = rules::resolve(defs(), p, n, x);
  RC_ASSERT(fast.concl() == slow.concl());
  RC_ASSERT(sorted_hyps(fast) == sorted_hyps(slow));
  RC_ASSERT(fast.axioms() == slow.axioms());
}

// Random clauses, also with general (non-literal) disjuncts: the fast path's hypotheses and
// conclusion are the derivation's.
RC_GTEST_PROP(ClauseIntro, FastPathEqualsDerivation, ()) {
  auto lit = rc::gen::suchThat(rc::gen::inRange(-6, 7), [](int x) { return x != 0; });
  auto c = *rc::gen::container<std::vector<int32_t>>(*rc::gen::inRange(0, 7), lit);
  const rules::BoolDefs& d = defs();
  Thm th = Kernel::assume(hcert::tenv(), check::dimacs_clause(hcert::tenv(), c));
  Thm fast = Kernel::clause_intro(th);
  Thm slow = rules::clause_intro(d, th);
  RC_ASSERT(fast.concl() == slow.concl());
  RC_ASSERT(sorted_hyps(fast) == sorted_hyps(slow));
  // A clause whose first disjunct is the negation of the rest (comp(l1) is a subterm).
  if (c.size() >= 2) {
    Term rest = check::dimacs_clause(hcert::tenv(), std::vector<int32_t>(c.begin() + 1, c.end()));
    Term odd = Term::comb(Term::comb(Term::constant(hcert::tenv(), "\\/", Type::fun(Type::boolean(), Type::fun(Type::boolean(), Type::boolean()))),
                                     rules::complement(hcert::tenv(), rest)), rest);
    Thm t2 = Kernel::assume(hcert::tenv(), odd);
    RC_ASSERT(sorted_hyps(Kernel::clause_intro(t2)) == sorted_hyps(rules::clause_intro(d, t2)));
  }
}

// CONJ and CONJUNCT1/2 against rules/bool.cpp on random theorems with hypotheses.
RC_GTEST_PROP(Conj, FastPathsEqualDerivations, ()) {
  const rules::BoolDefs& d = defs();
  auto lit = rc::gen::suchThat(rc::gen::inRange(-6, 7), [](int x) { return x != 0; });
  Term p = check::dimacs_clause(hcert::tenv(), *rc::gen::container<std::vector<int32_t>>(*rc::gen::inRange(1, 4), lit));
  Term q = check::dimacs_clause(hcert::tenv(), *rc::gen::container<std::vector<int32_t>>(*rc::gen::inRange(1, 4), lit));
  Thm a = Kernel::assume(hcert::tenv(), p), b = Kernel::assume(hcert::tenv(), q);
  Thm fast = Kernel::conj(a, b), slow = rules::conj(d, a, b);
  RC_ASSERT(fast.concl() == slow.concl());
  RC_ASSERT(sorted_hyps(fast) == sorted_hyps(slow));
  for (bool second : {false, true}) {
    Thm f = Kernel::conjunct(fast, second), s = second ? rules::conjunct2(d, fast) : rules::conjunct1(d, fast);
    RC_ASSERT(f.concl() == s.concl());
    RC_ASSERT(sorted_hyps(f) == sorted_hyps(s));
  }
}

// RESOLVE_CHAIN equals RESOLVE applied link by link, on random chains.
RC_GTEST_PROP(Resolve, ChainEqualsIteratedResolve, ()) {
  defs();
  auto lit = rc::gen::suchThat(rc::gen::inRange(-6, 7), [](int x) { return x != 0; });
  auto c0 = *rc::gen::container<std::vector<int32_t>>(*rc::gen::inRange(1, 5), lit);
  Thm cur = clause_thm(c0), start = cur;
  std::vector<Thm> ds;
  std::vector<Kernel::ChainLink> links;
  ds.reserve(8);
  int n = *rc::gen::inRange(1, 6);
  for (int k = 0; k < n; ++k) {
    // Pick a literal l of the running clause (a hypothesis comp(l)) and a reason with ¬l.
    std::vector<Term> hs = cur.hyps();
    std::vector<int32_t> cands;
    for (int v = 1; v <= 6; ++v)
      for (int32_t l : {v, -v})
        if (std::find(hs.begin(), hs.end(), rules::complement(hcert::tenv(), check::dimacs_literal(hcert::tenv(), l))) != hs.end() ||
            (l < 0 && std::find(hs.begin(), hs.end(), check::dimacs_literal(hcert::tenv(), v)) != hs.end()))
          cands.push_back(l);
    if (cands.empty()) break;
    int32_t l = cands[*rc::gen::inRange<size_t>(0, cands.size())];
    auto rest = *rc::gen::container<std::vector<int32_t>>(*rc::gen::inRange(0, 3), lit);
    rest.push_back(-l);
    ds.push_back(clause_thm(rest));
    Term x = check::dimacs_literal(hcert::tenv(), std::abs(l));
    bool side = l > 0;  // clause has x: its theorem holds ~x, so the reason holds x
    Thm next = side ? Kernel::resolve(ds.back(), cur, x) : Kernel::resolve(cur, ds.back(), x);
    links.push_back({&ds.back(), x, side});
    cur = next;
  }
  Thm chain = Kernel::resolve_chain(start, links);
  RC_ASSERT(chain.concl() == cur.concl());
  RC_ASSERT(sorted_hyps(chain) == sorted_hyps(cur));
}

TEST(Resolve, ChainRejectsWrongSide) {
  defs();
  Thm a = clause_thm({1, 2}), b = clause_thm({-1, 3});
  Term x1 = check::dimacs_literal(hcert::tenv(), 1);
  EXPECT_NO_THROW(Kernel::resolve_chain(a, {{&b, x1, true}}));
  EXPECT_THROW(Kernel::resolve_chain(a, {{&b, x1, false}}), KernelError);
  EXPECT_THROW(Kernel::resolve_chain(a, {{nullptr, x1, true}}), KernelError);
}

// A pivot removed by an earlier link is gone from the running set; a premise without the
// pivot is refused; a later premise may bring a removed literal back.
TEST(Resolve, ChainTracksTheRunningSet) {
  defs();
  Thm a = clause_thm({1, 2}), b = clause_thm({-1, 3}), c = clause_thm({-1, 4}), d = clause_thm({-3, 1});
  Term x1 = check::dimacs_literal(hcert::tenv(), 1), x3 = check::dimacs_literal(hcert::tenv(), 3);
  EXPECT_THROW(Kernel::resolve_chain(a, {{&b, x1, true}, {&c, x1, true}}), KernelError);  // 1 already resolved
  EXPECT_THROW(Kernel::resolve_chain(a, {{&c, x3, true}}), KernelError);  // no 3 in either
  Thm back = Kernel::resolve_chain(a, {{&b, x1, true}, {&d, x3, true}});  // {2, 3} then {2, 1}
  EXPECT_EQ(sorted_hyps(back), sorted_hyps(Kernel::resolve(d, Kernel::resolve(b, a, x1), x3)));
  EXPECT_NE(std::find(back.hyps().begin(), back.hyps().end(), rules::complement(hcert::tenv(), x1)), back.hyps().end());
}

// A link may carry ~x ready-made; anything but exactly ~x is refused.
TEST(Resolve, ChainChecksTheGivenNegatedPivot) {
  defs();
  Thm a = clause_thm({1, 2}), b = clause_thm({-1, 3});
  Term x1 = check::dimacs_literal(hcert::tenv(), 1), x2 = check::dimacs_literal(hcert::tenv(), 2);
  Thm plain = Kernel::resolve_chain(a, {{&b, x1, true}});
  Thm given = Kernel::resolve_chain(a, {{&b, x1, true, rules::complement(hcert::tenv(), x1)}});
  EXPECT_EQ(sorted_hyps(given), sorted_hyps(plain));
  EXPECT_THROW(Kernel::resolve_chain(a, {{&b, x1, true, rules::complement(hcert::tenv(), x2)}}), KernelError);
  EXPECT_THROW(Kernel::resolve_chain(a, {{&b, x1, true, x1}}), KernelError);
  EXPECT_THROW(Kernel::resolve_chain(a, {{&b, x1, true, check::dimacs_clause(hcert::tenv(), {-1, 2})}}), KernelError);
}

TEST(Conj, ConjunctRejectsNonConjunction) {
  defs();
  EXPECT_THROW(Kernel::conjunct(Kernel::assume(hcert::tenv(), check::dimacs_clause(hcert::tenv(), {1, 2})), false), KernelError);
}

}  // namespace

// ---- RUP (spec/kernel.md §12) -------------------------------------------------------------

// The hypotheses S of a lemma's clause theorem: the complements of its literals.
std::vector<Term> comps(const std::vector<int32_t>& lemma) {
  std::vector<Term> s;
  for (int32_t l : lemma) s.push_back(rules::complement(hcert::tenv(), check::dimacs_literal(hcert::tenv(), l)));
  return s;
}

bool has_hyp(const Thm& th, const Term& h) {
  return std::find(th.hyps().begin(), th.hyps().end(), h) != th.hyps().end();
}

// (1 ∨ 2), (¬1 ∨ 2) give 2: the first hint makes 1 true, the second is the conflict. The
// result holds S and the background hypotheses (the assumed clause terms) of both hints.
TEST(Rup, AcceptsAndKeepsTheBackgroundOfUsedHints) {
  const rules::BoolDefs& d = defs();
  Thm a = clause_thm({1, 2}), b = clause_thm({-1, 2});
  Thm th = Kernel::rup(comps({2}), {&a, &b});
  EXPECT_EQ(th.concl(), Term::constant(hcert::tenv(), "F", Type::boolean()));
  std::vector<Term> want = comps({2});
  want.push_back(check::dimacs_clause(hcert::tenv(), {1, 2}));
  want.push_back(check::dimacs_clause(hcert::tenv(), {-1, 2}));
  std::sort(want.begin(), want.end(), [](const Term& x, const Term& y) { return x.serial() < y.serial(); });
  EXPECT_EQ(sorted_hyps(th), want);
  EXPECT_EQ(sorted_hyps(rules::rup(d, comps({2}), {&a, &b})), want);
}

// A lemma with more literals than the hints need keeps all of them (the clause as stated);
// a satisfied hint and hints after the conflict are not used, so their background is not
// in the result and a hint after the conflict is not even read.
TEST(Rup, WeakensToTheLemmaAndIgnoresUnusedHints) {
  defs();
  Thm a = clause_thm({1, 2}), b = clause_thm({-1, 2}), sat = clause_thm({1, -1}), junk = Kernel::assume(hcert::tenv(), check::dimacs_literal(hcert::tenv(), 3));
  Thm th = Kernel::rup(comps({2, 3}), {&a, &sat, &b, &junk});
  EXPECT_TRUE(has_hyp(th, rules::complement(hcert::tenv(), check::dimacs_literal(hcert::tenv(), 3))));
  EXPECT_TRUE(has_hyp(th, check::dimacs_clause(hcert::tenv(), {1, 2})));
  EXPECT_FALSE(has_hyp(th, check::dimacs_clause(hcert::tenv(), {1, -1})));
  EXPECT_EQ(th.hyps().size(), 4u);
}

TEST(Rup, Rejects) {
  defs();
  Thm a = clause_thm({1, 2}), b = clause_thm({-1, 2}), c = clause_thm({-1, -2});
  EXPECT_THROW(Kernel::rup({}, {&a, &b}), KernelError);                  // a is not unit
  EXPECT_THROW(Kernel::rup(comps({2}), {&a}), KernelError);               // no conflict
  EXPECT_THROW(Kernel::rup(comps({2}), {}), KernelError);                 // no hints
  EXPECT_THROW(Kernel::rup(comps({-2}), {&a, &b}), KernelError);          // flipped literal
  EXPECT_THROW(Kernel::rup(comps({2, -2}), {&a, &b}), KernelError);       // tautology
  EXPECT_THROW(Kernel::rup({check::dimacs_clause(hcert::tenv(), {2, 3})}, {&a, &b}), KernelError);  // not a literal
  EXPECT_THROW(Kernel::rup({Term()}, {&a, &b}), KernelError);
  Thm not_f = Kernel::assume(hcert::tenv(), check::dimacs_literal(hcert::tenv(), 1));
  EXPECT_THROW(Kernel::rup(comps({2}), {&not_f, &b}), KernelError);       // does not conclude F
  EXPECT_THROW(Kernel::rup(comps({2}), {nullptr, &b}), KernelError);
  // A refusal after propagation leaves no assignment behind: a sets 1, c is satisfied,
  // no conflict. Were 1 still true, b alone would be a conflict under 2 false.
  EXPECT_THROW(Kernel::rup(comps({2}), {&a, &c}), KernelError);
  EXPECT_THROW(Kernel::rup(comps({2}), {&b}), KernelError);
  EXPECT_EQ(Kernel::rup(comps({2}), {&a, &b}).hyps().size(), 3u);
}

// RUP reads ahead of the hint it is at (prefetches one and two hints on): a chain of
// fresh hints, whose readings are not made yet, still refutes as its derivation does, and
// a null hint one or two places on is never dereferenced before its turn.
TEST(Rup, HintsReadAheadChangeNothing) {
  const rules::BoolDefs& d = defs();
  const int z = 100;  // the lemma (z): under ¬z, 1 ∨ z, 1 ⇒ 2 ∨ z, …, ¬n ∨ z refute
  for (int n : {1, 2, 3, 40}) {
    std::vector<Thm> chain{clause_thm({1, z})};
    for (int x = 1; x < n; ++x) chain.push_back(clause_thm({-x, x + 1, z}));
    chain.push_back(clause_thm({-n, z}));
    std::vector<const Thm*> hints;
    for (const Thm& t : chain) hints.push_back(&t);
    Thm fast = Kernel::rup(comps({z}), hints);
    EXPECT_EQ(sorted_hyps(fast), sorted_hyps(rules::rup(d, comps({z}), hints))) << n;
    EXPECT_EQ(fast.hyps().size(), static_cast<size_t>(n + 2)) << n;  // ¬z and each clause
    hints.push_back(nullptr);  // after the conflict: never reached, as a junk hint
    hints.push_back(nullptr);
    EXPECT_EQ(sorted_hyps(Kernel::rup(comps({z}), hints)), sorted_hyps(fast)) << n;
    // Reject: a null hint before the conflict is no theorem (at each place it can be).
    for (size_t at = 0; at + 2 < hints.size(); ++at) {
      std::vector<const Thm*> holed = hints;
      holed[at] = nullptr;
      EXPECT_THROW(Kernel::rup(comps({z}), holed), KernelError) << n << " " << at;
    }
  }
}

// The fast path and its derivation (rules::rup) agree on random hint lists: both refuse,
// or both give the same theorem. A list is built as a real propagation (each reason: one
// new literal and literals already false; then a conflict of false literals, with now and
// then a satisfied clause in between), then mutated a third of the time (a literal
// flipped, a hint dropped, two hints swapped), which mostly makes it wrong.
RC_GTEST_PROP(Rup, FastPathEqualsDerivation, ()) {
  const rules::BoolDefs& d = defs();
  auto lit = rc::gen::suchThat(rc::gen::inRange(-6, 7), [](int x) { return x != 0; });
  auto lemma = *rc::gen::container<std::vector<int32_t>>(*rc::gen::inRange(0, 4), lit);
  std::map<int, int> val;  // variable -> +1 / -1
  for (int32_t l : lemma)
    if (!val.count(std::abs(l))) val[std::abs(l)] = l > 0 ? -1 : 1;
  auto false_lits = [&]() {
    std::vector<int32_t> f;
    for (auto [v, x] : val) f.push_back(x > 0 ? -v : v);
    return f;
  };
  auto some = [&](std::vector<int32_t> from, int most) {
    std::vector<int32_t> out;
    int n = *rc::gen::inRange(0, most + 1);
    for (int i = 0; i < n && !from.empty(); ++i) out.push_back(from[*rc::gen::inRange<size_t>(0, from.size())]);
    return out;
  };
  std::vector<std::vector<int32_t>> clauses;
  int steps = *rc::gen::inRange(lemma.empty() ? 1 : 0, 5);
  for (int k = 0; k < steps; ++k) {
    std::vector<int> free;
    for (int v = 1; v <= 6; ++v)
      if (!val.count(v)) free.push_back(v);
    if (free.empty()) break;
    int v = free[*rc::gen::inRange<size_t>(0, free.size())];
    int32_t u = *rc::gen::arbitrary<bool>() ? v : -v;
    std::vector<int32_t> c = some(false_lits(), 2);
    c.push_back(u);
    clauses.push_back(c);
    val[v] = u > 0 ? 1 : -1;
    if (*rc::gen::inRange(0, 4) == 0) {  // a satisfied clause: u and another literal
      std::vector<int32_t> sat = some(false_lits(), 1);
      sat.push_back(u);
      sat.push_back(*lit);
      clauses.push_back(sat);
    }
  }
  std::vector<int32_t> conflict = some(false_lits(), 3);
  if (conflict.empty()) conflict = false_lits();
  if (conflict.empty()) conflict.push_back(*lit);
  clauses.push_back(conflict);
  switch (*rc::gen::inRange(0, 6)) {
    case 0: {
      auto& c = clauses[*rc::gen::inRange<size_t>(0, clauses.size())];
      int32_t& l = c[*rc::gen::inRange<size_t>(0, c.size())];
      l = -l;
      break;
    }
    case 1: clauses.erase(clauses.begin() + *rc::gen::inRange<size_t>(0, clauses.size())); break;
    case 2: std::swap(clauses[*rc::gen::inRange<size_t>(0, clauses.size())], clauses[*rc::gen::inRange<size_t>(0, clauses.size())]); break;
    default: break;
  }
  std::vector<Thm> cs;
  cs.reserve(clauses.size());
  std::vector<const Thm*> hints;
  // The hints' backgrounds, as the kernel meets them: 0 each its own (the assumed clause
  // term), 1 one Φ for all (the kernel skips its walk back), 2 Φ for some and Φ plus a
  // further assumption G for others (as after RAT steps), 3 none (each clause an axiom,
  // so the hints carry axioms, different ones).
  int mode = clauses.empty() ? 0 : *rc::gen::element(0, 1, 2, 3);
  RC_TAG("background mode " + std::to_string(mode));
  if (mode == 1 || mode == 2) {
    Term phi = check::dimacs_clause(hcert::tenv(), clauses.back());
    for (size_t i = clauses.size() - 1; i-- > 0;) phi = Term::comb(Term::comb(Term::constant(hcert::tenv(), "/\\", Type::fun(Type::boolean(), Type::fun(Type::boolean(), Type::boolean()))), check::dimacs_clause(hcert::tenv(), clauses[i])), phi);
    Thm th = Kernel::assume(hcert::tenv(), phi);
    Term g = check::dimacs_clause(hcert::tenv(), {7, 8});
    for (size_t i = 0; i < clauses.size(); ++i) {
      bool last = i + 1 == clauses.size();
      cs.push_back(rules::clause_intro(d, last ? th : Kernel::conjunct(th, false)));
      if (mode == 2 && *rc::gen::arbitrary<bool>()) cs.back() = rules::prove_hyp(Kernel::assume(hcert::tenv(), g), cs.back());
      if (!last) th = Kernel::conjunct(th, true);
    }
  } else if (mode == 3) {
    static int axioms = 0;
    for (const auto& c : clauses)
      cs.push_back(rules::clause_intro(d, Kernel::new_axiom(hcert::tenv(), "rup_property_" + std::to_string(++axioms), check::dimacs_clause(hcert::tenv(), c))));
  } else {
    // A unit clause's term is a literal, which RUP would read as one: its theorem assumes
    // l \/ l instead, so that every hint has a background hypothesis, its own.
    for (const auto& c : clauses) cs.push_back(clause_thm(c.size() == 1 ? std::vector<int32_t>{c[0], c[0]} : c));
  }
  for (const Thm& c : cs) hints.push_back(&c);
  std::optional<Thm> fast, slow;
  try { fast = Kernel::rup(comps(lemma), hints); } catch (const KernelError&) {}
  try { slow = rules::rup(d, comps(lemma), hints); } catch (const KernelError&) {}
  RC_TAG(fast ? "accepted" : "refused");
  RC_ASSERT(fast.has_value() == slow.has_value());
  if (fast) {
    RC_ASSERT(fast->concl() == slow->concl());
    RC_ASSERT(sorted_hyps(*fast) == sorted_hyps(*slow));
    RC_ASSERT(fast->axioms() == slow->axioms());
  }
}
