#pragma once
// One client connection (internal to the server): reads frames, checks the hello, runs each
// request as its own cancellable coroutine and writes replies through a bounded queue so a slow
// client never holds up anybody else.

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>

#include "daemon/asio/Net.hpp"
#include "daemon/server/Command.hpp"
#include "ipc/Frame.hpp"
#include "ipc/Messages.hpp"

namespace dsroll::lifecycle {
class Logger;
}

namespace dsroll::server {

/** What a session needs from the server that owns it. */
class SessionHost {
 public:
  virtual ~SessionHost() = default;
  virtual const CommandRegistry& commands() const = 0;
  virtual const std::string& version() const = 0;
  virtual lifecycle::Logger& log() = 0;
  virtual std::size_t maxQueuedBytes() const = 0;
  virtual void requestStarted() = 0;
  virtual void requestFinished() = 0;
  virtual void sessionClosed(std::uint64_t sessionNumber) = 0;
  /** A client of another version connected: the daemon should make way for a new one. */
  virtual void versionMismatch(const std::string& theirs) = 0;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  using Socket = net::asio::local::stream_protocol::socket;

  Session(Socket socket, std::shared_ptr<SessionHost> host, std::uint64_t number);

  void start();
  /** Cancels every request in flight and closes the connection. */
  void close();
  /** Cancels every request in flight, lets each answer, flushes what is queued, then closes. */
  void finish();
  std::size_t requestsInFlight() const { return requests_.size(); }
  std::uint64_t number() const { return number_; }

  /** Queues one message; dropped once the session is closed. */
  void send(const ipc::Message& message);

 private:
  net::asio::awaitable<void> readLoop();
  net::asio::awaitable<void> writeLoop();
  struct RequestState;
  net::asio::awaitable<void> runRequest(ipc::Request request, std::shared_ptr<RequestState> state);
  void cancelRequest(const std::shared_ptr<RequestState>& state);
  void cancelAll();
  void handleFrame(const nlohmann::json& frame);
  void handleRequest(ipc::Request request);
  void protocolError(const std::string& message);
  void watchForStall();
  void closeAfterFlush();
  void closeIfDone();
  void armDeadline(std::chrono::seconds after, void (*expired)(Session&));

  Socket socket_;
  std::shared_ptr<SessionHost> host_;
  std::uint64_t number_;
  ipc::FrameDecoder decoder_;
  bool helloDone_ = false;
  bool closed_ = false;
  bool closeAfterWrite_ = false;
  std::map<std::uint64_t, std::shared_ptr<RequestState>> requests_;
  std::deque<std::string> queue_;
  std::size_t queuedBytes_ = 0;
  bool writing_ = false;
  net::asio::steady_timer deadline_;      // a stalled client, or a flush that never ends
  std::uint64_t deadlineGeneration_ = 0;  // tells a stale completion from the armed one
};

}  // namespace dsroll::server
