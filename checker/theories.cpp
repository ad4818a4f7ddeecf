// The theory files hcert ships, pinned by SHA-256. Trusted: the elaboration of problems
// (checker/problem.cpp) relies on what these files define (\/, ~, F, ...), so a
// certificate may include only these files, byte for byte. tests/checker checks the pins.
#include "checker/checker.hpp"

namespace hcert::check {

const std::map<std::string, std::string>& pinned_theories() {
  static const std::map<std::string, std::string> pins = {
      {"core", "92b1b9d8fd4ca6d85392df3738782c47d0c91dac03a4c5ee14c753464cad1e0d"},
  };
  return pins;
}

}  // namespace hcert::check
