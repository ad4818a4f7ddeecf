#include "checker/checker.hpp"
#include "checker/term_set.hpp"

#include <fstream>
#include <sstream>
#include <unistd.h>

#include "formats/id_table.hpp"
#include "checker/steps.hpp"
#include "formats/cert_io.hpp"
#include "formats/hol_text.hpp"
#include "trusted/end_check.hpp"
#include "trusted/sha256.hpp"

namespace hcert::check {

using cert::Record;
using cert::Tag;

namespace {

std::string place(const Record& r) {
  return r.line ? "line " + std::to_string(r.line) : "byte " + std::to_string(r.offset);
}

}  // namespace

std::string default_theory_dir() {
  if (const char* env = std::getenv("HCERT_THEORIES")) return env;
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return "certs/theories";
  std::string exe(buf, n);
  std::string dir = exe.substr(0, exe.rfind('/'));
  return dir + "/../certs/theories";
}

// One certificate or theory file: its id spaces and its place in the check.
struct Checker::Impl {
  enum class Mode { Cert, Theory };
  Impl(Env& e, Mode m, std::string dir, ProblemLoader load, Report& rep, std::set<std::string>& loading)
      : env(e), mode(m), theory_dir(std::move(dir)), loader(std::move(load)), report(rep), loading(loading),
        steps(e) {}

  Env& env;
  Mode mode;
  std::string theory_dir;
  ProblemLoader loader;
  Report& report;
  std::set<std::string>& loading;  // theories being loaded (a theory may not include itself)
  StepContext steps;
  uint64_t holes = 0;
  IdTable<Type> types;
  IdTable<Term> terms;
  IdTable<Thm> thms;
  bool header = false, preamble = true, ended = false;
  bool theories_from_env = false;  // Checker::theories_from_env
  std::string problem_kind, problem_sha, claim;
  // The problem, and the assertion terms made so far by index: all of them at once,
  // unless it is a DIMACS problem elaborated on demand (problem.clauses set): then as
  // records ask, and all (the problem elaborated whole) only if the end check meets a
  // hypothesis not among them. Besides, each `aconj` record's conjunction.
  Problem problem;
  TermSet assertion_index;
  std::set<uint32_t> hole_axioms;
  std::unique_ptr<Thm> final_thm;
  // The rule of the last step: its name, its counter in report.rules, its entry (null if
  // unknown). Steps come in long runs of one rule, so a step usually compares one name.
  std::string rule_name;
  uint64_t* rule_count = nullptr;
  const StepRule* rule = nullptr;

  [[noreturn]] void fail(Outcome o, const Record& r, const std::string& why) {
    std::string what = cert::schema(r.tag).keyword;
    if ((r.tag == Tag::Step || r.tag == Tag::Assert || r.tag == Tag::Def || r.tag == Tag::Hole ||
         r.tag == Tag::Concl || r.tag == Tag::End || r.tag == Tag::Fact) && !r.nums.empty())
      what += " " + std::to_string(r.nums[0]);
    throw Failure(o, place(r) + ": " + what + ": " + why);
  }

  const Type& type(const Record& r, uint64_t id) {
    const Type* t = types.find(id);
    if (!t) fail(Outcome::InputError, r, "type id " + std::to_string(id) + " is not defined");
    return *t;
  }
  const Term& term(const Record& r, uint64_t id) {
    const Term* t = terms.find(id);
    if (!t) fail(Outcome::InputError, r, "term id " + std::to_string(id) + " is not defined");
    return *t;
  }
  const Thm& thm(const Record& r, uint64_t id) {
    const Thm* t = thms.find(id);
    if (!t) fail(Outcome::InputError, r, "theorem id " + std::to_string(id) + " is not defined");
    return *t;
  }
  template <class Map, class V>
  void define(Map& m, const Record& r, uint64_t id, V v, const char* kind) {
    if (!m.emplace(id, std::move(v)))
      fail(Outcome::InputError, r, std::string(kind) + " id " + std::to_string(id) + " is already defined");
    uint64_t live = types.size() + terms.size() + thms.size();
    if (live > report.peak_live) report.peak_live = live;
  }

  void feed(const Record& r) {
    ++report.records;
    if (ended) fail(Outcome::InputError, r, "record after the end record");
    if (!header) {
      if (r.tag != Tag::Header) fail(Outcome::InputError, r, "the first record must be 'hcert 1'");
      if (r.nums[0] != 1) fail(Outcome::InputError, r, "unsupported format version " + std::to_string(r.nums[0]));
      header = true;
      return;
    }
    try {
      record(r);
    } catch (const KernelError& e) {
      fail(Outcome::Rejected, r, e.what());
    }
  }

