// The hcert subcommands' work. spec/cli.md is the contract: one `s` verdict line, `c`
// comment lines, exit 0 verified, 1 rejected, 2 incomplete, 3 input error, 4 resource
// limit, 64 usage. The arguments are parsed from the table in tools/options.cpp; every
// name from an input is printed through printable() (tools/escape.hpp).
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
#include <thread>

#include "checker/checker.hpp"
#include "checker/theory_needs.hpp"
#include "trusted/problem.hpp"
#include "checker/steps.hpp"
#include "formats/cert_emit.hpp"
#include "formats/cert_io.hpp"
#include "trusted/deadline.hpp"
#include "trusted/dimacs.hpp"
#include "formats/hol_text.hpp"
#include "formats/drat.hpp"
#include "formats/lrat.hpp"
#include "formats/lrat_inputs.hpp"
#include "checker/script.hpp"
#include "formats/sniff.hpp"
#include "formats/cvc5proof.hpp"
#include "formats/z3proof.hpp"
#include "formats/frat.hpp"
#include "formats/sat_proof_kind.hpp"
#include "tools/archive_cmd.hpp"
#include "translators/drat/drat_to_lrat.hpp"
#include "translators/drat/lrat_to_cert.hpp"
#include "tools/atomic_output.hpp"
#include "tools/audit_record.hpp"
#include "tools/checker_pipe.hpp"
#include "tools/escape.hpp"
#include "tools/options.hpp"
#include "tools/subcommands.hpp"
#include "tools/watchdog.hpp"
#include "translators/cvc5/cvc5_to_cert.hpp"
#include "translators/z3/z3_to_cert.hpp"
#include "translators/trace/trace_to_cert.hpp"

namespace {

using hcert::check::Outcome;
using hcert::tool::Args;
using hcert::tool::kUsage;
using hcert::tool::printable;

// A usage error the table cannot express (how many files go with --from, say).
int usage_error(const std::string& subcommand, const std::string& why) {
  std::cerr << "hcert " << subcommand << ": " << why << "\nRun 'hcert " << subcommand << " --help' for more information.\n";
  return kUsage;
}

// One comment line about an input: "c FILE: MESSAGE", both made printable.
void comment(const std::string& file, const std::string& message) {
  std::cout << "c " << printable(file) << ": " << printable(message) << "\n";
}

const char* verdict(Outcome o) {
  switch (o) {
    case Outcome::Verified: return "s VERIFIED";
    case Outcome::Rejected: return "s NOT VERIFIED";
    case Outcome::Incomplete: return "s INCOMPLETE";
    default: return "s ERROR";
  }
}

// A failure in one input file, which the verdict names: the problem, the proof or a
// theory file. Without it every message would be reported against the proof.
struct FileFailure : hcert::check::Failure {
  std::string file;
  FileFailure(Outcome o, std::string f, const std::string& msg) : Failure(o, msg), file(std::move(f)) {}
};

// Runs f, which reads `file`; its input errors become FileFailures naming that file.
template <class F>
auto about(const std::string& file, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const FileFailure&) {
    throw;
  } catch (const hcert::cert::FormatError& e) {
    throw FileFailure(Outcome::InputError, file, e.what());
  } catch (const hcert::check::Failure& e) {
    throw FileFailure(e.outcome, file, e.what());
  }
}

// The text lines of a check's verdict (spec/cli.md).
void print_text_verdict(const hcert::check::Report& rep, const std::string& failed_file) {
  if (!rep.message.empty()) comment(failed_file, rep.message);
  if (rep.final_thm && rep.hypotheses <= 8) {
    std::cout << "c proved " << printable(hcert::text::print_brief(*rep.final_thm)) << "\n";
  } else if (rep.final_thm) {  // many hypotheses are summarised; --json prints them all
    std::cout << "c proved " << rep.hypotheses << " of the problem's assertions |- " << printable(rep.conclusion)
              << " (--json prints the whole statement)\n";
  }
  if (rep.outcome == Outcome::Verified || rep.outcome == Outcome::Incomplete) {
    std::cout << "c axioms";
    if (rep.axioms.empty()) std::cout << " (none)";
    for (auto& ax : rep.axioms) std::cout << " " << printable(ax);
    std::cout << "\nc kernel fast paths:";
    if (rep.fast_paths.empty()) std::cout << " none";
    for (auto& [name, n] : rep.fast_paths) std::cout << " " << printable(name) << " (" << n << " uses)";
    std::cout << "\n";
    for (size_t i = 0; i < rep.holes.size() && i < 10; ++i) std::cout << "c depends on " << printable(rep.holes[i]) << "\n";
    if (rep.holes.size() > 10) std::cout << "c ... and " << rep.holes.size() - 10 << " more holes (--json lists them)\n";
  }
  std::cout << "c " << rep.records << " records, " << rep.steps << " steps\n";
  std::cout << verdict(rep.outcome) << "\n";
}

