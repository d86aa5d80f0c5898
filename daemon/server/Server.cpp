#include "daemon/server/Server.hpp"

#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <map>

#include "daemon/asio/Net.hpp"
#include "daemon/lifecycle/Logger.hpp"
#include "daemon/server/Session.hpp"
#include "ipc/Frame.hpp"
#include "ipc/Messages.hpp"

namespace dsroll::server {

namespace asio = net::asio;
using Protocol = asio::local::stream_protocol;

namespace {

/** The uid of the process at the other end of a Unix socket, or -1. */
long peerUid(int fd) {
  ucred cred{};
  socklen_t len = sizeof cred;
  if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0) {
    return -1;
  }
  return static_cast<long>(cred.uid);
}

/**
 * Tells a client of another uid why it is refused (`frame`), so it need not report a lost
 * connection and point at a log it may not read; then waits briefly for it to close first, so
 * its own hello never meets a reset before it has read the answer.
 */
asio::awaitable<void> refuse(Protocol::socket socket, std::string frame) {
  auto [wec, written] = co_await asio::async_write(socket, asio::buffer(frame), net::useTuple);
  (void)written;
  net::error_code ignored;
  socket.shutdown(Protocol::socket::shutdown_send, ignored);
  asio::steady_timer deadline(socket.get_executor(), std::chrono::seconds(2));
  deadline.async_wait([&socket](net::error_code ec) {
    net::error_code closeError;
    if (!ec) socket.close(closeError);
  });
  std::array<char, 4096> discard{};
  while (!wec) {
    auto [rec, n] = co_await socket.async_read_some(asio::buffer(discard), net::useTuple);
    (void)n;
    if (rec) break;
  }
  deadline.cancel();
}

}  // namespace

struct Server::Impl final : SessionHost, std::enable_shared_from_this<Server::Impl> {
  Impl(Executor ex, Options opts, const CommandRegistry& cmds, lifecycle::Logger& logRef)
      : executor(std::move(ex)),
        options(std::move(opts)),
        registry(cmds),
        logger(logRef),
        acceptor(executor),
        idleTimer(executor),
        drainTimer(executor) {
    stats.startedAt = std::chrono::steady_clock::now();
  }

  // SessionHost
  const CommandRegistry& commands() const override { return registry; }
  const std::string& version() const override { return options.version; }
  lifecycle::Logger& log() override { return logger; }
  std::size_t maxQueuedBytes() const override { return options.maxQueuedBytesPerClient; }
  void requestStarted() override {
    ++stats.requestsInFlight;
    touch();
  }
  void requestFinished() override {
    --stats.requestsInFlight;
    ++stats.requestsServed;
    touch();
    maybeFinishDrain();
  }
  void sessionClosed(std::uint64_t number) override {
    sessions.erase(number);
    stats.sessions = static_cast<std::int64_t>(sessions.size());
    touch();
    maybeFinishDrain();
    if (stopped && sessions.empty()) {
      finished();
    }
  }
  void versionMismatch(const std::string& theirs) override {
    logger.info("a client of version " + theirs + " connected; draining so it can start its own");
    drain("version mismatch", std::chrono::seconds(10));
  }

  void touch() { lastActivity = std::chrono::steady_clock::now(); }

  bool idle() const { return sessions.empty() && stats.requestsInFlight == 0 && busy.expired(); }

  asio::awaitable<void> acceptLoop() {
    while (acceptor.is_open()) {
      auto [ec, socket] = co_await acceptor.async_accept(net::useTuple);
      if (ec) {
        if (ec == asio::error::operation_aborted || !acceptor.is_open()) {
          co_return;
        }
        // Out of file descriptors (or memory) the connection stays queued and accept fails
        // again at once: pause rather than spin, and say so once, not a thousand times a second.
        if (!acceptFailing) {
          logger.warn("accept: " + ec.message() + "; pausing new connections until it recovers");
          acceptFailing = true;
        }
        asio::steady_timer pause(executor, std::chrono::milliseconds(100));
        auto [paused] = co_await pause.async_wait(net::useTuple);
        (void)paused;
        continue;
      }
      if (acceptFailing) {
        logger.info("accepting connections again");
        acceptFailing = false;
      }
      const long uid = peerUid(socket.native_handle());
      if (uid != static_cast<long>(::geteuid())) {
        ++stats.refusedPeers;
        logger.warn("refused a connection from uid " + std::to_string(uid) +
                    ": only uid " + std::to_string(::geteuid()) + " may use this daemon");
        std::string refusal = ipc::encodeFrame(ipc::toJson(ipc::Error{
            0, ipc::ErrorKind::Forbidden,
            "error: dsrolld at " + options.socketPath + " serves uid " +
                std::to_string(::geteuid()) + " only; it refused uid " + std::to_string(uid),
            1}));
        asio::co_spawn(executor, refuse(std::move(socket), std::move(refusal)), asio::detached);
        continue;
      }
      const auto number = ++nextSession;
      auto session = std::make_shared<Session>(std::move(socket), shared_from_this(), number);
      sessions.emplace(number, session);
      stats.sessions = static_cast<std::int64_t>(sessions.size());
      touch();
      session->start();
    }
  }

