#include "plugin/commands/OndeleteRollCommand.hpp"

#include <memory>

namespace dsroll::plugin::commands {

CLI::App* setupOndeleteRoll(CLI::App& parent, cli::CommandTable& table) {
  auto options = std::make_shared<OndeleteRollOptions>();
  auto* app = parent.add_subcommand("ondelete-roll",
                                    "Roll an OnDelete DaemonSet by deleting old pods in batches");
  app->group(kChangeGroup);
  cli::addPositionals(*app, options->positionals);
  cli::addIntFlag(*app, "--batch", options->batch,
                  "How many nodes' old pods to delete at a time; the next batch starts when the "
                  "new pods are available.");
  cli::addDurationFlag(*app, "--timeout", options->timeout,
                       "The length of time to wait for the whole roll, zero means never.");
  registerCall(
      table, app,
      {"ondelete-roll (TYPE NAME | TYPE/NAME)",
       "Roll out the current template of a DaemonSet whose update strategy is OnDelete.\n\n"
       "The controller replaces a pod only when it is deleted; this deletes the pods "
       "still on an old revision, --batch nodes at a time, and waits for each batch's "
       "new pods to become available before the next.",
       "# Replace old pods one node at a time\n"
       "kubectl dsroll ondelete-roll ds/cni-agent -n kube-system\n"
       "\n"
       "# Five nodes at a time, giving up after an hour\n"
       "kubectl dsroll ondelete-roll cni-agent --batch=5 --timeout=1h"},
      [options](const BuildContext&) { return buildOndeleteRollCall(*options); });
  return app;
}

CallResult buildOndeleteRollCall(const OndeleteRollOptions& options) {
  auto name = cli::parseSingleResource(options.positionals);
  if (!name) return tl::unexpected(name.error());
  if (options.batch < 1) {
    return tl::unexpected(
        cli::plainError("--batch must be at least 1, got " + std::to_string(options.batch)));
  }
  DaemonCall call{"ondelete-roll", {{"name", *name}, {"batch", options.batch}}, {}};
  cli::putIfSet(call.args, "timeout", options.timeout);
  return call;
}

}  // namespace dsroll::plugin::commands
