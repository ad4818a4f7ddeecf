#include "formats/archive.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <set>

#include "formats/crypto.hpp"

namespace hcert::archive {

namespace {

using Kind = ArchiveError::Kind;
using ReadHandle = std::unique_ptr<struct archive, int (*)(struct archive*)>;

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '-' || c == '+';
}

// A member name as an error message may show it: anything outside printable ASCII as
// '?' (the name is untrusted; the message goes to a terminal or a log), at most 300 bytes.
std::string printable(const std::string& name) {
  std::string out = name.substr(0, 300);
  for (char& c : out)
    if (c < 0x20 || c > 0x7e) c = '?';
  return out;
}

std::string lib_error(struct archive* a) {
  const char* s = archive_error_string(a);
  return s ? s : "unknown libarchive error";
}

// What a non-regular member is, for the error message.
std::string type_name(struct archive_entry* e) {
  if (archive_entry_hardlink(e)) return "a hard link to '" + printable(archive_entry_hardlink(e)) + "'";
  switch (archive_entry_filetype(e)) {
    case AE_IFLNK: {
      const char* t = archive_entry_symlink(e);
      return "a symbolic link to '" + printable(t ? t : "") + "'";
    }
    case AE_IFDIR: return "a directory";
    case AE_IFCHR: return "a character device";
    case AE_IFBLK: return "a block device";
    case AE_IFIFO: return "a FIFO";
    case AE_IFSOCK: return "a socket";
    default: return "not a regular file";
  }
}

void write_block(struct archive* a, const char* data, size_t n, const std::string& name) {
  if (archive_write_data(a, data, n) != static_cast<la_ssize_t>(n))
    throw std::runtime_error("writing member " + name + ": " + lib_error(a));
}

}  // namespace

bool valid_member_name(const std::string& name) {
  if (name.empty() || name.size() > 200) return false;
  size_t start = 0;
  while (start <= name.size()) {
    size_t end = name.find('/', start);
    if (end == std::string::npos) end = name.size();
    std::string part = name.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    if (!std::all_of(part.begin(), part.end(), name_char)) return false;
    start = end + 1;
  }
  return true;
}

void write_archive(const std::string& out, std::vector<Input> members) {
  std::sort(members.begin(), members.end(), [](const Input& x, const Input& y) { return x.name < y.name; });
  for (size_t i = 0; i < members.size(); ++i) {
    if (!valid_member_name(members[i].name))
      throw ArchiveError(Kind::Malformed, "member name '" + members[i].name + "' is not allowed");
    if (i && members[i].name == members[i - 1].name)
      throw ArchiveError(Kind::Malformed, "member name '" + members[i].name + "' given twice");
  }
  std::unique_ptr<struct archive, int (*)(struct archive*)> a(archive_write_new(), archive_write_free);
  if (archive_write_add_filter_zstd(a.get()) != ARCHIVE_OK || archive_write_set_format_pax_restricted(a.get()) != ARCHIVE_OK ||
      archive_write_open_filename(a.get(), out.c_str()) != ARCHIVE_OK)
    throw std::runtime_error("cannot write " + out + ": " + lib_error(a.get()));
  std::unique_ptr<struct archive_entry, void (*)(struct archive_entry*)> e(archive_entry_new(), archive_entry_free);
  std::vector<char> buf(1 << 16);
  for (const Input& m : members) {
    uint64_t size = m.bytes.size();
    std::ifstream in;
    if (!m.file.empty()) {
      in.open(m.file, std::ios::binary | std::ios::ate);
      if (!in) throw std::runtime_error("cannot read " + m.file + " (member " + m.name + ")");
      size = static_cast<uint64_t>(in.tellg());
      in.seekg(0);
    }
    // Everything but the name, the size and the bytes is fixed: the same members give
    // the same archive on any machine, at any time, for any user.
    archive_entry_clear(e.get());
    archive_entry_set_pathname(e.get(), m.name.c_str());
    archive_entry_set_filetype(e.get(), AE_IFREG);
    archive_entry_set_perm(e.get(), 0644);
    archive_entry_set_size(e.get(), static_cast<la_int64_t>(size));
    archive_entry_set_mtime(e.get(), 0, 0);
    archive_entry_set_uid(e.get(), 0);
    archive_entry_set_gid(e.get(), 0);
    archive_entry_set_uname(e.get(), "root");
    archive_entry_set_gname(e.get(), "root");
    if (archive_write_header(a.get(), e.get()) != ARCHIVE_OK)
      throw std::runtime_error("writing member " + m.name + ": " + lib_error(a.get()));
    if (m.file.empty()) {
      write_block(a.get(), m.bytes.data(), m.bytes.size(), m.name);
      continue;
    }
    uint64_t left = size;
    while (left) {
      in.read(buf.data(), static_cast<std::streamsize>(std::min<uint64_t>(left, buf.size())));
      if (in.gcount() <= 0) throw std::runtime_error(m.file + " changed while it was being archived");
      write_block(a.get(), buf.data(), static_cast<size_t>(in.gcount()), m.name);
      left -= static_cast<uint64_t>(in.gcount());
    }
  }
  if (archive_write_close(a.get()) != ARCHIVE_OK) throw std::runtime_error("writing " + out + ": " + lib_error(a.get()));
}