// The trace's two readings (translators/trace reads it twice): the source already open,
// then the file again; standard input, which cannot be read twice, is kept in memory.
std::function<std::unique_ptr<hcert::Source>()> trace_opener(const std::string& path, std::unique_ptr<hcert::Source> first) {
  auto held = std::make_shared<std::unique_ptr<hcert::Source>>(std::move(first));
  auto copy = std::make_shared<std::string>();
  if (path == "-") {  // read it all now, then twice from memory
    char buf[1 << 16];
    for (size_t n; (n = (*held)->read(buf, sizeof buf)) > 0;) copy->append(buf, n);
    held->reset();
  }
  return [=]() -> std::unique_ptr<hcert::Source> {
    if (path == "-") return hcert::string_source(*copy);
    if (*held) return std::move(*held);
    return about(path, [&] { return hcert::open_source(path); });
  };
}

// What a trace's translation cost (spec/trace.md, "Costs"): hint-free clauses found by
// propagation, lemmas proved from hints or by search, holes.
void print_trace_stats(const hcert::trace::TraceStats& t) {
  std::cout << "c trace: " << t.atoms << " atoms, " << t.definitions << " definitions, " << t.inputs << " input clauses, "
            << t.derived << " derived (" << t.derived_searched << " without hints: " << t.propagations
            << " clause visits, " << t.search_seconds << " seconds), " << t.lemmas << " theory lemmas (" << t.lemmas_hinted
            << " from hints, " << t.lemmas_searched << " searched, " << t.lemmas_cycles << " as cycles, " << t.lemmas_definitions << " as definitions, " << t.lemmas_patterns << " by pattern, " << t.lemma_seconds << " seconds), " << t.holes << " holes, "
            << t.deletions << " deletions\n";
}

long peak_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

// A proof opened once: its decompressed bytes, and what they were recognised as (or what
// --from says). Recognition reads the first bytes, which the readers then read again.
struct OpenedProof {
  std::unique_ptr<hcert::Source> source;
  hcert::Look look;
};

OpenedProof open_proof(const std::string& path, const std::string& from) {
  auto src = hcert::open_source(path);
  std::string head = hcert::read_head(*src, hcert::kSniffBytes);
  hcert::Look look = hcert::sniff_proof(head);
  if (!from.empty()) look.kind = from;
  if (look.kind.empty())
    throw FileFailure(Outcome::InputError, path,
                      "this looks like " + look.what +
                          "; hcert reads certificates, LRAT, DRAT, FRAT, Z3 and cvc5 proofs and traces: if it is one "
                          "of these, say which with --from cert|lrat|drat|frat|z3|cvc5|trace");
  return {hcert::replay(std::move(head), std::move(src)), look};
}

