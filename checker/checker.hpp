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

namespace hcert::check {

// Exit codes of spec/cli.md.
enum class Outcome { Verified = 0, Rejected = 1, Incomplete = 2, InputError = 3, Limit = 4 };

// A check that cannot go on: the outcome, and a message naming the place (line or byte),
// the record or step, the rule and the reason.
struct Failure : std::runtime_error {
  Outcome outcome;
  Failure(Outcome o, const std::string& msg) : std::runtime_error(msg), outcome(o) {}
};

// The problem as the trusted elaborator sees it (spec/problems.md).
struct Problem {
  std::string kind;                 // "dimacs" or "smtlib2"
  std::string sha256;               // of the file's bytes
  std::vector<Term> assertions;     // in file order
};
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

// Where the shipped theory files live, and their pinned SHA-256 (checker/theories.cpp).
const std::map<std::string, std::string>& pinned_theories();
std::string default_theory_dir();  // $HCERT_THEORIES, else <exe>/../certs/theories
// The same files compiled into the binary (the Makefile embeds certs/theories/*.hct), so an
// installed or copied hcert needs no files beside it. A theory directory "" means these;
// they are checked against the pins like files.
const std::map<std::string, std::string>& embedded_theories();

// For producers of certificates (convert, translators): load a pinned theory into the
// kernel, and look up its named theorems. Throws Failure.
void load_pinned_theory(const std::string& dir, const std::string& name);
std::optional<Thm> theory_fact(const std::string& name);

class Checker {
 public:
  Checker(std::string theory_dir, ProblemLoader load);
  ~Checker();
  // Checks one record; throws Failure.
  void feed(const cert::Record& r);
  // After the last record: the verdict (also for failures caught by the caller).
  Report finish();
  const Report& report() const { return report_; }

 public:
  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
  Report report_;
  std::vector<std::pair<std::string, uint64_t>> fast_base_;  // fast-path counts at the start
};

}  // namespace hcert::check
