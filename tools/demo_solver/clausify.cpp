#include "tools/demo_solver/clausify.hpp"

#include <unordered_set>

namespace demo {

namespace {
const char* connective(Op op) {
  switch (op) {
    case Op::And: return "and";
    case Op::Or: return "or";
    case Op::Implies: return "=>";
    case Op::Xor: return "xor";
    case Op::Iff: return "=";
    case Op::Ite: return "ite";
    default: return "?";
  }
}
}  // namespace

void Clausifier::clause(const std::vector<Lit>& lits) {
  ClauseId id = s_.fresh_id();
  if (log_) {
    std::vector<TraceLit> t;
    for (Lit l : lits) t.push_back(Solver::trace_lit(l));
    log_->definitional(id, t);
  }
  s_.add_clause(lits, id);
}

uint32_t Clausifier::atom_var(uint32_t term) {
  uint32_t v = s_.new_var();
  if (log_) log_->atom(v + 1, p_.print(term));
  return v;
}

// Names the arithmetic ites below an atom, innermost first.
void Clausifier::lift_ites(uint32_t atom) {
  static const std::vector<uint32_t> leaf;
  auto arithmetic = [&](uint32_t t) { return p_[t].sort != Sort::Bool && !p_.named.count(t); };
  auto children = [&](uint32_t t) -> std::vector<uint32_t> {
    const Term& x = p_[t];
    if (!arithmetic(t)) return leaf;
    return x.op == Op::Ite ? std::vector<uint32_t>{x.args[1], x.args[2]} : x.args;
  };
  std::unordered_set<uint32_t> seen;
  post_order(p_[atom].args, children, [&](uint32_t t) { return seen.count(t) > 0; }, [&](uint32_t t) {
    seen.insert(t);
    if (!arithmetic(t) || p_[t].op != Op::Ite) return;
    uint32_t cond = p_[t].args[0], then_term = p_[t].args[1], else_term = p_[t].args[2];
    Lit c = lit(cond);
    uint32_t v = s_.new_var();  // the name's place in the trace's numbering; never a literal
    if (log_) log_->name(v + 1, p_.print(t));
    p_.named[t] = "@" + std::to_string(v + 1);
    Lit then_eq = lit(p_.intern(Term{Op::ArithEq, Sort::Bool, {t, then_term}, {}, 0}));
    Lit else_eq = lit(p_.intern(Term{Op::ArithEq, Sort::Bool, {t, else_term}, {}, 0}));
    s_.add_lemma({lit_not(c), then_eq}, {});
    s_.add_lemma({c, else_eq}, {});
  });
}

// The literal of a term: children first over the Bool DAG (connectives' arguments).
Lit Clausifier::lit(uint32_t root) {
  static const std::vector<uint32_t> leaf;
  auto children = [&](uint32_t t) -> const std::vector<uint32_t>& {
    Op op = p_[t].op;
    bool connective = op == Op::Not || op == Op::And || op == Op::Or || op == Op::Implies || op == Op::Xor ||
                      op == Op::Iff || op == Op::Ite;
    return connective ? p_[t].args : leaf;
  };
  post_order({root}, children, [&](uint32_t t) { return memo_.count(t) > 0; }, [&](uint32_t t) {
    Lit l = p_[t].op == Op::Not ? lit_not(memo_.at(p_[t].args[0])) : define(t);
    memo_[t] = l;
  });
  return memo_.at(root);
}

// A variable for a term whose arguments already have literals.
Lit Clausifier::define(uint32_t t) {
  const Term x = p_[t];  // a copy: interning below may move the term table
  std::vector<Lit> a;
  for (uint32_t arg : x.args) a.push_back(memo_.count(arg) ? memo_.at(arg) : 0);
  // For the trace: each argument as the problem writes it, its leading `not`s around the
  // literal of the term under them (a[i] is that literal negated nots[i] times).
  std::vector<Lit> inner = a;
  std::vector<uint32_t> nots(a.size(), 0);
  for (size_t i = 0; i < x.args.size(); ++i) {
    uint32_t u = x.args[i];
    while (p_[u].op == Op::Not && memo_.count(p_[u].args[0])) u = p_[u].args[0], ++nots[i];
    if (nots[i] > 0) inner[i] = memo_.at(u);
  }
  switch (x.op) {
    case Op::BoolVar:
      return mk_lit(atom_var(t), false);
    case Op::True: case Op::False: {  // the atom `true`, stated by a theory lemma
      uint32_t tr = p_.intern(Term{Op::True, Sort::Bool, {}, {}, 0});
      if (!memo_.count(tr)) {
        Lit l = mk_lit(atom_var(tr), false);
        memo_[tr] = l;
        s_.add_lemma({l}, {});
      }
      return x.op == Op::True ? memo_.at(tr) : lit_not(memo_.at(tr));
    }
    case Op::Le: case Op::Lt: case Op::Ge: case Op::Gt: {
      lift_ites(t);
      uint32_t v = atom_var(t);
      theory_atoms_.push_back({v, t});
      return mk_lit(v, false);
    }
    case Op::ArithEq: {
      lift_ites(t);
      Lit e = mk_lit(atom_var(t), false);
      Lit le = lit(p_.intern(Term{Op::Le, Sort::Bool, x.args, {}, 0}));
      Lit ge = lit(p_.intern(Term{Op::Ge, Sort::Bool, x.args, {}, 0}));
      // a = b with a > b (or a < b) is refuted by adding them; a <= b, a >= b, a != b has no
      // Farkas refutation (no hint).
      s_.add_lemma({lit_not(e), le}, {1, 1});
      s_.add_lemma({lit_not(e), ge}, {-1, 1});
      s_.add_lemma({e, lit_not(le), lit_not(ge)}, {});
      return e;
    }
    default:
      break;
  }
  // A connective: v := (op a...), with the clauses of v <-> (op a...). An n-ary xor is
  // left-associative: its first two arguments get a definition of their own, and so on.
  while (x.op == Op::Xor && a.size() > 2) {
    uint32_t w = s_.new_var();
    if (log_) log_->definition(w + 1, "xor", {Solver::trace_lit(inner[0]), Solver::trace_lit(inner[1])}, {nots[0], nots[1]});
    Lit lw = mk_lit(w, false);
    clause({lit_not(lw), a[0], a[1]});
    clause({lit_not(lw), lit_not(a[0]), lit_not(a[1])});
    clause({lw, lit_not(a[0]), a[1]});
    clause({lw, a[0], lit_not(a[1])});
    a.erase(a.begin());
    a[0] = lw;
    inner.erase(inner.begin()), nots.erase(nots.begin());
    inner[0] = lw, nots[0] = 0;
  }
  uint32_t vv = s_.new_var();
  Lit v = mk_lit(vv, false);
  if (log_) {
    std::vector<TraceLit> args;
    for (Lit l : inner) args.push_back(Solver::trace_lit(l));
    log_->definition(vv + 1, connective(x.op), args, nots);
  }
  Lit nv = lit_not(v);
  switch (x.op) {
    case Op::And: {
      std::vector<Lit> big{v};
      for (Lit l : a) clause({nv, l}), big.push_back(lit_not(l));
      clause(big);
      break;
    }
    case Op::Or: {
      std::vector<Lit> big{nv};
      for (Lit l : a) clause({v, lit_not(l)}), big.push_back(l);
      clause(big);
      break;
    }
    case Op::Implies: {  // right-associative: v <-> (~a0 \/ ... \/ ~a(n-2) \/ a(n-1))
      std::vector<Lit> big{nv};
      for (size_t i = 0; i + 1 < a.size(); ++i) clause({v, a[i]}), big.push_back(lit_not(a[i]));
      big.push_back(a.back());
      clause({v, lit_not(a.back())});
      clause(big);
      break;
    }
    case Op::Xor:
      clause({nv, a[0], a[1]});
      clause({nv, lit_not(a[0]), lit_not(a[1])});
      clause({v, lit_not(a[0]), a[1]});
      clause({v, a[0], lit_not(a[1])});
      break;
    case Op::Iff:
      clause({nv, lit_not(a[0]), a[1]});
      clause({nv, a[0], lit_not(a[1])});
      clause({v, a[0], a[1]});
      clause({v, lit_not(a[0]), lit_not(a[1])});
      break;
    case Op::Ite:
      clause({nv, lit_not(a[0]), a[1]});
      clause({nv, a[0], a[2]});
      clause({v, lit_not(a[0]), lit_not(a[1])});
      clause({v, a[0], lit_not(a[2])});
      break;
    default:
      throw Unsupported(0, "a term the clausifier does not know: " + p_.print(t));
  }
  return v;
}

void Clausifier::assert_all() {
  for (uint32_t i = 0; i < p_.assertions.size(); ++i) {
    std::vector<uint32_t> work{p_.assertions[i]};
    while (!work.empty()) {
      uint32_t t = work.back();
      work.pop_back();
      const Term x = p_[t];  // a copy: lit() may add terms
      std::vector<Lit> c;
      if (x.op == Op::And && !memo_.count(t)) {
        for (size_t k = x.args.size(); k-- > 0;) work.push_back(x.args[k]);
        continue;
      }
      if (x.op == Op::Or && !memo_.count(t)) {
        for (uint32_t a : x.args) c.push_back(lit(a));
      } else if (x.op == Op::Implies && x.args.size() == 2 && !memo_.count(t)) {
        c = {lit_not(lit(x.args[0])), lit(x.args[1])};
      } else {
        c = {lit(t)};
      }
      ClauseId id = s_.fresh_id();
      if (log_) {
        std::vector<TraceLit> tc;
        for (Lit l : c) tc.push_back(Solver::trace_lit(l));
        log_->input(id, tc, i);
      }
      s_.add_clause(std::move(c), id);
    }
  }
}

}  // namespace demo
