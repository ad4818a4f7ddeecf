// The hcert command line. spec/cli.md is the contract: one `s` verdict line, `c` comment
// lines, exit 0 verified, 1 rejected, 2 incomplete, 3 input error, 4 resource limit.
#include <cstdlib>
#include <malloc.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <memory>
#include <sstream>

#include "checker/checker.hpp"
#include "checker/problem.hpp"
#include "checker/steps.hpp"
#include "formats/cert_emit.hpp"
#include "formats/cert_io.hpp"
#include "formats/deadline.hpp"
#include "formats/dimacs.hpp"
#include "formats/hol_text.hpp"
#include "formats/drat.hpp"
#include "formats/lrat.hpp"
#include "formats/script.hpp"
#include "formats/sha256.hpp"
#include "formats/z3proof.hpp"
#include "translators/drat/drat_to_lrat.hpp"
#include "translators/drat/lrat_to_cert.hpp"
#include "tools/checker_pipe.hpp"
#include "translators/z3/z3_to_cert.hpp"

namespace {

using hcert::check::Outcome;
constexpr int kUsage = 64;

int usage() {
  std::cerr << "usage:\n"
               "  hcert check PROBLEM PROOF [--from cert|lrat|drat|z3] [--pure] [--json] [--time-limit SEC]\n"
               "              [--mem-limit MB] [--theories DIR] [--threads 1|2]\n"
               "      PROBLEM: DIMACS CNF or SMT-LIB 2; PROOF: a certificate, an LRAT or a DRAT proof\n"
               "  hcert convert [--from cert|script] IN -o OUT [--text|--binary] [--zstd]\n"
               "                [--theory | --problem FILE] [--requires THEORY,...]\n"
               "  hcert convert --from lrat|drat PROBLEM.cnf PROOF -o OUT [--binary] [--zstd]\n"
               "  hcert convert --from z3 PROBLEM.smt2 PROOF.z3 -o OUT [--binary] [--zstd]\n"
               "  hcert export --lrat PROBLEM.cnf PROOF.drat -o OUT.lrat [--zstd]\n"
               "  hcert stats CERT | hcert stats --z3 Z3PROOF\n"
               "  hcert kernel SCRIPT\n"
               "See spec/cli.md.\n";
  return kUsage;
}

// Options are `--name` or `--name VALUE`; everything else is positional.
struct Args {
  std::vector<std::string> pos;
  std::map<std::string, std::string> opt;
  bool has(const std::string& k) const { return opt.count(k); }
  std::string get(const std::string& k, const std::string& dflt = "") const {
    auto it = opt.find(k);
    return it == opt.end() ? dflt : it->second;
  }
};

Args parse_args(int argc, char** argv, const std::vector<std::string>& with_value) {
  Args a;
  for (int i = 2; i < argc; ++i) {
    std::string s = argv[i];
    if (s.size() > 2 && s.rfind("--", 0) == 0) {
      bool val = std::find(with_value.begin(), with_value.end(), s) != with_value.end();
      if (val && i + 1 >= argc) throw std::invalid_argument(s + " needs a value");
      a.opt[s] = val ? argv[++i] : "";
    } else if (s == "-o") {
      if (i + 1 >= argc) throw std::invalid_argument("-o needs a value");
      a.opt["-o"] = argv[++i];
    } else {
      a.pos.push_back(s);
    }
  }
  return a;
}

const char* verdict(Outcome o) {
  switch (o) {
    case Outcome::Verified: return "s VERIFIED";
    case Outcome::Rejected: return "s NOT VERIFIED";
    case Outcome::Incomplete: return "s INCOMPLETE";
    default: return "s ERROR";
  }
}

std::string json_str(const std::string& s) {
  std::string o = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') o += '\\', o += c;
    else if (c < 0x20) { char b[8]; std::snprintf(b, sizeof b, "\\u%04x", c); o += b; }
    else o += c;
  }
  return o + "\"";
}

std::string file_sha256(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  hcert::Sha256 h;
  char buf[1 << 16];
  while (in) {
    in.read(buf, sizeof buf);
    h.update(buf, in.gcount());
  }
  return h.hex();
}

