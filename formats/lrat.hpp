// LRAT proofs, text and binary, read as a stream of additions and deletions.
//   text:   ID LIT... 0 HINT... 0      (addition; a negative hint starts a RAT block)
//           ID d ID... 0               (deletion)
//   binary: 'a' varint(2*ID) lits 0 hints 0 | 'd' ids 0, each signed number as 2|x| + sign
// Any of them plain or zstd-compressed; binary is detected by its first byte ('a' or 'd'
// followed by a varint), or forced.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "formats/cert.hpp"
#include "trusted/source.hpp"

namespace hcert {

struct LratStep {
  bool deletion = false;
  uint64_t id = 0;               // addition: the new clause's id
  std::vector<int64_t> lits;     // addition: its literals
  std::vector<int64_t> hints;    // addition: hint ids (negative: RAT block); deletion: ids
  uint64_t line = 0, offset = 0; // where it was read (line 0 for binary)
};

class LratReader {
 public:
  // binary: 0 text, 1 binary, -1 detect.
  LratReader(std::unique_ptr<Source> src, int binary = -1);
  // False at the end; throws cert::FormatError with line/byte offset.
  bool next(LratStep& s);

 private:
  bool next_text(LratStep& s);
  bool next_binary(LratStep& s);
  int64_t varint(const char* what);
  ByteReader in_;
  bool binary_ = false;
  std::string line_;
  uint64_t lineno_ = 0;
};

}  // namespace hcert
