#include "translators/z3/z3_to_cert.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "translators/provers/arith.hpp"
#include "translators/provers/cond.hpp"
#include "translators/provers/dd.hpp"
#include "translators/provers/formula.hpp"
#include "translators/provers/normal.hpp"
#include "translators/provers/taut.hpp"
#include "translators/z3/terms.hpp"

namespace hcert::z3 {

using namespace hcert::provers;
using cert::Emitter;
using cert::Tag;
using check::Failure;
using check::Outcome;

namespace {

Type boolean() { return Type::boolean(); }
const Term& false_term() {
  static const Term f = Term::constant("F", boolean());
  return f;
}
const Term& true_term() {
  static const Term t = Term::constant("T", boolean());
  return t;
}
const Term& imp_const() {
  static const Term t = Term::constant("==>", Type::fun(boolean(), Type::fun(boolean(), boolean())));
  return t;
}
const Term& or_const() {
  static const Term t = Term::constant("\\/", Type::fun(boolean(), Type::fun(boolean(), boolean())));
  return t;
}
// The disjuncts of a right-nested disjunction (one element if it is not one).
std::vector<Term> spine(Term t, const char* op) {
  std::vector<Term> out;
  Term a, b;
  while (is_op(t, op, &a, &b)) out.push_back(a), t = b;
  out.push_back(t);
  return out;
}

// A proof node: the certificate theorem N(φ) = Γ ∪ {~φ} ⊢ F (spec/z3.md) and φ itself.
struct Node {
  uint64_t thm;
  Term phi;
};

class Translator {
 public:
  Translator(check::SmtContext& ctx, cert::Emitter& out) : terms_(ctx), out_(out) {
    for (const Term& a : ctx.problem().assertions) assertions_.insert(a);
    assertion_list_ = ctx.problem().assertions;
    sink_.step = [this](const char* r, std::vector<uint64_t> a) { return step(r, std::move(a)); };
    sink_.term = [this](const Term& t) { return term(t); };
    // Arithmetic lemmas are derived once and stay live: their steps are not scratch.
    sink_.type = [this](const Type& t) { return out_.type(t); };
    lemma_sink_.term = sink_.term;
    lemma_sink_.type = sink_.type;
    lemma_sink_.step = [this](const char* r, std::vector<uint64_t> a) {
      uint64_t id = out_.new_thm_id();
      a.insert(a.begin(), id);
      out_.write(Emitter::make(Tag::Step, std::move(a), {r}));
      return id;
    };
    lemma_sink_.fact = sink_.fact = [this](const std::string& name) {
      uint64_t id = out_.new_thm_id();
      out_.write(Emitter::make(Tag::Fact, {id}, {name}));
      return id;
    };
    arith_ = std::make_unique<Arith>(lemma_sink_);
    // The dry run and the real one (and each strategy) meet the same leaves: decisions are
    // remembered per proof node, so only refutations that will be emitted are searched twice.
    arith_refuter_ = [this](StepSink& out, const std::vector<Term>& lits, bool emit, bool* sat) -> uint64_t {
      std::vector<uint64_t> ids;
      for (const Term& l : lits) ids.push_back(l.serial());
      std::sort(ids.begin(), ids.end());
      std::string key;
      for (uint64_t i : ids) key += std::to_string(i) + ",";
      auto it = theory_memo_.find(key);
      if (it != theory_memo_.end() && (!it->second.first || !emit)) {
        if (sat) *sat = it->second.second;
        return it->second.first ? 1 : 0;
      }
      bool s = false;
      auto r = arith_->refute(out, lits, emit, sat ? sat : &s);
      theory_memo_[key] = {r.has_value(), sat ? *sat : s};
      return r ? *r : 0;
    };
    cond_ = std::make_unique<CondLemmas>(lemma_sink_);
    theory_.arith = &arith_refuter_;
    theory_.cond = cond_.get();
    theory_.key = [this](const Term& t) { return arith_->key(t); };
    normal_ = std::make_unique<Normaliser>(sink_, lemma_sink_, &theory_);
    diagrams_ = std::make_unique<Diagrams>(sink_, lemma_sink_, theory_,
                                           [this](StepSink& out, const Term& t) { return arith_->normal_form(out, t); });
  }

  Z3Stats run(const std::string& sha, ProofReader& in) {
    out_.write(Emitter::make(Tag::Header, {1}));
    out_.write(Emitter::make(Tag::Problem, {}, {"smtlib2", sha}));
    out_.write(Emitter::make(Tag::Claim, {}, {"unsat"}));
    Binding b;
    bool declared = false;
    while (in.next(b)) {
      out_.set_place(0, b.offset);
      where_ = "byte " + std::to_string(b.offset);
      if (!declared) {  // Z3's own names: fresh variables no problem symbol can be
        declared = true;
        for (const auto& [name, sort] : in.declarations()) {
          Type ty = sort == "Int" ? Type::op("int", {}) : sort == "Real" ? Type::op("real", {}) : sort == "Bool" ? boolean() : Type();
          if (!ty.is_null()) terms_.declare(name, Term::var(name + "|z3", ty));
        }
      }
      if (b.name.empty()) {  // the body: a proof of false
        Node root = proof(b.expr, b.expr.root);
        if (root.phi != false_term()) reject("the proof does not end in false");
        // ⊢ ~F discharges ~F: Γ ⊢ F, Γ the asserted formulas (and the definitions used).
        uint64_t nf = step("not_intro", {term(false_term()), step("assume", {term(false_term())})});
        uint64_t fin = step("prove_hyp", {nf, root.thm});
        out_.write(Emitter::make(Tag::End, {discharge_definitions(fin)}));
        if (cost_)
          for (const auto& [rule, c] : cost_by_rule_)
            fprintf(stderr, "cost by rule %s: %zu nodes, %zu theorems, %.2f s\n", rule.c_str(), c.nodes, c.theorems, c.seconds);
        return stats_;
      }
      if (b.name[0] == '@') {
        proofs_.emplace(b.name, proof(b.expr, b.expr.root));
        scratch_.clear();  // a named proof stays: later bindings may cite it
      } else {
        try {
          terms_.bind(b);
        } catch (const Failure& f) {
          // A term the elaboration cannot read (a Z3-internal name): later uses are holes.
          unreadable_.insert(b.name);
        }
      }
    }
    reject("the proof has no body");
  }

