// The textual notation for HOL types, terms and theorems: an injective printer and its
// parser. Untrusted (outside kernel/): a bug here can only make a term differ from what
// was meant, and every use of a parsed term still goes through the kernel.
//
//   type ::= 'NAME                     type variable
//          | NAME                      type operator of arity 0
//          | (NAME type ...)           type operator applied to one or more types
//   term ::= (v NAME type)             variable
//          | (c NAME type)             constant at an instance of its declared type
//          | (\ NAME type term)        abstraction; NAME:type is the bound variable
//          | (term term)               application
//   thm  ::= (thm (term ...) term)     hypotheses, conclusion
//   NAME ::= run of [A-Za-z0-9_.+*/<>=!?~^&%$@#:-]  |  |quoted, with \| and \\|
//
// Why this shape: every construct is delimited, so the printer needs no precedence and
// printing is injective (parse(print(t)) == t). The printer names each bound variable
// x0, x1, ... by binder depth, skipping names that occur free in the term, so no
// variable is ever captured.
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>

#include "kernel/kernel.hpp"

namespace hcert::text {

struct ParseError : std::runtime_error {
  size_t offset;  // byte offset into the parsed text
  ParseError(size_t off, const std::string& why)
      : std::runtime_error("byte " + std::to_string(off) + ": " + why), offset(off) {}
};

std::string print(const Type& ty);
std::string print(const Term& t);
std::string print(const Thm& th);
// At most about `limit` characters, then " ..." (a term with a small DAG can be
// exponentially long as text: error messages and verdicts must not print it whole).
std::string print_brief(const Term& t, size_t limit = 2000);
std::string print_brief(const Thm& th, size_t limit = 2000);
std::string print_name(const std::string& name);

// A cursor over text; parse functions advance it. Whitespace is space, tab, CR, LF.
class Reader {
 public:
  // Constants and type operators are looked up in env.
  Reader(const Env& env, std::string_view text, size_t base_offset = 0) : env_(env), s_(text), base_(base_offset) {}
  Type type();
  Term term();
  std::string name();
  void skip_space();
  bool at_end();
  bool peek(char c);
  void expect(char c);
  size_t offset() const { return base_ + pos_; }
  [[noreturn]] void fail(const std::string& why) const { throw ParseError(offset(), why); }

 private:
  const Env& env_;
  std::string_view s_;
  size_t base_;
  size_t pos_ = 0;
};

Type parse_type(const Env& env, std::string_view s);
Term parse_term(const Env& env, std::string_view s);

}  // namespace hcert::text
