#include "daemon/lifecycle/StartupPipe.hpp"

#include <unistd.h>

namespace dsroll::lifecycle {

StartupPipe::~StartupPipe() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

void StartupPipe::ready(long pid) { send("ready " + std::to_string(pid) + "\n"); }

void StartupPipe::locked(long pid) { send("locked " + std::to_string(pid) + "\n"); }

void StartupPipe::failed(const std::string& message) {
  std::string oneLine = message;
  for (char& c : oneLine) {
    if (c == '\n') c = ' ';
  }
  send("error " + oneLine + "\n");
}

void StartupPipe::send(const std::string& line) {
  if (fd_ < 0) {
    return;
  }
  // A spawner that went away must not kill us with SIGPIPE; main ignores SIGPIPE.
  (void)!::write(fd_, line.data(), line.size());
  ::close(fd_);
  fd_ = -1;
}

}  // namespace dsroll::lifecycle
