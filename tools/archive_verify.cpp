// `hcert archive verify`: an archive holds only if its signature (when asked for), every
// member's hash and the member list match, and every certificate re-checks through the
// kernel now: the verdicts stored at creation are shown, never trusted (spec/archive.md).
// Also `archive show` and `archive extract`, which read the same way.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <set>

#include <nlohmann/json.hpp>

#include "tools/archive_ops.hpp"
#include "tools/worker.hpp"

namespace hcert::tool {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The outcome of re-checking one entry.
struct Recheck {
  int exit = kInputError;
  std::string message;
  double seconds = 0;
};

// Re-checks entry number `index`; its worker's output goes to logs/INDEX.check (named by
// index, not by the manifest's id: nothing from the archive makes a path here).
Recheck recheck(const archive::Entry& e, size_t index, const ReadOptions& o, const std::string& files, const std::string& logs) {
  Recheck r;
  if (e.certificate.empty()) {
    r.exit = kIncomplete;
    r.message = "no certificate: its conversion failed when the archive was made";
    return r;
  }
  std::vector<std::string> args = {"check", "--json", "--from", "cert", "--threads", "1", "--theories", files + "/theories"};
  if (!o.time_limit.empty()) args.insert(args.end(), {"--time-limit", o.time_limit});
  if (!o.mem_limit.empty()) args.insert(args.end(), {"--mem-limit", o.mem_limit});
  args.insert(args.end(), {files + "/" + e.problem, files + "/" + e.certificate});
  auto start = std::chrono::steady_clock::now();
  std::string log = logs + "/" + std::to_string(index) + ".check";
  int rc = run_hcert(args, log);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  json rec = last_json_line(log);
  r.exit = rc;  // the exit code is the verdict; the record only describes it
  if (rc > kLimit) {
    r.exit = kInputError;
    r.message = "the check ended with exit " + std::to_string(rc) + " (a crash is a bug in hcert)";
  } else if (!rec.is_object()) {
    if (r.exit == kOk) r.exit = kInputError;
    r.message = "the check gave no readable verdict record (exit " + std::to_string(rc) + ")";
  } else {
    // The worker's paths are of the private folder: name the members instead.
    r.message = replace_all(rec.value("message", ""), files + "/", "");
  }
  return r;
}

}  // namespace

int archive_verify(const ReadOptions& o) {
  TempDir tmp("hcert-verify");
  std::string files = tmp.path() + "/files", logs = tmp.path() + "/logs";
  fs::create_directory(logs);
  OpenedArchive a;
  try {
    a = open_archive(o, files);
  } catch (...) {
    return report_open_error(o.archive, o.json);
  }
  const auto& entries = a.manifest.entries;
  if (entries.empty() && a.integrity.empty()) {
    // Nothing re-checked is nothing verified: an archive stripped of its entries must not
    // read as a success.
    return report_error(o.archive, o.json, kInputError, o.archive + ": manifest.json lists no entries");
  }
  if (o.json) {
    std::cout << json_line({{"archive", o.archive}, {"signature", a.signature}, {"members", a.read.size()}, {"entries", entries.size()}})
              << "\n";
  } else {
    std::cout << "c archive " << o.archive << ": " << entries.size() << " entries, " << a.read.size() << " members, "
              << a.signature << "\n";
  }
  if (!a.integrity.empty()) {
    // A tampered archive is not re-checked: what would be checked is not what was signed.
    for (const std::string& p : a.integrity)
      std::cout << (o.json ? json_line({{"integrity", p}}) : "c integrity: " + one_line(p)) << "\n";
    if (o.json)
      std::cout << json_line({{"archive", o.archive}, {"verdict", "ERROR"}, {"exit", kIntegrity}, {"message", "integrity check failed"}}) << "\n";
    else
      std::cout << "c integrity check failed: " << a.integrity.size() << " problem(s); the entries were not re-checked\ns ERROR\n";
    return kIntegrity;
  }

  std::map<std::string, std::string> sha256_of;
  for (const archive::Member& mem : a.manifest.members) sha256_of[mem.name] = mem.sha256;
  // Re-check on `jobs` worker processes; the lines come out in entry order as soon as
  // every earlier entry is done, progress goes to stderr.
  std::vector<Recheck> results(entries.size());
  std::vector<bool> finished(entries.size());
  size_t printed = 0, done = 0;
  int overall = kOk;
  std::mutex m;
  auto start = std::chrono::steady_clock::now();
  double next_report = 0;
  auto print = [&](size_t i) {
    const archive::Entry& e = entries[i];
    const Recheck& r = results[i];
    std::string stored = e.check.value("verdict", "?");
    if (o.json) {
      std::cout << json_line({{"entry", e.id}, {"problem", e.problem}, {"problem_sha256", sha256_of.at(e.problem)},
                              {"certificate", e.certificate}, {"verdict", verdict_word(r.exit)}, {"exit", r.exit},
                              {"stored_verdict", stored}, {"message", r.message}, {"seconds", r.seconds}})
                << "\n";
    } else {
      std::cout << "c entry " << e.id << " " << e.problem << ": " << verdict_word(r.exit) << " (stored " << one_line(stored) << ")";
      if (!r.message.empty()) std::cout << ": " << one_line(r.message);
      std::cout << "\n";
    }
  };
  for_each_parallel(entries.size(), o.jobs, [&](size_t i) {
    Recheck r = recheck(entries[i], i, o, files, logs);
    std::lock_guard<std::mutex> lock(m);
    results[i] = r;
    finished[i] = true;
    overall = worse(overall, r.exit);
    for (; printed < entries.size() && finished[printed]; ++printed) print(printed);
    std::cout.flush();
    ++done;
    double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (t >= next_report || done == entries.size()) {
      std::cerr << "c verify: " << done << "/" << entries.size() << " re-checked, " << static_cast<int>(t) << " s\n";
      next_report = t + 2;
    }
  });
  size_t good = 0;
  for (const Recheck& r : results) good += r.exit == kOk;
  if (o.json) {
    std::cout << json_line({{"archive", o.archive}, {"verdict", verdict_word(overall)}, {"exit", overall}, {"entries", entries.size()},
                            {"verified", good}, {"signature", a.signature}})
              << "\n";
  } else {
    std::cout << "c " << good << " of " << entries.size() << " entries re-checked VERIFIED; every member's hash matches\ns "
              << verdict_word(overall) << "\n";
  }
  return overall;
}

