#pragma once
// Keeps a local view of one resource type in step with the API server the way client-go's
// reflector does: list (paged), then watch from that resourceVersion with bookmarks; resume
// after any drop from the last resourceVersion seen; relist on 410 Gone; back off with jitter;
// notice a silent dead connection by an idle deadline.

#include <chrono>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "daemon/asio/Awaitable.hpp"
#include "daemon/kube/ResourcePath.hpp"

namespace dsroll::lifecycle {
class Logger;
}

namespace dsroll::kube {

class ApiClient;

enum class WatchEventType { Added, Modified, Deleted };

/** What a reflector tells its owner; all calls happen on the io thread. */
class WatchHandler {
 public:
  virtual ~WatchHandler() = default;
  /** A (re)list begins: the items that follow replace everything known. */
  virtual void onListStart() = 0;
  virtual void onListItem(nlohmann::json&& item) = 0;
  /** The list is complete: anything known but not listed since onListStart is gone. */
  virtual void onListEnd(const std::string& resourceVersion) = 0;
  virtual void onEvent(WatchEventType type, nlohmann::json&& object) = 0;
  /** Connection health, for offline answers and daemon status; nullptr when healthy. */
  virtual void onHealth(const ApiError* error) = 0;
};

struct WatchTarget {
  ResourceType type;
  std::string namespace_;  // "" = all namespaces (or cluster-scoped)
  std::string labelSelector;
  std::string fieldSelector;
};

struct ReflectorOptions {
  int pageSize = 500;
  std::chrono::milliseconds idleTimeout = std::chrono::seconds(90);  // bookmarks come ~1/min
  std::chrono::seconds minWatchTimeout = std::chrono::minutes(5);    // server-side rotation,
                                                                     // randomised up to 2x
  std::chrono::milliseconds initialBackoff = std::chrono::milliseconds(800);
  std::chrono::milliseconds maxBackoff = std::chrono::seconds(30);
};

struct ReflectorStats {
  std::int64_t lists = 0;
  std::int64_t watches = 0;
  std::int64_t events = 0;
  std::int64_t gone = 0;  // 410s that forced a relist
  std::string resourceVersion;
  bool watching = false;
};

class Reflector {
 public:
  Reflector(ApiClient& client, WatchTarget target, WatchHandler& handler, lifecycle::Logger& log,
            ReflectorOptions options = {});

  /** Runs until cancelled (the cancellation surfaces as operation_aborted). */
  Awaitable<void> run();

  const ReflectorStats& stats() const { return stats_; }
  const WatchTarget& target() const { return target_; }

 private:
  /** Lists every page; false when the list failed (after telling the handler). */
  Awaitable<bool> list();
  /** Watches until the stream ends; returns whether a relist is needed. */
  Awaitable<bool> watch(bool& progressed);
  Awaitable<void> sleepBackoff();
  std::string describe() const;

  ApiClient& client_;
  WatchTarget target_;
  WatchHandler& handler_;
  lifecycle::Logger& log_;
  ReflectorOptions options_;
  ReflectorStats stats_;
  std::chrono::milliseconds backoff_;
  std::uint32_t jitterState_;
  std::uint64_t attemptGeneration_ = 0;  // ApiClient::credentialGeneration when the attempt began
};

}  // namespace dsroll::kube