// Runs a SAT translation on this thread while its records are checked on another
// (tools/checker_pipe.hpp): the same records in the same order as a check on one thread,
// and the same errors (a checker error on an earlier record wins over the translator's).
void check_translation(const std::function<void(const hcert::cert::Record&)>& feed, bool two_threads,
                       const std::function<void(hcert::cert::Emitter&)>& translate) {
  std::unique_ptr<hcert::tool::CheckerPipe> made;
  try {
    if (two_threads) made = std::make_unique<hcert::tool::CheckerPipe>(feed);
  } catch (const std::exception&) {  // no second thread (a tight --mem-limit, say): one thread
  }
  if (!made) {
    hcert::cert::CallbackWriter sink(feed);
    hcert::cert::Emitter em(sink);
    translate(em);
    return;
  }
  hcert::tool::CheckerPipe& pipe = *made;
  hcert::cert::Emitter em(pipe);
  try {
    translate(em);
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
  const std::string& problem = a.pos[0];
  const std::string& proof = a.pos[1];
  if (problem == "-" && proof == "-") return usage_error("check", "the problem and the proof cannot both be stdin ('-')");
  bool record = a.has("--json") || a.has("--json-file");
  if (record) {  // the audit record's digests are taken as the inputs are read
    hcert::hash_when_read(problem);
    hcert::hash_when_read(proof);
  }
  double time_limit = a.has("--time-limit") ? std::stod(a.get("--time-limit")) : 0;
  bool quiet = a.has("--quiet");
  auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  // The verdict's output: the text lines, or the audit record (with the inputs' digests
  // when the check ran to its end: a check stopped by the watchdog leaves them unread).
  auto print_verdict = [&](hcert::check::Report& rep, const std::string& failed_file, const std::string& format,
                           bool digests) {
    if (record) {
      hcert::tool::CheckFacts facts{rep, problem, proof, format, {}, {}, a.has("--pure"), elapsed(), peak_rss_kb()};
      // Digests of what was read, the rest read now; an input that cannot be read at all
      // (a missing file) has none.
      for (auto [path, digest] : {std::pair{&problem, &facts.problem_digest}, std::pair{&proof, &facts.proof_digest}}) {
        try {
          if (digests) *digest = hcert::file_digest(*path);
        } catch (const std::exception&) {
        }
      }
      std::string json = hcert::tool::audit_record(facts);
      if (a.has("--json-file")) {
        try {
          hcert::tool::AtomicOutput out(a.get("--json-file"));
          hcert::Sink sink(out.path(), false);
          sink.write(json);
          sink.close();
          out.commit();
        } catch (const std::exception& e) {  // the record is part of the result: no verdict without it
          rep.outcome = Outcome::InputError;
          rep.message = std::string("cannot write the audit record: ") + e.what();
          print_text_verdict(rep, a.get("--json-file"));
          return;
        }
      }
      if (a.has("--json")) std::cout << json;
    }
    if (!a.has("--json")) print_text_verdict(rep, failed_file);
  };
  // One heap for both threads of a SAT check (and the watchdog's): glibc reserves 64 MB of
  // address space for each extra thread's heap, which would count against --mem-limit
  // before any use.
  if (a.has("--mem-limit")) mallopt(M_ARENA_MAX, 1);
  // The time limit and progress through every phase, also where no record flows. Its
  // thread starts before the memory limit, which could leave no room for its stack.
  // Everything this check declares or assumes; --pure keeps the kernel's fast paths off.
  // Made before the memory limit, like the watchdog.
  hcert::Env env(!a.has("--pure"));
  std::optional<hcert::tool::Watchdog> watchdog;
  watchdog.emplace(time_limit, !quiet, [&](const std::string& phase) {
    hcert::check::Report rep;
    rep.outcome = Outcome::Limit;
    rep.message = "time limit of " + a.get("--time-limit") + " s reached (" + phase + ")";
    rep.records = watchdog->records();
    rep.steps = watchdog->steps();
    print_verdict(rep, proof, "", false);  // the format is the main thread's
  }, std::vector<std::pair<std::string, std::string>>{{"problem", problem}, {"proof", proof}});
  if (a.has("--mem-limit")) {
    rlim_t bytes = static_cast<rlim_t>(std::stod(a.get("--mem-limit")) * 1024 * 1024);
    rlimit lim{bytes, bytes};
    setrlimit(RLIMIT_AS, &lim);
  }
  hcert::set_deadline(time_limit);  // for work no record drives: reading, elaboration
  int threads = a.has("--threads") ? std::stoi(a.get("--threads")) : 2;
  std::string theories = a.get("--theories");  // "": the copies built into hcert

  // The problem is read once (it may be stdin): a translation reads it first and the
  // checker elaborates what it read; a certificate has the checker read it.
  std::optional<hcert::Cnf> cnf;
  std::optional<hcert::check::SmtContext> smt;
  hcert::check::Checker checker(env, theories, [&](const std::string& kind) {
    return about(problem, [&] {
      if (cnf && kind == "dimacs") return hcert::check::elaborate_on_demand(*cnf);  // cnf outlives the check
      if (smt && kind == "smtlib2") return smt->problem();
      return hcert::check::load_problem(env, kind, problem);
    });
  });
  hcert::check::Report rep;
  std::string failed_file = proof;  // the file a failure is about
  std::string format;               // what the proof was read as
  // Every record, read or translated, goes through here: the checker, the count the
  // progress line shows, and the time limit between records (the watchdog's covers the
  // rest, within a tenth of a second).
  auto feed = [&](const hcert::cert::Record& r) {
    checker.feed(r);
    watchdog->record(r.tag == hcert::cert::Tag::Step);
    if ((checker.report().records & 1023) == 0 && time_limit > 0 && elapsed() > time_limit)
      throw hcert::check::Failure(Outcome::Limit, "time limit of " + a.get("--time-limit") + " s reached");
  };
  try {
    watchdog->phase("opening the proof");
    OpenedProof opened = about(proof, [&] { return open_proof(proof, a.get("--from")); });
    format = opened.look.kind;
    if (format == "cert") {
      watchdog->phase("checking the certificate");
      auto reader = about(proof, [&] { return hcert::cert::open_records(std::move(opened.source)); });
      hcert::cert::Record r;
      while (reader->next(r)) feed(r);
    } else if (format == "lrat") {
      // The translation streams into the checker (no temporary file), which checks its
      // records on a second thread.
      watchdog->phase("reading the problem");
      cnf = about(problem, [&] { return hcert::read_dimacs(problem); });
      hcert::check::load_pinned_theory(env, theories, "core");  // the clause terms' vocabulary
      watchdog->phase("translating and checking LRAT steps");
      hcert::LratReader in(std::move(opened.source));
      check_translation(feed, threads == 2, [&](hcert::cert::Emitter& em) {
        hcert::sat::lrat_to_certificate(env, *cnf, in, em, hcert::lrat_inputs_reader(proof, *cnf));
      });
    } else if (format == "drat" || format == "frat") {
      // Backward checking finds the hints (FRAT: those the proof does not give); the
      // LRAT-shaped steps stream into the checker. The backward pass runs when the first
      // step is asked for, after the translation has handed the problem and Φ to the
      // checker's thread, which builds them meanwhile. It makes no record until it ends,
      // so it polls the time limit itself (the message then says how far it got).
      watchdog->phase("reading the problem");
      cnf = about(problem, [&] { return hcert::read_dimacs(problem); });
      hcert::check::load_pinned_theory(env, theories, "core");  // the clause terms' vocabulary
      hcert::sat::ProofHints proof_hints(std::move(opened.source), format == "frat");
      const bool drat = !proof_hints.frat();
      auto poll = [&](const hcert::sat::DratProgress& p) {
        watchdog->work(p.done, p.total);
        if (time_limit > 0 && elapsed() > time_limit)
          throw hcert::check::Failure(
              Outcome::Limit, "time limit of " + a.get("--time-limit") + " s reached (" +
                                  (std::string(p.phase) == "reading"
                                       ? "reading the " + std::string(p.format) + " proof, " + std::to_string(p.done) + " steps"
                                       : std::string(p.format) + " backward pass, " + std::to_string(p.done) + " of " +
                                             std::to_string(p.total) + " proof steps") +
                                  ")");
      };
      bool found = false;
      check_translation(feed, threads == 2, [&](hcert::cert::Emitter& em) {
        auto next = [&](hcert::LratStep& s) {
          if (!found) {
            watchdog->phase(drat ? "DRAT backward pass (finding the hints)" : "FRAT backward pass (finding the hints)");
            proof_hints.find(*cnf, poll);
            found = true;
            watchdog->phase(drat ? "translating and checking DRAT steps" : "translating and checking FRAT steps");
          }
          return proof_hints.next(s);
        };
        hcert::sat::lrat_to_certificate(env, *cnf, next, em, [&] { return proof_hints.inputs_used(); });
      });
    } else {  // an SMT-LIB problem with a Z3 or cvc5 proof or a custom solver's trace
      // The problem's elaboration, with its declarations, reads the proof's terms too.
      watchdog->phase("reading the problem");
      hcert::smt::Script sc = about(problem, [&] { return hcert::smt::read_script(problem); });
      watchdog->phase("loading the theories");
      if (format == "trace") {  // those the problem names (checker/theory_needs.hpp), then its atoms'
        hcert::check::load_theories_named(env, theories, sc);
        checker.theories_from_env();
      } else {
        for (const char* t : {"core", "ints", "reals", "mixed", "arrays"}) hcert::check::load_pinned_theory(env, theories, t);
      }
      watchdog->phase("elaborating the problem");
      about(problem, [&] { smt.emplace(env, sc); });
      hcert::cert::CallbackWriter sink(feed);
      hcert::cert::Emitter em(sink);
      if (format == "trace") {  // spec/trace.md
        watchdog->phase("translating and checking trace steps");
        hcert::trace::TraceStats st = hcert::trace::trace_to_certificate(
            *smt, sc.sha256, trace_opener(proof, std::move(opened.source)), em,
            [&](const hcert::smt::Script& atom) { hcert::check::load_theories_named(env, theories, atom); });
        if (!a.has("--json") && !quiet) print_trace_stats(st);
      } else if (format == "cvc5") {
        watchdog->phase("translating and checking cvc5 steps");
        hcert::cvc5::ProofReader in(std::move(opened.source));
        hcert::cvc5::cvc5_to_certificate(*smt, sc.sha256, in, em);
      } else {  // z3
        watchdog->phase("translating and checking Z3 steps");
        hcert::z3::ProofReader in(std::move(opened.source));
        hcert::z3::z3_to_certificate(*smt, sc.sha256, in, em);
      }
    }
    watchdog->phase("the end check");
    rep = checker.finish();
  } catch (const FileFailure& e) {
    rep = checker.report();
    rep.outcome = e.outcome;
    rep.message = e.what();
    failed_file = e.file;
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
    rep.message = std::string("memory limit reached; phase: ") + watchdog->phase();
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
  if (!watchdog->claim()) {  // the time limit's verdict is being printed, then the process ends
    for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
  }
  print_verdict(rep, failed_file, format, true);
  // The verdict is out: exit without tearing down the checker, whose millions of terms and
  // theorems would otherwise be freed one by one (about a tenth of a large check's time).
  std::cout.flush();
  std::cerr.flush();
  std::_Exit(static_cast<int>(rep.outcome));
}

// The verdict line of a convert or export that failed (one that succeeds prints none: it
// verified nothing), and its exit code.
int output_failure(const std::string& file, const std::string& message, Outcome o) {
  comment(file, message);
  std::cout << verdict(o) << "\n";
  return static_cast<int>(o);
}

// Runs a convert or export that writes to out.path(), and renames the file into place only
// when it is complete; any failure leaves no output behind. `input` is the file an error
// without a file of its own is about.
int write_output(const Args& a, const std::string& input, const std::function<void(const std::string& path)>& write) {
  try {
    hcert::tool::AtomicOutput out(a.get("--output"));
    write(out.path());
    out.commit();
    if (a.get("--output") != "-") std::cout << "c wrote " << printable(a.get("--output")) << "\n";
    return 0;
  } catch (const FileFailure& e) {
    return output_failure(e.file, e.what(), e.outcome);
  } catch (const hcert::ScriptError& e) {
    return output_failure(input, e.what(), e.rejected ? Outcome::Rejected : Outcome::InputError);
  } catch (const hcert::check::Failure& e) {
    return output_failure(input, e.what(), e.outcome);
  } catch (const std::bad_alloc&) {
    return output_failure(input, "memory limit reached", Outcome::Limit);
  } catch (const std::exception& e) {
    return output_failure(input, e.what(), Outcome::InputError);
  }
}

// The problem's kind, by its content: DIMACS CNF or SMT-LIB 2.
std::string problem_kind(const std::string& path) {
  return about(path, [&] {
    auto src = hcert::open_source(path);
    hcert::Look look = hcert::sniff_problem(hcert::read_head(*src, hcert::kSniffBytes));
    if (look.kind.empty()) throw hcert::check::Failure(Outcome::InputError, "this looks like " + look.what);
    return look.kind;
  });
}

// convert --from script: a kernel script made a certificate bound to a problem, or a theory.
void convert_script(const Args& a, hcert::cert::RecordWriter& out) {
  hcert::Env env;  // the declarations of the theories and of the script
  const std::string& path = a.pos[0];
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  if (!in) throw FileFailure(Outcome::InputError, path, "cannot read the kernel script");
  hcert::cert::Emitter em(out);
  using hcert::cert::Emitter;
  using hcert::cert::Tag;
  em.write(Emitter::make(Tag::Header, {1}));
  std::string dir = a.get("--theories");
  if (a.has("--problem")) {  // a certificate for this problem: bind it, load core
    std::string problem = a.get("--problem");
    bool smt = problem_kind(problem) == "smtlib2";
    std::string sha = about(problem, [&] {
      return smt ? hcert::smt::read_script(problem).sha256 : hcert::read_dimacs(problem).sha256;
    });
    em.write(Emitter::make(Tag::Problem, {}, {smt ? "smtlib2" : "dimacs", sha}));
    em.write(Emitter::make(Tag::Claim, {}, {"unsat"}));
    hcert::check::load_pinned_theory(env, dir, "core");
  }
  // Theories the script builds on (a theory file includes them by name and hash).
  std::string req = a.get("--requires");
  for (size_t i = 0; i < req.size();) {
    size_t j = req.find(',', i);
    if (j == std::string::npos) j = req.size();
    std::string name = req.substr(i, j - i);
    auto pin = hcert::check::pinned_theories().find(name);
    if (pin == hcert::check::pinned_theories().end())
      throw hcert::check::Failure(Outcome::InputError, "--requires: unknown theory " + name);
    em.write(Emitter::make(Tag::Theory, {}, {name, pin->second}));
    hcert::check::load_pinned_theory(env, dir, name);
    i = j + 1;
  }
  hcert::script_to_records(env, ss.str(), em, !a.has("--theory"), [&](const std::string& n) { return env.fact(n); });
}

int convert(const Args& a) {
  std::string from = a.get("--from", "cert");
  bool two = from == "lrat" || from == "drat" || from == "frat" || from == "z3" || from == "cvc5" || from == "trace";
  if (a.pos.size() != (two ? 2u : 1u))
    return usage_error("convert", two ? "--from " + from + " takes two files: PROBLEM PROOF"
                                      : "--from " + from + " takes one file: IN");
  if ((a.has("--theory") || a.has("--problem") || a.has("--requires")) && from != "script")
    return usage_error("convert", "--theory, --problem and --requires go with --from script");
  if (a.has("--text") && a.has("--binary")) return usage_error("convert", "--text and --binary exclude each other");
  auto enc = a.has("--binary") ? hcert::cert::Encoding::Binary : hcert::cert::Encoding::Text;
  std::string dir = a.get("--theories");
  const std::string& proof = a.pos.back();
  return write_output(a, proof, [&](const std::string& path) {
    hcert::Env env;  // the declarations of the theories the translation names
    auto out = hcert::cert::open_writer(path, enc, a.has("--zstd"));
    if (from == "script") {
      convert_script(a, *out);
    } else if (from == "lrat") {  // convert --from lrat PROBLEM.cnf PROOF.lrat -o OUT
      hcert::cert::Emitter em(*out);
      hcert::Cnf cnf = about(a.pos[0], [&] { return hcert::read_dimacs(a.pos[0]); });
      hcert::LratReader in(about(proof, [&] { return hcert::open_source(proof); }));
      hcert::check::load_pinned_theory(env, dir, "core");
      hcert::sat::lrat_to_certificate(env, cnf, in, em);
    } else if (from == "drat" || from == "frat") {  // convert --from drat|frat PROBLEM.cnf PROOF -o OUT
      hcert::Cnf cnf = about(a.pos[0], [&] { return hcert::read_dimacs(a.pos[0]); });
      hcert::sat::ProofHints hints(about(proof, [&] { return hcert::open_source(proof); }), from == "frat");
      hints.find(cnf);
      hcert::cert::Emitter em(*out);
      hcert::check::load_pinned_theory(env, dir, "core");
      hcert::sat::lrat_to_certificate(env, cnf, [&](hcert::LratStep& s) { return hints.next(s); }, em);
    } else if (from == "z3") {  // convert --from z3 PROBLEM.smt2 PROOF.z3 -o OUT
      for (const char* t : {"core", "ints", "reals", "mixed", "arrays"}) hcert::check::load_pinned_theory(env, dir, t);
      hcert::smt::Script sc = about(a.pos[0], [&] { return hcert::smt::read_script(a.pos[0]); });
      std::optional<hcert::check::SmtContext> ctx;
      about(a.pos[0], [&] { ctx.emplace(env, sc); });
      hcert::z3::ProofReader in(about(proof, [&] { return hcert::open_source(proof); }));
      hcert::cert::Emitter em(*out);
      hcert::z3::z3_to_certificate(*ctx, sc.sha256, in, em);
    } else if (from == "cvc5" || from == "trace") {  // convert --from cvc5|trace PROBLEM.smt2 PROOF -o OUT
      for (const char* t : {"core", "ints", "reals", "mixed", "arrays"}) hcert::check::load_pinned_theory(env, dir, t);
      hcert::smt::Script sc = about(a.pos[0], [&] { return hcert::smt::read_script(a.pos[0]); });
      std::optional<hcert::check::SmtContext> ctx;
      about(a.pos[0], [&] { ctx.emplace(env, sc); });
      hcert::cert::Emitter em(*out);
      auto src = about(proof, [&] { return hcert::open_source(proof); });
      if (from == "trace") {
        about(proof, [&] { return hcert::trace::trace_to_certificate(*ctx, sc.sha256, trace_opener(proof, std::move(src)), em); });
      } else {
        hcert::cvc5::ProofReader in(std::move(src));
        hcert::cvc5::cvc5_to_certificate(*ctx, sc.sha256, in, em);
      }
    } else {  // cert: re-encode
      auto in = about(proof, [&] { return hcert::cert::open_records(proof); });
      hcert::cert::Record r;
      while (about(proof, [&] { return in->next(r); })) out->write(r);
    }
    out->close();
  });
}

// export --lrat PROBLEM.cnf PROOF.drat -o OUT.lrat: the hints hcert found, as LRAT text, so
// that an independent LRAT checker (lrat-check, cake_lpr) can confirm the verdict.
int export_lrat(const Args& a) {
  if (!a.has("--lrat")) return usage_error("export", "say what to export: --lrat");
  const std::string& proof = a.pos[1];
  return write_output(a, proof, [&](const std::string& path) {
    hcert::Cnf cnf = about(a.pos[0], [&] { return hcert::read_dimacs(a.pos[0]); });
    // DRAT or FRAT, by content (formats/sat_proof_kind.hpp).
    auto src = about(proof, [&] { return hcert::open_source(proof); });
    std::string head = hcert::read_head(*src, 4096);
    src = hcert::replay(head, std::move(src));
    hcert::sat::ProofHints hints(std::move(src), std::string(hcert::sat_proof_family(hcert::sniff_sat_proof(head))) == "frat");
    hints.find(cnf);
    hcert::Sink out(path, a.has("--zstd"));
    uint64_t last = cnf.clauses.size();
    for (hcert::LratStep s; hints.next(s);) {
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
  });
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
    return output_failure(path, e.what(), Outcome::InputError);
  }
  std::cout << "bindings " << bindings << "\nrule-applications " << proofs << "\n";
  for (auto& [k, n] : rules) std::cout << "rule " << printable(k) << " " << n << "\n";
  return 0;
}

int stats(const Args& a) {
  if (a.has("--z3")) return z3_stats(a.pos[0]);
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
    return output_failure(a.pos[0], e.what(), Outcome::InputError);
  }
  std::cout << "records " << records << "\n";
  for (auto& [k, n] : per_tag) std::cout << "record " << k << " " << n << "\n";
  for (auto& [k, n] : per_rule) std::cout << "rule " << printable(k) << " " << n << "\n";
  return 0;
}

int kernel_script(const Args& a) {
  const std::string& path = a.pos[0];
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  if (!in) return output_failure(path, "cannot read the kernel script", Outcome::InputError);
  try {
    hcert::Env env;
    hcert::Thm th = hcert::run_script(env, ss.str());
    std::cout << "c theorem " << printable(hcert::text::print_brief(th)) << "\nc axioms";
    if (th.axioms().empty()) std::cout << " (none)";
    for (uint32_t ax : th.axioms()) std::cout << " " << printable(env.axiom(ax).name);
    std::cout << "\ns VERIFIED\n";
    return 0;
  } catch (const hcert::ScriptError& e) {
    return output_failure(path, e.what(), e.rejected ? Outcome::Rejected : Outcome::InputError);
  }
}

}  // namespace

