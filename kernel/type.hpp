// HOL types: type variables and applied type operators (bool, fun, and declared ones).
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace hcert {

// Every failure of a kernel function is a KernelError whose message starts with the rule or
// constructor name ("TRANS: middle terms differ"). Untrusted callers turn it into a located
// error; the kernel itself never aborts.
struct KernelError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Kernel;
class Env;
struct TypeNode;
struct TermNode;

// Names are interned once and never freed, so comparing names is comparing pointers.
using Name = const std::string*;
Name intern_name(const std::string& s);

// Why types are immortal: a certificate uses a handful of distinct types (bool, a few sorts
// and function types), so reclaiming them is not worth a reference count on every copy.
// A TypeNode is hash-consed: two structurally equal types are the same node, so type
// equality is pointer equality. `Type` is the only handle outside code gets; it cannot be
// built from a pointer or an integer except by the kernel.
class Type {
 public:
  Type() = default;  // the null type; kernel functions reject it
  bool is_null() const { return node_ == nullptr; }
  bool is_var() const;
  const std::string& name() const;       // type variable or operator name
  const std::vector<Type>& args() const; // operator arguments (empty for variables)
  uint64_t hash() const;
  bool operator==(const Type& o) const { return node_ == o.node_; }
  bool operator!=(const Type& o) const { return node_ != o.node_; }

  // Constructors that check against the signature (operator declared with this arity in
  // env; bool and fun are in every environment).
  static Type var(const std::string& name);
  static Type op(const Env& env, const std::string& name, const std::vector<Type>& args);
  static Type boolean();
  static Type fun(Type dom, Type cod);
  bool is_fun() const;
  Type dom() const;  // requires is_fun()
  Type cod() const;

 private:
  explicit Type(const TypeNode* n) : node_(n) {}
  const TypeNode* node_ = nullptr;
  friend class Kernel;
  friend class Env;
  friend class Term;
  friend struct TypeNode;
  friend struct TypeOps;
  friend struct TermOps;
};

// A type substitution: pairs (type variable, replacement).
using TypeSubst = std::vector<std::pair<Type, Type>>;

}  // namespace hcert
