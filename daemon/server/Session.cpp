#include "daemon/server/Session.hpp"

#include <exception>

#include "daemon/lifecycle/Logger.hpp"

namespace dsroll::server {

namespace asio = net::asio;

namespace {

/**
 * How long a client may stay silent before its hello, or in the middle of a frame. The plugin
 * writes whole frames at once, so only a broken or stuck client waits this long; without a
 * limit it would hold its connection, and keep the daemon from idling out, forever.
 */
constexpr auto kStallTimeout = std::chrono::seconds(10);

/** How long the last frames (a protocol error, a version mismatch) may take to be read. */
constexpr auto kFlushTimeout = std::chrono::seconds(5);

/** Reply bound to one request of one session; silent once the session is gone. */
class SessionReply final : public Reply {
 public:
  SessionReply(std::weak_ptr<Session> session, std::uint64_t id)
      : session_(std::move(session)), id_(id) {}

  void out(std::string_view text) override {
    send(ipc::Output{id_, ipc::Stream::Stdout, std::string(text)});
  }
  void err(std::string_view text) override {
    send(ipc::Output{id_, ipc::Stream::Stderr, std::string(text)});
  }
  void progress(const nlohmann::json& data) override { send(ipc::Progress{id_, data}); }
  void row(const nlohmann::json& data) override { send(ipc::Row{id_, data}); }
  void resultData(const nlohmann::json& data) override { resultData_ = data; }

  const nlohmann::json& resultData() const { return resultData_; }

