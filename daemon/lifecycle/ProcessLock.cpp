#include "daemon/lifecycle/ProcessLock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

namespace dsroll::lifecycle {

namespace {

long readPid(int fd) {
  char buf[32] = {};
  const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  if (n <= 0) {
    return 0;
  }
  return std::strtol(buf, nullptr, 10);
}

}  // namespace

std::variant<ProcessLock, ProcessLock::Held, ProcessLock::Failed> ProcessLock::tryAcquire(
    const std::string& pidFile) {
  // flock (not fcntl locks) because it is inherited across fork: the lock taken here before
  // daemonizing stays held by the daemonized grandchild.
  const int fd = ::open(pidFile.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    return Failed{"cannot open " + pidFile + ": " + std::strerror(errno)};  // NOLINT
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    const long pid = readPid(fd);
    ::close(fd);
    if (err == EWOULDBLOCK) {
      return Held{pid};
    }
    return Failed{"cannot lock " + pidFile + ": " + std::strerror(err)};  // NOLINT
  }
  return ProcessLock(fd);
}

ProcessLock::ProcessLock(ProcessLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

ProcessLock::~ProcessLock() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

void ProcessLock::writePid() const {
  const std::string text = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd_, 0) == 0) {
    (void)!::pwrite(fd_, text.data(), text.size(), 0);
    ::fsync(fd_);
  }
}

}  // namespace dsroll::lifecycle
