// Theorems and the primitive rules: the trust boundary of hcert. Nothing outside kernel/
// can make a Thm except by calling the static functions of Kernel below.
#pragma once
#include <atomic>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "kernel/term.hpp"

namespace hcert {

// Why a shared sorted vector for hypotheses: rules take unions millions of times in a SAT
// certificate, and almost all of them are unions of a set with itself, with the empty set,
// or with a subset (every clause derived from the same assumed formula carries the same
// set). Those cases cost O(1): pointer equality, emptiness, and a merge that returns an
// operand unchanged when the result has its size (the operand object is then shared, so
// the next union is again a pointer test). Sorting by creation serial makes the order
// deterministic and membership a binary search.
//
// The set also carries the RUP fast path's reading of it (kernel/thm.cpp), made on its
// first use as a RUP hint: each literal hypothesis as 2·slot + (1 if negated), then for
// each other hypothesis its position + 2^31. A theorem serves as a hint many times, and
// this reading lets propagation test it in a flat array instead of visiting term nodes.
// Only the kernel fills it; a copy of the set starts without it.
struct HypSet : std::vector<Term> {
  using std::vector<Term>::vector;
  explicit HypSet(std::vector<Term>&& v) : std::vector<Term>(std::move(v)) {}
  HypSet(const HypSet& o) : std::vector<Term>(o) {}
  HypSet& operator=(const HypSet&) = delete;
  mutable std::vector<uint32_t> rup;
  mutable bool rup_read = false;
  mutable uint32_t bg_count = 0;          // how many hypotheses are not literals,
  mutable const TermNode* bg_one = nullptr;  // and which, when there is exactly one
};
using Hyps = std::shared_ptr<const HypSet>;

// The axioms a theorem depends on, as indices into its environment's axioms(), and the
// environment itself: a theorem belongs to the environment whose signature and axioms it
// was proved in, and every rule with two premises refuses premises of two environments.
// Sets are interned in their environment, so that equal sets are one object and the common
// union (equal sets) is a pointer test; a theorem pays no extra word for its environment.
class Env;
struct AxiomIds {
  const Env* env;
  std::vector<uint32_t> ids;
  bool operator<(const AxiomIds& o) const { return ids < o.ids; }
};
using AxiomSet = const AxiomIds*;

class Thm {
 public:
  // Copies only: a declared copy suppresses the implicit move, so no Thm is ever left
  // moved-from (null) where a rule could read it.
  Thm(const Thm&) = default;
  Thm& operator=(const Thm&) = default;
  const std::vector<Term>& hyps() const;
  const Term& concl() const { return concl_; }
  const std::vector<uint32_t>& axioms() const { return axioms_->ids; }
  const Env& env() const { return *axioms_->env; }

 private:
  Thm(Hyps h, Term c, AxiomSet ax) : hyps_(std::move(h)), concl_(std::move(c)), axioms_(ax) {}
  Hyps hyps_;
  Term concl_;
  AxiomSet axioms_;
  friend class Kernel;
};

struct Axiom {
  std::string name;
  Term statement;
};

// Why one explicit environment: everything a check declares or assumes (type operators,
// constants, axioms, the theories it loaded and their named theorems, whether the clause
// fast paths are on, their use counts) is state, and state that lives in process globals
// leaks between two checks in one process (a test, an archive of many problems) and needs
// callers' discipline between threads. An Env is that state, made by whoever runs a check
// and passed to what needs it, as Lean 4's Environment is. Two environments share nothing
// but the immutable term and type nodes. Declarations and lookups take the environment's
// lock; counters are atomic; the RUP fast path's scratch has a lock of its own. Terms are
// values shared by all environments (see spec/kernel.md §10 on why a term that names a
// constant of another environment cannot make a theorem unsound).
class Env {
 public:
  // fast_paths: whether enable_sat may switch the clause fast paths on (off for --pure).
  explicit Env(bool fast_paths = true);
  Env(const Env&) = delete;
  Env& operator=(const Env&) = delete;

  bool has_type(const std::string& name) const;
  bool has_constant(const std::string& name) const;
  Type constant_type(const std::string& name) const;  // generic type
  size_t type_arity(const std::string& name) const;
  size_t axiom_count() const;
  Axiom axiom(uint32_t i) const;
  // Whether the clause fast paths are on (enable_sat ran and the env allows them).
  bool fast_paths_on() const { return sat_on_.load(std::memory_order_relaxed); }
  bool fast_paths_allowed() const { return allow_fast_; }
  // Uses of each fast path so far: RESOLVE (counting each link of a chain), RUP,
  // CLAUSE_INTRO, CONJ, CONJUNCT.
  std::vector<std::pair<std::string, uint64_t>> fast_path_uses() const;

