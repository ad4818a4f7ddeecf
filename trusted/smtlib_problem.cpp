// Trusted: the elaboration of an SMT-LIB 2.6 script into HOL assertions (spec/problems.md,
// "SMT-LIB 2"). Iterative over the s-expression array, so nesting depth is not limited by
// the native stack.
#include <gmpxx.h>

#include <map>
#include <unordered_map>

#include "trusted/problem.hpp"
#include "trusted/deadline.hpp"
#include "trusted/scoped_names.hpp"

namespace hcert::check {

using smt::Node;

namespace {

Type boolean() { return Type::boolean(); }

class Elaborator {
 public:
  Elaborator(const Env& env, const smt::Script& sc) : sc_(sc), cur_(&sc), kenv_(env) {}

  // A term of another script (a Z3 proof's), in the problem's declarations, with extra
  // names (the proof's let names) bound to terms.
  Term external(const smt::Script& other, uint32_t node, const std::unordered_map<std::string, Term>& names) {
    cur_ = &other;
    extra_ = &names;
    struct Restore {
      Elaborator* e;
      ~Restore() { e->cur_ = &e->sc_, e->extra_ = nullptr; }
    } restore{this};
    return term(other.nodes[node], {});
  }

  Problem run() {
    Problem p{"smtlib2", sc_.sha256, {}, nullptr, {}};
    // The problem is the last check's assertion set (a proof follows the check it is of):
    // the commands after it are not read. The script ends at its first (exit), as for
    // solvers: a check after it is never run, so it cannot be the one a proof is of.
    size_t last = sc_.commands.size();
    for (size_t k = 0; k < sc_.commands.size(); ++k) {
      const Node& cmd = sc_.nodes[sc_.commands[k]];
      if (cmd.kind != Node::List || cmd.kids.empty()) continue;
      if (kid(cmd, 0).text == "exit") break;
      if (kid(cmd, 0).text == "check-sat" || kid(cmd, 0).text == "check-sat-assuming") last = k;
    }
    if (last == sc_.commands.size()) fail(sc_.nodes.empty() ? Node{} : sc_.nodes[0], "the script has no check-sat");
    for (size_t k = 0; k < sc_.commands.size() && k <= last; ++k) {
      const Node& cmd = sc_.nodes[sc_.commands[k]];
      if (cmd.kids.empty() || kid(cmd, 0).kind != Node::Symbol) fail(cmd, "expected a command");
      const std::string& name = kid(cmd, 0).text;
      if (name == "set-logic") {
        need(cmd, 2);
        logic_ = symbol(kid(cmd, 1));
        continue;
      }
      if (name == "set-info" || name == "set-option") continue;
      if (name == "check-sat") {
      } else if (name == "check-sat-assuming") {  // the last one's assumptions are assertions too
        need(cmd, 2);
        if (k != last) continue;
        if (kid(cmd, 1).kind != Node::List) fail(cmd, "expected a list of assumptions");
        for (uint32_t a : kid(cmd, 1).kids) {
          Term t = term(sc_.nodes[a], {});
          if (t.type() != boolean()) fail(sc_.nodes[a], "an assumption must be Bool");
          p.assertions.push_back(t);
        }
      } else if (name == "declare-sort") {
        need(cmd, 3);
        if (kid(cmd, 2).text != "0") unsupported(cmd, "sorts with parameters");
        declare_sort(cmd, symbol(kid(cmd, 1)));
      } else if (name == "define-sort") {  // (define-sort S (X1 ... Xn) sort): a macro
        need(cmd, 4);
        const Node& params = kid(cmd, 2);
        if (params.kind != Node::List) fail(params, "expected a list of sort parameters");
        SortDef d;
        for (uint32_t k : params.kids) d.params.push_back(Type::var(symbol(sc_.nodes[k]) + "|" + std::to_string(counter_++)));
        for (size_t i = 0; i < d.params.size(); ++i) sort_params_.push_back({symbol(sc_.nodes[params.kids[i]]), d.params[i]});
        struct Unbind {  // the parameters name sorts only in the body, also when it throws
          std::vector<std::pair<std::string, Type>>& ps;
          ~Unbind() { ps.clear(); }
        } unbind{sort_params_};
        d.body = sort(kid(cmd, 3));
        std::string f = symbol(kid(cmd, 1));
        if (known(f)) fail(cmd, "symbol " + f + " is already declared");
        sort_defs_.emplace(f, d);
        scoped_.push_back(f);
      } else if (name == "push" || name == "pop") {  // (push n), (pop n); n = 1 when omitted
        if (cmd.kids.size() > 2 || (cmd.kids.size() == 2 && kid(cmd, 1).kind != Node::Numeral)) fail(cmd, "expected a numeral");
        size_t k = cmd.kids.size() == 2 ? std::stoul(kid(cmd, 1).text.substr(0, 9)) : 1;
        if (name == "pop" && k > scopes_.size()) fail(cmd, "pop of more levels than were pushed");
        if (scopes_.size() + k > 1000000) fail(cmd, "more than 10^6 push levels", Outcome::Limit);
        for (size_t i = 0; i < k && name == "push"; ++i) scopes_.push_back({p.assertions.size(), scoped_.size()});
        for (size_t i = 0; i < k && name == "pop"; ++i) pop(p);
      } else if (name == "reset-assertions") {
        while (!scopes_.empty()) pop(p);
        p.assertions.clear();
      } else if (name == "declare-const" || name == "declare-fun") {
        bool fun = name == "declare-fun";
        need(cmd, fun ? 4 : 3);
        Type ty = sort(kid(cmd, fun ? 3 : 2));
        if (fun) {
          const Node& args = kid(cmd, 2);
          if (args.kind != Node::List) fail(args, "expected a list of argument sorts");
          for (size_t i = args.kids.size(); i-- > 0;) ty = Type::fun(sort(sc_.nodes[args.kids[i]]), ty);
        }
        declare(cmd, symbol(kid(cmd, 1)), Term::var(symbol(kid(cmd, 1)), ty));
      } else if (name == "define-fun") {
        need(cmd, 5);
        const Node& params = kid(cmd, 2);
        if (params.kind != Node::List) fail(params, "expected a list of parameters");
        Def d;
        std::vector<std::pair<std::string, Term>> scope;
        for (uint32_t k : params.kids) {
          const Node& sv = sc_.nodes[k];
          if (sv.kind != Node::List || sv.kids.size() != 2) fail(sv, "expected (symbol sort)");
          Term v = fresh(symbol(kid(sv, 0)), sort(kid(sv, 1)));
          d.params.push_back(v);
          scope.push_back({symbol(kid(sv, 0)), v});
        }
        d.body = term(kid(cmd, 4), scope);
        if (d.body.type() != sort(kid(cmd, 3))) fail(kid(cmd, 4), "the body does not have the declared sort");
        std::string f = symbol(kid(cmd, 1));
        if (known(f)) fail(cmd, "symbol " + f + " is already declared");
        defs_.emplace(f, d);
        scoped_.push_back(f);
      } else if (name == "assert") {
        need(cmd, 2);
        Term t = term(kid(cmd, 1), {});
        if (t.type() != boolean()) fail(kid(cmd, 1), "an assertion must be Bool");
        p.assertions.push_back(t);
      } else if (name == "reset" || name == "define-fun-rec" || name == "define-funs-rec" ||
                 name == "declare-datatype" || name == "declare-datatypes") {
        unsupported(cmd, "the command " + name);
      } else if (name == "get-proof" || name == "get-model" || name == "get-info" || name == "exit" || name == "echo" ||
                 name == "get-option" || name == "get-assertions" || name == "get-value" || name == "get-assignment" ||
                 name == "get-unsat-core" || name == "get-unsat-assumptions") {  // between checks
        continue;
      } else {
        fail(cmd, "unknown command " + name);
      }
    }
    return p;
  }

