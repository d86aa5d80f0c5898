#include "plugin/commands/RevisionsCommand.hpp"

#include <memory>

namespace dsroll::plugin::commands {

CLI::App* setupRevisions(CLI::App& parent, cli::CommandTable& table) {
  auto options = std::make_shared<RevisionsOptions>();
  auto* app = parent.add_subcommand("revisions", "List a DaemonSet's ControllerRevisions");
  app->group(kInspectGroup);
  cli::addPositionals(*app, options->positionals);
  addOutputFlag(*app, options->output, {"json", "yaml", "name", "wide"}, table);
  addOfflineFlag(*app, options->offline);
  registerCall(table, app,
               {"revisions (TYPE NAME | TYPE/NAME)",
                "List the ControllerRevisions of a DaemonSet: name, revision, hash and age, as "
                "kubectl get controllerrevision shows them, including revisions only the local "
                "cache still has.",
                "# The revisions of a daemonset\n"
                "kubectl dsroll revisions ds/fluentd -n kube-system\n"
                "\n"
                "# As YAML, from the cache only\n"
                "kubectl dsroll revisions fluentd -o yaml --offline"},
               [options](const BuildContext&) { return buildRevisionsCall(*options); });
  return app;
}

CallResult buildRevisionsCall(const RevisionsOptions& options) {
  auto name = cli::parseSingleResource(options.positionals);
  if (!name) return tl::unexpected(name.error());
  if (auto ok = cli::checkOutput(options.output, {"json", "yaml", "name", "wide"}); !ok) {
    return tl::unexpected(ok.error());
  }
  DaemonCall call{"revisions", {{"name", *name}}, {}};
  cli::putIfSet(call.args, "output", options.output);
  call.args["offline"] = options.offline;
  return call;
}

}  // namespace dsroll::plugin::commands
