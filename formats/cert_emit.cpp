#include "formats/cert_emit.hpp"

#include "rules/equality.hpp"

namespace hcert::cert {

Record Emitter::make(Tag tag, std::vector<uint64_t> nums, std::vector<std::string> names) {
  Record r;
  r.tag = tag;
  r.nums = std::move(nums);
  r.names = std::move(names);
  return r;
}

// Post-order with an explicit stack: a node is written after its children.
uint64_t Emitter::type(const Type& root) {
  std::vector<std::pair<Type, bool>> stack{{root, false}};
  while (!stack.empty()) {
    auto [ty, expanded] = stack.back();
    if (types_.count(ty)) { stack.pop_back(); continue; }
    if (!expanded && !ty.is_var()) {
      stack.back().second = true;
      for (const Type& a : ty.args()) stack.push_back({a, false});
      continue;
    }
    stack.pop_back();
    uint64_t id = next_type_++;
    if (ty.is_var()) {
      write(make(Tag::TyVar, {id}, {ty.name()}));
    } else {
      std::vector<uint64_t> nums{id};
      for (const Type& a : ty.args()) nums.push_back(types_.at(a));
      write(make(Tag::TyOp, std::move(nums), {ty.name()}));
    }
    types_.emplace(ty, id);
  }
  return types_.at(root);
}

// An abstraction is written as `lam v body` with the body opened at a variable v that is
// not free in it, so the checker rebuilds exactly this node with Term::abs.
uint64_t Emitter::term(const Term& root) {
  // Most calls name a term written before: one look-up, no walk (and no stack to allocate).
  if (auto it = terms_.find(root); it != terms_.end()) return it->second;
  struct Frame {
    Term t;
    bool expanded;
    Term v, body;  // Abs: the variable and the opened body
  };
  std::vector<Frame> stack{{root, false, {}, {}}};
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (terms_.count(f.t)) { stack.pop_back(); continue; }
    if (!f.expanded) {
      f.expanded = true;
      if (f.t.kind() == TermKind::Comb) {
        Term a = f.t.rator(), b = f.t.rand();
        stack.push_back({b, false, {}, {}});
        stack.push_back({a, false, {}, {}});
        continue;
      }
      if (f.t.kind() == TermKind::Abs) {
        f.v = rules::fresh_var(f.t, f.t.bound_type());
        f.body = f.t.open(f.v);
        Term v = f.v, body = f.body;
        stack.push_back({body, false, {}, {}});
        stack.push_back({v, false, {}, {}});
        continue;
      }
    }
    Frame done = std::move(stack.back());
    stack.pop_back();
    const Term& t = done.t;
    uint64_t id;
    switch (t.kind()) {
      case TermKind::Var:
      case TermKind::Const: {
        uint64_t ty = type(t.type());
        id = next_term_++;
        write(make(t.kind() == TermKind::Var ? Tag::Var : Tag::Const, {id, ty}, {t.name()}));
        break;
      }
      case TermKind::Comb:
        id = next_term_++;
        write(make(Tag::App, {id, terms_.at(t.rator()), terms_.at(t.rand())}));
        break;
      case TermKind::Abs:
        id = next_term_++;
        write(make(Tag::Lam, {id, terms_.at(done.v), terms_.at(done.body)}));
        break;
      default:
        throw std::logic_error("Emitter: loose bound variable");
    }
    terms_.emplace(t, id);
  }
  return terms_.at(root);
}

}  // namespace hcert::cert
