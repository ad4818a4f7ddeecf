#include "tools/demo_solver/formula.hpp"

#include <unordered_map>

namespace demo {

namespace {

// How each SMT-LIB function symbol the solver knows is elaborated: the operator, and what
// its arguments must be.
enum class ArgKind : uint8_t { Bool, Arith, Same };  // Same: `=`, `distinct`, `ite` decide
struct OpInfo {
  Op op;
  ArgKind args;
  uint32_t min_args, max_args;
};
const std::unordered_map<std::string, OpInfo>& op_table() {
  static const std::unordered_map<std::string, OpInfo> table = {
      {"not", {Op::Not, ArgKind::Bool, 1, 1}},
      {"and", {Op::And, ArgKind::Bool, 1, UINT32_MAX}},
      {"or", {Op::Or, ArgKind::Bool, 1, UINT32_MAX}},
      {"=>", {Op::Implies, ArgKind::Bool, 2, UINT32_MAX}},
      {"xor", {Op::Xor, ArgKind::Bool, 2, UINT32_MAX}},
      {"=", {Op::Iff, ArgKind::Same, 2, 2}},
      {"distinct", {Op::Not, ArgKind::Same, 2, 2}},
      {"ite", {Op::Ite, ArgKind::Same, 3, 3}},
      {"<=", {Op::Le, ArgKind::Arith, 2, 2}},
      {"<", {Op::Lt, ArgKind::Arith, 2, 2}},
      {">=", {Op::Ge, ArgKind::Arith, 2, 2}},
      {">", {Op::Gt, ArgKind::Arith, 2, 2}},
      {"+", {Op::Add, ArgKind::Arith, 2, UINT32_MAX}},
      {"-", {Op::Sub, ArgKind::Arith, 1, UINT32_MAX}},
      {"*", {Op::Mul, ArgKind::Arith, 2, UINT32_MAX}},
      {"/", {Op::Div, ArgKind::Arith, 2, 2}},
  };
  return table;
}

constexpr size_t MaxPrinted = size_t(64) << 20;

const char* op_name(Op op) {
  switch (op) {
    case Op::Not: return "not";
    case Op::And: return "and";
    case Op::Or: return "or";
    case Op::Implies: return "=>";
    case Op::Xor: return "xor";
    case Op::Iff: case Op::ArithEq: return "=";
    case Op::Ite: return "ite";
    case Op::Le: return "<=";
    case Op::Lt: return "<";
    case Op::Ge: return ">=";
    case Op::Gt: return ">";
    case Op::Add: return "+";
    case Op::Sub: case Op::Neg: return "-";
    case Op::Mul: return "*";
    case Op::Div: return "/";
    default: return "?";
  }
}

bool simple_symbol(const std::string& s) {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
  for (char c : s)
    if (!symbol_char(c)) return false;
  return true;
}

// The elaboration of a script, iterative over the s-expressions: a stack of frames, each
// a node and how far it is; values (term ids) on a second stack.
class Elaborator {
 public:
  explicit Elaborator(const SScript& s) : s_(s) {}

