#include <algorithm>
#include <memory_resource>
#include <mutex>
#include <new>
#include <unordered_set>

#include <sys/mman.h>

#include "kernel/internal.hpp"
#include "kernel/thm.hpp"

namespace hcert {

static uint64_t mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  h ^= h >> 29;
  return h * 0x94d049bb133111ebull;
}

static uint64_t str_hash(Name n) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : *n) h = (h ^ c) * 1099511628211ull;
  return h;
}

namespace {
// Why huge pages for the term table's slots and the pool's blocks (where the system gives
// them on request, as Linux's transparent huge pages do): both are large and touched at
// random, a slot and a node per term built, and with 4 KB pages each such touch was also a
// TLB miss and each first one a page fault (md5-506 LRAT, one thread: CPU -10 to -15 %). Only
// whole 2 MB pages inside [p, p + n) can be huge; the advice changes nothing else.
void advise_huge(void* p, size_t n) { madvise(reinterpret_cast<void*>(reinterpret_cast<uintptr_t>(p) & ~uintptr_t(4095)), n, MADV_HUGEPAGE); }
constexpr size_t kHugePage = size_t(1) << 21;

// Structural equality one level deep: children are already unique, so comparing their
// pointers is comparing them. A hash collision therefore never identifies distinct terms.
// (A Comb's word is its function child, every other node's its name: both pointers.)
bool same_node(const TermNode* x, const TermNode* y) {
  return x->kind == y->kind && x->ty == y->ty && (x->kind == TermKind::Comb ? x->a == y->a : x->name == y->name) &&
         x->b == y->b && (x->kind != TermKind::Bound || x->index == y->index);  // a variable's word is its slot
}

// The hash-consing table: every live node once. Why open addressing over a power-of-two
// array rather than std::unordered_set: the standard set picks a bucket by a 64-bit
// division at every probe and keeps each entry in an allocation of its own, and with one
// lookup per node built that made hash-consing most of the time spent on large problems.
// Linear probing from the slot given by the node's hash (masked by hash_mask, which
// tests lower to force collisions); erasing shifts later entries of the run back, so a
// lookup can stop at the first empty slot. At most three quarters full: a probe reads only
// slots (8 to a cache line), not nodes, so longer runs cost little, and the slots take
// 11-21 bytes per node instead of 16-32.
class Table {
 public:
  TermNode* find(const TermNode& key) const {
    uintptr_t t = tag(key.hash);
    for (size_t i = home(key.hash);; i = (i + 1) & mask()) {
      uintptr_t s = slots_[i];
      if (!s) return nullptr;
      if ((s & kTagBits) == t && same_node(node(s), &key)) return node(s);
    }
  }
  void insert(TermNode* n) {  // n is not in the table
    reserve(count_ + 1);
    put(n), ++count_;
  }
  // Room for n nodes without a resize: elaborating a large problem then never copies the
  // table (the copies were 3 % of md5-506's check, and the old and new arrays together
  // its peak).
  void reserve(size_t n) {
    size_t cap = slots_.size();
    while (4 * n > 3 * cap) cap *= 2;
    if (cap > slots_.size()) resize(cap);
  }
  void erase(const TermNode* n) {  // n is in the table
    size_t i = home(n->hash);
    while (node(slots_[i]) != n) i = (i + 1) & mask();
    for (size_t j = (i + 1) & mask(); slots_[j]; j = (j + 1) & mask()) {
      size_t k = home(node(slots_[j])->hash);  // entry j may move to i if its home is not in (i, j]
      if ((i < j) ? (k <= i || k > j) : (k <= i && k > j)) slots_[i] = slots_[j], i = j;
    }
    slots_[i] = 0;
    --count_;
  }
  size_t size() const { return count_; }
  void rehash() { resize(slots_.size()); }

