// The rules a `step` record may name: the kernel's primitives and the derived rules of
// rules/ (spec/rules.md). Each takes its arguments from the record in a fixed order.
#pragma once
#include <functional>
#include <optional>
#include <vector>
#include <stdexcept>
#include <string>

#include "formats/cert.hpp"
#include "formats/id_table.hpp"
#include "kernel/kernel.hpp"
#include "rules/bool.hpp"

namespace hcert::check {

// Malformed arguments (missing, extra, wrong kind) or a rule the checker does not know
// (unsupported = true: the check is then incomplete, not failed).
struct StepError : std::runtime_error {
  bool unsupported;
  StepError(const std::string& why, bool unknown = false) : std::runtime_error(why), unsupported(unknown) {}
};

// What the rules need besides their arguments, one per check: its environment (whose
// fast-path switch says whether --pure is on), the core theory's definitions (looked up
// once core is loaded; the checker loads it before any step) and a cache of negated
// pivots. Nothing here is shared between two checks.
class StepContext {
 public:
  explicit StepContext(Env& env) : env(env) {}
  Env& env;
  bool pure() const { return !env.fast_paths_allowed(); }
  const rules::BoolDefs& defs();
  void enable_fast_paths();  // the kernel's clause fast paths (not with --pure)
  Term negated_pivot(uint64_t id, const Term& x);
  // A `rup` step's literals and hints, kept for their capacity: a SAT check makes one such
  // step per lemma, and two vectors allocated and freed for each showed as allocator time.
  std::vector<Term> rup_lits;
  std::vector<const Thm*> rup_hints;

 private:
  std::optional<rules::BoolDefs> defs_;
  std::vector<std::pair<Term, Term>> negs_;  // 2^16 slots, made on first use
};

// Where a rule reads its arguments, left to right: a certificate record's ids (RecordArgs)
// or the words of a kernel script line (checker/script.cpp). One rule table serves both.
class StepArgs {
 public:
  explicit StepArgs(StepContext& ctx) : ctx_(ctx) {}
  virtual ~StepArgs() = default;
  StepContext& ctx() { return ctx_; }
  Env& env() { return ctx_.env; }
  virtual const Term& tm() = 0;
  virtual const Thm& th() = 0;
  virtual const Type& ty() = 0;
  virtual uint64_t num() = 0;
  virtual uint64_t peek() const = 0;  // a key of the next argument (its record id), 0 if none
  virtual bool more() const = 0;
  virtual void done() const = 0;      // throws StepError when arguments are left over
  // A hint to load the theorems the remaining arguments name (no effect on the result).
  virtual void prefetch_theorems() const {}

 private:
  StepContext& ctx_;
};

// A step record's arguments: nums[1..] resolved through the checker's id tables.
class RecordArgs : public StepArgs {
 public:
  // thms: the table thm looks in, for prefetch_theorems (none: no prefetch).
  RecordArgs(StepContext& ctx, const cert::Record& rec, std::function<const Type&(uint64_t)> type,
             std::function<const Term&(uint64_t)> term, std::function<const Thm&(uint64_t)> thm,
             const IdTable<Thm>* thms = nullptr)
      : StepArgs(ctx), rec_(rec), type_(std::move(type)), term_(std::move(term)), thm_(std::move(thm)), thms_(thms) {}
  const Term& tm() override { return term_(next("term")); }
  const Thm& th() override { return thm_(next("theorem")); }
  const Type& ty() override { return type_(next("type")); }
  uint64_t num() override { return next("number"); }
  uint64_t peek() const override { return more() ? rec_.nums[i_] : 0; }
  bool more() const override { return i_ < rec_.nums.size(); }
  void done() const override;
  void prefetch_theorems() const override {
    if (thms_)
      for (size_t j = i_; j < rec_.nums.size(); ++j) thms_->prefetch(rec_.nums[j]);
  }

 private:
  uint64_t next(const char* what);
  const cert::Record& rec_;
  std::function<const Type&(uint64_t)> type_;
  std::function<const Term&(uint64_t)> term_;
  std::function<const Thm&(uint64_t)> thm_;
  const IdTable<Thm>* thms_;
  size_t i_ = 1;  // nums[0] is the id of the new theorem
};

// A rule of the table, found once by name (the checker keeps the last one: steps come in
// long runs of one rule); null when the checker does not know the name.
struct StepRule;
const StepRule* find_step_rule(const std::string& name);
Thm run_step(const StepRule& rule, StepArgs& args);
const std::vector<std::string>& step_rules();  // names, for documentation and tests

}  // namespace hcert::check
