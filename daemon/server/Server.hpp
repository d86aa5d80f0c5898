#pragma once
// The daemon's Unix socket: accepts connections from the user's own processes only, runs one
// Session per connection, and decides when the daemon is done (stop, drain, idle).

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <tl/expected.hpp>

#include "daemon/asio/Awaitable.hpp"
#include "daemon/server/Command.hpp"

namespace dsroll::lifecycle {
class Logger;
}

namespace dsroll::server {

struct ServerStats {
  std::int64_t sessions = 0;         // connections open now
  std::int64_t requestsInFlight = 0;
  std::int64_t requestsServed = 0;   // since start
  std::int64_t refusedPeers = 0;     // connections from other uids
  std::chrono::steady_clock::time_point startedAt;
};

class Server {
 public:
  struct Options {
    std::string socketPath;
    std::string version;
    std::chrono::milliseconds idleTimeout{std::chrono::minutes(30)};
    std::size_t maxQueuedBytesPerClient = 32u * 1024u * 1024u;
  };

  Server(Executor executor, Options options, const CommandRegistry& commands,
         lifecycle::Logger& log);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /** Binds and listens (removing a stale socket file: the caller holds the pid lock). */
  tl::expected<void, std::string> listen();

  /** Starts accepting and the idle monitor. */
  void start();

  /** Stops accepting, lets requests in flight finish (cancelled after grace), then stops. */
  void drain(const std::string& reason, std::chrono::milliseconds grace);

  /** Cancels everything and stops now. */
  void stop(const std::string& reason);

  /** Called once when the server has fully stopped. */
  void onStopped(std::function<void()> callback);

  /** Keeps the daemon from idling out while the returned token lives (a rollout in progress). */
  std::shared_ptr<void> holdBusy();

  ServerStats stats() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace dsroll::server
