// Derived equality rules. Untrusted: each function only calls the kernel (kernel/thm.hpp),
// so a bug here can make a valid step fail, never make an invalid one succeed.
#pragma once
#include "kernel/kernel.hpp"

namespace hcert::rules {

//  A ⊢ l = r
//  ─────────  SYM
//  A ⊢ r = l
Thm sym(const Thm& th);

//  ─────────────────────────  BETA_CONV          (any argument u, not only a variable)
//  ⊢ (λx. t) u = t[u/x]
Thm beta_conv(const Env& env, const Term& redex);

//  A ⊢ x = y
//  ───────────────  AP_TERM f
//  A ⊢ f x = f y
Thm ap_term(const Term& f, const Thm& th);

//  A ⊢ f = g
//  ───────────────  AP_THM x
//  A ⊢ f x = g x
Thm ap_thm(const Thm& th, const Term& x);

//  A ⊢ p    B ⊢ q
//  ──────────────────  PROVE_HYP
//  A ∪ (B − {p}) ⊢ q
Thm prove_hyp(const Thm& ap, const Thm& bq);

// A variable of type ty whose name is not the name of any free variable of t.
Term fresh_var(const Term& t, Type ty);

}  // namespace hcert::rules