 private:
  struct Def {
    std::vector<Term> params;
    Term body;
  };
  // A define-sort: its body with a fresh type variable for each parameter.
  struct SortDef {
    std::vector<Type> params;
    Type body;
  };
  // A push level: how many assertions and scoped names there were when it was pushed.
  struct Scope {
    size_t assertions, names;
  };
  // pop: the level's assertions and the symbols declared or defined in it are gone.
  void pop(Problem& p) {
    p.assertions.resize(scopes_.back().assertions);
    for (size_t i = scopes_.back().names; i < scoped_.size(); ++i)
      funs_.erase(scoped_[i]), defs_.erase(scoped_[i]), sorts_.erase(scoped_[i]), sort_defs_.erase(scoped_[i]);
    scoped_.resize(scopes_.back().names);
    scopes_.pop_back();
  }

  [[noreturn]] void fail(const Node& n, const std::string& why, Outcome o = Outcome::InputError) {
    throw Failure(o, "problem line " + std::to_string(n.line) + " (byte " + std::to_string(n.offset) + "): " + why);
  }
  [[noreturn]] void unsupported(const Node& n, const std::string& what) {
    fail(n, what + " is not supported by this version's elaboration", Outcome::Incomplete);
  }
  const Node& kid(const Node& n, size_t i) {
    if (n.kind != Node::List || i >= n.kids.size()) fail(n, "missing argument");
    return cur_->nodes[n.kids[i]];
  }
  void need(const Node& n, size_t k) {
    if (n.kids.size() != k) fail(n, "expected " + std::to_string(k - 1) + " arguments");
  }
  std::string symbol(const Node& n) {
    if (n.kind != Node::Symbol) fail(n, "expected a symbol");
    return n.text;
  }
  bool known(const std::string& s) {
    return funs_.count(s) || defs_.count(s) || sorts_.count(s) || sort_defs_.count(s) || builtin(s);
  }
  static bool builtin(const std::string& s) {
    static const char* names[] = {"true", "false", "not", "and", "or", "=>", "xor", "=", "distinct", "ite", "Bool",
                                  "Int", "Real", "+", "-", "*", "/", "div", "mod", "abs", "<=", "<", ">=", ">",
                                  "to_real", "to_int", "is_int"};
    for (const char* b : names)
      if (s == b) return true;
    return false;
  }
  void declare(const Node& n, const std::string& s, Term v) {
    if (known(s)) fail(n, "symbol " + s + " is already declared");
    funs_.emplace(s, v);
    scoped_.push_back(s);
  }
  // An uninterpreted sort is a HOL type variable named by the symbol: the problem is then
  // refuted for every non-empty domain, which is what unsatisfiability means.
  void declare_sort(const Node& n, const std::string& s) {
    if (known(s)) fail(n, "symbol " + s + " is already declared");
    sorts_.emplace(s, Type::var(s));
    scoped_.push_back(s);
  }
  // A sort expression, iteratively (Array sorts nest): post-order over its nodes.
  Type sort(const Node& root) {
    std::vector<std::pair<const Node*, bool>> todo{{&root, false}};
    std::vector<Type> vals;
    while (!todo.empty()) {
      auto [n, args_done] = todo.back();
      todo.pop_back();
      if (n->kind == Node::List && !args_done) {
        if (n->kids.empty() || kid(*n, 0).kind != Node::Symbol) fail(*n, "expected a sort");
        if (kid(*n, 0).text == "_") theory(*n, n->kids.size() > 1 ? kid(*n, 1).text : "_");
        todo.push_back({n, true});
        for (size_t i = n->kids.size(); i-- > 1;) todo.push_back({&kid(*n, i), false});
        continue;
      }
      size_t k = n->kind == Node::List ? n->kids.size() - 1 : 0;
      std::vector<Type> args(vals.end() - k, vals.end());
      vals.resize(vals.size() - k);
      vals.push_back(sort_of(*n, n->kind == Node::List ? kid(*n, 0) : *n, args));
    }
    return vals.back();
  }
  Type sort_of(const Node& n, const Node& head, const std::vector<Type>& args) {
    const std::string& s = symbol(head);
    auto arity = [&](size_t k) {
      if (args.size() != k) fail(n, "the sort " + s + " takes " + std::to_string(k) + " arguments");
    };
    for (auto& [x, ty] : sort_params_)
      if (x == s) return arity(0), ty;
    auto d = sort_defs_.find(s);
    if (d != sort_defs_.end()) {  // its body with the arguments for the parameters
      arity(d->second.params.size());
      TypeSubst theta;
      for (size_t i = 0; i < args.size(); ++i) theta.push_back({d->second.params[i], args[i]});
      return Term::var("x", d->second.body).subst_type(theta).type();
    }
    if (s == "Array") return arity(2), Type::op(kenv_, "array", args);
    auto it = sorts_.find(s);
    if (it != sorts_.end()) return arity(0), it->second;
    if (s == "Bool") return arity(0), boolean();
    if (s == "Int") return arity(0), Type::op(kenv_, "int", {});
    if (s == "Real") return arity(0), Type::op(kenv_, "real", {});
    theory(n, s);
    fail(n, "unknown sort " + s);
  }
  // Symbols of the theories this version does not elaborate, by prefix: an error naming
  // the theory (incomplete, exit 2) rather than "unknown".
  void theory(const Node& n, const std::string& s) {
    static const std::pair<const char*, const char*> prefixes[] = {
        {"bv", "BitVec"}, {"BitVec", "BitVec"}, {"extract", "BitVec"}, {"concat", "BitVec"}, {"zero_extend", "BitVec"},
        {"sign_extend", "BitVec"}, {"repeat", "BitVec"}, {"rotate_", "BitVec"}, {"int2bv", "BitVec"}, {"bv2nat", "BitVec"},
        {"fp", "FloatingPoint"}, {"FloatingPoint", "FloatingPoint"}, {"Float", "FloatingPoint"}, {"to_fp", "FloatingPoint"},
        {"RoundingMode", "FloatingPoint"}, {"RNE", "FloatingPoint"}, {"RTZ", "FloatingPoint"}, {"str.", "Strings"},
        {"re.", "Strings"}, {"String", "Strings"}, {"RegLan", "Strings"}, {"seq.", "Seq"}, {"Seq", "Seq"}};
    for (auto& [pre, th] : prefixes)
      if (s.rfind(pre, 0) == 0) unsupported(n, "the theory " + std::string(th) + " (" + s + ")");
  }
  // Bound variables (quantifiers, define-fun parameters) get names no SMT-LIB symbol can
  // have ('|' cannot occur in a symbol), so abstracting them never captures anything else.
  Term fresh(const std::string& s, Type ty) { return Term::var(s + "|" + std::to_string(counter_++), ty); }

