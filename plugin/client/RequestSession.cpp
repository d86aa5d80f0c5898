#include "plugin/client/RequestSession.hpp"

#include "ipc/Protocol.hpp"

namespace dsroll::plugin::client {

namespace {

constexpr std::uint64_t kRequestId = 1;

SessionOutcome malformed(const std::string& what) {
  return {1, {}, "error: dsrolld sent a malformed reply: " + what, false};
}

}  // namespace

RequestSession::RequestSession(std::unique_ptr<SocketConnection> connection,
                               ipc::Hello hello,
                               ipc::Request request,
                               FrameSink& sink,
                               std::function<void(SessionOutcome)> done)
    : connection_(std::move(connection)),
      hello_(std::move(hello)),
      request_(std::move(request)),
      sink_(sink),
      done_(std::move(done)),
      decoder_(ipc::kMaxFrameBytes) {
  request_.id = kRequestId;
}

void RequestSession::start() {
  connection_->startReading([this](std::string_view bytes) { onBytes(bytes); },
                            [this](int) {
                              finish({1, {}, std::string(kLostConnectionMessage), false});
                            });
  connection_->write(ipc::encodeFrame(ipc::toJson(hello_)));
}

void RequestSession::cancel() {
  if (state_ != State::Running || cancelSent_) return;
  cancelSent_ = true;
  connection_->write(ipc::encodeFrame(ipc::toJson(ipc::Cancel{kRequestId})));
}

void RequestSession::abandon() {
  state_ = State::Finished;
  done_ = nullptr;
  if (connection_) connection_->close();
}

void RequestSession::onBytes(std::string_view bytes) {
  decoder_.feed(bytes);
  while (state_ != State::Finished) {
    auto frame = decoder_.next();
    if (!frame) {
      finish(malformed(frame.error().message));
      return;
    }
    if (!frame->has_value()) return;
    auto message = ipc::parseMessage(**frame);
    if (!message) {
      finish(malformed(message.error()));
      return;
    }
    onMessage(*message);
  }
}

void RequestSession::onMessage(const ipc::Message& message) {
  if (state_ == State::AwaitingHello) {
    if (std::holds_alternative<ipc::Hello>(message)) {
      state_ = State::Running;
      connection_->write(ipc::encodeFrame(ipc::toJson(request_)));
      return;
    }
    if (const auto* error = std::get_if<ipc::Error>(&message)) {
      const bool mismatch = error->kind == ipc::ErrorKind::VersionMismatch;
      finish({error->exitCode, {}, error->message, mismatch});
      return;
    }
    finish(malformed("expected hello, got another message"));
    return;
  }
  std::visit(
      [this](const auto& m) {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, ipc::Output>) {
          sink_.output(m.stream, m.text);
          if (sink_.broken()) {
            // Nobody reads our output any more (`| head`): stop the work and go quietly.
            cancel();
            finish({141, {}, std::nullopt, false});
          }
        } else if constexpr (std::is_same_v<T, ipc::Progress>) {
          sink_.progress(m.data);
        } else if constexpr (std::is_same_v<T, ipc::Row>) {
          sink_.row(m.data);
        } else if constexpr (std::is_same_v<T, ipc::Result>) {
          if (m.id == kRequestId) finish({m.exitCode, m.data, std::nullopt, false});
        } else if constexpr (std::is_same_v<T, ipc::Error>) {
          if (m.id == kRequestId || m.id == 0) {
            std::optional<std::string> text;
            if (!m.message.empty()) text = m.message;
            SessionOutcome outcome{m.exitCode, {}, text, false};
            if (m.kind == ipc::ErrorKind::NeedsCredential) outcome.credentialRequest = m.data;
            finish(std::move(outcome));
          }
        }
      },
      message);
}

void RequestSession::finish(SessionOutcome outcome) {
  if (state_ == State::Finished) return;
  state_ = State::Finished;
  if (connection_) connection_->close();
  if (done_) {
    auto done = std::move(done_);
    done_ = nullptr;
    done(std::move(outcome));
  }
}

}  // namespace dsroll::plugin::client
