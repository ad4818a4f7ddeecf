// HOL terms, locally nameless: free variables and constants carry a name and a type; bound
// variables are de Bruijn indices; an abstraction stores only the type of what it binds.
#pragma once
#include <atomic>
#include <cstdint>
#include <utility>
#include <vector>

#include "kernel/type.hpp"

namespace hcert {

enum class TermKind : uint8_t { Var, Const, Comb, Abs, Bound };

// The node layout is in this header only so that Term's accessors below compile inline;
// only the kernel builds or changes a node (a Term's pointer is private, and nothing
// outside kernel/ may get at it: tests/run's lint).
//
// A term node caches everything a traversal needs to decide in O(1) whether it can skip the
// node: `loose` (all loose de Bruijn indices are below it), `fvmask` (a 64-bit Bloom filter
// of the free variables) and their serial range, `tyvars` (some type inside has a type variable). `serial` is the
// creation order: sets of terms are sorted by it, so output never depends on addresses.
// 80 bytes (104, then 88 before: md5-506's 1.15M nodes take 27 MB less): fields that no
// node needs at once share a word (a Var's or Const's name and a Comb's function child are
// one), counts bounded by the live nodes are 32 bits, and the serial range is kept as two
// 32-bit distances back from the node's own serial.
struct TermNode {
  uint64_t rc;  // atomic (std::atomic_ref): see Term below
  uint32_t loose;
  // A Bound node's index; a boolean variable's place in RUP's assignment arrays (0: none
  // yet; given on first use under the store's lock, kernel/fast.cpp, and kept for the
  // node's life). Equality reads `index` of Bound nodes only.
  union { uint32_t index; mutable uint32_t slot; };
  TermKind kind;
  bool tyvars;
  // Live nodes that have this one as a direct child. A variable with none occurs in no
  // term at all, so abstracting it (a vacuous binder) costs O(1) whatever its Bloom bit.
  // Below 2^32: there are fewer live nodes than that (each takes 80 bytes).
  uint32_t parents;
  uint64_t hash;
  uint64_t serial;
  uint64_t fvmask;
  const TypeNode* ty;
  // Var, Const: the name; Comb: the function. Read `a` only of a Comb (child_a).
  union { Name name; TermNode* a; };
  TermNode* b;          // Comb: argument; Abs: body
  // Serial range of the free variables below (none when fvmask is 0), as serial − lo and
  // serial − hi (children are older than their parents); a distance beyond 32 bits widens
  // the range (lo_back = 2^32 − 1 means from 0), which only makes a skip rarer (fv_lo,
  // fv_hi in kernel/internal.hpp). With the Bloom filter it lets abstraction skip every
  // subterm built before or after the variable it looks for, which keeps nested binders
  // built bottom-up linear instead of quadratic.
  uint32_t lo_back, hi_back;
};

// Why locally nameless and hash-consed: alpha-equivalent terms are then the same node, so
// the equality tests that every rule performs (TRANS's middle term, EQ_MP's antecedent,
// hypothesis removal) are pointer comparisons, and no rule ever renames a bound variable.
// Variable capture cannot happen: a substituted term is closed under binders, so nothing in
// it can be caught by an abstraction it is placed under.
//
// Why reference counted: a streaming check creates millions of intermediate terms and
// must return their memory when the certificate deletes the objects that used them. A
// node is removed from the hash-cons table when its last handle goes away; the release is
// iterative, so freeing a 10^6-deep term does not recurse.
//
// Why the counts are atomic and the last one is dropped under a lock: terms are shared by
// threads (two-thread SAT check, environments in parallel). A count above 1 changes
// without a lock; a count goes 1 -> 0 only under the store's lock (Term::release), and a
// lookup finds a node and takes its reference under the same lock (kernel/term.cpp,
// intern), so no lookup can return a node that is being freed.
//
// Every public constructor takes and returns closed terms (no loose de Bruijn index); only
// the read accessors body() and bound_index() expose the raw structure, and a term with
// loose indices is refused by every constructor and rule.
class Term {
 public:
  Term() = default;
  Term(const Term& o);
  Term(Term&& o) noexcept : node_(o.node_) { o.node_ = nullptr; }
  Term& operator=(const Term& o);
  Term& operator=(Term&& o) noexcept;
  ~Term();