 private:
  // A slot holds the node's address in its low 48 bits and the top 16 bits of its hash
  // above them, so that probing past other nodes reads no node (a node is visited only
  // when its hash agrees in those bits); the table does not grow for it.
  static constexpr uintptr_t kTagBits = ~((uintptr_t(1) << 48) - 1);
  static uintptr_t tag(uint64_t h) { return static_cast<uintptr_t>(h) & kTagBits; }
  static TermNode* node(uintptr_t s) { return reinterpret_cast<TermNode*>(s & ~kTagBits); }
  void put(TermNode* n) {
    uintptr_t p = reinterpret_cast<uintptr_t>(n);
    if (p & kTagBits) throw KernelError("term table: a node address beyond 48 bits");
    size_t i = home(n->hash);
    while (slots_[i]) i = (i + 1) & mask();
    slots_[i] = p | tag(n->hash);
  }
  size_t mask() const { return slots_.size() - 1; }
  size_t home(uint64_t h) const { return ((h & TypeOps::hash_mask) * 0x9e3779b97f4a7c15ull) >> shift_; }
  void resize(size_t cap) {
    std::vector<uintptr_t> old;
    old.reserve(cap), advise_huge(old.data(), cap * sizeof(uintptr_t)), old.resize(cap, 0);  // advised before touched
    old.swap(slots_);
    shift_ = 64 - static_cast<unsigned>(__builtin_ctzll(cap));
    for (uintptr_t s : old)
      if (s) put(node(s));
  }
  std::vector<uintptr_t> slots_ = std::vector<uintptr_t>(1024, 0);
  unsigned shift_ = 64 - 10;
  size_t count_ = 0;
};
Table& table() {
  static Table* t = new Table();  // never destroyed: handles in static storage outlive it
  return *t;
}
// The store's lock: the table, the pool, serials, `parents`, a count's 1 -> 0.
std::mutex store_mu;
uint64_t next_serial = 0;
template <class T> T relaxed_load(T& x) { return std::atomic_ref<T>(x).load(std::memory_order_relaxed); }
template <class T> void relaxed_add(T& x, int d) { std::atomic_ref<T>(x).fetch_add(static_cast<T>(d), std::memory_order_relaxed); }

// Why a pool: every term node has one size, and a translation makes and frees millions of
// them; a free list serves them in O(1) without the general allocator's per-block header
// (8-16 bytes on an 80-byte node) or its bookkeeping. Blocks are never given back. A new
// block (a 2 MB huge page: advise_huge above) is handed out node by node in address
// order, not linked into the free list up front: linking 4,096 nodes wrote 320 KB at
// once (page faults and cache misses that the nodes' construction then took again), ~4 %
// of md5-506's LRAT check.
class NodePool {
 public:
  void* get() {
    if (void* p = free_) return free_ = *static_cast<void**>(p), p;
    if (fresh_ == end_)  // a huge page of nodes: aligned to its size, advised before touched
      fresh_ = static_cast<char*>(::operator new(kHugePage, std::align_val_t(kHugePage))), end_ = fresh_ + kBlock, advise_huge(fresh_, kHugePage);
    return std::exchange(fresh_, fresh_ + sizeof(TermNode));
  }
  void put(void* p) { *static_cast<void**>(p) = std::exchange(free_, p); }

 private:
  static constexpr size_t kBlock = kHugePage / sizeof(TermNode) * sizeof(TermNode);
  void* free_ = nullptr;
  char *fresh_ = nullptr, *end_ = nullptr;  // the newest block's nodes not handed out yet
};
NodePool& pool() {
  static NodePool* p = new NodePool();  // never destroyed, like the table
  return *p;
}

// The node equal to key (whose rc, slot and parents are 0), made if new, with a reference
// taken under the lock.
Term intern(TermNode key) {
  std::lock_guard<std::mutex> lock(store_mu);
  if (TermNode* found = table().find(key)) return TermOps::wrap(found);
  key.serial = next_serial++;
  auto* n = new (pool().get()) TermNode(key);
  for (TermNode* k : {child_a(n), n->b})
    if (k) relaxed_add(k->rc, 1), relaxed_add(k->parents, 1);
  uint64_t lo = n->kind == TermKind::Var ? n->serial : UINT64_MAX, hi = n->kind == TermKind::Var ? n->serial : 0;
  for (TermNode* k : {child_a(n), n->b})
    if (k && k->fvmask) lo = std::min(lo, fv_lo(k)), hi = std::max(hi, fv_hi(k));
  if (!n->fvmask) lo = hi = n->serial;  // no free variable: the range is never read
  n->lo_back = static_cast<uint32_t>(std::min<uint64_t>(n->serial - lo, UINT32_MAX));
  n->hi_back = static_cast<uint32_t>(std::min<uint64_t>(n->serial - hi, UINT32_MAX));
  table().insert(n);
  return TermOps::wrap(n);
}
}  // namespace

