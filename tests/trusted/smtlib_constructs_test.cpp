// The SMT-LIB constructs beyond Core and arithmetic (spec/problems.md): define-sort,
// push/pop, z3's negative literals, named terms, check-sat-assuming, the Array sort with
// select/store, and errors that name a theory this version does not elaborate. Each is
// elaborated to an exact HOL term (checked against one built by hand) and each has a
// rejected or incomplete form.
#include <gtest/gtest.h>

#include "tests/env.hpp"
#include "checker/checker.hpp"
#include "trusted/problem.hpp"

using namespace hcert;
using check::Outcome;

namespace {

std::vector<Term> elab(const std::string& text) {
  for (const char* t : {"core", "ints", "reals", "mixed", "arrays"})
    check::load_pinned_theory(hcert::tenv(), check::default_theory_dir(), t);
  return check::elaborate(hcert::tenv(), smt::parse_script(text)).assertions;
}

// The outcome and the message of a refused script.
std::pair<Outcome, std::string> refused(const std::string& text) {
  try {
    elab(text);
    return {Outcome::Verified, ""};
  } catch (const check::Failure& e) {
    return {e.outcome, e.what()};
  }
}

// Each script must be refused with this outcome.
void all_refused(Outcome o, std::initializer_list<const char*> scripts) {
  for (const char* sc : scripts) EXPECT_EQ(refused(sc).first, o) << sc;
}

Type B() { return Type::boolean(); }
Type I() { return Type::op(hcert::tenv(), "int", {}); }
Term c(const char* n, Type t) { return Term::constant(hcert::tenv(), n, t); }
Type arr(Type i, Type e) { return Type::op(hcert::tenv(), "array", {i, e}); }
Term select(Term a, Term i) {
  Type t = a.type();
  return Term::comb(Term::comb(c("array.select", Type::fun(t, Type::fun(t.args()[0], t.args()[1]))), a), i);
}
Term store(Term a, Term i, Term v) {
  Type t = a.type();
  Term s = c("array.store", Type::fun(t, Type::fun(t.args()[0], Type::fun(t.args()[1], t))));
  return Term::comb(Term::comb(Term::comb(s, a), i), v);
}
Term num(int k) {  // 0, 1, 2, 5 as int numerals (spec/theories.md)
  Term one = c("int.1", I()), b0 = c("int.bit0", Type::fun(I(), I())), b1 = c("int.bit1", Type::fun(I(), I()));
  if (k == 0) return c("int.0", I());
  if (k == 1) return one;
  if (k == 2) return Term::comb(b0, one);
  return Term::comb(b1, Term::comb(b0, one));  // 5 = 101b
}

TEST(SmtConstructs, ArraySortAndSelectStore) {
  auto as = elab("(set-logic QF_AX)(declare-sort U 0)(declare-fun a () (Array U U))(declare-const i U)(declare-const v U)"
                 "(assert (= (select (store a i v) i) v))(check-sat)");
  Type u = Type::var("U");
  Term a = Term::var("a", arr(u, u)), i = Term::var("i", u), v = Term::var("v", u);
  ASSERT_EQ(as.size(), 1u);
  EXPECT_EQ(as[0], Term::eq(select(store(a, i, v), i), v));
}

TEST(SmtConstructs, NestedArraySorts) {
  auto as = elab("(set-logic QF_AUFLIA)(declare-const m (Array Int (Array Int Bool)))(assert (select (select m 0) 1))(check-sat)");
  Term m = Term::var("m", arr(I(), arr(I(), B())));
  EXPECT_EQ(as[0], select(select(m, num(0)), num(1)));
}

// Each must be refused: the sort of the index or value disagrees, the first argument is no
// array, the arity is wrong, or Array is given one argument.
TEST(SmtConstructs, IllSortedArraysAreInputErrors) {
  const char* head = "(set-logic QF_AUFLIA)(declare-const a (Array Int Bool))(declare-const b Bool)";
  for (const char* bad : {"(assert (select a b))", "(assert (= (store a 0 0) a))", "(assert (select b 0))",
                          "(assert (select a 0 1))", "(declare-const c (Array Int))"})
    EXPECT_EQ(refused(std::string(head) + bad + "(check-sat)").first, Outcome::InputError) << bad;
}

// A user's own `select` (a logic without arrays) is that user function, not the theory's.
TEST(SmtConstructs, DeclaredSelectIsTheUsers) {
  auto as = elab("(set-logic QF_UF)(declare-fun select (Bool Bool) Bool)(assert (select true false))(check-sat)");
  Term f = Term::var("select", Type::fun(B(), Type::fun(B(), B())));
  EXPECT_EQ(as[0], Term::comb(Term::comb(f, c("T", B())), c("F", B())));
}

TEST(SmtConstructs, DefineSortIsAMacro) {
  auto as = elab("(set-logic QF_AUFLIA)(define-sort Idx () Int)(define-sort M (X) (Array Idx X))"
                 "(declare-const m (M Bool))(declare-const k Idx)(assert (select m k))(check-sat)");
  Term m = Term::var("m", arr(I(), B())), k = Term::var("k", I());
  EXPECT_EQ(as[0], select(m, k));
}

// Refused: a parameter used outside its definition, an arity mismatch, a redefinition.
TEST(SmtConstructs, DefineSortErrors) {
  all_refused(Outcome::InputError, {"(define-sort M (X) (Array Int X))(declare-const x X)(check-sat)",
                                     "(define-sort M (X) (Array Int X))(declare-const x (M Int Int))(check-sat)",
                                     "(define-sort M () Int)(define-sort M () Bool)(check-sat)",
                                     "(define-sort M (X) (Array Int Y))(check-sat)"});
}

TEST(SmtConstructs, NegativeLiterals) {
  auto as = elab("(set-logic QF_LIA)(declare-const x Int)(assert (= x -5))(check-sat)");
  EXPECT_EQ(as[0], Term::eq(Term::var("x", I()), Term::comb(c("int.neg", Type::fun(I(), I())), num(5))));
  auto rs = elab("(set-logic QF_LRA)(declare-const y Real)(assert (<= y -2.5))(check-sat)");
  Type r = Type::op(hcert::tenv(), "real", {});
  EXPECT_EQ(rs[0].rand().rator(), c("real.neg", Type::fun(r, r)));
  // Not numerals: `-` alone, `-x`, `-5.` and `--5` are symbols, unknown here.
  for (const char* s : {"-x", "-5.", "--5", "-5.2.1"})
    EXPECT_EQ(refused(std::string("(set-logic QF_LIA)(assert (= 0 ") + s + "))(check-sat)").first, Outcome::Incomplete) << s;
  // A declared symbol -5 is that symbol.
  auto ds = elab("(set-logic QF_UF)(declare-const -5 Bool)(assert -5)(check-sat)");
  EXPECT_EQ(ds[0], Term::var("-5", B()));
}

// SMT-LIB's Ints declare div left-associative (z3 and cvc5 read (div 20 4 2) as
// (div (div 20 4) 2)); mod takes exactly two arguments.
TEST(SmtConstructs, DivIsLeftAssociative) {
  auto as = elab("(set-logic QF_LIA)(declare-const x Int)(assert (= x (div 5 2 1)))(check-sat)");
  Term div = c("int.div", Type::fun(I(), Type::fun(I(), I())));
  auto d = [&](Term a, Term b) { return Term::comb(Term::comb(div, a), b); };
  EXPECT_EQ(as[0], Term::eq(Term::var("x", I()), d(d(num(5), num(2)), num(1))));
  // refused: mod is not associative, div needs two arguments
  all_refused(Outcome::InputError, {"(set-logic QF_LIA)(assert (= 0 (mod 5 2 1)))(check-sat)",
                                    "(set-logic QF_LIA)(assert (= 0 (div 5)))(check-sat)"});
}

// The final check-sat's assertion set: what is asserted at the levels still open.
TEST(SmtConstructs, PushPop) {
  auto as = elab("(declare-const p Bool)(declare-const q Bool)(assert p)(push 1)(assert q)(pop 1)"
                 "(push)(assert (not q))(check-sat)");
  ASSERT_EQ(as.size(), 2u);
  EXPECT_EQ(as[0], Term::var("p", B()));
  EXPECT_EQ(as[1], Term::comb(c("~", Type::fun(B(), B())), Term::var("q", B())));
  // Declarations go with their level: x may be declared again with another sort.
  auto ds = elab("(push 2)(declare-const x Bool)(assert x)(pop 2)(declare-const x Int)(assert (= x 0))(check-sat)");
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0], Term::eq(Term::var("x", I()), num(0)));
  auto rs = elab("(declare-const p Bool)(assert p)(push 1)(assert p)(reset-assertions)(assert (not p))(check-sat)");
  EXPECT_EQ(rs.size(), 1u);
}

