#include "checker/theory_needs.hpp"

#include <string_view>

#include "checker/checker.hpp"

namespace hcert::check {
namespace {

// What one symbol asks for; a rule table, read in the order below.
struct SymbolNeed {
  std::string_view symbol;
  bool arithmetic, int_sort, real_sort, mixed, arrays;
};
constexpr SymbolNeed kSymbolNeeds[] = {
    {"Int", true, true, false, false, false},      {"Real", true, false, true, false, false},
    {"to_real", true, false, false, true, false},  {"to_int", true, false, false, true, false},
    {"is_int", true, false, false, true, false},   {"+", true, false, false, false, false},
    {"-", true, false, false, false, false},       {"*", true, false, false, false, false},
    {"/", true, false, false, false, false},       {"div", true, false, false, false, false},
    {"mod", true, false, false, false, false},     {"abs", true, false, false, false, false},
    {"<=", true, false, false, false, false},      {"<", true, false, false, false, false},
    {">=", true, false, false, false, false},      {">", true, false, false, false, false},
    {"Array", false, false, false, false, true},   {"select", false, false, false, false, true},
    {"store", false, false, false, false, true},
};

// Commands whose numeral arguments are not terms: `(declare-sort U 0)`, `(set-info
// :smt-lib-version 2.6)`, `(push 1)`. A numeral anywhere else may be a term.
constexpr std::string_view kNumeralsNotTerms[] = {"declare-sort", "set-info", "set-option", "push", "pop"};

}  // namespace

std::vector<std::string> theories_named(const smt::Script& text) {
  std::vector<bool> not_term(text.nodes.size(), false);
  for (uint32_t c : text.commands) {
    const smt::Node& cmd = text.nodes[c];
    if (cmd.kids.empty() || text.nodes[cmd.kids[0]].kind != smt::Node::Symbol) continue;
    for (std::string_view head : kNumeralsNotTerms)
      if (text.nodes[cmd.kids[0]].text == head)
        for (uint32_t k : cmd.kids) not_term[k] = true;
  }
  bool arithmetic = false, int_sort = false, real_sort = false, mixed = false, arrays = false;
  for (size_t i = 0; i < text.nodes.size(); ++i) {  // the flat array: no recursion, every node once
    const smt::Node& n = text.nodes[i];
    if ((n.kind == smt::Node::Numeral || n.kind == smt::Node::Decimal) && !not_term[i]) arithmetic = true;
    if (n.kind != smt::Node::Symbol) continue;
    // z3's negative literals (-5, -2.5) are symbols the elaboration reads as numbers.
    if (n.text.size() > 1 && n.text[0] == '-' && n.text[1] >= '0' && n.text[1] <= '9') arithmetic = true;
    for (const SymbolNeed& s : kSymbolNeeds)
      if (n.text == s.symbol) {
        arithmetic |= s.arithmetic, int_sort |= s.int_sort, real_sort |= s.real_sort;
        mixed |= s.mixed, arrays |= s.arrays;
        break;
      }
  }
  mixed |= int_sort && real_sort;
  std::vector<std::string> out{"core"};
  if (arithmetic || mixed) out.insert(out.end(), {"ints", "reals"});
  if (mixed) out.push_back("mixed");
  if (arrays) out.push_back("arrays");
  return out;
}

void load_theories_named(Env& env, const std::string& dir, const smt::Script& text) {
  auto loaded = env.theories();
  for (const std::string& t : theories_named(text))
    if (!loaded.count(t)) load_pinned_theory(env, dir, t);
}

}  // namespace hcert::check
