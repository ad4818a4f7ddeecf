#include "translators/provers/congruence.hpp"

#include <algorithm>
#include <functional>
#include <unordered_map>

#include "translators/provers/formula.hpp"

namespace hcert::provers {

uint64_t Congruence::congruent(const Term& l, const Term& r, int depth) {
  if (depth > 64 || l.kind() != TermKind::Comb || r.kind() != TermKind::Comb) return 0;
  if (uint64_t n = congruent_ac(l, r, depth)) return n;
  std::vector<Term> ls, rs;  // operands, innermost application first
  Term f = l, g = r;
  while (f.kind() == TermKind::Comb && g.kind() == TermKind::Comb) {
    ls.push_back(f.rand()), rs.push_back(g.rand());
    f = f.rator(), g = g.rator();
  }
  if (f != g || f.kind() != TermKind::Const || ls.size() > 3) return 0;  // ~, binary connectives, COND
  for (const Term& x : ls)
    if (x.type() != Type::boolean()) return 0;
  std::vector<NThm> eqs;
  uint64_t pos = step("refl", {term(f)});
  for (size_t k = ls.size(); k-- > 0;) {
    if (ls[k] == rs[k]) {
      pos = step("mk_comb", {pos, step("refl", {term(ls[k])})});
      continue;
    }
    Term e = Term::eq(ls[k], rs[k]);
    uint64_t n = operands_equal(ls[k], rs[k], depth);
    if (!n) return 0;
    eqs.push_back({n, e});
    pos = step("mk_comb", {pos, assume(e)});
  }
  return from_positive(pos, Term::eq(l, r), eqs);
}

uint64_t Congruence::terms_equal(const Term& a, const Term& b, int depth, int& budget) {
  if (depth > 8 || --budget < 0 || a.type() != b.type()) return 0;
  Term e = Term::eq(a, b);
  if (a == b) return n_of(step("refl", {term(a)}), e);
  if (uint64_t n = refute_negation(out_, e, nullptr, 256, 400, &th_)) return n;
  // f x1 … xn and f y1 … yn (f the same: a function, or a theory operator the case split
  // could not decide, `div x (* 3 5)` and `div x 15`).
  std::vector<Term> xs, ys;
  Term f = a, g = b;
  while (f.kind() == TermKind::Comb && g.kind() == TermKind::Comb)
    xs.push_back(f.rand()), ys.push_back(g.rand()), f = f.rator(), g = g.rator();
  if (f == g && (f.kind() == TermKind::Var || f.kind() == TermKind::Const) && !xs.empty()) {
    std::vector<NThm> eqs;
    uint64_t pos = step("refl", {term(f)});
    bool ok = true;
    for (size_t k = xs.size(); k-- > 0 && ok;) {
      if (xs[k] == ys[k]) {
        pos = step("ap_thm", {pos, term(xs[k])});
        continue;
      }
      uint64_t n = terms_equal(xs[k], ys[k], depth + 1, budget);
      ok = n != 0;
      if (ok) eqs.push_back({n, Term::eq(xs[k], ys[k])}), pos = step("mk_comb", {pos, assume(eqs.back().phi)});
    }
    if (ok) return from_positive(pos, e, eqs);
  }
  std::vector<NThm> eqs = paired_applications(a, b, depth, budget);
  if (eqs.empty()) return 0;
  return implies(eqs, e);
}

std::vector<NThm> Congruence::paired_applications(const Term& a, const Term& b, int depth, int& budget) {
  auto apps = [](const Term& t) {
    std::vector<Term> out, todo{t};
    std::unordered_set<Term, TermHash> seen;
    while (!todo.empty() && out.size() < 64 && seen.size() < 20000) {
      Term u = todo.back();
      todo.pop_back();
      if (u.kind() != TermKind::Comb || !seen.insert(u).second) continue;
      Term h = u;
      while (h.kind() == TermKind::Comb) h = h.rator();
      // Integer division and remainder too: the arithmetic reads `div x 15` as an atom of
      // its own, so `div x (* 3 5)` is another one unless its arguments are paired.
      if (h.kind() == TermKind::Var || (h.kind() == TermKind::Const && (h.name() == "int.div" || h.name() == "int.mod")))
        out.push_back(u);
      else todo.push_back(u.rator()), todo.push_back(u.rand());
    }
    return out;
  };
  auto head = [](Term t) {
    while (t.kind() == TermKind::Comb) t = t.rator();
    return t;
  };
  std::vector<Term> as = apps(a), bs = apps(b);
  std::vector<NThm> eqs;
  for (const Term& x : as) {
    if (std::find(bs.begin(), bs.end(), x) != bs.end()) continue;
    for (const Term& y : bs)
      if (head(y) == head(x) && y.type() == x.type() && std::find(as.begin(), as.end(), y) == as.end())
        if (uint64_t n = terms_equal(x, y, depth + 1, budget)) {
          eqs.push_back({n, Term::eq(x, y)});
          break;
        }
    if (eqs.size() >= 8 || budget < 0) break;
  }
  return eqs;
}

uint64_t Congruence::rewrite_with_applications(const Term& l, const Term& r, int depth) {
  if (depth > 64) return 0;
  int budget = 64;
  std::vector<NThm> eqs = paired_applications(l, r, 0, budget);
  if (eqs.empty()) return 0;
  std::unordered_map<Term, Term, TermHash> to;
  for (const NThm& n : eqs) to.emplace(n.phi.lhs(), n.phi.rhs());
  std::unordered_map<Term, Term, TermHash> memo;
  Term lp = replaced(l, to, memo, 0);
  if (lp.is_null() || lp == l) return 0;
  uint64_t pos = cong(l, lp, eqs, 0);  // {eqs} ⊢ l = l'
  if (!pos) return 0;
  Term e2 = Term::eq(lp, r);
  uint64_t n2 = lp == r ? n_of(step("refl", {term(r)}), e2) : normal_->equal(lp, r);
  if (!n2) n2 = refute_negation(out_, e2, nullptr, 4096, 400, &th_);
  if (!n2) n2 = congruent(lp, r, depth + 1);
  if (!n2) return 0;
  eqs.push_back({n2, e2});
  return from_positive(step("trans", {pos, assume(e2)}), Term::eq(l, r), eqs);
}

Term Congruence::replaced(const Term& t, const std::unordered_map<Term, Term, TermHash>& to,
                     std::unordered_map<Term, Term, TermHash>& memo, int depth) {
  if (depth > 2000) return Term();
  if (auto it = to.find(t); it != to.end()) return it->second;
  if (t.kind() != TermKind::Comb) return t;
  if (auto it = memo.find(t); it != memo.end()) return it->second;
  Term f = replaced(t.rator(), to, memo, depth + 1);
  Term x = f.is_null() ? Term() : replaced(t.rand(), to, memo, depth + 1);
  Term out = x.is_null() ? Term() : f == t.rator() && x == t.rand() ? t : Term::comb(f, x);
  memo.emplace(t, out);
  return out;
}

uint64_t Congruence::operands_equal(const Term& a, const Term& b, int depth) {
  Term e = Term::eq(a, b);
  if (auto it = operands_memo_.find(e); it != operands_memo_.end()) return it->second;
  bool both = (is_op(a, "/\\") && is_op(b, "/\\")) || (is_op(a, "\\/") && is_op(b, "\\/")) ||
              (a.type() == Type::boolean() && is_cond(a) && is_cond(b));
  uint64_t n = both ? congruent(a, b, depth + 1) : 0;
  // Two nests of 64 atoms or more that congruence could not pair are not split on either:
  // under a restated assertion each level's failure would retry the case split on the
  // whole rest (miplib-pp08a: 1,000 conjuncts, 46 s of failing splits).
  if (!n && !(both && atoms_of(e, 64).size() >= 64)) n = refute_negation(out_, e, nullptr, 4096, 400, &th_);
  if (!n && !both) n = congruent(a, b, depth + 1);
  if (!n) n = rewrite_with_applications(a, b, depth + 1);  // `f(0 - 9)` for `f(0.0 - 9.0)`
  operands_memo_[e] = n;
  return n;
}

uint64_t Congruence::rebuild(const Term& t, const char* op, const std::vector<Term>& from, const std::vector<Term>& to, size_t& i,
                 int depth) {
  Term a, b;
  if (depth < 400 && is_op(t, op, &a, &b)) {
    uint64_t x = rebuild(a, op, from, to, i, depth + 1);
    uint64_t y = rebuild(b, op, from, to, i, depth + 1);
    return step("mk_comb", {step("ap_term", {term(t.rator().rator()), x}), y});
  }
  size_t k = i++;
  if (k >= from.size() || from[k] != t) return 0;
  return from[k] == to[k] ? step("refl", {term(t)}) : assume(Term::eq(from[k], to[k]));
}

uint64_t Congruence::congruent_ac(const Term& l, const Term& r, int depth) {
  const char* op = is_op(l, "/\\") && is_op(r, "/\\") ? "/\\" : is_op(l, "\\/") && is_op(r, "\\/") ? "\\/" : nullptr;
  if (!op) return 0;
  std::vector<Term> ls, rs;
  if (!flatten_within(l, op, ls, 800) || !flatten_within(r, op, rs, 800)) return 0;
  if (ls.size() != rs.size() || ls.size() < 2 || ls.size() > 400) return 0;
  // Pair each operand of l with one of r: the same term, else the same signature.
  std::vector<Term> to(ls.size());
  std::vector<bool> used(rs.size(), false);
  for (int pass = 0; pass < 2; ++pass)
    for (size_t k = 0; k < ls.size(); ++k) {
      if (!to[k].is_null()) continue;
      for (size_t j = 0; j < rs.size(); ++j)
        if (!used[j] && (pass == 0 ? rs[j] == ls[k] : signature(rs[j]) == signature(ls[k]))) {
          to[k] = rs[j], used[j] = true;
          break;
        }
    }
  // Unpaired: with the unused operand most alike (Z3 reorders the operands of a nest and
  // changes an atom or two in some of them); on ties (or beyond 64 unpaired) the one in the
  // same place if unused, else the first unused. The proof decides.
  size_t unpaired = std::count_if(to.begin(), to.end(), [](const Term& t) { return t.is_null(); });
  std::vector<std::vector<size_t>> rparts(rs.size());
  if (unpaired <= 64)
    for (size_t j = 0; j < rs.size(); ++j)
      if (!used[j]) rparts[j] = parts(rs[j]);
  for (size_t k = 0; k < ls.size(); ++k) {
    if (!to[k].is_null()) continue;
    std::vector<size_t> mine = unpaired <= 64 ? parts(ls[k]) : std::vector<size_t>{};
    size_t best = used[k] ? rs.size() : k, most = used[k] ? 0 : likeness(mine, rparts[k]);
    for (size_t j = 0; j < rs.size(); ++j) {
      if (used[j]) continue;
      size_t n = likeness(mine, rparts[j]);
      if (best == rs.size() || n > most) best = j, most = n;
    }
    to[k] = rs[best], used[best] = true;
  }
  std::vector<NThm> eqs;
  for (size_t k = 0; k < ls.size(); ++k) {
    if (ls[k] == to[k]) continue;
    uint64_t n = operands_equal(ls[k], to[k], depth);
    if (!n) return 0;
    eqs.push_back({n, Term::eq(ls[k], to[k])});
  }
  size_t i = 0;
  uint64_t pos = rebuild(l, op, ls, to, i, 0);  // {eqs} ⊢ l = l'
  if (!pos) return 0;
  Term lp = rebuild_term(l, op, to);
  Term assoc = Term::eq(lp, r);
  uint64_t na = lp == r ? 0 : refute_negation(out_, assoc, nullptr, 4096, 400, &th_);
  if (lp != r && !na) return 0;
  // ~(l = r), l = l' ⊢ ~(l' = r), which discharges ~(l' = r) from N(l' = r).
  Term e = Term::eq(l, r);
  uint64_t f;
  if (lp == r) {
    f = step("not_elim", {assume(neg(e)), pos});
  } else {
    uint64_t lr = step("trans", {pos, assume(assoc)});
    uint64_t nassoc = step("not_intro", {term(assoc), step("not_elim", {assume(neg(e)), lr})});
    f = step("prove_hyp", {nassoc, na});
  }
  return use_all(eqs, f);
}

std::vector<size_t> Congruence::parts(const Term& t) {
  std::vector<Term> ops;  // the first 400 operands at most (a shared nest's tree can be exponential)
  if (is_op(t, "/\\") || is_op(t, "\\/")) flatten_within(t, is_op(t, "/\\") ? "/\\" : "\\/", ops, 800);
  else ops.push_back(t);
  std::vector<size_t> out;
  for (size_t k = 0; k < ops.size() && k < 400; ++k) out.push_back(std::hash<std::string>{}(signature(ops[k])));
  std::sort(out.begin(), out.end());
  return out;
}

size_t Congruence::likeness(const std::vector<size_t>& a, const std::vector<size_t>& b) {
  size_t n = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j]) ++n, ++i, ++j;
    else if (a[i] < b[j]) ++i;
    else ++j;
  }
  return n;
}