  Problem run() {
    for (uint32_t c : s_.commands) {
      const SNode& cmd = s_.nodes[c];
      if (cmd.kids.empty() || kid(cmd, 0).kind != SNode::Symbol) throw InputError(cmd.line, "expected a command");
      const std::string& name = kid(cmd, 0).text;
      if (name == "set-logic") {
        need(cmd, 2);
        p_.logic = kid(cmd, 1).text;
      } else if (name == "set-info") {
        if (cmd.kids.size() >= 3 && kid(cmd, 1).text == ":status") p_.status = kid(cmd, 2).text;
      } else if (name == "set-option") {
      } else if (name == "declare-fun" || name == "declare-const") {
        bool fun = name == "declare-fun";
        need(cmd, fun ? 4 : 3);
        if (fun && !kid(cmd, 2).kids.empty()) throw Unsupported(cmd.line, "functions with arguments");
        declare(cmd, kid(cmd, 1).text, sort(kid(cmd, fun ? 3 : 2)));
      } else if (name == "define-fun") {
        need(cmd, 5);
        if (!kid(cmd, 2).kids.empty()) throw Unsupported(cmd.line, "define-fun with parameters");
        uint32_t t = elaborate(cmd.kids[4]);
        if (p_[t].sort != sort(kid(cmd, 3))) throw InputError(cmd.line, "define-fun: the body's sort is not the declared one");
        if (symbols_.count(kid(cmd, 1).text)) throw InputError(cmd.line, "'" + kid(cmd, 1).text + "' declared twice");
        symbols_[kid(cmd, 1).text] = t;
      } else if (name == "assert") {
        need(cmd, 2);
        uint32_t t = elaborate(cmd.kids[1]);
        if (p_[t].sort != Sort::Bool) throw InputError(cmd.line, "an assertion must be Bool");
        p_.assertions.push_back(t);
        p_.assertion_lines.push_back(cmd.line);
      } else if (name == "check-sat") {
        checked_ = true;
        break;
      } else if (name == "exit") {
        break;
      } else if (name == "push" || name == "pop" || name == "check-sat-assuming" || name == "reset" ||
                 name == "declare-sort" || name == "define-sort" || name == "declare-datatypes" ||
                 name == "define-fun-rec") {
        throw Unsupported(cmd.line, "the command '" + name + "'");
      } else if (name == "get-model" || name == "get-value" || name == "get-proof" || name == "echo" ||
                 name == "get-info" || name == "get-unsat-core" || name == "get-assignment") {
      } else {
        throw InputError(cmd.line, "unknown command '" + name + "'");
      }
    }
    if (!checked_) throw InputError(s_.commands.empty() ? 1 : s_.nodes[s_.commands.back()].line, "no check-sat");
    return std::move(p_);
  }

 private:
  const SNode& kid(const SNode& n, size_t i) const { return s_.nodes[n.kids[i]]; }
  void need(const SNode& n, size_t k) const {
    if (n.kids.size() != k) throw InputError(n.line, "'" + kid(n, 0).text + "' expects " + std::to_string(k - 1) + " argument(s)");
  }
  Sort sort(const SNode& n) const {
    if (n.kind == SNode::Symbol && n.text == "Bool") return Sort::Bool;
    if (n.kind == SNode::Symbol && n.text == "Int") return Sort::Int;
    if (n.kind == SNode::Symbol && n.text == "Real") return Sort::Real;
    throw Unsupported(n.line, "sorts other than Bool, Int and Real");
  }
  void declare(const SNode& cmd, const std::string& name, Sort s) {
    if (symbols_.count(name)) throw InputError(cmd.line, "'" + name + "' declared twice");
    Term t{s == Sort::Bool ? Op::BoolVar : Op::ArithVar, s, {}, name, 0};
    p_.has_int |= s == Sort::Int;
    p_.has_real |= s == Sort::Real;
    symbols_[name] = make(std::move(t));
  }

  uint32_t make(Term t) { return p_.intern(std::move(t)); }

  // The sort two arithmetic arguments share: Int and Real mix only through numerals
  // (a numeral beside a Real term is read as a Real, as the SMT-LIB benchmarks write).
  Sort arith_sort(const SNode& at, const std::vector<uint32_t>& args) {
    bool any_int = false, any_real = false;
    for (uint32_t a : args) {
      const Term& t = p_[a];
      if (t.sort == Sort::Bool) throw InputError(at.line, "an arithmetic operator applied to a Bool term");
      bool literal = t.numeric && t.sort == Sort::Int;
      if (t.sort == Sort::Real) any_real = true;
      else if (!literal) any_int = true;
    }
    if (any_int && any_real) throw Unsupported(at.line, "terms mixing Int and Real");
    return any_real ? Sort::Real : Sort::Int;
  }

