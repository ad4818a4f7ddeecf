// What every libFuzzer harness in tests/fuzz/ shares: the input runs through one entry
// point the way `hcert check` runs it, and must end in a defined outcome. The project's
// error types (a format error with its place, a checker failure with its outcome, a kernel
// refusal, out of memory) are outcomes; any other exception is a bug in hcert and aborts,
// which libFuzzer records as a crash, like the sanitizers' reports.
#pragma once
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <new>
#include <string>
#include <unistd.h>

#include "checker/checker.hpp"
#include "formats/cert.hpp"
#include "kernel/type.hpp"

namespace hcert::fuzz {

template <class F>
void survives(F run) {
  try {
    run();
  } catch (const cert::FormatError&) {
  } catch (const check::Failure&) {
  } catch (const KernelError&) {
  } catch (const std::bad_alloc&) {
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz: unexpected exception: %s\n", e.what());
    std::abort();
  }
}

inline std::string bytes(const uint8_t* data, size_t size) { return std::string(data, data + size); }

// Readers that take a path get the input through one file per process.
inline std::string as_file(const std::string& data) {
  static const std::string path = "/tmp/hcert_fuzz_" + std::to_string(getpid());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << data;
  return path;
}

// Bundled files (problems, theories) relative to the repository: the harnesses live in
// build-fuzz/, so the repository is the parent of the executable's directory.
inline std::string repo_file(const std::string& rel) { return check::default_theory_dir() + "/../../" + rel; }

}  // namespace hcert::fuzz
