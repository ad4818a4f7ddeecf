// Boolean constants folded (spec/cvc5.md, "Substitutions"): after MACRO_SR_EQ_INTRO's
// substitution puts `false` for a Boolean variable, cvc5's rewriter folds the constants
// away before it compares; substituted_rewrite does the same, subterm by subterm, so that
// what is left to prove is the rewrite of the assertion's remaining atoms. Each local
// equation u = u' is a tautology over u's operands taken as atoms, proved by a case split
// of at most four cases (the kernel checks it); the table only proposes.
#include "translators/cvc5/translator.hpp"
#include "translators/provers/subst_cong.hpp"

namespace hcert::cvc5 {

namespace {

// u' for u = `op x y` (op a binary connective or bool equation), T and F the constants;
// null when no rule applies.
Term fold_binary(const std::string& op, const Term& x, const Term& y, const Term& T, const Term& F) {
  if (op == "/\\") {
    if (x == T) return y;
    if (y == T || x == y) return x;
    if (x == F || y == F) return F;
  } else if (op == "\\/") {
    if (x == F) return y;
    if (y == F || x == y) return x;
    if (x == T || y == T) return T;
  } else if (op == "==>") {
    if (x == T) return y;
    if (x == F || y == T || x == y) return T;
    if (y == F) return neg(x);
  } else if (op == "=") {
    if (x == y) return T;
    if (x.type() != Type::boolean()) return Term();
    if (x == T) return y;
    if (y == T) return x;
    if (x == F) return neg(y);
    if (y == F) return neg(x);
  }
  return Term();
}

// A relation between terms without variables (`0/10 = 2`, `real.<= 1 0`): its value is
// the arithmetic's to prove. At most 64 subterms looked at.
bool ground_atom(const Term& u) {
  if (u.type() != Type::boolean() || u.kind() != TermKind::Comb || u.rand().type() == Type::boolean()) return false;
  std::vector<Term> todo{u};
  for (size_t seen = 0; !todo.empty(); ++seen) {
    Term t = todo.back();
    todo.pop_back();
    if (seen > 64 || t.kind() == TermKind::Var || t.kind() == TermKind::Abs) return false;
    if (t.kind() == TermKind::Comb) todo.push_back(t.rator()), todo.push_back(t.rand());
  }
  return true;
}

}  // namespace

Term Translator::folded(const Term& u, std::vector<Node>& proved) {
  const Term T = true_term(), F = false_term();
  Term target, x, y, c;
  std::unordered_set<Term, TermHash> operands;
  if (is_neg(u)) {
    x = u.rand();
    target = x == T ? F : x == F ? T : is_neg(x) ? x.rand() : Term();
    operands = {is_neg(x) ? x.rand() : x};
  } else if (is_cond(u, &c, &x, &y)) {
    target = c == T || x == y ? x : c == F ? y : Term();
    operands = {c, x, y};
  } else if (u.kind() == TermKind::Comb && u.rator().kind() == TermKind::Comb &&
             u.rator().rator().kind() == TermKind::Const) {
    x = u.rator().rand(), y = u.rand();
    target = fold_binary(u.rator().rator().name(), x, y, T, F);
    operands = {x, y};
  }
  if (target.is_null() && ground_atom(u)) {
    for (const Term& v : {T, F}) {
      Term e = Term::eq(u, v);
      if (uint64_t n = refute_negation(sink_, e, nullptr, 16, 400, &theory_)) {
        proved.push_back({n, e});
        return v;
      }
    }
  }
  if (target.is_null()) return Term();
  operands.erase(T), operands.erase(F);
  Term e = Term::eq(u, target);
  uint64_t n = refute_negation(sink_, e, nullptr, 16, 400, &theory_, &operands);
  if (!n) return Term();
  proved.push_back({n, e});
  return target;
}

uint64_t Translator::rewritten_rewrite(const std::string& rule, const std::vector<std::pair<Term, Term>>& theta,
                                       const std::vector<Node>& eqs, const Term& a, const Term& b) {
  if (rewriting_) return 0;
  std::unordered_map<Term, Term, TermHash> bound(theta.begin(), theta.end());
  std::vector<Node> folds;
  provers::RewriteCongruence rewrite(sink_, [&](const Term& u) {
    if (auto it = bound.find(u); it != bound.end()) return it->second;  // a variable, or a term a name stands for
    return u.kind() == TermKind::Var ? Term() : folded(u, folds);
  });
  auto [s, as] = rewrite.apply(a);  // Γ ⊢ a = a*
  if (!as) return 0;
  Term sb = Term::eq(s, b);
  bool was = lenient_;
  lenient_ = was || !theta.empty();
  rewriting_ = true;
  uint64_t n = tautology(rule, sb);
  rewriting_ = false;
  lenient_ = was;
  if (!n) return 0;
  std::vector<Node> prem = eqs;
  prem.insert(prem.end(), folds.begin(), folds.end());
  prem.push_back({n, sb});
  return from_positive(step("trans", {as, assume(sb)}), Term::eq(a, b), prem);
}

}  // namespace hcert::cvc5
