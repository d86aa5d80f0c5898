// list [-A] [-o json|yaml|name|wide]: every DaemonSet of the namespace (or of all namespaces)
// with its rollout state at a glance. The objects for -o json|yaml|name are exactly those
// `kubectl get daemonsets` prints.

#include "daemon/commands/ListCommand.hpp"

#include "daemon/commands/DaemonSetOverview.hpp"
#include "daemon/commands/RevisionObjects.hpp"
#include "daemon/commands/StatusAllCommand.hpp"
#include "daemon/render/KubectlYaml.hpp"

namespace dsroll::commands {

namespace {

Awaitable<CommandResult> runList(Services& s, StallTracker& stalls, CommandContext& ctx) {
  const auto& args = ctx.request.args;
  auto target = resolveTarget(s, ctx.request, false);
  if (!target) co_return tl::unexpected(target.error());
  const std::string output = args.value("output", std::string());
  if (!output.empty() && output != "wide" && output != "name" && output != "json" &&
      output != "yaml") {
    co_return tl::unexpected(server::commandError(
        ipc::ErrorKind::Usage, "unable to match a printer suitable for the output format \"" +
                                   output + "\", allowed formats are: json,name,wide,yaml"));
  }
  const bool all = args.value("allNamespaces", false);
  auto overview = co_await openOverview(s, *target, all);
  if (!overview) co_return tl::unexpected(overview.error());

  if (output == "json" || output == "yaml") {
    std::vector<nlohmann::json> items;
    for (const auto* ds : daemonSetsOf(*overview)) {
      items.push_back(withKind(ds->object, "apps/v1", "DaemonSet"));
    }
    ctx.reply.out(printKubectlList(std::move(items), output));
    co_return 0;
  }
  const auto daemonSets = daemonSetsOf(*overview);
  if (daemonSets.empty()) {
    ctx.reply.err(noResourcesFound(*overview));
  } else if (output == "name") {
    for (const auto* ds : daemonSets)
      ctx.reply.out("daemonset.apps/" + ds->name + "\n");
  } else {
    ctx.reply.out(daemonSetTable(overviewRows(s, *overview, stalls), all, output == "wide"));
  }
  co_return 0;
}

}  // namespace

void registerList(server::CommandRegistry& registry, Services& services) {
  // Shared by list and status --all; lives as long as the handlers.
  auto stalls = std::make_shared<StallTracker>();
  registry.add("list",
               [&services, stalls](server::CommandContext& ctx) -> Awaitable<CommandResult> {
                 co_return co_await runList(services, *stalls, ctx);
               });
  const server::CommandHandler* status = registry.find("status");
  server::CommandHandler single = status != nullptr ? *status : server::CommandHandler{};
  registry.add(
      "status",
      [&services, stalls, single](server::CommandContext& ctx) -> Awaitable<CommandResult> {
        if (ctx.request.args.value("all", false) ||
            ctx.request.args.value("allNamespaces", false) || !single) {
          co_return co_await runStatusAll(services, *stalls, ctx);
        }
        co_return co_await single(ctx);
      });
}

}  // namespace dsroll::commands
