#include "formats/script.hpp"

#include "formats/cert_emit.hpp"
#include "formats/hol_text.hpp"
#include "rules/equality.hpp"

namespace hcert {

namespace {
using cert::Emitter;
using cert::Tag;

// Runs each line through the kernel and, when an emitter is given, writes the same step
// as certificate records.
class ScriptRunner {
 public:
  ScriptRunner(Env& env, Emitter* out, FactLookup facts) : env_(env), out_(out), facts_(std::move(facts)) {}
  std::optional<Thm> run(const std::string& text, bool need_qed) {
    size_t start = 0;
    std::optional<Thm> result;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      ++line_;
      std::string_view l(text.data() + start, end - start);
      text::Reader r(env_, l, start);
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
    if (!result && need_qed) throw ScriptError(line_, "no qed line");
    return result;
  }

 private:
  const Thm& thm(text::Reader& r) {
    std::string id = r.name();
    auto it = thms_.find(id);
    if (it == thms_.end()) r.fail("unknown theorem id " + id);
    args_.push_back(it->second.second);
    return it->second.first;
  }
  Term term(text::Reader& r) {
    terms_.push_back(r.term());
    if (out_) args_.push_back(out_->term(terms_.back()));
    return terms_.back();
  }
  Type type(text::Reader& r) {
    types_.push_back(r.type());
    if (out_) args_.push_back(out_->type(types_.back()));
    return types_.back();
  }
  uint64_t bind(text::Reader& r, const std::string& id, const Thm& th) {
    uint64_t n = out_ ? out_->new_thm_id() : 0;
    if (!thms_.emplace(id, std::make_pair(th, n)).second) r.fail("theorem id " + id + " is already bound");
    return n;
  }
  void emit(Tag tag, std::vector<uint64_t> nums, std::vector<std::string> names = {}) {
    if (out_) out_->write(Emitter::make(tag, std::move(nums), std::move(names)));
  }
  // Returns the theorem of a qed line, nothing for other lines.
  std::optional<Thm> step(text::Reader& r) {
    args_.clear();
    terms_.clear();
    types_.clear();
    std::string first = r.name();
    if (first == "qed") {
      Thm th = thm(r);
      end(r);
      if (out_) emit(Tag::End, {args_.at(0)});
      return th;
    }
    if (first == "new_type") {
      std::string n = r.name(), a = r.name();
      if (a.empty() || a.size() > 3 || a.find_first_not_of("0123456789") != std::string::npos)
        r.fail("arity must be a number below 1000");
      Kernel::new_type(env_, n, std::stoul(a));
      end(r);
      emit(Tag::TypeDecl, {std::stoul(a)}, {n});
      return {};
    }
    if (first == "new_constant") {
      std::string n = r.name();
      Kernel::new_constant(env_, n, type(r));
      end(r);
      if (out_) emit(Tag::ConstDecl, {args_.at(0)}, {n});
      return {};
    }
    std::string second = r.name();
    if (second != ":=") {
      std::string rule = r.name();
      if (rule != ":=") r.fail("expected ':='");
      expect_word(r, "typedef");
      std::string ty = r.name(), abs = r.name(), rep = r.name();
      auto [a, b] = Kernel::new_basic_type_definition(env_, ty, abs, rep, thm(r));
      end(r);
      uint64_t ia = bind(r, first, a), ib = bind(r, second, b);
      if (out_) emit(Tag::Typedef, {ia, ib, args_.at(0)}, {ty, abs, rep});
      return {};
    }
    std::string name = r.name();
    std::string axname;
    Thm th = rule(r, name, axname);
    end(r);
    uint64_t id = bind(r, first, th);
    if (!out_) return {};  // running only: args_ holds record ids only when emitting
    if (name == "define") emit(Tag::Def, {id, args_.at(0)});
    else if (name == "fact") emit(Tag::Fact, {id}, {axname});
    else if (name == "new_axiom") emit(Tag::Axiom, {id, args_.at(0)}, {axname});
    else {
      std::vector<uint64_t> nums{id};
      nums.insert(nums.end(), args_.begin(), args_.end());
      emit(Tag::Step, std::move(nums), {name});
    }
    return {};
  }
  Thm rule(text::Reader& r, const std::string& name, std::string& axname) {
    if (name == "refl") return Kernel::refl(env_, term(r));
    if (name == "beta") return Kernel::beta(env_, term(r));
    if (name == "assume") return Kernel::assume(env_, term(r));
    if (name == "define") return Kernel::new_basic_definition(env_, term(r));
    if (name == "new_axiom") {
      axname = r.name();
      return Kernel::new_axiom(env_, axname, term(r));
    }
    if (name == "fact") {
      axname = r.name();
      std::optional<Thm> th = facts_ ? facts_(axname) : std::nullopt;
      if (!th) r.fail("no theory fact named " + axname);
      return *th;
    }
    if (name == "abs") {
      Term v = term(r);
      return Kernel::abs(v, thm(r));
    }
    if (name == "beta_conv") return rules::beta_conv(env_, term(r));
    if (name == "sym") return rules::sym(thm(r));
    if (name == "ap_term") {
      Term f = term(r);
      return rules::ap_term(f, thm(r));
    }
    if (name == "ap_thm") {
      Thm th = thm(r);
      return rules::ap_thm(th, term(r));
    }
    if (name == "inst_type") {
      Thm th = thm(r);
      TypeSubst theta;
      while (!r.at_end()) {
        Type a = type(r);
        theta.push_back({a, type(r)});
      }
      return Kernel::inst_type(theta, th);
    }
    if (name == "inst") {
      Thm th = thm(r);
      std::vector<std::pair<Term, Term>> theta;
      while (!r.at_end()) {
        Term v = term(r);
        theta.push_back({v, term(r)});
      }
      return Kernel::inst(theta, th);
    }
    if (name != "trans" && name != "mk_comb" && name != "eq_mp" && name != "deduct_antisym" &&
        name != "prove_hyp")
      r.fail("unknown rule " + name);
    const Thm& a = thm(r);
    const Thm& b = thm(r);
    if (name == "trans") return Kernel::trans(a, b);
    if (name == "mk_comb") return Kernel::mk_comb(a, b);
    if (name == "eq_mp") return Kernel::eq_mp(a, b);
    if (name == "prove_hyp") return rules::prove_hyp(a, b);
    return Kernel::deduct_antisym(a, b);
  }
  void expect_word(text::Reader& r, const std::string& w) {
    if (r.name() != w) r.fail("expected " + w);
  }
  void end(text::Reader& r) {
    if (!r.at_end()) r.fail("trailing text");
  }
  Emitter* out_;
  FactLookup facts_;
  std::map<std::string, std::pair<Thm, uint64_t>> thms_;
  std::vector<uint64_t> args_;   // record arguments of the current line, in order
  std::vector<Term> terms_;      // keeps the current line's terms alive
  std::vector<Type> types_;
  size_t line_ = 0;
  Env& env_;
};
}  // namespace

Thm run_script(Env& env, const std::string& text) { return *ScriptRunner(env, nullptr, nullptr).run(text, true); }

void script_to_records(Env& env, const std::string& text, cert::Emitter& out, bool need_qed, const FactLookup& facts) {
  ScriptRunner(env, &out, facts).run(text, need_qed);
}

}  // namespace hcert