 private:
  [[noreturn]] void reject(const std::string& why) { throw Failure(Outcome::Rejected, "Z3 proof " + where_ + ": " + why); }
  uint64_t step(const char* rule, std::vector<uint64_t> args) {
    uint64_t id = out_.new_thm_id();
    scratch_.push_back(id);
    args.insert(args.begin(), id);
    out_.write(Emitter::make(Tag::Step, std::move(args), {rule}));
    return id;
  }
  // Deletes the theorems made since `mark` except `keep`, which then counts as made by the
  // caller's node: an inline sub-proof has one user, so its theorems go with that user's.
  // `keep` is adopted only if this node made it: a result that is a theorem kept for the
  // whole certificate (an atom's normal-form step, say) must never be deleted.
  void collect(size_t mark, uint64_t keep) {
    normal_->forget();
    theory_memo_.clear();
    operands_memo_.clear();
    bool mine = false;
    for (size_t k = mark; k < scratch_.size(); ++k)
      if (scratch_[k] != keep) {
        out_.write(Emitter::make(Tag::Del, {scratch_[k]}, {"thm"}));
        out_.release_thm_id(scratch_[k]);
      } else {
        mine = true;
      }
    scratch_.resize(mark);
    if (mine) scratch_.push_back(keep);
  }
  uint64_t term(const Term& t) { return out_.term(t); }
  uint64_t assume(const Term& t) { return step("assume", {term(t)}); }

  // N(φ) from a positive theorem of φ.
  uint64_t n_of(uint64_t pos, const Term& phi) { return step("not_elim", {assume(neg(phi)), pos}); }
  // Replaces the hypothesis ψ of an F-theorem by what N(ψ) needs (the premise's Γ).
  uint64_t use(const Node& premise, uint64_t f_thm) {
    return step("prove_hyp", {step("not_intro", {term(premise.phi), f_thm}), premise.thm});
  }
  // The standard shape: a positive theorem of φ from the premises assumed, then each
  // assumption traded for its premise's N.
  uint64_t from_positive(uint64_t pos, const Term& phi, const std::vector<Node>& premises) {
    return use_all(premises, n_of(pos, phi));
  }
  // `use` for each premise, once per formula.
  uint64_t use_all(const std::vector<Node>& premises, uint64_t f) {
    std::vector<Term> done;
    for (const Node& p : premises) {
      if (std::find(done.begin(), done.end(), p.phi) != done.end()) continue;
      done.push_back(p.phi);
      f = use(p, f);
    }
    return f;
  }

  uint64_t hole(const Term& phi, const std::string& rule) {
    if (holes_) fprintf(stderr, "hole %s %s: %s\n", rule.c_str(), where_.c_str(), render(phi).c_str());
    ++stats_.holes;
    ++stats_.holed[rule];
    uint64_t id = out_.new_thm_id();
    scratch_.push_back(id);
    out_.write(Emitter::make(Tag::Hole, {id, term(phi)}, {"z3 " + rule}));
    return n_of(id, phi);
  }

  // A proof expression (nested sub-proofs are translated first, innermost first).
  Node proof(const Sexp& e, uint32_t i, int depth = 0) {
    if (depth > 10000) reject("sub-proofs nested too deeply");
    const Sexp::Node& n = e.nodes[i];
    if (!n.list) {
      auto it = proofs_.find(n.atom);
      if (it == proofs_.end()) reject("no proof named " + n.atom);
      return it->second;
    }
    std::string rule = rule_of(e, i);
    if (rule.empty()) reject("not a proof rule application");
    ++stats_.nodes;
    size_t mark = scratch_.size();
    Term phi;
    try {
      phi = terms_.term(e, n.kids.back());
    } catch (const Failure&) {  // a Z3-internal name: no term, not even for a hole
      throw Failure(Outcome::Incomplete, "Z3 proof " + where_ + ": a " + rule + " step whose conclusion uses a name Z3 made up");
    }
    std::vector<Node> prem;
    for (size_t k = 1; k + 1 < n.kids.size(); ++k) prem.push_back(proof(e, n.kids[k], depth + 1));
    size_t before = scratch_.size();
    auto start = cost_ ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point();
    // A rewrite that brings in (or drops) a name not defined so far holds only by what the
    // name stands for: deferred at once (below) rather than tried in vain.
    bool defer = prem.empty() && (rule == "rewrite" || rule == "rewrite*") && one_sided_name(phi);
    uint64_t th = defer ? 0 : justify(rule, prem, phi);
    if (!th && !prem.empty() && rule != "lemma") th = propositional_consequence(rule, prem, phi);
    if (!th && !defer && !defs_.empty() && rule != "lemma" && rule != "intro-def") th = with_definitions(rule, prem, phi);
    if (!th && prem.empty() && (rule == "rewrite" || rule == "rewrite*") && !invented_names(phi).empty()) {
      // A rewrite over a name Z3 invented, perhaps before its intro-def: proved at the end,
      // once the name is replaced by its term (discharge_definitions); a hypothesis till then.
      deferred_.push_back({phi, rule});
      th = n_of(assume(phi), phi);
    }
    if (!th && rule == "asserted" && !invented_names(phi).empty()) {
      // `(check-sat-assuming (A))`: Z3 asserts `proxy!n` and `proxy!n => A`. Kept as a
      // hypothesis; at the end proxy!n is instantiated by A (guess_names) and the formula
      // is an asserted one again, found among the assertions or a hole.
      deferred_.push_back({phi, rule});
      th = n_of(assume(phi), phi);
    }
    // Diagnostics (spec/cli.md): the proof nodes that cost the most steps or time, and the
    // time by rule.
    if (cost_) {
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      auto& c = cost_by_rule_[rule];
      ++c.nodes, c.seconds += s, c.theorems += scratch_.size() - before;
      if (scratch_.size() - before > 20000 || s > 0.1)
        fprintf(stderr, "cost %s %s: %zu theorems, %.2f s: %s\n", rule.c_str(), where_.c_str(), scratch_.size() - before,
                s, render(phi, 300).c_str());
    }
    if (th) ++stats_.justified[rule];
    else th = hole(phi, rule);
    collect(mark, th);
    return {th, phi};
  }

