#include "formats/script.hpp"

#include "formats/hol_text.hpp"

namespace hcert {

namespace {
class ScriptRunner {
 public:
  Thm run(const std::string& text) {
    size_t start = 0;
    std::optional<Thm> result;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      ++line_;
      std::string_view l(text.data() + start, end - start);
      text::Reader r(l, start);
      if (!r.at_end() && !r.peek('#')) {
        if (result) throw ScriptError(line_, "text after qed");
        try {
          result = step(r);
        } catch (const text::ParseError& e) {
          throw ScriptError(line_, e.what());
        } catch (const KernelError& e) {
          throw ScriptError(line_, e.what(), true);
        }
      }
      start = end + 1;
    }
    if (!result) throw ScriptError(line_, "no qed line");
    return *result;
  }

 private:
  const Thm& thm(text::Reader& r) {
    std::string id = r.name();
    auto it = thms_.find(id);
    if (it == thms_.end()) r.fail("unknown theorem id " + id);
    return it->second;
  }
  void bind(text::Reader& r, const std::string& id, const Thm& th) {
    if (!thms_.emplace(id, th).second) r.fail("theorem id " + id + " is already bound");
  }
  // Returns the theorem of a qed line, nothing for other lines.
  std::optional<Thm> step(text::Reader& r) {
    std::string first = r.name();
    if (first == "qed") {
      Thm th = thm(r);
      end(r);
      return th;
    }
    if (first == "new_type") {
      std::string n = r.name(), a = r.name();
      if (a.empty() || a.size() > 3 || a.find_first_not_of("0123456789") != std::string::npos)
        r.fail("arity must be a number below 1000");
      Kernel::new_type(n, std::stoul(a));
      end(r);
      return {};
    }
    if (first == "new_constant") {
      std::string n = r.name();
      Kernel::new_constant(n, r.type());
      end(r);
      return {};
    }
    std::string second = r.name();
    if (second != ":=") {
      std::string rule = r.name();
      if (rule != ":=") r.fail("expected ':='");
      expect_word(r, "typedef");
      std::string ty = r.name(), abs = r.name(), rep = r.name();
      auto [a, b] = Kernel::new_basic_type_definition(ty, abs, rep, thm(r));
      end(r);
      bind(r, first, a);
      bind(r, second, b);
      return {};
    }
    Thm th = rule(r, r.name());
    end(r);
    bind(r, first, th);
    return {};
  }
  Thm rule(text::Reader& r, const std::string& name) {
    if (name == "refl") return Kernel::refl(r.term());
    if (name == "beta") return Kernel::beta(r.term());
    if (name == "assume") return Kernel::assume(r.term());
    if (name == "define") return Kernel::new_basic_definition(r.term());
    if (name == "new_axiom") {
      std::string n = r.name();
      return Kernel::new_axiom(n, r.term());
    }
    if (name == "abs") {
      Term v = r.term();
      return Kernel::abs(v, thm(r));
    }
    if (name == "inst_type") {
      Thm th = thm(r);
      TypeSubst theta;
      while (!r.at_end()) {
        Type a = r.type();
        theta.push_back({a, r.type()});
      }
      return Kernel::inst_type(theta, th);
    }
    if (name == "inst") {
      Thm th = thm(r);
      std::vector<std::pair<Term, Term>> theta;
      while (!r.at_end()) {
        Term v = r.term();
        theta.push_back({v, r.term()});
      }
      return Kernel::inst(theta, th);
    }
    if (name != "trans" && name != "mk_comb" && name != "eq_mp" && name != "deduct_antisym")
      r.fail("unknown rule " + name);
    const Thm& a = thm(r);
    const Thm& b = thm(r);
    if (name == "trans") return Kernel::trans(a, b);
    if (name == "mk_comb") return Kernel::mk_comb(a, b);
    if (name == "eq_mp") return Kernel::eq_mp(a, b);
    return Kernel::deduct_antisym(a, b);
  }
  void expect_word(text::Reader& r, const std::string& w) {
    if (r.name() != w) r.fail("expected " + w);
  }
  void end(text::Reader& r) {
    if (!r.at_end()) r.fail("trailing text");
  }
  std::map<std::string, Thm> thms_;
  size_t line_ = 0;
};
}  // namespace

Thm run_script(const std::string& text) { return ScriptRunner().run(text); }

}  // namespace hcert
