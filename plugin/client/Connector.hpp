#pragma once
// Getting a connection to the daemon: connect, and only on ENOENT/ECONNREFUSED start it and
// retry with doubling backoff; or wait for an old daemon to stop accepting.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <uv.h>
#include <tl/expected.hpp>

#include "plugin/client/DaemonLauncher.hpp"
#include "plugin/client/SocketConnection.hpp"
#include "plugin/client/UvSupport.hpp"

namespace dsroll::plugin::client {

/** ipc/COMMANDS.md's text when the daemon is down and spawning is disabled. */
inline constexpr const char* kNoSpawnMessage =
    "error: dsrolld is not running and KUBECTL_DSROLL_NO_SPAWN is set";

struct ConnectorOptions {
  std::string socketPath;
  bool noSpawn = false;                // KUBECTL_DSROLL_NO_SPAWN=1
  DaemonLauncher* launcher = nullptr;  // nullptr: never start the daemon (completion)
  std::uint64_t budgetMs = 10000;      // how long to keep retrying in all
  std::uint64_t firstDelayMs = 10;
  std::uint64_t respawnAfterMs = 1000;  // after "locked", start again if still refused
  // While another daemon holds the lock (one of another version draining its requests, up to
  // 10 s), keep trying this long in all before giving up.
  std::uint64_t lockedBudgetMs = 30000;
};

class Connector {
 public:
  using Connected = tl::expected<std::unique_ptr<SocketConnection>, std::string>;

  Connector(uv_loop_t* loop, ConnectorOptions options);

  /** Connects (starting the daemon if needed); the error is the line for stderr. */
  void connect(std::function<void(Connected)> done);

  /** Waits until the socket refuses connections (an old daemon draining after a mismatch). */
  void waitUntilGone(std::function<void(tl::expected<void, std::string>)> done);

  /** Stops whatever is in progress; no callback runs afterwards. */
  void cancel();

 private:
  void attempt();
  void onConnect(int status);
  void onStartup(StartupResult result);
  void retryLater();
  void fail(std::string message);
  std::uint64_t elapsedMs();

  uv_loop_t* loop_;
  ConnectorOptions options_;
  std::function<void(Connected)> connected_;
  std::function<void(tl::expected<void, std::string>)> gone_;
  std::unique_ptr<SocketConnection> connection_;
  UvPtr<uv_timer_t> timer_;
  std::uint64_t startedAt_ = 0;
  std::uint64_t delayMs_ = 0;
  bool spawned_ = false;
  std::optional<StartupResult> lastStart_;
  std::uint64_t lastStartAt_ = 0;
};

}  // namespace dsroll::plugin::client
