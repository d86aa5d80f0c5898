#pragma once
// The non-template part of an informer: runs a Reflector for one watch target, tracks whether
// the local view is synced and healthy, and wakes waiters on every change. Informer<Record>
// (Informer.hpp) adds the typed store.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <tl/expected.hpp>

#include "daemon/asio/Awaitable.hpp"
#include "daemon/kube/ApiError.hpp"
#include "daemon/kube/Reflector.hpp"
#include "daemon/state/Notifier.hpp"

namespace dsroll::kube {
class ApiClient;
}

namespace dsroll::state {

class InformerBase : public kube::WatchHandler,
                     public std::enable_shared_from_this<InformerBase> {
 public:
  InformerBase(Executor executor, kube::ApiClient& client, kube::WatchTarget target,
               lifecycle::Logger& log);
  ~InformerBase() override;
  InformerBase(const InformerBase&) = delete;
  InformerBase& operator=(const InformerBase&) = delete;

  /** Starts the reflector (once). */
  void start();
  /** Stops watching; the view stays as it was. */
  void stop();
  bool running() const { return running_; }

  /**
   * Waits for the first complete list. A failing list ends the wait early with its error (403,
   * unreachable server, ...) while the reflector keeps retrying in the background.
   */
  Awaitable<tl::expected<void, kube::ApiError>> waitSynced(std::chrono::milliseconds timeout);

  bool synced() const { return synced_; }
  bool healthy() const { return healthy_; }
  const std::string& lastError() const { return lastError_; }
  std::chrono::system_clock::time_point lastSyncAt() const { return lastSyncAt_; }
  std::chrono::steady_clock::time_point lastUsed() const { return lastUsed_; }
  void touch() { lastUsed_ = std::chrono::steady_clock::now(); }

  Notifier& changes() { return changes_; }

  /** Called whenever the view is known to be current (after a list, on each event). */
  void onCurrent(std::function<void()> callback) { onCurrent_ = std::move(callback); }
  const kube::Reflector& reflector() const { return reflector_; }
  const kube::WatchTarget& target() const { return reflector_.target(); }

 protected:
  // WatchHandler, forwarded to the typed store
  void onListStart() override;
  void onListItem(nlohmann::json&& item) override;
  void onListEnd(const std::string& resourceVersion) override;
  void onEvent(kube::WatchEventType type, nlohmann::json&& object) override;
  void onHealth(const kube::ApiError* error) override;

  virtual void storeListStart() = 0;
  virtual void storeListItem(nlohmann::json&& item) = 0;
  virtual void storeListEnd() = 0;
  virtual void storeEvent(kube::WatchEventType type, nlohmann::json&& object) = 0;

 private:
  struct Run;
  Executor executor_;
  lifecycle::Logger& log_;
  kube::Reflector reflector_;
  Notifier changes_;
  std::shared_ptr<Run> run_;
  bool running_ = false;
  bool synced_ = false;
  bool healthy_ = false;
  std::string lastError_;
  std::optional<kube::ApiError> lastApiError_;
  std::chrono::system_clock::time_point lastSyncAt_{};
  std::chrono::steady_clock::time_point lastUsed_ = std::chrono::steady_clock::now();
  std::function<void()> onCurrent_;
};

}  // namespace dsroll::state
