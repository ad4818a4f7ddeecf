// The hcert command line. See spec/cli.md for the contract: one `s` verdict line, `c`
// comment lines, and exit codes 0 verified, 1 rejected, 2 incomplete, 3 input error,
// 4 resource limit.
#include <fstream>
#include <iostream>
#include <sstream>

#include "formats/hol_text.hpp"
#include "formats/script.hpp"

namespace {

enum Exit { Verified = 0, Rejected = 1, Incomplete = 2, InputError = 3, Limit = 4, Usage = 64 };

int usage() {
  std::cerr << "usage: hcert kernel SCRIPT     check a kernel proof script (spec/format.md)\n";
  return Usage;
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

int kernel_script(const std::string& path) {
  std::string text;
  if (!read_file(path, text)) {
    std::cout << "c cannot read " << path << "\ns ERROR\n";
    return InputError;
  }
  try {
    hcert::Thm th = hcert::run_script(text);
    std::cout << "c theorem " << hcert::text::print(th) << "\n";
    std::cout << "c axioms";
    if (th.axioms().empty()) std::cout << " (none)";
    for (uint32_t a : th.axioms()) std::cout << " " << hcert::Kernel::axioms()[a].name;
    std::cout << "\ns VERIFIED\n";
    return Verified;
  } catch (const hcert::ScriptError& e) {
    std::cout << "c " << path << ": " << e.what() << "\n";
    std::cout << (e.rejected ? "s NOT VERIFIED\n" : "s ERROR\n");
    return e.rejected ? Rejected : InputError;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  std::string cmd = argv[1];
  if (cmd == "kernel" && argc == 3) return kernel_script(argv[2]);
  return usage();
}
