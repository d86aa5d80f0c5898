#pragma once
// The credentials of one RestConfig at the moment of a request: a bearer token (inline, from a
// token file that may rotate, or from an exec plugin cached until it expires) and/or a client
// certificate.

#include <chrono>
#include <map>
#include <optional>
#include <string>

#include <tl/expected.hpp>

#include "daemon/asio/Awaitable.hpp"
#include "daemon/kube/ApiError.hpp"
#include "daemon/kube/ExecCredential.hpp"
#include "daemon/kube/RestConfig.hpp"

namespace dsroll::kube {

struct AuthMaterial {
  std::string authorization;  // the Authorization header value, "" for none
  std::string clientCertPem;  // from an exec plugin; "" = the config's own (if any)
  std::string clientKeyPem;
};

class Credentials {
 public:
  explicit Credentials(RestConfig config);

  /** The environment exec plugins run with (the latest caller's). */
  void setCallerEnv(std::map<std::string, std::string> env) { callerEnv_ = std::move(env); }

  Awaitable<tl::expected<AuthMaterial, ApiError>> current();

  /**
   * Before a command that may need an interactive exec plugin: the cached credential, else the
   * exec plugin's, run here when it can run without a terminal. An error of kind NeedsCredential
   * means the plugin must run it on the user's terminal: interactiveMode Always, or IfAvailable
   * when the run here failed and the caller's stdin is a terminal. With relayAllowed false (the
   * request already brought a relayed credential) it never asks for one.
   */
  Awaitable<tl::expected<void, ApiError>> prepare(bool callerHasTerminal, bool relayAllowed);

  /**
   * The stdout of the exec plugin as the plugin ran it on the user's terminal: validated as the
   * daemon's own run is, then cached until its expirationTimestamp like one.
   */
  tl::expected<void, ApiError> accept(const std::string& stdoutText);

  /** After a 401: forget cached exec output and re-read the token file next time. */
  void invalidate();

  /** Whether invalidate() can produce different credentials (worth one retry after a 401). */
  bool refreshable() const {
    return config_.auth.exec.has_value() || !config_.auth.tokenFile.empty();
  }

  int execRuns() const { return execRuns_; }
  int execRelays() const { return execRelays_; }
  /** Counts credentials accepted from the plugin: a change means work that failed may retry. */
  std::uint64_t relayGeneration() const { return static_cast<std::uint64_t>(execRelays_); }

 private:
  tl::expected<std::string, ApiError> tokenFromFile();
  bool execValid() const;
  /** Runs the exec plugin here (off the io thread) and caches what it gives. */
  Awaitable<tl::expected<void, ExecError>> runExec();

  RestConfig config_;
  std::map<std::string, std::string> callerEnv_;
  std::optional<ExecCredential> exec_;
  std::string fileToken_;
  std::int64_t fileMtimeNs_ = -1;
  int execRuns_ = 0;
  int execRelays_ = 0;
};

}  // namespace dsroll::kube
