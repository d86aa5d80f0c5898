#include "daemon/kube/Connection.hpp"

#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "daemon/kube/TlsContext.hpp"

namespace dsroll::kube {

namespace asio = net::asio;

namespace {

constexpr std::size_t kMaxErrorBody = 1024 * 1024;
constexpr std::uint64_t kMaxResponseBody = 512ull * 1024 * 1024;

std::string warningText(std::string_view header) {
  // RFC 7234 form used by the API server: 299 - "text"
  const auto open = header.find('"');
  const auto close = header.rfind('"');
  if (open == std::string_view::npos || close <= open) {
    return std::string(header);
  }
  return std::string(header.substr(open + 1, close - open - 1));
}

std::string secondsText(std::chrono::steady_clock::duration d) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
  if (ms % 1000 == 0) return std::to_string(ms / 1000) + "s";
  return std::to_string(ms) + "ms";
}

}  // namespace

Connection::Connection(beast::ssl_stream<beast::tcp_stream> stream, std::string server)
    : stream_(std::move(stream)), server_(std::move(server)) {}

Connection::~Connection() { close(); }

void Connection::close() {
  if (!open_) {
    return;
  }
  open_ = false;
  net::error_code ignored;
  beast::get_lowest_layer(stream_).socket().shutdown(asio::ip::tcp::socket::shutdown_both,
                                                     ignored);
  beast::get_lowest_layer(stream_).socket().close(ignored);
}

ApiError Connection::failure(const net::error_code& ec, const char* stage) const {
  if (ec == beast::error::timeout) {
    return transportError(server_, TransportStage::Timeout, std::string(stage) + " timed out");
  }
  if (ec == asio::error::operation_aborted) {
    return localError(ipc::ErrorKind::Cancelled, "error: cancelled", "Cancelled");
  }
  return transportError(server_, TransportStage::Read, ec.message());
}

asio::awaitable<tl::expected<std::unique_ptr<Connection>, ApiError>> Connection::open(
    Executor executor, const ServerUrl& url, std::shared_ptr<asio::ssl::context> ctx,
    const TlsConfig& tls, const std::string& server, Deadline deadline) {
  using Result = tl::expected<std::unique_ptr<Connection>, ApiError>;
  asio::ip::tcp::resolver resolver(executor);
  auto [rec, endpoints] = co_await resolver.async_resolve(url.host, url.port, net::useTuple);
  if (rec) {
    co_return Result(tl::unexpect, transportError(server, TransportStage::Resolve, rec.message()));
  }
  beast::ssl_stream<beast::tcp_stream> stream(executor, *ctx);
  if (auto prepared = prepareTlsStream(stream.native_handle(), url, tls); !prepared) {
    co_return Result(tl::unexpect,
                     transportError(server, TransportStage::TlsHandshake, prepared.error()));
  }
  auto& tcp = beast::get_lowest_layer(stream);
  tcp.expires_at(deadline);
  auto [cec, ep] = co_await tcp.async_connect(endpoints, net::useTuple);
  (void)ep;
  if (cec) {
    const auto stage =
        cec == beast::error::timeout ? TransportStage::Timeout : TransportStage::Connect;
    const std::string cause = cec == beast::error::timeout ? "connect timed out" : cec.message();
    co_return Result(tl::unexpect, transportError(server, stage, cause));
  }
  tcp.socket().set_option(asio::ip::tcp::no_delay(true));
  tcp.socket().set_option(asio::socket_base::keep_alive(true));
  auto [hec] = co_await stream.async_handshake(asio::ssl::stream_base::client, net::useTuple);
  if (hec) {
    std::string cause = hec.message();
    const std::string& expected = tls.serverName.empty() ? url.host : tls.serverName;
    if (auto why = verifyFailure(stream.native_handle(), expected); !why.empty()) {
      cause = "tls: failed to verify certificate: x509: " + why;
    } else if (hec == beast::error::timeout) {
      cause = "TLS handshake timeout";
    }
    co_return Result(tl::unexpect, transportError(server, TransportStage::TlsHandshake, cause));
  }
  tcp.expires_never();
  co_return Result(std::unique_ptr<Connection>(new Connection(std::move(stream), server)));
}

HttpResponse Connection::headOf(const http::response_header<>& head) const {
  HttpResponse out;
  out.status = static_cast<int>(head.result_int());
  if (auto it = head.find(http::field::content_type); it != head.end()) {
    out.contentType = std::string(it->value());
  }
  if (auto it = head.find(http::field::date); it != head.end()) {
    out.date = std::string(it->value());
  }
  if (auto it = head.find(http::field::retry_after); it != head.end()) {
    out.retryAfter = std::string(it->value());
  }
  for (auto [it, end] = head.equal_range(http::field::warning); it != end; ++it) {
    out.warnings.push_back(warningText(it->value()));
  }
  return out;
}

