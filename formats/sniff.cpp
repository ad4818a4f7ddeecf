#include "formats/sniff.hpp"

#include "formats/sat_proof_kind.hpp"

#include <string>

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

// DRAT, LRAT or FRAT, text or binary (formats/sat_proof_kind.hpp tells them apart).
Look sat_proof(const std::string& head) {
  SatProofKind k = sniff_sat_proof(head);
  const char* family = sat_proof_family(k);
  if (!*family) return {"", ""};
  std::string name = family;
  for (char& c : name) c = static_cast<char>(c - 'a' + 'A');
  return {family, std::string(sat_proof_binary(k) ? "a binary " : "a text ") + name + " proof"};
}

// A cvc5 proof (formats/cvc5proof.hpp): [unsupported|success lines] [unsat] "(" alone, then "(let ((_let_" or a rule
// application "(RULE" (upper case). Z3's proofs also follow "unsat", with "((set-logic"
// or "(proof".
bool cvc5_proof(const std::string& head) {
  size_t at = head.find_first_not_of(" \t\r\n");
  while (at != std::string::npos && (head.compare(at, 12, "unsupported\n") == 0 || head.compare(at, 8, "success\n") == 0))
    at = head.find_first_not_of(" \t\r\n", head.find('\n', at));
  if (at != std::string::npos && head.compare(at, 5, "unsat") == 0) at = head.find_first_not_of(" \t\r\n", at + 5);
  if (at == std::string::npos || head[at] != '(') return false;
  at = head.find_first_not_of(" \t\r\n", at + 1);
  if (at == std::string::npos || head[at] != '(' || at + 1 >= head.size()) return false;
  return head.compare(at, 12, "(let ((_let_") == 0 || (head[at + 1] >= 'A' && head[at + 1] <= 'Z');
}

}  // namespace

Look sniff_proof(const std::string& head) {
  if (head.empty()) return {"", "an empty file"};
  if (starts_with(head, "\x89HCT")) return {"trace", "a binary hcert trace"};  // spec/trace.md
  if (starts_with(head, "hcert-trace ")) return {"trace", "a text hcert trace"};
  if (starts_with(head, "HCB1")) return {"cert", "a binary hcert certificate"};
  // Before the test for text: a certificate's quoted names may hold any byte.
  if (starts_with(head, "hcert ") || starts_with(head, "#")) return {"cert", "a text hcert certificate"};
  if (!text_like(head)) {
    if (Look sat = sat_proof(head); !sat.kind.empty()) return sat;
    return {"", "binary data hcert does not recognise"};
  }
  if (cvc5_proof(head)) return {"cvc5", "a cvc5 proof"};
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
  if (Look sat = sat_proof(head); !sat.kind.empty()) return sat;
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