  // Named theorems of the loaded theories (definitions, axioms, type definitions), and
  // the theories themselves with their SHA-256. Only theorems of this environment.
  void remember(const std::string& name, const Thm& th);
  std::optional<Thm> fact(const std::string& name) const;
  void note_theory(const std::string& name, const std::string& sha256);
  std::map<std::string, std::string> theories() const;

 private:
  AxiomSet intern(std::vector<uint32_t> ids) const;
  AxiomSet unite(AxiomSet a, AxiomSet b) const;
  const TypeNode* find_constant(Name n) const;
  mutable std::shared_mutex mu_;  // guards all below but the atomics and the RUP scratch
  std::unordered_map<Name, size_t> types_;
  std::unordered_map<Name, const TypeNode*> consts_;
  std::deque<Axiom> axioms_;
  std::set<std::string> axiom_names_;
  std::unordered_map<std::string, Thm> facts_;
  std::map<std::string, std::string> theories_;
  mutable std::set<AxiomIds> axiom_sets_;
  mutable std::map<std::pair<AxiomSet, AxiomSet>, AxiomSet> unions_;
  AxiomSet none_;
  bool allow_fast_;
  std::atomic<bool> sat_on_{false};
  mutable std::atomic<uint64_t> resolve_n_{0}, rup_n_{0}, clause_intro_n_{0}, conj_n_{0}, conjunct_n_{0};
  // RUP's scratch (kernel/fast.cpp), under rup_mu_: the assignment and trail position by
  // variable slot, the slots set, the trail (slot, hint), the hints used and the trail
  // entries needed. Kept between calls (cleared, never shrunk), so that a call allocates
  // only its result: md5-506 makes 184k RUP calls, each had seven allocations.
  mutable std::mutex rup_mu_;
  mutable struct RupScratch {
    std::vector<int8_t> value;
    std::vector<uint32_t> where, slots;
    std::vector<std::pair<uint32_t, size_t>> trail;
    std::vector<const Thm*> used;
    std::vector<uint8_t> need;
  } rup_;
  friend class Kernel;
  friend class Term;
  friend class Type;
  friend AxiomSet ax_union(AxiomSet a, AxiomSet b);
};

// The kernel: HOL Light's ten primitive rules, its definition principles, and the
// declarations. Each function checks its side conditions before building anything and
// throws KernelError("RULE: reason") when they fail; a failed call changes no state.
class Kernel {
 public:
  //  ───────────── REFL t
  //   ⊢ t = t
  static Thm refl(const Env& env, const Term& t);

  //  A1 ⊢ a = b    A2 ⊢ b = c
  //  ───────────────────────── TRANS         (the two b are the same term)
  //     A1 ∪ A2 ⊢ a = c
  static Thm trans(const Thm& ab, const Thm& bc);

  //  A1 ⊢ f = g    A2 ⊢ x = y
  //  ───────────────────────── MK_COMB       (f : A -> B, x : A)
  //    A1 ∪ A2 ⊢ f x = g y
  static Thm mk_comb(const Thm& fg, const Thm& xy);

  //        A ⊢ s = t
  //  ───────────────────── ABS v             (v a variable not free in A)
  //   A ⊢ (λv. s) = (λv. t)
  static Thm abs(const Term& v, const Thm& st);

  //  ───────────────────── BETA              (v a variable not free in λx. t)
  //   ⊢ (λx. t) v = t[v/x]
  static Thm beta(const Env& env, const Term& redex);

  //  ─────────── ASSUME p                    (p : bool)
  //    {p} ⊢ p
  static Thm assume(const Env& env, const Term& p);

  //  A1 ⊢ p = q    A2 ⊢ p
  //  ─────────────────────  EQ_MP
  //     A1 ∪ A2 ⊢ q
  static Thm eq_mp(const Thm& pq, const Thm& p);

  //      A1 ⊢ p    A2 ⊢ q
  //  ─────────────────────────────────  DEDUCT_ANTISYM_RULE
  //  (A1 − {q}) ∪ (A2 − {p}) ⊢ p = q
  static Thm deduct_antisym(const Thm& p, const Thm& q);

  //       A ⊢ p
  //  ──────────────  INST_TYPE θ            (θ maps type variables to types)
  //    Aθ ⊢ pθ
  static Thm inst_type(const TypeSubst& theta, const Thm& th);

