// The command line's one table of options and subcommands. The table drives the parser
// (CLI11), `--help`, the man page hcert(1) and the bash completion, so what the parser
// accepts, what help shows and what the manual says cannot drift apart. The subcommands'
// work lives elsewhere (tools/hcert.cpp, tools/archive_cmd.cpp); a file adds a subcommand
// by returning a Subcommand from a function listed in tools/subcommands.hpp.
#pragma once
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace hcert::tool {

// Exit code of a usage error (spec/cli.md): unknown option, bad value, wrong arguments.
constexpr int kUsage = 64;

// What an option's value must be; the parser refuses anything else, naming the option.
enum class ValueCheck { None, NonNegativeNumber, PositiveNumber, Choice, ExistingDirectory, ExistingFile };

// One option of the table. A flag has an empty value_name.
struct Option {
  std::string name;        // "--time-limit"
  std::string short_name;  // "-o", or empty
  std::string value_name;  // "SEC"; empty for a flag
  std::string help;        // one sentence for --help and the man page
  ValueCheck check = ValueCheck::None;
  std::vector<std::string> choices = {};  // for ValueCheck::Choice (a subcommand may narrow them)
};

// The whole table, in the order help lists options.
const std::vector<Option>& options();
const Option& option(const std::string& name);  // throws std::out_of_range for a name not in the table

// A subcommand's parsed arguments: its positionals in order, and every option given, by
// its long name ("--from"), with its value ("" for a flag).
struct Args {
  std::vector<std::string> pos;
  std::map<std::string, std::string> opt;
  bool has(const std::string& k) const { return opt.count(k) != 0; }
  std::string get(const std::string& k, const std::string& dflt = "") const {
    auto it = opt.find(k);
    return it == opt.end() ? dflt : it->second;
  }
};

// An option a subcommand takes, by its name in the table, with the choices this
// subcommand allows when they are fewer than the table's.
struct OptionUse {
  std::string name;
  std::vector<std::string> choices = {};
  bool required = false;
};

// A positional argument; optional ones come last.
struct Positional {
  std::string name;  // "PROBLEM"
  std::string help;
  bool optional = false;
};

struct Subcommand {
  std::string name;
  std::string summary;                // one line for the overview
  std::vector<std::string> synopsis;  // usage lines after "hcert NAME"
  std::vector<Positional> positionals;
  std::vector<OptionUse> options;
  std::string description;            // a paragraph for --help and the man page
  std::function<int(const Args&)> run;  // returns the exit code
};

// What `hcert --version` prints: the version, the trusted sources' hash, the theory pins.
std::string version_text();

// Parses argv against the subcommands and runs the chosen one. Returns the exit code:
// the subcommand's, 0 for --help and --version (printed on stdout), kUsage for a usage
// error (its message, naming the option, on stderr).
int run_command_line(int argc, char** argv, const std::vector<Subcommand>& subcommands);

// The man page hcert(1) (roff) and the bash completion script, from the same table.
std::string man_page(const std::vector<Subcommand>& subcommands);
std::string bash_completion(const std::vector<Subcommand>& subcommands);

}  // namespace hcert::tool