// Several checks (incremental scripts): the problem is the last check's assertion set,
// which is what a proof printed at the end is of; the commands between checks are read.
TEST(SmtConstructs, TheLastCheckIsTheProblem) {
  EXPECT_EQ(elab("(declare-const p Bool)(declare-const q Bool)(assert p)(check-sat)(get-value (p))(push 1)(assert q)(check-sat)").size(), 2u);
  EXPECT_EQ(elab("(declare-const p Bool)(declare-const q Bool)(assert p)(push 1)(assert q)(check-sat)(pop 1)(check-sat)").size(), 1u);
  // An earlier check-sat-assuming's assumptions are not the last check's.
  EXPECT_EQ(elab("(declare-const p Bool)(check-sat-assuming (p))(get-unsat-core)(check-sat)").size(), 0u);
  // After the last check nothing is read, not even a malformed command.
  EXPECT_EQ(elab("(declare-const p Bool)(check-sat)(assert p)(check-sat)(assert (p p))").size(), 1u);
  // Refused: an ill-formed command between two checks is read.
  EXPECT_EQ(refused("(declare-const p Bool)(check-sat)(assert (p p))(check-sat)").first, Outcome::InputError);
}

// Refused: popping more than was pushed; using a symbol whose level was popped.
TEST(SmtConstructs, PushPopErrors) {
  all_refused(Outcome::InputError, {"(push 1)(pop 2)(check-sat)", "(push x)(check-sat)",
                                     "(set-logic QF_UF)(push 1)(declare-const p Bool)(pop 1)(assert p)(check-sat)"});
  // A hostile level count is a resource limit, not 10^9 levels in memory.
  EXPECT_EQ(refused("(push 999999999)(check-sat)").first, Outcome::Limit);
}