const std::string& Congruence::signature(const Term& t) {
  auto it = signatures_.find(t);
  if (it != signatures_.end()) return it->second;
  std::string sig;
  Term a;
  if (is_neg(t)) {
    sig = signature(t.rand());
    sig = sig == "T" ? "F" : sig == "F" ? "T" : sig.rfind("~", 0) == 0 ? sig.substr(1) : "~" + sig;
  } else if (is_op(t, "/\\") || is_op(t, "\\/")) {
    const char* op = is_op(t, "/\\") ? "/\\" : "\\/";
    std::vector<std::string> parts;
    // Up to repeats and constants too, as cvc5's rewriter folds them: `p \/ p \/ q` is
    // `p \/ q`, `p /\ p` is p, `(0 <= 0) /\ p` is p, `~(0 <= 0) /\ p` is F. Past 100,000
    // operands (a bounded walk: a shared nest's tree can be exponential) the signature is
    // the term's own.
    const std::string unit = op[0] == '/' ? "T" : "F", zero = op[0] == '/' ? "F" : "T";
    std::vector<Term> leaves;
    if (!flatten_within(t, op, leaves, 200000)) {
      sig = "#" + std::to_string(t.serial());
    } else {
      for (const Term& u : leaves)
        if (const std::string& p = signature(u); p != unit) parts.push_back(p);
      std::sort(parts.begin(), parts.end());
      parts.erase(std::unique(parts.begin(), parts.end()), parts.end());
      if (parts.empty() || std::find(parts.begin(), parts.end(), zero) != parts.end()) {
        sig = parts.empty() ? unit : zero;
      } else if (parts.size() == 1) {
        sig = parts[0];
      } else {
        sig = std::string("(") + op;
        for (const std::string& p : parts) sig += " " + p;
        sig += ")";
      }
    }
  } else if (auto k = th_.key(t)) {
    sig = (k->second ? "~" : "") + std::string("[") + k->first + "]";
    // A ground atom (its key `r<k`, `i=k`: 0 <= k, 0 = k, no variables) is its value.
    if (k->first.find(' ') == std::string::npos) {
      const std::string n = k->first.substr(2);
      const bool holds = k->first[1] == '=' ? n == "0" : n[0] != '-';
      sig = holds != k->second ? "T" : "F";
    }
  } else {
    sig = "#" + std::to_string(t.serial());
  }
  if (sig.size() > 100000) sig = "#" + std::to_string(t.serial());
  return signatures_.emplace(t, sig).first->second;
}