Term TermOps::mk_var(Name name, const TypeNode* ty) {
  uint64_t h = mix(mix(1, str_hash(name)), ty->hash);
  return intern({0, 0, {0}, TermKind::Var, ty->has_vars, 0, h, 0, 1ull << (h % 61), ty, {name}, nullptr, 0, 0});
}
Term TermOps::mk_const(Name name, const TypeNode* ty) {
  uint64_t h = mix(mix(2, str_hash(name)), ty->hash);
  return intern({0, 0, {0}, TermKind::Const, ty->has_vars, 0, h, 0, 0, ty, {name}, nullptr, 0, 0});
}
Term TermOps::mk_comb(TermNode* f, TermNode* x) {
  uint64_t h = mix(mix(3, f->hash), x->hash);
  return intern({0, std::max(f->loose, x->loose), {0}, TermKind::Comb, f->tyvars || x->tyvars, 0, h, 0,
                 f->fvmask | x->fvmask, f->ty->args[1].node_, {.a = f}, x, 0, 0});
}
Term TermOps::mk_abs(const TypeNode* bvty, TermNode* body) {
  uint64_t h = mix(mix(4, bvty->hash), body->hash);
  return intern({0, body->loose ? body->loose - 1 : 0, {0}, TermKind::Abs,
                 bvty->has_vars || body->tyvars, 0, h, 0, body->fvmask,
                 TypeOps::fun_node(bvty, body->ty), {nullptr}, body, 0, 0});
}
Term TermOps::mk_bound(uint32_t i, const TypeNode* ty) {
  uint64_t h = mix(mix(5, i), ty->hash);
  return intern({0, i + 1, {i}, TermKind::Bound, ty->has_vars, 0, h, 0, 0, ty, {nullptr}, nullptr, 0, 0});
}

// Drops a reference that may be the last, under the store's lock; frees what is left
// unused. Iterative, so that freeing a very deep term cannot overflow the stack; the stack
// is kept between calls (the lock is held), so the common case allocates nothing.
void TermOps::release(TermNode* n) {
  std::lock_guard<std::mutex> lock(store_mu);
  auto drop = [](TermNode* k) { return std::atomic_ref<uint64_t>(k->rc).fetch_sub(1, std::memory_order_acq_rel) == 1; };
  if (!drop(n)) return;  // another handle was taken meanwhile
  static std::vector<TermNode*>* stack = new std::vector<TermNode*>();
  stack->push_back(n);
  while (!stack->empty()) {
    n = stack->back();
    stack->pop_back();
    table().erase(n);
    for (TermNode* k : {child_a(n), n->b})
      if (k) {
        relaxed_add(k->parents, -1);
        if (drop(k)) stack->push_back(k);
      }
    n->~TermNode();
    pool().put(n);
  }
}

size_t TermOps::live_nodes() { std::lock_guard<std::mutex> l(store_mu); return table().size(); }
void TermOps::rehash_table() { std::lock_guard<std::mutex> l(store_mu); table().rehash(); }
void Kernel::reserve_terms(size_t n) { std::lock_guard<std::mutex> l(store_mu); table().reserve(table().size() + n); }

// ---- handles -------------------------------------------------------------------------

void Term::release(TermNode* n) { TermOps::release(n); }
void Term::fail(const char* what, const char* why) { throw KernelError(std::string(what) + ": " + why); }

Type Term::bound_type() const { return checked(TermKind::Abs, "bound_type")->ty->args[0]; }
Term Term::body() const { return Term(checked(TermKind::Abs, "body")->b); }
uint32_t Term::bound_index() const { return checked(TermKind::Bound, "bound_index")->index; }

// ---- checked constructors --------------------------------------------------------------

TermNode* TermOps::closed(const Term& t, const char* what) {
  TermNode* n = TermOps::node(t);
  if (!n) throw KernelError(std::string(what) + ": null term");
  if (n->loose) throw KernelError(std::string(what) + ": term has a loose bound variable");
  return n;
}