TEST(SmtConstructs, NamedTermsAndCheckSatAssuming) {
  auto as = elab("(declare-const p Bool)(declare-const q Bool)(assert (! (and p q) :named both))"
                 "(check-sat-assuming (both (not p)))");
  ASSERT_EQ(as.size(), 3u);
  EXPECT_EQ(as[1], as[0]);
  // Refused: a name used twice; an assumption that is not Bool.
  EXPECT_EQ(refused("(declare-const p Bool)(assert (! p :named n))(assert (! p :named n))(check-sat)").first, Outcome::InputError);
  EXPECT_EQ(refused("(declare-const x Int)(check-sat-assuming (x))").first, Outcome::InputError);
}

// Solvers refuse a named term with a variable of an enclosing quantifier or define-fun in
// it (z3 then drops the command and may answer sat, review 10 G2); a closed named term
// under a binder, or one under a let (a let is a substitution), names what it says.
TEST(SmtConstructs, NamedTermsAreClosed) {
  all_refused(Outcome::InputError,
              {"(declare-const p Bool)(define-fun f ((x Bool)) Bool (! x :named n))(assert (f p))(check-sat)",
               "(declare-const q Bool)(assert (or q (forall ((x Int)) (! (> x 0) :named n))))(check-sat)"});
  auto as = elab("(declare-const p Bool)(assert (let ((y p)) (! y :named n)))(assert (forall ((x Bool)) (! (not p) :named m)))"
                 "(assert (and n m))(check-sat)");
  ASSERT_EQ(as.size(), 3u);
  Term not_p = Term::comb(c("~", Type::fun(B(), B())), Term::var("p", B()));
  EXPECT_EQ(as[0], Term::var("p", B()));
  EXPECT_EQ(as[2], Term::comb(Term::comb(c("/\\", Type::fun(B(), Type::fun(B(), B()))), as[0]), not_p));
}

// A function symbol is a term only applied to its arguments: bare, as a let value or an
// argument of =, it is no SMT-LIB term (z3 refuses it; cvc5 reads (not p) with not
// let-bound to g as the built-in not, review 10 G1).
TEST(SmtConstructs, FunctionSymbolsNeedArguments) {
  all_refused(Outcome::InputError, {"(declare-fun g (Bool) Bool)(declare-const p Bool)(assert (let ((not g)) (not p)))(check-sat)",
                                     "(declare-fun g (Int) Int)(declare-fun h (Int) Int)(assert (not (= g h)))(check-sat)"});
  EXPECT_EQ(elab("(declare-fun g (Bool) Bool)(declare-const p Bool)(assert (g p))(check-sat)").size(), 1u);
}

// Outside the supported theories: incomplete (exit 2) with the theory named.
TEST(SmtConstructs, UnsupportedTheoriesAreNamed) {
  struct Case {
    const char* script;
    const char* theory;
  } cases[] = {
      {"(set-logic QF_BV)(declare-const x (_ BitVec 8))(check-sat)", "BitVec"},
      {"(set-logic QF_BV)(declare-const x Int)(assert (= #x0f #x0f))(check-sat)", "BitVec"},
      {"(set-logic QF_BV)(declare-const x Int)(assert (= ((_ extract 3 0) x) x))(check-sat)", "BitVec"},
      {"(set-logic QF_BV)(declare-const x Int)(assert (= (bvadd x x) x))(check-sat)", "BitVec"},
      {"(set-logic QF_S)(declare-const s String)(check-sat)", "Strings"},
      {"(set-logic QF_S)(assert (= \"a\" \"a\"))(check-sat)", "Strings"},
      {"(set-logic QF_S)(declare-const s (Seq Int))(check-sat)", "Seq"},
      {"(set-logic QF_FP)(declare-const f (_ FloatingPoint 8 24))(check-sat)", "FloatingPoint"},
      {"(set-logic QF_FP)(declare-const r RoundingMode)(check-sat)", "FloatingPoint"},
  };
  for (const Case& k : cases) {
    auto [o, why] = refused(k.script);
    EXPECT_EQ(o, Outcome::Incomplete) << k.script;
    EXPECT_NE(why.find(std::string("theory ") + k.theory), std::string::npos) << why;
  }
}

}  // namespace