std::vector<Member> read_archive(const std::string& path, const Limits& limits,
                                 const std::function<ChunkSink(const std::string&, uint64_t)>& open) {
  ReadHandle a(archive_read_new(), archive_read_free);
  // Only zstd-compressed tar: no other filter or format is even tried (bzip2 or a
  // compression program as the filter, cpio or zip as a format, each more code to trust).
  archive_read_support_filter_zstd(a.get());
  archive_read_support_format_tar(a.get());
  if (archive_read_open_filename(a.get(), path.c_str(), 1 << 16) != ARCHIVE_OK)
    throw ArchiveError(Kind::Malformed, path + ": cannot open as a zstd-compressed tar archive: " + lib_error(a.get()));
  std::vector<Member> members;
  std::set<std::string> names;
  uint64_t total = 0;
  std::vector<char> buf(1 << 16);
  for (;;) {
    struct archive_entry* e = nullptr;
    std::string where = path + ": member " + std::to_string(members.size() + 1);
    int r = archive_read_next_header(a.get(), &e);
    if (r == ARCHIVE_EOF) break;
    if (r != ARCHIVE_OK)
      throw ArchiveError(Kind::Malformed, where + " (compressed byte " + std::to_string(archive_filter_bytes(a.get(), -1)) +
                                              "): " + lib_error(a.get()));
    if (members.empty() && archive_filter_code(a.get(), 0) != ARCHIVE_FILTER_ZSTD)
      throw ArchiveError(Kind::Malformed, path + ": not a zstd-compressed tar archive");
    const char* raw_name = archive_entry_pathname(e);
    std::string name = raw_name ? raw_name : "";
    where += " '" + printable(name) + "'";
    if (members.size() >= limits.max_members)
      throw ArchiveError(Kind::Limit, where + ": more than " + std::to_string(limits.max_members) + " members");
    if (archive_entry_hardlink(e) || archive_entry_filetype(e) != AE_IFREG)
      throw ArchiveError(Kind::Malformed, where + ": " + type_name(e) + ", only regular files may be members");
    if (!valid_member_name(name))
      throw ArchiveError(Kind::Malformed, where + ": name not allowed (absolute, '..', empty part or odd character)");
    if (archive_entry_sparse_count(e) > 0) throw ArchiveError(Kind::Malformed, where + ": a sparse file");
    if (!names.insert(name).second) throw ArchiveError(Kind::Malformed, where + ": name given twice");
    if (!archive_entry_size_is_set(e) || archive_entry_size(e) < 0)
      throw ArchiveError(Kind::Malformed, where + ": no size");
    uint64_t declared = static_cast<uint64_t>(archive_entry_size(e));
    if (declared > limits.max_member_bytes)
      throw ArchiveError(Kind::Limit, where + ": " + std::to_string(declared) + " bytes, over the bound of " +
                                          std::to_string(limits.max_member_bytes));
    if (declared > limits.max_total_bytes - std::min(total, limits.max_total_bytes))
      throw ArchiveError(Kind::Limit, where + ": the members would exceed the bound of " +
                                          std::to_string(limits.max_total_bytes) + " bytes in all");
    ChunkSink sink = open(name, declared);
    crypto::Sha256Stream h;
    uint64_t got = 0;
    for (;;) {
      la_ssize_t n = archive_read_data(a.get(), buf.data(), buf.size());
      if (n == 0) break;
      if (n < 0)
        throw ArchiveError(Kind::Malformed, where + ", byte " + std::to_string(got) + ": " + lib_error(a.get()));
      got += static_cast<uint64_t>(n);
      if (got > declared) throw ArchiveError(Kind::Malformed, where + ": more bytes than its declared size");
      h.update(buf.data(), static_cast<size_t>(n));
      if (sink) sink(buf.data(), static_cast<size_t>(n));
    }
    if (got != declared)
      throw ArchiveError(Kind::Malformed, where + ": truncated after " + std::to_string(got) + " of " +
                                              std::to_string(declared) + " bytes");
    total += got;
    members.push_back({name, got, h.hex()});
  }
  return members;
}

