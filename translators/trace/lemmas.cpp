// Theory lemmas (spec/trace.md, "Theory lemmas"): a clause valid in the problem's theories,
// proved as {complement(l) : l ∈ C} ⊢ F by the handler its hint kind names (a table over
// the kinds), then traded onto the atoms' variables. A hint is used as given: a Farkas
// combination that does not refute the negated literals rejects the lemma, as a wrong LRAT
// hint rejects its clause. Without a hint (or with a kind hcert only searches for) the
// shared provers search; a countermodel rejects, a failed search leaves a hole.
#include <chrono>

#include "translators/provers/pattern.hpp"
#include "translators/trace/translator.hpp"

namespace hcert::trace {

namespace {
Term conj(const Term& a, const Term& b) { return Prover::op2("/\\", a, b); }
}  // namespace

const std::vector<Translator::LemmaHandler>& Translator::lemma_table() {
  // By TraceStep::Hint: -, la, dl, eq, cut, br, row.
  static const std::vector<LemmaHandler> table{
      &Translator::lemma_search,   &Translator::lemma_farkas, &Translator::lemma_cycle,
      &Translator::lemma_equality, &Translator::lemma_cut,    &Translator::lemma_branch,
      &Translator::lemma_row,
  };
  return table;
}

void Translator::lemma(const TraceStep& s) {
  ++stats_.lemmas;
  if (s.lits.empty()) reject("theory lemma " + std::to_string(s.id) + " has no literals: the theories are consistent");
  std::vector<Term> hyps;
  for (int64_t l : s.lits) hyps.push_back(complement(l));
  auto t0 = std::chrono::steady_clock::now();
  Found f = (this->*lemma_table().at(s.hint))(s, hyps);
  stats_.lemma_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (f.wrong) reject("theory lemma " + std::to_string(s.id) + ": " + f.why);
  uint64_t th = f.thm ? over_variables(f.thm, s.lits, &f.traded) : hole_clause(s.lits, "theory lemma not proved");
  add_clause(s.id, th, s.lits);
}

uint64_t Translator::by_pattern(const std::vector<Term>& hyps, const std::string& how, const PatternProof& prove) {
  Abstraction abs;
  std::vector<Term> general;
  for (const Term& h : hyps) {
    general.push_back(abstract_atoms(h, abs));
    if (general.back().is_null()) return 0;
  }
  if (abs.atoms.empty()) return 0;
  Term key = general.back();
  for (size_t i = general.size() - 1; i-- > 0;) key = conj(general[i], key);
  auto& by_how = patterns_[key];
  auto it = by_how.find(how);
  if (it == by_how.end()) {
    if (pattern_count_ >= kMaxPatterns) return 0;
    ++pattern_count_;
    std::optional<uint64_t> th = prove(lemma_sink_, general);
    it = by_how.emplace(how, th ? *th : 0).first;
  }
  if (!it->second) return 0;
  ++stats_.lemmas_patterns;
  std::vector<uint64_t> args{it->second};
  for (const auto& [v, atom] : abs.back()) args.push_back(term(v)), args.push_back(term(atom));
  return step("inst", std::move(args));
}

Translator::Found Translator::farkas(const std::vector<Term>& hyps, const std::vector<mpq_class>& coefs) {
  ++stats_.lemmas_hinted;
  std::string how = "la";
  for (const mpq_class& c : coefs) how += " " + c.get_str();
  auto with_coefs = [&](StepSink& o, const std::vector<Term>& h) { return arith_->refute_with(o, h, coefs); };
  if (uint64_t f = by_pattern(hyps, how, with_coefs)) return {f, false, "", {}};
  if (auto r = arith_->refute_with(sink_, hyps, coefs)) return {*r, false, "", {}};
  return {0, true, "the coefficients are not a Farkas combination refuting the negated literals", {}};
}

std::vector<mpq_class> Translator::coefficients(const TraceStep& s) const {
  std::vector<mpq_class> coefs;
  for (const std::string& c : s.coefs) {
    mpq_class q;
    // GMP reads `1/0` as a number; canonicalize() would divide by zero (the reader refuses
    // it before, this keeps the translator safe on its own).
    if (q.set_str(c, 10) != 0 || q.get_den() == 0) malformed("bad coefficient '" + c.substr(0, 40) + "'");
    q.canonicalize();
    coefs.push_back(q);
  }
  return coefs;
}

// Multipliers all 1 on every literal: a negative cycle's telescoping sum first
// (Arith::refute_cycle, linear in its length), then the general combination.
Translator::Found Translator::lemma_farkas(const TraceStep& s, const std::vector<Term>& hyps) {
  std::vector<mpq_class> coefs = coefficients(s);
  bool all_one = true;
  for (const mpq_class& q : coefs) all_one = all_one && q == 1;
  if (all_one && coefs.size() == hyps.size())
    if (Found f = cycle(s, hyps); f.thm) return ++stats_.lemmas_hinted, f;
  return farkas(hyps, coefs);
}

Translator::Found Translator::lemma_cycle(const TraceStep& s, const std::vector<Term>& hyps) {
  if (Found f = cycle(s, hyps); f.thm) return ++stats_.lemmas_hinted, f;
  return farkas(hyps, std::vector<mpq_class>(hyps.size(), 1));
}

// The trades are the atoms' kept theorems, so each edge is traded once per certificate and
// the lemma's theorem needs no PROVE_HYP per literal afterwards (which, each merging the
// hypotheses of a ~100-literal lemma, cost its length squared).
Translator::Found Translator::cycle(const TraceStep& s, const std::vector<Term>& hyps, bool all) {
  for (const Term& h : hyps) {
    Term a = is_neg(h) ? h.rand() : h;
    if (!Arith::is_atom(a)) return {};
  }
  std::vector<Pf> trades;
  for (size_t i = 0; i < s.lits.size(); ++i) trades.push_back({trade(s.lits[i]), hyps[i]});
  Found f;
  if (auto r = arith_->refute_cycle(sink_, hyps, &trades, &f.traded, all)) {
    ++stats_.lemmas_cycles;
    f.thm = *r;
  }
  return f;
}

// `cut c1 … cn`: the cut those multipliers round to (Arith::refute_cut: one side by the
// multipliers, the other by one simplex run), instead of the cut search; a hint that gives
// no cut (wrong signs, no variable left, a second side with no Farkas combination) falls
// back to the search, which decides the lemma as if it had no hint.
Translator::Found Translator::lemma_cut(const TraceStep& s, const std::vector<Term>& hyps) {
  std::vector<mpq_class> coefs = coefficients(s);
  if (coefs.size() == hyps.size()) {
    std::string how = "cut";
    for (const mpq_class& c : coefs) how += " " + c.get_str();
    auto with_cut = [&](StepSink& o, const std::vector<Term>& h) { return arith_->refute_cut(o, h, coefs); };
    uint64_t f = by_pattern(hyps, how, with_cut);
    if (!f)
      if (auto r = arith_->refute_cut(sink_, hyps, coefs)) f = *r;
    if (f) return ++stats_.lemmas_hinted, Found{f, false, "", {}};
  }
  return lemma_search(s, hyps);
}

// `br`: a branch x <= k \/ k + 1 <= x (over int, t for x any linear term): its negated
// literals, tightened, are a two-edge cycle when t is an atom or a difference, else
// contradictory with multipliers 1 and 1. Anything else falls back to the search.
Translator::Found Translator::lemma_branch(const TraceStep& s, const std::vector<Term>& hyps) {
  if (hyps.size() == 2) {
    if (Found f = cycle(s, hyps); f.thm) return ++stats_.lemmas_hinted, f;
    std::vector<mpq_class> ones(2, 1);
    auto with_ones = [&](StepSink& o, const std::vector<Term>& h) { return arith_->refute_with(o, h, ones); };
    uint64_t f = by_pattern(hyps, "la 1 1", with_ones);
    if (!f)
      if (auto r = arith_->refute_with(sink_, hyps, ones)) f = *r;
    if (f) return ++stats_.lemmas_hinted, Found{f, false, "", {}};
  }
  return lemma_search(s, hyps);
}

// `row`: the instance of read-over-write (or extensionality) the negated literals
// contradict (translators/provers/arrays.hpp; an index disequation i = j refuted by the
// arithmetic when i and j are distinct numerals); else the search.
Translator::Found Translator::lemma_row(const TraceStep& s, const std::vector<Term>& hyps) {
  if (uint64_t f = arrays_->refute(hyps)) return ++stats_.lemmas_hinted, Found{f, false, "", {}};
  return lemma_search(s, hyps);
}

// The closure first (what the hint says the lemma is), then the search.
Translator::Found Translator::lemma_equality(const TraceStep& s, const std::vector<Term>& hyps) {
  ++stats_.lemmas_hinted;
  if (uint64_t f = refute_by_closure(sink_, hyps)) return {f, false, "", {}};
  --stats_.lemmas_hinted;
  return lemma_search(s, hyps);
}

Translator::Found Translator::lemma_search(const TraceStep& s, const std::vector<Term>& hyps) {
  ++stats_.lemmas_searched;
  if (uint64_t f = defs_->refute(hyps)) return ++stats_.lemmas_definitions, Found{f, false, "", {}};
  bool arrays = false;
  for (const Term& h : hyps) arrays = arrays || ArrayLemmas::mentions_arrays(h);
  if (arrays)
    if (uint64_t f = arrays_->refute(hyps)) return {f, false, "", {}};
  bool arithmetic = true;
  for (const Term& h : hyps) arithmetic = arithmetic && Arith::is_atom(is_neg(h) ? h.rand() : h);
  if (arithmetic) {
    if (Found f = cycle(s, hyps, false); f.thm) return f;
    auto search = [&](StepSink& o, const std::vector<Term>& h) { return arith_->refute(o, h, true, nullptr); };
    if (uint64_t f = by_pattern(hyps, "-", search)) return {f, false, "", {}};
    bool sat = false;
    if (auto r = arith_->refute(sink_, hyps, true, &sat)) return {*r, false, "", {}};
    if (sat) return {0, true, "the negated literals have a model over the rationals", {}};
  }
  std::vector<Term> own;
  for (const Term& h : hyps) own.push_back(is_neg(h) ? h.rand() : h);
  std::string cm;
  if (uint64_t f = case_split(hyps, own, &cm)) return {from_negated_conjunction(f, hyps), false, "", {}};
  if (uint64_t f = refute_by_closure(sink_, hyps)) return {f, false, "", {}};
  if (!cm.empty()) return {0, true, "not valid (" + cm + ")", {}};
  return {};
}

}  // namespace hcert::trace
