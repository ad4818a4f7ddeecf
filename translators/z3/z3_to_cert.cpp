#include "translators/z3/z3_to_cert.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "translators/z3/translator.hpp"
#include "translators/vocabulary.hpp"

namespace hcert::z3 {

Translator::Translator(check::SmtContext& ctx, cert::Emitter& out)
    : terms_(ctx), out_(out), scratch_(out), tools_(out, [this](const char* r, std::vector<uint64_t> a) { return step(r, std::move(a)); }) {
  for (const Term& a : ctx.problem().assertions) assertions_.insert(a);
  assertion_list_ = ctx.problem().assertions;
}

Z3Stats Translator::run(const std::string& sha, ProofReader& in) {
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
        Type ty = sort == "Int" ? Type::op(vocab(), "int", {}) : sort == "Real" ? Type::op(vocab(), "real", {}) : sort == "Bool" ? boolean() : Type();
        if (!ty.is_null()) terms_.declare(name, Term::var(name + "|z3", ty));
      }
    }
    if (b.name.empty()) {  // the body: a proof of false
      terms_.open(b.expr);
      Node root = proof(b.expr, b.expr.root);
      if (root.phi != false_term()) reject("the proof does not end in false");
      // Γ ⊢ F, Γ the asserted formulas (and the definitions used).
      uint64_t fin = refutation(root);
      out_.write(Emitter::make(Tag::End, {discharge_definitions(fin)}));
      if (cost_)
        costs_.print_by_rule();
      if (cost_) fprintf(stderr, "cost: Z3's multipliers given %zu times, a refutation %zu times\n", hints_.first, hints_.second);
      return stats_;
    }
    if (b.name[0] == '@') {
      terms_.open(b.expr);
      proofs_.emplace(b.name, proof(b.expr, b.expr.root));
      scratch_.keep_all();  // a named proof stays: later bindings may cite it
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

void Translator::collect(size_t mark, uint64_t keep, uint64_t also) {
  tools_.forget();
  scratch_.collect(mark, keep, {}, also);
}

uint64_t Translator::hole(const Term& phi, const std::string& rule) {
  if (holes_) fprintf(stderr, "hole %s %s: %s\n", rule.c_str(), where_.c_str(), render(phi).c_str());
  ++stats_.holes;
  ++stats_.holed[rule];
  uint64_t id = scratch_.fresh();
  out_.write(Emitter::make(Tag::Hole, {id, term(phi)}, {"z3 " + rule}));
  return positive(id);
}

Node Translator::proof(const Sexp& e, uint32_t i, int depth) {
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
    phi = terms_.term(n.kids.back());  // e is open (above)
  } catch (const Failure&) {  // a Z3-internal name: no term, not even for a hole
    throw Failure(Outcome::Incomplete, "Z3 proof " + where_ + ": a " + rule + " step whose conclusion uses a name Z3 made up");
  }
  std::vector<Node> prem;
  for (size_t k = 1; k + 1 < n.kids.size(); ++k) prem.push_back(proof(e, n.kids[k], depth + 1));
  size_t before = scratch_.size();
  auto start = cost_ ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point();
  // A rewrite that brings in (or drops) a name not defined so far holds only by what the
  // name stands for, and so does an assumption's proxy `proxy!n => A`: deferred at once
  // (below) rather than tried in vain (the search for A among the assertions with proxy!n
  // free took 11 of the 13.5 s of a check-sat-assuming of 150 conjuncts).
  bool proxy = prem.empty() && rule == "asserted" && proxy_assumption(phi);
  bool defer = proxy || (prem.empty() && (rule == "rewrite" || rule == "rewrite*") && one_sided_name(phi));
  if (proxy) proxies_.push_back(phi);  // for guess_names, as rule_asserted does
  coefficients_ = rule == "th-lemma arith farkas" || rule == "th-lemma arith assign-bounds" ? rule_numbers(e, i)
                                                                                           : std::vector<mpq_class>{};
  for (size_t k = 0; k < prem.size(); ++k)
    if (prem[k].clause && !(k == 0 && rule == "unit-resolution")) prem[k] = with_n(prem[k]);
  uint64_t th = defer ? 0 : justify(rule, prem, phi);
  if (!th)
    for (Node& p : prem) p = with_n(p);
  if (!th && !prem.empty() && rule != "lemma") th = propositional_consequence(rule, prem, phi);
  if (!th && !defer && !defs_.empty() && rule != "lemma" && rule != "intro-def") th = with_definitions(rule, prem, phi);
  if (!th && prem.empty() && (rule == "rewrite" || rule == "rewrite*") && !invented_names(phi).empty()) {
    // A rewrite over a name Z3 invented, perhaps before its intro-def: proved at the end,
    // once the name is replaced by its term (discharge_definitions); a hypothesis till then.
    deferred_.push_back({phi, rule});
    th = positive(assume(phi));
  }
  if (!th && rule == "asserted" && !invented_names(phi).empty()) {
    // `(check-sat-assuming (A))`: Z3 asserts `proxy!n` and `proxy!n => A`. Kept as a
    // hypothesis; at the end proxy!n is instantiated by A (guess_names) and the formula
    // is an asserted one again, found among the assertions or a hole.
    deferred_.push_back({phi, rule});
    th = positive(assume(phi));
  }
  // Diagnostics (spec/cli.md): the proof nodes that cost the most steps or time, and the
  // time by rule.
  if (cost_) {
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    size_t made = scratch_.size() - before;
    costs_.add(rule, where_, made, s, made > 20000 || s > 0.1, [&] { return render(phi, 300); });
  }
  if (th) ++stats_.justified[rule];
  else th = hole(phi, rule);
  Node node = node_of(th, phi);
  collect(mark, node.thm, node.pos ? node.pos : node.clause);
  return node;
}