int archive_show(const ReadOptions& o) {
  OpenedArchive a;
  try {
    a = open_archive(o, "");
  } catch (...) {
    return report_open_error(o.archive, o.json);
  }
  int code = a.integrity.empty() ? kOk : kIntegrity;
  if (o.json) {
    json j = a.manifest.doc;
    j["signature"] = a.signature;
    j["integrity"] = a.integrity;
    std::cout << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    return code;
  }
  const json& d = a.manifest.doc;
  auto text = [&](const json::json_pointer& at) {
    return one_line(d.contains(at) && d[at].is_string() ? d[at].get<std::string>() : std::string("?"));
  };
  std::cout << "archive " << o.archive << "\nformat " << d.value("format_version", 0) << ", created " << text("/created"_json_pointer)
            << "\nhcert " << text("/hcert/version"_json_pointer) << ", trusted sources sha256 "
            << text("/hcert/trusted_sources_sha256"_json_pointer) << "\nsignature: " << a.signature << "\n";
  if (d.contains("solver") && d["solver"].is_object() && !d["solver"].empty()) std::cout << "solver: " << json_line(d["solver"]) << "\n";
  for (const archive::Entry& e : a.manifest.entries) {
    std::cout << "entry " << e.id << ": " << e.problem << " " << (e.certificate.empty() ? "(no certificate)" : e.certificate);
    if (!e.proof.empty()) std::cout << " " << e.proof;
    std::cout << ": stored " << one_line(e.check.value("verdict", "?")) << "\n";
  }
  for (const archive::Member& m : a.read) std::cout << "member " << m.size << " " << m.sha256 << " " << m.name << "\n";
  for (const std::string& p : a.integrity) std::cout << "integrity: " << one_line(p) << "\n";
  return code;
}

int archive_extract(const ReadOptions& o, const std::string& dir) {
  OpenedArchive a;
  try {
    a = open_archive(o, dir);
  } catch (...) {
    return report_open_error(o.archive, false);
  }
  if (!a.integrity.empty()) {
    // Files that do not match the manifest are not left behind as if they were evidence.
    std::set<std::string> folders;
    for (const archive::Member& m : a.read) {
      std::error_code ec;
      fs::remove(dir + "/" + m.name, ec);
      for (size_t slash = m.name.find('/'); slash != std::string::npos; slash = m.name.find('/', slash + 1))
        folders.insert(m.name.substr(0, slash));
    }
    for (auto it = folders.rbegin(); it != folders.rend(); ++it) {  // "a/b" sorts after "a"
      std::error_code ec;
      fs::remove(dir + "/" + *it, ec);  // only when empty
    }
    for (const std::string& p : a.integrity) std::cout << "c integrity: " << one_line(p) << "\n";
    std::cout << "c nothing extracted: the archive does not match its manifest\ns ERROR\n";
    return kIntegrity;
  }
  std::cout << "c extracted " << a.read.size() << " members of " << o.archive << " into " << dir << "; " << a.signature
            << "\nc the stored verdicts are not re-checked: use hcert archive verify\n";
  return kOk;
}

}  // namespace hcert::tool