  Term cnst(const char* name, Type ty) { return Term::constant(kenv_, name, ty); }
  Term op2(const char* name, const Term& a, const Term& b) {
    Type bb = Type::fun(boolean(), Type::fun(boolean(), boolean()));
    return Term::comb(Term::comb(cnst(name, bb), a), b);
  }
  Term neg(const Term& a) { return Term::comb(cnst("~", Type::fun(boolean(), boolean())), a); }
  Term right_nested(const char* op, const std::vector<Term>& xs) {
    Term t = xs.back();
    for (size_t i = xs.size() - 1; i-- > 0;) t = op2(op, xs[i], t);
    return t;
  }

  // Evaluates a term iteratively: tasks on a stack, values on another.
  Term term(const Node& root, const std::vector<std::pair<std::string, Term>>& params) {
    struct Task {
      enum { Eval, Apply, LetBody, Quant, Named, Pop } kind;
      const Node* n;
      size_t k = 0;                 // Pop: how many scope entries; Apply: arity
      std::vector<Term> vars = {};  // Quant
    };
    std::vector<Task> tasks{{Task::Eval, &root}};
    std::vector<Term> vals;
    struct Unbind {  // this term's bindings end with it, also when it throws
      ScopedNames<Term>& names;
      size_t depth;
      size_t &binders, saved;
      ~Unbind() { names.unbind_to(depth), binders = saved; }
    } unbind{bound_, bound_.depth(), binders_, binders_};
    binders_ += params.size();
    for (auto& [s, v] : params) bound_.bind(s, v);
    while (!tasks.empty()) {
      poll_deadline();
      Task t = std::move(tasks.back());
      tasks.pop_back();
      const Node& n = *t.n;
      switch (t.kind) {
        case Task::Eval:
          if (n.kind == Node::Symbol) {
            vals.push_back(atom(n));
          } else if (n.kind == Node::Numeral) {
            vals.push_back(numeral(n, n.text, real_numerals() ? "real" : "int"));
          } else if (n.kind == Node::Decimal) {
            vals.push_back(decimal(n, n.text));
          } else if (n.kind != Node::List) {
            unsupported(n, n.kind == Node::String ? "the theory Strings (string literals)" : "the theory BitVec (#x/#b literals)");
          } else if (n.kids.empty()) {
            fail(n, "empty application");
          } else if (kid(n, 0).kind != Node::Symbol || kid(n, 0).text == "_") {
            const Node& h = kid(n, 0).kind == Node::Symbol ? n : kid(n, 0);
            if (h.kind == Node::List && h.kids.size() > 1 && kid(h, 0).text == "_") theory(n, kid(h, 1).text);
            unsupported(n, "indexed or qualified identifiers");
          } else if (n.kids.size() == 1 && cur_ == &sc_) {  // solvers refuse (p), (or); proofs may write (or)
            fail(n, "(" + kid(n, 0).text + ") applies a symbol to no arguments");
          } else if (kid(n, 0).text == "let") {
            const Node& binds = kid(n, 1);
            if (binds.kind != Node::List || n.kids.size() != 3) fail(n, "malformed let");
            tasks.push_back({Task::LetBody, &n});
            for (size_t i = binds.kids.size(); i-- > 0;) {
              const Node& b = cur_->nodes[binds.kids[i]];
              if (b.kind != Node::List || b.kids.size() != 2) fail(b, "malformed let binding");
              tasks.push_back({Task::Eval, &kid(b, 1)});
            }
          } else if (kid(n, 0).text == "forall" || kid(n, 0).text == "exists") {
            const Node& vs = kid(n, 1);
            if (vs.kind != Node::List || vs.kids.empty() || n.kids.size() != 3) fail(n, "malformed quantifier");
            Task q{Task::Quant, &n};
            for (uint32_t k : vs.kids) {
              const Node& sv = cur_->nodes[k];
              if (sv.kind != Node::List || sv.kids.size() != 2) fail(sv, "expected (symbol sort)");
              q.vars.push_back(fresh(symbol(kid(sv, 0)), sort(kid(sv, 1))));
              bound_.bind(symbol(kid(sv, 0)), q.vars.back());
            }
            binders_ += vs.kids.size();
            tasks.push_back({Task::Pop, &n, vs.kids.size()});
            tasks.push_back(std::move(q));
            tasks.push_back({Task::Eval, &kid(n, 2)});
          } else if (kid(n, 0).text == "!") {
            tasks.push_back({Task::Named, &n});
            tasks.push_back({Task::Eval, &kid(n, 1)});
          } else {
            tasks.push_back({Task::Apply, &n, n.kids.size() - 1});
            for (size_t i = n.kids.size(); i-- > 1;) tasks.push_back({Task::Eval, &cur_->nodes[n.kids[i]]});
          }
          break;
        case Task::LetBody: {
          const Node& binds = kid(n, 1);
          size_t k = binds.kids.size();
          std::vector<Term> vs(vals.end() - k, vals.end());
          vals.resize(vals.size() - k);
          for (size_t i = 0; i < k; ++i) bound_.bind(symbol(kid(cur_->nodes[binds.kids[i]], 0)), vs[i]);
          tasks.push_back({Task::Pop, &n, k});
          tasks.push_back({Task::Eval, &kid(n, 2)});
          break;
        }
        case Task::Pop:
          bound_.unbind_to(bound_.depth() - t.k);
          break;
        case Task::Quant: {
          Term body = vals.back();
          vals.pop_back();
          binders_ -= t.vars.size();
          if (body.type() != boolean()) fail(n, "a quantifier body must be Bool");
          bool all = kid(n, 0).text == "forall";
          for (size_t i = t.vars.size(); i-- > 0;) {
            Type vt = t.vars[i].type();
            Term q = cnst(all ? "!" : "?", Type::fun(Type::fun(vt, boolean()), boolean()));
            body = Term::comb(q, Term::abs(t.vars[i], body));
          }
          vals.push_back(body);
          break;
        }
        case Task::Named:
          for (size_t i = 2; i + 1 < n.kids.size(); i += 2)
            if (kid(n, i).kind == Node::Keyword && kid(n, i).text == "named") {
              std::string s = symbol(kid(n, i + 1));
              if (known(s)) fail(n, "symbol " + s + " is already declared");
              for (const Term& v : binders_ ? vals.back().frees() : std::vector<Term>{})  // solvers refuse these
                if (v.name().find('|') != std::string::npos) fail(n, "the named term " + s + " has a bound variable");
              defs_.emplace(s, Def{{}, vals.back()});
              scoped_.push_back(s);
            }
          break;
        case Task::Apply: {
          std::vector<Term> args(vals.end() - t.k, vals.end());
          vals.resize(vals.size() - t.k);
          vals.push_back(apply(n, kid(n, 0).text, args));
          break;
        }
      }
    }
    return vals.back();
  }

