#include "translators/z3/terms.hpp"

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

Term TermReader::term(const Sexp& e, uint32_t n) {
  return ctx_.term(to_script(e), n, names_);
}

Term TermReader::bind(const Binding& b) {
  Term t = term(b.expr, b.expr.root);
  names_[b.name] = t;
  return t;
}

}  // namespace hcert::z3
