#include "plugin/commands/HistoryCommand.hpp"

#include <memory>

namespace dsroll::plugin::commands {

CLI::App* setupHistory(CLI::App& parent, cli::CommandTable& table) {
  auto options = std::make_shared<HistoryOptions>();
  auto* app = parent.add_subcommand("history", "View rollout history");
  app->group(kInspectGroup);
  cli::addPositionals(*app, options->positionals);
  cli::addIntFlag(*app, "--revision", options->revision,
                  "See the details, including podTemplate of the revision specified");
  addOutputFlag(*app, options->output, {"json", "yaml", "name", "wide"}, table);
  addOfflineFlag(*app, options->offline);
  registerCall(table, app,
               {"history (TYPE NAME | TYPE/NAME)",
                "View previous rollout revisions and configurations of a DaemonSet.\n\n"
                "Without --revision it prints kubectl's REVISION / CHANGE-CAUSE table; -o wide "
                "adds when each revision was created, its images, and the outcome and duration "
                "of its rollout. When the cluster cannot be reached the answer comes from the "
                "local cache, and says so.",
                "# View the rollout history of a daemonset\n"
                "kubectl dsroll history ds/fluentd\n"
                "\n"
                "# View the details of daemonset revision 3\n"
                "kubectl dsroll history daemonset/fluentd --revision=3\n"
                "\n"
                "# Add created time, images and rollout outcome to each revision\n"
                "kubectl dsroll history fluentd -n kube-system -o wide"},
               [options](const BuildContext&) { return buildHistoryCall(*options); });
  return app;
}

CallResult buildHistoryCall(const HistoryOptions& options) {
  auto name = cli::parseSingleResource(options.positionals);
  if (!name) return tl::unexpected(name.error());
  if (options.revision < 0) {
    return tl::unexpected(cli::plainError("revision must be a positive integer: " +
                                          std::to_string(options.revision)));
  }
  if (auto ok = cli::checkOutput(options.output, {"json", "yaml", "name", "wide"}); !ok) {
    return tl::unexpected(ok.error());
  }
  DaemonCall call{"history", {{"name", *name}, {"revision", options.revision}}, {}};
  cli::putIfSet(call.args, "output", options.output);
  call.args["offline"] = options.offline;
  return call;
}

}  // namespace dsroll::plugin::commands
