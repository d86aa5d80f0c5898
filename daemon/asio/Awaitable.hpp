#pragma once
// The light part of Asio that headers may expose: awaitable<T> on the default executor.

#include <utility>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

namespace dsroll {

template <typename T>
using Awaitable = boost::asio::awaitable<T>;

using Executor = boost::asio::any_io_executor;

}  // namespace dsroll