long peak_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// What kind of proof a file holds: --from, else the extension (.lrat, .drat, possibly
// followed by .zst), else its first bytes: a certificate starts with "hcert" or "HCB1";
// a text line with two zeros is LRAT, with one zero DRAT.
std::string proof_kind(const Args& a, const std::string& path) {
  if (a.has("--from")) return a.get("--from");
  std::string p = ends_with(path, ".zst") ? path.substr(0, path.size() - 4) : path;
  for (const char* k : {"lrat", "drat", "z3"})
    if (ends_with(p, std::string(".") + k)) return k;
  if (ends_with(p, ".drup")) return "drat";  // DRUP is DRAT without RAT steps
  if (ends_with(p, ".z3proof")) return "z3";
  if (path == "-") return "cert";
  auto src = hcert::open_source(path);
  std::string head = hcert::read_head(*src, 4096);
  if (head.rfind("hcert", 0) == 0 || head.rfind("HCB1", 0) == 0 || head.rfind("#", 0) == 0) return "cert";
  if (head.rfind("unsat", 0) == 0 || head.rfind("((set-logic", 0) == 0 || head.rfind("(proof", 0) == 0) return "z3";
  size_t nl = head.find('\n');
  std::string first = head.substr(0, nl);
  first.erase(0, first.find_first_not_of(" \t"));  // solvers may indent (drat-trim's examples)
  size_t zeros = 0;
  for (size_t i = 0; i < first.size(); ++i)
    if (first[i] == '0' && (i == 0 || first[i - 1] == ' ') && (i + 1 == first.size() || first[i + 1] == ' ')) ++zeros;
  bool digit = !first.empty() && first[0] >= '0' && first[0] <= '9';
  if (digit) return zeros >= 2 ? "lrat" : "drat";
  if (first.rfind("-", 0) == 0 || first.rfind("d ", 0) == 0) return "drat";  // a negative literal or a deletion
  return "cert";
}

// Runs a SAT translation on this thread while its records are checked on another
// (tools/checker_pipe.hpp): the same records in the same order as a check on one thread,
// and the same errors (a checker error on an earlier record wins over the translator's).
void check_translation(const std::function<void(const hcert::cert::Record&)>& feed, bool two_threads,
                       const std::function<void(hcert::cert::Emitter&, hcert::sat::KernelGate*)>& translate) {
  std::unique_ptr<hcert::tool::CheckerPipe> made;
  try {
    if (two_threads) made = std::make_unique<hcert::tool::CheckerPipe>(feed);
  } catch (const std::exception&) {  // no second thread (a tight --mem-limit, say): one thread
  }
  if (!made) {
    hcert::cert::CallbackWriter sink(feed);
    hcert::cert::Emitter em(sink);
    translate(em, nullptr);
    return;
  }
  hcert::tool::CheckerPipe& pipe = *made;
  hcert::cert::Emitter em(pipe);
  try {
    translate(em, &pipe);
  } catch (const hcert::tool::CheckerPipe::Stopped&) {
    pipe.close();  // rethrows the checker's error
    throw std::logic_error("the checker stopped without an error");
  } catch (...) {
    std::exception_ptr e = std::current_exception();
    pipe.close();
    std::rethrow_exception(e);
  }
  pipe.close();
}

