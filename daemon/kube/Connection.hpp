#pragma once
// One TLS connection to an API server (internal to daemon/kube): connect, send a request, read a
// whole response, or read a streamed body piece by piece (watches).

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <tl/expected.hpp>

#include "daemon/asio/Awaitable.hpp"
#include "daemon/asio/Net.hpp"
#include "daemon/kube/HttpTypes.hpp"
#include "daemon/kube/RestConfig.hpp"

namespace dsroll::kube {

namespace beast = boost::beast;
namespace http = beast::http;

using Deadline = std::chrono::steady_clock::time_point;
using BeastRequest = http::request<http::string_body>;

/** A failed exchange; retrying elsewhere is safe when nothing of a response arrived. */
struct ExchangeError {
  ApiError error;
  bool noResponse = false;
};

class Connection {
 public:
  /** Resolves, connects and handshakes; server is the URL for messages. */
  static net::asio::awaitable<tl::expected<std::unique_ptr<Connection>, ApiError>> open(
      Executor executor, const ServerUrl& url, std::shared_ptr<net::asio::ssl::context> ctx,
      const TlsConfig& tls, const std::string& server, Deadline deadline);

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  /**
   * Sends one request and reads the whole response (any status). Pass a named request: g++ 12
   * mishandles temporaries bound to a coroutine's reference parameters.
   */
  net::asio::awaitable<tl::expected<HttpResponse, ExchangeError>> exchange(
      const BeastRequest& request, Deadline deadline);

  /**
   * Sends a request whose response body is a stream. Returns the response head (status and
   * headers, body empty); for a non-2xx status the body (up to 1 MiB) is read too.
   */
  net::asio::awaitable<tl::expected<HttpResponse, ExchangeError>> startStream(
      const BeastRequest& request, Deadline deadline);

  /** The next piece of a streamed body; std::nullopt at its end; error after idle silence. */
  net::asio::awaitable<tl::expected<std::optional<std::string>, ApiError>> readSome(
      std::chrono::milliseconds idle);

  /** Whether the connection can carry another request. */
  bool reusable() const { return open_ && keepAlive_; }
  /** Whether it already carried a request (a stale keep-alive may fail on first write). */
  bool used() const { return used_; }
  void close();

 private:
  Connection(beast::ssl_stream<beast::tcp_stream> stream, std::string server);
  ApiError failure(const net::error_code& ec, const char* stage) const;
  HttpResponse headOf(const http::response_header<>& head) const;

  beast::ssl_stream<beast::tcp_stream> stream_;
  std::string server_;
  beast::flat_buffer buffer_;
  std::optional<http::response_parser<http::buffer_body>> streamParser_;
  bool open_ = true;
  bool keepAlive_ = true;
  bool used_ = false;
};

}  // namespace dsroll::kube
