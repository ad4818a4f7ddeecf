#include "formats/sat_proof_kind.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace hcert {

namespace {

// Why parse rather than look at the first byte: binary DRAT and binary LRAT both start
// with 'a' or 'd' followed by varints, and FRAT may start with 'a' or 'd' too. Each
// binary grammar is run over the head; a grammar fits if every step up to the end of the
// head (where the last step may be cut) parses, and the steps of the others soon do not
// (an LRAT addition has two lists, where DRAT's next step letter would be a hint).
class BinaryHead {
 public:
  explicit BinaryHead(std::string_view h) : h_(h) {}
  // The steps read before the head ends; -1 if the bytes do not fit the grammar.
  long drat() {
    return steps([&](unsigned char c) {
      if (c != 'a' && c != 'd') return false;
      return list();
    });
  }
  long lrat() {
    return steps([&](unsigned char c) {
      if (c == 'd') return list();
      if (c != 'a') return false;
      return varint() && list() && list();
    });
  }
  // FRAT: also says whether a letter only FRAT has ('o', 'f', 'l', 'r', 't') was seen.
  long frat(bool& own_letter) {
    own_letter = false;
    return steps([&](unsigned char c) {
      switch (c) {
        case 'o': case 'f': case 'l': case 'r': case 't':
          own_letter = true;
          return c == 'l' || c == 'r' ? list() : varint() && list();
        case 'a': case 'd':
          return varint() && list();
        default:
          return false;
      }
    });
  }

 private:
  template <class Step>
  long steps(Step step) {
    pos_ = 0;
    long n = 0;
    while (pos_ < h_.size()) {
      unsigned char c = static_cast<unsigned char>(h_[pos_++]);
      cut_ = false;
      if (!step(c)) return cut_ ? n : -1;
      ++n;
    }
    return n;
  }
  bool varint() {  // false at the end of the head (cut_) or when too long
    for (int k = 0; k < 10; ++k) {
      if (pos_ >= h_.size()) return !(cut_ = true);
      if (!(static_cast<unsigned char>(h_[pos_++]) & 0x80)) return true;
    }
    return false;
  }
  bool list() {  // varints up to a 0
    for (;;) {
      if (pos_ >= h_.size()) return !(cut_ = true);
      if (h_[pos_] == 0) return ++pos_, true;
      if (!varint()) return false;
    }
  }
  std::string_view h_;
  size_t pos_ = 0;
  bool cut_ = false;
};

std::vector<std::string_view> tokens(std::string_view line) {
  std::vector<std::string_view> t;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') ++j;
    if (j > i) t.push_back(line.substr(i, j - i));
    i = j;
  }
  return t;
}

bool integer(std::string_view t) {
  size_t i = !t.empty() && t[0] == '-';
  if (i == t.size()) return false;
  for (; i < t.size(); ++i)
    if (t[i] < '0' || t[i] > '9') return false;
  return true;
}

// Text: FRAT lines start with a step letter other than 'd' ('o', 'a', 'f', 'r', 't'), or
// are 'd' with a list; LRAT lines start with an id followed by 'd' or carry two 0s (the
// clause's and the hints'); DRAT lines carry one 0, or start with 'd'.
SatProofKind text_kind(std::string_view head) {
  int lrat = 0, drat = 0;
  size_t at = 0;
  for (int lines = 0; at < head.size() && lines < 64;) {
    size_t nl = head.find('\n', at);
    bool whole = nl != std::string_view::npos;
    std::string_view line = head.substr(at, whole ? nl - at : std::string_view::npos);
    at = whole ? nl + 1 : head.size();
    std::vector<std::string_view> t = tokens(line);
    if (t.empty() || t[0][0] == 'c') continue;
    ++lines;
    const std::string_view& f = t[0];
    if (f == "o" || f == "a" || f == "f" || f == "r" || f == "t") return SatProofKind::FratText;
    if (!whole) break;  // a cut line says nothing more
    if (f == "d") {
      ++drat;  // DRAT's deletion, or FRAT's (which has an 'a' or 'o' somewhere near)
      continue;
    }
    if (!integer(f)) return SatProofKind::Unknown;
    if (t.size() >= 2 && t[1] == "d") {
      ++lrat;
      continue;
    }
    int zeros = 0;
    for (const auto& x : t) zeros += x == "0";
    if (zeros >= 2) ++lrat;
    else ++drat;
  }
  if (lrat > 0) return SatProofKind::LratText;
  return drat > 0 ? SatProofKind::DratText : SatProofKind::Unknown;
}

}  // namespace

SatProofKind sniff_sat_proof(std::string_view head) {
  size_t first = head.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return SatProofKind::Unknown;
  bool binary = false;
  for (unsigned char c : head.substr(0, 4096))
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') binary = true;
  if (!binary) return text_kind(head);
  BinaryHead b(head);
  bool own = false;
  long fr = b.frat(own), lr = b.lrat(), dr = b.drat();
  if (fr > 0 && own && fr >= dr && fr >= lr) return SatProofKind::FratBinary;
  // Both may fit a head of deletions only; the grammar that reads more steps wins, DRAT
  // on a tie (the more common, and the cheaper to check wrongly guessed: it needs no ids).
  if (dr > 0 && dr >= lr) return SatProofKind::DratBinary;
  if (lr > 0) return SatProofKind::LratBinary;
  if (fr > 0) return SatProofKind::FratBinary;
  return SatProofKind::Unknown;
}

const char* sat_proof_family(SatProofKind k) {
  switch (k) {
    case SatProofKind::DratText: case SatProofKind::DratBinary: return "drat";
    case SatProofKind::LratText: case SatProofKind::LratBinary: return "lrat";
    case SatProofKind::FratText: case SatProofKind::FratBinary: return "frat";
    default: return "";
  }
}

bool sat_proof_binary(SatProofKind k) {
  return k == SatProofKind::DratBinary || k == SatProofKind::LratBinary || k == SatProofKind::FratBinary;
}

}  // namespace hcert