  uint32_t apply(const SNode& at, const std::string& head, std::vector<uint32_t> args) {
    auto it = op_table().find(head);
    if (it == op_table().end()) throw Unsupported(at.line, "the function symbol '" + head + "'");
    const OpInfo& info = it->second;
    if (args.size() < info.min_args || args.size() > info.max_args)
      throw InputError(at.line, "'" + head + "' applied to " + std::to_string(args.size()) + " argument(s)");
    Term t{info.op, Sort::Bool, args, {}, 0};
    switch (info.args) {
      case ArgKind::Bool:
        for (uint32_t a : args)
          if (p_[a].sort != Sort::Bool) throw InputError(at.line, "'" + head + "' expects Bool arguments");
        break;
      case ArgKind::Arith: {
        Sort s = arith_sort(at, args);
        if (info.op == Op::Add || info.op == Op::Sub || info.op == Op::Mul || info.op == Op::Div) {
          t.sort = info.op == Op::Div ? Sort::Real : s;
          t.numeric = true;
          for (uint32_t a : args) t.numeric = t.numeric && p_[a].numeric;
          if (info.op == Op::Sub && args.size() == 1) t.op = Op::Neg;
          if (info.op == Op::Div && !(p_[args[1]].op == Op::Num && p_[args[1]].value != 0))
            throw Unsupported(at.line, "division by a term other than a non-zero constant");
          if (info.op == Op::Div && p_[args[0]].op == Op::Num) {  // a rational constant
            t = Term{Op::Num, Sort::Real, args, {}, p_[args[0]].value / p_[args[1]].value};
            t.numeric = true;
          }
        }
        break;
      }
      case ArgKind::Same: {
        size_t first = info.op == Op::Ite ? 1 : 0;
        if (info.op == Op::Ite && p_[args[0]].sort != Sort::Bool) throw InputError(at.line, "ite: the condition must be Bool");
        bool boolean = p_[args[first]].sort == Sort::Bool;
        for (size_t i = first; i < args.size(); ++i)
          if ((p_[args[i]].sort == Sort::Bool) != boolean) throw InputError(at.line, "'" + head + "': arguments of different sorts");
        if (!boolean && info.op == Op::Ite) {  // an arithmetic ite: named in the trace, lifted by lemmas
          t.sort = arith_sort(at, {args[1], args[2]});
          t.numeric = p_[args[1]].numeric && p_[args[2]].numeric;
        } else if (!boolean) {
          arith_sort(at, args);
          t.op = Op::ArithEq;
        }
        if (head == "distinct") {  // (distinct a b) is (not (= a b))
          Term eq{boolean ? Op::Iff : Op::ArithEq, Sort::Bool, args, {}, 0};
          t = Term{Op::Not, Sort::Bool, {make(std::move(eq))}, {}, 0};
        }
        break;
      }
    }
    return make(std::move(t));
  }

  uint32_t atom(const SNode& n) {
    if (n.kind == SNode::Numeral || n.kind == SNode::Decimal) {
      Term t{Op::Num, n.kind == SNode::Decimal ? Sort::Real : Sort::Int, {}, {}, 0};
      t.numeric = true;
      if (n.kind == SNode::Numeral) {
        t.value = mpq_class(mpz_class(n.text));
      } else {
        size_t dot = n.text.find('.');
        std::string digits = n.text.substr(0, dot) + n.text.substr(dot + 1);
        mpz_class den;
        mpz_ui_pow_ui(den.get_mpz_t(), 10, n.text.size() - dot - 1);
        t.value = mpq_class(mpz_class(digits), den);
        t.value.canonicalize();
        t.decimal = true;
      }
      return make(std::move(t));
    }
    if (n.kind != SNode::Symbol) throw Unsupported(n.line, "literals other than numerals and decimals");
    auto b = bound_.find(n.text);
    if (b != bound_.end() && !b->second.empty()) return b->second.back();
    if (n.text == "true") return make(Term{Op::True, Sort::Bool, {}, {}, 0});
    if (n.text == "false") return make(Term{Op::False, Sort::Bool, {}, {}, 0});
    auto d = symbols_.find(n.text);
    if (d == symbols_.end()) throw InputError(n.line, "unknown symbol '" + n.text + "'");
    return d->second;
  }

  // Why frames: terms nest thousands deep (let chains); the native stack must not.
  struct Frame {
    uint32_t node;
    uint8_t stage;
  };