  void record(const Record& r) {
    const auto& n = r.nums;
    switch (r.tag) {
      case Tag::Header: fail(Outcome::InputError, r, "second header");
      case Tag::Problem:
        if (mode == Mode::Theory || !problem_kind.empty() || !preamble)
          fail(Outcome::InputError, r, "problem record out of place");
        if (r.names[0] != "dimacs" && r.names[0] != "smtlib2")
          fail(Outcome::InputError, r, "unknown problem kind " + r.names[0]);
        problem_kind = r.names[0];
        problem_sha = r.names[1];
        return;
      case Tag::Claim:
        if (mode == Mode::Theory || !claim.empty() || !preamble) fail(Outcome::InputError, r, "claim record out of place");
        if (r.names[0] != "unsat") fail(Outcome::InputError, r, "unknown claim " + r.names[0]);
        claim = r.names[0];
        return;
      case Tag::Theory:
        if (!preamble) fail(Outcome::InputError, r, "theory records must precede all others");
        load_theory(r, r.names[0], r.names[1]);
        return;
      default:
        break;
    }
    if (preamble) end_preamble(r);
    switch (r.tag) {
      case Tag::TypeDecl:
        if (n[0] > 64) fail(Outcome::InputError, r, "arity above 64");
        Kernel::new_type(env, r.names[0], n[0]);
        return;
      case Tag::ConstDecl: Kernel::new_constant(env, r.names[0], type(r, n[0])); return;
      case Tag::TyVar: define(types, r, n[0], Type::var(r.names[0]), "type"); return;
      case Tag::TyOp: {
        std::vector<Type> args;
        for (size_t i = 1; i < n.size(); ++i) args.push_back(type(r, n[i]));
        define(types, r, n[0], Type::op(env, r.names[0], args), "type");
        return;
      }
      case Tag::Var: define(terms, r, n[0], Term::var(r.names[0], type(r, n[1])), "term"); return;
      case Tag::Const: define(terms, r, n[0], Term::constant(env, r.names[0], type(r, n[1])), "term"); return;
      case Tag::App: define(terms, r, n[0], Term::comb(term(r, n[1]), term(r, n[2])), "term"); return;
      case Tag::Lam: define(terms, r, n[0], Term::abs(term(r, n[1]), term(r, n[2])), "term"); return;
      case Tag::Def: {
        Thm th = Kernel::new_basic_definition(env, term(r, n[1]));
        if (mode == Mode::Theory) env.remember(th.concl().lhs().name(), th);
        define(thms, r, n[0], th, "theorem");
        return;
      }
      case Tag::Typedef: {
        auto [a, b] = Kernel::new_basic_type_definition(env, r.names[0], r.names[1], r.names[2], thm(r, n[2]));
        if (mode == Mode::Theory) {
          env.remember(r.names[1], a);
          env.remember(r.names[2], b);
        }
        define(thms, r, n[0], a, "theorem");
        define(thms, r, n[1], b, "theorem");
        return;
      }
      case Tag::Axiom: {
        if (mode != Mode::Theory) fail(Outcome::InputError, r, "axioms are only allowed in theory files");
        Thm th = Kernel::new_axiom(env, r.names[0], term(r, n[1]));
        env.remember(r.names[0], th);
        define(thms, r, n[0], th, "theorem");
        return;
      }
      case Tag::Assert:
      case Tag::ATerm: {
        if (mode == Mode::Theory) fail(Outcome::InputError, r, "no problem in a theory file");
        if (n[1] >= problem.count())
          fail(Outcome::InputError, r, "the problem has no assertion " + std::to_string(n[1]));
        Term a = assertion(env, problem, n[1]);
        if (problem.clauses) assertion_index.insert(a);
        if (r.tag == Tag::ATerm) define(terms, r, n[0], std::move(a), "term");
        else define(thms, r, n[0], Kernel::assume(env, a), "theorem");
        return;
      }
      case Tag::AConj: {  // the halving conjunction of assertions (spec/format.md)
        if (mode == Mode::Theory) fail(Outcome::InputError, r, "no problem in a theory file");
        std::vector<Term> leaves;
        leaves.reserve(n.size() - 1);
        for (size_t k = 1; k < n.size(); ++k) {
          if (n[k] >= problem.count())
            fail(Outcome::InputError, r, "the problem has no assertion " + std::to_string(n[k]));
          leaves.push_back(assertion(env, problem, n[k]));
        }
        // The trusted halving conjunction of assertions is entailed by the problem as they
        // are (trusted/end_check.hpp): the end check stops at it instead of walking its tree,
        // so its leaves are not indexed one by one (a leaf met alone at the end is found by
        // elaborating the whole problem then, as for any clause built by records).
        Term conj = halving_conjunction(env, leaves);
        assertion_index.insert(conj);
        define(terms, r, n[0], std::move(conj), "term");
        return;
      }
      case Tag::Fact: {
        std::optional<Thm> fact = env.fact(r.names[0]);
        if (!fact) fail(Outcome::InputError, r, "no theory fact named " + r.names[0]);
        define(thms, r, n[0], *fact, "theorem");
        return;
      }
      case Tag::Step: {
        ++report.steps;
        if (!rule_count || r.names[0] != rule_name) {
          rule_name = r.names[0];
          rule_count = &report.rules[rule_name];
          rule = find_step_rule(rule_name);
        }
        ++*rule_count;
        RecordArgs args(steps, r, [&](uint64_t id) -> const Type& { return type(r, id); },
                        [&](uint64_t id) -> const Term& { return term(r, id); },
                        [&](uint64_t id) -> const Thm& { return thm(r, id); }, &thms);
        std::optional<Thm> th;
        try {
          if (!rule) throw StepError("unsupported rule " + rule_name, true);
          th = run_step(*rule, args);
        } catch (const StepError& e) {
          fail(e.unsupported ? Outcome::Incomplete : Outcome::InputError, r, e.what());
        }
        define(thms, r, n[0], std::move(*th), "theorem");
        return;
      }
      case Tag::Concl:
        if (thm(r, n[0]).concl() != term(r, n[1]))
          fail(Outcome::Rejected, r, "the stated conclusion differs from the derived one: derived " +
                                         text::print_brief(thm(r, n[0]).concl()));
        return;
      case Tag::Hole: {
        if (mode == Mode::Theory) fail(Outcome::InputError, r, "holes are not allowed in theory files");
        std::string name = "hole " + std::to_string(++holes) + " (" + place(r) + "): " + r.names[0];
        Thm th = Kernel::new_axiom(env, name, term(r, n[1]));
        hole_axioms.insert(th.axioms()[0]);
        define(thms, r, n[0], th, "theorem");
        return;
      }
      case Tag::Del: {
        const std::string& kind = r.names[0];
        for (uint64_t id : n) {
          size_t erased = kind == "ty" ? types.erase(id) : kind == "tm" ? terms.erase(id)
                        : kind == "thm" ? thms.erase(id) : (fail(Outcome::InputError, r, "unknown kind " + kind), 0);
          if (!erased) fail(Outcome::InputError, r, kind + " id " + std::to_string(id) + " is not defined");
        }
        return;
      }
      case Tag::End:
        if (mode == Mode::Theory) fail(Outcome::InputError, r, "end record in a theory file");
        check_end(r, thm(r, n[0]));
        return;
      default:
        fail(Outcome::InputError, r, "record out of place");
    }
  }

