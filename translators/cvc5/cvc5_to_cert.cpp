#include "translators/cvc5/cvc5_to_cert.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "translators/cvc5/translator.hpp"

namespace hcert::cvc5 {

Translator::Translator(check::SmtContext& ctx, cert::Emitter& out)
    : ctx_(ctx), out_(out), scratch_(out), tools_(out, [this](const char* r, std::vector<uint64_t> a) { return step(r, std::move(a)); }) {
  assertion_list_ = ctx.problem().assertions;
  assertions_.insert(assertion_list_.begin(), assertion_list_.end());
}

std::vector<Term> Translator::arg_terms(const smt::Script& s, int64_t args) {
  std::vector<Term> out;
  if (args < 0) return out;
  const smt::Node& n = s.nodes[args];
  if (n.kind == smt::Node::List) {
    for (uint32_t k : n.kids) out.push_back(elaborate(s, k));
    return out;
  }
  if (auto it = lists_.find(n.text); n.kind == smt::Node::Symbol && it != lists_.end()) {
    const smt::Script& l = it->second;
    if (l.nodes[0].kind == smt::Node::List)
      for (uint32_t k : l.nodes[0].kids) out.push_back(elaborate(l, k));
    return out;
  }
  out.push_back(elaborate(s, static_cast<uint32_t>(args)));
  return out;
}

void Translator::collect(size_t mark, uint64_t keep) {
  tools_.forget();
  scratch_.collect(mark, keep, [this](uint64_t id) { absurd_.erase(id); });
}

uint64_t Translator::hole(const Term& phi, const std::string& rule) {
  if (holes_) fprintf(stderr, "hole %s %s: %s\n", rule.c_str(), where_.c_str(), render(phi, getenv("HCERT_CVC5_HOLES_FULL") ? 100000000 : 600).c_str());
  ++stats_.holes;
  ++stats_.holed[rule];
  uint64_t id = scratch_.fresh();
  out_.write(Emitter::make(Tag::Hole, {id, term(phi)}, {"cvc5 " + rule}));
  return n_of(id, phi);
}

// Opens the step at s.nodes[i] (a rule application): its rule and conclusion, read before
// its premises are.
void Translator::open_step(ProofFrame& f) {
  const smt::Script& s = *f.s;
  const smt::Node& n = s.nodes[f.i];
  f.rule = rule_of(s, f.i);
  if (f.rule.empty()) reject("not a proof rule application");
  if (n.kids.size() < 3 || s.nodes[n.kids[1]].kind != smt::Node::Keyword || s.nodes[n.kids[1]].text != "conclusion")
    throw Failure(Outcome::InputError, "cvc5 proof " + where_ + ": a " + f.rule +
                                           " step without its conclusion (print the proof with --proof-print-conclusion)");
  ++stats_.nodes;
  f.mark = scratch_.size();
  f.phi = elaborate(s, n.kids[2]);
  if (f.phi.type() != Type::boolean()) reject("a " + f.rule + " step whose conclusion is not a formula");
}

// The step's theorem once its premises are translated: justified, deferred or a hole.
Node Translator::close_step(ProofFrame& f) {
  const smt::Script& s = *f.s;
  std::string rule = f.rule;
  const Term& phi = f.phi;
  const std::vector<Node>& prem = f.prem;
  auto start = cost_ ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point();
  size_t before = scratch_.size();
  lenient_ = mentions_skolem(phi);
  for (const Node& q : prem) lenient_ = lenient_ || mentions_skolem(q.phi);
  uint64_t th = 0;
  // A premise that is Γ ⊢ F already (absurd_premises) proves any conclusion but a SCOPE's,
  // which must discharge its assumptions.
  if (rule != "SCOPE")
    for (const Node& q : prem)
      if (absurd_.count(q.thm)) {
        th = q.thm;
        break;
      }
  if (th) ++stats_.justified[rule];
  if (!th && prem.empty() && rule != "ASSUME" && !skolems_.empty() && define_skolem(phi)) {
    th = n_of(assume(phi), phi);  // a definition: a hypothesis till the end
    rule = "(skolem definition) " + rule;
  }
  if (!th) th = justify(Step{rule, prem, phi, s, f.args});
  if (!th && !definitions_.empty()) {  // again, with the definitions of the names it mentions
    std::vector<Node> more = definitions_for(prem, phi);
    if (!more.empty()) {
      more.insert(more.begin(), prem.begin(), prem.end());
      th = consequence(rule, more, phi);
    }
  }
  if (!th && prem.empty() && mentions_undefined_skolem(phi)) {
    deferred_steps_.push_back({phi, rule});
    th = n_of(assume(phi), phi);
    rule = "(deferred) " + rule;
  }
  if (th && !absurd_.count(th)) ++stats_.justified[rule];
  else if (!th) {
    if (holes_)
      for (const Node& q : prem) fprintf(stderr, "  premise of the hole below: %s\n", render(q.phi, 300).c_str());
    th = hole(phi, rule);
  }
  if (cost_) {  // diagnostics (spec/cli.md): where the time goes
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    costs_.add(rule, where_, scratch_.size() - before, secs, secs > 0.1, [&] { return render(phi, 300); });
  }
  collect(f.mark, th);
  return {th, phi};
}

// The steps of a proof tree in post-order with an explicit stack: cvc5's proofs nest as
// deep as their terms (a congruence through 10,000 applications of f), so no recursion.
// A premise that names a sub-proof is that sub-proof's node, translated here first when it
// was deferred (its conclusion mentioned names not yet declared).
Node Translator::proof(const smt::Script& root_script, uint32_t root) {
  std::vector<ProofFrame> stack;
  // The node of the premise at s.nodes[i] when it is known at once (a named sub-proof
  // already translated); else its step is opened on the stack and nullopt returned.
  auto enter = [&](const smt::Script& s, uint32_t i) -> std::optional<Node> {
    const smt::Node& n = s.nodes[i];
    ProofFrame f;
    if (n.kind != smt::Node::List) {
      if (auto it = proofs_.find(n.text); it != proofs_.end()) return it->second;
      auto d = deferred_.find(n.text);
      if (d == deferred_.end()) reject("no sub-proof named " + n.text);
      f.owned = std::make_shared<smt::Script>(std::move(d->second));
      deferred_.erase(d);
      f.name = n.text;
      f.s = f.owned.get(), f.i = 0;
    } else {
      f.s = &s, f.i = i;
    }
    open_step(f);
    stack.push_back(std::move(f));
    return std::nullopt;
  };
  if (auto r = enter(root_script, root)) return *r;
  while (true) {
    ProofFrame& f = stack.back();
    const smt::Node& n = f.s->nodes[f.i];
    bool descended = false;
    while (f.k < n.kids.size()) {
      const smt::Node& c = f.s->nodes[n.kids[f.k]];
      if (c.kind == smt::Node::Keyword) {
        if (c.text != "args" || f.k + 2 != n.kids.size()) reject("a " + f.rule + " step with a malformed :args");
        f.args = n.kids[f.k + 1];
        f.k = n.kids.size();
        break;
      }
      uint32_t kid = n.kids[f.k++];
      if (auto r = enter(*f.s, kid)) {
        f.prem.push_back(*r);
        continue;
      }
      descended = true;  // f is no longer the top (nor a valid reference)
      break;
    }
    if (descended) continue;
    Node r = close_step(f);
    if (!f.name.empty()) {
      scratch_.keep_since(f.mark);  // cited again later, as a named proof is
      proofs_.emplace(f.name, r);
    }
    stack.pop_back();
    if (stack.empty()) return r;
    stack.back().prem.push_back(r);
  }
}

// The variables of t (at most 10,000 subterms looked at).
static std::unordered_set<Term, TermHash> variables_of(const Term& t) {
  std::unordered_set<Term, TermHash> out, seen;
  std::vector<Term> todo{t};
  while (!todo.empty() && seen.size() < 10000) {
    Term u = todo.back();
    todo.pop_back();
    if (!seen.insert(u).second) continue;
    if (u.kind() == TermKind::Var) out.insert(u);
    else if (u.kind() == TermKind::Comb) todo.push_back(u.rator()), todo.push_back(u.rand());
  }
  return out;
}

uint64_t Translator::close_assumptions(uint64_t fin, const std::vector<Term>& assumed) {
  for (const Term& a : assumed) {
    if (assertions_.count(a)) continue;
    // Candidates: the assertions sharing the most variables with a, first.
    std::unordered_set<Term, TermHash> mine = variables_of(a);
    std::vector<std::pair<size_t, size_t>> rank;
    for (size_t i = 0; i < assertion_list_.size(); ++i) {
      size_t shared = 0;
      for (const Term& v : variables_of(assertion_list_[i])) shared += mine.count(v);
      rank.push_back({shared, i});
    }
    std::stable_sort(rank.begin(), rank.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
    std::vector<Term> candidates;
    for (const auto& r : rank) candidates.push_back(assertion_list_[r.second]);
    // An assumption cvc5 restated (a named term, `distinct` expanded, ...): N(a) from one
    // assertion by the case split, which then discharges a from Γ ⊢ F.
    uint64_t n = 0;
    int tries = 0;
    for (const Term& b : candidates) {
      if (++tries > 64) break;
      Node nb{n_of(assume(b), b), b};
      if ((n = congruence_->implies({nb}, a))) break;
    }
    // Restated beyond a case split (one large assertion whose atoms cvc5 normalised): b = a
    // by congruence down both, with the atoms' normal forms, for the assertions in turn.
    tries = 0;
    for (const Term& b : candidates) {
      if (n || ++tries > 8) break;
      Term e = Term::eq(b, a);
      uint64_t ne = congruence_->congruent(b, a, 0);
      if (!ne) ne = normal_->equal(b, a);
      if (ne) n = from_positive(step("eq_mp", {assume(e), assume(b)}), a, {{n_of(assume(b), b), b}, {ne, e}});
    }
    // Not one of the problem's assertions, nor a consequence of one: the proof is of
    // another problem (a changed one, say).
    if (!n) reject("the proof assumes a formula that is not one of the problem's assertions: " + render(a, 300));
    fin = use_all({{n, a}}, fin);
  }
  return fin;
}

bool Translator::conclusion_elaborates(const smt::Script& s) {
  const smt::Node& n = s.nodes[0];
  if (n.kids.size() < 3 || s.nodes[n.kids[1]].kind != smt::Node::Keyword || s.nodes[n.kids[1]].text != "conclusion")
    return true;  // proof() says what is wrong
  try {
    elaborate(s, n.kids[2]);
    return true;
  } catch (const Failure& f) {
    if (f.outcome != Outcome::Incomplete) throw;
    return false;
  }
}

Cvc5Stats Translator::run(const std::string& sha, ProofReader& in) {
  out_.write(Emitter::make(Tag::Header, {1}));
  out_.write(Emitter::make(Tag::Problem, {}, {"smtlib2", sha}));
  out_.write(Emitter::make(Tag::Claim, {}, {"unsat"}));
  Binding b;
  while (in.next(b)) {
    out_.set_place(b.line, b.offset);
    where_ = "line " + std::to_string(b.line) + " (byte " + std::to_string(b.offset) + ")";
    const smt::Script& s = b.expr;
    if (!b.name.empty()) {
      if (!rule_of(s, 0).empty()) {
        if (!conclusion_elaborates(s)) {
          deferred_.emplace(b.name, s);
          continue;
        }
        proofs_.emplace(b.name, proof(s, 0));
        scratch_.keep_all();  // a named proof stays: later steps may cite it
      } else if (s.nodes[0].kind == smt::Node::List && (s.nodes[0].kids.empty() || s.nodes[0].kids.size() == 1 ||
                                                       s.nodes[s.nodes[0].kids[0]].kind == smt::Node::List)) {
        lists_.emplace(b.name, s);  // an argument list: `(t)`, `(t1 t2 …)` led by a list
      } else {
        try {
          names_[b.name] = elaborate(s, 0);
        } catch (const Failure&) {
          lists_.emplace(b.name, s);  // `(_let_3 SB_DEFAULT SBA_FIXPOINT)` and the like
          pending_.emplace(b.name, Pending{s, pending_.size()});  // or a term over names not yet declared
        }
      }
      continue;
    }
    // The body: SCOPE over the problem's assertions of a proof of false (or that proof).
    std::vector<Term> assumed;
    uint32_t root = 0;
    if (rule_of(s, 0) == "SCOPE") {
      const smt::Node& n = s.nodes[0];
      if (n.kids.size() < 4) reject("the final SCOPE has no sub-proof");
      for (size_t k = 3; k < n.kids.size(); ++k)
        if (s.nodes[n.kids[k]].kind == smt::Node::Keyword) {
          if (k + 2 == n.kids.size()) assumed = arg_terms(s, n.kids[k + 1]);
          break;
        }
      root = n.kids[3];
    }
    Node r = proof(s, root);
    if (r.phi != false_term()) reject("the proof does not end in false");
    // ⊢ ~F discharges ~F: Γ ⊢ F, Γ the assumptions the proof rests on.
    uint64_t nf = step("not_intro", {term(false_term()), assume(false_term())});
    uint64_t fin = close_assumptions(discharge_definitions(settle_deferred(step("prove_hyp", {nf, r.thm}))), assumed);
    out_.write(Emitter::make(Tag::End, {fin}));
    if (cost_)
      costs_.print_by_rule();
    return stats_;
  }
  reject("the proof has no body");
}

Cvc5Stats cvc5_to_certificate(check::SmtContext& ctx, const std::string& sha, ProofReader& in, cert::Emitter& out) {
  VocabularyScope scope(ctx.env());
  try {
    return Translator(ctx, out).run(sha, in);
  } catch (const KernelError& e) {
    throw Failure(Outcome::Rejected, std::string("cvc5 translation: ") + e.what());
  }
}

}  // namespace hcert::cvc5