  // The rules (spec/z3.md); 0 when this rule or this shape is not handled.
  uint64_t justify(const std::string& rule, const std::vector<Node>& p, const Term& phi) {
    Term a, b, c, d;
    // An asserted formula that is not literally one of the problem's assertions (Z3's
    // rendering of named assertions, say) is not assumed: it becomes a hole.
    if (rule == "asserted") {
      if (assertions_.count(phi)) return n_of(assume(phi), phi);
      if (!invented_names(phi).empty()) proxies_.push_back(phi);  // for guess_names
      return asserted_consequence(phi);
    }
    if (rule == "hypothesis") return n_of(assume(phi), phi);
    if (rule == "true-axiom" && p.empty() && phi == true_term()) return n_of(step("truth", {}), phi);
    if (rule == "intro-def" && p.empty()) return intro_def(phi);
    if (rule == "refl" && is_op(phi, "=", &a, &b) && a == b) return n_of(step("refl", {term(a)}), phi);
    if (rule == "symm" && p.size() == 1 && is_op(phi, "=", &a, &b) && p[0].phi == Term::eq(b, a))
      return from_positive(step("sym", {assume(p[0].phi)}), phi, p);
    if ((rule == "trans" || rule == "trans*") && !p.empty()) return trans(p, phi);
    if (rule == "mp" && p.size() == 2 && p[1].phi == Term::eq(p[0].phi, phi))
      return from_positive(step("eq_mp", {assume(p[1].phi), assume(p[0].phi)}), phi, p);
    if (rule == "commutativity" && is_op(phi, "=", &a, &b) && is_op(a, "=", &c, &d) && b == Term::eq(d, c)) {
      // ⊢ (c = d) = (d = c) by DEDUCT_ANTISYM of the two symmetric theorems.
      uint64_t x = step("sym", {assume(a)}), y = step("sym", {assume(b)});
      return n_of(step("sym", {step("deduct_antisym", {x, y})}), phi);
    }
    if (rule == "monotonicity" && is_op(phi, "=", &a, &b)) {
      uint64_t pos = cong(a, b, p, 0);
      return pos ? from_positive(pos, phi, p) : 0;
    }
    if (rule == "and-elim" && p.size() == 1) {
      // Down the right spine: φ is a conjunct or a whole tail (a nested conjunction).
      Term rest = p[0].phi, l, r;
      uint64_t cur = assume(rest);
      while (rest != phi && is_op(rest, "/\\", &l, &r)) {
        if (l == phi) return from_positive(step("conjunct1", {cur}), phi, p);
        cur = step("conjunct2", {cur});
        rest = r;
      }
      return rest == phi ? from_positive(cur, phi, p) : 0;
    }
    if (rule == "not-or-elim" && p.size() == 1 && is_neg(p[0].phi)) {
      Term disj = p[0].phi.rand();
      std::vector<Term> ds = spine(disj, "\\/");
      for (size_t k = 0; k < ds.size(); ++k) {
        if (phi == neg(ds[k])) {  // ~l: l gives the disjunction, against the premise
          uint64_t f = step("not_elim", {assume(p[0].phi), disj_intro(ds, k, assume(ds[k]))});
          return from_positive(step("not_intro", {term(ds[k]), f}), phi, p);
        }
        if (is_neg(ds[k]) && ds[k].rand() == phi) {  // a from ~(… \/ ~a \/ …): directly in N form
          uint64_t f = step("not_elim", {assume(p[0].phi), disj_intro(ds, k, assume(neg(phi)))});
          return use(p[0], f);
        }
      }
      return 0;
    }
    if (rule == "unit-resolution" && p.size() >= 2) {
      if (uint64_t th = unit_resolution(p, phi)) return th;
      // The clause's last literal may itself be a disjunction (the spine flattens it into
      // its pieces) that a unit refutes whole: the longest such tail is one literal.
      std::vector<Term> ls = spine(p[0].phi, "\\/");
      std::unordered_set<Term, TermHash> units;
      for (size_t k = 1; k < p.size(); ++k) units.insert(p[k].phi);
      size_t at = ls.size();
      Term t = ls.back();
      for (size_t j = ls.size() - 1; j-- > 1;) {
        t = Term::comb(Term::comb(or_const(), ls[j]), t);
        if (units.count(neg(t))) at = j;
      }
      return at < ls.size() ? unit_resolution(p, phi, at) : 0;
    }
    // Z3's clausal definitions and its propositional rewrites are tautologies of their
    // atoms; a rewrite that needs theory reasoning fails the check and stays a hole.
    bool th_lemma = rule.rfind("th-lemma", 0) == 0;
    if ((rule == "def-axiom" || rule == "rewrite" || rule == "rewrite*" || th_lemma) && p.empty()) {
      // A rewrite between formulas: normal forms first (linear in the formula where a case
      // split over a flattened conjunction of 30 formulas is not), then the case split.
      bool iff = rule != "def-axiom" && !th_lemma && is_op(phi, "=", &a, &b) && a.type() == boolean();
      // Nested conditionals: decision diagrams, linear in the DAG where the split is not
      // (and cheaper than the normal forms, which expand each bool conditional).
      uint64_t th = 0;
      if (!th_lemma && rule != "def-axiom" && is_op(phi, "=", &a, &b) && mentions_cond(phi) &&
          (th = diagrams_->equal(a, b)))
        return th;
      if (iff && (th = normal_->equal(a, b))) return th;
      std::string cm;
      th = refute_negation(sink_, phi, &cm, 4096, 400, &theory_);
      // A step over a name Z3 invented holds only with the name's definition (with_definitions
      // tries that): a countermodel of the step alone proves nothing.
      if (!th && !cm.empty() && invented_names(phi).empty() && !guessed_)
        reject("a " + rule + " step states a false formula (" + cm + ")");
      if (!th && iff) th = congruent(a, b, 0);
      // A rewrite between terms (`1 + f(x - 2) = 1 + f(-2 + x)`): congruence down to
      // arithmetic.
      if (!th && !th_lemma && rule != "def-axiom" && is_op(phi, "=", &a, &b) && a.type() != boolean()) {
        int budget = 64;
        th = terms_equal(a, b, 0, budget);
      }
      if (!th && iff) th = rewrite_with_applications(a, b);
      return th;
    }
    if (rule == "iff-true" && p.size() == 1 && phi == Term::eq(p[0].phi, true_term()))
      return from_positive(step("eqt_intro", {assume(p[0].phi)}), phi, p);
    if (rule == "iff-false" && p.size() == 1 && is_neg(p[0].phi) && phi == Term::eq(p[0].phi.rand(), false_term())) {
      // ~ψ ⊢ ψ = F: F gives ψ, and ψ with ~ψ gives F.
      const Term& psi = p[0].phi.rand();
      uint64_t to = step("contr", {term(psi), assume(false_term())});
      uint64_t from = step("not_elim", {assume(p[0].phi), assume(psi)});
      return from_positive(step("deduct_antisym", {to, from}), phi, p);
    }
    if (rule == "lemma" && p.size() == 1 && p[0].phi == false_term()) return lemma(p[0], phi);
    if (th_lemma && !p.empty())
      if (uint64_t th = theory_lemma(p, phi)) return th;
    return 0;
  }

