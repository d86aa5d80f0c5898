#pragma once
// The project's way into Asio: the headers and the aliases every daemon .cpp uses.
// Include only from .cpp files (headers expose Awaitable and plain types only).

#include <utility>  // Boost 1.74's awaitable.hpp needed std::exchange; keep it first anyway

#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>

namespace dsroll::net {

namespace asio = boost::asio;
using boost::system::error_code;

/** Every coroutine result as (error_code, value...) instead of exceptions. */
constexpr auto useTuple = asio::as_tuple(asio::use_awaitable);

}  // namespace dsroll::net