int check(const Args& a) {
  if (a.pos.size() != 2) return usage();
  const std::string& problem = a.pos[0];
  const std::string& certificate = a.pos[1];
  double time_limit = a.has("--time-limit") ? std::stod(a.get("--time-limit")) : 0;
  if (a.has("--mem-limit")) {
    // One heap for both threads of a SAT check: glibc reserves 64 MB of address space for
    // each extra thread's heap, which would count against the limit before any use.
    mallopt(M_ARENA_MAX, 1);
    rlim_t bytes = static_cast<rlim_t>(std::stod(a.get("--mem-limit")) * 1024 * 1024);
    rlimit lim{bytes, bytes};
    setrlimit(RLIMIT_AS, &lim);
  }
  hcert::check::set_pure(a.has("--pure"));
  hcert::set_deadline(time_limit);  // for work no record drives: reading, elaboration
  int threads = a.has("--threads") ? std::stoi(a.get("--threads")) : 2;
  if (threads != 1 && threads != 2) throw std::invalid_argument("--threads must be 1 or 2");
  auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };

  hcert::check::Checker checker(a.get("--theories", hcert::check::default_theory_dir()),
                                [&](const std::string& kind) { return hcert::check::load_problem(kind, problem); });
  hcert::check::Report rep;
  double next_progress = 5;
  // Every record, read or translated, goes through here: the checker, the time limit and
  // the progress line.
  auto feed = [&](const hcert::cert::Record& r) {
    checker.feed(r);
    if ((checker.report().records & 1023) == 0) {
      double t = elapsed();
      if (time_limit > 0 && t > time_limit)
        throw hcert::check::Failure(Outcome::Limit, "time limit of " + a.get("--time-limit") + " s reached");
      if (t > next_progress) {
        std::cerr << "c progress: " << checker.report().records << " records, " << checker.report().steps
                  << " steps, " << static_cast<int>(t) << " s\n";
        next_progress = t + 5;
      }
    }
  };
  try {
    std::string kind = proof_kind(a, certificate);
    if (kind == "cert") {
      auto reader = hcert::cert::open_records(certificate);
      hcert::cert::Record r;
      while (reader->next(r)) feed(r);
    } else if (kind == "lrat") {
      // The translation streams into the checker (no temporary file), which checks its
      // records on a second thread.
      hcert::LratReader in(hcert::open_source(certificate), a.has("--binary") ? 1 : -1);
      hcert::Cnf cnf = hcert::read_dimacs(problem);
      check_translation(feed, threads == 2, [&](hcert::cert::Emitter& em, hcert::sat::KernelGate* gate) {
        hcert::sat::lrat_to_certificate(cnf, in, em, a.get("--theories", hcert::check::default_theory_dir()), gate);
      });
    } else if (kind == "drat") {
      // Backward checking finds the hints; the LRAT-shaped steps stream into the checker.
      // The backward pass runs when the first step is asked for, after the translation has
      // handed the problem and Φ to the checker's thread, which builds them meanwhile.
      hcert::Cnf cnf = hcert::read_dimacs(problem);
      hcert::DratReader in(hcert::open_source(certificate));
      std::optional<hcert::sat::DratHints> hints;
      check_translation(feed, threads == 2, [&](hcert::cert::Emitter& em, hcert::sat::KernelGate* gate) {
        auto next = [&](hcert::LratStep& s) {
          if (!hints) hints.emplace(cnf, in);
          return hints->next(s);
        };
        hcert::sat::lrat_to_certificate(cnf, next, em, a.get("--theories", hcert::check::default_theory_dir()), gate);
      });
    } else if (kind == "z3") {
      // The problem's elaboration, with its declarations, reads the proof's terms too.
      std::string dir = a.get("--theories", hcert::check::default_theory_dir());
      for (const char* t : {"core", "ints", "reals", "mixed"}) hcert::check::load_pinned_theory(dir, t);
      hcert::smt::Script sc = hcert::smt::read_script(problem);
      hcert::check::SmtContext ctx(sc);
      hcert::z3::ProofReader in(hcert::open_source(certificate));
      hcert::cert::CallbackWriter sink(feed);
      hcert::cert::Emitter em(sink);
      hcert::z3::z3_to_certificate(ctx, sc.sha256, in, em);
    } else {
      throw hcert::check::Failure(Outcome::InputError, "unknown proof format " + kind);
    }
    rep = checker.finish();
  } catch (const hcert::check::Failure& e) {
    rep = checker.report();
    rep.outcome = e.outcome;
    rep.message = e.what();
  } catch (const hcert::cert::FormatError& e) {
    rep = checker.report();
    rep.outcome = Outcome::InputError;
    rep.message = e.what();
  } catch (const std::bad_alloc&) {
    rep = checker.report();
    rep.outcome = Outcome::Limit;
    rep.message = "memory limit reached";
  } catch (const hcert::LimitReached& e) {
    rep = checker.report();
    rep.outcome = Outcome::Limit;
    rep.message = e.what();
  } catch (const hcert::KernelError& e) {  // outside a record: a translator built a bad term
    rep = checker.report();
    rep.outcome = Outcome::Rejected;
    rep.message = std::string("kernel refused a term: ") + e.what();
  } catch (const std::exception& e) {  // a bug in hcert: say so, never crash or verify
    rep = checker.report();
    rep.outcome = Outcome::InputError;
    rep.message = std::string("internal error: ") + e.what();
  }
  double secs = elapsed();
  if (a.has("--json")) {
    std::ostringstream j;
    j << "{\"verdict\": " << json_str(std::string(verdict(rep.outcome)).substr(2))
      << ", \"exit\": " << static_cast<int>(rep.outcome)
      << ", \"message\": " << json_str(rep.message)
      << ", \"problem_sha256\": " << json_str(rep.problem_sha256.empty() ? file_sha256(problem) : rep.problem_sha256)
      << ", \"certificate_sha256\": " << json_str(file_sha256(certificate))
      << ", \"statement\": " << json_str(rep.final_thm ? hcert::text::print_brief(*rep.final_thm, 1 << 24) : "") << ", \"axioms\": [";
    for (size_t i = 0; i < rep.axioms.size(); ++i) j << (i ? ", " : "") << json_str(rep.axioms[i]);
    j << "], \"holes\": [";
    for (size_t i = 0; i < rep.holes.size(); ++i) j << (i ? ", " : "") << json_str(rep.holes[i]);
    j << "], \"theories\": [";
    for (size_t i = 0; i < rep.theories.size(); ++i) j << (i ? ", " : "") << json_str(rep.theories[i]);
    j << "], \"kernel_fast_paths\": {";
    size_t fp = 0;
    for (auto& [name, n] : rep.fast_paths) j << (fp++ ? ", " : "") << json_str(name) << ": " << n;
    j << "}, \"pure\": " << (a.has("--pure") ? "true" : "false") << ", \"records\": " << rep.records << ", \"steps\": " << rep.steps
      << ", \"rules\": {";
    size_t k = 0;
    for (auto& [name, n] : rep.rules) j << (k++ ? ", " : "") << json_str(name) << ": " << n;
    j << "}, \"peak_live_objects\": " << rep.peak_live << ", \"seconds\": " << secs
      << ", \"peak_rss_kb\": " << peak_rss_kb() << "}";
    std::cout << j.str() << "\n";
  } else {
    if (!rep.message.empty()) std::cout << "c " << certificate << ": " << rep.message << "\n";
    if (rep.final_thm && rep.hypotheses <= 8) {
      std::cout << "c proved " << hcert::text::print_brief(*rep.final_thm) << "\n";
    } else if (rep.final_thm) {  // many hypotheses are summarised; --json prints them all
      std::cout << "c proved " << rep.hypotheses << " of the problem's assertions |- " << rep.conclusion
                << " (--json prints the whole statement)\n";
    }
    if (rep.outcome == Outcome::Verified || rep.outcome == Outcome::Incomplete) {
      std::cout << "c axioms";
      if (rep.axioms.empty()) std::cout << " (none)";
      for (auto& ax : rep.axioms) std::cout << " " << ax;
      std::cout << "\nc kernel fast paths:";
      if (rep.fast_paths.empty()) std::cout << " none";
      for (auto& [name, n] : rep.fast_paths) std::cout << " " << name << " (" << n << " uses)";
      std::cout << "\n";
      for (size_t i = 0; i < rep.holes.size() && i < 10; ++i) std::cout << "c depends on " << rep.holes[i] << "\n";
      if (rep.holes.size() > 10) std::cout << "c ... and " << rep.holes.size() - 10 << " more holes (--json lists them)\n";
    }
    std::cout << "c " << rep.records << " records, " << rep.steps << " steps\n";
    std::cout << verdict(rep.outcome) << "\n";
  }
  // The verdict is out: exit without tearing down the checker, whose millions of terms and
  // theorems would otherwise be freed one by one (about a tenth of a large check's time).
  std::cout.flush();
  std::cerr.flush();
  std::_Exit(static_cast<int>(rep.outcome));
}

