#!/usr/bin/env python3
"""The shape that made hcert's DRAT backward pass quadratic (issue 14): a large formula
whose unit clauses imply many literals at the top level, a proof with many lemmas of which
a small core is needed, and core lemmas with a literal true at the top level when they are
checked.

    gen_toplevel.py [--top N] [--core K] [--noise M] [--seed S] OUT.cnf OUT.drat

The formula (variables: u, w_1..w_N, x, y_1..y_K, v, t, and noise variables):
- the unit u implies every w_j (clauses -u w_j), and each w_j sits in two more clauses
  that the top level satisfies (-w_j w_j+1 w_j+7), so the top level holds N + 2 literals
  and its propagation reads about 3N clauses;
- D = (-u x) puts x at the top level too;
- B = (x -y_1 ... -y_K): with x false, the y's cannot all be true;
- (-x v t), (-x v -t), (-x -v t), (-x -v -t): x is false, by a case split.
The proof:
- K core lemmas (x y_i), each checked while D is alive, so x is true at the top level
  when it is checked, interleaved with M noise lemmas (never needed) and, every tenth, a
  unit lemma over a fresh variable (implied by a noise clause) whose death going
  backwards takes a literal off the top level;
- d D, then (x) (RUP: the K lemmas give every y_i, against B), (-x v), (-x), and the
  empty clause.
So the backward pass checks K + 4 lemmas, K of them with a literal true at the top level,
and passes K/10 dying top-level reasons; a checker that propagates the top level again for
each costs K times the formula.
"""
import argparse
import random


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--top", type=int, default=200000, help="literals the units imply (N)")
    ap.add_argument("--core", type=int, default=20000, help="core lemmas true at the top level (K)")
    ap.add_argument("--noise", type=int, default=40000, help="lemmas the proof never needs (M)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("cnf")
    ap.add_argument("drat")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    n, k, m = a.top, a.core, a.noise
    u = 1
    w = lambda j: 2 + (j % n)  # w_0 .. w_{n-1}
    x = n + 2
    y = lambda i: n + 3 + i  # y_0 .. y_{k-1}
    v, t = n + 3 + k, n + 4 + k
    q0 = n + 5 + k  # fresh variables of the unit lemmas: q_i, implied by (-u q_i)
    n_units = k // 10
    nvars = q0 + n_units
    clauses = [[u]]
    for j in range(n):
        clauses.append([-u, w(j)])
        clauses.append([-w(j), w(j + 1), w(j + 7)])
    clauses.append([-u, x])  # D
    clauses.append([x] + [-y(i) for i in range(k)])  # B
    for sv in (v, -v):
        for st in (t, -t):
            clauses.append([-x, sv, st])
    for i in range(n_units):
        clauses.append([-w(rnd.randrange(n)), q0 + i])
    with open(a.cnf, "w") as f:
        f.write(f"p cnf {nvars} {len(clauses)}\n")
        for c in clauses:
            f.write(" ".join(map(str, c)) + " 0\n")
    with open(a.drat, "w") as f:
        noise_per_core = m // max(k, 1)
        for i in range(k):
            f.write(f"{x} {y(i)} 0\n")
            for _ in range(noise_per_core):  # satisfied at the top level, never needed
                f.write(f"{w(rnd.randrange(n))} {-w(rnd.randrange(n))} {y(rnd.randrange(k))} 0\n")
            if i % 10 == 9:
                f.write(f"{q0 + i // 10} 0\n")
        f.write(f"d {-u} {x} 0\n")
        f.write(f"{x} 0\n{-x} {v} 0\n{-x} 0\n0\n")


if __name__ == "__main__":
    main()