  Term atom(const Node& n) {
    if (const Term* b = bound_.find(n.text)) return *b;
    if (extra_) {
      auto e = extra_->find(n.text);
      if (e != extra_->end()) return e->second;
    }
    if (n.text == "true") return cnst("T", boolean());
    if (n.text == "false") return cnst("F", boolean());
    auto f = funs_.find(n.text);
    if (f != funs_.end() && f->second.type().is_fun() && cur_ == &sc_) fail(n, n.text + " needs arguments");
    if (f != funs_.end()) return f->second;
    auto d = defs_.find(n.text);
    if (d != defs_.end()) {
      if (!d->second.params.empty()) fail(n, n.text + " needs arguments");
      return d->second.body;
    }
    // z3's negative numerals and decimals (-5, -2.5): the negation of the literal.
    std::string mag = n.text.substr(1);
    bool num = mag.find_first_not_of("0123456789") == std::string::npos, dec = mag.find_first_not_of("0123456789.") == std::string::npos;
    size_t dot = mag.find('.');
    if (n.text[0] == '-' && !mag.empty() && isdigit(mag[0]) && (num || (dec && dot == mag.rfind('.') && dot + 1 < mag.size()))) {
      Term m = num ? numeral(n, mag, real_numerals() ? "real" : "int") : decimal(n, mag);
      return Term::comb(cnst(m.type() == Type::op(kenv_, "int", {}) ? "int.neg" : "real.neg", Type::fun(m.type(), m.type())), m);
    }
    unknown(n, n.text);
  }

