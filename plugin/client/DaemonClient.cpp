#include "plugin/client/DaemonClient.hpp"

#include <csignal>

namespace dsroll::plugin::client {

namespace {

constexpr int kInterruptedExitCode = 130;

}  // namespace

DaemonClient::DaemonClient(uv_loop_t* loop, DaemonClientOptions options, FrameSink& sink)
    : loop_(loop),
      options_(std::move(options)),
      sink_(sink),
      connector_(loop, options_.connector) {}

DaemonClient::~DaemonClient() {
  connector_.cancel();
  if (session_) session_->abandon();
}

SessionOutcome DaemonClient::run(ipc::Request request) {
  request_ = std::move(request);
  outcome_.reset();
  if (options_.handleSigint) {
    sigint_ = makeSignal(loop_, this);
    uv_signal_start(
        sigint_.get(),
        [](uv_signal_t* handle, int) {
          if (auto* self = ownerOf<DaemonClient>(handle)) self->interrupt();
        },
        SIGINT);
  }
  if (options_.deadlineMs) {
    deadline_ = makeTimer(loop_, this);
    uv_timer_start(
        deadline_.get(),
        [](uv_timer_t* timer) {
          if (auto* self = ownerOf<DaemonClient>(timer)) {
            self->finish({1, {}, std::string("error: dsrolld did not answer in time"), false});
          }
        },
        *options_.deadlineMs, 0);
  }
  connect();
  while (!outcome_) {
    if (uv_run(loop_, UV_RUN_ONCE) == 0 && !outcome_) {
      // Nothing left that could answer: a bug, but never a hang.
      finish({1, {}, std::string(kLostConnectionMessage), false});
    }
  }
  sigint_.reset();
  deadline_.reset();
  return *outcome_;
}

void DaemonClient::interrupt() {
  ++interrupts_;
  if (interrupts_ >= 2 || !session_ || !session_->requestSent()) {
    finish({kInterruptedExitCode, {}, std::nullopt, false});
    return;
  }
  session_->cancel();
}

void DaemonClient::connect() {
  connector_.connect([this](Connector::Connected connected) { onConnected(std::move(connected)); });
}

void DaemonClient::onConnected(Connector::Connected connected) {
  if (!connected) {
    finish({1, {}, connected.error(), false});
    return;
  }
  ipc::Hello hello;
  hello.version = options_.version;
  for (auto capability : ipc::kCapabilities)
    hello.capabilities.emplace_back(capability);
  session_ =
      std::make_unique<RequestSession>(std::move(*connected), hello, request_, sink_,
                                       [this](SessionOutcome o) { onSessionDone(std::move(o)); });
  session_->start();
}

void DaemonClient::onSessionDone(SessionOutcome outcome) {
  if (!outcome.versionMismatch) {
    finish(std::move(outcome));
    return;
  }
  if (restarts_ >= options_.maxRestarts || options_.connector.launcher == nullptr) {
    finish(std::move(outcome));
    return;
  }
  ++restarts_;
  // The old daemon stops accepting, drains and exits; then a new one (ours) can start.
  connector_.waitUntilGone([this](tl::expected<void, std::string> gone) {
    if (!gone) {
      finish({1, {}, gone.error(), false});
      return;
    }
    connect();
  });
}

void DaemonClient::finish(SessionOutcome outcome) {
  if (outcome_) return;
  connector_.cancel();
  if (session_) session_->abandon();
  outcome_ = std::move(outcome);
}

}  // namespace dsroll::plugin::client
