#include "plugin/commands/StrategyCommand.hpp"

#include <memory>

namespace dsroll::plugin::commands {

CLI::App* setupStrategy(CLI::App& parent, cli::CommandTable& table) {
  auto options = std::make_shared<StrategyOptions>();
  auto* app = parent.add_subcommand("strategy", "Show or change a DaemonSet's update strategy");
  app->group(kChangeGroup);
  cli::addPositionals(*app, options->positionals);
  cli::addStringFlag(*app, "--type", options->type,
                     "The update strategy type: RollingUpdate or OnDelete.");
  cli::addStringFlag(*app, "--max-unavailable", options->maxUnavailable,
                     "The most pods that may be unavailable during the update: a number (1) or a "
                     "percentage of desired pods (25%).");
  cli::addStringFlag(*app, "--max-surge", options->maxSurge,
                     "The most nodes that may run an extra, updated pod during the update: a "
                     "number or a percentage.");
  cli::addOptionalIntFlag(*app, "--min-ready-seconds", options->minReadySeconds,
                          "Seconds a new pod must be ready without crashing to count as "
                          "available.");
  cli::addOptionalIntFlag(*app, "--revision-history-limit", options->revisionHistoryLimit,
                          "How many old ControllerRevisions the cluster keeps.", "10");
  cli::addDryRunFlag(*app, options->dryRun);
  addOutputFlag(*app, options->output, {"json", "yaml", "name"}, table);
  registerCall(table, app,
               {"strategy (TYPE NAME | TYPE/NAME) [--type=RollingUpdate|OnDelete] "
                "[--max-unavailable=N|P%] [--max-surge=N|P%] [--min-ready-seconds=N]",
                "Show the update strategy of a DaemonSet, or change it.\n\n"
                "Without flags it prints the strategy. Changes are checked as the API server "
                "would check them (for instance maxSurge and maxUnavailable may not both be 0) "
                "before they are sent.",
                "# Show the update strategy\n"
                "kubectl dsroll strategy ds/fluentd\n"
                "\n"
                "# Update a quarter of the nodes at a time\n"
                "kubectl dsroll strategy fluentd --max-unavailable=25%\n"
                "\n"
                "# Switch to OnDelete (then roll with ondelete-roll)\n"
                "kubectl dsroll strategy cni-agent --type=OnDelete"},
               [options](const BuildContext&) { return buildStrategyCall(*options); });
  return app;
}

CallResult buildStrategyCall(const StrategyOptions& options) {
  auto name = cli::parseSingleResource(options.positionals);
  if (!name) return tl::unexpected(name.error());
  if (auto ok = cli::checkOutput(options.output, {"json", "yaml", "name"}); !ok) {
    return tl::unexpected(ok.error());
  }
  DaemonCall call{"strategy", {{"name", *name}}, {}};
  cli::putIfSet(call.args, "type", options.type);
  cli::putIfSet(call.args, "maxUnavailable", options.maxUnavailable);
  cli::putIfSet(call.args, "maxSurge", options.maxSurge);
  cli::putIfSet(call.args, "minReadySeconds", options.minReadySeconds);
  cli::putIfSet(call.args, "revisionHistoryLimit", options.revisionHistoryLimit);
  if (auto ok = putDryRun(call, options.dryRun); !ok) return tl::unexpected(ok.error());
  cli::putIfSet(call.args, "output", options.output);
  return call;
}

}  // namespace dsroll::plugin::commands