  uint32_t elaborate(uint32_t root) {
    std::vector<Frame> stack{{root, 0}};
    std::vector<uint32_t> values;
    while (!stack.empty()) {
      Frame& f = stack.back();
      const SNode& n = s_.nodes[f.node];
      if (n.kind != SNode::List) {
        values.push_back(atom(n));
        stack.pop_back();
        continue;
      }
      if (n.kids.empty()) throw InputError(n.line, "empty application '()'");
      const SNode& head = kid(n, 0);
      if (head.kind != SNode::Symbol) throw Unsupported(n.line, "indexed or qualified identifiers");
      if (head.text == "let") {
        if (n.kids.size() != 3 || kid(n, 1).kind != SNode::List || kid(n, 1).kids.empty())
          throw InputError(n.line, "malformed let");
        const SNode& binds = kid(n, 1);
        if (f.stage == 0) {
          f.stage = 1;
          for (size_t i = binds.kids.size(); i-- > 0;) {
            const SNode& b = s_.nodes[binds.kids[i]];
            if (b.kind != SNode::List || b.kids.size() != 2 || kid(b, 0).kind != SNode::Symbol)
              throw InputError(b.line, "malformed let binding");
            stack.push_back({b.kids[1], 0});
          }
        } else if (f.stage == 1) {  // the bound values are on the stack, in order
          f.stage = 2;
          size_t base = values.size() - binds.kids.size();
          for (size_t i = 0; i < binds.kids.size(); ++i)
            bound_[kid(s_.nodes[binds.kids[i]], 0).text].push_back(values[base + i]);
          values.resize(base);
          stack.push_back({n.kids[2], 0});
        } else {
          for (uint32_t b : binds.kids) bound_[kid(s_.nodes[b], 0).text].pop_back();
          stack.pop_back();
        }
        continue;
      }
      if (head.text == "!") {  // annotations (:named ...) change nothing here
        if (n.kids.size() < 2) throw InputError(n.line, "malformed annotation");
        uint32_t body = n.kids[1];
        stack.pop_back();
        stack.push_back({body, 0});
        continue;
      }
      if (head.text == "forall" || head.text == "exists" || head.text == "match")
        throw Unsupported(n.line, "quantifiers and match");
      if (f.stage == 0) {
        f.stage = 1;
        uint32_t node = f.node;
        for (size_t i = s_.nodes[node].kids.size(); i-- > 1;) stack.push_back({s_.nodes[node].kids[i], 0});
        continue;
      }
      size_t k = n.kids.size() - 1;
      std::vector<uint32_t> args(values.end() - k, values.end());
      values.resize(values.size() - k);
      uint32_t v = apply(n, head.text, std::move(args));
      stack.pop_back();
      values.push_back(v);
    }
    return values.back();
  }

