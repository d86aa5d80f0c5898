// restart NAME [--record|--cause TEXT]: kubectl rollout restart's patch (the template annotation
// kubectl.kubernetes.io/restartedAt = now), with the change cause in the same patch.

#include "daemon/commands/RestartCommand.hpp"

#include <chrono>

#include "daemon/commands/TemplateCommand.hpp"

namespace dsroll::commands {

namespace {

Awaitable<CommandResult> runRestart(Services& s, CommandContext& ctx) {
  const std::string now =
      rfc3339Local(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()));
  TemplateCommand command;
  command.build = [&now](const nlohmann::json& ds,
                         const std::string& name) -> tl::expected<TemplatePatch, CommandError> {
    auto patch = restartPatch(ds, name, now);
    if (!patch)
      return tl::unexpected(server::commandError(ipc::ErrorKind::Conflict, patch.error()));
    return std::move(*patch);
  };
  command.operation = "restarted";
  command.failurePrefix = "failed to patch";
  co_return co_await runTemplateCommand(s, ctx, command);
}

}  // namespace

void registerRestart(server::CommandRegistry& registry, Services& services) {
  registry.add("restart", [&services](server::CommandContext& ctx) -> Awaitable<CommandResult> {
    co_return co_await runRestart(services, ctx);
  });
}

}  // namespace dsroll::commands
