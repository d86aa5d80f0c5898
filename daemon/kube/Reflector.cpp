#include "daemon/kube/Reflector.hpp"

#include <random>

#include "daemon/asio/Net.hpp"
#include "daemon/kube/ApiClient.hpp"
#include "daemon/kube/LineSplitter.hpp"
#include "daemon/kube/WatchEvent.hpp"
#include "daemon/lifecycle/Logger.hpp"

namespace dsroll::kube {

namespace asio = net::asio;

namespace {

constexpr std::size_t kMaxEventBytes = 64u * 1024u * 1024u;
constexpr auto kCredentialPoll = std::chrono::milliseconds(200);

}  // namespace

Reflector::Reflector(ApiClient& client, WatchTarget target, WatchHandler& handler,
                     lifecycle::Logger& log, ReflectorOptions options)
    : client_(client),
      target_(std::move(target)),
      handler_(handler),
      log_(log),
      options_(options),
      backoff_(options.initialBackoff),
      jitterState_(std::random_device{}()) {}

std::string Reflector::describe() const {
  std::string out = target_.type.resource;
  if (!target_.namespace_.empty()) out += " in " + target_.namespace_;
  if (!target_.labelSelector.empty()) out += " (" + target_.labelSelector + ")";
  if (!target_.fieldSelector.empty()) out += " (" + target_.fieldSelector + ")";
  return out;
}

Awaitable<void> Reflector::sleepBackoff() {
  // Full jitter in [backoff/2, backoff], doubling up to the cap.
  jitterState_ = jitterState_ * 1664525u + 1013904223u;
  const auto half = backoff_.count() / 2;
  const auto wait = std::chrono::milliseconds(half + (half > 0 ? jitterState_ % half : 0));
  backoff_ = std::min(backoff_ * 2, options_.maxBackoff);
  // A credential the plugin brought from the user's terminal since the attempt began ends the
  // wait: the failure may have been a credential that had expired, and the command that brought
  // the new one waits on this watch.
  const std::uint64_t generation = attemptGeneration_;
  const auto until = std::chrono::steady_clock::now() + wait;
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (auto now = std::chrono::steady_clock::now(); now < until;
       now = std::chrono::steady_clock::now()) {
    if (client_.credentialGeneration() != generation) {
      backoff_ = options_.initialBackoff;
      co_return;
    }
    const std::chrono::steady_clock::duration left = until - now;
    timer.expires_after(std::min(left, std::chrono::steady_clock::duration(kCredentialPoll)));
    co_await timer.async_wait(asio::use_awaitable);
  }
}

Awaitable<bool> Reflector::list() {
  ++stats_.lists;
  std::string continueToken;
  bool started = false;
  while (true) {
    HttpRequest request;
    request.target = resourcePath(target_.type, target_.namespace_) +
                     queryString({{"limit", std::to_string(options_.pageSize)},
                                  {"labelSelector", target_.labelSelector},
                                  {"fieldSelector", target_.fieldSelector},
                                  {"continue", continueToken}});
    request.what = targetOf("list", target_.type, target_.namespace_);
    request.timeout = std::chrono::seconds(60);
    auto page = co_await client_.sendJson(std::move(request));
    if (!page) {
      if (page.error().isGone() && !continueToken.empty()) {
        continueToken.clear();  // the continue token expired mid-list: start over
        started = false;
        continue;
      }
      handler_.onHealth(&page.error());
      log_.warn("list " + describe() + ": " + page.error().message);
      co_return false;
    }
    if (!started) {
      handler_.onListStart();
      started = true;
    }
    if (auto items = page->find("items"); items != page->end() && items->is_array()) {
      for (auto& item : *items) {
        handler_.onListItem(std::move(item));
      }
    }
    const auto& meta = (*page)["metadata"];
    continueToken = meta.value("continue", std::string());
    if (continueToken.empty()) {
      stats_.resourceVersion = meta.value("resourceVersion", std::string());
      handler_.onListEnd(stats_.resourceVersion);
      handler_.onHealth(nullptr);
      co_return true;
    }
  }
}

Awaitable<bool> Reflector::watch(bool& progressed) {
  ++stats_.watches;
  // Randomised so many watches do not all reconnect at once.
  jitterState_ = jitterState_ * 1664525u + 1013904223u;
  const auto minSeconds = options_.minWatchTimeout.count();
  const auto timeoutSeconds = minSeconds + (minSeconds > 0 ? jitterState_ % minSeconds : 0);
  HttpRequest request;
  request.target = resourcePath(target_.type, target_.namespace_) +
                   queryString({{"watch", "true"},
                                {"resourceVersion", stats_.resourceVersion},
                                {"allowWatchBookmarks", "true"},
                                {"timeoutSeconds", std::to_string(timeoutSeconds)},
                                {"labelSelector", target_.labelSelector},
                                {"fieldSelector", target_.fieldSelector}});
  request.what = targetOf("watch", target_.type, target_.namespace_);
  auto stream = co_await client_.stream(std::move(request));
  if (!stream) {
    if (stream.error().isGone()) {
      ++stats_.gone;
      co_return true;
    }
    handler_.onHealth(&stream.error());
    log_.warn("watch " + describe() + ": " + stream.error().message);
    co_return false;
  }
  stats_.watching = true;
  handler_.onHealth(nullptr);
  LineSplitter lines(kMaxEventBytes);
  bool relist = false;
  bool ended = false;
  while (!relist && !ended) {
    auto bytes = co_await (*stream)->read(options_.idleTimeout);
    if (!bytes) {
      // Until a new watch is up, what we hold may be going stale: say so. The cause alone
      // ("no data for 90s", "read: connection reset by peer"): the watch resumes on its own, so
      // kubectl's "Unable to connect to the server" would overstate it.
      const auto& why = bytes.error();
      log_.info("watch " + describe() + " dropped (resuming): " +
                (why.detail.empty() ? why.message : why.detail));
      handler_.onHealth(&bytes.error());
      break;
    }
    if (!*bytes) {
      break;  // the server ended the watch (timeoutSeconds): resume from where we are
    }
    for (auto& line : lines.feed(**bytes)) {
      auto event = decodeWatchEvent(line);
      if (!event) {
        log_.warn("watch " + describe() + ": ignoring " + event.error());
        continue;
      }
      if (event->kind == WatchEventKind::Expired) {
        ++stats_.gone;
        relist = true;
        break;
      }
      if (event->kind == WatchEventKind::Error) {
        // The server ends the watch after an error: resume from the last resourceVersion.
        log_.warn("watch " + describe() + ": " +
                  (event->message.empty() ? std::string("error event") : event->message));
        ended = true;
        break;
      }
      if (event->kind == WatchEventKind::Unknown) {
        continue;
      }
      if (!event->resourceVersion.empty()) {
        stats_.resourceVersion = event->resourceVersion;
      }
      progressed = true;
      if (event->kind == WatchEventKind::Bookmark) {
        continue;
      }
      ++stats_.events;
      const auto type = event->kind == WatchEventKind::Added      ? WatchEventType::Added
                        : event->kind == WatchEventKind::Modified ? WatchEventType::Modified
                                                                  : WatchEventType::Deleted;
      handler_.onEvent(type, std::move(event->object));
    }
    if (lines.overflowed()) {
      log_.warn("watch " + describe() + ": an event exceeded the size limit; relisting");
      relist = true;
    }
  }
  (*stream)->close();
  stats_.watching = false;
  co_return relist;
}

Awaitable<void> Reflector::run() {
  bool needList = true;
  while (true) {
    attemptGeneration_ = client_.credentialGeneration();
    if (needList) {
      if (!co_await list()) {
        co_await sleepBackoff();
        continue;
      }
      needList = false;
      backoff_ = options_.initialBackoff;
    }
    bool progressed = false;
    const bool relist = co_await watch(progressed);
    if (relist) {
      log_.info("watch " + describe() + ": resourceVersion " + stats_.resourceVersion +
                " is too old; relisting");
      needList = true;
      continue;
    }
    if (progressed) {
      backoff_ = options_.initialBackoff;
    } else {
      co_await sleepBackoff();
    }
  }
}

}  // namespace dsroll::kube