  // An asserted formula that is not literally an assertion: Z3's own form of one (unsat-core
  // tracking literals, `(and (distinct x y) true)`, ...). Accepted when it is a tautology
  // or follows propositionally from one assertion that shares an atom with it (16 tried),
  // or equals the first such assertion by congruence (a large assertion, flattened).
  uint64_t asserted_consequence(const Term& phi) {
    bool cond = mentions_cond(phi);
    std::vector<Term> atoms = atoms_of(phi, 64);
    // A formula of 64 atoms or more is most likely an assertion restated (its case split
    // would meet thousands of arithmetic leaves first): the restatement is tried first.
    bool large = atoms.size() >= 64;
    if (!large && !cond)
      if (uint64_t th = refute_negation(sink_, phi, nullptr, 4096, 400, &theory_)) return th;
    std::unordered_set<Term, TermHash> mine(atoms.begin(), atoms.end()), my_syms = symbols_of(atoms);
    if (assertion_atoms_.empty())
      for (const Term& a : assertion_list_) assertion_atoms_.push_back({a, atoms_of(a, 64)});
    // Candidates sharing an atom first, then (Z3 writes 0 as 0.0) those sharing a symbol.
    std::vector<const Term*> cands;
    for (int pass = 0; pass < 2; ++pass)
      for (const auto& [a, its] : assertion_atoms_) {
        bool atom = std::any_of(its.begin(), its.end(), [&](const Term& x) { return mine.count(x) > 0; });
        if (pass == 0 ? !atom : atom) continue;
        if (pass == 1) {
          auto syms = symbols_of(its);
          if (std::none_of(syms.begin(), syms.end(), [&](const Term& x) { return my_syms.count(x) > 0; })) continue;
        }
        cands.push_back(&a);
      }
    // The best candidate, restated: a = φ by congruence (flattened, say), or by diagrams
    // (with conditionals, which Z3 simplified).
    auto restated = [&](const Term& a, bool by_diagrams = false) -> uint64_t {
      Term e = Term::eq(a, phi);
      uint64_t ne = by_diagrams ? diagrams_->equal(a, phi) : congruent(a, phi, 0);
      return ne ? from_positive(step("eq_mp", {assume(e), assume(a)}), phi, {{ne, e}}) : 0;
    };
    if (cond && !cands.empty())
      if (uint64_t th = restated(*cands[0], true)) return th;
    if (large && !cands.empty())
      if (uint64_t th = restated(*cands[0])) return th;
    if (large || cond)
      if (uint64_t th = refute_negation(sink_, phi, nullptr, 4096, 400, &theory_)) return th;
    int tries = 0;
    for (const Term* ap : cands) {
      const Term& a = *ap;
      if (++tries > 16) break;
      Term imp = Term::comb(Term::comb(imp_const(), a), phi);
      uint64_t n = refute_negation(sink_, imp, nullptr, 256, 400, &theory_);
      if (!n && tries == 1 && !large)
        if (uint64_t th = restated(a)) return th;
      if (!n) continue;
      // {a, ~φ} ⊢ ~(a ==> φ), which discharges ~(a ==> φ) from N(a ==> φ).
      uint64_t f = step("not_elim", {assume(neg(phi)), step("mp", {assume(imp), assume(a)})});
      return step("prove_hyp", {step("not_intro", {term(imp), f}), n});
    }
    return 0;
  }

  // The problem's symbols (constants and variables without a theory prefix) in the atoms.
  static std::unordered_set<Term, TermHash> symbols_of(const std::vector<Term>& atoms) {
    std::unordered_set<Term, TermHash> out, seen;
    std::vector<Term> todo(atoms.begin(), atoms.end());
    while (!todo.empty() && seen.size() < 5000) {
      Term t = todo.back();
      todo.pop_back();
      if (!seen.insert(t).second) continue;
      if (t.kind() == TermKind::Comb) todo.push_back(t.rator()), todo.push_back(t.rand());
      else if ((t.kind() == TermKind::Const || t.kind() == TermKind::Var) && t.name().find('.') == std::string::npos &&
               t.name() != "=" && t.name() != "~" && t.name() != "T" && t.name() != "F")
        out.insert(t);
    }
    return out;
  }

