// The theorems a translator makes while it proves one node of a solver's proof. Most are
// needed only inside that node, so when the node is done they are deleted from the
// checker (a `del` record each), which keeps the checker's live set as small as the
// solver's proof DAG; the node's own result is kept. The Z3 and cvc5 translators use one.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "formats/cert_emit.hpp"

namespace hcert::provers {

class ScratchTheorems {
 public:
  explicit ScratchTheorems(cert::Emitter& out) : out_(out) {}

  // A new theorem id, counted as scratch (a step's or a hole's).
  uint64_t fresh() {
    uint64_t id = out_.new_thm_id();
    ids_.push_back(id);
    return id;
  }
  // A step (spec/rules.md) whose theorem is scratch.
  uint64_t step(const char* rule, std::vector<uint64_t> args) {
    uint64_t id = fresh();
    args.insert(args.begin(), id);
    out_.write(cert::Emitter::make(cert::Tag::Step, std::move(args), {rule}));
    return id;
  }
  // How many scratch theorems there are: a mark to collect back to.
  size_t size() const { return ids_.size(); }
  // Deletes the theorems made since `mark` except `keep`, which then counts as made by the
  // caller's node: an inline sub-proof has one user, so its theorems go with that user's.
  // `keep` is adopted only if this node made it: a result that is a theorem kept for the
  // whole certificate (an atom's normal-form step, say) must never be deleted. `deleted`
  // hears of each id deleted (a translator's memo of it).
  // `also` (if not 0) is kept the same way (a node's positive theorem beside its N).
  void collect(size_t mark, uint64_t keep, const std::function<void(uint64_t)>& deleted = {}, uint64_t also = 0) {
    bool mine = false, mine_also = false;
    for (size_t k = mark; k < ids_.size(); ++k)
      if (ids_[k] == keep) {
        mine = true;
      } else if (also && ids_[k] == also) {
        mine_also = true;
      } else {
        if (deleted) deleted(ids_[k]);
        out_.write(cert::Emitter::make(cert::Tag::Del, {ids_[k]}, {"thm"}));
        out_.release_thm_id(ids_[k]);
      }
    ids_.resize(mark);
    if (mine) ids_.push_back(keep);
    if (mine_also) ids_.push_back(also);
  }
  // The theorems so far stay for the rest of the certificate (a named proof that later
  // bindings may cite).
  void keep_all() { ids_.clear(); }
  // The theorems made since `mark` stay for the rest of the certificate (a named proof
  // translated where it is first cited, inside a user's node).
  void keep_since(size_t mark) { ids_.resize(mark); }

 private:
  cert::Emitter& out_;
  std::vector<uint64_t> ids_;
};

}  // namespace hcert::provers
