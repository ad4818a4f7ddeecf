#include "checker/steps.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <optional>

#include "rules/equality.hpp"
#include "rules/sat.hpp"

namespace hcert::check {

namespace {

using RuleFn = std::function<Thm(StepArgs&)>;

}  // namespace

struct StepRule {
  template <class F>
  StepRule(F f) : fn(std::move(f)) {}
  RuleFn fn;
};

namespace {

}  // namespace

const rules::BoolDefs& StepContext::defs() {
  if (!defs_) defs_ = rules::BoolDefs::from_core(env);
  return *defs_;
}

// ~x for a boolean variable x used as a pivot, from a small direct-mapped cache keyed by
// the certificate's term id of x (a slot remembers which x it was made for, so a reused id
// or a collision only costs a rebuild). Handed to the kernel with the link (it checks in
// O(1) that the term is ~x), so that a link does not look ~x up in the global term table,
// whose size makes that lookup a few cache misses. Fixed size: hostile ids cost nothing.
Term StepContext::negated_pivot(uint64_t id, const Term& x) {
  if (pure() || x.is_null() || x.kind() != TermKind::Var || x.type() != Type::boolean()) return {};
  if (negs_.empty()) negs_.resize(size_t(1) << 16);
  auto& [made_for, neg] = negs_[id & (negs_.size() - 1)];
  if (made_for != x) made_for = x, neg = rules::complement(env, x);
  return neg;
}

void StepContext::enable_fast_paths() {
  if (env.fast_paths_on()) return;
  const rules::BoolDefs& d = defs();
  Kernel::enable_sat(env, d.t_def, d.and_def, d.imp_def, d.not_def, d.or_def, d.forall_def);
}

namespace {

// The kernel's clause fast paths unless --pure, then their derivations in rules/sat.cpp.
Thm resolve_step(StepContext& ctx, const Thm& p, const Thm& n, const Term& x) {
  if (ctx.pure()) return rules::resolve(ctx.defs(), p, n, x);
  ctx.enable_fast_paths();
  return Kernel::resolve(p, n, x);
}
Thm conj_step(StepContext& ctx, const Thm& a, const Thm& b) {
  if (ctx.pure()) return rules::conj(ctx.defs(), a, b);
  ctx.enable_fast_paths();
  return Kernel::conj(a, b);
}
Thm conjunct_step(StepContext& ctx, const Thm& th, bool second) {
  if (ctx.pure()) return second ? rules::conjunct2(ctx.defs(), th) : rules::conjunct1(ctx.defs(), th);
  ctx.enable_fast_paths();
  return Kernel::conjunct(th, second);
}
Thm clause_intro_step(StepContext& ctx, const Thm& th) {
  if (ctx.pure()) return rules::clause_intro(ctx.defs(), th);
  ctx.enable_fast_paths();
  return Kernel::clause_intro(th);
}

const std::unordered_map<std::string, StepRule>& table() {
  static const std::unordered_map<std::string, StepRule> t = {
      // The kernel's primitive rules.
      {"refl", [](StepArgs& c) { return Kernel::refl(c.env(), c.tm()); }},
      {"trans", [](StepArgs& c) { const Thm& a = c.th(); return Kernel::trans(a, c.th()); }},
      {"mk_comb", [](StepArgs& c) { const Thm& a = c.th(); return Kernel::mk_comb(a, c.th()); }},
      {"abs", [](StepArgs& c) { const Term& v = c.tm(); return Kernel::abs(v, c.th()); }},
      {"beta", [](StepArgs& c) { return Kernel::beta(c.env(), c.tm()); }},
      {"assume", [](StepArgs& c) { return Kernel::assume(c.env(), c.tm()); }},
      {"eq_mp", [](StepArgs& c) { const Thm& a = c.th(); return Kernel::eq_mp(a, c.th()); }},
      {"deduct_antisym", [](StepArgs& c) { const Thm& a = c.th(); return Kernel::deduct_antisym(a, c.th()); }},
      {"inst_type", [](StepArgs& c) {
         const Thm& th = c.th();
         TypeSubst theta;
         while (c.more()) { Type a = c.ty(); theta.push_back({a, c.ty()}); }
         return Kernel::inst_type(theta, th);
       }},
      {"inst", [](StepArgs& c) {
         const Thm& th = c.th();
         std::vector<std::pair<Term, Term>> theta;
         while (c.more()) { Term v = c.tm(); theta.push_back({v, c.tm()}); }
         return Kernel::inst(theta, th);
       }},
      // Derived rules (rules/equality.hpp).
      {"sym", [](StepArgs& c) { return rules::sym(c.th()); }},
      {"beta_conv", [](StepArgs& c) { return rules::beta_conv(c.env(), c.tm()); }},
      {"ap_term", [](StepArgs& c) { const Term& f = c.tm(); return rules::ap_term(f, c.th()); }},
      {"ap_thm", [](StepArgs& c) { const Thm& th = c.th(); return rules::ap_thm(th, c.tm()); }},
      {"prove_hyp", [](StepArgs& c) { const Thm& a = c.th(); return rules::prove_hyp(a, c.th()); }},
      {"assume_concl", [](StepArgs& c) { return Kernel::assume(c.env(), c.th().concl()); }},
      // Boolean rules over the core theory (rules/bool.hpp).
      {"truth", [](StepArgs& c) { return rules::truth(c.ctx().defs()); }},
      {"eqt_intro", [](StepArgs& c) { return rules::eqt_intro(c.ctx().defs(), c.th()); }},
      {"eqt_elim", [](StepArgs& c) { return rules::eqt_elim(c.ctx().defs(), c.th()); }},
      {"conj", [](StepArgs& c) { const Thm& a = c.th(); return conj_step(c.ctx(), a, c.th()); }},
      {"conjunct1", [](StepArgs& c) { return conjunct_step(c.ctx(), c.th(), false); }},
      {"conjunct2", [](StepArgs& c) { return conjunct_step(c.ctx(), c.th(), true); }},
      {"mp", [](StepArgs& c) { const Thm& a = c.th(); return rules::mp(c.ctx().defs(), a, c.th()); }},
      {"disch", [](StepArgs& c) { const Term& p = c.tm(); return rules::disch(c.ctx().defs(), p, c.th()); }},
      {"spec", [](StepArgs& c) { const Term& t = c.tm(); return rules::spec(c.ctx().defs(), t, c.th()); }},
      {"gen", [](StepArgs& c) { const Term& x = c.tm(); return rules::gen(c.ctx().defs(), x, c.th()); }},
      {"not_elim", [](StepArgs& c) { const Thm& a = c.th(); return rules::not_elim(c.ctx().defs(), a, c.th()); }},
      {"not_intro", [](StepArgs& c) { const Term& p = c.tm(); return rules::not_intro(c.ctx().defs(), p, c.th()); }},
      {"contr", [](StepArgs& c) { const Term& p = c.tm(); return rules::contr(c.ctx().defs(), p, c.th()); }},
      {"disj1", [](StepArgs& c) { const Thm& th = c.th(); return rules::disj1(c.ctx().defs(), th, c.tm()); }},
      {"disj2", [](StepArgs& c) { const Term& p = c.tm(); return rules::disj2(c.ctx().defs(), p, c.th()); }},
      {"disj_cases", [](StepArgs& c) {
         const Thm& a = c.th();
         const Thm& b = c.th();
         return rules::disj_cases(c.ctx().defs(), a, b, c.th());
       }},
      // Clause theorems (rules/sat.hpp, spec/sat.md).
      {"clause_intro", [](StepArgs& c) { return clause_intro_step(c.ctx(), c.th()); }},
      {"resolve_chain", [](StepArgs& c) {
         const Thm& start = c.th();
         std::vector<Kernel::ChainLink> links;
         while (c.more()) {
           const Thm& d = c.th();
           uint64_t xid = c.peek();
           const Term& x = c.tm();
           uint64_t side = c.num();
           if (side > 1) throw StepError("resolve_chain: side must be 0 or 1");
           links.push_back({&d, x, side == 1, c.ctx().negated_pivot(xid, x)});
         }
         if (!c.ctx().pure()) {
           c.ctx().enable_fast_paths();
           return Kernel::resolve_chain(start, links);
         }
         Thm cur = start;  // --pure: the derivation, link by link
         for (const auto& l : links) cur = l.side ? rules::resolve(c.ctx().defs(), *l.d, cur, l.x) : rules::resolve(c.ctx().defs(), cur, *l.d, l.x);
         return cur;
       }},
      {"rup", [](StepArgs& c) {
         // k literals as (variable, sign) pairs, sign 1 meaning ~x; then the hints.
         uint64_t k = c.num();
         std::vector<Term>& lits = c.ctx().rup_lits;
         lits.clear();
         for (uint64_t i = 0; i < k; ++i) {
           uint64_t xid = c.peek();
           const Term& x = c.tm();
           uint64_t sign = c.num();
           if (sign > 1) throw StepError("rup: sign must be 0 or 1");
           if (sign == 0) { lits.push_back(x); continue; }
           Term nx = c.ctx().negated_pivot(xid, x);
           lits.push_back(nx.is_null() ? Term::comb(Term::constant(c.env(), "~", Type::fun(Type::boolean(), Type::boolean())), x) : nx);
         }
         std::vector<const Thm*>& hints = c.ctx().rup_hints;
         hints.clear();
         // The hints' theorem slots are prefetched all at once, then each one's hypothesis
         // set as its theorem is found, so that RUP does not wait for them one after the
         // other (md5-506: half of its time).
         c.prefetch_theorems();
         while (c.more()) hints.push_back(&c.th()), __builtin_prefetch(&hints.back()->hyps());
         if (c.ctx().pure()) return rules::rup(c.ctx().defs(), lits, hints);
         c.ctx().enable_fast_paths();
         return Kernel::rup(lits, hints);
       }},
      {"resolve", [](StepArgs& c) {
         const Thm& p = c.th();
         const Thm& n = c.th();
         return resolve_step(c.ctx(), p, n, c.tm());
       }},
  };
  return t;
}

}  // namespace

const StepRule* find_step_rule(const std::string& name) {
  auto it = table().find(name);
  return it == table().end() ? nullptr : &it->second;
}

Thm run_step(const StepRule& rule, StepArgs& args) {
  Thm th = rule.fn(args);
  args.done();
  return th;
}

void RecordArgs::done() const {
  if (more()) throw StepError("too many arguments (" + std::to_string(rec_.nums.size() - 1) + ")");
}

uint64_t RecordArgs::next(const char* what) {
  if (!more()) throw StepError(std::string("missing ") + what + " argument " + std::to_string(i_));
  return rec_.nums[i_++];
}

const std::vector<std::string>& step_rules() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (auto& [k, _] : table()) v.push_back(k);
    std::sort(v.begin(), v.end());
    return v;
  }();
  return names;
}

}  // namespace hcert::check
