#include "daemon/kube/ApiClient.hpp"

#include <ctime>
#include <random>
#include <vector>

#include <boost/beast/http.hpp>

#include "daemon/kube/Connection.hpp"
#include "daemon/kube/Credentials.hpp"
#include "daemon/kube/TlsContext.hpp"
#include "daemon/lifecycle/Logger.hpp"

namespace dsroll::kube {

namespace asio = net::asio;

namespace {

constexpr std::size_t kMaxIdleConnections = 4;
constexpr int kMaxAttempts = 4;
constexpr auto kDefaultTimeout = std::chrono::seconds(30);

std::optional<std::chrono::system_clock::time_point> parseHttpDate(const std::string& text) {
  std::tm tm{};
  const char* end = ::strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (end == nullptr) {
    return std::nullopt;
  }
  return std::chrono::system_clock::from_time_t(::timegm(&tm));
}

bool idempotent(const std::string& method) { return method == "GET" || method == "HEAD"; }

ApiError cancelled() {
  return localError(ipc::ErrorKind::Cancelled, "error: cancelled", "Cancelled");
}

}  // namespace

struct ApiClient::Impl : std::enable_shared_from_this<ApiClient::Impl> {
  Impl(Executor ex, RestConfig cfg, lifecycle::Logger& logRef)
      : executor(std::move(ex)),
        config(std::move(cfg)),
        log(logRef),
        credentials(config),
        url(parseServerUrl(config.server)),
        rng(std::random_device{}()) {}

  tl::expected<std::shared_ptr<asio::ssl::context>, ApiError> tlsContext(const AuthMaterial& auth) {
    const std::string key = auth.clientCertPem + auth.clientKeyPem;
    if (!tls || key != tlsKey) {
      auto made = makeTlsContext(config.tls, auth.clientCertPem, auth.clientKeyPem);
      if (!made) {
        return tl::unexpected(
            localError(ipc::ErrorKind::Config, "error: " + made.error()));
      }
      if (tls) {
        idle.clear();  // connections made with the old client certificate
      }
      tls = *made;
      tlsKey = key;
    }
    return tls;
  }

  BeastRequest build(const HttpRequest& request, const AuthMaterial& auth) const {
    BeastRequest out;
    out.version(11);
    out.method_string(request.method);
    out.target(url->prefix + request.target);
    out.set(http::field::host, url->host + ":" + url->port);
    out.set(http::field::user_agent, "kubectl-dsroll/" DSROLL_VERSION " (linux)");
    out.set(http::field::accept, request.accept);
    if (!auth.authorization.empty()) {
      out.set(http::field::authorization, auth.authorization);
    }
    const auto& imp = config.impersonate;
    if (!imp.user.empty()) {
      out.set("Impersonate-User", imp.user);
    }
    if (!imp.uid.empty()) {
      out.set("Impersonate-Uid", imp.uid);
    }
    for (const auto& group : imp.groups) {
      out.insert("Impersonate-Group", group);
    }
    for (const auto& [key, values] : imp.extra) {
      for (const auto& value : values) {
        out.insert("Impersonate-Extra-" + key, value);
      }
    }
    if (!request.body.empty() || request.method == "POST" || request.method == "PATCH" ||
        request.method == "PUT") {
      out.set(http::field::content_type,
              request.contentType.empty() ? "application/json" : request.contentType);
      out.body() = request.body;
    }
    out.keep_alive(true);
    out.prepare_payload();
    return out;
  }

  std::unique_ptr<Connection> takeIdle() {
    while (!idle.empty()) {
      auto conn = std::move(idle.back());
      idle.pop_back();
      if (conn->reusable()) {
        return conn;
      }
    }
    return nullptr;
  }

  void giveBack(std::unique_ptr<Connection> conn) {
    if (conn->reusable() && idle.size() < kMaxIdleConnections) {
      idle.push_back(std::move(conn));
    }
  }

  void noteDate(const std::string& date) {
    if (auto server = parseHttpDate(date)) {
      clock = ServerClock{*server, std::chrono::system_clock::now()};
    }
  }

