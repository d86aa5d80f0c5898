#pragma once
// Tells the process that spawned the daemon how start-up went: one line on an inherited fd
// (see ipc/COMMANDS.md), then the fd is closed. Without a fd (foreground) it does nothing.

#include <string>

namespace dsroll::lifecycle {

class StartupPipe {
 public:
  /** fd < 0: no spawner is listening. */
  explicit StartupPipe(int fd) : fd_(fd) {}
  StartupPipe(const StartupPipe&) = delete;
  StartupPipe& operator=(const StartupPipe&) = delete;
  ~StartupPipe();

  void ready(long pid);
  void locked(long pid);
  void failed(const std::string& message);

 private:
  void send(const std::string& line);
  int fd_;
};

}  // namespace dsroll::lifecycle
