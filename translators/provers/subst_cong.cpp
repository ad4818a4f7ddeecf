#include "translators/provers/subst_cong.hpp"

namespace hcert::provers {

RewriteCongruence::Image RewriteCongruence::apply(const Term& root) {
  // Frames: a subterm and its stage (0 new, 1 parts done, 2 its local rewrite's result done).
  std::vector<std::pair<Term, int>> todo{{root, 0}};
  while (!todo.empty()) {
    auto [t, stage] = todo.back();
    todo.pop_back();
    if (stage == 0) {
      if (memo_.count(t)) continue;
      if (t.kind() == TermKind::Comb && !open_.count(t)) {
        todo.push_back({t, 1}), todo.push_back({t.rator(), 0}), todo.push_back({t.rand(), 0});
        continue;
      }
      stage = 1;
    }
    if (stage == 1) {
      if (memo_.count(t)) continue;  // pushed twice before its first visit ended
      Term u = t;
      uint64_t parts = 0;
      if (t.kind() == TermKind::Comb && !open_.count(t)) {
        const Image f = memo_.at(t.rator()), x = memo_.at(t.rand());
        if (f.thm || x.thm) {
          u = Term::comb(f.term, x.term);
          parts = out_.step("mk_comb", {f.thm ? f.thm : out_.step("refl", {out_.term(t.rator())}),
                                        x.thm ? x.thm : out_.step("refl", {out_.term(t.rand())})});
        }
      }
      Term target = open_.count(t) ? Term() : local_(u);
      if (target.is_null() || target == u) {
        memo_[t] = Image{u, parts};  // (over a placeholder met inside its own rewrite)
        continue;
      }
      open_.emplace(t, Pending{u, parts, target});
      todo.push_back({t, 2}), todo.push_back({target, 0});
      continue;
    }
    Pending p = open_.at(t);
    open_.erase(t);
    const Image r = memo_.at(p.target);
    uint64_t th = out_.step("assume", {out_.term(Term::eq(p.u, p.target))});
    if (p.parts) th = out_.step("trans", {p.parts, th});
    if (r.thm) th = out_.step("trans", {th, r.thm});
    memo_[t] = Image{r.term, th};
  }
  return memo_.at(root);
}

}  // namespace hcert::provers
