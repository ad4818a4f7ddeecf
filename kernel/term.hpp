// HOL terms, locally nameless: free variables and constants carry a name and a type; bound
// variables are de Bruijn indices; an abstraction stores only the type of what it binds.
#pragma once
#include <cstdint>
#include <vector>

#include "kernel/type.hpp"

namespace hcert {

enum class TermKind : uint8_t { Var, Const, Comb, Abs, Bound };

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
  static Term constant(const std::string& name, Type ty);  // instance of declared type
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
  explicit Term(TermNode* n);  // takes a new reference
  TermNode* node_ = nullptr;
  friend class Kernel;
  friend struct TermOps;
  friend struct TermHash;
};

struct TermHash {
  size_t operator()(const Term& t) const { return static_cast<size_t>(t.hash()); }
};

}  // namespace hcert
