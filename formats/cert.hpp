// The abstract syntax of certificate records (spec/format.md), shared by the text and the
// binary encodings. Untrusted: a record is data; only the checker gives it meaning.
#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "trusted/outcome.hpp"

namespace hcert::cert {

// Why one generic record instead of a struct per kind: both encodings then share one
// reader/writer loop driven by a per-tag schema, and a round trip text -> binary -> text
// is the identity by construction. The schema says which fields a tag has.
enum class Tag : uint8_t {
  Header = 1, Problem, Claim, Theory, TypeDecl, ConstDecl, TyVar, TyOp, Var, Const, App, Lam,
  Def, Typedef, Axiom, Assert, ATerm, Fact, Step, Concl, Hole, Del, End, AConj,
};
constexpr int kTagCount = static_cast<int>(Tag::AConj);

// A field is a number (an id, a count, an index), a name (bytes), or a list of numbers
// that ends the record.
enum class Field : uint8_t { Num, Name, Nums };

struct Schema {
  Tag tag;
  const char* keyword;         // text encoding
  std::vector<Field> fields;
};
const Schema& schema(Tag t);
std::optional<Tag> tag_of(const std::string& keyword);

struct Record {
  Tag tag = Tag::Header;
  std::vector<uint64_t> nums;       // every Num field in order, then the Nums list
  std::vector<std::string> names;   // every Name field in order
  uint64_t line = 0;                // where it was read: text line (1-based) ...
  uint64_t offset = 0;              // ... and byte offset (of the decompressed stream)
  bool operator==(const Record& o) const {
    return tag == o.tag && nums == o.nums && names == o.names;
  }
};

// Limits that keep hostile input from exhausting memory before the checker sees it.
constexpr uint64_t kMaxId = (1ull << 62) - 1;   // ids and numbers
constexpr size_t kMaxName = 1 << 20;            // bytes in a name
constexpr size_t kMaxList = 1 << 24;            // numbers in one list

// FormatError, which readers throw, is in trusted/outcome.hpp (the problem readers throw it too).
// Checks that the record has the fields its schema asks for (used by writers and tests).
bool well_formed(const Record& r);

}  // namespace hcert::cert
