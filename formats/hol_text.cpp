#include "formats/hol_text.hpp"

#include <unordered_set>
#include <variant>
#include <vector>

namespace hcert::text {

// Explicit byte sets, never the locale's classes: input may hold any byte (see ANCHORS 13).
static bool atom_char(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '_': case '.': case '+': case '*': case '/': case '<': case '>': case '=': case '!':
    case '?': case '~': case '^': case '&': case '%': case '$': case '@': case '#': case ':':
    case '-':
      return true;
    default:
      return false;
  }
}
static bool space_char(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string print_name(const std::string& name) {
  bool plain = !name.empty();
  for (unsigned char c : name) plain = plain && atom_char(c);
  if (plain) return name;
  std::string out = "|";
  for (char c : name) {
    if (c == '|' || c == '\\') out += '\\';
    out += c;
  }
  return out + "|";
}

// ---- printer -------------------------------------------------------------------------------

namespace {
// A work item: text to emit, a type to print, or a term to print at a binder depth.
struct Item {
  std::variant<std::string, Type, Term> what;
  uint32_t depth = 0;
};

class Printer {
 public:
  size_t limit = 0;  // 0: no limit
  // The free variables' names are taken only when the first binder is named: a brief
  // print of a large formula without binders (a CNF's conjunction) never walks all of it.
  explicit Printer(const Term* t) : whole_(t) {}
  void run(std::vector<Item> stack) {
    while (!stack.empty()) {
      if (limit && out.size() > limit) {
        out.resize(limit);
        out += " ...";
        return;
      }
      Item it = std::move(stack.back());
      stack.pop_back();
      if (auto* s = std::get_if<std::string>(&it.what)) {
        out += *s;
      } else if (auto* ty = std::get_if<Type>(&it.what)) {
        if (ty->is_var()) {
          out += "'" + print_name(ty->name());
        } else if (ty->args().empty()) {
          out += print_name(ty->name());
        } else {
          out += "(" + print_name(ty->name());
          stack.push_back({std::string(")")});
          for (size_t i = ty->args().size(); i-- > 0;) {
            stack.push_back({ty->args()[i]});
            stack.push_back({std::string(" ")});
          }
        }
      } else {
        term(std::get<Term>(it.what), it.depth, stack);
      }
    }
  }
  std::string out;

 private:
  const std::string& binder(uint32_t depth) {
    if (whole_) {
      for (const Term& v : whole_->frees()) taken_.insert(v.name());
      whole_ = nullptr;
    }
    while (names_.size() <= depth) {
      std::string n;
      do n = "x" + std::to_string(counter_++);
      while (taken_.count(n));
      names_.push_back(n);
    }
    return names_[depth];
  }
  void term(const Term& t, uint32_t d, std::vector<Item>& stack) {
    switch (t.kind()) {
      case TermKind::Var:
      case TermKind::Const:
        out += (t.kind() == TermKind::Var ? "(v " : "(c ") + print_name(t.name()) + " ";
        stack.push_back({std::string(")")});
        stack.push_back({t.type()});
        break;
      case TermKind::Bound:
        if (t.bound_index() >= d) {  // a raw body (Term::body()): not a term, but printable
          out += "(loose " + std::to_string(t.bound_index() - d) + " ";
          stack.push_back({std::string(")")});
          stack.push_back({t.type()});
          break;
        }
        out += "(v " + print_name(binder(d - 1 - t.bound_index())) + " ";
        stack.push_back({std::string(")")});
        stack.push_back({t.type()});
        break;
      case TermKind::Comb:
        out += "(";
        stack.push_back({std::string(")")});
        stack.push_back({t.rand(), d});
        stack.push_back({std::string(" ")});
        stack.push_back({t.rator(), d});
        break;
      case TermKind::Abs:
        out += "(\\ " + print_name(binder(d)) + " ";
        stack.push_back({std::string(")")});
        stack.push_back({t.body(), d + 1});
        stack.push_back({std::string(" ")});
        stack.push_back({t.bound_type()});
        break;
    }
  }
  const Term* whole_;  // whose free names are not yet in taken_
  std::unordered_set<std::string> taken_;
  std::vector<std::string> names_;
  size_t counter_ = 0;
};
}  // namespace

std::string print(const Type& ty) {
  Printer p(nullptr);
  p.run({{ty}});
  return p.out;
}

std::string print(const Term& t) {
  Printer p(&t);
  p.run({{t, 0}});
  return p.out;
}

std::string print_brief(const Term& t, size_t limit) {
  Printer p(&t);
  p.limit = limit;
  p.run({{t, 0}});
  return p.out;
}

std::string print_brief(const Thm& th, size_t limit) {
  std::string out = "(thm (";
  for (size_t i = 0; i < th.hyps().size() && out.size() < limit; ++i)
    out += (i ? " " : "") + print_brief(th.hyps()[i], limit - std::min(limit, out.size()) + 1);
  if (out.size() >= limit) return out.substr(0, limit) + " ...";
  return out + ") " + print_brief(th.concl(), limit - std::min(limit, out.size()) + 1) + ")";
}

std::string print(const Thm& th) {
  std::string out = "(thm (";
  for (size_t i = 0; i < th.hyps().size(); ++i) out += (i ? " " : "") + print(th.hyps()[i]);
  return out + ") " + print(th.concl()) + ")";
}

// ---- parser --------------------------------------------------------------------------------

void Reader::skip_space() {
  while (pos_ < s_.size() && space_char(s_[pos_])) ++pos_;
}
bool Reader::at_end() {
  skip_space();
  return pos_ >= s_.size();
}
bool Reader::peek(char c) {
  skip_space();
  return pos_ < s_.size() && s_[pos_] == c;
}
void Reader::expect(char c) {
  if (!peek(c)) fail(std::string("expected '") + c + "'");
  ++pos_;
}

std::string Reader::name() {
  skip_space();
  if (pos_ >= s_.size()) fail("expected a name, found end of input");
  std::string out;
  if (s_[pos_] == '|') {
    size_t start = pos_++;
    for (;;) {
      if (pos_ >= s_.size()) throw ParseError(base_ + start, "unterminated quoted name");
      char c = s_[pos_++];
      if (c == '|') break;
      if (c == '\\') {
        if (pos_ >= s_.size() || (s_[pos_] != '|' && s_[pos_] != '\\')) fail("bad escape in quoted name");
        c = s_[pos_++];
      }
      out += c;
    }
    return out;  // may be empty: the kernel decides which names it accepts
  }
  while (pos_ < s_.size() && atom_char(s_[pos_])) out += s_[pos_++];
  if (out.empty()) fail("expected a name");
  return out;
}

// Kernel refusals (arity, type mismatch) become parse errors at the construct's offset.
template <class F>
static auto at(size_t off, F f) -> decltype(f()) {
  try {
    return f();
  } catch (const KernelError& e) {
    throw ParseError(off, e.what());
  }
}

Type Reader::type() {
  // Iterative: each frame is an open "(NAME" with the arguments read so far.
  struct Frame {
    std::string op;
    std::vector<Type> args;
    size_t off;
  };
  std::vector<Frame> stack;
  for (;;) {
    Type done;
    skip_space();
    size_t off = offset();
    if (peek('\'')) {
      ++pos_;
      std::string n = name();
      done = at(off, [&] { return Type::var(n); });
    } else if (peek('(')) {
      ++pos_;
      stack.push_back({name(), {}, off});
      continue;
    } else {
      std::string n = name();
      done = at(off, [&] { return Type::op(env_, n, {}); });
    }
    for (;;) {
      if (stack.empty()) return done;
      stack.back().args.push_back(done);
      if (!peek(')')) break;
      ++pos_;
      Frame f = std::move(stack.back());
      stack.pop_back();
      done = at(f.off, [&] { return Type::op(env_, f.op, f.args); });
    }
  }
}

Term Reader::term() {
  // Iterative: a frame is an open application (waiting for one or two terms) or an open
  // abstraction (waiting for its body).
  struct Frame {
    enum { Fun, Arg, Body } kind;
    Term held;  // Arg: the function; Body: the bound variable
    size_t off;
  };
  std::vector<Frame> stack;
  for (;;) {
    Term done;
    skip_space();
    size_t off = offset();
    expect('(');
    skip_space();
    bool leaf = false;
    if (pos_ < s_.size() && (s_[pos_] == 'v' || s_[pos_] == 'c') &&
        (pos_ + 1 >= s_.size() || !atom_char(s_[pos_ + 1]))) {
      bool is_var = s_[pos_++] == 'v';
      std::string n = name();
      Type ty = type();
      expect(')');
      done = at(off, [&] { return is_var ? Term::var(n, ty) : Term::constant(env_, n, ty); });
      leaf = true;
    } else if (peek('\\')) {
      ++pos_;
      std::string n = name();
      Type ty = type();
      stack.push_back({Frame::Body, Term::var(n, ty), off});
    } else {
      stack.push_back({Frame::Fun, Term(), off});
    }
    if (!leaf) continue;
    for (;;) {
      if (stack.empty()) return done;
      Frame& f = stack.back();
      if (f.kind == Frame::Fun) {
        f.kind = Frame::Arg;
        f.held = done;
        break;
      }
      expect(')');
      if (f.kind == Frame::Arg)
        done = at(f.off, [&] { return Term::comb(f.held, done); });
      else
        done = at(f.off, [&] { return Term::abs(f.held, done); });
      stack.pop_back();
    }
  }
}

Type parse_type(const Env& env, std::string_view s) {
  Reader r(env, s);
  Type t = r.type();
  if (!r.at_end()) r.fail("trailing text after type");
  return t;
}

Term parse_term(const Env& env, std::string_view s) {
  Reader r(env, s);
  Term t = r.term();
  if (!r.at_end()) r.fail("trailing text after term");
  return t;
}

}  // namespace hcert::text
