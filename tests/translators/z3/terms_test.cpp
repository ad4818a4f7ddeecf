// The premise of the Z3 translation (spec/z3.md): the proof's formulas, elaborated by the
// problem's own elaboration with the proof's let names bound, are the very terms of the
// problem's assertions wherever Z3 says `asserted`.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/env.hpp"
#include "checker/checker.hpp"
#include "translators/z3/terms.hpp"

using namespace hcert;

namespace {

std::string data(const std::string& f) { return check::default_theory_dir() + "/../../tests/translators/data/" + f; }

TEST(Z3Terms, AssertedFormulasAreTheProblemsAssertions) {
  for (const char* t : {"core", "ints", "reals", "mixed", "arrays"}) check::load_pinned_theory(hcert::tenv(), check::default_theory_dir(), t);
  check::SmtContext ctx(hcert::tenv(), smt::read_script(data("cnf_abc.smt2")));
  const auto& as = ctx.problem().assertions;
  z3::TermReader terms(ctx);
  z3::ProofReader in(open_source(data("cnf_abc.z3proof")));
  z3::Binding b;
  size_t bound = 0, asserted = 0, matched = 0;
  while (in.next(b)) {
    if (b.name.empty() || b.name[0] == '@') {
      // Every rule's conclusion (its last argument) elaborates; asserted ones are assertions.
      terms.open(b.expr);
      for (uint32_t i = 0; i < b.expr.nodes.size(); ++i) {
        const auto& n = b.expr.nodes[i];
        if (z3::rule_of(b.expr, i) != "asserted") continue;
        ++asserted;
        Term f = terms.term(n.kids.back());
        matched += std::find(as.begin(), as.end(), f) != as.end();
      }
      continue;
    }
    terms.bind(b);
    ++bound;
  }
  EXPECT_GT(bound, 50u);
  EXPECT_GT(asserted, 20u);
  EXPECT_EQ(matched, asserted);
}

// An expression is converted once (open) and its steps' conclusions read from it; reading
// an extensionality witness replaces its node by a bound name, so a second read of the same
// node, or of a formula above it, passes over the replaced node: all reads must give the
// theory's `diff m n`, whichever read came first.
TEST(Z3Terms, WitnessesReadTwiceFromOneOpenExpressionAreOneTerm) {
  for (const char* t : {"core", "ints", "reals", "mixed", "arrays"}) check::load_pinned_theory(hcert::tenv(), check::default_theory_dir(), t);
  check::SmtContext ctx(hcert::tenv(), smt::parse_script("(set-logic QF_AX)(declare-sort I 0)(declare-fun m () (Array I I))"
                                                          "(declare-fun n () (Array I I))(declare-fun k () I)(assert (= m n))(check-sat)"));
  z3::TermReader terms(ctx);
  // 0: (= W k), 1: =, 2: W = ((_ array-ext 0) m n), 3: (_ array-ext 0), 4: _, 5: array-ext,
  // 6: 0, 7: m, 8: n, 9: k
  z3::Sexp e;
  e.nodes = {{true, "", {1, 2, 9}}, {false, "=", {}}, {true, "", {3, 7, 8}}, {true, "", {4, 5, 6}}, {false, "_", {}},
             {false, "array-ext", {}}, {false, "0", {}}, {false, "m", {}}, {false, "n", {}}, {false, "k", {}}};
  terms.open(e);
  Term w = terms.term(2);
  Term eq1 = terms.term(0), eq2 = terms.term(0);
  EXPECT_EQ(eq1, eq2);
  EXPECT_EQ(eq1.rator().rand(), w);
  EXPECT_EQ(terms.term(2), w);
  EXPECT_EQ(w.rator().rator().kind(), TermKind::Const);
  Term m = ctx.problem().assertions.at(0).rator().rand();  // (= m n)
  EXPECT_EQ(w.rator().rand(), m);
  terms.open(e);  // converted afresh: the same term
  EXPECT_EQ(terms.term(0), eq1);
}

TEST(Z3Terms, ScriptConversionClassifiesAtoms) {
  z3::Sexp e;
  e.nodes = {{true, "", {1, 2, 3, 4, 5}}, {false, "+", {}}, {false, "12", {}}, {false, "1.5", {}},
             {false, "#x1f", {}}, {false, "a b", {}}};
  smt::Script s = z3::to_script(e);
  EXPECT_EQ(s.nodes[2].kind, smt::Node::Numeral);
  EXPECT_EQ(s.nodes[3].kind, smt::Node::Decimal);
  EXPECT_EQ(s.nodes[4].kind, smt::Node::Hex);
  EXPECT_EQ(s.nodes[4].text, "1f");
  EXPECT_EQ(s.nodes[5].kind, smt::Node::Symbol);
}

// conditionals_untouched (the order of the rewrite's provers): true only when neither side
// has a boolean conditional and both have the same outermost conditionals.
TEST(Z3Terms, ConditionalsUntouchedComparesTheOutermostConditionals) {
  for (const char* t : {"core", "ints", "reals", "mixed", "arrays"}) check::load_pinned_theory(hcert::tenv(), check::default_theory_dir(), t);
  const char* decls = "(set-logic QF_LRA)(declare-fun b () Bool)(declare-fun c () Bool)(declare-fun d () Bool)"
                      "(declare-fun x () Real)(declare-fun y () Real)";
  auto eq = [&](const std::string& l, const std::string& r) {
    check::SmtContext ctx(hcert::tenv(), smt::parse_script(std::string(decls) + "(assert " + l + ")(assert " + r + ")(check-sat)"));
    return z3::conditionals_untouched(ctx.problem().assertions[0], ctx.problem().assertions[1]);
  };
  const std::string a = "(= x (ite c 2.0 (ite d y 1.0)))";
  EXPECT_TRUE(eq("(not (or b " + a + "))", "(and (not b) (not " + a + "))"));  // kept whole
  EXPECT_TRUE(eq("(or b c)", "(or c b)"));                                      // none at all
  EXPECT_FALSE(eq("(not (or b " + a + "))", "(and (not b) (not (= x (ite c 2.0 (ite d 1.0 y)))))"));  // inner one changed
  EXPECT_FALSE(eq("(or b " + a + ")", "(or b (= x (ite (not c) (ite d y 1.0) 2.0)))"));  // rewritten
  EXPECT_FALSE(eq("(or b (ite c d b))", "(or b (ite c d b))"));                  // a boolean one
  EXPECT_FALSE(eq("(or b " + a + ")", "b"));                                     // one dropped
}

}  // namespace
