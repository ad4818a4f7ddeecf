// Compressed inputs (trusted/decompress.hpp): zstd, gzip and xz recognised by their magic
// and read back byte for byte; a corrupt or cut stream is an error, never a shorter input.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "formats/cert.hpp"
#include "trusted/decompress.hpp"
#include "trusted/source.hpp"
#include "tests/support.hpp"

namespace hcert {
namespace {

// Names unique to this process: other checkouts' test runs may share the temporary directory.
std::string unique(const std::string& name) { return std::to_string(getpid()) + "_" + name; }

std::string read_all(const std::string& path) {
  auto src = open_source(path);
  std::string out, buf(4096, '\0');
  for (size_t n; (n = src->read(buf.data(), buf.size())) > 0;) out.append(buf, 0, n);
  return out;
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Compresses `text` with the command-line tool (zstd, gzip, xz: all in DEB_PKGS' closure).
std::string compressed_file(const std::string& name, const std::string& text, const std::string& tool) {
  std::string plain = test::temp_file(unique(name), text);
  std::string cmd = tool + " -q -c " + plain + " > " + plain + ".z";
  if (std::system(cmd.c_str()) != 0) return "";
  return plain + ".z";
}

std::string sample() {
  std::string s;
  for (int i = 0; i < 20000; ++i) s += std::to_string(i) + " -" + std::to_string(i + 1) + " 0\n";
  return s;
}

TEST(Decompress, MagicBytes) {
  EXPECT_EQ(compression_of(std::string("\x28\xb5\x2f\xfd\x00\x00", 6)), Compression::Zstd);
  EXPECT_EQ(compression_of(std::string("\x1f\x8b\x08\x00\x00\x00", 6)), Compression::Gzip);
  EXPECT_EQ(compression_of(std::string("\xfd" "7zXZ\0", 6)), Compression::Xz);
  EXPECT_EQ(compression_of("p cnf "), Compression::None);
  EXPECT_EQ(compression_of("\x1f"), Compression::None);  // too short to be gzip
}

TEST(Decompress, RoundTrips) {
  std::string text = sample();
  for (const char* tool : {"zstd", "gzip", "xz"}) {
    std::string path = compressed_file(std::string("rt_") + tool, text, tool);
    if (path.empty()) GTEST_SKIP() << tool << " not installed";
    EXPECT_EQ(read_all(path), text) << tool;
  }
}

// Two gzip members one after the other are one stream (as gzip -d reads them).
TEST(Decompress, ConcatenatedGzipMembers) {
  std::string a = compressed_file("cat_a", "1 2 0\n", "gzip"), b = compressed_file("cat_b", "3 4 0\n", "gzip");
  if (a.empty() || b.empty()) GTEST_SKIP() << "gzip not installed";
  std::string both = test::temp_file(unique("cat_ab.gz"), file_bytes(a) + file_bytes(b));
  EXPECT_EQ(read_all(both), "1 2 0\n3 4 0\n");
}

// Reject: a stream cut in the middle must not read as a shorter, valid input.
TEST(Decompress, TruncatedStreamsAreErrors) {
  std::string text = sample();
  for (const char* tool : {"zstd", "gzip", "xz"}) {
    std::string path = compressed_file(std::string("cut_") + tool, text, tool);
    if (path.empty()) GTEST_SKIP() << tool << " not installed";
    std::string data = file_bytes(path);
    std::string cut = test::temp_file(unique(std::string("cut_") + tool + ".part"), data.substr(0, data.size() / 2));
    EXPECT_THROW(read_all(cut), cert::FormatError) << tool;
  }
}

// Reject: flipped bytes inside the compressed data (gzip and xz carry checksums).
TEST(Decompress, CorruptStreamsAreErrors) {
  std::string text = sample();
  for (const char* tool : {"gzip", "xz"}) {
    std::string path = compressed_file(std::string("bad_") + tool, text, tool);
    if (path.empty()) GTEST_SKIP() << tool << " not installed";
    std::string data = file_bytes(path);
    for (size_t i = data.size() / 2; i < data.size() / 2 + 16; ++i) data[i] = static_cast<char>(data[i] ^ 0x55);
    std::string bad = test::temp_file(unique(std::string("bad_") + tool + ".z"), data);
    EXPECT_THROW(read_all(bad), cert::FormatError) << tool;
  }
}

// The audit record's digest is of the bytes as stored, taken while they are read, and the
// rest is read when the check stopped early.
TEST(Decompress, DigestOfWhatWasRead) {
  std::string path = test::temp_file(unique("digest_me"), "abc");
  hash_when_read(path);
  {
    auto src = open_source(path);
    char c;
    EXPECT_EQ(src->read(&c, 1), 1u);  // the check reads one byte and stops
  }
  FileDigest d = file_digest(path);
  EXPECT_EQ(d.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(d.bytes, 3u);
}

}  // namespace
}  // namespace hcert
