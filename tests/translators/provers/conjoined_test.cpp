// Many assumptions carried as one conjunction (translators/provers/conjoined.hpp): every
// step runs on the kernel at once; each fact comes out under exactly {H}, and H is
// discharged into exactly {~H} ⊢ F only from the facts' own refutations.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/env.hpp"
#include "tests/translators/kernel_sink.hpp"
#include "translators/provers/conjoined.hpp"
#include "translators/provers/formula.hpp"

using namespace hcert;

namespace {

// n distinct facts x_k = x_k, and each one's N = {~(x_k = x_k)} ⊢ F on the kernel.
struct Facts {
  std::vector<Term> terms;
  std::vector<uint64_t> n;
  Facts(test::KernelSink& k, size_t count) {
    test::core_defs();  // ~, /\ and the derived rules' definitions
    for (size_t i = 0; i < count; ++i) {
      Term x = Term::var("x" + std::to_string(i), Type::boolean());
      terms.push_back(Term::eq(x, x));
      uint64_t nx = k.sink.step("assume", {k.sink.term(provers::neg(terms.back()))});
      n.push_back(k.sink.step("not_elim", {nx, k.sink.step("refl", {k.sink.term(x)})}));
    }
  }
};

Term falsity() { return Term::constant(hcert::tenv(), "F", Type::boolean()); }

}  // namespace

// One fact, two, an odd number (a node without partner carried up a level), a power of
// two and one more: each fact is itself under {H}, asked in any order and twice, and N(H)
// comes out with the one hypothesis ~H.
TEST(ProversConjoined, CarriesFactsAsOneHypothesis) {
  for (size_t count : {1u, 2u, 5u, 8u, 33u}) {
    test::KernelSink k;
    Facts facts(k, count);
    provers::Conjoined conj(facts.terms);
    for (size_t i = count; i-- > 0;) {
      ASSERT_TRUE(conj.has(facts.terms[i]));
      const Thm& th = k.thms.at(conj.get(k.sink, facts.terms[i]));
      EXPECT_EQ(th.concl(), facts.terms[i]) << count << " " << i;
      EXPECT_EQ(th.hyps(), std::vector<Term>{conj.conj()}) << count << " " << i;
    }
    EXPECT_EQ(k.thms.at(conj.get(k.sink, facts.terms[0])).concl(), facts.terms[0]);
    const Thm& n = k.thms.at(conj.refute(k.sink, [&](size_t i) { return facts.n.at(i); }));
    EXPECT_EQ(n.concl(), falsity()) << count;
    EXPECT_EQ(n.hyps(), std::vector<Term>{provers::neg(conj.conj())}) << count;
  }
}

// H cannot be discharged by a refutation of another fact: with fact 3's N given for
// fact 2, ~(x3 = x3) stays a hypothesis (nothing refutes ~(x2 = x2) within the steps), so the
// result is not N(H). A term that is not one of the facts is not among them.
TEST(ProversConjoined, RefusesWrongRefutation) {
  test::KernelSink k;
  Facts facts(k, 6);
  provers::Conjoined conj(facts.terms);
  const Thm& n = k.thms.at(conj.refute(k.sink, [&](size_t i) { return facts.n.at(i == 2 ? 3 : i); }));
  EXPECT_EQ(n.concl(), falsity());
  EXPECT_NE(n.hyps(), std::vector<Term>{provers::neg(conj.conj())});
  Term y = Term::var("y", Type::boolean());
  EXPECT_FALSE(conj.has(Term::eq(y, y)));
}