  // In a logic this version elaborates, an unknown symbol is an error in the problem; in
  // any other logic it may be a theory symbol (arithmetic, arrays, strings, ...), which
  // makes the check incomplete rather than the input wrong.
  [[noreturn]] void unknown(const Node& n, const std::string& s) {
    theory(n, s);
    if (logic_ != "QF_UF" && logic_ != "UF") unsupported(n, "the symbol " + s + " (logic " + (logic_.empty() ? "unset" : logic_) + ")");
    fail(n, "unknown symbol " + s);
  }

  Term apply(const Node& n, const std::string& f, const std::vector<Term>& a) {
    if (const Term* b = bound_.find(f)) return chain(n, *b, a);
    auto arity = [&](size_t lo) {
      if (a.size() < lo) fail(n, f + " needs at least " + std::to_string(lo) + " arguments");
    };
    auto bools = [&] {
      for (const Term& x : a)
        if (x.type() != boolean()) fail(n, "arguments of " + f + " must be Bool");
    };
    if (f == "not") {
      if (a.size() != 1) fail(n, "not takes one argument");
      bools();
      return neg(a[0]);
    }
    if (f == "and" || f == "or") {  // (and) is true, (or) is false, one argument is itself
      bools();
      if (a.empty()) return cnst(f == "and" ? "T" : "F", boolean());
      return right_nested(f == "and" ? "/\\" : "\\/", a);
    }
    if (f == "=>") {
      arity(2);
      bools();
      return right_nested("==>", a);
    }
    if (f == "xor") {  // left-associative; a xor b is ~(a = b)
      arity(2);
      bools();
      Term t = a[0];
      for (size_t i = 1; i < a.size(); ++i) t = neg(Term::eq(t, a[i]));
      return t;
    }
    if (f == "=") {  // chainable: (= a b c) is (a = b) /\ (b = c)
      arity(2);
      std::vector<Term> eqs;
      for (size_t i = 0; i + 1 < a.size(); ++i) eqs.push_back(Term::eq(a[i], a[i + 1]));
      return right_nested("/\\", eqs);
    }
    if (f == "distinct") {  // pairwise: ~(a1 = a2) /\ ~(a1 = a3) /\ ... /\ ~(an-1 = an)
      arity(2);
      std::vector<Term> ne;
      for (size_t i = 0; i < a.size(); ++i)
        for (size_t j = i + 1; j < a.size(); ++j) ne.push_back(neg(Term::eq(a[i], a[j])));
      return right_nested("/\\", ne);
    }
    if (f == "ite") {
      if (a.size() != 3) fail(n, "ite takes three arguments");
      if (a[0].type() != boolean()) fail(n, "the condition of ite must be Bool");
      Type ty = a[1].type();
      Term cond = cnst("COND", Type::fun(boolean(), Type::fun(ty, Type::fun(ty, ty))));
      return Term::comb(Term::comb(Term::comb(cond, a[0]), a[1]), a[2]);
    }
    if (Term t; arith(n, f, a, t)) return t;
    auto fn = funs_.find(f);
    if (fn != funs_.end()) return chain(n, fn->second, a);
    if ((f == "select" || f == "store") && !defs_.count(f)) {  // ArraysEx (theory arrays)
      if (a.size() != (f == "select" ? 2u : 3u)) fail(n, f + " takes " + (f == "select" ? "2" : "3") + " arguments");
      Type ar = a[0].type();
      if (ar.is_var() || ar.name() != "array") fail(n, "the first argument of " + f + " must be an array");
      Type ie = Type::fun(ar.args()[0], ar.args()[1]);
      return chain(n, cnst(("array." + f).c_str(), f == "select" ? Type::fun(ar, ie) : Type::fun(ar, Type::fun(ar.args()[0], Type::fun(ar.args()[1], ar)))), a);
    }
    auto d = defs_.find(f);
    if (d != defs_.end()) {
      if (d->second.params.size() != a.size()) fail(n, f + " takes " + std::to_string(d->second.params.size()) + " arguments");
      std::vector<std::pair<Term, Term>> theta;
      for (size_t i = 0; i < a.size(); ++i) theta.push_back({d->second.params[i], a[i]});
      return d->second.body.subst(theta);
    }
    unknown(n, f);
  }

