#include "daemon/kube/Credentials.hpp"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "daemon/kube/Base64.hpp"
#include "daemon/kube/OffThread.hpp"

namespace dsroll::kube {

namespace {

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' '))
    s.pop_back();
  return s;
}

// kubectl's words for a url.Error whose cause is client-go's exec authenticator.
constexpr const char* kGettingCredentials =
    "Unable to connect to the server: getting credentials: ";

ApiError configError(const std::string& message) {
  return localError(ipc::ErrorKind::Config, "error: " + message);
}

}  // namespace

Credentials::Credentials(RestConfig config) : config_(std::move(config)) {}

void Credentials::invalidate() {
  exec_.reset();
  fileMtimeNs_ = -1;
}

tl::expected<std::string, ApiError> Credentials::tokenFromFile() {
  const std::string& path = config_.auth.tokenFile;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return tl::unexpected(configError("cannot read token file " + path));
  }
  const std::int64_t mtime =
      static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  if (mtime != fileMtimeNs_) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) {
      return tl::unexpected(configError("cannot read token file " + path));
    }
    fileToken_ = trimmed(text.str());
    fileMtimeNs_ = mtime;
  }
  return fileToken_;
}

bool Credentials::execValid() const {
  return exec_ && !(exec_->expiresAt && *exec_->expiresAt <= std::chrono::system_clock::now());
}

Awaitable<tl::expected<void, ExecError>> Credentials::runExec() {
  using Result = tl::expected<void, ExecError>;
  // Exec plugins block (they may call a cloud API): keep them off the io thread.
  ++execRuns_;
  // Named first: g++ 12 destroys a temporary argument inside co_await twice.
  std::function<tl::expected<ExecCredential, ExecError>()> run =
      [exec = *config_.auth.exec, cluster = config_, env = callerEnv_] {
        return runExecPlugin(exec, cluster, env, std::chrono::seconds(60));
      };
  auto result = co_await offThread(std::move(run));
  if (!result) co_return Result(tl::unexpect, std::move(result.error()));
  exec_ = std::move(*result);
  co_return Result();
}

Awaitable<tl::expected<void, ApiError>> Credentials::prepare(bool callerHasTerminal,
                                                             bool relayAllowed) {
  using Result = tl::expected<void, ApiError>;
  if (!config_.auth.exec || execValid()) co_return Result();
  const std::string& mode = config_.auth.exec->interactiveMode;
  if (mode == "Always" && relayAllowed) {
    co_return Result(tl::unexpect,
                     localError(ipc::ErrorKind::NeedsCredential,
                                std::string(kGettingCredentials) +
                                    "exec plugin cannot support interactive mode: standard "
                                    "input is not a terminal"));
  }
  auto ran = co_await runExec();
  if (ran) co_return Result();
  const bool relay =
      mode == "IfAvailable" && callerHasTerminal && relayAllowed && !ran.error().notFound;
  co_return Result(tl::unexpect, localError(relay ? ipc::ErrorKind::NeedsCredential
                                                  : ipc::ErrorKind::Unauthorized,
                                            kGettingCredentials + ran.error().message));
}

tl::expected<void, ApiError> Credentials::accept(const std::string& stdoutText) {
  if (!config_.auth.exec) {
    return tl::unexpected(configError(
        "the request brought an exec credential, but the kubeconfig's user has no exec plugin"));
  }
  auto credential = parseExecOutput(*config_.auth.exec, stdoutText);
  if (!credential) {
    return tl::unexpected(
        localError(ipc::ErrorKind::Unauthorized, kGettingCredentials + credential.error().message));
  }
  if (credential->expiresAt && *credential->expiresAt <= std::chrono::system_clock::now()) {
    return tl::unexpected(localError(
        ipc::ErrorKind::Unauthorized,
        std::string(kGettingCredentials) + "exec plugin returned a credential that has expired"));
  }
  ++execRelays_;
  exec_ = std::move(*credential);
  return {};
}

Awaitable<tl::expected<AuthMaterial, ApiError>> Credentials::current() {
  using Result = tl::expected<AuthMaterial, ApiError>;
  AuthMaterial out;
  const auto& auth = config_.auth;
  if (auth.exec) {
    if (!execValid()) {
      auto ran = co_await runExec();
      if (!ran) {
        co_return Result(tl::unexpect, localError(ipc::ErrorKind::Unauthorized,
                                                  kGettingCredentials + ran.error().message));
      }
    }
    if (!exec_->token.empty()) {
      out.authorization = "Bearer " + exec_->token;
    }
    out.clientCertPem = exec_->clientCertPem;
    out.clientKeyPem = exec_->clientKeyPem;
  }
  if (out.authorization.empty()) {
    // As client-go: a token file, when named, wins over an inline token (it may rotate).
    if (!auth.tokenFile.empty()) {
      auto token = tokenFromFile();
      if (!token) co_return Result(tl::unexpect, token.error());
      out.authorization = "Bearer " + *token;
    } else if (!auth.token.empty()) {
      out.authorization = "Bearer " + auth.token;
    } else if (!auth.username.empty()) {
      out.authorization = "Basic " + encodeBase64(auth.username + ":" + auth.password);
    }
  }
  co_return Result(std::move(out));
}

}  // namespace dsroll::kube
