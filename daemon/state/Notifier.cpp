#include "daemon/state/Notifier.hpp"

#include "daemon/asio/Net.hpp"

namespace dsroll::state {

namespace asio = net::asio;

struct Notifier::Waiter {
  explicit Waiter(Executor ex) : timer(std::move(ex)) {}
  asio::steady_timer timer;
};

Notifier::Notifier(Executor executor) : executor_(std::move(executor)) {}

Notifier::~Notifier() {
  for (auto& waiter : waiters_) {
    waiter->timer.cancel();
  }
}

void Notifier::notify() {
  ++version_;
  for (auto& waiter : waiters_) {
    waiter->timer.cancel();
  }
}

Awaitable<bool> Notifier::waitChange(std::uint64_t seen, std::chrono::milliseconds timeout) {
  if (version_ != seen) {
    co_return true;
  }
  auto waiter = std::make_shared<Waiter>(executor_);
  waiter->timer.expires_after(timeout);
  auto position = waiters_.insert(waiters_.end(), waiter);
  auto [ec] = co_await waiter->timer.async_wait(net::useTuple);
  waiters_.erase(position);
  auto state = co_await asio::this_coro::cancellation_state;
  if (state.cancelled() != asio::cancellation_type::none) {
    throw boost::system::system_error(asio::error::operation_aborted);
  }
  (void)ec;
  co_return version_ != seen;
}

}  // namespace dsroll::state
