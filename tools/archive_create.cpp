// `hcert archive create`: check every (problem, proof) pair, convert each proof into a
// binary zstd certificate, and pack problems, certificates, theories and the manifest
// into one deterministic archive (spec/archive.md).
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "checker/checker.hpp"
#include "formats/crypto.hpp"
#include "formats/dsse.hpp"
#include "tools/archive_ops.hpp"
#include "tools/build_info.hpp"
#include "tools/proof_kind.hpp"
#include "tools/worker.hpp"

namespace hcert::tool {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Statements longer than this are kept as their SHA-256 only.
constexpr size_t kMaxStatementChars = 4096;

// One pair to pack, and what its conversion and check gave.
struct Job {
  std::string problem, proof;  // as given
  std::string id, problem_member, proof_member, certificate_member;
  std::string kind;
  int exit = kInputError;
  std::string message;  // why it did not verify, as the worker said it (staged paths)
  json record;          // the check's --json object, measurements removed
  bool has_certificate = false;
};

// A file's last part, with any character a member name may not hold replaced by '_'.
std::string member_base(const std::string& path) {
  std::string base = fs::path(path).filename().string();
  if (base.size() > 100) base = base.substr(base.size() - 100);
  for (char& c : base)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' || c == '+')) c = '_';
  return base.empty() ? "input" : base;
}

// The pairs of a --list file: "PROBLEM PROOF" per line, blank lines and '#' comments
// skipped; relative paths are relative to the list file's folder.
std::vector<std::string> read_list(const std::string& list) {
  std::ifstream in(list);
  if (!in) throw std::runtime_error("cannot read the list " + list);
  std::vector<std::string> out;
  fs::path base = fs::path(list).parent_path();
  std::string line;
  for (size_t n = 1; std::getline(in, line); ++n) {
    std::istringstream words(line);
    std::string p, q, extra;
    if (!(words >> p) || p[0] == '#') continue;
    if (!(words >> q) || (words >> extra))
      throw std::runtime_error(list + ": line " + std::to_string(n) + ": expected PROBLEM PROOF");
    for (const std::string* s : {&p, &q}) out.push_back(fs::path(*s).is_absolute() ? *s : (base / *s).string());
  }
  return out;
}

// The worker's message on failure: its "c " lines, joined.
std::string worker_message(const std::string& path) {
  std::ifstream in(path);
  std::string line, msg;
  while (std::getline(in, line))
    if (line.rfind("c ", 0) == 0 && line.rfind("c progress", 0) != 0) msg += (msg.empty() ? "" : "; ") + line.substr(2);
  return msg.size() > 2000 ? msg.substr(0, 2000) + "..." : msg;
}

std::string utc_time(std::time_t t) {
  char buf[32];
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The time of the check: SOURCE_DATE_EPOCH when set (reproducible archives), else now.
std::string creation_time() {
  const char* sde = std::getenv("SOURCE_DATE_EPOCH");
  if (sde && *sde) {
    char* end = nullptr;
    long long v = std::strtoll(sde, &end, 10);
    if (*end || v < 0) throw std::runtime_error("SOURCE_DATE_EPOCH is not a number of seconds");
    return utc_time(static_cast<std::time_t>(v));
  }
  return utc_time(std::time(nullptr));
}

// A worker's message for the console: its staged copies named as the user gave them.
std::string for_console(const std::string& message, const Job& j, const std::string& stage) {
  std::string m = replace_all(message, stage + "/" + j.problem_member, j.problem);
  if (!j.proof_member.empty()) m = replace_all(m, stage + "/" + j.proof_member, j.proof);
  return replace_all(m, stage + "/", "");
}

// The same for the manifest: members by their names, other files by their last part (no
// local paths in the archive, so that it does not depend on where its inputs were).
std::string for_manifest(const std::string& message, const Job& j, const std::string& stage) {
  return replace_all(replace_all(message, stage + "/", ""), j.proof, fs::path(j.proof).filename().string());
}

void convert_and_check(Job& j, const CreateOptions& o, const std::string& stage, const std::string& logs) {
  std::string problem = stage + "/" + j.problem_member;
  std::string certificate = stage + "/" + j.certificate_member;
  std::string proof = j.proof;
  try {
    fs::copy_file(j.problem, problem);
    if (!j.proof_member.empty()) {
      proof = stage + "/" + j.proof_member;
      fs::copy_file(j.proof, proof);
    }
    j.kind = proof_kind("", proof);
  } catch (const std::exception& e) {
    j.message = e.what();
    return;
  }
  std::vector<std::string> convert = {"convert", "--from", j.kind};
  if (j.kind != "cert") convert.push_back(problem);
  for (const std::string& s : {proof, std::string("-o"), certificate, std::string("--binary"), std::string("--zstd")})
    convert.push_back(s);
  std::string log = logs + "/" + j.id;
  int rc = run_hcert(convert, log + ".convert");
  if (rc != 0) {
    j.exit = rc > kLimit ? kInputError : rc;
    j.message = "conversion failed (exit " + std::to_string(rc) + "): " + worker_message(log + ".convert");
    std::error_code ec;
    fs::remove(certificate, ec);
    return;
  }
  j.has_certificate = true;
  std::vector<std::string> check = {"check", "--json", "--from", "cert", "--threads", "1"};
  if (!o.time_limit.empty()) check.insert(check.end(), {"--time-limit", o.time_limit});
  if (!o.mem_limit.empty()) check.insert(check.end(), {"--mem-limit", o.mem_limit});
  check.insert(check.end(), {problem, certificate});
  rc = run_hcert(check, log + ".check");
  // The exit code is the verdict; the record only describes it.
  j.exit = rc > kLimit ? kInputError : rc;
  j.record = last_json_line(log + ".check");
  if (!j.record.is_object()) {
    if (j.exit == kOk) j.exit = kInputError;
    j.message = "the check gave no readable verdict record (exit " + std::to_string(rc) + ")";
    return;
  }
  // Measurements differ from run to run, and the paths are those of a private copy; the
  // archive keeps what the check established (the members are named in the manifest).
  j.record.erase("seconds");
  j.record.erase("peak_rss_kb");
  for (const char* input : {"problem", "proof"})
    if (j.record.contains(input) && j.record[input].is_object()) j.record[input].erase("path");
  // A large problem's statement spells out every clause: the manifest keeps its hash.
  if (j.record.contains("statement") && !j.record["statement"].is_null() &&
      j.record["statement"].dump().size() > kMaxStatementChars) {
    std::string s = j.record["statement"].dump();
    j.record["statement"] = nullptr;
    j.record["statement_sha256"] = crypto::sha256_hex(s);
    j.record["statement_chars"] = s.size();
  }
  j.message = j.record.value("message", "");
  j.record["message"] = for_manifest(j.message, j, stage);
}

}  // namespace

int archive_create(const CreateOptions& o) {
  std::vector<std::string> pairs = o.pairs;
  if (!o.list.empty()) {
    std::vector<std::string> listed = read_list(o.list);
    pairs.insert(pairs.end(), listed.begin(), listed.end());
  }
  if (pairs.empty() || pairs.size() % 2) {
    std::cerr << "hcert archive create: give PROBLEM PROOF pairs (or --list FILE)\n";
    return kUsage;
  }
  if (fs::exists(o.out)) {
    std::cout << "c " << o.out << ": exists; not overwritten\ns ERROR\n";
    return kInputError;
  }
  std::optional<crypto::Key> key;
  if (!o.sign_key.empty()) key = crypto::Key::read_private(o.sign_key);
  std::string created = creation_time();

  TempDir tmp("hcert-archive");
  std::string stage = tmp.path() + "/stage", logs = tmp.path() + "/logs";
  for (const char* d : {"stage/problems", "stage/certificates", "stage/proofs", "logs"}) fs::create_directories(tmp.path() + "/" + d);
  std::vector<Job> jobs(pairs.size() / 2);
  size_t width = std::max<size_t>(4, std::to_string(jobs.size()).size());
  for (size_t i = 0; i < jobs.size(); ++i) {
    Job& j = jobs[i];
    j.problem = pairs[2 * i];
    j.proof = pairs[2 * i + 1];
    j.id = std::string(width - std::min(width, std::to_string(i + 1).size()), '0') + std::to_string(i + 1);
    j.problem_member = "problems/" + j.id + "-" + member_base(j.problem);
    j.certificate_member = "certificates/" + j.id + ".hcb.zst";
    if (o.keep_proofs) j.proof_member = "proofs/" + j.id + "-" + member_base(j.proof);
  }

  auto start = std::chrono::steady_clock::now();
  std::mutex progress;
  size_t done = 0;
  double next_report = 0;
  for_each_parallel(jobs.size(), o.jobs, [&](size_t i) {
    convert_and_check(jobs[i], o, stage, logs);
    std::lock_guard<std::mutex> lock(progress);
    ++done;
    double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (t >= next_report || done == jobs.size()) {
      std::cerr << "c create: " << done << "/" << jobs.size() << " checked, " << static_cast<int>(t) << " s\n";
      next_report = t + 2;
    }
  });

  int worst = kOk;
  for (const Job& j : jobs) {
    std::cout << "c entry " << j.id << " " << j.problem << " " << j.proof << ": " << verdict_word(j.exit);
    if (j.exit != kOk && !j.message.empty()) std::cout << ": " << one_line(for_console(j.message, j, stage));
    std::cout << "\n";
    worst = worse(worst, j.exit);
  }
  if (worst != kOk && !o.allow_unverified) {
    std::cout << "c not every pair verified: no archive written (--allow-unverified packs them anyway)\ns "
              << verdict_word(worst) << "\n";
    return worst;
  }

  // The theories the checks loaded, from the folder they were loaded from.
  std::map<std::string, std::string> theories;
  for (const Job& j : jobs)
    if (j.record.is_object() && j.record.contains("theories"))
      for (const json& t : j.record["theories"]) {
        std::string s = t.get<std::string>();
        theories[s.substr(0, s.find(' '))] = s.substr(s.find(' ') + 1);
      }
  std::vector<archive::Input> inputs;
  json theory_list = json::array(), members = json::array(), entries = json::array();
  std::map<std::string, json> member_of;
  auto add_member = [&](const std::string& name, const std::string& file) {
    uint64_t size = 0;
    std::string sha = crypto::sha256_file_hex(file, &size);
    member_of[name] = {{"name", name}, {"sha256", sha}, {"size", size}};
    inputs.push_back({name, file, ""});
    return sha;
  };
  std::string theory_dir = check::default_theory_dir();
  for (auto& [name, sha] : theories) {
    std::string member = "theories/" + name + ".hct";
    if (add_member(member, theory_dir + "/" + name + ".hct") != sha)
      throw std::runtime_error(theory_dir + "/" + name + ".hct changed since it was checked");
    theory_list.push_back({{"name", name}, {"member", member}, {"sha256", sha}});
  }
  for (const Job& j : jobs) {
    add_member(j.problem_member, stage + "/" + j.problem_member);
    json e = {{"id", j.id}, {"problem", j.problem_member}, {"proof_format", j.kind},
              {"source", {{"problem", fs::path(j.problem).filename().string()}, {"proof", fs::path(j.proof).filename().string()}}}};
    if (j.has_certificate) {
      add_member(j.certificate_member, stage + "/" + j.certificate_member);
      e["certificate"] = j.certificate_member;
    }
    if (!j.proof_member.empty()) {
      add_member(j.proof_member, stage + "/" + j.proof_member);
      e["proof"] = j.proof_member;
    }
    e["check"] = j.record.is_object() ? j.record
                                      : json{{"verdict", verdict_word(j.exit)}, {"exit", j.exit}, {"message", for_manifest(j.message, j, stage)}};
    entries.push_back(e);
  }
  for (auto& [name, m] : member_of) members.push_back(m);
  json solver = json::object();
  if (!o.solver_name.empty()) solver["name"] = o.solver_name;
  if (!o.solver_version.empty()) solver["version"] = o.solver_version;
  if (!o.solver_cmd.empty()) solver["command"] = o.solver_cmd;
  json manifest = {{"format", archive::kFormatName},
                   {"format_version", archive::kFormatVersion},
                   {"created", created},
                   {"hcert", {{"version", hcert_version()}, {"trusted_sources_sha256", trusted_sources_sha256()}}},
                   {"solver", solver},
                   {"theories", theory_list},
                   {"members", members},
                   {"entries", entries}};
  inputs.push_back({archive::kManifestMember, "", archive::manifest_text(manifest)});
  if (key) inputs.push_back({archive::kEnvelopeMember, "", dsse::sign(dsse::kInTotoPayloadType, archive::statement(manifest).dump(), *key)});
  std::string partial = o.out + ".partial";
  try {
    archive::write_archive(partial, inputs);
    fs::rename(partial, o.out);
  } catch (...) {
    std::error_code ec;
    fs::remove(partial, ec);
    throw;
  }
  uint64_t in_bytes = 0;
  for (const Job& j : jobs) {
    std::error_code ec;
    in_bytes += fs::file_size(j.problem, ec) + fs::file_size(j.proof, ec);
  }
  std::cout << "c wrote " << o.out << ": " << jobs.size() << " entries, " << inputs.size() << " members, "
            << fs::file_size(o.out) << " bytes (problems and proofs given: " << in_bytes << " bytes)"
            << (key ? ", signed by keyid " + key->keyid().substr(0, 16) : ", unsigned") << "\ns " << verdict_word(worst) << "\n";
  return worst;
}

}  // namespace hcert::tool
