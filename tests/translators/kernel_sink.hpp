// A step sink for the translators' unit tests: runs each emitted step straight on the
// kernel and the derived rules, so a wrong step fails at once with the kernel's message
// (instead of at check time). Theorem ids index `thms`; id 0 is "none".
#pragma once
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/env.hpp"
#include "checker/checker.hpp"
#include "rules/bool.hpp"
#include "rules/equality.hpp"
#include "tests/support.hpp"
#include "translators/provers/taut.hpp"

namespace hcert::test {

struct KernelSink {
  std::vector<Thm> thms{Kernel::refl(hcert::tenv(), Term::var("a", Type::boolean()))};
  std::vector<Term> terms{Term::var("a", Type::boolean())};
  std::vector<Type> types{Type::boolean()};
  provers::StepSink sink;
  size_t steps = 0;
  std::string last;  // the rule of the last step, to tell which one failed
  KernelSink() {
    sink.term = [this](const Term& t) { terms.push_back(t); return terms.size() - 1; };
    sink.type = [this](const Type& t) { types.push_back(t); return types.size() - 1; };
    sink.fact = [this](const std::string& name) {
      auto th = hcert::tenv().fact(name);
      if (!th) throw std::runtime_error("no theory fact " + name);
      thms.push_back(*th);
      return thms.size() - 1;
    };
    sink.step = [this](const char* r, std::vector<uint64_t> a) {
      namespace R = hcert::rules;
      const R::BoolDefs& d = core_defs();
      std::string n = r;
      auto th = [&](size_t i) -> const Thm& { return thms.at(a.at(i)); };
      auto tm = [&](size_t i) -> const Term& { return terms.at(a.at(i)); };
      ++steps, last = n;
      if (n == "inst_type") {
        TypeSubst theta;
        for (size_t i = 1; i + 1 < a.size(); i += 2) theta.push_back({types.at(a[i]), types.at(a[i + 1])});
        thms.push_back(Kernel::inst_type(theta, th(0)));
        return thms.size() - 1;
      }
      if (n == "inst") {
        std::vector<std::pair<Term, Term>> theta;
        for (size_t i = 1; i + 1 < a.size(); i += 2) theta.push_back({tm(i), tm(i + 1)});
        thms.push_back(Kernel::inst(theta, th(0)));
        return thms.size() - 1;
      }
      Thm out = n == "assume"           ? Kernel::assume(hcert::tenv(), tm(0))
                : n == "refl"           ? Kernel::refl(hcert::tenv(), tm(0))
                : n == "trans"          ? Kernel::trans(th(0), th(1))
                : n == "mk_comb"        ? Kernel::mk_comb(th(0), th(1))
                : n == "sym"            ? R::sym(th(0))
                : n == "ap_term"        ? R::ap_term(tm(0), th(1))
                : n == "ap_thm"         ? R::ap_thm(th(0), tm(1))
                : n == "beta_conv"      ? R::beta_conv(hcert::tenv(), tm(0))
                : n == "eq_mp"          ? Kernel::eq_mp(th(0), th(1))
                : n == "deduct_antisym" ? Kernel::deduct_antisym(th(0), th(1))
                : n == "prove_hyp"      ? R::prove_hyp(th(0), th(1))
                : n == "truth"          ? R::truth(d)
                : n == "eqt_intro"      ? R::eqt_intro(d, th(0))
                : n == "conj"           ? R::conj(d, th(0), th(1))
                : n == "conjunct1"      ? R::conjunct1(d, th(0))
                : n == "conjunct2"      ? R::conjunct2(d, th(0))
                : n == "mp"             ? R::mp(d, th(0), th(1))
                : n == "disch"          ? R::disch(d, tm(0), th(1))
                : n == "spec"           ? R::spec(d, tm(0), th(1))
                : n == "not_elim"       ? R::not_elim(d, th(0), th(1))
                : n == "not_intro"      ? R::not_intro(d, tm(0), th(1))
                : n == "contr"          ? R::contr(d, tm(0), th(1))
                : n == "disj1"          ? R::disj1(d, th(0), tm(1))
                : n == "disj2"          ? R::disj2(d, tm(0), th(1))
                : n == "disj_cases"     ? R::disj_cases(d, th(0), th(1), th(2))
                                        : throw std::runtime_error("unknown step " + n);
      thms.push_back(out);
      return thms.size() - 1;
    };
  }
};

}  // namespace hcert::test
