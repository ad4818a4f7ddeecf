// Helpers shared by the kernel tests: short constructors, a fresh-name source (the
// signature is global and permanent, so every declared name gets a unique suffix), an
// opaque type, and term comparison with a readable failure message.
#pragma once
#include <gtest/gtest.h>

#include <string>

#include "tests/env.hpp"
#include "formats/hol_text.hpp"
#include "kernel/kernel.hpp"

namespace hcert::ktest {

inline std::string fresh(const std::string& base) {
  static int n = 0;
  return "kt_" + base + "_" + std::to_string(++n);
}

inline Type B() { return Type::boolean(); }
inline Type fn(Type a, Type b) { return Type::fun(a, b); }
inline Type tv(const char* n) { return Type::var(n); }
inline Term V(const std::string& n, Type t = Type::boolean()) { return Term::var(n, t); }
inline Term ap(Term f, Term x) { return Term::comb(f, x); }
inline Term ap2(Term f, Term x, Term y) { return Term::comb(Term::comb(f, x), y); }
inline Term lam(Term v, Term b) { return Term::abs(v, b); }
inline Term eq(Term l, Term r) { return Term::eq(l, r); }

// A type `num` of our own (an opaque declared type), created once.
inline Type num() {
  static Type t = [] {
    std::string n = fresh("num");
    Kernel::new_type(hcert::tenv(), n, 0);
    return Type::op(hcert::tenv(), n, {});
  }();
  return t;
}

// The closed proposition (λp. p) = (λp. p), true by REFL.
inline Term truth_prop() {
  Term id = lam(V("p"), V("p"));
  return eq(id, id);
}

inline ::testing::AssertionResult same(const Term& a, const Term& b) {
  if (a == b) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << text::print(a) << "\n    differs from\n" << text::print(b);
}

}  // namespace hcert::ktest