Term Term::var(const std::string& name, Type ty) {
  if (ty.is_null()) throw KernelError("mk_var: null type");
  return TermOps::mk_var(intern_name(name), ty.node_);
}

Term Term::constant(const Env& env, const std::string& name, Type ty) {
  if (ty.is_null()) throw KernelError("mk_const: null type");
  Name n = intern_name(name);
  const TypeNode* generic = env.find_constant(n);
  if (!generic) throw KernelError("mk_const: undeclared constant " + name);
  std::unordered_map<const TypeNode*, const TypeNode*> theta;
  if (!TypeOps::match(generic, ty.node_, theta))
    throw KernelError("mk_const: type is not an instance of the type of " + name);
  return TermOps::mk_const(n, ty.node_);
}

Term Term::comb(Term f, Term x) {
  TermNode* fn = TermOps::closed(f, "mk_comb");
  TermNode* xn = TermOps::closed(x, "mk_comb");
  if (!f.type().is_fun()) throw KernelError("mk_comb: function has no function type");
  if (fn->ty->args[0].node_ != xn->ty) throw KernelError("mk_comb: argument type mismatch");
  return TermOps::mk_comb(fn, xn);
}

Term Term::abs(Term v, Term body) {
  TermNode* vn = v.checked(TermKind::Var, "mk_abs");
  TermNode* bn = TermOps::closed(body, "mk_abs");
  Term inner = TermOps::abstract(bn, vn);
  return TermOps::mk_abs(vn->ty, inner.node_);
}

const TypeNode* TermOps::eq_type(const TypeNode* a) {
  return TypeOps::fun_node(a, TypeOps::fun_node(a, TypeOps::bool_node()));
}
Name TermOps::eq_name() { static Name n = intern_name("="); return n; }

const TypeNode* eq_generic_type() { return TermOps::eq_type(TypeOps::intern(intern_name("A"), true, {})); }

Term Term::eq(Term l, Term r) {
  TermNode* ln = TermOps::closed(l, "mk_eq");
  TermNode* rn = TermOps::closed(r, "mk_eq");
  if (ln->ty != rn->ty) throw KernelError("mk_eq: sides have different types");
  // The constant `=` at each type is made once per thread and kept (types are immortal).
  static thread_local std::unordered_map<const TypeNode*, Term> eqs;
  auto it = eqs.find(ln->ty);
  if (it == eqs.end()) it = eqs.emplace(ln->ty, TermOps::mk_const(TermOps::eq_name(), TermOps::eq_type(ln->ty))).first;
  return TermOps::mk_comb(TermOps::mk_comb(it->second.node_, ln).node_, rn);
}

bool Term::is_eq() const {
  return present("is_eq")->kind == TermKind::Comb && node_->a->kind == TermKind::Comb &&
         node_->a->a->kind == TermKind::Const && node_->a->a->name == TermOps::eq_name();
}
Term Term::lhs() const { if (!is_eq()) throw KernelError("lhs: not an equation"); return Term(node_->a->b); }
Term Term::rhs() const { if (!is_eq()) throw KernelError("rhs: not an equation"); return Term(node_->b); }

// ---- traversals --------------------------------------------------------------------------

