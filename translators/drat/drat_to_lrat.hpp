// DRAT -> LRAT-shaped steps: backward checking finds, for each lemma the refutation needs,
// the clauses whose unit propagation refutes its negation (spec/sat.md, "DRAT").
// Untrusted: it only proposes hints; the LRAT translation and the kernel check them.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "trusted/dimacs.hpp"
#include "formats/drat.hpp"
#include "formats/frat.hpp"
#include "formats/lrat.hpp"

namespace hcert::sat {

struct DratStats {
  uint64_t lemmas = 0, deletions = 0, ignored_unit_deletions = 0, core_lemmas = 0, propagations = 0;
};

// Reads the whole DRAT proof, checks it backwards, and returns LRAT steps (lemma ids
// numbered after the problem's clauses; deletions included so that the certificate's live
// set stays small; a RAT lemma's hints are LRAT RAT blocks). Throws check::Failure
// Rejected when a needed lemma is neither RUP nor RAT or there is no empty clause, and
// cert::FormatError on malformed DRAT.
std::vector<LratStep> drat_to_lrat(const Cnf& cnf, DratReader& in, DratStats* stats = nullptr);

// Where a long pass is, for the caller's limits and progress lines: `phase` is "reading"
// (done: proof steps read, total 0) or "backward" (done: proof steps passed going
// backwards, of total).
struct DratProgress {
  const char* phase;
  uint64_t done, total;
  const char* format = "DRAT";  // or "FRAT"
};
// Called every 65,536 steps read, and every 1,024 steps passed backwards or 2^20 units of
// work within them (clause visits, clauses a RAT check reads); it may throw (a time limit)
// to stop the pass.
using DratPoll = std::function<void(const DratProgress&)>;

// The same, handing the steps out one by one from compact storage (what `hcert check`
// uses: no second copy of the proof in memory).
class Backward;
class DratHints {
 public:
  DratHints(const Cnf& cnf, DratReader& in, const DratPoll& poll = {});  // runs the backward check
  // FRAT: the same pass; an addition with hints ('l') is needed with exactly those (the
  // LRAT translation and the kernel check them; a wrong hint rejects the proof), one
  // without is checked like a DRAT lemma. 'f' steps are checked to name live clauses.
  DratHints(const Cnf& cnf, FratReader& in, const DratPoll& poll = {});
  ~DratHints();
  bool next(LratStep& s);
  const DratStats& stats() const;
  // The problem's clauses (0-based, increasing) that the steps' hints name.
  std::vector<uint32_t> inputs_used() const;

 private:
  std::unique_ptr<Backward> impl_;
};

// A DRAT or FRAT proof with the reader it is read through, its hints found on demand: what
// `hcert check`, `convert` and `export --lrat` share (one owner for the reader the pass
// reads, which must outlive it).
class ProofHints {
 public:
  ProofHints(std::unique_ptr<Source> src, bool frat);
  // Runs the backward pass (once; later calls do nothing). cnf must outlive the steps.
  void find(const Cnf& cnf, const DratPoll& poll = {});
  // The next LRAT-shaped step (after find).
  bool next(LratStep& s);
  std::vector<uint32_t> inputs_used() const;  // after find: DratHints::inputs_used
  bool frat() const { return frat_.has_value(); }

 private:
  std::optional<DratReader> drat_;
  std::optional<FratReader> frat_;
  std::optional<DratHints> hints_;
};

}  // namespace hcert::sat
