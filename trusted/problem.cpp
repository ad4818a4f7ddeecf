#include "trusted/problem.hpp"

#include <algorithm>

namespace hcert::check {

Term dimacs_literal(const Env& env, int32_t lit) {
  Term x = Term::var(std::to_string(lit < 0 ? -static_cast<int64_t>(lit) : lit), Type::boolean());
  if (lit > 0) return x;
  const Term neg = Term::constant(env, "~", Type::fun(Type::boolean(), Type::boolean()));
  return Term::comb(neg, x);
}

// Φ(lo, hi): the clauses lo … hi−1 in a halving tree (spec/problems.md). The recursion is
// as deep as log2 of the clause count (at most 31).
static Term conjunction(const Term& conj, const std::vector<Term>& c, size_t lo, size_t hi) {
  if (hi - lo == 1) return c[lo];
  size_t mid = lo + (hi - lo) / 2;
  return Term::comb(Term::comb(conj, conjunction(conj, c, lo, mid)), conjunction(conj, c, mid, hi));
}

Term halving_conjunction(const Env& env, const std::vector<Term>& leaves) {
  const Type b = Type::boolean();
  return conjunction(Term::constant(env, "/\\", Type::fun(b, Type::fun(b, b))), leaves, 0, leaves.size());
}

// Why tables of literal terms while elaborating: naming a variable (its decimal name,
// the name table, the term table) costs more than the rest of a clause, so each literal
// l and each (\/ l) is made once per problem (and F and \/ once, not per clause), whether
// the problem is elaborated whole or clause by clause on demand. `made` holds F and \/ at
// 0 and 1, l at 4|l| + 2·(l < 0) and (\/ l) right after it; it is sized on first use to
// variables up to a bound proportional to the problem's size (a header may name 2^31
// variables); larger ones are made each time. Not for two threads at once.
static Term tabled_clause(const Env& env, const Cnf& cnf, std::vector<Term>& made, const std::vector<int32_t>& c) {
  if (made.empty()) {
    size_t size = 0;
    for (const auto& d : cnf.clauses) size += d.size();
    made.resize(4 * (std::min<size_t>(cnf.vars, 2 * size + 1024) + 1));
    const Type b = Type::boolean();
    made[0] = Term::constant(env, "F", b), made[1] = Term::constant(env, "\\/", Type::fun(b, Type::fun(b, b)));
  }
  auto slot = [&](int32_t l) { return 4 * static_cast<size_t>(l < 0 ? -static_cast<int64_t>(l) : l) + 2 * (l < 0); };
  auto lit = [&](int32_t l) {
    size_t i = slot(l);
    if (i < 4 || i >= made.size()) return dimacs_literal(env, l);  // 0..3: F, \/, unused
    if (made[i].is_null()) made[i] = dimacs_literal(env, l);
    return made[i];
  };
  auto or_lit = [&](int32_t l) {
    size_t i = slot(l) + 1;
    if (i < 4 || i >= made.size()) return Term::comb(made[1], dimacs_literal(env, l));
    if (made[i].is_null()) made[i] = Term::comb(made[1], lit(l));
    return made[i];
  };
  if (c.empty()) return made[0];  // the clause term: l1 \/ (l2 \/ … \/ lk), F when empty
  Term t = lit(c.back());
  for (size_t i = c.size() - 1; i-- > 0;) t = Term::comb(or_lit(c[i]), t);
  return t;
}

Term dimacs_clause(const Env& env, const std::vector<int32_t>& lits) {
  std::vector<Term> made;  // a table for no variable: each literal made afresh
  return tabled_clause(env, Cnf{}, made, lits);
}

Problem elaborate(const Env& env, const Cnf& cnf) {
  Problem p{"dimacs", cnf.sha256, {}, nullptr, {}};
  p.assertions.reserve(cnf.clauses.size() + 1);
  for (const auto& c : cnf.clauses) p.assertions.push_back(tabled_clause(env, cnf, p.made, c));
  if (!p.assertions.empty()) p.assertions.push_back(halving_conjunction(env, p.assertions));
  p.made.clear();
  return p;
}

Problem elaborate_on_demand(const Cnf& cnf) { return Problem{"dimacs", cnf.sha256, {}, &cnf, {}}; }

Term assertion(const Env& env, const Problem& p, size_t i) {
  if (!p.clauses) return p.assertions.at(i);
  if (i < p.clauses->clauses.size()) return tabled_clause(env, *p.clauses, p.made, p.clauses->clauses[i]);
  return elaborate(env, *p.clauses).assertions.at(i);
}

Problem load_problem(const Env& env, const std::string& kind, const std::string& path) {
  if (kind == "dimacs") return elaborate(env, read_dimacs(path));
  if (kind == "smtlib2") return elaborate(env, smt::read_script(path));
  throw Failure(Outcome::InputError, "unknown problem kind " + kind);
}

}  // namespace hcert::check
