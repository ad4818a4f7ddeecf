// Local rewrites (a substitution, Boolean constants folded) applied bottom-up to their
// fixpoint, with the congruence proof, in time linear in the term DAG. Why: cvc5's
// MACRO_SR_EQ_INTRO substitutes its premises' equations x = r (x := false among them)
// into an assertion of thousands of subterms and rewrites the result; Congruence::cong
// walks the term as a tree (exponential on a DAG), and a case split over the whole
// assertion is out of reach. Untrusted: it only emits steps.
#pragma once
#include <functional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "translators/provers/nform.hpp"

namespace hcert::provers {

class RewriteCongruence {
 public:
  // `local(u)`: what u becomes, u a subterm whose parts are already rewritten (a variable
  // bound by the substitution, `F \/ p`, …), or a null term for nothing. Each equation
  // u = u' it proposes is ASSUMED in the proof: the caller justifies it (a premise's N, or
  // an N it proved when it proposed it) and trades the assumption.
  using Local = std::function<Term(const Term&)>;
  RewriteCongruence(StepSink& out, Local local) : out_(out), local_(std::move(local)) {}

  // t* (each subterm's parts rewritten, then the subterm, then its result again: the
  // fixpoint) and {u = u', …} ⊢ t = t* by TRANS and MK_COMB over t's DAG, each subterm
  // once; the theorem is 0 when t* is t. Not under binders (a bound variable may share a
  // name with a free one). A subterm met again inside its own rewrite's result (x := f(x),
  // or x := y, y := x) stays there. Without recursion: deep terms are safe.
  struct Image {
    Term term;
    uint64_t thm;  // 0: unchanged
  };
  Image apply(const Term& t);

 private:
  struct Pending {  // a subterm rewritten locally: its parts' result u, their proof, u'
    Term u;
    uint64_t parts;
    Term target;
  };
  StepSink& out_;
  Local local_;
  std::unordered_map<Term, Image, TermHash> memo_;      // subterm -> its image
  std::unordered_map<Term, Pending, TermHash> open_;    // subterms whose rewrite is under way
};

}  // namespace hcert::provers
