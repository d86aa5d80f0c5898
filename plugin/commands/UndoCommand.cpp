#include "plugin/commands/UndoCommand.hpp"

#include <memory>

namespace dsroll::plugin::commands {

CLI::App* setupUndo(CLI::App& parent, cli::CommandTable& table) {
  auto options = std::make_shared<UndoOptions>();
  auto* app = parent.add_subcommand("undo", "Undo a previous rollout");
  app->group(kChangeGroup);
  cli::addPositionals(*app, options->positionals);
  cli::addIntFlag(*app, "--to-revision", options->toRevision,
                  "The revision to rollback to. Default to 0 (last revision).");
  cli::addDryRunFlag(*app, options->dryRun);
  cli::addBoolFlag(*app, "--wait", options->wait,
                   "If true, wait for the rollback to finish rolling out before returning.");
  cli::addDurationFlag(*app, "--timeout", options->timeout,
                       "The length of time to wait with --wait, zero means never.");
  addOutputFlag(*app, options->output, {"json", "yaml", "name"}, table);
  registerCall(table, app,
               {"undo (TYPE NAME | TYPE/NAME) [flags]",
                "Roll back to a previous rollout.\n\n"
                "Works like kubectl rollout undo and prints the same messages. The update is "
                "made only if the DaemonSet has not changed since its revisions were read, and "
                "a revision that was pruned from the cluster can be restored from the local "
                "cache.",
                "# Roll back to the previous daemonset revision\n"
                "kubectl dsroll undo ds/fluentd\n"
                "\n"
                "# Roll back to daemonset revision 3\n"
                "kubectl dsroll undo daemonset/fluentd --to-revision=3\n"
                "\n"
                "# See the template the rollback would apply, without applying it\n"
                "kubectl dsroll undo fluentd --dry-run=client"},
               [options](const BuildContext&) { return buildUndoCall(*options); });
  return app;
}

CallResult buildUndoCall(const UndoOptions& options) {
  auto name = cli::parseSingleResource(options.positionals);
  if (!name) return tl::unexpected(name.error());
  if (auto ok = cli::checkOutput(options.output, {"json", "yaml", "name"}); !ok) {
    return tl::unexpected(ok.error());
  }
  DaemonCall call{"undo", {{"name", *name}, {"toRevision", options.toRevision}}, {}};
  if (auto ok = putDryRun(call, options.dryRun); !ok) return tl::unexpected(ok.error());
  call.args["wait"] = options.wait;
  cli::putIfSet(call.args, "timeout", options.timeout);
  cli::putIfSet(call.args, "output", options.output);
  return call;
}

}  // namespace dsroll::plugin::commands
