// Rewrites of large conjunctions (spec/cvc5.md, "Conjunctions rewritten conjunct by
// conjunct"): cvc5's MACRO_SR_EQ_INTRO and REWRITE of a whole assertion `a1 /\ … /\ an`
// flatten it, rewrite each conjunct, drop the ones that became true and the repeated
// ones: `b1 /\ … /\ bm`, m ≠ n. One case split over the whole formula is far beyond any
// budget, and congruence needs as many operands on both sides. Here the two conjunctions'
// leaves are aligned in order — each ai with the next b's (one, or a run of them that its
// rewrite became), or with true, or with an earlier b it repeats — each pair proved on its
// own by `tautology`, then both directions are rebuilt by CONJUNCT and CONJ and joined by
// DEDUCT_ANTISYM. The search is untrusted: a wrong alignment fails to prove, never proves.
#include <algorithm>
#include <functional>
#include <map>

#include "translators/cvc5/translator.hpp"

namespace hcert::cvc5 {

namespace {

// The atoms of a formula below its connectives (~, /\, \/, ==>, = on bool and COND on
// bool), each once, at most `limit` of them, by an explicit-stack walk of at most 20 times
// as many subformulas.
std::vector<Term> atoms_below(const Term& t, size_t limit) {
  std::vector<Term> out, todo{t};
  std::unordered_set<Term, TermHash> seen;
  while (!todo.empty() && out.size() < limit && seen.size() < 20 * limit) {
    Term u = todo.back(), a, b, c;
    todo.pop_back();
    if (!seen.insert(u).second) continue;
    if (is_neg(u)) todo.push_back(u.rand());
    else if (is_cond(u, &c, &a, &b) && u.type() == Type::boolean()) todo.push_back(c), todo.push_back(a), todo.push_back(b);
    else if (is_op(u, "/\\", &a, &b) || is_op(u, "\\/", &a, &b) || is_op(u, "==>", &a, &b) ||
             (is_op(u, "=", &a, &b) && a.type() == Type::boolean()))
      todo.push_back(a), todo.push_back(b);
    else out.push_back(u);
  }
  return out;
}

// How alike a leaf and each b are: the signatures (Congruence::signature) of the atoms
// below their connectives they share (atoms_below, at most 64 each). Every disjunct of
// pursuit-safety's assertions mentions the same variables, and each wrong pairing tried
// costs a failing proof; the shared atoms put the b the leaf became first.
class LikenessRanking {
 public:
  using Signature = std::function<const std::string&(const Term&)>;
  LikenessRanking(const std::vector<Term>& bs, Signature signature) : signature_(std::move(signature)) {
    for (const Term& t : bs) b_atoms_.push_back(atom_hashes(t));
  }
  // Each list of b indices reordered, most alike to `leaf` first (stable among equals).
  void rank(const Term& leaf, std::initializer_list<std::vector<size_t>*> lists) {
    const std::vector<size_t> mine = atom_hashes(leaf);
    for (std::vector<size_t>* c : lists) {
      if (c->size() < 2 || mine.empty()) continue;
      std::vector<std::pair<size_t, size_t>> ranked;  // (atoms shared, j)
      for (size_t j : *c) ranked.push_back({provers::Congruence::likeness(mine, b_atoms_[j]), j});
      std::stable_sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
      for (size_t k = 0; k < c->size(); ++k) (*c)[k] = ranked[k].second;
    }
  }