namespace {
// Memo key: a node, and the number of binders above it when the result depends on it.
struct Key {
  TermNode* n;
  uint32_t depth;
  bool operator==(const Key& o) const { return n == o.n && depth == o.depth; }
};
struct KeyHash {
  size_t operator()(const Key& k) const { return std::hash<const void*>()(k.n) ^ (k.depth * 0x9e3779b97f4a7c15ull); }
};

// The one rebuilding traversal: post-order over the DAG with an explicit stack, memoised
// on (node, depth) so each shared node is visited once per depth. `skip` says a node is
// unchanged, `leaf` rebuilds a Var/Const/Bound, `bvty` maps the bound type of an Abs.
template <class Skip, class Leaf, class BvTy>
Term rebuild(TermNode* root, bool by_depth, Skip skip, Leaf leaf, BvTy bvty) {
  if (skip(root, 0)) return TermOps::wrap(root);  // unchanged: no memo to build
  // The memo's nodes and the stack: a small rebuild's (most) in this frame, no heap block; a
  // larger one's in a few blocks, all freed at once (malloc and free were a fifth of a check).
  std::byte first[4096];
  std::pmr::monotonic_buffer_resource arena(first, sizeof first);
  std::pmr::unordered_map<Key, Term, KeyHash> memo(&arena);
  auto key = [&](TermNode* n, uint32_t d) { return Key{n, by_depth ? d : 0}; };
  struct Frame { TermNode* n; uint32_t depth; bool expanded; };
  std::pmr::vector<Frame> stack({{root, 0, false}}, &arena);
  while (!stack.empty()) {
    Frame f = stack.back();
    Key k = key(f.n, f.depth);
    if (!f.expanded) {
      if (memo.count(k)) { stack.pop_back(); continue; }
      if (skip(f.n, f.depth)) { memo.emplace(k, TermOps::wrap(f.n)); stack.pop_back(); continue; }
      if (f.n->kind == TermKind::Comb) {
        stack.back().expanded = true;
        stack.push_back({f.n->b, f.depth, false});
        stack.push_back({f.n->a, f.depth, false});
      } else if (f.n->kind == TermKind::Abs) {
        stack.back().expanded = true;
        stack.push_back({f.n->b, f.depth + 1, false});
      } else {
        memo.emplace(k, leaf(f.n, f.depth));
        stack.pop_back();
      }
      continue;
    }
    stack.pop_back();
    Term r;
    if (f.n->kind == TermKind::Comb) {
      TermNode* a = TermOps::node(memo.at(key(f.n->a, f.depth)));
      TermNode* b = TermOps::node(memo.at(key(f.n->b, f.depth)));
      r = (a == f.n->a && b == f.n->b) ? TermOps::wrap(f.n) : TermOps::mk_comb(a, b);
    } else {
      TermNode* b = TermOps::node(memo.at(key(f.n->b, f.depth + 1)));
      const TypeNode* bt = bvty(TypeOps::node(f.n->ty->args[0]));
      r = (b == f.n->b && bt == TypeOps::node(f.n->ty->args[0])) ? TermOps::wrap(f.n) : TermOps::mk_abs(bt, b);
    }
    memo.emplace(k, std::move(r));
  }
  return memo.at(key(root, 0));
}

const TypeNode* same_type(const TypeNode* t) { return t; }
}  // namespace

Term TermOps::abstract(TermNode* t, TermNode* v) {
  if (relaxed_load(v->parents) == 0 && t != v) return wrap(t);  // v is no live node's child: not in t
  return rebuild(
      t, true, [&](TermNode* n, uint32_t) { return !may_contain(n, v->fvmask, v->serial, v->serial); },
      [&](TermNode* n, uint32_t d) { return n == v ? mk_bound(d, v->ty) : wrap(n); }, same_type);
}

Term TermOps::open(TermNode* body, TermNode* u) {
  return rebuild(
      body, true, [&](TermNode* n, uint32_t d) { return n->loose <= d; },
      [&](TermNode* n, uint32_t d) {
        if (n->index == d) return wrap(u);
        return n->index > d ? mk_bound(n->index - 1, n->ty) : wrap(n);
      },
      same_type);
}

Term TermOps::subst(TermNode* t, const std::unordered_map<TermNode*, TermNode*>& theta) {
  uint64_t mask = 0, lo = UINT64_MAX, hi = 0;
  for (auto& [v, _] : theta) mask |= v->fvmask, lo = std::min(lo, v->serial), hi = std::max(hi, v->serial);
  return rebuild(
      t, false, [&](TermNode* n, uint32_t) { return !may_contain(n, mask, lo, hi); },
      [&](TermNode* n, uint32_t) {
        auto it = theta.find(n);
        return wrap(it == theta.end() ? n : it->second);
      },
      same_type);
}

Term TermOps::subst_type(TermNode* t,
                         const std::unordered_map<const TypeNode*, const TypeNode*>& theta) {
  std::unordered_map<const TypeNode*, const TypeNode*> tymemo;
  auto ty = [&](const TypeNode* x) { return TypeOps::inst(x, theta, tymemo); };
  return rebuild(
      t, false, [&](TermNode* n, uint32_t) { return !n->tyvars; },
      [&](TermNode* n, uint32_t) {
        switch (n->kind) {
          case TermKind::Var: return mk_var(n->name, ty(n->ty));
          case TermKind::Const: return mk_const(n->name, ty(n->ty));
          default: return mk_bound(n->index, ty(n->ty));
        }
      },
      ty);
}

