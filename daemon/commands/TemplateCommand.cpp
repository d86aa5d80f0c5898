#include "daemon/commands/TemplateCommand.hpp"

#include "daemon/commands/ApplyConflicts.hpp"
#include "daemon/commands/ChangeCause.hpp"
#include "daemon/commands/ChangeOutput.hpp"
#include "daemon/commands/DaemonSetGet.hpp"
#include "daemon/commands/Mutation.hpp"
#include "daemon/model/Json.hpp"

namespace dsroll::commands {

Awaitable<CommandResult> runTemplateCommand(Services& services,
                                            CommandContext& ctx,
                                            const TemplateCommand& command) {
  auto target = resolveTarget(services, ctx.request);
  if (!target) co_return tl::unexpected(target.error());
  auto dryRun = dryRunArg(ctx.request);
  if (!dryRun) co_return tl::unexpected(dryRun.error());
  const std::string output = ctx.request.args.value("output", std::string());
  const auto cause = changeCauseArg(ctx.request.args);

  auto live = co_await requireDaemonSet(*target);
  if (!live) co_return tl::unexpected(live.error());
  auto change = command.build(*live, target->name);
  if (!change) co_return tl::unexpected(change.error());
  if (cause && model::str(*live, {"metadata", "annotations", kChangeCauseAnnotation}) != *cause) {
    putChangeCause(change->patch, cause);
    putChangeCause(change->updated, cause);
  }
  if (change->patch.empty() && command.silentWhenUnchanged) co_return 0;

  if (*dryRun == DryRun::Client) {
    ctx.reply.out(changeOutput(output, target->name, command.operation, *dryRun, change->updated));
    co_return 0;
  }
  // Watch the revisions from now on, so the cache records the one this change makes.
  target->handle.cluster->revisions(target->namespace_);
  const PatchRequest request{"application/strategic-merge-patch+json", change->patch.dump(),
                             "fieldManager=" + kFieldManager, *dryRun};
  auto answer = co_await patchDaemonSet(*target, request);
  if (!answer) {
    const auto& error = answer.error();
    co_return tl::unexpected(server::commandError(
        error.kind,
        command.failurePrefix + ": " + (error.detail.empty() ? error.message : error.detail)));
  }
  ctx.reply.out(changeOutput(output, target->name, command.operation, *dryRun, *answer));
  co_return 0;
}

}  // namespace dsroll::commands
