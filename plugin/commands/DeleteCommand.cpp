#include "plugin/commands/DeleteCommand.hpp"

#include <memory>

namespace dsroll::plugin::commands {

CLI::App* setupDelete(CLI::App& parent, cli::CommandTable& table) {
  auto options = std::make_shared<DeleteOptions>();
  auto* app =
      parent.add_subcommand("delete", "Delete a DaemonSet, keeping its history in the cache");
  app->group(kChangeGroup);
  cli::addPositionals(*app, options->positionals);
  cli::addDryRunFlag(*app, options->dryRun);
  cli::addBoolFlag(*app, "--wait", options->wait,
                   "If true, wait for resources to be gone before returning. This waits for "
                   "finalizers.");
  registerCall(table, app,
               {"delete (TYPE NAME | TYPE/NAME)",
                "Delete a DaemonSet and its pods, like kubectl delete. Its revisions and rollout "
                "log stay in the local cache, so history and diff still answer and undo can "
                "bring it back.",
                "# Delete a daemonset\n"
                "kubectl dsroll delete ds/fluentd -n kube-system\n"
                "\n"
                "# Return at once instead of waiting for the pods to go\n"
                "kubectl dsroll delete fluentd --wait=false"},
               [options](const BuildContext&) { return buildDeleteCall(*options); });
  return app;
}

CallResult buildDeleteCall(const DeleteOptions& options) {
  auto name = cli::parseSingleResource(options.positionals);
  if (!name) return tl::unexpected(name.error());
  DaemonCall call{"delete", {{"name", *name}}, {}};
  if (auto ok = putDryRun(call, options.dryRun); !ok) return tl::unexpected(ok.error());
  call.args["wait"] = options.wait;
  return call;
}

}  // namespace dsroll::plugin::commands
