// What an input holds, recognised by its first bytes (after decompression), never by its
// name: a proof may come on stdin or under any name, and CaDiCaL writes binary LRAT or
// DRAT to whatever file it is given. What hcert does not read is named, so the error can
// say what the file looks like.
#pragma once
#include <string>

namespace hcert {

// How many leading bytes the sniffers look at (fewer at the end of a short input).
constexpr size_t kSniffBytes = 4096;

struct Look {
  std::string kind;  // what hcert reads it as ("cert", "lrat", "drat", "z3"; "dimacs",
                     // "smtlib2"), or "" when it does not read it
  std::string what;  // what it looks like, for messages: "a binary DRAT proof"
};

// A proof: an hcert certificate (text or binary), an LRAT or DRAT proof (text or binary),
// or a Z3 proof; else a description of what it seems to be (FRAT, VeriPB, Alethe, a
// problem given as the proof, empty, ...).
Look sniff_proof(const std::string& head);
// A problem: DIMACS CNF or an SMT-LIB 2 script.
Look sniff_problem(const std::string& head);

}  // namespace hcert
