#include "translators/provers/dd_arrays.hpp"

#include <cstring>
#include <string>

#include "translators/provers/arrays.hpp"
#include "translators/provers/formula.hpp"
#include "translators/vocabulary.hpp"

namespace hcert::provers {

namespace {

bool is_array(const Type& t) { return !t.is_var() && t.name() == "array" && t.args().size() == 2; }

// The lemmas' variables at array type A = (I, E) array.
struct RowVars {
  Term a, i, j, v, w;
  explicit RowVars(const Type& A)
      : a(Term::var("a", A)), i(Term::var("i", A.args()[0])), j(Term::var("j", A.args()[0])), v(Term::var("v", A.args()[1])),
        w(Term::var("w", A.args()[1])) {}
};

Term select_of(const Term& a) {
  Type A = a.type();
  return Term::comb(Term::constant(vocab(), "array.select", Type::fun(A, Type::fun(A.args()[0], A.args()[1]))), a);
}
Term select(const Term& a, const Term& k) { return Term::comb(select_of(a), k); }
Term store(const Term& a, const Term& i, const Term& v) {
  Type A = a.type();
  Term s = Term::constant(vocab(), "array.store", Type::fun(A, Type::fun(A.args()[0], Type::fun(A.args()[1], A))));
  return Term::comb(Term::comb(Term::comb(s, a), i), v);
}
Term cond(const Term& c, const Term& x, const Term& y) {
  return Term::comb(Term::comb(Term::comb(CondLemmas::cond(x.type()), c), x), y);
}

// An axiom of the arrays theory at A, its quantifiers specialised to args in order; a null
// id when the theory is not loaded.
Pf axiom(Prover& P, const char* name, const Type& A, const std::vector<Term>& args) {
  auto th = vocab().fact(name);
  if (!th) return {};
  Pf p = P.inst_type(P.fact(name, th->concl()), {{Type::var("I"), A.args()[0]}, {Type::var("E"), A.args()[1]}});
  for (const Term& x : args) p = P.spec(x, p);
  return p;
}

// ⊢ COND c x y = z from A ⊢ c = b (b being T or F) and COND's equation for b.
Pf cond_decided(Prover& P, CondLemmas& cond_lemmas, const Pf& c_is, bool b, const Term& x, const Term& y) {
  Type ty = x.type();
  Pf lifted = P.ap_thm(P.ap_thm(P.ap_term(CondLemmas::cond(ty), c_is), x), y);
  Pf eq = P.inst(cond_lemmas.get(ty, b), {{CondLemmas::x(ty), x}, {CondLemmas::y(ty), y}});
  return P.trans(lifted, eq);
}

// A ⊢ F from A ∪ {c} ⊢ F and A ∪ {~c} ⊢ F: ~c by NOT_INTRO, then PROVE_HYP (RESOLVE
// takes only boolean variables as pivots).
uint64_t by_cases(Prover& P, const Term& c, const Pf& when_c, const Pf& when_not_c) {
  return P.prove_hyp(P.not_intro(c, when_c), when_not_c).id;
}

// N(store (store a i v) i w = store a i w) given {~stmt} ⊢ ~stmt: by extensionality at
// k = diff X Y (X, Y the two sides), in the cases k = i (both reads are w) and ~(k = i)
// (both are select a k), the cases joined by RESOLVE.
uint64_t prove_overwrite(Prover& P, const Type& A, const Pf& not_stmt) {
  RowVars x(A);
  Term inner = store(x.a, x.i, x.v), X = store(inner, x.i, x.w), Y = store(x.a, x.i, x.w);
  Term k = ArrayLemmas::diff(X, Y), c = Term::eq(x.i, k);
  Pf ext = axiom(P, "ARRAY_EXT", A, {X, Y});  // ⊢ select X k = select Y k ==> X = Y
  auto refuted = [&](const Pf& reads_equal) { return P.not_elim(not_stmt, P.mp(ext, reads_equal)); };
  // k = i: select X k = select X i = w = select Y i = select Y k.
  Pf is = P.assume(c);
  auto at_i = [&](const Term& s, const Term& a) {  // ⊢ select (store a i w) k = w
    return P.trans(P.sym(P.ap_term(select_of(s), is)), axiom(P, "ARRAY_READ_SAME", A, {a, x.i, x.w}));
  };
  Pf when_eq = refuted(P.trans(at_i(X, inner), P.sym(at_i(Y, x.a))));
  // ~(k = i): select X k = select inner k = select a k = select Y k.
  Pf isnt = P.assume(neg(c));
  auto other = [&](const Term& a, const Term& v) { return P.mp(axiom(P, "ARRAY_READ_OTHER", A, {a, x.i, k, v}), isnt); };
  Pf when_ne = refuted(P.trans(P.trans(other(inner, x.w), other(x.a, x.v)), P.sym(other(x.a, x.w))));
  return by_cases(P, c, when_eq, when_ne);
}

// N(store a i (select a i) = a) given {~stmt} ⊢ ~stmt: by extensionality at k = diff S a
// (S the store), in the cases i = k (select S k = select S i = select a i = select a k)
// and ~(i = k) (ARRAY_READ_OTHER).
uint64_t prove_self_store(Prover& P, const Type& A, const Pf& not_stmt) {
  RowVars x(A);
  Term v = select(x.a, x.i), S = store(x.a, x.i, v);
  Term k = ArrayLemmas::diff(S, x.a), c = Term::eq(x.i, k);
  Pf ext = axiom(P, "ARRAY_EXT", A, {S, x.a});  // ⊢ select S k = select a k ==> S = a
  auto refuted = [&](const Pf& reads_equal) { return P.not_elim(not_stmt, P.mp(ext, reads_equal)); };
  Pf is = P.assume(c);
  Pf read_i = P.trans(P.sym(P.ap_term(select_of(S), is)), axiom(P, "ARRAY_READ_SAME", A, {x.a, x.i, v}));
  Pf when_eq = refuted(P.trans(read_i, P.ap_term(select_of(x.a), is)));
  Pf when_ne = refuted(P.mp(axiom(P, "ARRAY_READ_OTHER", A, {x.a, x.i, k, v}), P.assume(neg(c))));
  return by_cases(P, c, when_eq, when_ne);
}

}  // namespace

bool is_array_lemma(const char* name) {
  for (const char* n : {"row", "rows", "wow", "self", "eqsym", "eqrefl"})
    if (std::strcmp(name, n) == 0) return true;
  return false;
}

Term array_statement(const char* name, const Type& A) {
  Term a1 = Term::var("a1", A), a0 = Term::var("a0", A);
  if (std::strcmp(name, "eqsym") == 0) return Term::eq(Term::eq(a1, a0), Term::eq(a0, a1));
  if (std::strcmp(name, "eqrefl") == 0) return Term::eq(Term::eq(a0, a0), Term::constant(vocab(), "T", Type::boolean()));
  if (!is_array_lemma(name) || !is_array(A)) return Term();
  RowVars x(A);
  if (std::strcmp(name, "rows") == 0) return Term::eq(select(store(x.a, x.i, x.v), x.i), x.v);
  if (std::strcmp(name, "wow") == 0) return Term::eq(store(store(x.a, x.i, x.v), x.i, x.w), store(x.a, x.i, x.w));
  if (std::strcmp(name, "self") == 0) return Term::eq(store(x.a, x.i, select(x.a, x.i)), x.a);
  return Term::eq(select(store(x.a, x.i, x.v), x.j), cond(Term::eq(x.i, x.j), x.v, select(x.a, x.j)));
}

uint64_t prove_array_lemma(StepSink& out, CondLemmas& cond_lemmas, const char* name, const Type& A) {
  Term stmt = array_statement(name, A);
  if (stmt.is_null()) return 0;
  Prover P(out);
  if (std::strcmp(name, "eqrefl") == 0) return P.not_elim(P.assume(neg(stmt)), P.eqt_intro(P.refl(stmt.lhs().lhs()))).id;
  if (std::strcmp(name, "eqsym") == 0) {  // DEDUCT_ANTISYM of the two SYMs
    Term l = stmt.lhs(), r = stmt.rhs();
    return P.not_elim(P.assume(neg(stmt)), P.deduct_antisym(P.sym(P.assume(r)), P.sym(P.assume(l)))).id;
  }
  if (!vocab().fact("ARRAY_READ_SAME") || !vocab().fact("ARRAY_READ_OTHER")) return 0;
  RowVars x(A);
  Pf same = axiom(P, "ARRAY_READ_SAME", A, {x.a, x.i, x.v});  // ⊢ select (store a i v) i = v
  Pf not_stmt = P.assume(neg(stmt));
  if (std::strcmp(name, "rows") == 0) return P.not_elim(not_stmt, same).id;
  if (std::strcmp(name, "wow") == 0) return prove_overwrite(P, A, not_stmt);
  if (std::strcmp(name, "self") == 0) return prove_self_store(P, A, not_stmt);
  Term c = Term::eq(x.i, x.j), s = select(x.a, x.j), st = store(x.a, x.i, x.v);
  // Case i = j: the read is v, and so is the conditional.
  Pf is = P.assume(c);
  Pf read_v = P.trans(P.sym(P.ap_term(select_of(st), is)), same);               // {c} ⊢ L = v
  Pf when_eq = P.trans(read_v, P.sym(cond_decided(P, cond_lemmas, P.eqt_intro(is), true, x.v, s)));
  // Case ~(i = j): the read is select a j (ARRAY_READ_OTHER), and so is the conditional
  // (c = F from ~c: {~c, c} ⊢ F and {F} ⊢ c, by DEDUCT_ANTISYM).
  Pf isnt = P.assume(neg(c));
  Pf read_s = P.mp(axiom(P, "ARRAY_READ_OTHER", A, {x.a, x.i, x.j, x.v}), isnt);  // {~c} ⊢ L = s
  Pf c_false = P.deduct_antisym(P.contr(c, P.assume(Prover::falsity())), P.not_elim(isnt, is));
  Pf when_ne = P.trans(read_s, P.sym(cond_decided(P, cond_lemmas, c_false, false, x.v, s)));
  return by_cases(P, c, P.not_elim(not_stmt, when_eq), P.not_elim(not_stmt, when_ne));
}

bool array_step(const Term& op, const std::vector<Term>& args, const char** name,
                std::vector<std::pair<Term, Term>>* theta) {
  if (args.empty() || op.kind() != TermKind::Const || !is_array(args[0].type())) return false;
  RowVars x(args[0].type());
  bool is_store = args.size() == 3 && op.name() == "array.store", is_select = args.size() == 2 && op.name() == "array.select";
  if (is_store && args[2] == select(args[0], args[1])) {  // store a i (select a i)
    *theta = {{x.a, args[0]}, {x.i, args[1]}};
    *name = "self";
    return true;
  }
  std::vector<Term> st;  // args[0] = store a i v
  if (!(is_store || is_select) || !ArrayLemmas::is_fn(args[0], "array.store", 3, st)) return false;
  *theta = {{x.a, st[0]}, {x.i, st[1]}, {x.v, st[2]}};
  if (is_store) {  // store (store a i v) i w
    theta->push_back({x.w, args[2]});
    *name = "wow";
    return st[1] == args[1];
  }
  *name = st[1] == args[1] ? "rows" : "row";  // select (store a i v) j
  if (st[1] != args[1]) theta->push_back({x.j, args[1]});
  return true;
}

}  // namespace hcert::provers
