// Writes kernel types and terms as certificate nodes, each distinct node once (the DAG, not
// the tree), and hands out theorem ids. Used by every producer of certificates.
#pragma once
#include <unordered_map>

#include "formats/cert_io.hpp"
#include "kernel/kernel.hpp"

namespace hcert::cert {

class Emitter {
 public:
  explicit Emitter(RecordWriter& out) : out_(out) {}
  uint64_t type(const Type& ty);
  uint64_t term(const Term& t);
  // Writes a term record (`app`, `aterm`, …) under a fresh id, given its other fields,
  // without a kernel term behind it: for a producer that knows the ids of the parts and
  // need not build the term itself (the SAT translation's formula hypothesis). The id is
  // not known to term() afterwards.
  uint64_t term_record(Tag tag, std::initializer_list<uint64_t> fields) { return term_record(tag, fields.begin(), fields.end()); }
  template <class It>
  uint64_t term_record(Tag tag, It first, It last) {
    uint64_t id = next_term_++;
    std::vector<uint64_t> nums{id};
    nums.insert(nums.end(), first, last);
    write(make(tag, std::move(nums)));
    return id;
  }
  // Theorem ids are reused after release (the writer has deleted the theorem), so ids
  // stay dense and the checker's tables small.
  uint64_t new_thm_id() {
    if (free_thm_.empty()) return next_thm_++;
    uint64_t id = free_thm_.back();
    free_thm_.pop_back();
    return id;
  }
  void release_thm_id(uint64_t id) { free_thm_.push_back(id); }
  // Records are stamped with the current place in the translated input (line or byte),
  // so that a checker error names where in the solver's proof it happened.
  void write(Record r) {
    r.line = line_;
    r.offset = offset_;
    out_.take(std::move(r));
  }
  // The writer's reusable record (RecordWriter::slot), cleared and stamped, for a hot
  // producer to fill in place and then commit(): no allocation per record once the slot's
  // vectors have grown. Nothing may be written before the commit.
  // A slot keeps at most kKeptNums numbers' capacity: the pipe cycles through thousands of
  // slots, and each kept the capacity of the longest record it ever held (md5-506 LRAT:
  // 13 MB of long hint lists' capacity, growing through the proof).
  static constexpr size_t kKeptNums = 256;
  Record& begin(Tag tag) {
    Record& r = out_.slot();
    r.tag = tag;
    if (r.nums.capacity() > kKeptNums) std::vector<uint64_t>().swap(r.nums);
    r.nums.clear();
    r.names.clear();
    r.line = line_;
    r.offset = offset_;
    return r;
  }
  void commit() { out_.commit(); }
  void set_place(uint64_t line, uint64_t offset) { line_ = line, offset_ = offset; }
  void flush() { out_.flush(); }
  static Record make(Tag tag, std::vector<uint64_t> nums, std::vector<std::string> names = {});

 private:
  struct TypeKey {
    size_t operator()(const Type& t) const { return t.hash(); }
  };
  RecordWriter& out_;
  std::unordered_map<Type, uint64_t, TypeKey> types_;
  std::unordered_map<Term, uint64_t, TermHash> terms_;
  uint64_t next_type_ = 1, next_term_ = 1, next_thm_ = 1;
  uint64_t line_ = 0, offset_ = 0;
  std::vector<uint64_t> free_thm_;
};

}  // namespace hcert::cert
