// The options table and what is made from it: the CLI11 parser, the man page, the bash
// completion and the version text (tools/options.hpp).
#include "tools/options.hpp"

#include <CLI/CLI.hpp>

#include <cmath>
#include <iostream>
#include <memory>
#include <sstream>

#include "hcert_build_info.hpp"
#include "checker/checker.hpp"

namespace hcert::tool {

const std::vector<Option>& options() {
  static const std::vector<Option> table = {
      {"--from", "", "FORMAT", "the proof's format, instead of recognising it by its content", ValueCheck::Choice,
       {"cert", "script", "lrat", "drat", "frat", "z3", "cvc5", "trace"}},
      {"--output", "-o", "FILE", "where to write (written to a temporary file beside it, renamed when complete)",
       ValueCheck::None},
      {"--pure", "", "", "check without the kernel's fast paths (spec/kernel.md section 12)"},
      {"--json", "", "", "print the audit record, one JSON object (spec/record.schema.json), instead of the text lines"},
      {"--json-file", "", "FILE", "also write the audit record to FILE (the text lines stay on stdout)"},
      {"--time-limit", "", "SEC", "stop with exit 4 after this many seconds (0: no limit)",
       ValueCheck::NonNegativeNumber},
      {"--mem-limit", "", "MB", "limit the address space to this many MiB (exit 4 when reached)",
       ValueCheck::PositiveNumber},
      {"--theories", "", "DIR", "read the pinned theory files from DIR instead of the copies built into hcert",
       ValueCheck::ExistingDirectory},
      {"--threads", "", "N", "threads for an LRAT or DRAT check: 1, or 2 (translation and checker apart)",
       ValueCheck::Choice, {"1", "2"}},
      {"--quiet", "-q", "", "no progress lines on stderr"},
      {"--text", "", "", "write the certificate as text (the default)"},
      {"--binary", "", "", "write the certificate in the binary encoding"},
      {"--zstd", "", "", "compress the output with zstd"},
      {"--theory", "", "", "make a theory file from a kernel script (no problem bound)"},
      {"--problem", "", "FILE", "bind the certificate made from a kernel script to this problem",
       ValueCheck::ExistingFile},
      {"--requires", "", "THEORY,...", "pinned theories the kernel script builds on"},
      {"--lrat", "", "", "export the hints found for a DRAT proof as LRAT text"},
      {"--z3", "", "", "count the rules of a Z3 proof instead of a certificate's records"},
  };
  return table;
}

const Option& option(const std::string& name) {
  for (const Option& o : options())
    if (o.name == name) return o;
  throw std::out_of_range("no option " + name + " in the table");
}

namespace {

// Exit codes as spec/cli.md states them, for the help footer and the man page.
const std::vector<std::pair<int, std::string>>& exit_codes() {
  static const std::vector<std::pair<int, std::string>> codes = {
      {0, "s VERIFIED: the whole input was checked and proves the bound claim"},
      {1, "s NOT VERIFIED: a step was refused by the kernel, or the end theorem is not the claim"},
      {2, "s INCOMPLETE: an unsupported step or a hole"},
      {3, "s ERROR: input error (unreadable, malformed, truncated, wrong problem hash)"},
      {4, "s ERROR: resource limit reached (--time-limit, --mem-limit)"},
      {64, "usage error: unknown subcommand or option, bad value, wrong arguments"},
  };
  return codes;
}

std::string exit_code_footer() {
  std::ostringstream s;
  s << "Exit status:\n";
  for (auto& [code, what] : exit_codes()) s << "  " << code << (code < 10 ? "   " : "  ") << what << "\n";
  s << "See spec/cli.md and hcert(1).";
  return s.str();
}

std::string joined(const std::vector<std::string>& v, const std::string& sep) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? sep : "") + v[i];
  return s;
}

std::string option_names(const Option& o) { return o.short_name.empty() ? o.name : o.short_name + "," + o.name; }

// The choices an option allows in a subcommand: the subcommand's narrowing, else the table's.
const std::vector<std::string>& choices_of(const Option& o, const OptionUse& use) {
  return use.choices.empty() ? o.choices : use.choices;
}

// Values given on the command line, kept per subcommand until the handler runs.
struct Parsed {
  std::vector<std::string> positionals;
  std::map<std::string, std::string> values;
};

// A number of seconds or MiB: the whole value must be a finite number (std::stod alone
// would take "5x" as 5), at least 0, or above 0.
CLI::Validator number_check(bool positive) {
  return CLI::Validator(
      [positive](std::string& value) -> std::string {
        double d = -1;
        size_t used = 0;
        try {
          d = std::stod(value, &used);
        } catch (const std::exception&) {
          used = 0;
        }
        if (used != value.size() || !std::isfinite(d) || d < 0 || (positive && d == 0))
          return std::string("needs a ") + (positive ? "number above 0" : "number, 0 or more") + ", not '" + value + "'";
        return "";
      },
      positive ? "NUMBER > 0" : "NUMBER >= 0");
}