  // In logics of the reals alone, numerals denote reals (SMT-LIB's Reals theory); in
  // every other logic they denote integers.
  bool real_numerals() const {
    auto has = [&](const char* x) { return logic_.find(x) != std::string::npos; };
    bool reals = has("LRA") || has("NRA") || has("RDL");
    bool ints = has("LIA") || has("NIA") || has("IDL") || has("LIRA") || has("NIRA");
    return reals && !ints;
  }

  // A numeral in binary: 0 and 1 are constants, then each further bit (most significant
  // first) applies bit0 (x + x) or bit1 (x + x + 1) to what was read so far.
  Term numeral(const Node& n, const std::string& digits, const std::string& p) {
    Type ty = Type::op(kenv_, p, {});
    mpz_class v;  // freed also when the deadline below throws
    if (v.set_str(digits, 10) != 0) fail(n, "bad numeral");
    Term t = cnst((p + (sgn(v) == 0 ? ".0" : ".1")).c_str(), ty);
    if (sgn(v) != 0) {
      Term b0 = cnst((p + ".bit0").c_str(), Type::fun(ty, ty)), b1 = cnst((p + ".bit1").c_str(), Type::fun(ty, ty));
      for (size_t i = mpz_sizeinbase(v.get_mpz_t(), 2) - 1; i-- > 0;) {
        poll_deadline();  // a numeral of 10^7 digits is 3 * 10^7 applications
        t = Term::comb(mpz_tstbit(v.get_mpz_t(), i) ? b1 : b0, t);
      }
    }
    return t;
  }
  // d.f with k digits after the point is (df / 10^k) over the reals.
  Term decimal(const Node& n, const std::string& text) {
    size_t dot = text.find('.');
    std::string whole = text.substr(0, dot) + text.substr(dot + 1);
    std::string denom = "1" + std::string(text.size() - dot - 1, '0');
    Type r = Type::op(kenv_, "real", {});
    return Term::comb(Term::comb(cnst("real./", Type::fun(r, Type::fun(r, r))), numeral(n, whole, "real")),
                      numeral(n, denom, "real"));
  }

