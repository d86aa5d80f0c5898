#pragma once
// Runs a blocking function on a short-lived thread and resumes the coroutine on its executor
// with the result. For rare blocking work only (exec credential plugins).

#include <functional>
#include <thread>

#include "daemon/asio/Net.hpp"

namespace dsroll::kube {

template <typename T>
net::asio::awaitable<T> offThread(std::function<T()> work) {
  auto executor = co_await net::asio::this_coro::executor;
  // Named, not a temporary inside the co_await: g++ 12 destroys such temporaries twice.
  auto initiation = [work = std::move(work), executor](auto handler) mutable {
    std::thread([work = std::move(work), executor, handler = std::move(handler)]() mutable {
      T result = work();
      net::asio::post(executor,
                      [handler = std::move(handler), result = std::move(result)]() mutable {
                        std::move(handler)(std::move(result));
                      });
    }).detach();
  };
  co_return co_await net::asio::async_initiate<decltype(net::asio::use_awaitable), void(T)>(
      std::move(initiation), net::asio::use_awaitable);
}

}  // namespace dsroll::kube
