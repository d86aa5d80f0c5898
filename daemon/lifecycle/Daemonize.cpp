#include "daemon/lifecycle/Daemonize.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace dsroll::lifecycle {

namespace {

std::string errnoText() { return std::strerror(errno); }  // NOLINT(concurrency-mt-unsafe)

}  // namespace

tl::expected<void, std::string> daemonize() {
  pid_t pid = ::fork();
  if (pid < 0) {
    return tl::unexpected("fork: " + errnoText());
  }
  if (pid > 0) {
    ::_exit(0);
  }
  if (::setsid() < 0) {
    return tl::unexpected("setsid: " + errnoText());
  }
  pid = ::fork();
  if (pid < 0) {
    return tl::unexpected("fork: " + errnoText());
  }
  if (pid > 0) {
    ::_exit(0);
  }
  if (::chdir("/") != 0) {
    return tl::unexpected("chdir /: " + errnoText());
  }
  const int devNull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (devNull < 0) {
    return tl::unexpected("open /dev/null: " + errnoText());
  }
  for (int fd = 0; fd <= 2; ++fd) {
    ::dup2(devNull, fd);
  }
  ::close(devNull);
  return {};
}

}  // namespace dsroll::lifecycle
