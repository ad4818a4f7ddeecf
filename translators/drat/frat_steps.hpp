// FRAT steps as the DRAT/FRAT backward pass (translators/drat/drat_to_lrat.cpp) takes them:
// the solver's clause ids mapped to the pass's clause indices, original clauses found
// among the problem's, deletions checked to name a live clause with the stated literals,
// relocations applied. Untrusted, like the pass: its output is LRAT the kernel checks.
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "formats/frat.hpp"
#include "translators/drat/clause_store.hpp"
#include "trusted/dimacs.hpp"
#include "trusted/outcome.hpp"

namespace hcert::sat {

constexpr uint32_t kRatBlock = 0x80000000u;  // a hint that starts a RAT block

// One step of a DRAT or FRAT proof as the backward pass takes it: an addition (with the
// proof's own hints, if it gave them), a deletion (of the clause `target` when the proof
// names it by id, else of an alive clause with these literals), or nothing to do.
struct InStep {
  enum Kind { Add, Delete, Nothing } kind = Nothing;
  std::vector<int32_t> lits;
  uint64_t line = 0, offset = 0;
  uint32_t target = kNone;
  bool hinted = false;
  std::vector<uint32_t> hints;  // clause indices, kRatBlock set on a RAT block's clause
};

class FratSteps : protected ClauseStore {
 protected:
  // Why a map from the proof's ids to clause indices: FRAT ids are the solver's, any
  // 64-bit numbers (CaDiCaL numbers the problem's clauses 1..m and its own after them;
  // frat-rs may relocate them), while the LRAT steps handed out number the problem's
  // clauses by their place in the CNF and the lemmas after them.
  std::unordered_map<uint64_t, uint32_t> frat_ids_;
  std::vector<uint8_t> original_named_;  // per input clause: an 'o' step named it
  bool after_empty_ = false;             // past the empty clause: 'o', 'd', 'f' and 'r' are read

  [[noreturn]] void frat_fail(const FratStep& f, const std::string& why) {
    throw cert::FormatError(f.line, f.offset, "FRAT: " + why);
  }
  // The clause a step names, checked to have the step's literals (as a set).
  uint32_t frat_named(const FratStep& f) {
    auto it = frat_ids_.find(f.id);
    if (it == frat_ids_.end()) frat_fail(f, "clause " + std::to_string(f.id) + " is not live");
    key_ = sorted(std::vector<int32_t>(f.lits.begin(), f.lits.end()));
    if (!same_literals(it->second, key_))
      frat_fail(f, "clause " + std::to_string(f.id) + " has other literals than the step states");
    return it->second;
  }
  void frat_define(const FratStep& f, uint32_t cid) {
    if (!frat_ids_.emplace(f.id, cid).second) frat_fail(f, "clause id " + std::to_string(f.id) + " is already live");
  }
  // Turns a FRAT step into what the backward pass does with it; false: nothing to do.
  // `next_cid`: the index the pass gives the next clause it adds.
  bool frat_step(const FratStep& f, InStep& s, const Cnf& cnf, uint32_t next_cid) {
    s = InStep();
    s.line = f.line, s.offset = f.offset;
    if (after_empty_ && f.kind == 'a') frat_fail(f, "an addition after the empty clause");
    switch (f.kind) {
      case 'o': {  // one of the problem's clauses: CaDiCaL's ids are their places, else looked up
        key_ = sorted(std::vector<int32_t>(f.lits.begin(), f.lits.end()));
        original_named_.resize(cnf.clauses.size(), 0);
        uint32_t cid = kNone;
        if (f.id <= cnf.clauses.size() && !original_named_[f.id - 1] && same_literals(static_cast<uint32_t>(f.id - 1), key_))
          cid = static_cast<uint32_t>(f.id - 1);
        if (cid == kNone && !bucket_.empty()) {  // other numberings: through the deletion index
          uint32_t h = lit_hash(key_.data(), static_cast<uint32_t>(key_.size()));
          for (uint32_t c = bucket_[h & (bucket_.size() - 1)]; c != kNone && cid == kNone; c = chain_[c])
            if (c < cnf.clauses.size() && hash_[c] == h && !original_named_[c] && same_literals(c, key_)) cid = c;
        }
        if (cid == kNone) frat_fail(f, "original clause " + std::to_string(f.id) + " is not one of the problem's (or named twice)");
        original_named_[cid] = 1;
        frat_define(f, cid);
        return false;
      }
      case 'a': {
        s.kind = InStep::Add;
        s.lits = f.lits;
        if ((s.hinted = f.has_hints))
          for (int64_t h : f.hints) {
            auto it = frat_ids_.find(static_cast<uint64_t>(h < 0 ? -h : h));
            if (it == frat_ids_.end())
              throw check::Failure(check::Outcome::Rejected, "FRAT " + (f.line ? "line " + std::to_string(f.line) : "byte " + std::to_string(f.offset)) +
                                                   ": hint " + std::to_string(h) + " names no live clause");
            s.hints.push_back(it->second | (h < 0 ? kRatBlock : 0));
          }
        frat_define(f, next_cid);  // the index the pass gives the clause it adds
        return true;
      }
      case 'd': {
        uint32_t cid = frat_named(f);
        frat_ids_.erase(f.id);
        if (after_empty_) return false;
        s.kind = InStep::Delete;
        s.target = cid;
        s.lits = f.lits;
        return true;
      }
      case 'f':  // a clause live at the end: checked to be one (not needed by the check)
        if (!alive(frat_named(f))) frat_fail(f, "clause " + std::to_string(f.id) + " is finalised but was deleted");
        return false;
      case 'r': {  // renaming, all pairs at once
        std::vector<uint32_t> moved;
        for (auto [from, to] : f.moves) {
          auto it = frat_ids_.find(from);
          if (it == frat_ids_.end()) frat_fail(f, "relocation of clause " + std::to_string(from) + ", which is not live");
          moved.push_back(it->second);
          frat_ids_.erase(it);
        }
        for (size_t k = 0; k < moved.size(); ++k)
          if (!frat_ids_.emplace(f.moves[k].second, moved[k]).second)
            frat_fail(f, "relocation onto clause id " + std::to_string(f.moves[k].second) + ", which is live");
        return false;
      }
    }
    return false;
  }

};

}  // namespace hcert::sat