  // N(l = r) for a rewrite too large for one case split (De Morgan over 5 × 5 atoms, say):
  // when l and r apply the same connective, each pair of differing operands is proved
  // equal on its own (by the case split, or again by congruence), and MK_COMB rebuilds
  // l = r under those equations, which are then traded for their N's.
  uint64_t congruent(const Term& l, const Term& r, int depth) {
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
      if (x.type() != boolean()) return 0;
    std::vector<Node> eqs;
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

  // N(a = b) for two terms of one non-bool type, by congruence and arithmetic: a = b by the
  // case split with the arithmetic at its leaves; else, for two applications of one
  // function, each differing argument pair on its own, then MK_COMB; else the problem's
  // function applications inside a and b that differ are paired by function, each pair
  // proved equal on its own, and `e1 ==> … ==> a = b` by the case split (the equations are
  // linear facts about those applications as arithmetic variables). At most 64 attempts
  // in all (`budget`), 8 levels deep.
  uint64_t terms_equal(const Term& a, const Term& b, int depth, int& budget) {
    if (depth > 8 || --budget < 0 || a.type() != b.type()) return 0;
    Term e = Term::eq(a, b);
    if (a == b) return n_of(step("refl", {term(a)}), e);
    if (uint64_t n = refute_negation(sink_, e, nullptr, 256, 400, &theory_)) return n;
    // f x1 … xn and f y1 … yn (f the same, not a theory operator: those are the case split's).
    std::vector<Term> xs, ys;
    Term f = a, g = b;
    while (f.kind() == TermKind::Comb && g.kind() == TermKind::Comb)
      xs.push_back(f.rand()), ys.push_back(g.rand()), f = f.rator(), g = g.rator();
    if (f == g && f.kind() == TermKind::Var && !xs.empty()) {
      std::vector<Node> eqs;
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
    std::vector<Node> eqs = paired_applications(a, b, depth, budget);
    if (eqs.empty()) return 0;
    return propositional_consequence("rewrite", eqs, e, false);
  }

  // The applications of the problem's functions (a variable applied) in a and b, outermost
  // only, that differ: each paired with one of the other side with the same function that
  // terms_equal proves equal to it (its arguments equal up to arithmetic, say). Their
  // equations and N's; at most 8.
  std::vector<Node> paired_applications(const Term& a, const Term& b, int depth, int& budget) {
    auto apps = [](const Term& t) {
      std::vector<Term> out, todo{t};
      std::unordered_set<Term, TermHash> seen;
      while (!todo.empty() && out.size() < 64 && seen.size() < 20000) {
        Term u = todo.back();
        todo.pop_back();
        if (u.kind() != TermKind::Comb || !seen.insert(u).second) continue;
        Term h = u;
        while (h.kind() == TermKind::Comb) h = h.rator();
        if (h.kind() == TermKind::Var) out.push_back(u);
        else todo.push_back(u.rator()), todo.push_back(u.rand());
      }
      return out;
    };
    auto head = [](Term t) {
      while (t.kind() == TermKind::Comb) t = t.rator();
      return t;
    };
    std::vector<Term> as = apps(a), bs = apps(b);
    std::vector<Node> eqs;
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

  // N(l = r) for a rewrite between formulas whose function applications differ in their
  // arguments (`f(x + -1*y) < 0` for `f(x - y) < 0`): each application of l is replaced by
  // its partner in r (paired_applications), l = l' by congruence under those equations, and
  // l' = r by the rewrite's own means (normal forms, the case split, congruence).
  uint64_t rewrite_with_applications(const Term& l, const Term& r, int depth = 0) {
    if (depth > 64) return 0;
    int budget = 64;
    std::vector<Node> eqs = paired_applications(l, r, 0, budget);
    if (eqs.empty()) return 0;
    std::unordered_map<Term, Term, TermHash> to;
    for (const Node& n : eqs) to.emplace(n.phi.lhs(), n.phi.rhs());
    std::unordered_map<Term, Term, TermHash> memo;
    Term lp = replaced(l, to, memo, 0);
    if (lp.is_null() || lp == l) return 0;
    uint64_t pos = cong(l, lp, eqs, 0);  // {eqs} ⊢ l = l'
    if (!pos) return 0;
    Term e2 = Term::eq(lp, r);
    uint64_t n2 = lp == r ? n_of(step("refl", {term(r)}), e2) : normal_->equal(lp, r);
    if (!n2) n2 = refute_negation(sink_, e2, nullptr, 4096, 400, &theory_);
    if (!n2) n2 = congruent(lp, r, depth + 1);
    if (!n2) return 0;
    eqs.push_back({n2, e2});
    return from_positive(step("trans", {pos, assume(e2)}), Term::eq(l, r), eqs);
  }
  // t with the subterms in `to` replaced (not under binders), or null beyond 2,000 levels.
  static Term replaced(const Term& t, const std::unordered_map<Term, Term, TermHash>& to,
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

  // N(a = b) for two operands: by the case split, or by congruence (first, when both are
  // conjunctions or both disjunctions: a split over their atoms would be large).
  // Also first by congruence for two conditionals (their three operands pairwise). Results
  // are remembered for the proof node (a shared subformula is met again on every path).
  uint64_t operands_equal(const Term& a, const Term& b, int depth) {
    Term e = Term::eq(a, b);
    if (auto it = operands_memo_.find(e); it != operands_memo_.end()) return it->second;
    bool both = (is_op(a, "/\\") && is_op(b, "/\\")) || (is_op(a, "\\/") && is_op(b, "\\/")) ||
                (a.type() == boolean() && is_cond(a) && is_cond(b));
    uint64_t n = both ? congruent(a, b, depth + 1) : 0;
    // Two nests of 64 atoms or more that congruence could not pair are not split on either:
    // under a restated assertion each level's failure would retry the case split on the
    // whole rest (miplib-pp08a: 1,000 conjuncts, 46 s of failing splits).
    if (!n && !(both && atoms_of(e, 64).size() >= 64)) n = refute_negation(sink_, e, nullptr, 4096, 400, &theory_);
    if (!n && !both) n = congruent(a, b, depth + 1);
    if (!n) n = rewrite_with_applications(a, b, depth + 1);  // `f(0 - 9)` for `f(0.0 - 9.0)`
    operands_memo_[e] = n;
    return n;
  }

  // t with its i-th flattened operand replaced by to[i], proved equal under the equations
  // `from[i] = to[i]` assumed where they differ (leaves numbered as `flatten` does).
  uint64_t rebuild(const Term& t, const char* op, const std::vector<Term>& from, const std::vector<Term>& to, size_t& i,
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
  // Congruence modulo association: l and r are nests of one connective with as many
  // operands, paired left to right. Each differing pair is proved equal on its own; l = l'
  // (l's shape, r's operands) by MK_COMB under those equations; l' = r by the case split with
  // the operands as shared atoms (association alone). N(l = r) from the two.
  uint64_t congruent_ac(const Term& l, const Term& r, int depth) {
    const char* op = is_op(l, "/\\") && is_op(r, "/\\") ? "/\\" : is_op(l, "\\/") && is_op(r, "\\/") ? "\\/" : nullptr;
    if (!op) return 0;
    std::vector<Term> ls = flatten(l, op), rs = flatten(r, op);
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
    std::vector<Node> eqs;
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
    uint64_t na = lp == r ? 0 : refute_negation(sink_, assoc, nullptr, 4096, 400, &theory_);
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
  // What pairs unlike operands (congruent_ac): the signatures of a formula's operands, one
  // level of its own connective (/\ or \/) flattened, at most 400, as sorted hashes; how
  // alike two formulas are is how many of these they share. A collision only misleads the
  // pairing, which the proof then refuses.
  std::vector<size_t> parts(const Term& t) {
    std::vector<Term> ops = is_op(t, "/\\") ? flatten(t, "/\\") : is_op(t, "\\/") ? flatten(t, "\\/") : std::vector<Term>{t};
    std::vector<size_t> out;
    for (size_t k = 0; k < ops.size() && k < 400; ++k) out.push_back(std::hash<std::string>{}(signature(ops[k])));
    std::sort(out.begin(), out.end());
    return out;
  }
  static size_t likeness(const std::vector<size_t>& a, const std::vector<size_t>& b) {
    size_t n = 0;
    for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
      if (a[i] == b[j]) ++n, ++i, ++j;
      else if (a[i] < b[j]) ++i;
      else ++j;
    }
    return n;
  }
  // A name for a formula up to what congruent_ac can prove: /\ and \/ nests flattened and
  // sorted, ~~ dropped, arithmetic atoms by their constraint (Arith::key), others by identity.
  const std::string& signature(const Term& t) {
    auto it = signatures_.find(t);
    if (it != signatures_.end()) return it->second;
    std::string sig;
    Term a;
    if (is_neg(t)) {
      sig = signature(t.rand());
      sig = sig.rfind("~", 0) == 0 ? sig.substr(1) : "~" + sig;
    } else if (is_op(t, "/\\") || is_op(t, "\\/")) {
      const char* op = is_op(t, "/\\") ? "/\\" : "\\/";
      std::vector<std::string> parts;
      for (const Term& u : flatten(t, op)) parts.push_back(signature(u));
      std::sort(parts.begin(), parts.end());
      sig = std::string("(") + op;
      for (const std::string& p : parts) sig += " " + p;
      sig += ")";
    } else if (auto k = arith_->key(t)) {
      sig = (k->second ? "~" : "") + std::string("[") + k->first + "]";
    } else {
      sig = "#" + std::to_string(t.serial());
    }
    if (sig.size() > 100000) sig = "#" + std::to_string(t.serial());
    return signatures_.emplace(t, sig).first->second;
  }
  Term rebuild_term(const Term& t, const char* op, const std::vector<Term>& to) {
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

  // th-lemma with premises (Z3's farkas steps over a conflict's hypotheses, 111 of them in
  // diamonds.10.10): the arithmetic refuter on the premises and the negated disjuncts of φ
  // at once, {p1, …, pn, ~d1, …} ⊢ F, then each premise traded for its N and each negated
  // disjunct for ~φ (as `lemma` does). The generic fallback (p1 ==> … ==> φ by the case
  // split) costs steps quadratic in n, each leaf re-proving the chain of implications.
  uint64_t theory_lemma(const std::vector<Node>& p, const Term& phi) {
    std::vector<Term> lits;
    for (const Node& n : p) lits.push_back(n.phi);
    if (phi != false_term())
      for (const Term& d : spine(phi, "\\/")) lits.push_back(is_neg(d) ? d.rand() : neg(d));
    for (const Term& l : lits)
      if (!Arith::is_atom(is_neg(l) ? l.rand() : l)) return 0;
    if (!arith_refuter_(sink_, lits, false, nullptr)) return 0;
    uint64_t f = arith_refuter_(sink_, lits, true, nullptr);
    if (!f) return 0;
    f = use_all(p, f);
    return phi == false_term() ? f : negated_disjuncts(f, phi);
  }

  // The fallback for a step whose shape the rules above do not know (Z3's curried
  // implications under unsat-core names, say): φ when p1 ==> … ==> pn ==> φ is a tautology
  // (256 cases at most); rejected when false under an assignment of propositional variables
  // alone. {p1, …, pn, ~φ} ⊢ ~(p1 ==> …) by MP discharges the implication's
  // negation; each pi is then traded for its N. Not for lemma, whose premise's hypotheses
  // are its own business.
  uint64_t propositional_consequence(const std::string& rule, const std::vector<Node>& p, const Term& phi,
                                     bool may_reject = true) {
    std::vector<Term> ps;
    for (const Node& n : p)
      if (std::find(ps.begin(), ps.end(), n.phi) == ps.end()) ps.push_back(n.phi);
    std::vector<Term> imps{phi};  // imps[k] = ps[k..] ==> φ, built from the back
    for (size_t k = ps.size(); k-- > 0;) imps.insert(imps.begin(), Term::comb(Term::comb(imp_const(), ps[k]), imps.front()));
    std::string cm;
    uint64_t n = refute_negation(sink_, imps.front(), &cm, 256, 400, &theory_);
    if (!n && may_reject && !cm.empty() && undefined_names(imps.front(), ps).empty())
      reject("a " + rule + " step does not follow from its premises (" + cm + ")");
    if (!n) return 0;
    uint64_t cur = assume(imps.front());
    for (size_t k = 0; k < ps.size(); ++k) cur = step("mp", {cur, assume(ps[k])});
    uint64_t f = step("not_elim", {assume(neg(phi)), cur});
    return use_all(p, step("prove_hyp", {step("not_intro", {term(imps.front()), f}), n}));
  }

  // trans/trans*: a chain a = b, b = c, … in order, or any order for trans* (a path).
  uint64_t trans(const std::vector<Node>& p, const Term& phi) {
    Term a, b;
    if (!is_op(phi, "=", &a, &b)) return 0;
    std::vector<bool> used(p.size(), false);
    Term at = a;
    uint64_t cur = 0;
    for (size_t step_no = 0; step_no < p.size() && at != b; ++step_no) {
      bool found = false;
      for (size_t k = 0; k < p.size() && !found; ++k) {
        Term l, r;
        if (used[k] || !is_op(p[k].phi, "=", &l, &r)) continue;
        uint64_t e = 0;
        Term next;
        if (l == at) e = assume(p[k].phi), next = r;
        else if (r == at) e = step("sym", {assume(p[k].phi)}), next = l;
        else continue;
        cur = cur ? step("trans", {cur, e}) : e;
        at = next;
        used[k] = found = true;
      }
      if (!found) return 0;
    }
    if (at != b || !cur) return 0;
    return from_positive(cur, phi, p);
  }

  // l = r from the premises' equalities, by congruence down the two terms.
  uint64_t cong(const Term& l, const Term& r, const std::vector<Node>& p, int depth) {
    if (depth > 1000) return 0;
    if (l == r) return step("refl", {term(l)});
    for (const Node& n : p) {
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

  // ds[0] \/ (ds[1] \/ …), right-nested as Z3's n-ary or is elaborated.
  static Term disjunction(const std::vector<Term>& ds) {
    Term t = ds.back();
    for (size_t j = ds.size() - 1; j-- > 0;) t = Term::comb(Term::comb(or_const(), ds[j]), t);
    return t;
  }

  // ⊢ ds[0] \/ (ds[1] \/ …) from a theorem of ds[k].
  uint64_t disj_intro(const std::vector<Term>& ds, size_t k, uint64_t th) {
    // Innermost first: the tail s_k (ds[k] itself if last, else ds[k] \/ s_{k+1}).
    std::vector<Term> tails(ds.size());
    tails.back() = ds.back();
    for (size_t j = ds.size() - 1; j-- > 0;)
      tails[j] = Term::comb(Term::comb(or_const(), ds[j]), tails[j + 1]);
    uint64_t cur = k + 1 == ds.size() ? th : step("disj1", {th, term(tails[k + 1])});
    for (size_t j = k; j-- > 0;) cur = step("disj2", {term(ds[j]), cur});
    return cur;
  }

  // unit-resolution: CLAUSE_INTRO of the assumed clause gives {C, comp(l1), …} ⊢ F
  // (spec/sat.md's clause theorem, no case split). A literal refuted by a unit leaves the
  // unit itself as hypothesis; a literal kept in φ has its complement discharged from ~φ
  // (for l positive, {~φ} ⊢ ~l; for l = ~a, NOT_INTRO a gives l, hence φ, against ~φ).
  // Then C and the units are traded for their N's.
  // With tail_at < the clause's length, its literals from there on are the pieces of one
  // literal (a disjunction) that a unit refutes: each piece's complement is discharged
  // through that unit, as a kept literal's is through ~φ.
  uint64_t unit_resolution(const std::vector<Node>& p, const Term& phi, size_t tail_at = SIZE_MAX) {
    std::vector<Term> ls = spine(p[0].phi, "\\/"), pieces;
    if (tail_at < ls.size()) {
      pieces.assign(ls.begin() + tail_at, ls.end());
      ls.resize(tail_at);
      ls.push_back(disjunction(pieces));
    }
    auto refuted = [&](const Term& l) {
      for (size_t k = 1; k < p.size(); ++k)
        if (p[k].phi == neg(l) || (is_neg(l) && l.rand() == p[k].phi)) return true;
      return false;
    };
    // φ's literals: the clause's unrefuted ones when φ is their disjunction (a literal may
    // itself be a disjunction), else φ's own disjuncts.
    std::vector<Term> out;
    for (const Term& l : ls)
      if (!refuted(l) && std::find(out.begin(), out.end(), l) == out.end()) out.push_back(l);
    if (phi == false_term()) out.clear();
    else if (out.empty() || disjunction(out) != phi) out = spine(phi, "\\/");
    if (phi != false_term() && disjunction(out) != phi) return 0;
    uint64_t f = step("clause_intro", {assume(p[0].phi)});
    if (!pieces.empty()) {  // comp(piece) from ~tail, the unit's formula, as `lemma` trades them
      const Term& tail = ls.back();
      if (!refuted(tail) || is_neg(tail)) return 0;
      f = negated_disjuncts(f, tail);
    }
    std::vector<Term> done;
    for (size_t i = 0; i < ls.size(); ++i) {
      const Term& l = ls[i];
      if (!pieces.empty() && i + 1 == ls.size()) continue;  // the tail: its pieces are done
      if (refuted(l) || std::find(done.begin(), done.end(), l) != done.end()) continue;
      done.push_back(l);
      auto it = std::find(out.begin(), out.end(), l);
      if (it == out.end()) {
        // A clause literal that is itself a disjunction, flattened into φ's tail: from l,
        // φ by DISJ2 down to that tail; so {~φ} ⊢ ~l discharges ~l.
        size_t k = 1;
        for (; k < out.size(); ++k)
          if (disjunction(std::vector<Term>(out.begin() + k, out.end())) == l) break;
        if (k >= out.size() || is_neg(l)) return 0;
        uint64_t cur = assume(l);
        for (size_t j = k; j-- > 0;) cur = step("disj2", {term(out[j]), cur});
        uint64_t nl = step("not_intro", {term(l), step("not_elim", {assume(neg(phi)), cur})});
        f = step("prove_hyp", {nl, f});
        continue;
      }
      size_t k = it - out.begin();
      if (!is_neg(l)) {  // hypothesis ~l, from ~φ
        uint64_t nl = step("not_intro", {term(l), step("not_elim", {assume(neg(phi)), disj_intro(out, k, assume(l))})});
        f = step("prove_hyp", {nl, f});
      } else {  // hypothesis a for l = ~a: NOT_INTRO a gives l
        uint64_t lth = step("not_intro", {term(l.rand()), f});
        f = step("not_elim", {assume(neg(phi)), disj_intro(out, k, lth)});
      }
    }
    return use_all(p, f);
  }

  // intro-def: Z3 names a term or formula with one of its declared names n (a fresh
  // variable here). The definition D(n) is kept as a hypothesis, N(D) = {D, ~D} ⊢ F, and
  // recorded with n's term: COND c a b for `(~c \/ n = a) /\ (c \/ n = b)`, e for
  // `(n \/ ~e) /\ (~n \/ e)`, `~n \/ e` or `n \/ ~e`. At the end n is instantiated by its
  // term and D, then a tautology, is discharged (discharge_definitions).
  uint64_t intro_def(const Term& phi) {
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
    return n_of(assume(phi), phi);
  }
  // A step no rule justified that mentions defined names: again, with their definitions as
  // extra premises (each a hypothesis, discharged at the end).
  uint64_t with_definitions(const std::string& rule, std::vector<Node> prem, const Term& phi) {
    std::vector<Term> terms{phi};
    for (const Node& p : prem) terms.push_back(p.phi);
    size_t before = prem.size();
    for (const Definition& d : defs_) {
      bool used = false;
      for (const Term& t : terms)
        for (const Term& v : t.frees()) used = used || v == d.name;
      if (used) prem.push_back({n_of(assume(d.formula), d.formula), d.formula});
    }
    if (prem.size() == before) return 0;
    return propositional_consequence(rule, prem, phi);
  }
  // The names Z3 invented (`z3name!n|z3`, defined or not yet) that occur in t.
  static bool invented(const Term& v) {
    return v.kind() == TermKind::Var && v.name().size() > 3 && v.name().compare(v.name().size() - 3, 3, "|z3") == 0;
  }
  static std::vector<Term> invented_names(const Term& t) {
    std::vector<Term> out;
    for (const Term& v : t.frees())
      if (invented(v)) out.push_back(v);
    return out;
  }
  // Whether `l = r` mentions an invented name with no intro-def so far on one side only.
  bool one_sided_name(const Term& phi) const {
    Term l, r;
    if (!is_op(phi, "=", &l, &r)) return false;
    auto fl = l.frees(), fr = r.frees();
    for (const Term& v : invented_names(phi)) {
      if (std::any_of(defs_.begin(), defs_.end(), [&](const Definition& d) { return d.name == v; })) continue;
      if ((std::find(fl.begin(), fl.end(), v) == fl.end()) != (std::find(fr.begin(), fr.end(), v) == fr.end())) return true;
    }
    return false;
  }
  // Those whose definitions are not among `given`: a countermodel that leaves them free
  // does not refute a step that uses them (Z3 may define them only later).
  std::vector<Term> undefined_names(const Term& t, const std::vector<Term>& given) const {
    std::vector<Term> out;
    for (const Term& v : invented_names(t)) {
      bool ok = false;
      for (const Definition& d : defs_)
        ok = ok || (d.name == v && std::find(given.begin(), given.end(), d.formula) != given.end());
      if (!ok) out.push_back(v);
    }
    return out;
  }
  // Γ ∪ {D1, …} ⊢ F to Γ ⊢ F: INST each name by its term (the last defined first, so the
  // terms' own names go later), then each instantiated definition is a tautology of COND
  // (the case split), which NOT_INTRO/PROVE_HYP discharges; one it cannot prove is a hole.
  // The deferred rewrites likewise: after the INSTs each is a formula without those names,
  // proved by the rewrite's own means (normal forms, case split, congruence) or a hole.
  uint64_t discharge_definitions(uint64_t fin) {
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
      else if (rule != "intro-def" && is_op(f, "=", &l, &r) && mentions_cond(f)) n = diagrams_->equal(l, r);
      if (!n) n = refute_negation(sink_, f, nullptr, 4096, 400, &theory_);
      if (!n) n = hole(f, rule);
      fin = step("prove_hyp", {step("not_intro", {term(f), fin}), n});
    }
    return fin;
  }
  // For each invented name without a definition that occurs in a deferred rewrite l = r on
  // one side only: the term that stands in its place on the other side, found by matching
  // the side's atoms that mention it against the other side's atoms (the name a pattern
  // variable). Appended to `names`; nothing is assumed about it (INST is a rule: a wrong
  // guess only leaves the rewrite unproved).
  void guess_names(std::vector<std::pair<Term, Term>>& names) {
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
  // The atoms of a formula for guess_names: below the connectives and bool COND (at most
  // 2,000 distinct subformulas visited).
  static std::vector<Term> guess_atoms(const Term& t) {
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
  // Does pattern p match t, each of the variables `vars` standing for one term (`bound`)?
  // (`budget` bounds the work and the recursion: one unit per node visited.)
  // Pairs that matched are remembered (`done`), so shared subterms are walked once.
  static bool match(const Term& p, const Term& t, const std::vector<Term>& vars,
                    std::unordered_map<Term, Term, TermHash>& bound, int& budget) {
    std::set<std::pair<uint64_t, uint64_t>> done;
    return match(p, t, vars, bound, budget, done, 0);
  }
  static bool match(const Term& p, const Term& t, const std::vector<Term>& vars, std::unordered_map<Term, Term, TermHash>& bound,
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
  bool guessed_ = false;  // names were guessed (guess_names): no step is rejected by a countermodel
  std::vector<std::pair<Term, std::string>> deferred_;  // rewrites over invented names, and their rule
  std::vector<Term> proxies_;  // asserted formulas over invented names (`proxy!n => A`)
  struct Definition {
    Term name, term, formula;
  };
  std::vector<Definition> defs_;

  // lemma: N(false) with local hypotheses h gives N(ψ), ψ the disjunction of their
  // negations (or of a for a hypothesis ~a), by trading each hypothesis for ~ψ.
  uint64_t lemma(const Node& p, const Term& psi) {
    uint64_t nf = step("not_intro", {term(false_term()), assume(false_term())});
    return negated_disjuncts(step("prove_hyp", {nf, p.thm}), psi);  // Γ ⊢ F first
  }
  // Γ ⊢ F, Γ holding (some of) the negations of ψ's disjuncts (h for a disjunct ~h), gives
  // N(ψ) with those hypotheses traded for ~ψ.
  uint64_t negated_disjuncts(uint64_t cur, const Term& psi) {
    std::vector<Term> ds = spine(psi, "\\/");
    std::unordered_set<Term, TermHash> seen;
    for (size_t k = 0; k < ds.size(); ++k) {
      if (!seen.insert(ds[k]).second) continue;  // a disjunct twice: traded once
      if (is_neg(ds[k])) {  // hypothesis h = ds[k].rand(): ~h gives ψ
        Term h = ds[k].rand();
        uint64_t nh = step("not_intro", {term(h), cur});
        cur = step("not_elim", {assume(neg(psi)), disj_intro(ds, k, nh)});
      } else {  // hypothesis ~a, a = ds[k]: ~ψ gives ~a
        uint64_t na = step("not_intro", {term(ds[k]), step("not_elim", {assume(neg(psi)), disj_intro(ds, k, assume(ds[k]))})});
        cur = step("prove_hyp", {na, cur});
      }
    }
    return cur;
  }

  TermReader terms_;
  cert::Emitter& out_;
  std::unordered_map<std::string, Node> proofs_;
  std::vector<uint64_t> scratch_;  // theorem ids made since the current top-level binding
  std::unordered_set<std::string> unreadable_;
  std::unordered_set<Term, TermHash> assertions_;
  Z3Stats stats_;
  std::string where_;
  StepSink sink_, lemma_sink_;
  std::unique_ptr<Arith> arith_;
  std::unordered_map<Term, std::string, TermHash> signatures_;
  std::unordered_map<Term, uint64_t, TermHash> operands_memo_;  // operands_equal, per proof node
  std::unique_ptr<Normaliser> normal_;
  std::unique_ptr<Diagrams> diagrams_;
  bool holes_ = getenv("HCERT_Z3_HOLES") != nullptr, cost_ = getenv("HCERT_Z3_COST") != nullptr;
  struct Cost {
    size_t nodes = 0, theorems = 0;
    double seconds = 0;
  };
  std::map<std::string, Cost> cost_by_rule_;  // HCERT_Z3_COST: what each rule's nodes took
  std::unordered_map<std::string, std::pair<bool, bool>> theory_memo_;  // leaf literals: refuted, satisfiable  // its proofs live until the node's scratch goes
  TheoryRefuter arith_refuter_;
  std::unique_ptr<CondLemmas> cond_;
  Theories theory_;  // what the case split knows: arithmetic, COND
  std::vector<Term> assertion_list_;
  std::vector<std::pair<Term, std::vector<Term>>> assertion_atoms_;  // filled on first need
};

}  // namespace

Z3Stats z3_to_certificate(check::SmtContext& ctx, const std::string& sha, ProofReader& in, cert::Emitter& out) {
  try {
    return Translator(ctx, out).run(sha, in);
  } catch (const KernelError& e) {
    throw Failure(Outcome::Rejected, std::string("Z3 translation: ") + e.what());
  }
}

}  // namespace hcert::z3
