// Unit tests for the text notation of types and terms (formats/hol_text): exact printed
// forms, round trips, and parse errors that carry the byte offset of the fault.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <string>
#include <vector>

#include "tests/env.hpp"
#include "formats/hol_text.hpp"

namespace {
using namespace hcert;
using text::ParseError;

Type B() { return Type::boolean(); }
Type ind() {
  if (!hcert::tenv().has_type("ind")) Kernel::new_type(hcert::tenv(), "ind", 0);
  return Type::op(hcert::tenv(), "ind", {});
}
Type pair_ty(Type a, Type b) {
  if (!hcert::tenv().has_type("txt_pair")) Kernel::new_type(hcert::tenv(), "txt_pair", 2);
  return Type::op(hcert::tenv(), "txt_pair", {a, b});
}
Type fn(Type a, Type b) { return Type::fun(a, b); }
void declare(const std::string& n, Type ty) {
  if (!hcert::tenv().has_constant(n)) Kernel::new_constant(hcert::tenv(), n, ty);
}
Term V(const std::string& n, Type t) { return Term::var(n, t); }

// A uniform choice in [lo, hi) (gen::inRange alone shrinks its range at small test sizes).
template <class T>
T uni(T lo, T hi) {
  return *rc::gen::resize(100, rc::gen::inRange<T>(lo, hi));
}

// The offset of the ParseError thrown by parsing s as a term (npos if it parses).
size_t term_error_at(const std::string& s) {
  try {
    text::parse_term(hcert::tenv(), s);
  } catch (const ParseError& e) {
    return e.offset;
  }
  return std::string::npos;
}
size_t type_error_at(const std::string& s) {
  try {
    text::parse_type(hcert::tenv(), s);
  } catch (const ParseError& e) {
    return e.offset;
  }
  return std::string::npos;
}

TEST(HolText, TypesPrintAsDocumented) {
  EXPECT_EQ(text::print(B()), "bool");
  EXPECT_EQ(text::print(Type::var("a")), "'a");
  EXPECT_EQ(text::print(fn(Type::var("a"), B())), "(fun 'a bool)");
  EXPECT_EQ(text::print(pair_ty(ind(), fn(B(), B()))), "(txt_pair ind (fun bool bool))");
  EXPECT_EQ(text::print(Type::var("a b")), "'|a b|");
}

TEST(HolText, TypesRoundTrip) {
  for (Type t : {B(), ind(), Type::var("a"), Type::var("a b"), Type::var("|\\"), fn(Type::var("a"), B()),
                 pair_ty(Type::var("b"), fn(ind(), pair_ty(B(), Type::var("a")))),
                 fn(fn(fn(B(), B()), B()), B())}) {
    EXPECT_EQ(text::parse_type(hcert::tenv(), text::print(t)), t) << text::print(t);
  }
  // whitespace of every allowed kind
  EXPECT_EQ(text::parse_type(hcert::tenv(), " \t(fun\n'a\r\nbool )  "), fn(Type::var("a"), B()));
}

TEST(HolText, TermsPrintAsDocumented) {
  Term p = V("p", B()), x0 = V("x0", B());
  EXPECT_EQ(text::print(p), "(v p bool)");
  EXPECT_EQ(text::print(Term::eq(p, p)), "(((c = (fun bool (fun bool bool))) (v p bool)) (v p bool))");
  EXPECT_EQ(text::print(Term::abs(p, p)), "(\\ x0 bool (v x0 bool))");
  // binder names skip the names of free variables, so x0 free stays distinct
  EXPECT_EQ(text::print(Term::abs(p, Term::eq(p, x0))),
            "(\\ x1 bool (((c = (fun bool (fun bool bool))) (v x1 bool)) (v x0 bool)))");
  // one name per binder depth
  EXPECT_EQ(text::print(Term::abs(p, Term::abs(V("q", B()), p))),
            "(\\ x0 bool (\\ x1 bool (v x0 bool)))");
  EXPECT_EQ(text::print(V("a|b\\c", B())), "(v |a\\|b\\\\c| bool)");
}

TEST(HolText, TermsRoundTrip) {
  declare("txt_k", ind());
  declare("txt_poly", fn(Type::var("a"), Type::var("a")));
  Type a = Type::var("a");
  Term p = V("p", B()), q = V("q", B()), x = V("x", a), xb = V("x", B());
  Term poly_ind = Term::constant(hcert::tenv(), "txt_poly", fn(ind(), ind()));
  std::vector<Term> terms = {
      p,
      Term::constant(hcert::tenv(), "txt_k", ind()),
      Term::comb(poly_ind, Term::constant(hcert::tenv(), "txt_k", ind())),
      Term::eq(p, q),
      Term::abs(x, Term::eq(x, x)),
      Term::abs(x, Term::abs(xb, Term::eq(xb, Term::eq(x, x)))),  // same name, two types
      Term::abs(p, Term::abs(p, p)),                              // shadowing
      Term::abs(p, Term::eq(p, V("x0", B()))),                    // free name like a binder name
      Term::abs(p, Term::eq(p, V("x1", B()))),
      V("v", B()), V("c", B()), V("\\", B()), V("(", B()), V("|", B()), V("two words", B()),
      V("\xc3\xa9t\xc3\xa9", B()),  // bytes >= 0x80 inside a quoted name are fine
      V("x", Type::var("\x80")),
  };
  for (const Term& t : terms) {
    std::string s = text::print(t);
    Term back;
    ASSERT_NO_THROW(back = text::parse_term(hcert::tenv(), s)) << s;
    EXPECT_EQ(back, t) << s;
  }
  // the binder name chosen in the text does not matter: alpha-equivalent text, one term
  EXPECT_EQ(text::parse_term(hcert::tenv(), "(\\ y bool (v y bool))"), text::parse_term(hcert::tenv(), "(\\ z bool (v z bool))"));
  EXPECT_EQ(text::parse_term(hcert::tenv(), "(\\ y bool (v y bool))"), Term::abs(p, p));
}

// The kernel accepts a variable with an empty name; the printer writes it as "||", which
// must parse back (it once did not, and print was then not invertible).
TEST(HolText, EmptyVariableNameRoundTrips) {
  Term t = V("", B());
  std::string s = text::print(t);
  size_t err = term_error_at(s);
  EXPECT_EQ(err, std::string::npos) << "print gives " << s << ", which does not parse";
  if (err == std::string::npos) {
    EXPECT_EQ(text::parse_term(hcert::tenv(), s), t);
  }
}

TEST(HolText, TruncatedInputFailsAtTheEnd) {
  EXPECT_EQ(term_error_at(""), 0u);
  EXPECT_EQ(term_error_at("("), 1u);
  EXPECT_EQ(term_error_at("(v"), 2u);
  EXPECT_EQ(term_error_at("(v p"), 4u);
  EXPECT_EQ(term_error_at("(v p bool"), 9u);
  EXPECT_EQ(term_error_at("(\\ x bool (v x bool)"), 20u);
  EXPECT_EQ(term_error_at("((v f (fun bool bool)) (v p bool)"), 33u);
  EXPECT_EQ(type_error_at("(fun bool"), 9u);
  EXPECT_EQ(type_error_at("'"), 1u);
  EXPECT_EQ(term_error_at("(v |abc"), 3u);  // unterminated quote: reported at its start
  // Every proper prefix of a printed term is an error located within the prefix.
  Term t = Term::abs(V("p", B()), Term::eq(V("p", B()), V("|q|", B())));
  std::string s = text::print(t);
  for (size_t k = 0; k < s.size(); ++k) {
    size_t at = term_error_at(s.substr(0, k));
    EXPECT_LE(at, k) << "prefix " << s.substr(0, k);
  }
}

TEST(HolText, UnbalancedParens) {
  EXPECT_EQ(term_error_at("(v p bool))"), 10u);  // trailing text
  EXPECT_EQ(term_error_at("((v p bool)"), 11u);  // an application needs a second term
  EXPECT_EQ(term_error_at("((v p bool))"), 11u);
  EXPECT_EQ(term_error_at("(((v p bool)"), 12u);
  EXPECT_EQ(term_error_at(")"), 0u);
  EXPECT_EQ(type_error_at("(fun bool bool))"), 15u);
  EXPECT_EQ(type_error_at("bool)"), 4u);
}

TEST(HolText, UnknownConstantAndType) {
  EXPECT_EQ(term_error_at("(c txt_no_such_constant bool)"), 0u);
  EXPECT_EQ(term_error_at("((v f (fun bool bool)) (c txt_no_such_constant bool))"), 23u);
  EXPECT_EQ(term_error_at("(v p txt_no_such_type)"), 5u);
  EXPECT_EQ(term_error_at("(v p (fun bool))"), 5u);  // wrong arity
  EXPECT_EQ(type_error_at("(fun bool (txt_no_such_type bool))"), 10u);
  try {
    text::parse_term(hcert::tenv(), "(c txt_no_such_constant bool)");
    FAIL() << "accepted an undeclared constant";
  } catch (const ParseError& e) {
    EXPECT_NE(std::string(e.what()).find("txt_no_such_constant"), std::string::npos) << e.what();
  }
}

TEST(HolText, TypeMismatch) {
  declare("txt_k", ind());
  // the application is reported at its opening parenthesis
  EXPECT_EQ(term_error_at("((v f (fun bool bool)) (v x ind))"), 0u);
  EXPECT_EQ(term_error_at("(\\ y bool ((v f (fun bool bool)) (c txt_k ind)))"), 10u);
  EXPECT_EQ(term_error_at("((v p bool) (v p bool))"), 0u);  // not a function
  EXPECT_EQ(term_error_at("(c txt_k bool)"), 0u);            // not an instance of ind
  EXPECT_EQ(term_error_at("(c = (fun bool (fun ind bool)))"), 0u);
}

TEST(HolText, BadEscape) {
  EXPECT_EQ(term_error_at("(v |a\\b| bool)"), 6u);  // only \| and \\ are escapes
  EXPECT_EQ(term_error_at("(v |ab\\"), 7u);
  EXPECT_EQ(text::parse_term(hcert::tenv(), "(v || bool)"), V("", B()));  // empty names: the kernel decides
  EXPECT_EQ(type_error_at("(fun '|| bool)"), 5u);          // and refuses an empty type variable
  EXPECT_EQ(text::parse_term(hcert::tenv(), "(v |a\\|b| bool)"), V("a|b", B()));
}

TEST(HolText, HighBytesOutsideQuotesAreParseErrors) {
  EXPECT_EQ(term_error_at("\x80"), 0u);
  EXPECT_EQ(term_error_at("(v \xff bool)"), 3u);
  EXPECT_EQ(term_error_at("(v p\xc3\xa9 bool)"), 4u);
  EXPECT_EQ(term_error_at("(v p \xe2\x80\x94)"), 5u);
  EXPECT_EQ(term_error_at("(\xc3\xa9 p bool)"), 1u);
  EXPECT_EQ(type_error_at("'\xc3\xa9"), 1u);
  EXPECT_EQ(type_error_at("(\xf0\x9f\x98\x80 bool)"), 1u);
  EXPECT_EQ(term_error_at("(v p bool)\xc2\xa0"), 10u);  // non-ASCII space is not space
}

// Mutating a printed term byte by byte (any byte value, including >= 0x80, NUL and
// parentheses) gives either a term or a ParseError whose offset lies inside the text;
// never another exception, a crash, or an out-of-range offset.
TEST(HolText, MutatedInputNeverCrashes) {
  declare("txt_k", ind());
  const std::vector<std::string> seeds = {
      "(\\ x bool (((c = (fun bool (fun bool bool))) (v x bool)) (v |y z| bool)))",
      "((v f (fun ind (fun 'a bool))) (c txt_k ind))",
      "(\\ |\\|| (txt_pair 'a ind) (v |\\|| (txt_pair 'a ind)))",
  };
  pair_ty(B(), B());
  bool ok = rc::check("mutated printed terms", [&] {
    int parsed = 0;
    for (int round = 0; round < 20; ++round) {
      std::string s = *rc::gen::elementOf(seeds);
      int n = uni(1, 4);
      for (int i = 0; i < n; ++i) {
        size_t pos = uni<size_t>(0, s.size());
        char c = static_cast<char>(uni(0, 256));
        switch (uni(0, 3)) {
          case 0: s[pos] = c; break;
          case 1: s.insert(s.begin() + pos, c); break;
          default: s.erase(pos, 1); break;
        }
      }
      try {
        Term t = text::parse_term(hcert::tenv(), s);
        ++parsed;
        RC_ASSERT(text::parse_term(hcert::tenv(), text::print(t)) == t);
      } catch (const ParseError& e) {
        RC_ASSERT(e.offset <= s.size());
      }
    }
    RC_CLASSIFY(parsed > 0, "some mutant still parsed");
  });
  EXPECT_TRUE(ok);
}

}  // namespace

namespace {
// A term of 41 DAG nodes and 2^40 leaves as text: printing it in brief stops at the limit
// (error messages and verdicts print terms from hostile certificates).
TEST(HolTextBrief, ExponentialTermStopsAtTheLimit) {
  using namespace hcert;
  Term g = Term::var("g", Type::fun(Type::boolean(), Type::fun(Type::boolean(), Type::boolean())));
  Term t = Term::var("x", Type::boolean());
  for (int i = 0; i < 40; ++i) t = Term::comb(Term::comb(g, t), t);
  std::string s = text::print_brief(t, 500);
  EXPECT_LE(s.size(), 510u);
  EXPECT_EQ(s.substr(s.size() - 3), "...");
  Term small = Term::var("y", Type::boolean());
  EXPECT_EQ(text::print_brief(small), text::print(small));
}
}  // namespace