void add_option(CLI::App& app, const Option& o, const OptionUse& use, Parsed& parsed) {
  CLI::Option* opt;
  if (o.value_name.empty()) {
    opt = app.add_flag(option_names(o), o.help)->disable_flag_override();  // "--pure=yes" is an error
  } else {
    opt = app.add_option(option_names(o), parsed.values[o.name], o.help);
    opt->type_name(o.value_name);
  }
  if (use.required) opt->required();
  switch (o.check) {
    case ValueCheck::None: break;
    case ValueCheck::NonNegativeNumber: opt->check(number_check(false)); break;
    case ValueCheck::PositiveNumber: opt->check(number_check(true)); break;
    case ValueCheck::Choice: opt->check(CLI::IsMember(choices_of(o, use))); break;
    case ValueCheck::ExistingDirectory: opt->check(CLI::ExistingDirectory); break;
    case ValueCheck::ExistingFile: opt->check(CLI::ExistingFile); break;
  }
}

// What stays true of every usage line: the program's name.
std::string usage_line(const Subcommand& s, const std::string& synopsis) { return "hcert " + s.name + " " + synopsis; }

}  // namespace

std::string version_text() {
  std::ostringstream s;
  s << "hcert " << HCERT_VERSION << "\n"
    << "trusted sources: sha256 " << HCERT_TRUSTED_SHA256 << " (" << HCERT_TRUSTED_FILES
    << " files; `make trusted-sha256` in the source tree lists them)\n";
  for (auto& [name, sha] : check::pinned_theories()) s << "theory " << name << " sha256 " << sha << "\n";
  return s.str();
}

int run_command_line(int argc, char** argv, const std::vector<Subcommand>& subcommands) {
  CLI::App app("hcert re-checks SAT and SMT solvers' proofs through a small HOL kernel.", "hcert");
  app.set_version_flag("--version", [] {
    std::string v = version_text();
    return v.substr(0, v.size() - 1);  // CLI11 ends the line
  }, "print the version, the trusted sources' hash and the theory pins");
  app.require_subcommand(1, 1);
  app.footer(exit_code_footer());
  bool man = false;
  std::string completion;
  app.add_flag("--man", man, "print the man page hcert(1)")->group("");
  app.add_option("--completion", completion, "print a completion script")->check(CLI::IsMember({"bash"}))->group("");

  std::vector<std::unique_ptr<Parsed>> parsed;
  std::vector<CLI::App*> apps;
  for (const Subcommand& s : subcommands) {
    CLI::App* sub = app.add_subcommand(s.name, s.summary);
    parsed.push_back(std::make_unique<Parsed>());
    Parsed& p = *parsed.back();
    std::string footer = "Forms:\n";
    for (const std::string& line : s.synopsis) footer += "  " + usage_line(s, line) + "\n";
    if (!s.description.empty()) footer += "\n" + s.description + "\n";
    sub->footer(footer + "\n" + exit_code_footer());
    // All positionals land in one list, checked for count here and named in the usage.
    int min = 0, max = 0;
    for (const Positional& pos : s.positionals) min += pos.optional ? 0 : 1, max += 1;
    std::string names;
    for (const Positional& pos : s.positionals) names += (names.empty() ? "" : " ") + pos.name;
    if (max > 0) {
      std::string help;
      for (const Positional& pos : s.positionals) help += (help.empty() ? "" : "; ") + pos.name + ": " + pos.help;
      sub->add_option("FILES", p.positionals, help)->type_name(names)->expected(min, max)->required();
    }
    for (const OptionUse& use : s.options) add_option(*sub, option(use.name), use, p);
    apps.push_back(sub);
  }
  // --man and --completion stand alone: no subcommand needed then.
  app.require_subcommand(0, 1);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);  // help on stdout, exit 0
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "hcert: " << e.what() << "\n";
    std::cerr << "Run with --help for more information.\n";
    return kUsage;
  }
  if (man) {
    std::cout << man_page(subcommands);
    return 0;
  }
  if (!completion.empty()) {
    std::cout << bash_completion(subcommands);
    return 0;
  }
  for (size_t i = 0; i < subcommands.size(); ++i) {
    if (!apps[i]->parsed()) continue;
    Args a;
    a.pos = parsed[i]->positionals;
    for (const OptionUse& use : subcommands[i].options) {
      const Option& o = option(use.name);
      if (apps[i]->get_option(o.name)->count() == 0) continue;
      a.opt[o.name] = o.value_name.empty() ? "" : parsed[i]->values[o.name];
    }
    return subcommands[i].run(a);
  }
  std::cerr << "hcert: a subcommand is required (" << [&] {
    std::vector<std::string> names;
    for (const Subcommand& s : subcommands) names.push_back(s.name);
    return joined(names, ", ");
  }() << ")\nRun with --help for more information.\n";
  return kUsage;
}

namespace {

// roff needs backslashes doubled and a leading '.' or '\'' kept from being a request.
std::string roff(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else out += c;
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out = "\\&" + out;
  return out;
}

}  // namespace

