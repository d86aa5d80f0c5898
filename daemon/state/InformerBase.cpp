#include "daemon/state/InformerBase.hpp"

#include "daemon/asio/Net.hpp"
#include "daemon/lifecycle/Logger.hpp"

namespace dsroll::state {

namespace asio = net::asio;

struct InformerBase::Run {
  asio::cancellation_signal signal;
};

InformerBase::InformerBase(Executor executor, kube::ApiClient& client, kube::WatchTarget target,
                           lifecycle::Logger& log)
    : executor_(executor),
      log_(log),
      reflector_(client, std::move(target), *this, log),
      changes_(executor) {}

InformerBase::~InformerBase() = default;

void InformerBase::start() {
  if (running_) {
    return;
  }
  running_ = true;
  run_ = std::make_shared<Run>();
  asio::co_spawn(executor_, reflector_.run(),
                 asio::bind_cancellation_slot(
                     run_->signal.slot(),
                     [self = shared_from_this(), run = run_](const std::exception_ptr& e) {
                       self->running_ = false;
                       if (!e) return;
                       try {
                         std::rethrow_exception(e);
                       } catch (const boost::system::system_error& err) {
                         if (err.code() != asio::error::operation_aborted) {
                           self->log_.error("informer: " + std::string(err.what()));
                         }
                       } catch (const std::exception& err) {
                         self->log_.error("informer: " + std::string(err.what()));
                       }
                     }));
}

void InformerBase::stop() {
  if (running_ && run_) {
    run_->signal.emit(asio::cancellation_type::terminal);
  }
}

Awaitable<tl::expected<void, kube::ApiError>> InformerBase::waitSynced(
    std::chrono::milliseconds timeout) {
  using Result = tl::expected<void, kube::ApiError>;
  touch();
  auto self = shared_from_this();  // the informer outlives this wait
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!synced_) {
    if (lastApiError_) {
      co_return Result(tl::unexpect, *lastApiError_);
    }
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      co_return Result(tl::unexpect,
                       kube::localError(ipc::ErrorKind::Unreachable,
                                        "error: timed out waiting for the list of " +
                                            target().type.resource + " from the API server",
                                        "Timeout"));
    }
    co_await changes_.waitChange(changes_.version(),
                                 std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now));
  }
  co_return Result();
}

void InformerBase::onListStart() { storeListStart(); }

void InformerBase::onListItem(nlohmann::json&& item) { storeListItem(std::move(item)); }

void InformerBase::onListEnd(const std::string& /*resourceVersion*/) {
  storeListEnd();
  synced_ = true;
  lastSyncAt_ = std::chrono::system_clock::now();
  if (onCurrent_) onCurrent_();
  changes_.notify();
}

void InformerBase::onEvent(kube::WatchEventType type, nlohmann::json&& object) {
  storeEvent(type, std::move(object));
  lastSyncAt_ = std::chrono::system_clock::now();
  if (onCurrent_) onCurrent_();
  changes_.notify();
}

void InformerBase::onHealth(const kube::ApiError* error) {
  const bool wasHealthy = healthy_;
  healthy_ = error == nullptr;
  if (error != nullptr) {
    lastError_ = error->message;
    lastApiError_ = *error;
  } else {
    lastError_.clear();
    lastApiError_.reset();
    lastSyncAt_ = std::chrono::system_clock::now();
  }
  if (wasHealthy != healthy_ || error != nullptr) {
    changes_.notify();
  }
}

}  // namespace dsroll::state
