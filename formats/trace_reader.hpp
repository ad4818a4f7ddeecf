// Custom solvers' traces (spec/trace.md), text and binary, read as a stream of records:
//   text:   "hcert-trace 1" then one record a line (';' starts a comment line)
//             a ID TERM | d ID TERM             atom / definition (TERM to the line's end)
//             i ID ASSERTION LIT... 0           input clause from an assertion
//             c ID LIT... 0 HINT... 0           derived clause (no hints: hcert searches)
//             t ID LIT... 0 KIND COEF...        theory lemma (KIND - la dl eq cut br row)
//             x ID... 0                         deletion
//   binary: 0x89 'H' 'C' 'T' 0x01, then records: the tag byte, unsigned LEB128 numbers, a
//           literal l as 2|l| + (l < 0), a term or coefficient as its length and bytes, a
//           lemma's kind as one byte and its coefficients' count.
// Any of them plain or compressed (the Source decompresses). The reader checks what the
// syntax can: ids increase within their numbering (terms, clauses), a literal names an atom
// or definition declared before, a hint a clause added before, numbers stay below 2^62,
// coefficients are integers or fractions with a non-zero denominator, and a kind's
// coefficients are as many as it needs. What the records mean is the translator's
// business (translators/trace/). Errors: cert::FormatError with line (text) and byte.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "trusted/outcome.hpp"
#include "trusted/source.hpp"

namespace hcert {

struct TraceStep {
  // The record kinds, by their text tag (the binary tag byte is the same character).
  enum Kind : char { Atom = 'a', Define = 'd', Input = 'i', Derived = 'c', Lemma = 't', Delete = 'x' };
  // A theory lemma's hint (formats/trace/hcert_trace.hpp, Hint: the same values).
  enum Hint : uint8_t { None = 0, Farkas = 1, NegCycle = 2, Equality = 3, Cut = 4, Branch = 5, ReadOverWrite = 6 };
  Kind kind = Atom;
  uint64_t id = 0;                 // the new term's or clause's id (not for deletions)
  uint64_t assertion = 0;          // Input: the assertion's index (0-based, file order)
  std::string term;                // Atom, Define: the SMT-LIB term's text
  std::vector<int64_t> lits;       // Input, Derived, Lemma
  std::vector<uint64_t> ids;       // Derived: the hints; Delete: the clauses deleted
  Hint hint = None;                // Lemma
  std::vector<std::string> coefs;  // Lemma: "N" or "N/D" (N may be negative), as written
  uint64_t line = 0, offset = 0;   // where the record starts (line 0 for binary)
};

// The text keyword of a hint kind ("-", "la", ...), and back (false when unknown).
const char* trace_hint_keyword(TraceStep::Hint h);
bool trace_hint_of(const std::string& keyword, TraceStep::Hint& out);

class TraceReader {
 public:
  // Reads the header (text or binary, by the first bytes); throws cert::FormatError when
  // it is neither.
  explicit TraceReader(std::unique_ptr<Source> src);
  // False at the end; throws cert::FormatError with line and byte offset.
  bool next(TraceStep& s);
  bool binary() const { return binary_; }

 private:
  bool next_text(TraceStep& s);
  bool next_binary(TraceStep& s);
  uint64_t varint(const char* what, uint64_t max);
  // The checks shared by both forms (see above), on a complete record.
  void check(const TraceStep& s, uint64_t line, uint64_t offset);
  ByteReader in_;
  bool binary_ = false;
  std::string line_;
  uint64_t lineno_ = 0;
  uint64_t last_term_ = 0, last_clause_ = 0;
};

}  // namespace hcert
