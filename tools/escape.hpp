// Names and messages from untrusted input, made safe to print: a proof can name a rule
// "\x1b[31m..." to recolour the terminal, or hold bytes that are not UTF-8 and would make
// the JSON record invalid. Every line hcert prints about its inputs goes through here.
#pragma once
#include <string>

namespace hcert::tool {

// The text with control characters (C0, DEL, C1) and bytes that are not part of valid
// UTF-8 written as \xNN; valid UTF-8 otherwise unchanged.
std::string printable(const std::string& text);

}  // namespace hcert::tool