asio::awaitable<tl::expected<HttpResponse, ExchangeError>> Connection::exchange(
    const BeastRequest& request, Deadline deadline) {
  using Result = tl::expected<HttpResponse, ExchangeError>;
  used_ = true;
  auto& tcp = beast::get_lowest_layer(stream_);
  tcp.expires_at(deadline);
  auto [wec, written] = co_await http::async_write(stream_, request, net::useTuple);
  (void)written;
  if (wec) {
    close();
    co_return Result(tl::unexpect, ExchangeError{failure(wec, "request"), true});
  }
  http::response_parser<http::string_body> parser;
  parser.body_limit(kMaxResponseBody);
  auto [rec, read] = co_await http::async_read(stream_, buffer_, parser, net::useTuple);
  (void)read;
  tcp.expires_never();
  if (rec) {
    const bool nothing = !parser.got_some();
    close();
    co_return Result(tl::unexpect, ExchangeError{failure(rec, "response"), nothing});
  }
  auto& message = parser.get();
  HttpResponse out = headOf(message.base());
  out.body = std::move(message.body());
  keepAlive_ = message.keep_alive();
  if (!keepAlive_) {
    close();
  }
  co_return Result(std::move(out));
}

asio::awaitable<tl::expected<HttpResponse, ExchangeError>> Connection::startStream(
    const BeastRequest& request, Deadline deadline) {
  using Result = tl::expected<HttpResponse, ExchangeError>;
  used_ = true;
  keepAlive_ = false;  // a streamed body ends the connection's usefulness
  auto& tcp = beast::get_lowest_layer(stream_);
  tcp.expires_at(deadline);
  auto [wec, written] = co_await http::async_write(stream_, request, net::useTuple);
  (void)written;
  if (wec) {
    close();
    co_return Result(tl::unexpect, ExchangeError{failure(wec, "request"), true});
  }
  streamParser_.emplace();
  streamParser_->body_limit(boost::none);  // a watch body never ends on its own terms
  auto [hec, n] = co_await http::async_read_header(stream_, buffer_, *streamParser_, net::useTuple);
  (void)n;
  tcp.expires_never();
  if (hec) {
    const bool nothing = !streamParser_->got_some();
    close();
    co_return Result(tl::unexpect, ExchangeError{failure(hec, "response"), nothing});
  }
  HttpResponse head = headOf(streamParser_->get().base());
  if (head.status / 100 != 2) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (head.body.size() < kMaxErrorBody) {
      auto piece = co_await readSome(std::chrono::duration_cast<std::chrono::milliseconds>(
          until - std::chrono::steady_clock::now()));
      if (!piece || !*piece) break;
      head.body += **piece;
    }
    close();
  }
  co_return Result(std::move(head));
}

asio::awaitable<tl::expected<std::optional<std::string>, ApiError>> Connection::readSome(
    std::chrono::milliseconds idle) {
  using Result = tl::expected<std::optional<std::string>, ApiError>;
  if (!streamParser_ || streamParser_->is_done() || !open_) {
    co_return Result(std::nullopt);
  }
  std::string chunk(64 * 1024, '\0');
  auto& body = streamParser_->get().body();
  body.data = chunk.data();
  body.size = chunk.size();
  auto& tcp = beast::get_lowest_layer(stream_);
  tcp.expires_after(idle);
  // read_some, not read: read would wait until the whole 64 KiB buffer is full.
  auto [ec, n] = co_await http::async_read_some(stream_, buffer_, *streamParser_, net::useTuple);
  (void)n;
  tcp.expires_never();
  if (ec && ec != http::error::need_buffer) {
    close();
    if (ec == beast::error::timeout) {
      co_return Result(tl::unexpect, transportError(server_, TransportStage::Timeout,
                                                    "no data for " + secondsText(idle)));
    }
    if (ec == http::error::end_of_stream || ec == asio::error::eof ||
        ec == asio::ssl::error::stream_truncated) {
      co_return Result(std::nullopt);  // the server ended the stream (watch timeout)
    }
    co_return Result(tl::unexpect, failure(ec, "stream"));
  }
  chunk.resize(chunk.size() - body.size);
  if (chunk.empty() && streamParser_->is_done()) {
    co_return Result(std::nullopt);
  }
  co_return Result(std::move(chunk));
}

}  // namespace dsroll::kube
