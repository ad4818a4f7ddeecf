#include "checker/problem.hpp"

namespace hcert::check {

Term dimacs_literal(int32_t lit) {
  Term x = Term::var(std::to_string(lit < 0 ? -static_cast<int64_t>(lit) : lit), Type::boolean());
  if (lit > 0) return x;
  static const Term neg = Term::constant("~", Type::fun(Type::boolean(), Type::boolean()));
  return Term::comb(neg, x);
}

Term dimacs_clause(const std::vector<int32_t>& lits) {
  static const Term f = Term::constant("F", Type::boolean());
  static const Term disj = Term::constant(
      "\\/", Type::fun(Type::boolean(), Type::fun(Type::boolean(), Type::boolean())));
  if (lits.empty()) return f;
  Term t = dimacs_literal(lits.back());
  for (size_t i = lits.size() - 1; i-- > 0;) t = Term::comb(Term::comb(disj, dimacs_literal(lits[i])), t);
  return t;
}

Problem elaborate(const Cnf& cnf) {
  Problem p{"dimacs", cnf.sha256, {}};
  p.assertions.reserve(cnf.clauses.size());
  for (const auto& c : cnf.clauses) p.assertions.push_back(dimacs_clause(c));
  return p;
}

Problem load_problem(const std::string& kind, const std::string& path) {
  if (kind == "dimacs") return elaborate(read_dimacs(path));
  if (kind == "smtlib2") return elaborate(smt::read_script(path));
  throw Failure(Outcome::InputError, "unknown problem kind " + kind);
}

}  // namespace hcert::check