 private:
  void send(const ipc::Message& message) {
    if (auto session = session_.lock()) {
      session->send(message);
    }
  }
  std::weak_ptr<Session> session_;
  std::uint64_t id_;
  nlohmann::json resultData_;
};

std::vector<std::string> capabilities() {
  std::vector<std::string> out;
  for (auto c : ipc::kCapabilities) {
    out.emplace_back(c);
  }
  return out;
}

}  // namespace

struct Session::RequestState {
  asio::cancellation_signal signal;
  bool running = false;    // inside the command (started, not yet answering)
  bool cancelled = false;  // asked to stop: one not yet running never starts its command
  bool daemonStopping = false;  // cancelled because the daemon stops, not by the client
};

Session::Session(Socket socket, std::shared_ptr<SessionHost> host, std::uint64_t number)
    : socket_(std::move(socket)),
      host_(std::move(host)),
      number_(number),
      decoder_(ipc::kMaxFrameBytes),
      deadline_(socket_.get_executor()) {}

void Session::start() {
  asio::co_spawn(socket_.get_executor(), readLoop(),
                 [self = shared_from_this()](const std::exception_ptr& e) {
                   if (e) {
                     try {
                       std::rethrow_exception(e);
                     } catch (const std::exception& ex) {
                       self->host_->log().error("session " + std::to_string(self->number_) +
                                                ": " + ex.what());
                     }
                   }
                   // After a protocol error, a version mismatch or finish() the reader stops
                   // while the last frames are written; the session closes once they are.
                   if (self->closeAfterWrite_) {
                     self->closeIfDone();
                   } else {
                     self->close();
                   }
                 });
  watchForStall();
}

void Session::watchForStall() {
  if (closed_ || closeAfterWrite_) {
    return;
  }
  if (helloDone_ && decoder_.pendingBytes() == 0) {
    ++deadlineGeneration_;
    deadline_.cancel();
    return;
  }
  // Counted from the last bytes received: a client still sending is not stalled, however slow.
  armDeadline(kStallTimeout, [](Session& self) {
    self.protocolError(self.helloDone_ ? "incomplete frame: nothing more came for 10s"
                                       : "no hello within 10s");
  });
}

void Session::armDeadline(std::chrono::seconds after, void (*expired)(Session&)) {
  const auto generation = ++deadlineGeneration_;
  deadline_.expires_after(after);
  deadline_.async_wait([weak = weak_from_this(), generation, expired](net::error_code ec) {
    auto self = weak.lock();
    if (ec || !self || self->closed_ || generation != self->deadlineGeneration_) {
      return;
    }
    expired(*self);
  });
}

void Session::closeAfterFlush() {
  cancelAll();  // the connection is done for: their answers would go nowhere
  closeAfterWrite_ = true;
  closeIfDone();
  if (closed_) {
    return;
  }
  // A client that does not read its last frames must not keep the connection forever.
  armDeadline(kFlushTimeout, [](Session& self) {
    self.host_->log().warn("session " + std::to_string(self.number_) +
                           ": the client does not read its last frames; closing");
    self.close();
  });
}

void Session::close() {
  if (closed_) {
    return;
  }
  closed_ = true;
  deadline_.cancel();
  cancelAll();
  net::error_code ignored;
  socket_.shutdown(Socket::shutdown_both, ignored);
  socket_.close(ignored);
  queue_.clear();
  queuedBytes_ = 0;
  host_->sessionClosed(number_);
}

void Session::finish() {
  // The daemon is stopping: what is in flight answers (it was stopped, not by the user) before
  // the connection closes; the server closes it anyway if that takes too long.
  for (auto& [id, state] : requests_) {
    state->daemonStopping = true;
  }
  cancelAll();
  closeAfterWrite_ = true;
  closeIfDone();
}

void Session::closeIfDone() {
  if (closeAfterWrite_ && !writing_ && requests_.empty()) {
    close();
  }
}

asio::awaitable<void> Session::readLoop() {
  std::string buffer(64 * 1024, '\0');
  while (!closed_ && !closeAfterWrite_) {
    auto [ec, n] = co_await socket_.async_read_some(asio::buffer(buffer), net::useTuple);
    if (ec) {
      close();  // EOF or reset: the client is gone; this cancels its requests
      co_return;
    }
    decoder_.feed(std::string_view(buffer.data(), n));
    while (!closed_ && !closeAfterWrite_) {
      auto frame = decoder_.next();
      if (!frame) {
        protocolError("malformed frame: " + frame.error().message);
        co_return;
      }
      if (!frame->has_value()) {
        break;
      }
      handleFrame(**frame);
    }
    watchForStall();
  }
}

void Session::protocolError(const std::string& message) {
  host_->log().warn("session " + std::to_string(number_) + ": " + message);
  send(ipc::Error{0, ipc::ErrorKind::Protocol, "error: protocol: " + message, 1});
  closeAfterFlush();
}

void Session::handleFrame(const nlohmann::json& frame) {
  auto parsed = ipc::parseMessage(frame);
  if (!parsed) {
    protocolError(parsed.error());
    return;
  }
  if (!helloDone_) {
    auto* hello = std::get_if<ipc::Hello>(&*parsed);
    if (hello == nullptr) {
      protocolError("expected hello first");
      return;
    }
    const ipc::Hello ours{ipc::kProtocolVersion, host_->version(), capabilities(),
                          static_cast<std::int64_t>(::getpid())};
    if (!ipc::compatible(ours, *hello)) {
      send(ipc::Error{0, ipc::ErrorKind::VersionMismatch,
                      "error: dsrolld " + host_->version() + " cannot serve kubectl-dsroll " +
                          hello->version + "; it is restarting",
                      1});
      closeAfterFlush();
      host_->versionMismatch(hello->version);
      return;
    }
    helloDone_ = true;
    send(ours);
    return;
  }
  if (auto* request = std::get_if<ipc::Request>(&*parsed)) {
    handleRequest(std::move(*request));
  } else if (auto* cancel = std::get_if<ipc::Cancel>(&*parsed)) {
    if (auto it = requests_.find(cancel->id); it != requests_.end()) {
      cancelRequest(it->second);
    }
  } else {
    protocolError("unexpected message from client");
  }
}

void Session::handleRequest(ipc::Request request) {
  if (requests_.count(request.id) != 0) {
    send(ipc::Error{request.id, ipc::ErrorKind::Protocol,
                    "error: protocol: request id " + std::to_string(request.id) + " is in use", 1});
    return;
  }
  auto state = std::make_shared<RequestState>();
  requests_.emplace(request.id, state);
  host_->requestStarted();
  const auto id = request.id;
  asio::co_spawn(socket_.get_executor(), runRequest(std::move(request), state),
                 asio::bind_cancellation_slot(
                     state->signal.slot(), [self = shared_from_this(), id](const std::exception_ptr&) {
                       // runRequest catches everything; nothing reaches here but completion.
                       self->requests_.erase(id);
                       self->host_->requestFinished();
                       self->closeIfDone();
                     }));
}

void Session::cancelRequest(const std::shared_ptr<RequestState>& state) {
  // Never emitted at once: from inside the request's own call stack (a reply that finds the
  // client too slow closes the session) or before its first suspension, Boost 1.81's co_spawn
  // entry point throws "co_await: Operation canceled" straight out of io_context::run, which
  // ends the daemon. Posted, the signal reaches only a command that is still running.
  state->cancelled = true;
  asio::post(socket_.get_executor(), [state] {
    if (state->running) {
      state->signal.emit(asio::cancellation_type::terminal);
    }
  });
}

void Session::cancelAll() {
  for (auto& [id, state] : requests_) {
    cancelRequest(state);
  }
}

asio::awaitable<void> Session::runRequest(ipc::Request request,
                                          std::shared_ptr<RequestState> state) {
  SessionReply reply(weak_from_this(), request.id);
  CommandContext context{request, reply};
  CommandResult result = tl::unexpected(CommandError{});
  const CommandHandler* handler = host_->commands().find(request.command);
  try {
    if (state->cancelled) {
      result = tl::unexpected(CommandError{ipc::ErrorKind::Cancelled, "error: cancelled", 130});
    } else if (handler == nullptr) {
      result = tl::unexpected(
          commandError(ipc::ErrorKind::Usage, "unknown command \"" + request.command + "\""));
    } else {
      state->running = true;
      result = co_await (*handler)(context);
    }
  } catch (const boost::system::system_error& e) {
    if (e.code() == asio::error::operation_aborted) {
      result = tl::unexpected(CommandError{ipc::ErrorKind::Cancelled, "error: cancelled", 130});
    } else {
      host_->log().error(request.command + ": " + e.what());
      result = tl::unexpected(commandError(ipc::ErrorKind::Internal,
                                           std::string("internal error: ") + e.what()));
    }
  } catch (const std::exception& e) {
    host_->log().error(request.command + ": " + e.what());
    result = tl::unexpected(
        commandError(ipc::ErrorKind::Internal, std::string("internal error: ") + e.what()));
  }
  state->running = false;
  if (!result && result.error().kind == ipc::ErrorKind::Cancelled && state->daemonStopping) {
    result = tl::unexpected(CommandError{
        ipc::ErrorKind::Cancelled,
        "error: dsrolld stopped before it finished this request (see kubectl dsroll daemon "
        "logs); run it again",
        1});
  }
  if (result) {
    send(ipc::Result{request.id, *result, reply.resultData()});
  } else {
    send(ipc::Error{request.id, result.error().kind, result.error().message,
                    result.error().exitCode, result.error().data});
  }
}

void Session::send(const ipc::Message& message) {
  if (closed_) {
    return;
  }
  std::string frame = ipc::encodeFrame(ipc::toJson(message));
  queuedBytes_ += frame.size();
  queue_.push_back(std::move(frame));
  if (queuedBytes_ > host_->maxQueuedBytes()) {
    // A client that stopped reading must not make the daemon hold unbounded output.
    host_->log().warn("session " + std::to_string(number_) + ": client too slow, dropping it");
    close();
    return;
  }
  if (!writing_) {
    writing_ = true;
    asio::co_spawn(socket_.get_executor(), writeLoop(),
                   [self = shared_from_this()](const std::exception_ptr&) {
                     self->writing_ = false;
                   });
  }
}

asio::awaitable<void> Session::writeLoop() {
  while (!queue_.empty() && !closed_) {
    std::string frame = std::move(queue_.front());
    queue_.pop_front();
    queuedBytes_ -= frame.size();
    auto [ec, n] = co_await asio::async_write(socket_, asio::buffer(frame), net::useTuple);
    (void)n;
    if (ec) {
      close();
      co_return;
    }
  }
  writing_ = false;
  closeIfDone();
}

}  // namespace dsroll::server
