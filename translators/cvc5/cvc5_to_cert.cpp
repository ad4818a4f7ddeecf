#include "translators/cvc5/cvc5_to_cert.hpp"

#include <algorithm>
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

Node Translator::proof(const smt::Script& s, uint32_t i, int depth) {
  if (depth > 10000) reject("sub-proofs nested too deeply");
  const smt::Node& n = s.nodes[i];
  if (n.kind != smt::Node::List) {
    auto it = proofs_.find(n.text);
    if (auto d = deferred_.find(n.text); it == proofs_.end() && d != deferred_.end()) {
      smt::Script later = std::move(d->second);
      deferred_.erase(d);
      size_t mark = scratch_.size();
      Node r = proof(later, 0, depth + 1);
      scratch_.keep_since(mark);  // cited again later, as a named proof is
      it = proofs_.emplace(n.text, r).first;
    }
    if (it == proofs_.end()) reject("no sub-proof named " + n.text);
    return it->second;
  }
  std::string rule = rule_of(s, i);
  if (rule.empty()) reject("not a proof rule application");
  if (n.kids.size() < 3 || s.nodes[n.kids[1]].kind != smt::Node::Keyword || s.nodes[n.kids[1]].text != "conclusion")
    throw Failure(Outcome::InputError, "cvc5 proof " + where_ + ": a " + rule +
                                           " step without its conclusion (print the proof with --proof-print-conclusion)");
  ++stats_.nodes;
  size_t mark = scratch_.size();
  Term phi = elaborate(s, n.kids[2]);
  if (phi.type() != Type::boolean()) reject("a " + rule + " step whose conclusion is not a formula");
  std::vector<Node> prem;
  int64_t args = -1;
  for (size_t k = 3; k < n.kids.size(); ++k) {
    const smt::Node& c = s.nodes[n.kids[k]];
    if (c.kind == smt::Node::Keyword) {
      if (c.text != "args" || k + 2 != n.kids.size()) reject("a " + rule + " step with a malformed :args");
      args = n.kids[k + 1];
      break;
    }
    prem.push_back(proof(s, n.kids[k], depth + 1));
  }
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
  if (!th) th = justify(Step{rule, prem, phi, s, args});
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
  collect(mark, th);
  return {th, phi};
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