  // Ints and Reals operators; false when f is not one. Arguments must all have one
  // arithmetic sort, which picks the theory (int.+ or real.+, ...).
  bool arith(const Node& n, const std::string& f, const std::vector<Term>& a, Term& out) {
    static const char* ops[] = {"+", "-", "*", "/", "div", "mod", "abs", "<=", "<", ">=", ">", "to_real", "to_int", "is_int"};
    bool is_op = false;
    for (const char* o : ops) is_op = is_op || f == o;
    if (!is_op) return false;
    if (a.empty()) fail(n, f + " needs arguments");
    Type ty = a[0].type();
    Type it = Type::op(kenv_, "int", {}), rt = Type::op(kenv_, "real", {});
    if (ty != it && ty != rt) fail(n, "arguments of " + f + " must be Int or Real");
    for (const Term& x : a)
      if (x.type() != ty) fail(n, "arguments of " + f + " must all have the same sort");
    std::string p = ty == it ? "int." : "real.";
    auto one = [&](const char* c, Type res) { return cnst(c, Type::fun(ty, res)); };
    auto op = [&](const std::string& c, Type res) { return cnst((p + c).c_str(), Type::fun(ty, Type::fun(ty, res))); };
    auto unary = [&](size_t k) {
      if (a.size() != k) fail(n, f + " takes " + std::to_string(k) + " argument(s)");
    };
    auto left = [&](Term o) {  // left-associative: ((a1 o a2) o a3) ...
      if (a.size() < 2) fail(n, f + " needs at least 2 arguments");
      Term t = a[0];
      for (size_t i = 1; i < a.size(); ++i) t = Term::comb(Term::comb(o, t), a[i]);
      return t;
    };
    if (f == "to_real" || f == "to_int" || f == "is_int") {
      unary(1);
      if ((f == "to_real") != (ty == it)) fail(n, f + " has the wrong argument sort");
      out = Term::comb(f == "to_real" ? one("to_real", rt) : f == "to_int" ? one("to_int", it) : one("is_int", boolean()), a[0]);
    } else if (f == "+" || f == "*") {
      out = left(op(f, ty));
    } else if (f == "-") {
      out = a.size() == 1 ? Term::comb(cnst((p + "neg").c_str(), Type::fun(ty, ty)), a[0]) : left(op("-", ty));
    } else if (f == "/") {
      if (ty != rt) fail(n, "/ is division of reals");
      out = left(op("/", ty));
    } else if (f == "div" || f == "mod") {
      if (ty != it) fail(n, f + " is integer division");
      if (f == "mod") unary(2);  // SMT-LIB's Ints: div is left-associative, mod binary
      out = left(op(f, ty));
    } else if (f == "abs") {
      if (ty != it) fail(n, "abs is on integers");
      unary(1);
      out = Term::comb(cnst("int.abs", Type::fun(ty, ty)), a[0]);
    } else {  // chainable comparisons; a >= b is b <= a, a > b is b < a
      if (a.size() < 2) fail(n, f + " needs at least 2 arguments");
      bool swap = f == ">=" || f == ">";
      Term rel = op(f == "<=" || f == ">=" ? "<=" : "<", boolean());
      std::vector<Term> cmps;
      for (size_t i = 0; i + 1 < a.size(); ++i)
        cmps.push_back(swap ? Term::comb(Term::comb(rel, a[i + 1]), a[i]) : Term::comb(Term::comb(rel, a[i]), a[i + 1]));
      out = right_nested("/\\", cmps);
    }
    return true;
  }

