#include "formats/sniff.hpp"

#include <cstdint>
#include <vector>

namespace hcert {

namespace {

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

// The first line that is neither blank nor a comment ("c ..." in DIMACS-like formats),
// without leading blanks.
std::string first_content_line(const std::string& head, char comment) {
  size_t at = 0;
  while (at < head.size()) {
    size_t nl = head.find('\n', at);
    std::string line = head.substr(at, nl == std::string::npos ? std::string::npos : nl - at);
    at = nl == std::string::npos ? head.size() : nl + 1;
    size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) continue;
    line.erase(0, first);
    if (line[0] == comment && (line.size() == 1 || line[1] == ' ' || line[1] == '\t')) continue;
    return line;
  }
  return "";
}

bool text_like(const std::string& head) {
  for (unsigned char c : head)
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') return false;
  return true;
}

// The whitespace-separated words of a line.
std::vector<std::string> words(const std::string& line) {
  std::vector<std::string> w;
  size_t i = 0;
  while (i < line.size()) {
    size_t j = line.find_first_of(" \t\r", i);
    if (j == std::string::npos) j = line.size();
    if (j > i) w.push_back(line.substr(i, j - i));
    i = j + 1;
  }
  return w;
}

bool integer(const std::string& w) {
  size_t i = w.size() > 1 && w[0] == '-' ? 1 : 0;
  if (i == w.size()) return false;
  for (; i < w.size(); ++i)
    if (w[i] < '0' || w[i] > '9') return false;
  return true;
}

// Binary DRAT and binary LRAT both use 'a'/'d' records of LEB128 numbers ending in 0; they
// differ in shape. A reader of the head in each shape says how many whole records it read
// before the head ended (a record cut by the end of the head counts as read), or -1 when
// the bytes do not have that shape.
class Varints {
 public:
  explicit Varints(const std::string& s) : s_(s) {}
  bool done() const { return at_ >= s_.size(); }
  int byte() { return done() ? -1 : static_cast<unsigned char>(s_[at_++]); }
  // The next number; false at the end of the head.
  bool next(uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = byte();
      if (b < 0) return false;
      v |= uint64_t(b & 0x7f) << shift;
      if (!(b & 0x80)) return true;
    }
    return false;
  }

 private:
  const std::string& s_;
  size_t at_ = 0;
};

long binary_drat_records(const std::string& head) {
  Varints in(head);
  long records = 0;
  while (!in.done()) {
    int tag = in.byte();
    if (tag != 'a' && tag != 'd') return -1;
    uint64_t v;
    while (in.next(v) && v != 0) {
    }
    ++records;
  }
  return records;
}

// LRAT: 'a' id lits 0 hints 0 with ids positive (2|id|) and increasing; 'd' ids 0.
long binary_lrat_records(const std::string& head) {
  Varints in(head);
  long records = 0;
  uint64_t last_id = 0;
  while (!in.done()) {
    int tag = in.byte();
    uint64_t v;
    if (tag == 'a') {
      if (!in.next(v)) return records;
      if (v == 0 || v % 2 || v / 2 <= last_id) return -1;
      last_id = v / 2;
      for (int zeros = 0; zeros < 2;) {
        if (!in.next(v)) return records + 1;
        if (v == 0) ++zeros;
      }
    } else if (tag == 'd') {
      while (in.next(v) && v != 0) {
      }
    } else {
      return -1;
    }
    ++records;
  }
  return records;
}

Look binary_sat_proof(const std::string& head) {
  long drat = binary_drat_records(head), lrat = binary_lrat_records(head);
  if (lrat > 0 && drat < 0) return {"lrat", "a binary LRAT proof"};
  if (drat > 0) return {"drat", "a binary DRAT proof"};
  if (!head.empty() && (head[0] == 'o' || head[0] == 'f' || head[0] == 'l'))
    return {"", "a binary FRAT proof"};
  return {"", "binary data hcert does not recognise"};
}

// A text line of numbers: LRAT when it starts with a clause id followed by literals, 0 and
// hints, 0 (two zeros), or is "ID d ..."; else DRAT (a clause, or "d" and a clause).
Look text_sat_proof(const std::string& line) {
  std::vector<std::string> w = words(line);
  if (w.size() >= 2 && integer(w[0]) && w[1] == "d") return {"lrat", "a text LRAT proof"};
  if (!w.empty() && w[0] == "d") return {"drat", "a text DRAT proof"};
  size_t zeros = 0;
  for (const std::string& x : w) {
    if (!integer(x)) return {"", ""};
    if (x == "0") ++zeros;
  }
  if (w.empty()) return {"", ""};
  return zeros >= 2 ? Look{"lrat", "a text LRAT proof"} : Look{"drat", "a text DRAT proof"};
}

}  // namespace

Look sniff_proof(const std::string& head) {
  if (head.empty()) return {"", "an empty file"};
  if (starts_with(head, "HCB1")) return {"cert", "a binary hcert certificate"};
  // Before the test for text: a certificate's quoted names may hold any byte.
  if (starts_with(head, "hcert ") || starts_with(head, "#")) return {"cert", "a text hcert certificate"};
  if (!text_like(head)) return binary_sat_proof(head);
  std::string first = first_content_line(head, 'c');
  if (first == "unsat" || starts_with(first, "((set-logic") || starts_with(first, "(proof"))
    return {"z3", "a Z3 proof"};
  if (first.empty()) return {"drat", "a text DRAT proof with no steps"};  // only comments
  if (starts_with(first, "p cnf")) return {"", "a DIMACS CNF problem, not a proof"};
  if (starts_with(first, "pseudo-Boolean proof")) return {"", "a VeriPB proof"};
  if (starts_with(first, "(assume ") || starts_with(first, "(step ") || starts_with(first, "(anchor "))
    return {"", "an Alethe proof (cvc5, veriT)"};
  if (starts_with(first, "(check") || starts_with(first, "(define ")) return {"", "an LFSC proof (cvc5)"};
  if (starts_with(first, "(set-") || starts_with(first, "(declare-") || starts_with(first, "(assert"))
    return {"", "an SMT-LIB problem, not a proof"};
  if (starts_with(first, "s ") || starts_with(first, "v ")) return {"", "a solver's output, not a proof"};
  for (const char* frat : {"o ", "a ", "f ", "l "})
    if (starts_with(first, frat)) return {"", "a text FRAT proof"};
  Look sat = text_sat_proof(first);
  if (!sat.kind.empty()) return sat;
  return {"", "text hcert does not recognise"};
}

Look sniff_problem(const std::string& head) {
  if (head.empty()) return {"", "an empty file"};
  if (!text_like(head)) return {"", "binary data, not a DIMACS or SMT-LIB problem"};
  std::string first = first_content_line(head, 'c');
  if (starts_with(first, "p cnf")) return {"dimacs", "a DIMACS CNF problem"};
  if (starts_with(first, "(") || starts_with(first, ";")) return {"smtlib2", "an SMT-LIB 2 script"};
  if (starts_with(head, "hcert ")) return {"", "an hcert certificate, not a problem"};
  return {"", "text that is neither DIMACS CNF (no 'p cnf' line) nor SMT-LIB 2"};
}

}  // namespace hcert