  asio::awaitable<bool> backoff(int attempt, std::optional<std::chrono::seconds> retryAfter,
                                Deadline deadline) {
    auto wait = std::chrono::milliseconds(200 << std::min(attempt, 5));
    wait += std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 100)(rng));
    if (retryAfter) {
      wait = std::max<std::chrono::milliseconds>(wait, *retryAfter);
    }
    if (std::chrono::steady_clock::now() + wait >= deadline) {
      co_return false;
    }
    ++stats.retries;
    asio::steady_timer timer(executor, wait);
    auto [ec] = co_await timer.async_wait(net::useTuple);
    co_return !ec;
  }

  asio::awaitable<tl::expected<std::unique_ptr<Connection>, ApiError>> connect(
      const AuthMaterial& auth, Deadline deadline) {
    auto ctx = tlsContext(auth);
    if (!ctx) {
      co_return tl::expected<std::unique_ptr<Connection>, ApiError>(tl::unexpect, ctx.error());
    }
    ++stats.connectionsOpened;
    co_return co_await Connection::open(executor, *url, *ctx, config.tls, config.server, deadline);
  }

  Executor executor;
  RestConfig config;
  lifecycle::Logger& log;
  Credentials credentials;
  tl::expected<ServerUrl, std::string> url;
  std::shared_ptr<asio::ssl::context> tls;
  std::string tlsKey;
  std::vector<std::unique_ptr<Connection>> idle;
  ClientStats stats;
  std::optional<ServerClock> clock;
  std::minstd_rand rng;
};

namespace {

class StreamImpl final : public ResponseStream {
 public:
  StreamImpl(std::unique_ptr<Connection> conn, std::shared_ptr<ApiClient::Impl> owner)
      : conn_(std::move(conn)), owner_(std::move(owner)) {
    ++owner_->stats.streamsOpen;
  }
  ~StreamImpl() override { --owner_->stats.streamsOpen; }

  Awaitable<tl::expected<std::optional<std::string>, ApiError>> read(
      std::chrono::milliseconds idleTimeout) override {
    co_return co_await conn_->readSome(idleTimeout);
  }
  void close() override { conn_->close(); }

 private:
  std::unique_ptr<Connection> conn_;
  std::shared_ptr<ApiClient::Impl> owner_;
};

}  // namespace

ApiClient::ApiClient(Executor executor, RestConfig config, lifecycle::Logger& log)
    : impl_(std::make_shared<Impl>(std::move(executor), std::move(config), log)) {}

ApiClient::~ApiClient() = default;

void ApiClient::setCallerEnv(std::map<std::string, std::string> env) {
  impl_->credentials.setCallerEnv(std::move(env));
}

Awaitable<tl::expected<void, ApiError>> ApiClient::prepareCredentials(bool callerHasTerminal,
                                                                      bool relayAllowed) {
  auto self = impl_;  // the credentials outlive a client dropped while this waits
  co_return co_await self->credentials.prepare(callerHasTerminal, relayAllowed);
}

tl::expected<void, ApiError> ApiClient::acceptExecCredential(const std::string& stdoutText) {
  return impl_->credentials.accept(stdoutText);
}

std::uint64_t ApiClient::credentialGeneration() const {
  return impl_->credentials.relayGeneration();
}

const RestConfig& ApiClient::config() const { return impl_->config; }

ClientStats ApiClient::stats() const {
  ClientStats s = impl_->stats;
  s.execRuns = impl_->credentials.execRuns();
  s.execRelays = impl_->credentials.execRelays();
  return s;
}

std::optional<ApiClient::ServerClock> ApiClient::lastServerClock() const { return impl_->clock; }

void ApiClient::closeIdle() { impl_->idle.clear(); }