  bool is_null() const { return node_ == nullptr; }
  TermKind kind() const;
  Type type() const;
  const std::string& name() const;  // Var, Const
  Term rator() const;               // Comb: function
  Term rand() const;                // Comb: argument
  Type bound_type() const;          // Abs: type of the bound variable
  Term body() const;                // Abs: raw body (index 0 = this binder)
  uint32_t bound_index() const;     // Bound
  bool is_closed() const;           // no loose de Bruijn index
  uint64_t hash() const;
  uint64_t serial() const;          // creation order, used for deterministic sorting
  bool operator==(const Term& o) const { return node_ == o.node_; }
  bool operator!=(const Term& o) const { return node_ != o.node_; }

  // Checked constructors.
  static Term var(const std::string& name, Type ty);
  static Term constant(const Env& env, const std::string& name, Type ty);  // instance of its type in env
  static Term comb(Term f, Term x);                         // f : A -> B, x : A
  static Term abs(Term v, Term body);                       // abstract variable v in body
  static Term eq(Term l, Term r);                           // l = r
  bool is_eq() const;
  Term lhs() const;  // requires is_eq()
  Term rhs() const;

  // Abs only: the body with the bound variable replaced by the closed term u.
  Term open(Term u) const;
  // Free variables, each once, in creation order.
  std::vector<Term> frees() const;
  // Substitution of free variables (the keys must be variables; types must agree).
  Term subst(const std::vector<std::pair<Term, Term>>& theta) const;
  Term subst_type(const TypeSubst& theta) const;

 private:
  explicit Term(TermNode* n) : node_(n) {  // takes a new reference
    if (n) std::atomic_ref<uint64_t>(n->rc).fetch_add(1, std::memory_order_relaxed);
  }
  [[noreturn]] static void fail(const char* what, const char* why);
  static void release(TermNode* n);  // the last reference, perhaps: decided under the lock
  TermNode* checked(TermKind k, const char* what) const {
    if (!node_ || node_->kind != k) fail(what, "wrong kind of term");
    return node_;
  }
  TermNode* present(const char* what) const {
    if (!node_) fail(what, "null term");
    return node_;
  }
  TermNode* node_ = nullptr;
  friend class Kernel;
  friend class Env;
  friend struct TermOps;
  friend struct TermHash;
};

// The accessors every traversal calls, inline (they were a third of a Z3 translation's
// time as calls).
inline Term::Term(const Term& o) : node_(o.node_) {
  if (node_) std::atomic_ref<uint64_t>(node_->rc).fetch_add(1, std::memory_order_relaxed);
}
inline Term& Term::operator=(const Term& o) {
  Term copy(o);
  std::swap(node_, copy.node_);
  return *this;
}
inline Term& Term::operator=(Term&& o) noexcept {
  std::swap(node_, o.node_);
  return *this;
}
inline Term::~Term() {
  if (!node_) return;
  std::atomic_ref<uint64_t> rc(node_->rc);
  for (uint64_t c = rc.load(std::memory_order_relaxed); c > 1;)
    if (rc.compare_exchange_weak(c, c - 1, std::memory_order_release, std::memory_order_relaxed)) return;
  release(node_);
}
inline TermKind Term::kind() const { return present("kind")->kind; }
inline Type Term::type() const { return Type(present("type")->ty); }
inline const std::string& Term::name() const {
  TermNode* n = present("name");
  if (n->kind != TermKind::Var && n->kind != TermKind::Const) fail("name", "not a variable or constant");
  return *n->name;
}
inline Term Term::rator() const { return Term(checked(TermKind::Comb, "rator")->a); }
inline Term Term::rand() const { return Term(checked(TermKind::Comb, "rand")->b); }
inline bool Term::is_closed() const { return present("is_closed")->loose == 0; }
inline uint64_t Term::hash() const { return present("hash")->hash; }
inline uint64_t Term::serial() const { return present("serial")->serial; }

struct TermHash {
  size_t operator()(const Term& t) const { return static_cast<size_t>(t.hash()); }
};

}  // namespace hcert
