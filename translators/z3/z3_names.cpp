// Names Z3 invents (`z3name!n`, `proxy!n`; spec/z3.md, "Tautologies", on invented names):
// intro-def definitions kept as hypotheses and discharged at the end by INST, rewrites over
// names deferred to the end, and the terms of names Z3 never defines guessed by matching (a wrong
// guess only leaves a step unproved: INST is a rule, nothing is assumed about the name).
#include <algorithm>

#include "translators/z3/translator.hpp"

namespace hcert::z3 {

uint64_t Translator::intro_def(const Term& phi) {
  auto defined = [&](const Term& n) {
    return n.kind() == TermKind::Var && n.name().size() > 3 && n.name().substr(n.name().size() - 3) == "|z3" &&
           std::none_of(defs_.begin(), defs_.end(), [&](const Definition& d) { return d.name == n; });
  };
  Term a, b, c, x, y, l, r;
  Term n, t;
  if (is_op(phi, "/\\", &a, &b) && is_op(a, "\\/", &x, &y) && is_neg(x) && is_op(y, "=", &l, &r) && is_op(b, "\\/", &c, &y)) {
    // (~c \/ n = p) /\ (c \/ n = q)
    Term q, l2;
    if (c == x.rand() && is_op(y, "=", &l2, &q) && l2 == l && defined(l))
      n = l, t = Term::comb(Term::comb(Term::comb(CondLemmas::cond(r.type()), c), r), q);
  }
  if (n.is_null() && is_op(phi, "/\\", &a, &b) && is_op(a, "\\/", &x, &y) && is_neg(y) && defined(x) &&
      b == Term::comb(Term::comb(or_const(), neg(x)), y.rand()))
    n = x, t = y.rand();  // (n \/ ~e) /\ (~n \/ e)
  if (n.is_null() && is_op(phi, "\\/", &x, &y) && is_neg(x) && defined(x.rand())) n = x.rand(), t = y;  // ~n \/ e
  if (n.is_null() && is_op(phi, "\\/", &x, &y) && is_neg(y) && defined(x)) n = x, t = y.rand();          // n \/ ~e
  if (n.is_null()) return 0;
  defs_.push_back({n, t, phi});
  return positive(assume(phi));
}

uint64_t Translator::with_definitions(const std::string& rule, std::vector<Node> prem, const Term& phi) {
  std::vector<Term> terms{phi};
  for (const Node& p : prem) terms.push_back(p.phi);
  size_t before = prem.size();
  for (const Definition& d : defs_) {
    bool used = false;
    for (const Term& t : terms)
      for (const Term& v : t.frees()) used = used || v == d.name;
    if (used) prem.push_back({0, d.formula, assume(d.formula)});
  }
  if (prem.size() == before) return 0;
  return propositional_consequence(rule, prem, phi);
}

bool Translator::invented(const Term& v) {
  return v.kind() == TermKind::Var && v.name().size() > 3 && v.name().compare(v.name().size() - 3, 3, "|z3") == 0;
}

std::vector<Term> Translator::invented_names(const Term& t) {
  std::vector<Term> out;
  for (const Term& v : t.frees())
    if (invented(v)) out.push_back(v);
  return out;
}

bool Translator::one_sided_name(const Term& phi) const {
  Term l, r;
  if (!is_op(phi, "=", &l, &r)) return false;
  auto fl = l.frees(), fr = r.frees();
  for (const Term& v : invented_names(phi)) {
    if (std::any_of(defs_.begin(), defs_.end(), [&](const Definition& d) { return d.name == v; })) continue;
    if ((std::find(fl.begin(), fl.end(), v) == fl.end()) != (std::find(fr.begin(), fr.end(), v) == fr.end())) return true;
  }
  return false;
}

bool Translator::proxy_assumption(const Term& phi) const {
  Term n, a;
  if (is_op(phi, "\\/", &n, &a) && is_neg(n)) n = n.rand();
  else if (!is_op(phi, "==>", &n, &a)) return false;
  if (!invented(n) || std::any_of(defs_.begin(), defs_.end(), [&](const Definition& d) { return d.name == n; })) return false;
  auto fa = a.frees();
  return std::find(fa.begin(), fa.end(), n) == fa.end();
}

std::vector<Term> Translator::undefined_names(const Term& t, const std::vector<Term>& given) const {
  std::vector<Term> out;
  for (const Term& v : invented_names(t)) {
    bool ok = false;
    for (const Definition& d : defs_)
      ok = ok || (d.name == v && std::find(given.begin(), given.end(), d.formula) != given.end());
    if (!ok) out.push_back(v);
  }
  return out;
}

uint64_t Translator::discharge_definitions(uint64_t fin) {
  if (defs_.empty() && deferred_.empty()) return fin;
  std::vector<std::pair<Term, std::string>> forms;
  for (const Definition& d : defs_) forms.push_back({d.formula, "intro-def"});
  for (const auto& d : deferred_) forms.push_back(d);
  // Names with no intro-def that a deferred rewrite introduces in place of a term (Z3 4.8.12
  // omits some definitions): that term, read off the rewrite (guess_names).
  std::vector<std::pair<Term, Term>> names;  // name, term: INST order is decided below
  for (const Definition& d : defs_) names.push_back({d.name, d.term});
  guess_names(names);
  // A rewrite is false under a guessed instance, perhaps not under the name's meaning:
  // no countermodel rejects it then (it stays a hole).
  guessed_ = names.size() > defs_.size();
  // INST each name by its term, a name only once no pending term mentions it (so a term's
  // own names are replaced after it is put in). Names left in a cycle stay (their steps
  // are holes).
  std::vector<bool> gone(names.size(), false);
  for (bool progress = true; progress;) {
    progress = false;
    for (size_t k = names.size(); k-- > 0;) {
      if (gone[k]) continue;
      bool free = true;
      for (size_t j = 0; j < names.size() && free; ++j)
        if (j != k && !gone[j])
          for (const Term& v : names[j].second.frees()) free = free && v != names[k].first;
      if (!free) continue;
      fin = step("inst", {fin, term(names[k].first), term(names[k].second)});
      for (auto& f : forms) f.first = f.first.subst({{names[k].first, names[k].second}});
      for (size_t j = 0; j < names.size(); ++j)
        if (!gone[j] && j != k) names[j].second = names[j].second.subst({{names[k].first, names[k].second}});
      gone[k] = progress = true;
    }
  }
  std::unordered_set<Term, TermHash> done;
  for (const auto& [f, rule] : forms) {
    if (!done.insert(f).second) continue;  // one hypothesis, discharged once
    where_ = "end (" + rule + ")";
    uint64_t n = 0;
    Term l, r;
    if (rule != "intro-def" && invented_names(f).empty()) n = justify(rule, {}, f);
    // A name still free (no definition, none guessed) may not matter: its conditional is
    // decided by the others (the diagram holds for any value of it).
    else if (rule != "intro-def" && is_op(f, "=", &l, &r) && mentions_cond(f)) n = tools_.diagrams.equal(l, r);
    if (!n) n = refute_negation(tools_.scratch, f, nullptr, 4096, 400, &tools_.theories);
    if (!n) n = hole(f, rule);
    fin = use(with_n(node_of(n, f)), fin);
  }
  return fin;
}

void Translator::guess_names(std::vector<std::pair<Term, Term>>& names) {
  auto known = [&](const Term& n) {
    return std::any_of(names.begin(), names.end(), [&](const auto& e) { return e.first == n; });
  };
  // An assumption's proxy, from `asserted (=> n A)` (or `(or (not n) A)`): n is A.
  for (const Term& f : proxies_) {
    Term n, a;
    if (is_op(f, "\\/", &n, &a) && is_neg(n)) n = n.rand();
    else if (!is_op(f, "==>", &n, &a)) continue;
    if (!invented(n) || known(n)) continue;
    auto fr = a.frees();
    if (std::find(fr.begin(), fr.end(), n) == fr.end()) names.push_back({n, a});
  }
  for (const auto& [f0, rule] : deferred_) {
    Term f = f0, l, r;
    // The names known so far replaced by their terms (theirs too: nested definitions).
    for (size_t k = 0; k <= names.size() && !names.empty(); ++k) {
      Term g = f.subst(names);
      if (g == f) break;
      f = g;
    }
    if (!is_op(f, "=", &l, &r)) continue;
    std::vector<Term> unknown;  // the pattern variables: one atom may hold several names
    for (const Term& n : invented_names(f))
      if (!known(n)) unknown.push_back(n);
    // The two sides alike but for the names (Z3 naming its conditionals): one match of
    // the whole sides binds each name by its place, where an atom may match several.
    for (int side = 0; side < 2 && !unknown.empty(); ++side) {
      std::unordered_map<Term, Term, TermHash> bound;
      int budget = 1000000;
      if (!match(side ? l : r, side ? r : l, unknown, bound, budget)) continue;
      for (const auto& [n, t] : bound) {
        auto fr = t.frees();
        if (std::find(fr.begin(), fr.end(), n) == fr.end()) names.push_back({n, t});
      }
      break;
    }
    for (const Term& n : unknown) {
      if (known(n)) continue;
      for (int side = 0; side < 2; ++side) {
        const Term& with = side ? l : r;
        const Term& without = side ? r : l;
        std::vector<Term> mine = guess_atoms(with), theirs = guess_atoms(without);
        Term found;
        int budget = 1000000;
        for (const Term& a : mine) {
          if (!found.is_null() || budget < 0) break;
          auto fr = a.frees();
          if (std::find(fr.begin(), fr.end(), n) == fr.end()) continue;
          for (const Term& b : theirs) {
            std::unordered_map<Term, Term, TermHash> bound;
            if (match(a, b, unknown, bound, budget) && bound.count(n)) {
              found = bound.at(n);
              break;
            }
          }
        }
        if (!found.is_null()) {
          auto fr = found.frees();
          if (std::find(fr.begin(), fr.end(), n) == fr.end()) names.push_back({n, found});
          break;
        }
      }
    }
  }
}

std::vector<Term> Translator::guess_atoms(const Term& t) {
  std::vector<Term> out, todo{t};
  std::unordered_set<Term, TermHash> seen;
  while (!todo.empty() && seen.size() < 2000) {
    Term u = todo.back();
    todo.pop_back();
    if (!seen.insert(u).second) continue;
    Term a, b, c;
    if (is_neg(u)) todo.push_back(u.rand());
    else if ((is_op(u, "/\\", &a, &b) || is_op(u, "\\/", &a, &b) || is_op(u, "==>", &a, &b) ||
              (is_op(u, "=", &a, &b) && a.type() == boolean())))
      todo.push_back(a), todo.push_back(b);
    else if (u.type() == boolean() && is_cond(u, &c, &a, &b)) todo.push_back(c), todo.push_back(a), todo.push_back(b);
    else out.push_back(u);
  }
  return out;
}

bool Translator::match(const Term& p, const Term& t, const std::vector<Term>& vars,
                  std::unordered_map<Term, Term, TermHash>& bound, int& budget) {
  std::set<std::pair<uint64_t, uint64_t>> done;
  return match(p, t, vars, bound, budget, done, 0);
}

bool Translator::match(const Term& p, const Term& t, const std::vector<Term>& vars, std::unordered_map<Term, Term, TermHash>& bound,
                  int& budget, std::set<std::pair<uint64_t, uint64_t>>& done, int depth) {
  if (--budget < 0 || depth > 20000) return false;
  if (std::find(vars.begin(), vars.end(), p) != vars.end()) {
    if (p.type() != t.type()) return false;
    return bound.emplace(p, t).first->second == t;
  }
  if (p == t || done.count({p.serial(), t.serial()})) return true;
  if (p.kind() != TermKind::Comb || t.kind() != TermKind::Comb || p.rator().type() != t.rator().type()) return false;
  if (!match(p.rator(), t.rator(), vars, bound, budget, done, depth + 1) || !match(p.rand(), t.rand(), vars, bound, budget, done, depth + 1))
    return false;
  done.insert({p.serial(), t.serial()});
  return true;
}

}  // namespace hcert::z3
