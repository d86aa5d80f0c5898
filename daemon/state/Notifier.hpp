#pragma once
// Wakes coroutines waiting for "something changed" (a watched object moved on). Waiters remember
// the version they last saw, so a change between two waits is never missed.

#include <chrono>
#include <cstdint>
#include <list>
#include <memory>

#include "daemon/asio/Awaitable.hpp"

namespace dsroll::state {

class Notifier {
 public:
  explicit Notifier(Executor executor);
  ~Notifier();
  Notifier(const Notifier&) = delete;
  Notifier& operator=(const Notifier&) = delete;

  std::uint64_t version() const { return version_; }

  /** Bumps the version and wakes every waiter. */
  void notify();

  /**
   * Returns as soon as version() differs from seen (at once if it already does), or when the
   * timeout passes; the result says whether a change happened. Cancellation of the calling
   * coroutine surfaces as operation_aborted.
   */
  Awaitable<bool> waitChange(std::uint64_t seen, std::chrono::milliseconds timeout);

 private:
  struct Waiter;
  Executor executor_;
  std::uint64_t version_ = 0;
  std::list<std::shared_ptr<Waiter>> waiters_;
};

}  // namespace dsroll::state
