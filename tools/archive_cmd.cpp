// Option parsing for `hcert archive ...` and `hcert keygen` (CLI11); the work is in
// tools/archive_create.cpp and tools/archive_verify.cpp.
#include "tools/archive_cmd.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <thread>

#include <CLI/CLI.hpp>

#include "formats/crypto.hpp"
#include "tools/archive_ops.hpp"

namespace hcert::tool {

namespace {

int default_jobs() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

// Writes a new file (never over an existing one) with the given mode.
void write_new_file(const std::string& path, const std::string& data, mode_t mode) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
  if (fd < 0) throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
  bool ok = write(fd, data.data(), data.size()) == static_cast<ssize_t>(data.size());
  ok = close(fd) == 0 && ok;
  if (!ok) throw std::runtime_error("cannot write " + path);
}

// The size bounds every reading subcommand takes (spec/archive.md, "Hostile archives").
void add_limits(CLI::App* app, ReadOptions& o) {
  app->add_option("--max-members", o.limits.max_members, "most members an archive may have")->capture_default_str();
  app->add_option_function<uint64_t>("--max-member-mb", [&o](uint64_t mb) { o.limits.max_member_bytes = mb << 20; },
                                     "largest member, MiB (default 4096)");
  app->add_option_function<uint64_t>("--max-total-mb", [&o](uint64_t mb) { o.limits.max_total_bytes = mb << 20; },
                                     "all members together, MiB (default 16384)");
}

}  // namespace

int keygen_main(int argc, char** argv) {
  CLI::App app("Writes an Ed25519 key pair: OUT.key (private, mode 0600) and OUT.pub", "hcert keygen");
  std::string out;
  app.add_option("OUT", out, "the two files' common name")->required();
  try {
    app.parse(argc - 1, argv + 1);
  } catch (const CLI::ParseError& e) {
    return e.get_exit_code() == 0 ? app.exit(e) : (app.exit(e), static_cast<int>(kUsage));
  }
  try {
    for (const char* ext : {".key", ".pub"})  // neither is written if either exists
      if (access((out + ext).c_str(), F_OK) == 0) throw std::runtime_error(out + ext + " exists; not overwritten");
    crypto::Key key = crypto::Key::generate();
    write_new_file(out + ".key", key.private_pem(), 0600);
    write_new_file(out + ".pub", key.public_pem(), 0644);
    std::cout << "c wrote " << out << ".key (private, 0600) and " << out << ".pub; keyid " << key.keyid() << "\n";
    return kOk;
  } catch (const std::exception& e) {
    std::cout << "c " << e.what() << "\ns ERROR\n";
    return kInputError;
  }
}

int archive_main(int argc, char** argv) {
  CLI::App app("Evidence archives: pack checks, sign them, re-check them later (spec/archive.md)", "hcert archive");
  app.require_subcommand(1);

  CreateOptions c;
  c.jobs = default_jobs();
  CLI::App* create = app.add_subcommand("create", "check pairs and pack them into a new archive OUT");
  create->add_option("OUT", c.out, "the archive to write (must not exist)")->required();
  create->add_option("PAIRS", c.pairs, "PROBLEM PROOF [PROBLEM PROOF ...]");
  create->add_option("--list", c.list, "a file of 'PROBLEM PROOF' lines");
  create->add_option("--sign", c.sign_key, "private key (PEM) to sign the manifest with");
  create->add_option("--solver", c.solver_name, "the solver that produced the proofs");
  create->add_option("--solver-version", c.solver_version, "its version");
  create->add_option("--solver-cmd", c.solver_cmd, "its command line");
  create->add_flag("--keep-proofs", c.keep_proofs, "also pack the original proofs");
  create->add_flag("--allow-unverified", c.allow_unverified, "pack pairs that do not verify too");
  create->add_option("--jobs", c.jobs, "checks at a time (default: the number of cores)")->check(CLI::Range(1, 256));
  create->add_option("--time-limit", c.time_limit, "seconds per check");
  create->add_option("--mem-limit", c.mem_limit, "MB per check");

  ReadOptions r;
  r.jobs = default_jobs();
  std::string dir;
  CLI::App* verify = app.add_subcommand("verify", "check signature and hashes, re-check every certificate");
  verify->add_option("ARCHIVE", r.archive)->required();
  verify->add_option("--key", r.key, "public key (PEM) the archive must be signed with");
  verify->add_flag("--json", r.json, "JSON lines instead of text");
  verify->add_option("--jobs", r.jobs, "re-checks at a time (default: the number of cores)")->check(CLI::Range(1, 256));
  verify->add_option("--time-limit", r.time_limit, "seconds per re-check");
  verify->add_option("--mem-limit", r.mem_limit, "MB per re-check");
  add_limits(verify, r);
  CLI::App* show = app.add_subcommand("show", "list an archive's manifest and members");
  show->add_option("ARCHIVE", r.archive)->required();
  show->add_option("--key", r.key, "public key (PEM) to check the signature with");
  show->add_flag("--json", r.json, "the manifest as JSON");
  add_limits(show, r);
  CLI::App* extract = app.add_subcommand("extract", "unpack into a folder, checking hashes");
  extract->add_option("ARCHIVE", r.archive)->required();
  extract->add_option("DIR", dir, "the folder to unpack into (created if absent)")->required();
  extract->add_option("--key", r.key, "public key (PEM) the archive must be signed with");
  add_limits(extract, r);

  try {
    app.parse(argc - 1, argv + 1);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return e.get_exit_code() == 0 ? rc : static_cast<int>(kUsage);
  }
  try {
    if (create->parsed()) return archive_create(c);
    if (verify->parsed()) return archive_verify(r);
    if (show->parsed()) return archive_show(r);
    if (extract->parsed()) return archive_extract(r, dir);
  } catch (const std::exception& e) {
    std::cout << "c " << e.what() << "\ns ERROR\n";
    return kInputError;
  }
  return kUsage;
}

}  // namespace hcert::tool
