// Z3's rewrites that only regroup a disjunction, `(or (or a b) c) = (or a b c)` (its
// flattening of nested `or`, a third of the rewrite steps of a QF_UF problem), proved
// directly: each side's leaves (its maximal subterms that are no disjunction) are
// introduced into the other side by DISJ1/DISJ2 down their path, the side's tree is taken
// apart by DISJ_CASES, and DEDUCT_ANTISYM joins the two directions. The normal forms
// took ~230 steps for such a rewrite of five literals, this takes ~40.
#include <unordered_map>

#include "translators/z3/translator.hpp"

namespace hcert::z3 {

namespace {

// The leaves of a disjunction tree with the path to each (false: left), the first path to a
// leaf that occurs twice; iterative, at most `limit` nodes (else false).
bool leaf_paths(const Term& t, std::unordered_map<Term, std::vector<bool>, TermHash>& paths, size_t limit) {
  std::vector<std::pair<Term, std::vector<bool>>> stack{{t, {}}};
  size_t seen = 0;
  while (!stack.empty()) {
    auto [u, path] = std::move(stack.back());
    stack.pop_back();
    if (++seen > limit) return false;
    Term a, b;
    if (is_op(u, "\\/", &a, &b)) {
      std::vector<bool> right = path;
      right.push_back(true);
      path.push_back(false);
      stack.push_back({b, std::move(right)});
      stack.push_back({a, std::move(path)});
    } else {
      paths.emplace(u, std::move(path));
    }
  }
  return true;
}

}  // namespace

uint64_t Translator::regrouped_disjunction(const Term& l, const Term& r) {
  constexpr size_t kLimit = 128;  // nodes of a side; the steps grow as leaves × depth
  std::unordered_map<Term, std::vector<bool>, TermHash> in_l, in_r;
  if (l == r || !is_op(l, "\\/") || !is_op(r, "\\/") || !leaf_paths(l, in_l, kLimit) || !leaf_paths(r, in_r, kLimit))
    return 0;
  if (in_l.size() != in_r.size()) return 0;
  for (const auto& [x, p] : in_l)
    if (!in_r.count(x)) return 0;
  // {t} ⊢ to, for t a subtree of `from` (a leaf: DISJ1/DISJ2 up its path in `to`; else
  // DISJ_CASES of its two sides), bottom-up over an explicit stack.
  auto into = [&](const Term& from, const Term& to, const std::unordered_map<Term, std::vector<bool>, TermHash>& to_paths) {
    std::unordered_map<Term, uint64_t, TermHash> done;
    std::vector<std::pair<Term, bool>> stack{{from, false}};
    while (!stack.empty()) {
      auto [u, expanded] = stack.back();
      stack.pop_back();
      if (done.count(u)) continue;
      Term a, b;
      if (!is_op(u, "\\/", &a, &b)) {
        const std::vector<bool>& path = to_paths.at(u);
        std::vector<Term> along{to};  // the subtrees of `to` down the path
        for (bool right : path) {
          Term x, y;
          is_op(along.back(), "\\/", &x, &y);
          along.push_back(right ? y : x);
        }
        uint64_t cur = assume(u);
        for (size_t k = path.size(); k-- > 0;) {
          Term x, y;
          is_op(along[k], "\\/", &x, &y);
          cur = path[k] ? step("disj2", {term(x), cur}) : step("disj1", {cur, term(y)});
        }
        done.emplace(u, cur);
      } else if (expanded) {
        done.emplace(u, step("disj_cases", {assume(u), done.at(a), done.at(b)}));
      } else {
        stack.push_back({u, true});
        stack.push_back({b, false});
        stack.push_back({a, false});
      }
    }
    return done.at(from);
  };
  uint64_t l_to_r = into(l, r, in_r), r_to_l = into(r, l, in_l);
  return positive(step("deduct_antisym", {r_to_l, l_to_r}));  // ⊢ l = r
}

}  // namespace hcert::z3
