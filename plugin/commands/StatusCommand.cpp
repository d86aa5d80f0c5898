#include "plugin/commands/StatusCommand.hpp"

#include <memory>

namespace dsroll::plugin::commands {

CLI::App* setupStatus(CLI::App& parent, cli::CommandTable& table) {
  auto options = std::make_shared<StatusOptions>();
  auto* app = parent.add_subcommand("status", "Show the status of the rollout");
  app->group(kInspectGroup);
  cli::addPositionals(*app, options->positionals);
  cli::addBoolFlag(*app, "-w,--watch", options->watch,
                   "Watch the status of the rollout until it's done.");
  cli::addDurationFlag(*app, "--timeout", options->timeout,
                       "The length of time to wait before ending watch, zero means never. Any "
                       "other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).");
  cli::addIntFlag(*app, "--revision", options->revision,
                  "Pin to a specific revision for showing its status. Defaults to 0 (last "
                  "revision).");
  cli::addBoolFlag(*app, "--all", options->all,
                   "Show the status of every DaemonSet in the namespace.");
  cli::addBoolFlag(*app, "-A,--all-namespaces", options->allNamespaces,
                   "Show the status of every DaemonSet in every namespace.");
  registerCall(table, app,
               {"status (TYPE NAME | TYPE/NAME)",
                "Show the status of a DaemonSet rollout.\n\n"
                "By default it watches the rollout until it is done and exits like kubectl "
                "rollout status. On a terminal it draws a live view: progress, elapsed time and "
                "an estimate, and the nodes grouped by state with the reason a pod is not "
                "available. Use --watch=false to print the current state once.",
                "# Watch the rollout status of a daemonset\n"
                "kubectl dsroll status ds/fluentd -n kube-system\n"
                "\n"
                "# Give up after five minutes\n"
                "kubectl dsroll status fluentd --timeout=5m\n"
                "\n"
                "# The state of every DaemonSet in every namespace, once\n"
                "kubectl dsroll status -A --watch=false"},
               [options](const BuildContext&) { return buildStatusCall(*options); });
  return app;
}

CallResult buildStatusCall(const StatusOptions& options) {
  const bool all = options.all || options.allNamespaces;
  DaemonCall call{"status", nlohmann::json::object(), {}};
  if (all) {
    if (!options.positionals.empty()) {
      return tl::unexpected(
          cli::usageError("a DaemonSet name cannot be given with --all or --all-namespaces"));
    }
  } else {
    auto name = cli::parseSingleResource(options.positionals);
    if (!name) return tl::unexpected(name.error());
    call.args["name"] = *name;
  }
  if (options.revision < 0) {
    return tl::unexpected(cli::plainError("revision must be a positive integer: " +
                                          std::to_string(options.revision)));
  }
  call.args["all"] = all;
  call.args["allNamespaces"] = options.allNamespaces;
  call.args["watch"] = options.watch;
  cli::putIfSet(call.args, "timeout", options.timeout);
  call.args["revision"] = options.revision;
  return call;
}

}  // namespace dsroll::plugin::commands
