#pragma once
// Starting dsrolld: `dsrolld --startup-fd=3`, detached, stdio on /dev/null, and the one line it
// writes on fd 3 saying whether it is ready (ipc/COMMANDS.md "Connecting and starting").

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <uv.h>

#include "plugin/client/UvSupport.hpp"

namespace dsroll::plugin::client {

struct StartupResult {
  enum class Kind {
    Ready,   // "ready <pid>": the socket is listening
    Locked,  // "locked <pid>": another daemon holds the lock; connect to it
    Failed,  // "error <message>", or the daemon could not be run
    Died,    // end of file before a line
  };
  Kind kind = Kind::Died;
  std::string detail;  // the pid for Ready/Locked, the message for Failed
};

/** Reads the daemon's startup line (without its newline). */
StartupResult parseStartupLine(std::string_view line);

/** Starts the daemon; the callback runs once with how the start went. */
class DaemonLauncher {
 public:
  virtual ~DaemonLauncher() = default;
  virtual void launch(std::function<void(StartupResult)> done) = 0;
};

/**
 * dsrolld next to the plugin's resolved executable (so a krew symlink leads to the krew
 * store), else the first on PATH.
 */
std::optional<std::string> findDaemonExecutable(const std::string& selfExecutable,
                                                const std::string& pathVariable);

/** realpath(/proc/self/exe), or empty. */
std::string selfExecutable();

/** Runs a dsrolld executable with libuv. */
class ProcessLauncher final : public DaemonLauncher {
 public:
  ProcessLauncher(uv_loop_t* loop, std::string executable);
  ~ProcessLauncher() override;

  void launch(std::function<void(StartupResult)> done) override;

 private:
  void finish(StartupResult result);

  uv_loop_t* loop_;
  std::string executable_;
  std::function<void(StartupResult)> done_;
  UvPtr<uv_pipe_t> startupPipe_;
  UvPtr<uv_timer_t> timeout_;
  uv_process_t* process_ = nullptr;  // freed in its own close callback
  std::string line_;
  std::string readBuffer_;
};

}  // namespace dsroll::plugin::client
