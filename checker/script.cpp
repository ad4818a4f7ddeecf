#include "checker/script.hpp"

#include <deque>

#include "checker/steps.hpp"
#include "formats/cert_emit.hpp"
#include "formats/hol_text.hpp"

namespace hcert {

namespace {
using cert::Emitter;
using cert::Tag;
using check::StepArgs;
using check::StepError;

// A script line's arguments for the shared rule table (checker/steps.hpp): each is parsed
// when the rule asks for it (a term, a theorem id, a type, a number), and, when emitting,
// its record id is noted so that the same step can be written as a certificate record.
class ScriptArgs : public StepArgs {
 public:
  // thm: the theorem bound to an id, and its record id.
  ScriptArgs(check::StepContext& ctx, text::Reader& r, Emitter* out,
             std::function<const std::pair<Thm, uint64_t>&(const std::string&)> thm)
      : StepArgs(ctx), r_(r), out_(out), thm_(std::move(thm)) {}
  const Term& tm() override {
    need("term");
    terms_.push_back(r_.term());
    if (out_) ids.push_back(out_->term(terms_.back()));
    return terms_.back();
  }
  const Thm& th() override {
    need("theorem");
    const auto& [th, id] = thm_(r_.name());
    ids.push_back(id);
    return th;
  }
  const Type& ty() override {
    need("type");
    types_.push_back(r_.type());
    if (out_) ids.push_back(out_->type(types_.back()));
    return types_.back();
  }
  uint64_t num() override {
    need("number");
    std::string w = r_.name();
    if (w.empty() || w.size() > 9 || w.find_first_not_of("0123456789") != std::string::npos)
      r_.fail("expected a number below 10^9");
    ids.push_back(std::stoull(w));
    return ids.back();
  }
  uint64_t peek() const override { return 0; }
  bool more() const override { return !r_.at_end(); }
  void done() const override {
    if (!r_.at_end()) r_.fail("trailing text");
  }
  std::vector<uint64_t> ids;  // the record arguments read so far, in order

 private:
  void need(const char* what) {
    if (r_.at_end()) throw StepError(std::string("missing ") + what + " argument");
  }
  text::Reader& r_;
  Emitter* out_;
  std::function<const std::pair<Thm, uint64_t>&(const std::string&)> thm_;
  std::deque<Term> terms_;  // stable: rules hold references to earlier arguments
  std::deque<Type> types_;
};

// Runs each line through the kernel and, when an emitter is given, writes the same step
// as certificate records.
class ScriptRunner {
 public:
  ScriptRunner(Env& env, Emitter* out, FactLookup facts)
      : out_(out), facts_(std::move(facts)), env_(env), steps_(env) {}
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
        } catch (const StepError& e) {
          throw ScriptError(line_, e.what());
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
    if (name == "define" || name == "new_axiom" || name == "fact") return declaration(r, first, name);
    const check::StepRule* rule = check::find_step_rule(name);
    if (!rule) r.fail("unknown rule " + name);
    ScriptArgs args(steps_, r, out_, [&](const std::string& id) -> const std::pair<Thm, uint64_t>& {
      auto it = thms_.find(id);
      if (it == thms_.end()) r.fail("unknown theorem id " + id);
      return it->second;
    });
    Thm th = check::run_step(*rule, args);
    uint64_t id = bind(r, first, th);
    if (out_) {
      std::vector<uint64_t> nums{id};
      nums.insert(nums.end(), args.ids.begin(), args.ids.end());
      emit(Tag::Step, std::move(nums), {name});
    }
    return {};
  }
  // ID := define TERM | new_axiom NAME TERM | fact NAME: records of their own kinds.
  std::optional<Thm> declaration(text::Reader& r, const std::string& first, const std::string& name) {
    std::string axname = name == "define" ? "" : r.name();
    std::optional<Thm> th;
    if (name == "fact") {
      th = facts_ ? facts_(axname) : std::nullopt;
      if (!th) r.fail("no theory fact named " + axname);
    } else {
      Term t = term(r);
      th = name == "define" ? Kernel::new_basic_definition(env_, t) : Kernel::new_axiom(env_, axname, t);
    }
    end(r);
    uint64_t id = bind(r, first, *th);
    if (name == "define") emit(Tag::Def, {id, args_.empty() ? 0 : args_.at(0)});
    else if (name == "fact") emit(Tag::Fact, {id}, {axname});
    else emit(Tag::Axiom, {id, args_.empty() ? 0 : args_.at(0)}, {axname});
    return {};
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
  check::StepContext steps_;
};
}  // namespace

Thm run_script(Env& env, const std::string& text) { return *ScriptRunner(env, nullptr, nullptr).run(text, true); }

void script_to_records(Env& env, const std::string& text, cert::Emitter& out, bool need_qed, const FactLookup& facts) {
  ScriptRunner(env, &out, facts).run(text, need_qed);
}

}  // namespace hcert
