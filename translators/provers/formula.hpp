// Small views of formulas shared by the provers and the translators: connectives recognised
// by name, the operands of a nest of one connective, and a compact prefix rendering.
#pragma once
#include <string>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "translators/vocabulary.hpp"
#include "kernel/kernel.hpp"

namespace hcert::provers {

// ~t, and whether t is one.
inline Term neg(const Term& t) {
  static const Term n = Term::constant(vocab(), "~", Type::fun(Type::boolean(), Type::boolean()));
  return Term::comb(n, t);
}
// a ==> b.
inline Term imp(const Term& a, const Term& b) {
  static const Term c = Term::constant(vocab(), "==>", Type::fun(Type::boolean(), Type::fun(Type::boolean(), Type::boolean())));
  return Term::comb(Term::comb(c, a), b);
}
// (Each rator() is a reference-counted copy: the views below take each one once, as these
// tests run inside every prover's inner loops — is_cond was a quarter of a case split's time.)
inline bool is_neg(const Term& t) {
  if (t.kind() != TermKind::Comb) return false;
  Term f = t.rator();
  return f.kind() == TermKind::Const && f.name() == "~";
}
// A binary connective application `op a b` (by the constant's name)? Then a and b.
inline bool is_op(const Term& t, const char* op, Term* a = nullptr, Term* b = nullptr) {
  if (t.kind() != TermKind::Comb) return false;
  Term fa = t.rator();
  if (fa.kind() != TermKind::Comb) return false;
  Term c = fa.rator();
  if (c.kind() != TermKind::Const || c.name() != op) return false;
  if (a) *a = fa.rand();
  if (b) *b = t.rand();
  return true;
}
// COND c p q (SMT-LIB's ite, any type)? Then c, p, q.
inline bool is_cond(const Term& t, Term* c = nullptr, Term* p = nullptr, Term* q = nullptr) {
  if (t.kind() != TermKind::Comb) return false;
  Term fcp = t.rator();
  if (fcp.kind() != TermKind::Comb) return false;
  Term fc = fcp.rator();
  if (fc.kind() != TermKind::Comb) return false;
  Term f = fc.rator();
  if (f.kind() != TermKind::Const || f.name() != "COND") return false;
  if (c) *c = fc.rand();
  if (p) *p = fcp.rand();
  if (q) *q = t.rand();
  return true;
}

// Whether a term has a COND application inside (itself included), memoised over the DAG so
// that a shared subterm is looked at once (a hostile term with sharing stays linear);
// subterms deeper than `max_depth` count as COND-free (recursion is bounded by it).
class CondFinder {
 public:
  explicit CondFinder(int max_depth) : max_depth_(max_depth) {}
  bool operator()(const Term& t, int depth = 0) {
    if (t.kind() != TermKind::Comb || depth > max_depth_) return false;
    if (auto it = memo_.find(t); it != memo_.end()) return it->second;
    bool r = is_cond(t) || (*this)(t.rator(), depth + 1) || (*this)(t.rand(), depth + 1);
    memo_.emplace(t, r);
    return r;
  }
  void clear() { memo_.clear(); }

 private:
  int max_depth_;
  std::unordered_map<Term, bool, TermHash> memo_;
};
inline bool mentions_cond(const Term& t, int max_depth = 1000) { return CondFinder(max_depth)(t); }

// The operands of a nest of the binary connective `op` (/\ or \/), left to right, however
// nested (explicit stack: nests can be thousands deep), appended to out; false past
// `limit` nodes visited (a shared nest's tree can be exponential in its DAG).
inline bool flatten_within(const Term& t, const char* op, std::vector<Term>& out, size_t limit) {
  std::vector<Term> todo{t};
  for (size_t seen = 0; !todo.empty();) {
    Term u = todo.back();
    todo.pop_back();
    if (++seen > limit) return false;
    if (is_op(u, op)) todo.push_back(u.rand()), todo.push_back(u.rator().rand());
    else out.push_back(u);
  }
  return true;
}
// Whether t's nest of op has at least n operands, visiting at most 2n - 1 nodes (a nest of
// k operands has 2k - 1): cheap on a shared nest whose tree is exponential in its DAG.
inline bool nest_has_at_least(const Term& t, const char* op, size_t n) {
  std::vector<Term> out;
  return !flatten_within(t, op, out, 2 * n - 1) || out.size() >= n;
}
// Unbounded: only for nests this program built (right-nested, linear in their DAG); a nest
// read from input goes through flatten_within with a bound.
inline std::vector<Term> flatten(const Term& t, const char* op) {
  std::vector<Term> out;
  flatten_within(t, op, out, SIZE_MAX);
  return out;
}

// Visits each distinct subterm of t reached through applications (not under binders), at
// most `limit` of them; returns how many it visited.
template <class Visit>
size_t each_subterm(const Term& t, size_t limit, Visit visit) {
  std::unordered_set<Term, TermHash> seen;
  std::vector<Term> todo{t};
  while (!todo.empty() && seen.size() < limit) {
    Term u = todo.back();
    todo.pop_back();
    if (!seen.insert(u).second) continue;
    visit(u);
    if (u.kind() == TermKind::Comb) todo.push_back(u.rator()), todo.push_back(u.rand());
  }
  return seen.size();
}

// Whether t has more than n distinct subterms (it stops looking at n + 1).
inline bool larger_than(const Term& t, size_t n) {
  return each_subterm(t, n + 1, [](const Term&) {}) > n;
}

// SMT-LIB-like prefix form, constants by name, at most 40 levels deep and about `limit`
// characters (a shared subterm is spelt out at each use: Z3's nested ites would take
// gigabytes in full).
inline void render_to(const Term& t, std::string& out, size_t limit, int depth = 0) {
  if (out.size() > limit) return;
  if (depth > 40) { out += "..."; return; }
  if (t.kind() == TermKind::Const || t.kind() == TermKind::Var) { out += t.name(); return; }
  if (t.kind() != TermKind::Comb) { out += "(lambda)"; return; }
  std::vector<Term> args;
  Term f = t;
  while (f.kind() == TermKind::Comb) args.push_back(f.rand()), f = f.rator();
  out += "(";
  render_to(f, out, limit, depth + 1);
  for (size_t k = args.size(); k-- > 0 && out.size() <= limit;) out += " ", render_to(args[k], out, limit, depth + 1);
  if (out.size() <= limit) out += ")";
}
inline std::string render(const Term& t, size_t limit = 20000) {
  std::string out;
  render_to(t, out, limit);
  return out.size() > limit ? out + " ..." : out;
}

}  // namespace hcert::provers
