// Every reader of untrusted input, fed mutated and random bytes: it either reads the input
// or throws its error type naming a place; it never crashes, loops or throws anything
// else (ANCHORS 13; DEVELOPERS.md: bad input gets a clear error, never a crash).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "tests/env.hpp"
#include "checker/checker.hpp"
#include "trusted/problem.hpp"
#include "formats/drat.hpp"
#include "formats/lrat.hpp"
#include "trusted/smtlib.hpp"
#include "formats/z3proof.hpp"
#include "tests/support.hpp"

using namespace hcert;

namespace {

std::string mutate(std::string s) {
  int n = *rc::gen::inRange(1, 6);
  for (int i = 0; i < n && !s.empty(); ++i) {
    size_t at = *rc::gen::inRange<size_t>(0, s.size());
    switch (*rc::gen::inRange(0, 3)) {
      case 0: s[at] = *rc::gen::arbitrary<char>(); break;
      case 1: s.erase(at, *rc::gen::inRange<size_t>(1, 8)); break;
      default: s.insert(at, 1, "0123456789 -\n()|\"d"[*rc::gen::inRange(0, 18)]);
    }
  }
  return s;
}

template <class F>
void survives(F f) {
  try {
    f();
  } catch (const cert::FormatError& e) {
    RC_ASSERT(std::string(e.what()).find("byte") != std::string::npos ||
              std::string(e.what()).find("line") != std::string::npos);
  } catch (const check::Failure&) {
  }
}

RC_GTEST_PROP(ReadersFuzz, Dimacs, ()) {
  std::string text = mutate("c x\np cnf 3 3\n1 -2 0\n2 3 0\n-1 -3 0\n");
  std::string path = test::temp_file("fuzz.cnf", text);
  survives([&] { read_dimacs(path); });
}

RC_GTEST_PROP(ReadersFuzz, DratTextAndBinary, ()) {
  bool binary = *rc::gen::arbitrary<bool>();
  std::string base = binary ? std::string("a\x02\x05\x00" "d\x02\x00" "a\x00", 10) : "1 -2 0\nd 1 -2 0\n0\n";
  std::string text = mutate(base);
  survives([&] {
    DratReader in(string_source(text));
    DratStep s;
    int guard = 0;
    while (in.next(s)) RC_ASSERT(++guard < 1000);
  });
}

RC_GTEST_PROP(ReadersFuzz, LratTextAndBinary, ()) {
  bool binary = *rc::gen::arbitrary<bool>();
  std::string base = binary ? std::string("a\x0a\x02\x00\x02\x04\x00", 7) : "5 1 0 1 2 0\n5 d 1 0\n6 0 5 3 4 0\n";
  std::string text = mutate(base);
  survives([&] {
    LratReader in(string_source(text));
    LratStep s;
    int guard = 0;
    while (in.next(s)) RC_ASSERT(++guard < 1000);
  });
}

RC_GTEST_PROP(ReadersFuzz, SmtlibElaboration, ()) {
  std::string text = mutate(
      "(set-logic QF_UF)(declare-sort U 0)(declare-fun f (U) U)(declare-const a U)(declare-const p Bool)"
      "(assert (let ((b (f a))) (and (= b a) (not (= (f b) a)) (ite p (distinct a b) (=> p p)))))(check-sat)");
  for (const char* t : {"core", "ints", "reals", "mixed", "arrays"}) check::load_pinned_theory(hcert::tenv(), check::default_theory_dir(), t);
  survives([&] { check::elaborate(hcert::tenv(), smt::parse_script(text)); });
}

RC_GTEST_PROP(ReadersFuzz, Z3Proof, ()) {
  std::string text = mutate(
      "unsat\n((set-logic QF_UF)\n(proof\n(let ((?x1 (f a)))\n (let (($x2 (= ?x1 a)))\n"
      " (let ((@x3 (asserted $x2)))\n (mp @x3 (rewrite (= $x2 false)) false)))))\n)\n");
  survives([&] {
    z3::ProofReader in(string_source(text));
    z3::Binding b;
    int guard = 0;
    while (in.next(b)) RC_ASSERT(++guard < 1000);
  });
}

RC_GTEST_PROP(ReadersFuzz, RandomBytesEverywhere, ()) {
  std::string bytes = *rc::gen::container<std::string>(rc::gen::arbitrary<char>());
  survives([&] { read_dimacs(test::temp_file("rand.cnf", bytes)); });
  survives([&] {
    DratReader in(string_source(bytes));
    DratStep s;
    while (in.next(s)) {}
  });
  survives([&] {
    LratReader in(string_source(bytes));
    LratStep s;
    while (in.next(s)) {}
  });
  survives([&] { smt::parse_script(bytes); });
  survives([&] {
    z3::ProofReader in(string_source(bytes));
    z3::Binding b;
    while (in.next(b)) {}
  });
}

}  // namespace
