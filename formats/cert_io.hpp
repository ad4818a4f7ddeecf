// Reading and writing certificate records in either encoding (spec/format.md).
#pragma once
#include <functional>
#include <memory>
#include <string>

#include "formats/cert.hpp"
#include "formats/sink.hpp"
#include "trusted/source.hpp"

namespace hcert::cert {

enum class Encoding { Text, Binary };

// Pulls records one at a time. next() returns false at the end of input and throws
// FormatError (with line and/or byte offset) on malformed input.
class RecordReader {
 public:
  virtual ~RecordReader() = default;
  virtual bool next(Record& r) = 0;
  virtual Encoding encoding() const = 0;
};

// Opens a certificate file ("-" for stdin): zstd is detected by its magic, the binary
// encoding by "HCB1"; anything else is read as text.
std::unique_ptr<RecordReader> open_records(const std::string& path);
std::unique_ptr<RecordReader> open_records(std::unique_ptr<Source> raw);
std::unique_ptr<RecordReader> text_reader(std::unique_ptr<Source> src);
std::unique_ptr<RecordReader> binary_reader(std::unique_ptr<Source> src);

class RecordWriter {
 public:
  virtual ~RecordWriter() = default;
  virtual void write(const Record& r) = 0;
  // The same for a record the caller gives up (a writer that keeps records moves it).
  virtual void take(Record&& r) { write(r); }
  // Hands on what was written so far, for a writer that batches (a hint, not a close).
  virtual void flush() {}
  virtual void close() = 0;
  // A record filled in place, then written by commit(): a writer that keeps records (the
  // checker pipe) hands out a slot whose vectors kept their capacity from an earlier
  // record, so a record costs no allocation (two per record before: 3-5 % of a SAT check).
  // Nothing may be written between slot() and commit().
  virtual Record& slot() { return slot_; }
  virtual void commit() { write(slot_); }

 private:
  Record slot_;
};
std::unique_ptr<RecordWriter> open_writer(const std::string& path, Encoding enc, bool zstd);

// A writer that hands each record to a function: a translation streams into the checker
// through it, with no file in between.
class CallbackWriter : public RecordWriter {
 public:
  explicit CallbackWriter(std::function<void(const Record&)> f) : f_(std::move(f)) {}
  void write(const Record& r) override { f_(r); }
  void close() override {}

 private:
  std::function<void(const Record&)> f_;
};

// The text form of one record (without the newline).
std::string to_text(const Record& r);

constexpr char kBinaryMagic[] = "HCB1";

}  // namespace hcert::cert
