#include <mutex>
#include <unordered_set>

#include "kernel/internal.hpp"
#include "kernel/thm.hpp"

namespace hcert {

uint64_t TypeOps::hash_mask = ~0ull;

static uint64_t mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  h ^= h >> 31;
  return h * 0xbf58476d1ce4e5b9ull;
}

static uint64_t name_hash(Name n) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : *n) h = (h ^ c) * 1099511628211ull;
  return h;
}

// Names and types are never freed; each table has its lock (threads share them).
Name intern_name(const std::string& s) {
  static auto* names = new std::unordered_set<std::string>();  // outlives static handles
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  return &*names->insert(s).first;
}

namespace {
struct NodeHash {
  size_t operator()(const TypeNode* n) const { return n->hash & TypeOps::hash_mask; }
};
struct NodeEq {
  bool operator()(const TypeNode* x, const TypeNode* y) const {
    return x->name == y->name && x->is_var == y->is_var && x->args == y->args;
  }
};
}  // namespace

using Table = std::unordered_set<const TypeNode*, NodeHash, NodeEq>;
static Table& table() {
  static Table* t = new Table();
  return *t;
}
static std::mutex table_mu;

void TypeOps::rehash_table() {
  std::lock_guard<std::mutex> lock(table_mu);
  table() = Table(table().begin(), table().end());
}

const TypeNode* TypeOps::intern(Name name, bool is_var, std::vector<Type> args) {
  uint64_t h = mix(name_hash(name), is_var);
  bool vars = is_var;
  for (Type a : args) {
    h = mix(h, a.node_->hash);
    vars = vars || a.node_->has_vars;
  }
  TypeNode key{name, is_var, std::move(args), h, vars};
  std::lock_guard<std::mutex> lock(table_mu);
  auto it = table().find(&key);
  if (it != table().end()) return *it;
  auto* n = new TypeNode(std::move(key));
  table().insert(n);
  return n;
}

const TypeNode* TypeOps::bool_node() {
  static const TypeNode* b = intern(intern_name("bool"), false, {});
  return b;
}

const TypeNode* TypeOps::fun_node(const TypeNode* d, const TypeNode* c) {
  static Name fun = intern_name("fun");
  return intern(fun, false, {Type(d), Type(c)});
}

// Post-order over the type DAG with an explicit stack; memo holds finished nodes.
const TypeNode* TypeOps::inst(const TypeNode* t,
                              const std::unordered_map<const TypeNode*, const TypeNode*>& theta,
                              std::unordered_map<const TypeNode*, const TypeNode*>& memo) {
  std::vector<std::pair<const TypeNode*, bool>> stack{{t, false}};
  while (!stack.empty()) {
    auto [n, expanded] = stack.back();
    if (memo.count(n)) { stack.pop_back(); continue; }
    if (!n->has_vars) { memo[n] = n; stack.pop_back(); continue; }
    if (n->is_var) {
      auto it = theta.find(n);
      memo[n] = it == theta.end() ? n : it->second;
      stack.pop_back();
      continue;
    }
    if (!expanded) {
      stack.back().second = true;
      for (Type a : n->args) stack.push_back({a.node_, false});
      continue;
    }
    stack.pop_back();
    std::vector<Type> args;
    bool same = true;
    for (Type a : n->args) {
      args.push_back(Type(memo.at(a.node_)));
      same = same && args.back() == a;
    }
    memo[n] = same ? n : intern(n->name, false, std::move(args));
  }
  return memo.at(t);
}

bool TypeOps::match(const TypeNode* pattern, const TypeNode* ty,
                    std::unordered_map<const TypeNode*, const TypeNode*>& env) {
  std::vector<std::pair<const TypeNode*, const TypeNode*>> todo{{pattern, ty}};
  while (!todo.empty()) {
    auto [p, t] = todo.back();
    todo.pop_back();
    if (p->is_var) {
      auto [it, fresh] = env.emplace(p, t);
      if (!fresh && it->second != t) return false;
    } else if (!p->has_vars) {
      if (p != t) return false;
    } else {
      if (t->is_var || t->name != p->name || t->args.size() != p->args.size()) return false;
      for (size_t i = 0; i < p->args.size(); ++i) todo.push_back({p->args[i].node_, t->args[i].node_});
    }
  }
  return true;
}

void TypeOps::collect_vars(const TypeNode* t, std::vector<const TypeNode*>& out) {
  std::unordered_set<const TypeNode*> seen;
  std::vector<const TypeNode*> stack{t};
  while (!stack.empty()) {
    const TypeNode* n = stack.back();
    stack.pop_back();
    if (!n->has_vars || !seen.insert(n).second) continue;
    if (n->is_var) out.push_back(n);
    for (Type a : n->args) stack.push_back(a.node_);
  }
}


static const TypeNode* nonnull(const TypeNode* n, const char* what) {
  if (!n) throw KernelError(std::string(what) + ": null type");
  return n;
}

bool Type::is_var() const { return nonnull(node_, "is_var")->is_var; }
const std::string& Type::name() const { return *nonnull(node_, "name")->name; }
const std::vector<Type>& Type::args() const { return nonnull(node_, "args")->args; }
uint64_t Type::hash() const { return nonnull(node_, "hash")->hash; }
bool Type::is_fun() const {
  static const Name fun = intern_name("fun");
  return !nonnull(node_, "is_fun")->is_var && node_->name == fun && node_->args.size() == 2;
}
Type Type::dom() const {
  if (!is_fun()) throw KernelError("dom: not a function type");
  return node_->args[0];
}
Type Type::cod() const {
  if (!is_fun()) throw KernelError("cod: not a function type");
  return node_->args[1];
}

Type Type::var(const std::string& name) {
  if (name.empty()) throw KernelError("mk_vartype: empty name");
  return Type(TypeOps::intern(intern_name(name), true, {}));
}

Type Type::op(const Env& env, const std::string& name, const std::vector<Type>& args) {
  Name n = intern_name(name);
  std::shared_lock lock(env.mu_);
  auto it = env.types_.find(n);
  if (it == env.types_.end()) throw KernelError("mk_type: undeclared type operator " + name);
  if (it->second != args.size()) throw KernelError("mk_type: wrong arity for " + name);
  for (Type a : args)
    if (a.is_null()) throw KernelError("mk_type: null argument");
  return Type(TypeOps::intern(it->first, false, args));
}

Type Type::boolean() { return Type(TypeOps::bool_node()); }

Type Type::fun(Type dom, Type cod) {
  if (dom.is_null() || cod.is_null()) throw KernelError("mk_fun_ty: null argument");
  return Type(TypeOps::fun_node(dom.node_, cod.node_));
}

}  // namespace hcert