namespace {

// The files and folders an extraction made, removed again (deepest first) if it fails.
class Undo {
 public:
  explicit Undo(int dirfd) : dirfd_(dirfd) {}
  void file(const std::string& rel) { files_.push_back(rel); }
  void folder(const std::string& rel) { folders_.push_back(rel); }
  void run() {
    for (auto it = files_.rbegin(); it != files_.rend(); ++it) unlinkat(dirfd_, it->c_str(), 0);
    for (auto it = folders_.rbegin(); it != folders_.rend(); ++it) unlinkat(dirfd_, it->c_str(), AT_REMOVEDIR);
  }

 private:
  int dirfd_;
  std::vector<std::string> files_, folders_;
};

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) close(fd);
  }
};

}  // namespace

std::vector<Member> extract_archive(const std::string& path, const std::string& dir, const Limits& limits) {
  bool made = mkdir(dir.c_str(), 0700) == 0;
  if (!made && errno != EEXIST) throw std::runtime_error("cannot create " + dir + ": " + std::strerror(errno));
  Fd root;
  root.fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (root.fd < 0) throw std::runtime_error("cannot open folder " + dir + ": " + std::strerror(errno));
  Undo undo(root.fd);
  std::set<std::string> folders;
  Fd current;
  std::string current_name;
  auto open_member = [&](const std::string& name, uint64_t) -> ChunkSink {
    if (current.fd >= 0) close(current.fd), current.fd = -1;
    // Parent folders first: names are valid_member_name, so each part is a plain name
    // and the folder is made here (mkdirat, never following a link).
    for (size_t slash = name.find('/'); slash != std::string::npos; slash = name.find('/', slash + 1)) {
      std::string folder = name.substr(0, slash);
      if (folders.count(folder)) continue;
      if (mkdirat(root.fd, folder.c_str(), 0700) != 0)
        throw std::runtime_error(dir + "/" + folder + ": cannot create folder: " + std::strerror(errno));
      folders.insert(folder);
      undo.folder(folder);
    }
    current.fd = openat(root.fd, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (current.fd < 0) throw std::runtime_error(dir + "/" + name + ": cannot create: " + std::strerror(errno));
    undo.file(name);
    current_name = name;
    return [&](const char* p, size_t n) {
      while (n) {
        ssize_t w = write(current.fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) throw std::runtime_error(dir + "/" + current_name + ": write failed: " + std::strerror(errno));
        p += w, n -= static_cast<size_t>(w);
      }
    };
  };
  try {
    auto members = read_archive(path, limits, open_member);
    if (current.fd >= 0 && close(current.fd) != 0) {
      current.fd = -1;
      throw std::runtime_error(dir + "/" + current_name + ": close failed: " + std::strerror(errno));
    }
    current.fd = -1;
    return members;
  } catch (...) {
    undo.run();
    if (made) rmdir(dir.c_str());
    throw;
  }
}

}  // namespace hcert::archive
