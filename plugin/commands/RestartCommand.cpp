#include "plugin/commands/RestartCommand.hpp"

#include <memory>

namespace dsroll::plugin::commands {

CLI::App* setupRestart(CLI::App& parent, cli::CommandTable& table) {
  auto options = std::make_shared<RestartOptions>();
  auto* app = parent.add_subcommand("restart", "Restart a DaemonSet");
  app->group(kChangeGroup);
  cli::addPositionals(*app, options->positionals);
  addRecordFlag(*app, options->record, table);
  addCauseFlag(*app, options->cause);
  cli::addDryRunFlag(*app, options->dryRun);
  addOutputFlag(*app, options->output, {"json", "yaml", "name"}, table);
  registerCall(
      table, app,
      {"restart (TYPE NAME | TYPE/NAME)",
       "Restart a DaemonSet's pods with a rolling update, as kubectl rollout restart "
       "does: the pod template gets a kubectl.kubernetes.io/restartedAt annotation.",
       "# Restart a daemonset\n"
       "kubectl dsroll restart ds/fluentd -n kube-system\n"
       "\n"
       "# Restart it and say why in its history\n"
       "kubectl dsroll restart fluentd --cause=\"pick up the rotated certificate\""},
      [options](const BuildContext& context) { return buildRestartCall(*options, context); });
  return app;
}

CallResult buildRestartCall(const RestartOptions& options, const BuildContext& context) {
  auto name = cli::parseSingleResource(options.positionals);
  if (!name) return tl::unexpected(name.error());
  if (auto ok = cli::checkOutput(options.output, {"json", "yaml", "name"}); !ok) {
    return tl::unexpected(ok.error());
  }
  DaemonCall call{"restart", {{"name", *name}, {"record", options.record}}, {}};
  cli::putIfSet(call.args, "cause", options.cause);
  if (auto ok = putDryRun(call, options.dryRun); !ok) return tl::unexpected(ok.error());
  cli::putIfSet(call.args, "output", options.output);
  call.args["argv"] = cli::recordedCommandLine(context);
  return call;
}

}  // namespace dsroll::plugin::commands