std::string man_page(const std::vector<Subcommand>& subcommands) {
  std::ostringstream m;
  m << ".TH HCERT 1 \"\" \"hcert " << HCERT_VERSION << "\" \"User Commands\"\n"
    << ".SH NAME\nhcert \\- re\\-check SAT and SMT solvers' proofs through a small HOL kernel\n"
    << ".SH SYNOPSIS\n";
  for (const Subcommand& s : subcommands)
    for (const std::string& line : s.synopsis) m << ".B hcert " << roff(s.name) << "\n" << roff(line) << "\n.br\n";
  m << ".B hcert\n\\-\\-help | \\-\\-version\n"
    << ".SH DESCRIPTION\n"
    << "hcert checks a solver's answer without trusting the solver: every step goes through a small\n"
    << "LCF\\-style kernel for HOL Light's logic. One line starting with\n.B s\ngives the verdict on standard output;\n"
    << "comment lines start with\n.BR c .\nThe pinned theory files are built into the binary;\n"
    << ".B \\-\\-theories\nreads them from a directory instead (their SHA\\-256 is checked either way).\n"
    << ".SH COMMANDS\n";
  for (const Subcommand& s : subcommands) {
    m << ".SS " << roff(s.name) << "\n" << roff(s.summary) << "\n";
    if (!s.description.empty()) m << ".PP\n" << roff(s.description) << "\n";
    for (const Positional& p : s.positionals) m << ".TP\n.I " << roff(p.name) << "\n" << roff(p.help) << "\n";
    for (const OptionUse& use : s.options) {
      const Option& o = option(use.name);
      m << ".TP\n\\fB" << roff(option_names(o)) << "\\fR";
      if (!o.value_name.empty()) m << " \\fI" << roff(o.value_name) << "\\fR";
      m << "\n" << roff(o.help);
      if (!choices_of(o, use).empty()) m << " (" << roff(joined(choices_of(o, use), ", ")) << ")";
      m << "\n";
    }
  }
  m << ".SH EXIT STATUS\n";
  for (auto& [code, what] : exit_codes()) m << ".TP\n.B " << code << "\n" << roff(what) << "\n";
  m << ".SH ENVIRONMENT\n.TP\n.B HCERT_Z3_HOLES=1\nprint each hole of a Z3 translation on stderr.\n"
    << ".TP\n.B HCERT_Z3_COST=1\nprint the Z3 translation's costly steps on stderr.\n"
    << ".TP\n.B HCERT_CVC5_HOLES=1, HCERT_CVC5_COST=1\nthe same for a cvc5 proof.\n"
    << ".SH EXAMPLES\n.nf\ncadical p.cnf p.drat; hcert check p.cnf p.drat\n"
    << "hcert check \\-\\-json p.cnf p.drat > record.json\n"
    << "hcert convert \\-\\-from drat p.cnf p.drat \\-o p.hcb.zst \\-\\-binary \\-\\-zstd\n.fi\n"
    << ".SH SEE ALSO\nspec/cli.md, spec/format.md, spec/record.schema.json in the source tree.\n";
  return m.str();
}

std::string bash_completion(const std::vector<Subcommand>& subcommands) {
  std::ostringstream c;
  std::vector<std::string> names;
  for (const Subcommand& s : subcommands) names.push_back(s.name);
  c << "# bash completion for hcert, generated by `hcert --completion bash`.\n"
    << "_hcert() {\n"
    << "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} sub=${COMP_WORDS[1]}\n"
    << "  if [ \"$COMP_CWORD\" -eq 1 ]; then\n"
    << "    COMPREPLY=($(compgen -W '" << joined(names, " ") << " --help --version' -- \"$cur\")); return\n"
    << "  fi\n"
    << "  case \"$sub $prev\" in\n";
  for (const Subcommand& s : subcommands)
    for (const OptionUse& use : s.options) {
      const Option& o = option(use.name);
      if (o.value_name.empty()) continue;
      std::string pattern = "\"" + s.name + " " + o.name + "\"" + (o.short_name.empty() ? "" : "|\"" + s.name + " " + o.short_name + "\"");
      if (!choices_of(o, use).empty())
        c << "    " << pattern << ") COMPREPLY=($(compgen -W '" << joined(choices_of(o, use), " ") << "' -- \"$cur\")); return ;;\n";
      else if (o.check == ValueCheck::ExistingDirectory)
        c << "    " << pattern << ") COMPREPLY=($(compgen -d -- \"$cur\")); return ;;\n";
      else if (o.value_name == "FILE")
        c << "    " << pattern << ") COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n";
      else
        c << "    " << pattern << ") return ;;\n";
    }
  c << "  esac\n  case \"$cur\" in\n    -*)\n      case \"$sub\" in\n";
  for (const Subcommand& s : subcommands) {
    std::vector<std::string> opts = {"--help"};
    for (const OptionUse& use : s.options) opts.push_back(option(use.name).name);
    c << "        " << s.name << ") COMPREPLY=($(compgen -W '" << joined(opts, " ") << "' -- \"$cur\")) ;;\n";
  }
  c << "      esac ;;\n    *) COMPREPLY=($(compgen -f -- \"$cur\")) ;;\n  esac\n}\ncomplete -o filenames -F _hcert hcert\n";
  return c.str();
}

}  // namespace hcert::tool