 private:
  std::vector<size_t> atom_hashes(const Term& t) {
    std::vector<size_t> out;
    for (const Term& u : atoms_below(t, 64)) out.push_back(std::hash<std::string>{}(signature_(u)));
    std::sort(out.begin(), out.end());
    return out;
  }
  Signature signature_;
  std::vector<std::vector<size_t>> b_atoms_;  // per b, its atom hashes sorted
};

// The variables of the leaves of one alignment, as sorted serials, for the pairing by
// variables. Computed only for the leaves that need them and memoised per term, within one
// budget of subterms looked at for all leaves together: a subterm shared by every leaf was
// walked once per leaf before (4,096 leaves x 20,000 subterms: a 427 KB proof took 128 s). A
// leaf met after the budget gets no variables; it is paired by key and likeness only (a
// pairing is a probe that is proved: a poor pairing costs time, never a wrong step).
class LeafVariables {
 public:
  const std::vector<uint64_t>& of(const Term& t) {
    auto [it, fresh] = memo_.try_emplace(t);
    if (!fresh || budget_ == 0) return it->second;
    std::vector<uint64_t>& out = it->second;
    budget_ -= each_subterm(t, std::min(kPerLeaf, budget_), [&](const Term& u) {
      if (u.kind() == TermKind::Var) out.push_back(u.serial());
    });
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  static constexpr size_t kPerLeaf = 20000;
  size_t budget_ = 1000000;
  std::unordered_map<Term, std::vector<uint64_t>, TermHash> memo_;
};

// For each leaf of a nest of `op` (in flatten's order), its ancestors from the root down and
// whether the leaf lies in each one's left operand: how DISJ1/DISJ2 carry it to the root.
std::vector<std::vector<std::pair<Term, bool>>> leaf_paths(const Term& t, const char* op) {
  std::vector<std::vector<std::pair<Term, bool>>> out;
  std::vector<std::pair<Term, std::vector<std::pair<Term, bool>>>> todo{{t, {}}};
  Term l, r;
  while (!todo.empty()) {
    auto [u, path] = std::move(todo.back());
    todo.pop_back();
    if (!is_op(u, op, &l, &r)) {
      out.push_back(std::move(path));
      continue;
    }
    auto right = path;
    right.push_back({u, false});
    path.push_back({u, true});
    todo.push_back({r, std::move(right)});
    todo.push_back({l, std::move(path)});
  }
  return out;
}

// b_j1 op (… op b_jn): the nest of the b's a leaf became.
Term nest_of(const std::vector<Term>& bs, const std::vector<size_t>& js, const char* op) {
  Term t = bs[js.back()];
  for (size_t x = js.size() - 1; x-- > 0;) t = Prover::op2(op, bs[js[x]], t);
  return t;
}

}  // namespace

uint64_t Translator::conjunctions_equal(const Term& a, const Term& b, int depth) {
  return nests_equal(a, b, "/\\", depth);
}
uint64_t Translator::disjunctions_equal(const Term& a, const Term& b, int depth) {
  return nests_equal(a, b, "\\/", depth);
}

uint64_t Translator::nests_equal(const Term& a, const Term& b, const char* op, int depth) {
  constexpr size_t kMaxLeaves = 4096;
  if (depth > kMaxKeyedNestDepth || !(is_op(a, op) || is_op(b, op))) return 0;
  // Below kMaxFreeNestDepth only nests of one key: each leaf then has a b of its key.
  if (depth > kMaxFreeNestDepth && congruence_->signature(a) != congruence_->signature(b)) return 0;
  std::vector<Term> as, bs;  // bounded walks: a shared nest's tree can be exponential
  if (!flatten_within(a, op, as, 2 * kMaxLeaves) || !flatten_within(b, op, bs, 2 * kMaxLeaves)) return 0;
  if (as.size() > kMaxLeaves || bs.size() > kMaxLeaves || as.size() + bs.size() < 3) return 0;
  NestAlignment al;
  if (!align_nests(as, bs, op, depth, al)) return 0;
  std::vector<Node> used;  // the N's of the equations and facts, discharged at the end
  for (const NestImage& m : al.img)
    if (m.eq) used.push_back({m.eq, m.formula});
  used.insert(used.end(), al.learned.begin(), al.learned.end());
  return op[0] == '\\' ? disjunction_nests_equal(a, b, as, bs, al, used) : conjunction_nests_equal(a, b, as, bs, al, used);
}

bool Translator::align_nests(const std::vector<Term>& as, const std::vector<Term>& bs, const char* op, int depth,
                             NestAlignment& al) {
  constexpr size_t kMaxRun = 8, kMaxTries = 6, kMaxRanked = 64;
  // The probes' steps: about a thousand per leaf (a conjunct's pair proof takes a few
  // hundred; ex10100's 2,000 conjuncts ran out of a fixed 200,000 at the 1,200th).
  const size_t kMaxSteps = std::max<size_t>(200000, 1000 * (as.size() + bs.size()));
  const bool disj = op[0] == '\\';
  LeafVariables vars;
  auto within = [](const std::vector<uint64_t>& small, const std::vector<uint64_t>& big) {
    return std::includes(big.begin(), big.end(), small.begin(), small.end());
  };
  std::unordered_map<Term, size_t, TermHash> b_index;
  for (size_t j = 0; j < bs.size(); ++j) b_index.emplace(bs[j], j);
  // The b's by their variables: a conjunct's rewrites mention its variables (or fewer).
  // Made when the first a that is not literally a b needs it (often none does).
  std::map<std::vector<uint64_t>, std::vector<size_t>> by_vars;
  auto b_vars = [&]() -> const std::map<std::vector<uint64_t>, std::vector<size_t>>& {
    if (by_vars.empty())
      for (size_t j = 0; j < bs.size(); ++j) by_vars[vars.of(bs[j])].push_back(j);
    return by_vars;
  };
  // The b's by their key (Congruence::signature: nests flattened and sorted, arithmetic
  // atoms by their constraint up to scaling): a leaf whose rewrite only normalised its
  // atoms and reordered its nests has its image's key, so it is paired at once and proved
  // once, instead of trying the b's over its variables in turn (a failed try costs every
  // prover's attempt).
  std::unordered_map<std::string, std::vector<size_t>> by_key;
  auto key_of = [&](const Term& t) { return congruence_->signature(t); };
  for (size_t j = 0; j < bs.size(); ++j)
    if (std::string k = key_of(bs[j]); !k.empty()) by_key[k].push_back(j);
  auto conj_of = [&](const std::vector<size_t>& js) { return nest_of(bs, js, op); };
  LikenessRanking likeness(bs, [&](const Term& t) -> const std::string& { return congruence_->signature(t); });
  // Probes may be wrong pairings: no countermodel of theirs rejects the step.
  bool was_lenient = lenient_;
  lenient_ = true;
  // What each a_i became: the b's `js` (an equation a_i = their conjunction, `eq` its N;
  // 0 when a_i is literally the one b), or none (a_i is true: `eq` is N(a_i)).
  std::vector<NestImage>& img = al.img;
  std::vector<bool> covered(bs.size(), false);
  bool ok = true;
  size_t start = scratch_.size();  // the probes' steps so far: at most kMaxSteps
  for (size_t i = 0; i < as.size() && ok; ++i) {
    const Term& ai = as[i];
    if (auto it = b_index.find(ai); it != b_index.end()) {  // literally a b (kept, or a repeat)
      img.push_back({{it->second}, 0, ai});
      covered[it->second] = true;
      continue;
    }
    // Candidates: the b's with ai's key (not yet covered first); then the b's not yet
    // covered with ai's variables, then with fewer of them; then the covered ones with its
    // variables (a rewrite into a repeat).
    std::vector<size_t> keyed, same, fewer, again;
    if (auto it = by_key.find(key_of(ai)); it != by_key.end()) {
      for (size_t j : it->second)
        if (!covered[j]) keyed.push_back(j);
      for (size_t j : it->second)
        if (covered[j]) keyed.push_back(j);
    }
    const std::vector<uint64_t>& ai_vars = vars.of(ai);
    if (auto it = b_vars().find(ai_vars); it != by_vars.end())
      for (size_t j : it->second) (covered[j] ? again : same).push_back(j);
    if (same.empty())
      for (size_t j = 0; j < bs.size() && fewer.size() < kMaxRanked; ++j)
        if (!covered[j] && !vars.of(bs[j]).empty() && within(vars.of(bs[j]), ai_vars)) fewer.push_back(j);
    likeness.rank(ai, {&same, &fewer, &again});
    if (fewer.size() > kMaxTries) fewer.resize(kMaxTries);
    // A conjunct too large for the provers' pairwise search (a nest of disjunctions of
    // conjunctions: minutes of case splits), or one below kMaxFreeNestDepth, is paired with
    // the b's of its key only: their proof is a keyed alignment again, one try per leaf.
    std::vector<std::vector<size_t>> tries;
    const bool too_large = larger_than(ai, kMaxFreeLeafSize) || depth > kMaxFreeNestDepth;
    if (too_large) same.clear(), fewer.clear(), again.clear();
    for (const auto* c : {&keyed, &same, &fewer, &again})
      for (size_t j : *c)
        if (tries.size() < kMaxTries && std::find(tries.begin(), tries.end(), std::vector<size_t>{j}) == tries.end())
          tries.push_back({j});
    if (same.size() >= 2 && same.size() <= kMaxRun) tries.push_back(same);  // split into several
    if (same.size() > 2) tries.push_back({same[0], same[1]});
    bool found = false;
    for (const auto& js : tries) {
      if (scratch_.size() - start > kMaxSteps) break;
      Term e = Term::eq(ai, conj_of(js));
      if (uint64_t n = tautology_at(e, depth + 1)) {
        img.push_back({js, n, e});
        for (size_t j : js) covered[j] = true;
        found = true;
        break;
      }
    }
    // Dropped: true by itself (false in a disjunction); a large or deep leaf only when its
    // key says so.
    const bool neutral = key_of(ai) == (disj ? "F" : "T");
    if (!found && scratch_.size() - start <= kMaxSteps && (!too_large || neutral))
      if (uint64_t n = tautology_at(disj ? neg(ai) : ai, depth + 1)) img.push_back({{}, n, disj ? neg(ai) : ai}), found = true;
    ok = found;
  }
  // A b no a became: a fact cvc5 learned and added (PREPROCESS's `D ==> x0 = x1` beside
  // D), true by itself (false by itself in a disjunction); its N is used like an a's.
  std::vector<Node>& learned = al.learned;
  for (size_t j = 0; j < bs.size() && ok; ++j) {
    if (covered[j]) continue;
    Term f = disj ? neg(bs[j]) : bs[j];
    const bool neutral = key_of(bs[j]) == (disj ? "F" : "T");
    const bool small = !larger_than(bs[j], kMaxFreeLeafSize) && depth <= kMaxFreeNestDepth;
    uint64_t n = scratch_.size() - start <= kMaxSteps && (small || neutral) ? tautology_at(f, depth + 1) : 0;
    if (n) learned.push_back({n, f}), covered[j] = true;
    else ok = false;
  }
  lenient_ = was_lenient;
  if (!ok || std::count(covered.begin(), covered.end(), false)) return false;
  std::vector<size_t>& source = al.source;
  source.assign(bs.size(), SIZE_MAX);  // the a whose image first holds b_j
  for (size_t i = 0; i < img.size(); ++i)
    for (size_t j : img[i].js)
      if (source[j] == SIZE_MAX) source[j] = i;
  return true;
}

uint64_t Translator::nest_from_leaves(const Term& t, const std::vector<uint64_t>& leaf_thms, bool cases) {
  std::vector<uint64_t> done;  // theorems of finished subtrees, in order
  size_t next = 0;
  std::vector<std::pair<Term, bool>> todo{{t, false}};
  Term l, r;
  while (!todo.empty()) {
    auto [u, expanded] = todo.back();
    todo.pop_back();
    if (!is_op(u, cases ? "\\/" : "/\\", &l, &r)) {
      done.push_back(leaf_thms[next++]);
    } else if (!expanded) {
      todo.push_back({u, true}), todo.push_back({r, false}), todo.push_back({l, false});
    } else {
      uint64_t y = done.back();
      done.pop_back();
      uint64_t x = done.back();
      done.back() = cases ? step("disj_cases", {assume(u), x, y}) : step("conj", {x, y});
    }
  }
  return done.back();
}

uint64_t Translator::disjunction_nests_equal(const Term& a, const Term& b, const std::vector<Term>& as,
                                             const std::vector<Term>& bs, const NestAlignment& al,
                                             const std::vector<Node>& used) {
  const char* op = "\\/";
  const std::vector<NestImage>& img = al.img;
  const std::vector<size_t>& source = al.source;
  auto a_paths = leaf_paths(a, op), b_paths = leaf_paths(b, op);
  auto inject = [&](const std::vector<std::pair<Term, bool>>& path, uint64_t th) {
    Term l, r;
    for (size_t k = path.size(); k-- > 0;) {
      is_op(path[k].first, op, &l, &r);
      th = path[k].second ? step("disj1", {th, term(r)}) : step("disj2", {term(l), th});
    }
    return th;
  };
  // {a} ⊢ b: by cases on a; a_i gives its image's b's (or is false: its negation's N).
  std::vector<uint64_t> from_a(as.size());
  for (size_t i = 0; i < as.size(); ++i) {
    const NestImage& m = img[i];
    if (m.js.empty()) {
      from_a[i] = step("contr", {term(b), step("not_elim", {assume(m.formula), assume(as[i])})});
    } else if (!m.eq) {
      from_a[i] = inject(b_paths[m.js[0]], assume(as[i]));
    } else {
      Term d = nest_of(bs, m.js, op);
      std::vector<uint64_t> parts;
      for (size_t j : m.js) parts.push_back(inject(b_paths[j], assume(bs[j])));
      from_a[i] = step("prove_hyp", {step("eq_mp", {assume(m.formula), assume(as[i])}), nest_from_leaves(d, parts, true)});
    }
  }
  uint64_t fwd = nest_from_leaves(a, from_a, true);
  // {b} ⊢ a: by cases on b; b_j is in the image of a_i (source), which it gives.
  std::vector<uint64_t> from_b(bs.size());
  for (size_t j = 0; j < bs.size(); ++j) {
    size_t i = source[j];
    if (i == SIZE_MAX) {  // learned, false by itself: its negation's N is among `used`
      from_b[j] = step("contr", {term(a), step("not_elim", {assume(neg(bs[j])), assume(bs[j])})});
      continue;
    }
    const NestImage& m = img[i];
    uint64_t ai = assume(bs[j]);
    if (m.eq) {
      std::vector<Term> ds;
      for (size_t x : m.js) ds.push_back(bs[x]);
      size_t pos = std::find(m.js.begin(), m.js.end(), j) - m.js.begin();
      ai = step("eq_mp", {step("sym", {assume(m.formula)}), disj_intro(ds, pos, ai)});
    }
    from_b[j] = inject(a_paths[i], ai);
  }
  uint64_t bwd = nest_from_leaves(b, from_b, true);
  return from_positive(step("deduct_antisym", {bwd, fwd}), Term::eq(a, b), used);
}

uint64_t Translator::conjunction_nests_equal(const Term& a, const Term& b, const std::vector<Term>& as,
                                             const std::vector<Term>& bs, const NestAlignment& al,
                                             const std::vector<Node>& used) {
  const std::vector<NestImage>& img = al.img;
  const std::vector<size_t>& source = al.source;
  // The leaves of a nest as theorems from the nest's theorem, and a nest from its leaves'
  // theorems (CONJ bottom-up), both without recursion.
  auto leaves_of = [&](uint64_t th, const Term& t) {
    std::vector<uint64_t> out;
    std::vector<std::pair<Term, uint64_t>> todo{{t, th}};
    Term l, r;
    while (!todo.empty()) {
      auto [u, h] = todo.back();
      todo.pop_back();
      if (is_op(u, "/\\", &l, &r)) todo.push_back({r, step("conjunct2", {h})}), todo.push_back({l, step("conjunct1", {h})});
      else out.push_back(h);
    }
    return out;
  };
  // {a} ⊢ b: each b_j from the a_i whose image first holds it.
  std::vector<uint64_t> a_thms = leaves_of(assume(a), a);
  std::vector<uint64_t> b_thms(bs.size());
  for (size_t x = 0; x < bs.size(); ++x) {
    if (source[x] == SIZE_MAX) {  // learned, true by itself: its N is among `used`
      b_thms[x] = assume(bs[x]);
      continue;
    }
    const NestImage& m = img[source[x]];
    if (!m.eq) {
      b_thms[x] = a_thms[source[x]];
      continue;
    }
    uint64_t run = step("eq_mp", {assume(m.formula), a_thms[source[x]]});
    size_t pos = std::find(m.js.begin(), m.js.end(), x) - m.js.begin();
    for (size_t y = 0; y < pos; ++y) run = step("conjunct2", {run});
    b_thms[x] = pos + 1 < m.js.size() ? step("conjunct1", {run}) : run;
  }
  uint64_t fwd = nest_from_leaves(b, b_thms, false);
  // {b} ⊢ a: each a_i from its image.
  std::vector<uint64_t> b_from_b = leaves_of(assume(b), b);
  std::vector<uint64_t> a_from_b(as.size());
  for (size_t i = 0; i < as.size(); ++i) {
    const NestImage& m = img[i];
    if (!m.eq) {
      a_from_b[i] = b_from_b[m.js[0]];
    } else if (m.js.empty()) {
      a_from_b[i] = assume(as[i]);  // true: its N is among `used`
    } else {
      uint64_t run = b_from_b[m.js.back()];
      for (size_t y = m.js.size() - 1; y-- > 0;) run = step("conj", {b_from_b[m.js[y]], run});
      a_from_b[i] = step("eq_mp", {step("sym", {assume(m.formula)}), run});
    }
  }
  uint64_t bwd = nest_from_leaves(a, a_from_b, false);
  return from_positive(step("deduct_antisym", {bwd, fwd}), Term::eq(a, b), used);
}

}  // namespace hcert::cvc5
