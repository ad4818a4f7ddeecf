// Names bound in nested scopes (SMT-LIB let, quantifiers, define-fun parameters), looked
// up innermost first.
//
// Why this shape: the elaboration used to scan a vector of all enclosing bindings on every
// lookup, so a chain of N nested lets cost O(N^2) (issue 18: 160k lets 6 s, 1M lets more
// than two minutes). Here each name maps to the stack of its bindings, innermost last, and
// a log of the bound names in binding order lets a scope's exit pop exactly what it pushed:
// bind, find and each unbinding are O(1) expected, whatever the depth.
#pragma once
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace hcert::check {

template <class V>
class ScopedNames {
 public:
  void bind(const std::string& name, V v) {
    auto& entry = *stacks_.try_emplace(name).first;
    entry.second.push_back(std::move(v));
    log_.push_back(&entry);
  }

  // The innermost binding of name, or null.
  const V* find(const std::string& name) const {
    auto it = stacks_.find(name);
    return it == stacks_.end() ? nullptr : &it->second.back();
  }

  // How many bindings are in force: a scope records it on entry and returns to it on exit.
  size_t depth() const { return log_.size(); }

  // Undoes the most recent bindings until depth() is `depth`.
  void unbind_to(size_t depth) {
    while (log_.size() > depth) {
      Entry* e = log_.back();
      log_.pop_back();
      e->second.pop_back();
      if (e->second.empty()) stacks_.erase(e->first);  // no log entry refers to it any more
    }
  }

 private:
  using Map = std::unordered_map<std::string, std::vector<V>>;
  using Entry = typename Map::value_type;
  Map stacks_;              // name -> its bindings, innermost last (never an empty stack)
  std::vector<Entry*> log_;  // the entry of each binding in force, in binding order
};

}  // namespace hcert::check