  // The preamble (header, problem, claim, theories) is over: load the core theory and
  // elaborate the problem, which the rest of the certificate refers to.
  void end_preamble(const Record& r) {
    preamble = false;
    if (mode == Mode::Theory) return;
    if (problem_kind.empty()) fail(Outcome::InputError, r, "missing problem record");
    if (claim.empty()) fail(Outcome::InputError, r, "missing claim record");
    load_theory(r, "core", pinned_theories().at("core"));
    for (const char* t : {"ints", "reals", "mixed", "arrays"}) {
      if (problem_kind != "smtlib2") break;
      // The elaboration of arithmetic and arrays names their constants; a caller that
      // elaborated the problem in env chose the theories (Checker::theories_from_env).
      if (!theories_from_env) load_theory(r, t, pinned_theories().at(t));
      else if (auto have = env.theories(); have.count(t)) report.theories.push_back(std::string(t) + " " + have.at(t));
    }
    Problem p = loader(problem_kind);
    if (p.kind != problem_kind) fail(Outcome::InputError, r, "the certificate is for a " + problem_kind + " problem, not " + p.kind);
    if (p.sha256 != problem_sha)
      fail(Outcome::InputError, r, "the certificate is for another problem (SHA-256 " + problem_sha +
                                       ", the problem file has " + p.sha256 + ")");
    report.problem_sha256 = p.sha256;
    problem = std::move(p);
    if (!problem.clauses) index_all();
  }
  void index_all() {
    if (problem.clauses) problem = elaborate(env, *problem.clauses);  // each clause once, Φ from them
    assertion_index.reserve(problem.assertions.size());
    for (const Term& a : problem.assertions) assertion_index.insert(a);
  }

