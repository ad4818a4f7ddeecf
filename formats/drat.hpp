// DRAT proofs, text and binary, read as a stream of additions and deletions.
//   text:   LIT... 0  (addition)      d LIT... 0  (deletion of one copy)      c ... (comment)
//   binary: 'a' or 'd', then literals as LEB128 varints of 2l (l > 0) or 2|l| + 1 (l < 0),
//           then a 0 byte
// Plain or zstd-compressed; binary is detected (first byte 'a' or 'd' and a control byte,
// such as the 0 that ends each binary step, in the first kilobyte) or forced.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "formats/cert.hpp"
#include "trusted/source.hpp"

namespace hcert {

struct DratStep {
  bool deletion = false;
  std::vector<int32_t> lits;
  uint64_t line = 0, offset = 0;  // where it was read (line 0 for binary)
};

class DratReader {
 public:
  // binary: 0 text, 1 binary, -1 detect. Literals must be below 2^31 in magnitude.
  DratReader(std::unique_ptr<Source> src, int binary = -1);
  bool next(DratStep& s);  // false at the end; throws cert::FormatError

 private:
  bool next_text(DratStep& s);
  bool next_binary(DratStep& s);
  ByteReader in_;
  bool binary_ = false;
  std::string line_;
  uint64_t lineno_ = 0;
};

}  // namespace hcert
