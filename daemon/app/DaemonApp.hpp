#pragma once
// The running daemon: one io_context thread holding the socket server, the cache and the
// clusters, with the commands wired to them. main() sets up the process, then runs this.

#include <memory>
#include <string>

#include <tl/expected.hpp>

#include "daemon/DaemonOptions.hpp"
#include "ipc/Paths.hpp"

namespace dsroll::lifecycle {
class Logger;
class StartupPipe;
}  // namespace dsroll::lifecycle

namespace dsroll::app {

class DaemonApp {
 public:
  DaemonApp(DaemonOptions options, ipc::Paths paths, lifecycle::Logger& log);
  ~DaemonApp();
  DaemonApp(const DaemonApp&) = delete;
  DaemonApp& operator=(const DaemonApp&) = delete;

  /** Listens, reports through startup, and runs until stopped. Returns the exit status. */
  int run(lifecycle::StartupPipe& startup);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dsroll::app
