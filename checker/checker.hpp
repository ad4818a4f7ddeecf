// The streaming certificate checker: feeds records, one at a time, to the kernel. It holds
// only the objects the certificate has not deleted, and each record costs time linear in
// its size. Untrusted: it decides nothing the kernel does not confirm, except the final
// comparison of the end theorem with the problem's claim (spec/format.md, "Verdict").
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "formats/cert.hpp"
#include "kernel/kernel.hpp"
#include "trusted/problem.hpp"

namespace hcert::check {

// Reads and elaborates the problem of the kind the certificate names; called once the
// theories it needs are loaded.
using ProblemLoader = std::function<Problem(const std::string& kind)>;

// What the verdict reports besides the outcome.
struct Report {
  Outcome outcome = Outcome::InputError;
  std::string message;               // why, when not verified
  std::shared_ptr<const Thm> final_thm;  // the end theorem (print it with text::print)
  std::string conclusion;            // its conclusion, printed
  uint64_t hypotheses = 0;           // how many hypotheses it has (each a problem assertion)
  std::vector<std::string> axioms;   // axioms the final theorem depends on
  std::vector<std::string> holes;    // holes it depends on (then outcome is Incomplete)
  std::vector<std::string> theories; // theories loaded, "name sha256"
  std::map<std::string, uint64_t> rules;  // steps per rule
  std::map<std::string, uint64_t> fast_paths;  // kernel fast paths used, with counts
  uint64_t records = 0, steps = 0, peak_live = 0;
  std::string problem_sha256;
};

// Where the shipped theory files live ($HCERT_THEORIES, else <exe>/../certs/theories);
// their pins are in trusted/problem.hpp.
std::string default_theory_dir();
// The same files compiled into the binary (the Makefile embeds certs/theories/*.hct), so an
// installed or copied hcert needs no files beside it. A theory directory "" means these;
// they are checked against the pins like files.
const std::map<std::string, std::string>& embedded_theories();

// For producers of certificates (convert, translators): load a pinned theory into env
// (once; its named theorems are then env.fact(name)). Throws Failure.
void load_pinned_theory(Env& env, const std::string& dir, const std::string& name);

class Checker {
 public:
  // Checks in env, which holds every declaration the certificate and its theories make.
  Checker(Env& env, std::string theory_dir, ProblemLoader load);
  ~Checker();
  // Checks one record; throws Failure.
  void feed(const cert::Record& r);
  // For a caller that elaborates an SMT-LIB problem itself, in env, before the first
  // record (a translation in the same process): the problem's theories are those env has
  // then, reported as loaded; the checker loads no others for it (by default it loads
  // ints, reals, mixed and arrays for every smtlib2 problem). Certificates that name a
  // theory in their preamble still load it.
  void theories_from_env();
  // After the last record: the verdict (also for failures caught by the caller).
  Report finish();
  const Report& report() const { return report_; }

 public:
  struct Impl;

 private:
  std::set<std::string> loading_;
  std::unique_ptr<Impl> impl_;
  Report report_;
  std::vector<std::pair<std::string, uint64_t>> fast_base_;  // fast-path counts at the start
};

}  // namespace hcert::check
