// Kernel-private node layouts and the operations on them. Not included outside kernel/.
#pragma once
#include <unordered_map>

#include "kernel/term.hpp"
#include "kernel/type.hpp"
#include "kernel/thm.hpp"

namespace hcert {

// A type node caches its hash and whether it contains a type variable, so that type
// instantiation can skip closed types in O(1).
struct TypeNode {
  Name name;
  bool is_var;
  std::vector<Type> args;
  uint64_t hash;
  bool has_vars;
};

// The serial range of t's free variables (TermNode::lo_back), and may t contain a free
// variable with a Bloom bit in mask and a serial in [lo, hi]?
inline uint64_t fv_lo(const TermNode* t) { return t->lo_back == UINT32_MAX ? 0 : t->serial - t->lo_back; }
inline uint64_t fv_hi(const TermNode* t) { return t->serial - t->hi_back; }
// A node's function child: a Comb's `a`; null for the others, whose word is their name.
inline TermNode* child_a(const TermNode* t) { return t->kind == TermKind::Comb ? t->a : nullptr; }
inline bool may_contain(const TermNode* t, uint64_t mask, uint64_t lo, uint64_t hi) {
  return (t->fvmask & mask) && fv_lo(t) <= hi && lo <= fv_hi(t);
}

struct TypeOps {
  static const TypeNode* node(Type t) { return t.node_; }
  static Type wrap(const TypeNode* n) { return Type(n); }
  static const TypeNode* intern(Name name, bool is_var, std::vector<Type> args);
  // Instantiate; theta maps type-variable nodes to nodes. Iterative, memoised.
  static const TypeNode* inst(const TypeNode* t,
                              const std::unordered_map<const TypeNode*, const TypeNode*>& theta,
                              std::unordered_map<const TypeNode*, const TypeNode*>& memo);
  // Extend env so that pattern instantiated by env is ty; false if impossible.
  static bool match(const TypeNode* pattern, const TypeNode* ty,
                    std::unordered_map<const TypeNode*, const TypeNode*>& env);
  static void collect_vars(const TypeNode* t, std::vector<const TypeNode*>& out);
  static const TypeNode* bool_node();
  static const TypeNode* fun_node(const TypeNode* d, const TypeNode* c);
  static uint64_t hash_mask;  // applied to bucket choice only; tests lower it to force collisions
  static void rehash_table();
};

struct TermOps {
  static TermNode* node(const Term& t) { return t.node_; }
  static Term wrap(TermNode* n) { return Term(n); }
  static Term mk_var(Name name, const TypeNode* ty);
  static Term mk_const(Name name, const TypeNode* ty);
  static Term mk_comb(TermNode* f, TermNode* x);  // unchecked
  static Term mk_abs(const TypeNode* bvty, TermNode* body);
  static Term mk_bound(uint32_t i, const TypeNode* ty);
  static void release(TermNode* n);
  static TermNode* closed(const Term& t, const char* rule);  // non-null, no loose index, or throws
  static size_t live_nodes();
  static void rehash_table();
  // Traversals (iterative, memoised on the DAG).
  static Term abstract(TermNode* t, TermNode* v);  // v := bound index at its depth
  static Term open(TermNode* body, TermNode* u);   // index 0 := u (u closed)
  static Term subst(TermNode* t, const std::unordered_map<TermNode*, TermNode*>& theta);
  static Term subst_type(TermNode* t,
                         const std::unordered_map<const TypeNode*, const TypeNode*>& theta);
  // Validate a substitution and turn it into node maps (mask: Bloom filter of its keys).
  static void subst_map(const char* rule, const std::vector<std::pair<Term, Term>>& theta,
                        std::unordered_map<TermNode*, TermNode*>& map);
  static void type_map(const char* rule, const TypeSubst& theta,
                       std::unordered_map<const TypeNode*, const TypeNode*>& map);
  static bool free_in(TermNode* v, TermNode* t);
  static void frees(TermNode* t, std::vector<Term>& out);
  static void type_vars(TermNode* t, std::vector<const TypeNode*>& out);
  static const TypeNode* eq_type(const TypeNode* a);  // a -> a -> bool
  static Name eq_name();
};

// Every environment starts with bool, fun and = (Env's constructor); the kernel's rules
// build = through Term::eq, which needs no environment.
const TypeNode* eq_generic_type();

// Hypothesis sets and axiom sets (kernel/thm.cpp), shared with the fast paths.
// A function object, not a function, so that sorts and merges inline the comparison.
constexpr auto by_serial = [](const Term& x, const Term& y) {
  return x.serial() < y.serial();  // hypotheses are never null
};
const Hyps& no_hyps();
Hyps hyp_union(const Hyps& a, const Hyps& b);
AxiomSet ax_union(AxiomSet a, AxiomSet b);  // throws if the sets are of two environments

}  // namespace hcert
