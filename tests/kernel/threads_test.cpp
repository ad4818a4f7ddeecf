// The term store and the kernel used by several threads at once (spec/kernel.md §11): each
// thread builds, shares and drops the same terms (one hash-consed node each, so counts go
// 0 -> 1 -> 0 while another thread looks the node up), and checks clauses by RUP in an
// environment of its own over the same boolean variables (whose RUP slots are given on
// first use by whichever thread comes first). Self-contained (the kernel only, the core
// definitions built here), so that `make test` also runs it under ThreadSanitizer in
// build-tsan/kernel_threads without a sanitized build of the whole library: a data race
// there fails the suite.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "kernel/kernel.hpp"

using namespace hcert;

namespace {

Type B() { return Type::boolean(); }
Type fn(Type a, Type b) { return Type::fun(a, b); }
Term ap(Term f, Term x) { return Term::comb(f, x); }
Term ap2(Term f, Term x, Term y) { return ap(ap(f, x), y); }

// An environment with HOL Light's T, /\, ==>, !, \/, F, ~ defined and the clause fast paths on.
struct CoreEnv {
  Env env;
  Term neg, fl;
  CoreEnv() {
    Type b = B(), bb = fn(b, b), bbb = fn(b, bb);
    Term p = Term::var("p", b), q = Term::var("q", b), r = Term::var("r", b), f = Term::var("f", bbb);
    Term id = Term::abs(p, p);
    auto def = [&](const char* name, Type ty, Term rhs) { return Kernel::new_basic_definition(env, Term::eq(Term::var(name, ty), rhs)); };
    Thm t_def = def("T", b, Term::eq(id, id));
    Term t = Term::constant(env, "T", b);
    Thm and_def = def("/\\", bbb, Term::abs(p, Term::abs(q, Term::eq(Term::abs(f, ap2(f, p, q)), Term::abs(f, ap2(f, t, t))))));
    Term conj = Term::constant(env, "/\\", bbb);
    Thm imp_def = def("==>", bbb, Term::abs(p, Term::abs(q, Term::eq(ap2(conj, p, q), p))));
    Term imp = Term::constant(env, "==>", bbb);
    Type a = Type::var("A"), ab = fn(a, b);
    Term pp = Term::var("P", ab), x = Term::var("x", a);
    Thm all_def = def("!", fn(ab, b), Term::abs(pp, Term::eq(pp, Term::abs(x, t))));
    auto forall = [&](Term v, Term body) { return ap(Term::constant(env, "!", fn(fn(v.type(), b), b)), Term::abs(v, body)); };
    Thm or_def = def("\\/", bbb, Term::abs(p, Term::abs(q, forall(r, ap2(imp, ap2(imp, p, r), ap2(imp, ap2(imp, q, r), r))))));
    def("F", b, forall(p, p));
    fl = Term::constant(env, "F", b);
    Thm not_def = def("~", bb, Term::abs(p, ap2(imp, p, fl)));
    neg = Term::constant(env, "~", bb);
    Kernel::enable_sat(env, t_def, and_def, imp_def, not_def, or_def, all_def);
  }
  Term lit(int v) const {
    Term x = Term::var("tv" + std::to_string(v < 0 ? -v : v), B());
    return v < 0 ? ap(neg, x) : x;
  }
  Term comp(int v) const { return lit(-v); }
  // The clause theorem {F, comp(l) | l in c} ⊢ F (F is background to RUP): from ASSUME F,
  // each hypothesis h added by EQ_MP (DEDUCT_ANTISYM (ASSUME h) th) (ASSUME h).
  Thm clause(const std::vector<int>& c) const {
    Thm th = Kernel::assume(env, fl);
    for (int l : c) {
      Thm h = Kernel::assume(env, comp(l));
      th = Kernel::eq_mp(Kernel::deduct_antisym(h, th), h);
    }
    return th;
  }
};

// A term of 2^depth leaves over the variables tv1..tv8, the same from every thread.
Term tree(int depth, int seed) {
  Type b = B();
  Term conj = Term::var("g", fn(b, fn(b, b)));
  std::vector<Term> level;
  for (int i = 0; i < (1 << depth); ++i) level.push_back(Term::var("tv" + std::to_string(1 + (i * 7 + seed) % 8), b));
  while (level.size() > 1) {
    std::vector<Term> up;
    for (size_t i = 0; i + 1 < level.size(); i += 2) up.push_back(ap2(conj, level[i], level[i + 1]));
    level.swap(up);
  }
  return level[0];
}

}  // namespace

// Threads that build and drop the same terms get the same nodes as a thread that builds
// them alone: hash-consing stays one node per term while counts rise and fall concurrently.
TEST(KernelThreads, SharedTermsStayOneNodeEach) {
  constexpr int kThreads = 4, kRounds = 200;
  std::vector<std::vector<Term>> kept(kThreads);
  std::vector<std::thread> ts;
  for (int i = 0; i < kThreads; ++i)
    ts.emplace_back([i, &kept] {
      for (int r = 0; r < kRounds; ++r) {
        Term t = tree(6, r % 5);      // built and dropped: nodes freed and made again
        Term e = Term::eq(t, t);      // the shared `=` constant at one type
        if (r % 50 == i) kept[i].push_back(e);
        Term v = Term::var("tv1", B());
        Term abs = Term::abs(v, t);   // abstraction reads `parents` while others change it
        Term back = abs.open(v);
        if (back != t) kept[i].push_back(Term());  // a null: the test below fails
      }
    });
  for (auto& t : ts) t.join();
  for (int i = 0; i < kThreads; ++i)
    for (const Term& e : kept[i]) {
      ASSERT_FALSE(e.is_null()) << "abstracting and opening again gave another term";
      Term t = e.lhs();
      bool found = false;
      for (int s = 0; s < 5; ++s) found = found || t == tree(6, s);
      EXPECT_TRUE(found) << "a term built in thread " << i << " is not the node built here";
    }
}

// RUP in one environment per thread, over the same variables: every thread derives its
// lemma, with exactly the hypotheses expected, whichever thread numbered the variables.
TEST(KernelThreads, RupInEnvironmentsOfTheirOwn) {
  constexpr int kThreads = 4;
  std::vector<int> ok(kThreads, 0);
  std::vector<std::thread> ts;
  for (int i = 0; i < kThreads; ++i)
    ts.emplace_back([i, &ok] {
      CoreEnv c;
      for (int r = 0; r < 100; ++r) {
        int x = 1 + (r + i) % 6, y = 1 + (r + 2 * i + 1) % 6;
        if (x == y) y = x % 6 + 1;
        // (x ∨ y), (¬x ∨ y) ⊢ y, the hints as clause theorems.
        Thm a = c.clause({x, y}), b = c.clause({-x, y});
        Thm th = Kernel::rup({c.comp(y)}, {&a, &b});
        bool has_comp_y = false;
        for (const Term& h : th.hyps()) has_comp_y = has_comp_y || h == c.comp(y);
        if (th.concl() == c.fl && has_comp_y) ++ok[i];
      }
    });
  for (auto& t : ts) t.join();
  for (int i = 0; i < kThreads; ++i) EXPECT_EQ(ok[i], 100) << "thread " << i;
}
