// Evidence archives on disk: one tar stream compressed with zstd (libarchive), written so
// that the same members give the same bytes, and read back as untrusted input
// (spec/archive.md, "Layout" and "Hostile archives").
#pragma once
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace hcert::archive {

// Why an archive was refused. The kind decides the exit code: a malformed or hostile
// archive is an input error (3), one over a size or count bound a resource limit (4).
struct ArchiveError : std::runtime_error {
  enum class Kind { Malformed, Limit };
  Kind kind;
  ArchiveError(Kind k, const std::string& what) : std::runtime_error(what), kind(k) {}
};

// Bounds on what reading an archive may produce, checked against each header before any
// data is read and against the bytes actually decompressed: a small archive can declare
// or expand to terabytes (a zstd or tar bomb), or hold millions of empty members.
struct Limits {
  uint64_t max_members = 200000;
  uint64_t max_member_bytes = uint64_t(4) << 30;  // 4 GiB
  uint64_t max_total_bytes = uint64_t(16) << 30;  // 16 GiB
};

// A member to write: its name in the archive and the file its bytes come from, or the
// bytes themselves when `file` is empty.
struct Input {
  std::string name;
  std::string file;
  std::string bytes;
};

// A member as read: its name, size and SHA-256 (lowercase hex) of its bytes.
struct Member {
  std::string name;
  uint64_t size = 0;
  std::string sha256;
};

// A member name this format accepts: relative, '/'-separated components of
// [A-Za-z0-9._+-], none empty, "." or "..", at most 200 bytes. Names are checked before
// anything is written, so no name can reach outside the folder it is extracted into.
bool valid_member_name(const std::string& name);

// Writes the members, sorted by name, as a pax tar compressed with zstd to `out`: regular
// files only, mtime 0, uid/gid 0, owner "root", mode 0644. Throws std::runtime_error naming
// the member on an unreadable input or a failed write, and ArchiveError on a bad name or a
// name given twice.
void write_archive(const std::string& out, std::vector<Input> members);

// Reads every member of an archive in order. For each member `open` is called with its
// name and declared size and returns the function that receives its bytes (in chunks;
// nullptr to skip the bytes, which are still hashed). Returns the members in archive
// order. Throws ArchiveError naming the member, its index and the reason: a name that is
// not valid_member_name, a member that is not a regular file (directory, symbolic or hard
// link, device, FIFO, sparse file), a name given twice, a stream that is not tar+zstd,
// truncated or corrupt, or a bound of `limits` exceeded.
using ChunkSink = std::function<void(const char* data, size_t n)>;
std::vector<Member> read_archive(const std::string& path, const Limits& limits,
                                 const std::function<ChunkSink(const std::string& name, uint64_t size)>& open);

// Reads the archive into `dir` (created 0700 if absent). Files are created with
// O_EXCL|O_NOFOLLOW below `dir` only, in subfolders this function makes with mkdirat: a
// name that exists already (file, folder or link) is an error, nothing is overwritten or
// followed. On any error the files and folders made so far are removed and the error is
// rethrown.
std::vector<Member> extract_archive(const std::string& path, const std::string& dir, const Limits& limits);

}  // namespace hcert::archive
