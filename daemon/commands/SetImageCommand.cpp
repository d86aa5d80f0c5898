// set image NAME CONTAINER=IMAGE... [--record|--cause TEXT]: kubectl set image's patch (matching
// containers and init containers, "*" for all), with the change cause in the same patch.

#include "daemon/commands/SetImageCommand.hpp"

#include "daemon/commands/TemplateCommand.hpp"

namespace dsroll::commands {

namespace {

Awaitable<CommandResult> runSetImage(Services& s, CommandContext& ctx) {
  auto changes = imageChangesArg(ctx.request.args.value("images", nlohmann::json()));
  if (!changes) {
    co_return tl::unexpected(server::commandError(ipc::ErrorKind::Usage, changes.error()));
  }
  TemplateCommand command;
  command.build = [&changes](const nlohmann::json& ds,
                             const std::string&) -> tl::expected<TemplatePatch, CommandError> {
    auto patch = setImagePatch(ds, *changes);
    if (!patch)
      return tl::unexpected(server::commandError(ipc::ErrorKind::NotFound, patch.error()));
    return std::move(*patch);
  };
  command.operation = "image updated";
  command.failurePrefix = "failed to patch image update to pod template";
  command.silentWhenUnchanged = true;
  co_return co_await runTemplateCommand(s, ctx, command);
}

}  // namespace

void registerSetImage(server::CommandRegistry& registry, Services& services) {
  registry.add("set-image", [&services](server::CommandContext& ctx) -> Awaitable<CommandResult> {
    co_return co_await runSetImage(services, ctx);
  });
}

}  // namespace dsroll::commands
