#include "tools/audit_record.hpp"

#include <nlohmann/json.hpp>

#include "hcert_build_info.hpp"
#include "formats/hol_text.hpp"
#include "tools/escape.hpp"

namespace hcert::tool {

namespace {

// Keys in the order the schema lists them (timing last, so runs compare by cutting it off).
using json = nlohmann::ordered_json;

const char* verdict_name(check::Outcome o) {
  switch (o) {
    case check::Outcome::Verified: return "VERIFIED";
    case check::Outcome::Rejected: return "NOT VERIFIED";
    case check::Outcome::Incomplete: return "INCOMPLETE";
    default: return "ERROR";
  }
}

json names(const std::vector<std::string>& v) {
  json a = json::array();
  for (const std::string& s : v) a.push_back(printable(s));
  return a;
}

json counts(const std::map<std::string, uint64_t>& m) {
  json o = json::object();
  for (auto& [name, n] : m) o[printable(name)] = n;
  return o;
}

json file(const std::string& path, const FileDigest& d) {
  return {{"path", printable(path)}, {"sha256", d.sha256}, {"bytes", d.bytes}};
}

// A term's text can be exponentially longer than its DAG (a hostile certificate can make
// it so): each printed part gets at most this many characters, and a part cut short makes
// "complete" false, so the record never passes a cut statement off as whole.
constexpr size_t kStatementLimit = size_t(1) << 28;

json statement(const check::Report& rep) {
  if (!rep.final_thm) return nullptr;
  const Thm& th = *rep.final_thm;
  json hyps = json::array();
  bool complete = true;
  size_t budget = kStatementLimit;
  for (const Term& h : th.hyps()) {
    if (budget == 0) {
      complete = false;
      break;
    }
    std::string text = text::print_brief(h, budget);
    if (text.size() > budget) complete = false, text.resize(budget);
    budget -= text.size();
    hyps.push_back(printable(text));
  }
  std::string concl = text::print_brief(th.concl(), kStatementLimit);
  if (concl.size() > kStatementLimit) complete = false, concl.resize(kStatementLimit);
  return {{"hypotheses", hyps}, {"hypothesis_count", th.hyps().size()}, {"conclusion", printable(concl)},
          {"complete", complete}};
}

}  // namespace

std::string audit_record(const CheckFacts& f) {
  const check::Report& rep = f.report;
  json j = {
      {"hcert", {{"version", HCERT_VERSION}, {"trusted_sha256", HCERT_TRUSTED_SHA256}}},
      {"verdict", verdict_name(rep.outcome)},
      {"exit", static_cast<int>(rep.outcome)},
      {"message", printable(rep.message)},
      {"problem", file(f.problem, f.problem_digest)},
      {"proof", file(f.proof, f.proof_digest)},
      {"proof_format", f.proof_format},
      {"problem_bound_sha256", rep.problem_sha256},
      {"statement", statement(rep)},
      {"axioms", names(rep.axioms)},
      {"holes", names(rep.holes)},
      {"theories", names(rep.theories)},
      {"kernel_fast_paths", counts(rep.fast_paths)},
      {"pure", f.pure},
      {"records", rep.records},
      {"steps", rep.steps},
      {"rules", counts(rep.rules)},
      {"peak_live_objects", rep.peak_live},
      {"seconds", f.seconds},
      {"peak_rss_kb", f.peak_rss_kb},
  };
  return j.dump(-1, ' ', false, json::error_handler_t::strict) + "\n";
}

}  // namespace hcert::tool
