// The theory files hcert ships, pinned by SHA-256. Trusted: the elaboration of problems
// (trusted/problem.cpp) relies on what these files define (\/, ~, F, ...), so a
// certificate may include only these files, byte for byte. tests/trusted checks the pins.
#include "trusted/problem.hpp"

namespace hcert::check {

const std::map<std::string, std::string>& pinned_theories() {
  static const std::map<std::string, std::string> pins = {
      {"core", "a04db4b8e079ccdd84c30eab272e200064a2b76080aa55089092fb47051dd802"},
      {"ints", "6a7bee2d9810b80452a682de05d16c96f45b6f0bac7907713da3a9c96c49a9f5"},
      {"reals", "85b1011501911d621c9f7341962248a902948de450abd44493773767fb071958"},
      {"mixed", "5fda55a67bab3985140b94343e66d23a06020ff282ce078059a62ca6f52902fb"},
      {"arrays", "2d1a863ee7096f84053ee83d0faca60c088b1cf8457a4f9204391acd7d58c70c"},
  };
  return pins;
}

}  // namespace hcert::check