  asio::awaitable<void> idleLoop() {
    while (!stopped) {
      idleTimer.expires_after(std::min<std::chrono::milliseconds>(options.idleTimeout,
                                                                  std::chrono::seconds(30)));
      auto [ec] = co_await idleTimer.async_wait(net::useTuple);
      if (ec || stopped) {
        co_return;
      }
      if (idle() && std::chrono::steady_clock::now() - lastActivity >= options.idleTimeout) {
        logger.info("idle for " +
                    std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                       options.idleTimeout)
                                       .count()) +
                    "s with no clients: exiting");
        stop("idle");
        co_return;
      }
    }
  }

  void closeListener() {
    if (!acceptor.is_open()) {
      return;
    }
    net::error_code ignored;
    acceptor.close(ignored);
    // Remove the name so a new daemon can bind while this one finishes its requests.
    ::unlink(options.socketPath.c_str());
  }

  void drain(const std::string& reason, std::chrono::milliseconds grace) {
    if (draining || stopped) {
      return;
    }
    draining = true;
    logger.info("draining: " + reason);
    closeListener();
    drainTimer.expires_after(grace);
    drainTimer.async_wait([self = shared_from_this()](net::error_code ec) {
      if (!ec) {
        self->stop("drain deadline passed");
      }
    });
    maybeFinishDrain();
  }

  void maybeFinishDrain() {
    if (draining && !stopped && stats.requestsInFlight == 0) {
      stop("drained");
    }
  }

  void stop(const std::string& reason) {
    if (stopped) {
      return;
    }
    stopped = true;
    logger.info("stopping: " + reason);
    closeListener();
    idleTimer.cancel();
    drainTimer.cancel();
    if (sessions.empty()) {
      finished();
      return;
    }
    auto open = sessions;  // finish() may erase from the map
    for (auto& [number, session] : open) {
      session->finish();
    }
    // Clients that do not read their last frames do not hold the daemon up.
    drainTimer.expires_after(std::chrono::seconds(1));
    drainTimer.async_wait([self = shared_from_this()](net::error_code) {
      auto rest = self->sessions;
      for (auto& [number, session] : rest) {
        session->close();
      }
      self->finished();
    });
  }

  void finished() {
    if (finishedCalled) {
      return;
    }
    finishedCalled = true;
    drainTimer.cancel();
    if (stoppedCallback) {
      asio::post(executor, stoppedCallback);
    }
  }

  Executor executor;
  Options options;
  const CommandRegistry& registry;
  lifecycle::Logger& logger;
  Protocol::acceptor acceptor;
  asio::steady_timer idleTimer;
  asio::steady_timer drainTimer;
  std::map<std::uint64_t, std::shared_ptr<Session>> sessions;
  std::uint64_t nextSession = 0;
  ServerStats stats;
  std::chrono::steady_clock::time_point lastActivity = std::chrono::steady_clock::now();
  std::weak_ptr<void> busy;
  bool draining = false;
  bool stopped = false;
  bool acceptFailing = false;
  bool finishedCalled = false;
  std::function<void()> stoppedCallback;
};

Server::Server(Executor executor, Options options, const CommandRegistry& commands,
               lifecycle::Logger& log)
    : impl_(std::make_shared<Impl>(std::move(executor), std::move(options), commands, log)) {}

Server::~Server() { impl_->stop("destroyed"); }

tl::expected<void, std::string> Server::listen() {
  const std::string& path = impl_->options.socketPath;
  if (path.size() >= sizeof(sockaddr_un::sun_path)) {
    return tl::unexpected("socket path " + path + " is too long (" +
                          std::to_string(path.size()) + " bytes; the limit is " +
                          std::to_string(sizeof(sockaddr_un::sun_path) - 1) + ")");
  }
  ::unlink(path.c_str());  // stale from a daemon that died: we hold the pid lock
  net::error_code ec;
  auto& acceptor = impl_->acceptor;
  acceptor.open(Protocol(), ec);
  if (!ec) {
    acceptor.bind(Protocol::endpoint(path), ec);
  }
  if (!ec) {
    ::chmod(path.c_str(), 0600);
    acceptor.listen(asio::socket_base::max_listen_connections, ec);
  }
  if (ec) {
    return tl::unexpected("cannot listen on " + path + ": " + ec.message());
  }
  return {};
}

void Server::start() {
  auto impl = impl_;
  auto logError = [impl](const std::exception_ptr& e) {
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      impl->logger.error(std::string("server: ") + ex.what());
      impl->stop("internal error");
    }
  };
  asio::co_spawn(impl->executor, impl->acceptLoop(), logError);
  asio::co_spawn(impl->executor, impl->idleLoop(), logError);
}

void Server::drain(const std::string& reason, std::chrono::milliseconds grace) {
  impl_->drain(reason, grace);
}

void Server::stop(const std::string& reason) { impl_->stop(reason); }

void Server::onStopped(std::function<void()> callback) {
  impl_->stoppedCallback = std::move(callback);
}

std::shared_ptr<void> Server::holdBusy() {
  auto token = impl_->busy.lock();
  if (!token) {
    token = std::make_shared<int>(0);
    impl_->busy = token;
  }
  return token;
}

ServerStats Server::stats() const { return impl_->stats; }

}  // namespace dsroll::server
