// FRAT proofs (Baek, Carneiro, Heule: "A Flexible Proof Format for SAT Solver-Elaborator
// Communication"), text and binary, as CaDiCaL 2 (`--frat`) and frat-rs write them, read
// as a stream of steps. Every step names its clause by an id:
//   o ID LIT... 0           an original clause (one of the problem's)
//   a ID LIT... 0 [l HINT... 0]   an addition, with LRAT-style hints or none
//   d ID LIT... 0           a deletion (the clause's literals repeated)
//   f ID LIT... 0           a clause live at the end (finalisation)
//   r FROM TO ... 0         relocation: clauses renamed, in pairs
//   t ID 0                  frat-rs's "to do" mark (read and skipped)
//   c ...                   a comment (text: to the end of the line)
// Binary: the step letter as a byte, ids as unsigned LEB128 varints, literals and hints
// as varints of 2|x| + sign, each list ended by a 0 byte (comments end at a 0 byte).
// Plain or zstd-compressed; binary is detected (a control byte in the first kilobyte) or
// forced.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "formats/cert.hpp"
#include "trusted/source.hpp"

namespace hcert {

struct FratStep {
  char kind = 0;  // 'o', 'a', 'd', 'f' or 'r'
  uint64_t id = 0;
  std::vector<int32_t> lits;
  bool has_hints = false;       // an addition followed by an 'l' list
  std::vector<int64_t> hints;   // clause ids (negative: a RAT block, as in LRAT)
  std::vector<std::pair<uint64_t, uint64_t>> moves;  // 'r': (from, to)
  uint64_t line = 0, offset = 0;  // where it was read (line 0 for binary)
};

class FratReader {
 public:
  // binary: 0 text, 1 binary, -1 detect.
  FratReader(std::unique_ptr<Source> src, int binary = -1);
  bool next(FratStep& s);  // false at the end; throws cert::FormatError

 private:
  int keyword();                                // the next step's letter, -1 at the end
  uint64_t unum(const char* what);              // an id
  int64_t num(const char* what);                // a literal or a hint
  int32_t lit();
  [[noreturn]] void fail(uint64_t at, const std::string& why) const;
  ByteReader in_;
  bool binary_ = false;
  uint64_t line_ = 1;
};

}  // namespace hcert
