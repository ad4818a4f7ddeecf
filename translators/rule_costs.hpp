// Where a translation's time goes, by proof rule (HCERT_Z3_COST, HCERT_CVC5_COST; spec/cli.md):
// diagnostics on stderr, shared by the Z3 and cvc5 translators. Untrusted; no effect on a
// verdict.
#pragma once
#include <cstdio>
#include <map>
#include <string>

namespace hcert {

class RuleCosts {
 public:
  // One proof node of `rule` (at `where`) that made `theorems` theorems in `seconds`. A costly
  // one is printed at once, so that a run its time limit stops still shows it; `formula`
  // renders its conclusion and is called only then.
  template <class Render>
  void add(const std::string& rule, const std::string& where, size_t theorems, double seconds, bool costly,
           Render formula) {
    Cost& c = by_rule_[rule];
    ++c.nodes, c.theorems += theorems, c.seconds += seconds;
    if (costly)
      fprintf(stderr, "cost %s %s: %zu theorems, %.2f s: %s\n", rule.c_str(), where.c_str(), theorems, seconds,
              formula().c_str());
  }
  // The totals by rule, at the end of a translation.
  void print_by_rule() const {
    for (const auto& [rule, c] : by_rule_)
      fprintf(stderr, "cost by rule %s: %zu nodes, %zu theorems, %.2f s\n", rule.c_str(), c.nodes, c.theorems, c.seconds);
  }

 private:
  struct Cost {
    size_t nodes = 0, theorems = 0;
    double seconds = 0;
  };
  std::map<std::string, Cost> by_rule_;
};

}  // namespace hcert