  const SScript& s_;
  Problem p_;
  bool checked_ = false;
  std::unordered_map<std::string, uint32_t> symbols_;
  std::unordered_map<std::string, std::vector<uint32_t>> bound_;
};

}  // namespace

uint32_t Problem::intern(Term t) {
  std::string key;
  key += char(t.op);
  key += char(t.sort);
  for (uint32_t a : t.args)
    for (int shift = 0; shift < 32; shift += 8) key += char((a >> shift) & 0xff);
  key += t.name;
  if (t.op == Op::Num) key += t.value.get_str() + (t.decimal ? "d" : "n");
  auto [it, fresh] = unique.emplace(std::move(key), uint32_t(terms.size()));
  if (fresh) terms.push_back(std::move(t));
  return it->second;
}

bool Problem::is_atom(uint32_t t) const {
  Op op = terms[t].op;
  return op == Op::Le || op == Op::Lt || op == Op::Ge || op == Op::Gt || op == Op::ArithEq;
}

std::string Problem::print(uint32_t root) const {
  std::unordered_map<uint32_t, std::string> done;
  static const std::vector<uint32_t> leaf;
  auto children = [&](uint32_t t) -> const std::vector<uint32_t>& {
    return named.count(t) || terms[t].op == Op::Num ? leaf : terms[t].args;
  };
  auto visit = [&](uint32_t t) {
    const Term& x = terms[t];
    if (auto n = named.find(t); n != named.end()) {
      done[t] = n->second;
      return;
    }
    std::string s;
    switch (x.op) {
      case Op::True: s = "true"; break;
      case Op::False: s = "false"; break;
      case Op::BoolVar: case Op::ArithVar: s = simple_symbol(x.name) ? x.name : "|" + x.name + "|"; break;
      case Op::Num:
        if (!x.args.empty()) {  // a constant division, as written
          s = "(/ " + print(x.args[0]) + " " + print(x.args[1]) + ")";
        } else if (x.decimal) {
          mpz_class den = x.value.get_den(), num = x.value.get_num(), scale = 1;
          size_t places = 0;
          while (scale % den != 0) scale *= 10, ++places;
          mpz_class digits = num * (scale / den);
          std::string d = digits.get_str();
          if (places == 0) {
            s = d + ".0";
          } else {
            while (d.size() <= places) d = "0" + d;
            s = d.substr(0, d.size() - places) + "." + d.substr(d.size() - places);
          }
        } else {
          s = x.value.get_str();
        }
        break;
      default:
        s = std::string("(") + op_name(x.op);
        for (uint32_t a : x.args) s += " " + done[a];
        s += ")";
    }
    // Shared subterms are printed in full each time: a hostile DAG could double per level.
    if (s.size() > MaxPrinted) throw Unsupported(0, "a term whose SMT-LIB text exceeds 64 MiB (shared subterms printed in full)");
    done[t] = std::move(s);
  };
  post_order({root}, children, [&](uint32_t t) { return done.count(t) > 0; }, visit);
  return done[root];
}

Linear Problem::difference(uint32_t atom) const {
  // Each node's form computed once, children first; an arithmetic ite is a variable to the
  // theory (clausify.cpp), so its branches are not read.
  std::unordered_map<uint32_t, Linear> form;
  static const std::vector<uint32_t> leaf;
  auto children = [&](uint32_t t) -> const std::vector<uint32_t>& {
    return terms[t].op == Op::Num || terms[t].op == Op::Ite ? leaf : terms[t].args;
  };
  auto visit = [&](uint32_t t) {
    const Term& x = terms[t];
    if (x.op == Op::Ite) {
      form[t].coef[t] = 1;
      return;
    }
    Linear l;
    auto add = [&](const Linear& o, const mpq_class& k) {
      for (auto& [v, c] : o.coef) {
        mpq_class& r = l.coef[v];
        r += k * c;
        if (r == 0) l.coef.erase(v);
      }
      l.constant += k * o.constant;
    };
    switch (x.op) {
      case Op::ArithVar: l.coef[t] = 1; break;
      case Op::Num: l.constant = x.value; break;
      case Op::Add: for (uint32_t a : x.args) add(form[a], 1); break;
      case Op::Neg: add(form[x.args[0]], -1); break;
      case Op::Sub:
        add(form[x.args[0]], 1);
        for (size_t i = 1; i < x.args.size(); ++i) add(form[x.args[i]], -1);
        break;
      case Op::Mul: {
        l.constant = 1;
        for (uint32_t a : x.args) {
          const Linear& f = form[a];
          if (f.coef.empty()) {
            for (auto& [v, c] : l.coef) c *= f.constant;
            l.constant *= f.constant;
          } else if (l.coef.empty()) {
            mpq_class k = l.constant;
            l = Linear{};
            add(f, k);
          } else {
            throw Unsupported(0, "non-linear multiplication in " + print(atom));
          }
        }
        for (auto it = l.coef.begin(); it != l.coef.end();) it = it->second == 0 ? l.coef.erase(it) : std::next(it);
        break;
      }
      case Op::Div: add(form[x.args[0]], 1 / terms[x.args[1]].value); break;
      default: throw Unsupported(0, "a non-arithmetic term inside " + print(atom));
    }
    form[t] = std::move(l);
  };
  post_order(terms[atom].args, children, [&](uint32_t t) { return form.count(t) > 0; }, visit);
  Linear out;
  const Linear& lhs = form[terms[atom].args[0]];
  const Linear& rhs = form[terms[atom].args[1]];
  out = lhs;
  for (auto& [v, c] : rhs.coef) {
    mpq_class& r = out.coef[v];
    r -= c;
    if (r == 0) out.coef.erase(v);
  }
  out.constant -= rhs.constant;
  return out;
}

Problem read_problem(const std::string& text) {
  SScript s = parse_sexprs(text);
  return Elaborator(s).run();
}

}  // namespace demo