  Term chain(const Node& n, Term f, const std::vector<Term>& a) {
    try {
      for (const Term& x : a) f = Term::comb(f, x);
      return f;
    } catch (const KernelError& e) {
      fail(n, std::string("ill-sorted application: ") + e.what());
    }
  }

  const smt::Script& sc_;
  const smt::Script* cur_;  // the script whose nodes term() reads (the problem, or a proof's)
  const std::unordered_map<std::string, Term>* extra_ = nullptr;  // a proof's let names
  std::unordered_map<std::string, Term> funs_;
  std::unordered_map<std::string, Def> defs_;
  std::unordered_map<std::string, Type> sorts_;
  std::unordered_map<std::string, SortDef> sort_defs_;
  std::vector<std::pair<std::string, Type>> sort_params_;  // a define-sort's, in its body
  std::vector<std::string> scoped_;  // the symbols declared or defined, in order (for pop)
  std::vector<Scope> scopes_;        // the push levels
  ScopedNames<Term> bound_;  // let- and quantifier-bound names and define-fun parameters
  uint64_t counter_ = 0;
  size_t binders_ = 0;  // quantified variables and define-fun parameters in scope
  std::string logic_;
  const Env& kenv_;  // the kernel environment the terms are checked in
};

}  // namespace

struct SmtContext::Impl {
  Impl(const Env& e, const smt::Script& sc) : env(e), script(sc), elab(env, script) {}
  const Env& env;
  smt::Script script;
  Elaborator elab;
  Problem problem;
};

SmtContext::SmtContext(const Env& env, const smt::Script& sc) : impl_(std::make_unique<Impl>(env, sc)) {
  try {
    impl_->problem = impl_->elab.run();
  } catch (const KernelError& e) {
    throw Failure(Outcome::InputError, std::string("problem: ill-sorted term: ") + e.what());
  }
}
SmtContext::~SmtContext() = default;
const Problem& SmtContext::problem() const { return impl_->problem; }
const Env& SmtContext::env() const { return impl_->env; }
Term SmtContext::term(const smt::Script& s, uint32_t node, const std::unordered_map<std::string, Term>& names) {
  try {
    return impl_->elab.external(s, node, names);
  } catch (const KernelError& e) {
    throw Failure(Outcome::Rejected, std::string("ill-sorted term: ") + e.what());
  }
}

Problem elaborate(const Env& env, const smt::Script& sc) {
  try {
    return Elaborator(env, sc).run();
  } catch (const KernelError& e) {
    throw Failure(Outcome::InputError, std::string("problem: ill-sorted term: ") + e.what());
  }
}

}  // namespace hcert::check
