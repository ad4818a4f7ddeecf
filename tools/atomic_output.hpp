// An output file that appears only when complete: convert and export write to a temporary
// file beside the target and rename it over the target at the end, so a failure (a bad
// proof, a full disk) leaves no partial certificate that could be mistaken for
// the whole. "-" is stdout, written directly.
#pragma once
#include <string>

namespace hcert::tool {

class AtomicOutput {
 public:
  explicit AtomicOutput(std::string target);  // throws std::runtime_error if the directory is not writable
  ~AtomicOutput();                            // removes the temporary file unless committed
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;
  // Where to write meanwhile.
  const std::string& path() const { return temp_.empty() ? target_ : temp_; }
  // Renames the finished file to the target; throws std::runtime_error on failure.
  void commit();

 private:
  std::string target_, temp_;
  bool committed_ = false;
};

}  // namespace hcert::tool
