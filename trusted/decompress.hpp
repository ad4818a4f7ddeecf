// Compressed inputs: zstd, gzip and xz, recognised by their magic bytes (never by a file
// name) and decompressed as a stream. SAT competition benchmarks ship as .cnf.xz or
// .cnf.gz, solvers' proofs are often piped through zstd.
#pragma once
#include <memory>
#include <string>

#include "trusted/source.hpp"

namespace hcert {

enum class Compression { None, Zstd, Gzip, Xz };

// How many leading bytes compression_of() needs (fewer at the end of a short input).
constexpr size_t kMagicBytes = 6;
Compression compression_of(const std::string& head);
const char* compression_name(Compression c);

// Decompressing sources. Each throws cert::FormatError (byte offset in the compressed
// input) for a corrupt or truncated stream; concatenated frames or members are read on.
std::unique_ptr<Source> zstd_source(std::unique_ptr<Source> in);
std::unique_ptr<Source> gzip_source(std::unique_ptr<Source> in);
std::unique_ptr<Source> xz_source(std::unique_ptr<Source> in);

}  // namespace hcert
