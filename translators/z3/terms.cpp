#include "translators/z3/terms.hpp"

#include <algorithm>
#include <unordered_set>
#include <vector>

#include "translators/provers/arrays.hpp"
#include "translators/provers/formula.hpp"

namespace hcert::z3 {

namespace {
bool digits(const std::string& s, size_t from) {
  if (from >= s.size()) return false;
  for (size_t i = from; i < s.size(); ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}
}  // namespace

smt::Script to_script(const Sexp& e) {
  smt::Script s;
  s.nodes.resize(e.nodes.size());
  for (size_t i = 0; i < e.nodes.size(); ++i) {
    const Sexp::Node& n = e.nodes[i];
    smt::Node& m = s.nodes[i];
    m.kids = n.kids;
    if (n.list) {
      m.kind = smt::Node::List;
      continue;
    }
    const std::string& a = n.atom;
    m.text = a;
    size_t dot = a.find('.');
    if (digits(a, 0)) m.kind = smt::Node::Numeral;
    else if (dot != std::string::npos && dot > 0 && digits(a.substr(0, dot), 0) && digits(a, dot + 1)) m.kind = smt::Node::Decimal;
    else if (a.size() > 2 && a[0] == '#' && a[1] == 'x') m.kind = smt::Node::Hex, m.text = a.substr(2);
    else if (a.size() > 2 && a[0] == '#' && a[1] == 'b') m.kind = smt::Node::Binary, m.text = a.substr(2);
    else if (!a.empty() && a[0] == '"') m.kind = smt::Node::String, m.text = a.substr(1, a.size() >= 2 ? a.size() - 2 : 0);
    else if (!a.empty() && a[0] == ':') m.kind = smt::Node::Keyword, m.text = a.substr(1);
    else m.kind = smt::Node::Symbol;
  }
  return s;
}

void TermReader::open(const Sexp& e) {
  open_ = to_script(e);
  visited_.assign(open_.nodes.size(), 0);
  visit_ = 0;
}

Term TermReader::term(uint32_t n) {
  witnesses(n);
  return ctx_.term(open_, n, names_);
}

void TermReader::witnesses(uint32_t root) {
  smt::Script& s = open_;
  if (++visit_ == 0) std::fill(visited_.begin(), visited_.end(), 0), visit_ = 1;  // wrapped
  std::vector<std::pair<uint32_t, bool>> todo{{root, false}};  // post-order, each node once
  while (!todo.empty()) {
    auto [k, kids_done] = todo.back();
    todo.pop_back();
    smt::Node& n = s.nodes[k];
    if (!kids_done) {
      if (visited_[k] == visit_) continue;
      visited_[k] = visit_;
      todo.push_back({k, true});
      for (uint32_t c : n.kids) todo.push_back({c, false});
      continue;
    }
    if (n.kind != smt::Node::List || n.kids.size() != 3) continue;
    const smt::Node& h = s.nodes[n.kids[0]];
    if (h.kind != smt::Node::List || h.kids.size() < 2 || s.nodes[h.kids[0]].text != "_" ||
        s.nodes[h.kids[1]].text != "array-ext")
      continue;
    Term a = ctx_.term(s, n.kids[1], names_), b = ctx_.term(s, n.kids[2], names_);
    if (a.type() != b.type() || a.type().is_var() || a.type().name() != "array")
      throw check::Failure(check::Outcome::Rejected, "array-ext of terms that are not arrays of one sort");
    std::string name = "array-ext|" + std::to_string(witnesses_++);
    names_[name] = provers::ArrayLemmas::diff(a, b);
    n.kind = smt::Node::Symbol, n.text = name, n.kids.clear();
  }
}

Term TermReader::bind(const Binding& b) {
  open(b.expr);
  Term t = term(b.expr.root);
  names_[b.name] = t;
  return t;
}

namespace {
// The outermost COND subterms of t (none under another); false when one is boolean.
bool outer_conds(const Term& t, std::unordered_set<Term, TermHash>& out) {
  std::unordered_set<Term, TermHash> seen;
  std::vector<Term> todo{t};
  while (!todo.empty()) {
    Term u = todo.back();
    todo.pop_back();
    if (u.kind() != TermKind::Comb || !seen.insert(u).second) continue;
    if (provers::is_cond(u)) {
      if (u.type() == Type::boolean()) return false;
      out.insert(u);
      continue;
    }
    todo.push_back(u.rator()), todo.push_back(u.rand());
  }
  return true;
}
}  // namespace

bool conditionals_untouched(const Term& l, const Term& r) {
  std::unordered_set<Term, TermHash> a, b;
  return outer_conds(l, a) && outer_conds(r, b) && a == b;
}

}  // namespace hcert::z3