Awaitable<tl::expected<HttpResponse, ApiError>> ApiClient::send(HttpRequest request) {
  using Result = tl::expected<HttpResponse, ApiError>;
  auto self = impl_;  // keeps the pool alive across suspensions
  if (!self->url) {
    co_return Result(tl::unexpect,
                     localError(ipc::ErrorKind::Config, "error: " + self->url.error()));
  }
  const auto timeout = request.timeout.count() > 0 ? request.timeout
                       : self->config.requestTimeout.count() > 0
                           ? self->config.requestTimeout
                           : std::chrono::duration_cast<std::chrono::milliseconds>(kDefaultTimeout);
  const Deadline deadline = std::chrono::steady_clock::now() + timeout;
  const bool safe = idempotent(request.method);
  bool authRetried = false;
  bool staleRetried = false;
  for (int attempt = 0;; ++attempt) {
    auto auth = co_await self->credentials.current();
    if (!auth) {
      co_return Result(tl::unexpect, auth.error());
    }
    auto conn = self->takeIdle();
    if (!conn) {
      auto opened = co_await self->connect(*auth, deadline);
      if (!opened) {
        if (opened.error().kind == ipc::ErrorKind::Cancelled) co_return Result(tl::unexpect, cancelled());
        if (safe && opened.error().retryable && attempt + 1 < kMaxAttempts &&
            co_await self->backoff(attempt, std::nullopt, deadline)) {
          continue;
        }
        co_return Result(tl::unexpect, opened.error());
      }
      conn = std::move(*opened);
    }
    const bool reused = conn->used();
    ++self->stats.requests;
    const BeastRequest wire = self->build(request, *auth);  // named: see Connection::exchange
    auto exchanged = co_await conn->exchange(wire, deadline);
    if (!exchanged) {
      const auto& failure = exchanged.error();
      if (failure.error.kind == ipc::ErrorKind::Cancelled) co_return Result(tl::unexpect, cancelled());
      // A kept-alive connection the server closed fails before any answer: any verb may retry.
      if (reused && failure.noResponse && !staleRetried) {
        staleRetried = true;
        --attempt;
        continue;
      }
      if (safe && failure.error.retryable && attempt + 1 < kMaxAttempts &&
          co_await self->backoff(attempt, std::nullopt, deadline)) {
        continue;
      }
      co_return Result(tl::unexpect, failure.error);
    }
    self->giveBack(std::move(conn));
    HttpResponse response = std::move(*exchanged);
    self->noteDate(response.date);
    if (response.status / 100 == 2) {
      co_return Result(std::move(response));
    }
    ApiError error = errorFromResponse(
        response.status, response.body, request.what,
        response.retryAfter.empty() ? std::nullopt
                                    : std::optional<std::string_view>(response.retryAfter));
    if (response.status == 401 && !authRetried && self->credentials.refreshable()) {
      authRetried = true;
      self->credentials.invalidate();
      continue;
    }
    if (safe && error.retryable && attempt + 1 < kMaxAttempts &&
        co_await self->backoff(attempt, error.retryAfter, deadline)) {
      continue;
    }
    co_return Result(tl::unexpect, std::move(error));
  }
}

Awaitable<tl::expected<nlohmann::json, ApiError>> ApiClient::sendJson(HttpRequest request) {
  using Result = tl::expected<nlohmann::json, ApiError>;
  const RequestTarget what = request.what;
  auto response = co_await send(std::move(request));
  if (!response) {
    co_return Result(tl::unexpect, response.error());
  }
  auto parsed = nlohmann::json::parse(response->body, nullptr, false);
  if (parsed.is_discarded()) {
    co_return Result(tl::unexpect,
                     localError(ipc::ErrorKind::Internal,
                                "error: the server answered " + what.verb + " " + what.resource +
                                    " with a body that is not JSON"));
  }
  co_return Result(std::move(parsed));
}

Awaitable<tl::expected<std::unique_ptr<ResponseStream>, ApiError>> ApiClient::stream(
    HttpRequest request) {
  using Result = tl::expected<std::unique_ptr<ResponseStream>, ApiError>;
  auto self = impl_;
  if (!self->url) {
    co_return Result(tl::unexpect,
                     localError(ipc::ErrorKind::Config, "error: " + self->url.error()));
  }
  const auto timeout = request.timeout.count() > 0
                           ? request.timeout
                           : std::chrono::duration_cast<std::chrono::milliseconds>(kDefaultTimeout);
  const Deadline deadline = std::chrono::steady_clock::now() + timeout;
  for (bool authRetried = false;;) {
    auto auth = co_await self->credentials.current();
    if (!auth) {
      co_return Result(tl::unexpect, auth.error());
    }
    auto opened = co_await self->connect(*auth, deadline);
    if (!opened) {
      co_return Result(tl::unexpect, opened.error());
    }
    auto conn = std::move(*opened);
    ++self->stats.requests;
    const BeastRequest wire = self->build(request, *auth);
    auto head = co_await conn->startStream(wire, deadline);
    if (!head) {
      co_return Result(tl::unexpect, head.error().error);
    }
    self->noteDate(head->date);
    if (head->status / 100 == 2) {
      co_return Result(std::make_unique<StreamImpl>(std::move(conn), self));
    }
    if (head->status == 401 && !authRetried && self->credentials.refreshable()) {
      authRetried = true;
      self->credentials.invalidate();
      continue;
    }
    co_return Result(tl::unexpect, errorFromResponse(head->status, head->body, request.what));
  }
}

}  // namespace dsroll::kube
