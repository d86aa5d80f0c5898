#pragma once
// The daemon's HTTPS client for one API server and identity: kept-alive connections reused
// across requests, a deadline on each request, credentials and impersonation on each, retries
// where they are safe, and Kubernetes Status errors turned into lines a user can act on.

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

#include "daemon/asio/Awaitable.hpp"
#include "daemon/kube/ApiError.hpp"
#include "daemon/kube/HttpTypes.hpp"
#include "daemon/kube/RestConfig.hpp"

namespace dsroll::lifecycle {
class Logger;
}

namespace dsroll::kube {

/** A response body that arrives over time (a watch). */
class ResponseStream {
 public:
  virtual ~ResponseStream() = default;
  /** The next bytes; std::nullopt when the server ended the body; an error after idle silence. */
  virtual Awaitable<tl::expected<std::optional<std::string>, ApiError>> read(
      std::chrono::milliseconds idle) = 0;
  virtual void close() = 0;
};

struct ClientStats {
  std::int64_t requests = 0;
  std::int64_t connectionsOpened = 0;
  std::int64_t streamsOpen = 0;
  std::int64_t retries = 0;
  int execRuns = 0;
  int execRelays = 0;  // credentials the plugin got from an exec plugin on the user's terminal
};

class ApiClient {
 public:
  ApiClient(Executor executor, RestConfig config, lifecycle::Logger& log);
  ~ApiClient();
  ApiClient(const ApiClient&) = delete;
  ApiClient& operator=(const ApiClient&) = delete;

  /** The caller environment exec credential plugins run with. */
  void setCallerEnv(std::map<std::string, std::string> env);

  /** Credentials::prepare: before a command that may need an interactive exec plugin. */
  Awaitable<tl::expected<void, ApiError>> prepareCredentials(bool callerHasTerminal,
                                                             bool relayAllowed);

  /** Credentials::accept: the exec plugin's stdout as the plugin ran it on the user's terminal. */
  tl::expected<void, ApiError> acceptExecCredential(const std::string& stdoutText);

  /** Changes when the plugin brings a credential: watches backing off after an auth failure
      retry at once. */
  std::uint64_t credentialGeneration() const;

  /** Sends a request; a non-2xx answer is an ApiError (warnings stay in the response). */
  Awaitable<tl::expected<HttpResponse, ApiError>> send(HttpRequest request);

  /** send() then parses the body as JSON. */
  Awaitable<tl::expected<nlohmann::json, ApiError>> sendJson(HttpRequest request);

  /** Opens a streamed response on its own connection (never pooled). */
  Awaitable<tl::expected<std::unique_ptr<ResponseStream>, ApiError>> stream(HttpRequest request);

  /** The API server's clock as of the last response (its Date header), with our clock then. */
  struct ServerClock {
    std::chrono::system_clock::time_point server;
    std::chrono::system_clock::time_point local;
  };
  std::optional<ServerClock> lastServerClock() const;

  const RestConfig& config() const;
  ClientStats stats() const;

  /** Closes idle connections (open streams end on their own). */
  void closeIdle();

  struct Impl;  // internal; public only so the stream type in the .cpp can share it

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace dsroll::kube