namespace hcert::tool {

// The subcommands this file does, as the options table lists them (tools/options.hpp).
std::vector<Subcommand> core_subcommands() {
  return {
      {"check",
       "check a proof of a problem's unsatisfiability through the kernel",
       {"[OPTIONS] PROBLEM PROOF"},
       {{"PROBLEM", "DIMACS CNF or SMT-LIB 2 (plain, zstd, gzip or xz; '-' for stdin)"},
        {"PROOF", "an hcert certificate, an LRAT, DRAT, FRAT, Z3 or cvc5 proof or a solver trace, recognised by its content "
                  "(plain, zstd, gzip or xz; '-' for stdin)"}},
       {{"--from", {"cert", "lrat", "drat", "frat", "z3", "cvc5", "trace"}}, {"--pure"}, {"--json"}, {"--json-file"}, {"--time-limit"},
        {"--mem-limit"}, {"--theories"}, {"--threads"}, {"--quiet"}},
       "Prints comment lines (c) and one verdict line (s) on stdout. LRAT, DRAT and Z3 proofs are "
       "translated into certificate steps that stream into the kernel.",
       ::check},
      {"convert",
       "write a proof as a certificate, to keep and check later",
       {"[--from cert|script] IN -o OUT [--text|--binary] [--zstd] [--theory | --problem FILE] [--requires THEORY,...]",
        "--from lrat|drat|z3|cvc5|trace PROBLEM PROOF -o OUT [--binary] [--zstd]"},
       {{"IN or PROBLEM", "the certificate or kernel script; with --from lrat, drat, z3, cvc5 or trace the problem"},
        {"PROOF", "with --from lrat, drat, z3, cvc5 or trace: the solver's proof", true}},
       {{"--from"}, {"--output", {}, true}, {"--text"}, {"--binary"}, {"--zstd"}, {"--theory"}, {"--problem"},
        {"--requires"}, {"--theories"}},
       "The output appears only when complete; on failure no file is left.",
       convert},
      {"export",
       "export the LRAT hints found for a DRAT proof, for an independent LRAT checker",
       {"--lrat PROBLEM PROOF -o OUT [--zstd]"},
       {{"PROBLEM", "the DIMACS CNF problem"}, {"PROOF", "its DRAT proof"}},
       {{"--lrat"}, {"--output", {}, true}, {"--zstd"}},
       "",
       export_lrat},
      {"stats",
       "count a certificate's records and steps per rule, or a Z3 proof's rules",
       {"CERT", "--z3 Z3PROOF"},
       {{"FILE", "the certificate, or with --z3 the Z3 proof"}},
       {{"--z3"}},
       "",
       stats},
      {"kernel",
       "run a kernel proof script and print the theorem it proves",
       {"SCRIPT"},
       {{"SCRIPT", "a kernel script (checker/script.hpp)"}},
       {},
       "",
       kernel_script},
  };
}

}  // namespace hcert::tool

int main(int argc, char** argv) {
  // The evidence-archive commands parse their own options (tools/archive_cmd.cpp).
  std::string cmd = argc > 1 ? argv[1] : "";
  if (cmd == "archive") return hcert::tool::archive_main(argc, argv);
  if (cmd == "keygen") return hcert::tool::keygen_main(argc, argv);
  return hcert::tool::run_command_line(argc, argv, hcert::tool::all_subcommands());
}
