#include "daemon/commands/CredentialRelay.hpp"

#include "daemon/commands/CommandSupport.hpp"
#include "daemon/kube/ExecCredential.hpp"
#include "daemon/kube/KubeConfig.hpp"

namespace dsroll::commands {

namespace {

/** Commands that never contact the API server: no credential to prepare. */
bool offline(const ipc::Request& request) {
  return request.command == "complete" || request.command.rfind("cache.", 0) == 0 ||
         request.args.value("offline", false);
}

/** Whether the exec plugin might want the terminal for this caller. */
bool mayNeedTerminal(const kube::ExecConfig& exec, const ipc::Request& request) {
  return exec.interactiveMode == "Always" ||
         (exec.interactiveMode == "IfAvailable" && request.terminal.stdinIsTty);
}

Awaitable<tl::expected<void, CommandError>> ensureCredential(Services& services,
                                                             const ipc::Request& request) {
  using Result = tl::expected<void, CommandError>;
  const bool brought = request.execCredential.has_value();
  if (!brought && offline(request)) co_return Result();
  auto config = kube::resolveConfig(request.kube, request.env, request.cwd);
  if (!config) co_return Result();  // the command itself reports what is wrong
  const auto& exec = config->rest.auth.exec;
  if (!brought && (!exec || !mayNeedTerminal(*exec, request))) co_return Result();
  const state::ClusterHandle handle = services.clusters.get(std::move(*config), request.env);
  kube::ApiClient& client = handle.cluster->client();
  if (brought) {
    if (auto accepted = client.acceptExecCredential(*request.execCredential); !accepted) {
      co_return Result(tl::unexpect, fromApiError(accepted.error()));
    }
  }
  const bool callerHasTerminal = request.terminal.stdinIsTty;
  const bool relayAllowed = !brought;  // at most one relay per request
  auto ready = co_await client.prepareCredentials(callerHasTerminal, relayAllowed);
  if (ready) co_return Result();
  CommandError error = fromApiError(ready.error());
  const auto& rest = handle.config.rest;
  if (error.kind == ipc::ErrorKind::NeedsCredential && rest.auth.exec) {
    error.data = ipc::toJson(credentialRequest(*rest.auth.exec, rest));
  }
  co_return Result(tl::unexpect, std::move(error));
}

}  // namespace

ipc::CredentialRequest credentialRequest(const kube::ExecConfig& exec,
                                         const kube::RestConfig& cluster) {
  ipc::CredentialRequest out;
  out.command = exec.command;
  out.args = exec.args;
  out.env = exec.env;
  out.apiVersion = exec.apiVersion;
  out.installHint = exec.installHint;
  out.interactiveMode = exec.interactiveMode;
  out.execInfo = kube::execInfoJson(exec, cluster, true);
  return out;
}

server::CommandHandler withCredentialRelay(server::CommandHandler handler, Services& services) {
  return [handler = std::move(handler),
          &services](server::CommandContext& ctx) -> Awaitable<server::CommandResult> {
    auto ready = co_await ensureCredential(services, ctx.request);
    if (!ready) co_return tl::unexpected(std::move(ready.error()));
    co_return co_await handler(ctx);
  };
}

}  // namespace dsroll::commands