// Depth-first visit of each distinct node once; `visit` returns false to prune. The
// visited set is the call's own (not a mark in the nodes, which another thread may walk).
template <class Visit>
static void each_node(TermNode* t, Visit visit) {
  std::pmr::monotonic_buffer_resource arena;  // the set's memory, taken in a few blocks and freed at once
  std::pmr::unordered_set<TermNode*> visited(&arena);
  std::vector<TermNode*> stack{t};
  while (!stack.empty()) {
    TermNode* n = stack.back();
    stack.pop_back();
    if (!visited.insert(n).second) continue;
    if (!visit(n)) continue;
    if (child_a(n)) stack.push_back(n->a);
    if (n->b) stack.push_back(n->b);
  }
}

bool TermOps::free_in(TermNode* v, TermNode* t) {
  if (t == v) return true;
  if (relaxed_load(v->parents) == 0 || !may_contain(t, v->fvmask, v->serial, v->serial)) return false;
  bool found = false;
  each_node(t, [&](TermNode* n) {
    found = found || n == v;
    return !found && may_contain(n, v->fvmask, v->serial, v->serial);
  });
  return found;
}

void TermOps::frees(TermNode* t, std::vector<Term>& out) {
  size_t start = out.size();
  each_node(t, [&](TermNode* n) {
    if (n->kind == TermKind::Var) out.push_back(wrap(n));
    return n->fvmask != 0;
  });
  std::sort(out.begin() + start, out.end(),
            [](const Term& x, const Term& y) { return x.serial() < y.serial(); });
}

void TermOps::type_vars(TermNode* t, std::vector<const TypeNode*>& out) {
  std::unordered_set<const TypeNode*> seen;
  each_node(t, [&](TermNode* n) {
    if (!n->tyvars) return false;
    if (n->kind != TermKind::Comb) TypeOps::collect_vars(n->ty, out);
    return true;
  });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

Term Term::open(Term u) const {
  TermNode* n = TermOps::closed(*this, "open");
  if (n->kind != TermKind::Abs) throw KernelError("open: not an abstraction");
  TermNode* un = TermOps::closed(u, "open");
  if (un->ty != n->ty->args[0].node_) throw KernelError("open: argument type mismatch");
  return TermOps::open(n->b, un);
}

std::vector<Term> Term::frees() const {
  std::vector<Term> out;
  TermOps::frees(present("frees"), out);
  return out;
}

void TermOps::subst_map(const char* rule, const std::vector<std::pair<Term, Term>>& theta,
                        std::unordered_map<TermNode*, TermNode*>& map) {
  for (auto& [v, t] : theta) {
    TermNode* vn = v.checked(TermKind::Var, rule);
    TermNode* tn = TermOps::closed(t, rule);
    if (vn->ty != tn->ty) throw KernelError(std::string(rule) + ": type mismatch for " + *vn->name);
    if (!map.emplace(vn, tn).second) throw KernelError(std::string(rule) + ": variable " + *vn->name + " bound twice");
  }
}

void TermOps::type_map(const char* rule, const TypeSubst& theta,
                       std::unordered_map<const TypeNode*, const TypeNode*>& map) {
  for (auto& [a, t] : theta) {
    if (a.is_null() || t.is_null() || !a.is_var()) throw KernelError(std::string(rule) + ": key is not a type variable");
    if (!map.emplace(a.node_, t.node_).second) throw KernelError(std::string(rule) + ": type variable bound twice");
  }
}

Term Term::subst(const std::vector<std::pair<Term, Term>>& theta) const {
  TermOps::closed(*this, "subst");
  std::unordered_map<TermNode*, TermNode*> map;
  TermOps::subst_map("subst", theta, map);
  return TermOps::subst(node_, map);
}

Term Term::subst_type(const TypeSubst& theta) const {
  TermOps::closed(*this, "subst_type");
  std::unordered_map<const TypeNode*, const TypeNode*> map;
  TermOps::type_map("subst_type", theta, map);
  return TermOps::subst_type(node_, map);
}

}  // namespace hcert
