#include "trusted/problem.hpp"

#include <algorithm>

namespace hcert::check {

Term dimacs_literal(const Env& env, int32_t lit) {
  Term x = Term::var(std::to_string(lit < 0 ? -static_cast<int64_t>(lit) : lit), Type::boolean());
  if (lit > 0) return x;
  const Term neg = Term::constant(env, "~", Type::fun(Type::boolean(), Type::boolean()));
  return Term::comb(neg, x);
}

// The clause term l1 \/ (l2 \/ … \/ lk), F when empty: lit(l) gives literal l's term,
// or_lit(l) the term (\/ l); f is F.
template <class Lit, class OrLit>
static Term clause_term(const Term& f, const std::vector<int32_t>& lits, Lit lit, OrLit or_lit) {
  if (lits.empty()) return f;
  Term t = lit(lits.back());
  for (size_t i = lits.size() - 1; i-- > 0;) t = Term::comb(or_lit(lits[i]), t);
  return t;
}
static Term constant_f(const Env& env) { return Term::constant(env, "F", Type::boolean()); }
static Term constant_disj(const Env& env) {
  return Term::constant(env, "\\/", Type::fun(Type::boolean(), Type::fun(Type::boolean(), Type::boolean())));
}

Term dimacs_clause(const Env& env, const std::vector<int32_t>& lits) {
  const Term disj = constant_disj(env);
  return clause_term(constant_f(env), lits, [&](int32_t l) { return dimacs_literal(env, l); },
                     [&](int32_t l) { return Term::comb(disj, dimacs_literal(env, l)); });
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
// l and each (\/ l) is made once per problem (and F and \/ once, not per clause). The
// tables cover variables up to a bound proportional to the problem's size (a header may
// name 2^31 variables); larger ones are made each time.
Problem elaborate(const Env& env, const Cnf& cnf) {
  Problem p{"dimacs", cnf.sha256, {}};
  p.assertions.reserve(cnf.clauses.size() + 1);
  size_t size = 0;
  for (const auto& c : cnf.clauses) size += c.size();
  const Term f = constant_f(env), disj = constant_disj(env);
  std::vector<Term> made(2 * (std::min<size_t>(cnf.vars, 2 * size + 1024) + 1)), made_or(made.size());
  auto slot = [&](int32_t l) { return 2 * static_cast<size_t>(l < 0 ? -static_cast<int64_t>(l) : l) + (l < 0); };
  auto lit = [&](int32_t l) {
    size_t i = slot(l);
    if (i >= made.size()) return dimacs_literal(env, l);
    if (made[i].is_null()) made[i] = dimacs_literal(env, l);
    return made[i];
  };
  auto or_lit = [&](int32_t l) {
    size_t i = slot(l);
    if (i >= made.size()) return Term::comb(disj, dimacs_literal(env, l));
    if (made_or[i].is_null()) made_or[i] = Term::comb(disj, lit(l));
    return made_or[i];
  };
  for (const auto& c : cnf.clauses) p.assertions.push_back(clause_term(f, c, lit, or_lit));
  if (!p.assertions.empty()) p.assertions.push_back(halving_conjunction(env, p.assertions));
  return p;
}

Problem elaborate_on_demand(const Cnf& cnf) { return Problem{"dimacs", cnf.sha256, {}, &cnf}; }

Term assertion(const Env& env, const Problem& p, size_t i) {
  if (!p.clauses) return p.assertions.at(i);
  if (i < p.clauses->clauses.size()) return dimacs_clause(env, p.clauses->clauses[i]);
  return elaborate(env, *p.clauses).assertions.at(i);
}

Problem load_problem(const Env& env, const std::string& kind, const std::string& path) {
  if (kind == "dimacs") return elaborate(env, read_dimacs(path));
  if (kind == "smtlib2") return elaborate(env, smt::read_script(path));
  throw Failure(Outcome::InputError, "unknown problem kind " + kind);
}

}  // namespace hcert::check