uint64_t Translator::refutation(const Node& n) {
  if (n.pos) return n.pos;
  uint64_t nf = step("not_intro", {term(false_term()), step("assume", {term(false_term())})});
  return step("prove_hyp", {nf, n.thm});
}

std::vector<mpq_class> Translator::rule_numbers(const Sexp& e, uint32_t i) {
  std::vector<mpq_class> out;
  const Sexp::Node& head = e.nodes[e.nodes[i].kids[0]];
  if (!head.list) return out;
  for (uint32_t k : head.kids) {
    const std::string& a = e.nodes[k].atom;
    size_t digits = a.size() > 0 && a[0] == '-' ? 1 : 0;
    if (a.size() <= digits || a.size() > 40 || a.find_first_not_of("0123456789/", digits) != std::string::npos) continue;
    // GMP reads `1/0` without complaint and canonicalize() would then divide by zero
    // (SIGFPE): a zero denominator is refused before; `/` alone throws. Either: no hint.
    try {
      out.push_back(mpq_class(a));
    } catch (const std::invalid_argument&) {
      return {};
    }
    if (out.back().get_den() == 0) return {};
    out.back().canonicalize();
  }
  return out;
}

uint64_t Translator::from_positive(uint64_t pos, const Term& phi, const std::vector<Node>& premises) {
  std::vector<Term> done;
  std::vector<Node> rest;  // premises without a positive theorem, traded by their N
  for (const Node& p : premises) {
    if (std::find(done.begin(), done.end(), p.phi) != done.end()) continue;
    done.push_back(p.phi);
    if (p.pos) pos = step("prove_hyp", {p.pos, pos});
    else rest.push_back(p);
  }
  return rest.empty() ? positive(pos) : use_all(rest, n_of(pos, phi));
}

Z3Stats z3_to_certificate(check::SmtContext& ctx, const std::string& sha, ProofReader& in, cert::Emitter& out) {
  VocabularyScope scope(ctx.env());
  try {
    return Translator(ctx, out).run(sha, in);
  } catch (const KernelError& e) {
    throw Failure(Outcome::Rejected, std::string("Z3 translation: ") + e.what());
  }
}

}  // namespace hcert::z3
