#include "plugin/client/Connector.hpp"

#include <sys/un.h>

#include <algorithm>

namespace dsroll::plugin::client {

namespace {

constexpr std::uint64_t kMaxDelayMs = 1000;

bool daemonAbsent(int status) {
  return status == UV_ENOENT || status == UV_ECONNREFUSED;
}

}  // namespace

Connector::Connector(uv_loop_t* loop, ConnectorOptions options)
    : loop_(loop), options_(std::move(options)), timer_(makeTimer(loop, this)) {}

void Connector::connect(std::function<void(Connected)> done) {
  connected_ = std::move(done);
  gone_ = nullptr;
  uv_update_time(loop_);
  startedAt_ = uv_now(loop_);
  delayMs_ = options_.firstDelayMs;
  spawned_ = false;
  lastStart_.reset();
  attempt();
}

void Connector::waitUntilGone(std::function<void(tl::expected<void, std::string>)> done) {
  gone_ = std::move(done);
  connected_ = nullptr;
  uv_update_time(loop_);
  startedAt_ = uv_now(loop_);
  delayMs_ = options_.firstDelayMs;
  attempt();
}

void Connector::cancel() {
  connected_ = nullptr;
  gone_ = nullptr;
  uv_timer_stop(timer_.get());
  if (connection_) connection_->close();
  connection_.reset();
}

std::uint64_t Connector::elapsedMs() {
  uv_update_time(loop_);
  return uv_now(loop_) - startedAt_;
}

void Connector::attempt() {
  if (options_.socketPath.size() >= sizeof(sockaddr_un{}.sun_path)) {
    fail("error: the socket path " + options_.socketPath + " is longer than " +
         std::to_string(sizeof(sockaddr_un{}.sun_path) - 1) +
         " bytes; set KUBECTL_DSROLL_HOME to a shorter directory");
    return;
  }
  connection_ = std::make_unique<SocketConnection>(loop_);
  connection_->connect(options_.socketPath, [this](int status) { onConnect(status); });
}

void Connector::onConnect(int status) {
  if (gone_) {
    if (daemonAbsent(status)) {
      connection_.reset();
      auto done = std::move(gone_);
      gone_ = nullptr;
      done({});
      return;
    }
    // Still accepting (or some other error): look again shortly.
    connection_->close();
    connection_.reset();
    if (elapsedMs() > options_.budgetMs) {
      fail(
          "error: the running dsrolld has another version and did not stop accepting "
          "connections; stop it with kubectl dsroll daemon stop from that version, or kill it");
      return;
    }
    retryLater();
    return;
  }
  if (status == 0) {
    auto done = std::move(connected_);
    connected_ = nullptr;
    if (done) done(std::move(connection_));
    return;
  }
  connection_.reset();
  if (!daemonAbsent(status)) {
    fail("error: cannot connect to dsrolld at " + options_.socketPath + ": " + uvErrorText(status));
    return;
  }
  if (options_.noSpawn) {
    fail(kNoSpawnMessage);
    return;
  }
  if (options_.launcher == nullptr) {
    fail("error: dsrolld is not running");
    return;
  }
  const bool respawn = lastStart_ && lastStart_->kind == StartupResult::Kind::Locked &&
                       elapsedMs() - lastStartAt_ >= options_.respawnAfterMs;
  if (!spawned_ || respawn) {
    spawned_ = true;
    lastStartAt_ = elapsedMs();
    options_.launcher->launch([this](StartupResult result) { onStartup(std::move(result)); });
    return;
  }
  const bool lockHeld = lastStart_ && lastStart_->kind == StartupResult::Kind::Locked;
  if (elapsedMs() > (lockHeld ? std::max(options_.budgetMs, options_.lockedBudgetMs)
                              : options_.budgetMs)) {
    std::string message = "error: dsrolld did not start listening on " + options_.socketPath;
    if (lastStart_ && lastStart_->kind == StartupResult::Kind::Locked) {
      message += " (pid " + lastStart_->detail + " holds its lock but does not accept connections)";
    }
    fail(message + "; see kubectl dsroll daemon logs");
    return;
  }
  retryLater();
}

void Connector::onStartup(StartupResult result) {
  lastStart_ = result;
  switch (result.kind) {
    case StartupResult::Kind::Ready:
      attempt();
      return;
    case StartupResult::Kind::Locked:
      retryLater();
      return;
    case StartupResult::Kind::Failed:
      fail("error: cannot start dsrolld: " + result.detail);
      return;
    case StartupResult::Kind::Died:
      fail(
          "error: cannot start dsrolld: it exited before it was ready (see kubectl dsroll "
          "daemon logs)");
      return;
  }
}

void Connector::retryLater() {
  const std::uint64_t delay = delayMs_;
  delayMs_ = std::min(delayMs_ * 2, kMaxDelayMs);
  uv_timer_start(
      timer_.get(),
      [](uv_timer_t* timer) {
        if (auto* self = ownerOf<Connector>(timer)) self->attempt();
      },
      delay, 0);
}

void Connector::fail(std::string message) {
  if (connection_) connection_->close();
  connection_.reset();
  if (connected_) {
    auto done = std::move(connected_);
    connected_ = nullptr;
    done(tl::unexpected(std::move(message)));
  } else if (gone_) {
    auto done = std::move(gone_);
    gone_ = nullptr;
    done(tl::unexpected(std::move(message)));
  }
}

}  // namespace dsroll::plugin::client
