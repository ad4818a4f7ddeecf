// Every subcommand hcert has, in the order help lists them. A file that adds subcommands
// declares its list here and appends it in all_subcommands().
#pragma once
#include <vector>

#include "tools/options.hpp"

namespace hcert::tool {

std::vector<Subcommand> core_subcommands();  // tools/hcert.cpp: check, convert, export, stats, kernel

inline std::vector<Subcommand> all_subcommands() {
  std::vector<Subcommand> all = core_subcommands();
  return all;
}

}  // namespace hcert::tool