int convert(const Args& a) {
  if (a.pos.empty() || !a.has("-o")) return usage();
  std::string from = a.get("--from", "cert");
  auto enc = a.has("--binary") ? hcert::cert::Encoding::Binary : hcert::cert::Encoding::Text;
  try {
    auto out = hcert::cert::open_writer(a.get("-o"), enc, a.has("--zstd"));
    if (from == "script") {
      std::ifstream in(a.pos[0], std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      if (!in) throw hcert::cert::FormatError(0, 0, "cannot read " + a.pos[0]);
      hcert::cert::Emitter em(*out);
      using hcert::cert::Emitter;
      using hcert::cert::Tag;
      em.write(Emitter::make(Tag::Header, {1}));
      std::string dir = a.get("--theories", hcert::check::default_theory_dir());
      if (a.has("--problem")) {  // a certificate for this problem: bind it, load core
        std::string path = a.get("--problem");
        bool smt = path.size() > 5 && path.compare(path.size() - 5, 5, ".smt2") == 0;
        std::string sha = smt ? hcert::smt::read_script(path).sha256 : hcert::read_dimacs(path).sha256;
        em.write(Emitter::make(Tag::Problem, {}, {smt ? "smtlib2" : "dimacs", sha}));
        em.write(Emitter::make(Tag::Claim, {}, {"unsat"}));
        hcert::check::load_pinned_theory(dir, "core");
      }
      // Theories the script builds on (a theory file includes them by name and hash).
      std::string req = a.get("--requires");
      for (size_t i = 0; i < req.size();) {
        size_t j = req.find(',', i);
        if (j == std::string::npos) j = req.size();
        std::string name = req.substr(i, j - i);
        auto pin = hcert::check::pinned_theories().find(name);
        if (pin == hcert::check::pinned_theories().end()) throw std::runtime_error("unknown theory " + name);
        em.write(Emitter::make(Tag::Theory, {}, {name, pin->second}));
        hcert::check::load_pinned_theory(dir, name);
        i = j + 1;
      }
      hcert::script_to_records(ss.str(), em, !a.has("--theory"), hcert::check::theory_fact);
    } else if (from == "lrat") {  // convert --from lrat PROBLEM.cnf PROOF.lrat -o OUT
      if (a.pos.size() != 2) return usage();
      hcert::cert::Emitter em(*out);
      hcert::LratReader in(hcert::open_source(a.pos[1]), a.has("--binary-proof") ? 1 : -1);
      hcert::sat::lrat_to_certificate(hcert::read_dimacs(a.pos[0]), in, em,
                                      a.get("--theories", hcert::check::default_theory_dir()));
    } else if (from == "drat") {  // convert --from drat PROBLEM.cnf PROOF.drat -o OUT
      if (a.pos.size() != 2) return usage();
      hcert::Cnf cnf = hcert::read_dimacs(a.pos[0]);
      hcert::DratReader in(hcert::open_source(a.pos[1]));
      hcert::sat::DratHints hints(cnf, in);
      hcert::cert::Emitter em(*out);
      hcert::sat::lrat_to_certificate(cnf, [&](hcert::LratStep& s) { return hints.next(s); }, em,
                                      a.get("--theories", hcert::check::default_theory_dir()));
    } else if (from == "z3") {  // convert --from z3 PROBLEM.smt2 PROOF.z3 -o OUT
      if (a.pos.size() != 2) return usage();
      std::string dir = a.get("--theories", hcert::check::default_theory_dir());
      for (const char* t : {"core", "ints", "reals", "mixed"}) hcert::check::load_pinned_theory(dir, t);
      hcert::smt::Script sc = hcert::smt::read_script(a.pos[0]);
      hcert::check::SmtContext ctx(sc);
      hcert::z3::ProofReader in(hcert::open_source(a.pos[1]));
      hcert::cert::Emitter em(*out);
      hcert::z3::z3_to_certificate(ctx, sc.sha256, in, em);
    } else if (from == "cert") {
      auto in = hcert::cert::open_records(a.pos[0]);
      hcert::cert::Record r;
      while (in->next(r)) out->write(r);
    } else {
      return usage();
    }
    out->close();
  } catch (const hcert::ScriptError& e) {
    std::cout << "c " << a.pos[0] << ": " << e.what() << "\ns ERROR\n";
    return e.rejected ? 1 : 3;
  } catch (const hcert::check::Failure& e) {
    std::cout << "c " << a.pos[0] << ": " << e.what() << "\ns ERROR\n";
    return static_cast<int>(e.outcome);
  } catch (const std::exception& e) {
    std::cout << "c " << a.pos[0] << ": " << e.what() << "\ns ERROR\n";
    return 3;
  }
  return 0;
}

// export --lrat PROBLEM.cnf PROOF.drat -o OUT.lrat: the hints hcert found, as LRAT text, so
// that an independent LRAT checker (lrat-check, cake_lpr) can confirm the verdict.
int export_lrat(const Args& a) {
  if (!a.has("--lrat") || a.pos.size() != 2 || !a.has("-o")) return usage();
  try {
    hcert::Cnf cnf = hcert::read_dimacs(a.pos[0]);
    hcert::DratReader in(hcert::open_source(a.pos[1]));
    std::vector<hcert::LratStep> steps = hcert::sat::drat_to_lrat(cnf, in);
    hcert::Sink out(a.get("-o"), a.has("--zstd"));
    uint64_t last = cnf.clauses.size();
    for (const hcert::LratStep& s : steps) {
      std::string line;
      if (s.deletion) {
        line = std::to_string(last) + " d";
        for (int64_t id : s.hints) line += " " + std::to_string(id);
      } else {
        last = s.id;
        line = std::to_string(s.id);
        for (int64_t l : s.lits) line += " " + std::to_string(l);
        line += " 0";
        for (int64_t h : s.hints) line += " " + std::to_string(h);
      }
      out.write(line + " 0\n");
    }
    out.close();
  } catch (const hcert::check::Failure& e) {
    std::cout << "c " << e.what() << "\ns " << (e.outcome == Outcome::Rejected ? "NOT VERIFIED" : "ERROR") << "\n";
    return static_cast<int>(e.outcome);
  } catch (const std::exception& e) {
    std::cout << "c " << e.what() << "\ns ERROR\n";
    return 3;
  }
  return 0;
}

// stats --z3 PROOF: rule counts of a Z3 proof (issue 5: which rules occur, how often).
int z3_stats(const std::string& path) {
  std::map<std::string, uint64_t> rules;
  uint64_t bindings = 0, proofs = 0;
  try {
    hcert::z3::ProofReader in(hcert::open_source(path));
    hcert::z3::Binding b;
    while (in.next(b)) {
      ++bindings;
      // Count every rule application in the expression (sub-proofs may be inline).
      for (uint32_t i = 0; i < b.expr.nodes.size(); ++i) {
        std::string r = hcert::z3::rule_of(b.expr, i);
        if (!r.empty()) ++rules[r], ++proofs;
      }
    }
  } catch (const std::exception& e) {
    std::cout << "c " << path << ": " << e.what() << "\ns ERROR\n";
    return 3;
  }
  std::cout << "bindings " << bindings << "\nrule-applications " << proofs << "\n";
  for (auto& [k, n] : rules) std::cout << "rule " << k << " " << n << "\n";
  return 0;
}

int stats(const Args& a) {
  if (a.pos.size() == 1 && a.has("--z3")) return z3_stats(a.pos[0]);
  if (a.pos.size() != 1) return usage();
  std::map<std::string, uint64_t> per_tag, per_rule;
  uint64_t records = 0;
  try {
    auto in = hcert::cert::open_records(a.pos[0]);
    hcert::cert::Record r;
    while (in->next(r)) {
      ++records;
      ++per_tag[hcert::cert::schema(r.tag).keyword];
      if (r.tag == hcert::cert::Tag::Step) ++per_rule[r.names[0]];
    }
  } catch (const std::exception& e) {
    std::cout << "c " << a.pos[0] << ": " << e.what() << "\ns ERROR\n";
    return 3;
  }
  std::cout << "records " << records << "\n";
  for (auto& [k, n] : per_tag) std::cout << "record " << k << " " << n << "\n";
  for (auto& [k, n] : per_rule) std::cout << "rule " << k << " " << n << "\n";
  return 0;
}

int kernel_script(const Args& a) {
  if (a.pos.size() != 1) return usage();
  const std::string& path = a.pos[0];
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  if (!in) {
    std::cout << "c cannot read " << path << "\ns ERROR\n";
    return 3;
  }
  try {
    hcert::Thm th = hcert::run_script(ss.str());
    std::cout << "c theorem " << hcert::text::print_brief(th) << "\nc axioms";
    if (th.axioms().empty()) std::cout << " (none)";
    for (uint32_t ax : th.axioms()) std::cout << " " << hcert::Kernel::axioms()[ax].name;
    std::cout << "\ns VERIFIED\n";
    return 0;
  } catch (const hcert::ScriptError& e) {
    std::cout << "c " << path << ": " << e.what() << "\n" << (e.rejected ? "s NOT VERIFIED\n" : "s ERROR\n");
    return e.rejected ? 1 : 3;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  std::string cmd = argv[1];
  try {
    if (cmd == "check")
      return check(parse_args(argc, argv, {"--time-limit", "--mem-limit", "--theories", "--from", "--threads"}));
    if (cmd == "convert")
      return convert(parse_args(argc, argv, {"--from", "--problem", "--theories", "--requires"}));
    if (cmd == "stats") return stats(parse_args(argc, argv, {}));
    if (cmd == "export") return export_lrat(parse_args(argc, argv, {}));
    if (cmd == "kernel") return kernel_script(parse_args(argc, argv, {}));
  } catch (const std::logic_error& e) {  // bad option values (std::stod and friends)
    std::cerr << "hcert: bad argument: " << e.what() << "\n";
    return usage();
  }
  return usage();
}
