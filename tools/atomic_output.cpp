#include "tools/atomic_output.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace hcert::tool {

AtomicOutput::AtomicOutput(std::string target) : target_(std::move(target)) {
  if (target_ == "-") return;
  size_t slash = target_.rfind('/');
  std::string dir = slash == std::string::npos ? "" : target_.substr(0, slash + 1);
  std::string name = slash == std::string::npos ? target_ : target_.substr(slash + 1);
  std::string pattern = dir + "." + name + ".tmp-XXXXXX";
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  int fd = mkstemp(buf.data());
  if (fd < 0) throw std::runtime_error("cannot create a temporary file beside " + target_ + ": " + std::strerror(errno));
  // mkstemp makes it 0600; the finished file gets the permissions a new file would.
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  close(fd);
  temp_ = buf.data();
}

AtomicOutput::~AtomicOutput() {
  if (!temp_.empty() && !committed_) std::remove(temp_.c_str());
}

void AtomicOutput::commit() {
  if (temp_.empty()) return;
  if (std::rename(temp_.c_str(), target_.c_str()) != 0)
    throw std::runtime_error("cannot rename " + temp_ + " to " + target_ + ": " + std::strerror(errno));
  committed_ = true;
}

}  // namespace hcert::tool
