// The theory files hcert ships, pinned by SHA-256. Trusted: the elaboration of problems
// (checker/problem.cpp) relies on what these files define (\/, ~, F, ...), so a
// certificate may include only these files, byte for byte. tests/checker checks the pins.
#include "checker/checker.hpp"

namespace hcert::check {

const std::map<std::string, std::string>& pinned_theories() {
  static const std::map<std::string, std::string> pins = {
      {"core", "a04db4b8e079ccdd84c30eab272e200064a2b76080aa55089092fb47051dd802"},
  };
  return pins;
}

}  // namespace hcert::check
