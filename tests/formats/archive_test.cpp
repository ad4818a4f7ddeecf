// Evidence archives' tar+zstd layer (formats/archive.hpp): the writer is deterministic;
// the reader refuses every hostile shape (path traversal, absolute names, links, devices,
// duplicates, bombs, truncation, other formats) with an ArchiveError of the right kind,
// and extraction writes nothing outside its folder.
#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "formats/archive.hpp"
#include "formats/crypto.hpp"

using namespace hcert::archive;
namespace fs = std::filesystem;

namespace {

std::string tmp(const std::string& name) { return testing::TempDir() + "/hcert_archive_test_" + name; }

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A member for a hand-made (possibly hostile) archive.
struct Raw {
  std::string name;
  unsigned type = AE_IFREG;
  std::string data;
  std::string link;  // symlink target (AE_IFLNK) or hard link target (hardlink = true)
  bool hardlink = false;
};
Raw file(const std::string& name, const std::string& data) { return Raw{name, AE_IFREG, data, "", false}; }
Raw special(const std::string& name, unsigned type, const std::string& link = "") { return Raw{name, type, "", link, false}; }
Raw hard_link(const std::string& name, const std::string& target) { return Raw{name, AE_IFREG, "", target, true}; }

// Writes the members as they are, with libarchive, compressed with zstd unless `filter`
// says otherwise ("none", "gzip").
std::string hand_made(const std::string& file, const std::vector<Raw>& members, const std::string& filter = "zstd") {
  std::string path = tmp(file);
  struct archive* a = archive_write_new();
  if (filter == "zstd") archive_write_add_filter_zstd(a);
  if (filter == "gzip") archive_write_add_filter_gzip(a);
  archive_write_set_format_pax_restricted(a);
  EXPECT_EQ(archive_write_open_filename(a, path.c_str()), ARCHIVE_OK);
  for (const Raw& m : members) {
    struct archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, m.name.c_str());
    archive_entry_set_filetype(e, m.type);
    archive_entry_set_perm(e, 0644);
    if (m.type == AE_IFLNK) archive_entry_set_symlink(e, m.link.c_str());
    if (m.hardlink) archive_entry_set_hardlink(e, m.link.c_str());
    archive_entry_set_size(e, m.type == AE_IFREG && !m.hardlink ? static_cast<la_int64_t>(m.data.size()) : 0);
    EXPECT_EQ(archive_write_header(a, e), ARCHIVE_OK) << m.name;
    if (m.type == AE_IFREG && !m.hardlink) archive_write_data(a, m.data.data(), m.data.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
  return path;
}

// The kind of error reading gives, with its message; "ok" when it reads.
std::string read_error(const std::string& path, const Limits& limits = {}, std::string* msg = nullptr) {
  try {
    read_archive(path, limits, [](const std::string&, uint64_t) { return ChunkSink(); });
    return "ok";
  } catch (const ArchiveError& e) {
    if (msg) *msg = e.what();
    return e.kind == ArchiveError::Kind::Limit ? "limit" : "malformed";
  }
}

std::vector<Input> sample() {
  return {{"problems/0001-a.cnf", "", "p cnf 1 2\n1 0\n-1 0\n"},
          {"certificates/0001.hcb.zst", "", std::string("HCB1\0\x01\x02", 7)},
          {"manifest.json", "", "{}\n"}};
}

}  // namespace

TEST(ArchiveNames, AcceptsPlainRelativeNames) {
  for (const char* ok : {"manifest.json", "problems/0001-ph6.cnf", "a/b/c", "x+y_z-1.hcb.zst", "0001-..", ".hidden"})
    EXPECT_TRUE(valid_member_name(ok)) << ok;
}

TEST(ArchiveNames, RefusesNamesThatCouldLeaveTheFolder) {
  // Each could write outside the target folder or alias another member.
  for (const char* bad : {"", "/etc/passwd", "../x", "a/../../x", "a/..", "./a", "a/./b", "a//b", "a/", "C:\\x", "a b",
                          "a\\..\\b", "\xc3\xa9"})
    EXPECT_FALSE(valid_member_name(bad)) << bad;
  EXPECT_FALSE(valid_member_name(std::string(201, 'a')));  // over 200 bytes
}

TEST(ArchiveWrite, RoundTripKeepsNamesSizesAndHashes) {
  std::string path = tmp("roundtrip.tar.zst");
  write_archive(path, sample());
  std::map<std::string, std::string> seen;
  auto members = read_archive(path, {}, [&](const std::string& name, uint64_t) -> ChunkSink {
    return [&seen, name](const char* p, size_t n) { seen[name].append(p, n); };
  });
  ASSERT_EQ(members.size(), 3u);
  EXPECT_EQ(members[0].name, "certificates/0001.hcb.zst");  // sorted
  EXPECT_EQ(members[1].name, "manifest.json");
  EXPECT_EQ(members[2].name, "problems/0001-a.cnf");
  for (const Input& in : sample()) {
    EXPECT_EQ(seen[in.name], in.bytes);
    auto it = std::find_if(members.begin(), members.end(), [&](const Member& m) { return m.name == in.name; });
    EXPECT_EQ(it->size, in.bytes.size());
    EXPECT_EQ(it->sha256, hcert::crypto::sha256_hex(in.bytes));
  }
}

TEST(ArchiveWrite, SameMembersGiveTheSameBytesInAnyOrder) {
  std::vector<Input> members = sample();
  std::string file = tmp("member-from-file");
  std::ofstream(file, std::ios::binary) << std::string(100000, 'x');
  members.push_back({"proofs/0001-a.drat", file, ""});
  write_archive(tmp("det1"), members);
  std::reverse(members.begin(), members.end());
  // A second file with the same bytes but another mtime and mode: nothing of it leaks in.
  std::ofstream(file, std::ios::binary) << std::string(100000, 'x');
  chmod(file.c_str(), 0600);
  write_archive(tmp("det2"), members);
  EXPECT_EQ(slurp(tmp("det1")), slurp(tmp("det2")));
  EXPECT_EQ(read_error(tmp("det1")), "ok");
}

TEST(ArchiveWrite, RefusesBadOrRepeatedNames) {
  EXPECT_THROW(write_archive(tmp("bad1"), {{"../x", "", "a"}}), ArchiveError);
  EXPECT_THROW(write_archive(tmp("bad2"), {{"a", "", "1"}, {"a", "", "2"}}), ArchiveError);
}

TEST(ArchiveRead, AcceptsAHandMadeArchiveOfRegularFiles) {
  EXPECT_EQ(read_error(hand_made("plain.tar.zst", {file("manifest.json", "{}"), file("a/b", "x")})), "ok");
}

TEST(ArchiveRead, RefusesHostileNames) {
  // Each name points outside the folder an extraction writes into, or is ambiguous.
  for (const char* name : {"../evil", "/etc/evil", "a/../../evil", "./a", "a//b", "problems/../../evil"}) {
    std::string msg;
    EXPECT_EQ(read_error(hand_made("name.tar.zst", {file(name, "x")}), {}, &msg), "malformed") << name;
    EXPECT_NE(msg.find("name not allowed"), std::string::npos) << msg;
  }
}

TEST(ArchiveRead, RefusesEverythingButRegularFiles) {
  // Links can make a later member land outside the folder; devices and FIFOs are not
  // evidence and opening them can block or reach hardware; directories are never written.
  struct Case {
    Raw raw;
    const char* says;
  };
  std::vector<Case> cases = {{special("link", AE_IFLNK, "/etc/passwd"), "symbolic link"},
                             {special("rel-link", AE_IFLNK, "../../x"), "symbolic link"},
                             {hard_link("hard", "manifest.json"), "hard link"},
                             {special("dev", AE_IFCHR), "character device"},
                             {special("blk", AE_IFBLK), "block device"},
                             {special("fifo", AE_IFIFO), "FIFO"},
                             {special("dir", AE_IFDIR), "directory"}};
  for (const Case& c : cases) {
    std::string msg;
    std::string path = hand_made("type.tar.zst", {file("manifest.json", "{}"), c.raw});
    EXPECT_EQ(read_error(path, {}, &msg), "malformed") << c.says;
    EXPECT_NE(msg.find(c.says), std::string::npos) << msg;
  }
}

TEST(ArchiveRead, RefusesADuplicateName) {
  // Two members of one name: which one a tool reads would be up to the tool.
  std::string msg;
  EXPECT_EQ(read_error(hand_made("dup.tar.zst", {file("a", "1"), file("a", "2")}), {}, &msg), "malformed");
  EXPECT_NE(msg.find("given twice"), std::string::npos) << msg;
}

TEST(ArchiveRead, RefusesOtherFormatsAndFilters) {
  // Only tar+zstd: an uncompressed or gzip tar is not this format (less code to trust).
  EXPECT_EQ(read_error(hand_made("plain.tar", {file("a", "x")}, "none")), "malformed");
  EXPECT_EQ(read_error(hand_made("gz.tar.gz", {file("a", "x")}, "gzip")), "malformed");
  std::string junk = tmp("junk");
  std::ofstream(junk, std::ios::binary) << "this is not an archive at all\n";
  EXPECT_EQ(read_error(junk), "malformed");
  EXPECT_EQ(read_error(tmp("does-not-exist")), "malformed");
}

TEST(ArchiveRead, RefusesEveryTruncation) {
  // A cut anywhere must be an error, never a shorter archive that reads fine: a member
  // cut off would otherwise be hashed short. (Cuts inside the final zero blocks of the
  // tar may read fine: nothing of a member is lost there, which the hash check covers.)
  std::string whole = tmp("whole.tar.zst");
  write_archive(whole, sample());
  std::string bytes = slurp(whole);
  int refused = 0;
  for (size_t cut = 0; cut + 1 < bytes.size(); cut += std::max<size_t>(1, bytes.size() / 40)) {
    std::string part = tmp("cut.tar.zst");
    std::ofstream(part, std::ios::binary) << bytes.substr(0, cut);
    std::string r = read_error(part);
    EXPECT_EQ(r, "malformed") << "cut at " << cut << " of " << bytes.size();
    refused += r == "malformed";
  }
  EXPECT_GT(refused, 10);
}

TEST(ArchiveRead, BoundsMemberSizeTotalAndCount) {
  std::string path = hand_made("sizes.tar.zst", {file("a", std::string(3000, 'a')), file("b", std::string(3000, 'b'))});
  Limits member;
  member.max_member_bytes = 2999;
  Limits total;
  total.max_total_bytes = 5999;
  Limits count;
  count.max_members = 1;
  std::string msg;
  EXPECT_EQ(read_error(path, member, &msg), "limit");
  EXPECT_NE(msg.find("over the bound"), std::string::npos) << msg;
  EXPECT_EQ(read_error(path, total), "limit");
  EXPECT_EQ(read_error(path, count), "limit");
  Limits enough;
  enough.max_member_bytes = 3000, enough.max_total_bytes = 6000, enough.max_members = 2;
  EXPECT_EQ(read_error(path, enough), "ok");
}

TEST(ArchiveRead, AZstdBombIsRefusedByItsHeaderBeforeExpanding) {
  // 256 MiB of zeros compress to a few KiB; the declared size alone refuses it, so the
  // reader never decompresses it (the sink would see bytes otherwise).
  std::string path = tmp("bomb.tar.zst");
  struct archive* a = archive_write_new();
  archive_write_add_filter_zstd(a);
  archive_write_set_format_pax_restricted(a);
  archive_write_open_filename(a, path.c_str());
  struct archive_entry* e = archive_entry_new();
  archive_entry_set_pathname(e, "bomb");
  archive_entry_set_filetype(e, AE_IFREG);
  archive_entry_set_perm(e, 0644);
  const size_t size = 256u << 20;
  archive_entry_set_size(e, size);
  archive_write_header(a, e);
  std::string zeros(1 << 20, '\0');
  for (size_t i = 0; i < size / zeros.size(); ++i) archive_write_data(a, zeros.data(), zeros.size());
  archive_entry_free(e);
  archive_write_close(a);
  archive_write_free(a);
  EXPECT_LT(fs::file_size(path), 64u * 1024);
  Limits lim;
  lim.max_member_bytes = 1 << 20;
  uint64_t bytes_seen = 0;
  EXPECT_THROW(read_archive(path, lim,
                            [&](const std::string&, uint64_t) -> ChunkSink {
                              return [&](const char*, size_t n) { bytes_seen += n; };
                            }),
               ArchiveError);
  EXPECT_EQ(bytes_seen, 0u);
}

TEST(ArchiveExtract, WritesMembersInsideTheFolder) {
  std::string path = tmp("extract.tar.zst");
  write_archive(path, sample());
  std::string dir = tmp("extract-dir");
  fs::remove_all(dir);
  auto members = extract_archive(path, dir, {});
  EXPECT_EQ(members.size(), 3u);
  EXPECT_EQ(slurp(dir + "/problems/0001-a.cnf"), "p cnf 1 2\n1 0\n-1 0\n");
  // A second extraction into the same folder overwrites nothing.
  EXPECT_THROW(extract_archive(path, dir, {}), std::runtime_error);
  EXPECT_EQ(slurp(dir + "/manifest.json"), "{}\n");
}

TEST(ArchiveExtract, AHostileArchiveWritesNothingAnywhere) {
  // The first member is fine, the second climbs out: the extraction fails and leaves
  // neither the first member nor anything beside the folder.
  std::string parent = tmp("hostile-parent");
  fs::remove_all(parent);
  fs::create_directories(parent);
  std::string path = hand_made("hostile.tar.zst", {file("a/fine", "x"), file("../evil", "y")});
  EXPECT_THROW(extract_archive(path, parent + "/dir", {}), ArchiveError);
  EXPECT_TRUE(fs::is_empty(parent)) << "something was left in " << parent;
}

TEST(ArchiveExtract, ALinkPlantedInTheFolderIsNotFollowed) {
  // The target folder already holds "problems" as a link to another folder: extraction
  // must fail rather than write through it.
  std::string outside = tmp("outside");
  std::string dir = tmp("planted");
  fs::remove_all(outside);
  fs::remove_all(dir);
  fs::create_directories(outside);
  fs::create_directories(dir);
  fs::create_directory_symlink(outside, dir + "/problems");
  std::string path = tmp("planted.tar.zst");
  write_archive(path, sample());
  EXPECT_THROW(extract_archive(path, dir, {}), std::runtime_error);
  EXPECT_TRUE(fs::is_empty(outside));
}

RC_GTEST_PROP(ArchiveRead, CorruptBytesAreAnErrorOrAnotherReadableArchive, (const std::vector<std::pair<uint16_t, uint8_t>>& flips)) {
  // Damage anywhere (compressed stream, tar headers, checksums, sizes) must end in an
  // ArchiveError or a readable archive whose hashes then tell the change; never in a
  // crash, a hang or another exception.
  static const std::string good = [] {
    std::string path = tmp("fuzz-base.tar.zst");
    write_archive(path, sample());
    return slurp(path);
  }();
  std::string bytes = good;
  for (auto [at, value] : flips) bytes[at % bytes.size()] ^= static_cast<char>(value | 1);
  std::string path = tmp("fuzz.tar.zst");
  std::ofstream(path, std::ios::binary) << bytes;
  std::string r = read_error(path);
  RC_ASSERT(r == "ok" || r == "malformed" || r == "limit");
}

TEST(ArchiveRead, CorruptTarHeadersUnderAValidZstdStreamAreRefused) {
  // The zstd layer is intact, the tar inside is damaged (checksum, size field): refused.
  std::string plain = tmp("plain-for-zstd.tar");
  hand_made("plain-for-zstd.tar", {file("a", "hello")}, "none");
  std::string tar = slurp(plain);
  tar[148] ^= 1;  // the header checksum field
  std::string damaged = tmp("damaged.tar");
  std::ofstream(damaged, std::ios::binary) << tar;
  std::string zst = tmp("damaged.tar.zst");
  ASSERT_EQ(std::system(("zstd -q -f " + damaged + " -o " + zst).c_str()), 0);
  std::string msg;
  EXPECT_EQ(read_error(zst, {}, &msg), "malformed") << msg;
}