  //       A ⊢ p
  //  ──────────────  INST θ                 (θ maps variables to terms of their type)
  //    Aθ ⊢ pθ
  static Thm inst(const std::vector<std::pair<Term, Term>>& theta, const Thm& th);

  // Declarations. Names must be new; `bool`, `fun` and `=` are built in.
  static void new_type(Env& env, const std::string& name, size_t arity);
  static void new_constant(Env& env, const std::string& name, Type ty);

  //  ─────────  new_axiom name p            (p : bool, closed under binders; recorded)
  //    ⊢ p
  static Thm new_axiom(Env& env, const std::string& name, const Term& p);

  //  ────────  new_basic_definition (c = t)  (c a variable whose name is not a constant;
  //   ⊢ c = t                                 t has no free variables and no type
  //                                           variable that is not in the type of c)
  static Thm new_basic_definition(Env& env, const Term& c_eq_t);

  //        ⊢ P x
  //  ─────────────────────────────────────  new_basic_type_definition ty abs rep
  //  ⊢ abs (rep a) = a     ⊢ P r = (rep (abs r) = r)
  //  (P closed, no hypotheses; ty, abs, rep new and abs ≠ rep; the type's parameters are
  //   the type variables of P, sorted by name; the theorems carry the axioms of ⊢ P x)
  static std::pair<Thm, Thm> new_basic_type_definition(Env& env, const std::string& ty,
                                                       const std::string& abs,
                                                       const std::string& rep, const Thm& th);

  // ---- Fast paths (not primitive; spec/kernel.md §12) -----------------------------------
  // Each is derivable from the ten rules and the core theory's definitions of T, /\, ==>,
  // ~, \/ and !. enable_sat takes those six theorems and checks that each has no
  // hypothesis and no axiom and states exactly HOL Light's definition; before that the
  // fast paths refuse to run. Each use is counted for the verdict.
  static void enable_sat(Env& env, const Thm& t_def, const Thm& and_def, const Thm& imp_def, const Thm& not_def,
                         const Thm& or_def, const Thm& forall_def);

  // RESOLVE_CHAIN: RESOLVE applied left to right, T := RESOLVE(T, D_i, x_i) when side_i is
  // false (T holds x_i), RESOLVE(D_i, T, x_i) when true; one result, no intermediates.
  // nx, if given, must be the term ~x_i (checked in O(1)); it spares building it.
  struct ChainLink {
    const Thm* d;
    Term x;
    bool side;
    Term nx = {};
  };
  static Thm resolve_chain(const Thm& start, const std::vector<ChainLink>& links);

  //  P ⊢ F    N ⊢ F
  //  ─────────────────────────────  RESOLVE x      (x : bool a variable, x ∈ P, ~x ∈ N)
  //  (P − {x}) ∪ (N − {~x}) ⊢ F
  // (a chain of one link)
  static Thm resolve(const Thm& pos, const Thm& neg, const Term& x) { return resolve_chain(pos, {{&neg, x, false}}); }


  //  A_1 ⊢ F   …   A_n ⊢ F
  //  ──────────────────────────  RUP S     (S: literals x / ~x, x : bool a variable; unit
  //       S ∪ B ⊢ F                          propagation from S over A_1 … A_j meets a
  //                                          conflict at A_j; B: the non-literal hypotheses
  //                                          of the hints it used; spec/kernel.md §12)
  static Thm rup(const std::vector<Term>& s, const std::vector<const Thm*>& hints);

  //  A ⊢ l1 \/ (l2 \/ … \/ lk)
  //  ─────────────────────────────────  CLAUSE_INTRO     (comp(~t) = t, comp(t) = ~t;
  //  A ∪ {comp(l1), …, comp(lk)} ⊢ F                      A ⊢ F is returned as it is)
  static Thm clause_intro(const Thm& th);

  //  A ⊢ p    B ⊢ q                 A ⊢ p /\ q                 A ⊢ p /\ q
  //  ───────────────── CONJ         ──────────── CONJUNCT1      ──────────── CONJUNCT2
  //  A ∪ B ⊢ p /\ q                  A ⊢ p                       A ⊢ q
  static Thm conj(const Thm& p, const Thm& q);
  static Thm conjunct(const Thm& pq, bool second);

  // Test hook: mask applied to node hashes when choosing a hash-cons bucket. Lowering it
  // forces collisions; results must not change, only speed.
  static void set_hash_mask(uint64_t mask);
  static size_t live_terms();
  // Room in the term table for n more nodes (a hint: only speed and peak memory change).
  static void reserve_terms(size_t n);
};

}  // namespace hcert