  void check_end(const Record& r, const Thm& th) {
    Term offending;
    auto is_assertion = [&](const Term& t) { return assertion_index.contains(t); };
    std::optional<std::string> why = end_check(env, th, is_assertion, offending);
    if (why && problem.clauses) index_all(), why = end_check(env, th, is_assertion, offending);
    if (why)
      fail(Outcome::Rejected, r, *why + ": " + text::print_brief(offending));
    final_thm = std::make_unique<Thm>(th);
    ended = true;
  }

  void load_theory(const Record& r, const std::string& name, const std::string& sha) {
    auto pin = pinned_theories().find(name);
    if (pin == pinned_theories().end()) fail(Outcome::InputError, r, "unknown theory " + name);
    if (pin->second != sha)
      fail(Outcome::InputError, r, "theory " + name + " has SHA-256 " + pin->second + ", not " + sha);
    report.theories.push_back(name + " " + sha);
    if (env.theories().count(name)) return;
    if (loading.count(name)) fail(Outcome::InputError, r, "theory " + name + " includes itself");
    std::string path = theory_dir.empty() ? "(embedded) " + name + ".hct" : theory_dir + "/" + name + ".hct";
    std::stringstream ss;
    if (theory_dir.empty()) {
      auto embedded = embedded_theories().find(name);
      if (embedded == embedded_theories().end()) fail(Outcome::InputError, r, "no embedded theory file " + name);
      ss << embedded->second;
    } else {
      std::ifstream in(path, std::ios::binary);
      ss << in.rdbuf();
      if (!in) fail(Outcome::InputError, r, "cannot read theory file " + path);
    }
    if (sha256_hex(ss.str()) != sha)
      fail(Outcome::InputError, r, "theory file " + path + " does not have the pinned SHA-256");
    loading.insert(name);
    Report sub;
    Impl theory(env, Mode::Theory, theory_dir, nullptr, sub, loading);
    try {
      auto reader = cert::text_reader(string_source(ss.str()));
      Record tr;
      while (reader->next(tr)) theory.feed(tr);
    } catch (const cert::FormatError& e) {
      fail(Outcome::InputError, r, "theory " + name + ": " + e.what());
    } catch (const Failure& e) {
      fail(e.outcome, r, "theory " + name + ": " + e.what());
    }
    loading.erase(name);
    env.note_theory(name, sha);
  }
};

void load_pinned_theory(Env& env, const std::string& dir, const std::string& name) {
  Report rep;
  std::set<std::string> loading;
  Checker::Impl loader(env, Checker::Impl::Mode::Theory, dir, nullptr, rep, loading);
  Record r;
  r.tag = Tag::Theory;
  auto pin = pinned_theories().find(name);
  if (pin == pinned_theories().end()) throw Failure(Outcome::InputError, "unknown theory " + name);
  loader.load_theory(r, name, pin->second);
}

Checker::Checker(Env& env, std::string theory_dir, ProblemLoader load)
    : impl_(std::make_unique<Impl>(env, Impl::Mode::Cert, std::move(theory_dir), std::move(load), report_, loading_)),
      fast_base_(env.fast_path_uses()) {}
Checker::~Checker() = default;

void Checker::feed(const Record& r) { impl_->feed(r); }
void Checker::theories_from_env() { impl_->theories_from_env = true; }

Report Checker::finish() {
  Impl& c = *impl_;
  if (!c.final_thm) {
    report_.outcome = Outcome::InputError;
    report_.message = "the certificate ends without an end record";
    return report_;
  }
  auto now = c.env.fast_path_uses();
  for (size_t i = 0; i < now.size(); ++i)
    if (uint64_t n = now[i].second - fast_base_[i].second) report_.fast_paths[now[i].first] = n;
  report_.final_thm = std::make_shared<const Thm>(*c.final_thm);
  report_.conclusion = text::print_brief(c.final_thm->concl());
  report_.hypotheses = c.final_thm->hyps().size();
  report_.outcome = Outcome::Verified;
  AxiomsUsed used = axioms_used(c.env, *c.final_thm, c.hole_axioms);
  report_.axioms = std::move(used.axioms);
  report_.holes = std::move(used.holes);
  if (!report_.holes.empty()) report_.outcome = Outcome::Incomplete;
  if (!report_.holes.empty()) report_.message = "the final theorem depends on " + std::to_string(report_.holes.size()) + " hole(s)";
  return report_;
}

}  // namespace hcert::check