Term Congruence::rebuild_term(const Term& t, const char* op, const std::vector<Term>& to) {
  size_t i = 0;
  std::function<Term(const Term&, int)> go = [&](const Term& u, int d) -> Term {
    Term a, b;
    if (d < 400 && is_op(u, op, &a, &b)) {
      Term x = go(a, d + 1);
      return Term::comb(Term::comb(u.rator().rator(), x), go(b, d + 1));
    }
    return to[i++];
  };
  return go(t, 0);
}

uint64_t Congruence::cong(const Term& l, const Term& r, const std::vector<NThm>& p, int depth) {
  if (depth > 1000) return 0;
  if (l == r) return step("refl", {term(l)});
  for (const NThm& n : p) {
    if (n.phi == Term::eq(l, r)) return assume(n.phi);
    if (n.phi == Term::eq(r, l)) return step("sym", {assume(n.phi)});
  }
  if (l.kind() == TermKind::Comb && r.kind() == TermKind::Comb && l.rator().type() == r.rator().type()) {
    uint64_t f = cong(l.rator(), r.rator(), p, depth + 1);
    uint64_t x = f ? cong(l.rand(), r.rand(), p, depth + 1) : 0;
    return x ? step("mk_comb", {f, x}) : 0;
  }
  return 0;
}

uint64_t Congruence::implies(const std::vector<NThm>& p, const Term& phi, std::string* countermodel, Term* implication,
                             std::vector<Term>* formulas) {
  std::vector<Term> ps;
  for (const NThm& n : p)
    if (std::find(ps.begin(), ps.end(), n.phi) == ps.end()) ps.push_back(n.phi);
  std::vector<Term> imps{phi};  // imps[k] = ps[k..] ==> φ, built from the back
  for (size_t k = ps.size(); k-- > 0;) imps.insert(imps.begin(), imp(ps[k], imps.front()));
  std::string cm;
  uint64_t n = refute_negation(out_, imps.front(), &cm, 256, 400, &th_);
  if (countermodel) *countermodel = cm;
  if (implication) *implication = imps.front();
  if (formulas) *formulas = ps;
  if (!n) return 0;
  uint64_t cur = assume(imps.front());
  for (size_t k = 0; k < ps.size(); ++k) cur = step("mp", {cur, assume(ps[k])});
  uint64_t f = step("not_elim", {assume(neg(phi)), cur});
  return use_all(p, step("prove_hyp", {step("not_intro", {term(imps.front()), f}), n}));
}

}  // namespace hcert::provers
