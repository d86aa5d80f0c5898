#include "plugin/client/FdWriter.hpp"

#include <unistd.h>

#include <cerrno>
#include <csignal>

namespace dsroll::plugin::client {

bool FdWriter::write(std::string_view text) {
  if (broken_ || failed_) return false;
  while (!text.empty()) {
    const ssize_t n = ::write(fd_, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN) {
        // A non-blocking terminal or pipe we share with the shell: wait until it drains.
        usleep(1000);
        continue;
      }
      (errno == EPIPE ? broken_ : failed_) = true;
      return false;
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

void ignoreSigpipe() {
  std::signal(SIGPIPE, SIG_IGN);
}

}  // namespace dsroll::plugin::client
