#include "plugin/commands/ListCommand.hpp"

#include <memory>

namespace dsroll::plugin::commands {

CLI::App* setupList(CLI::App& parent, cli::CommandTable& table) {
  auto options = std::make_shared<ListOptions>();
  auto* app = parent.add_subcommand("list", "List DaemonSets with their rollout state");
  app->group(kInspectGroup);
  cli::addPositionals(*app, options->positionals);
  cli::addBoolFlag(*app, "-A,--all-namespaces", options->allNamespaces,
                   "If present, list the DaemonSets across all namespaces. Namespace in current "
                   "context is ignored even if specified with --namespace.");
  addOutputFlag(*app, options->output, {"json", "yaml", "name", "wide"}, table);
  registerCall(table, app,
               {"list",
                "List the DaemonSets of a namespace (or of all namespaces with -A) with the state "
                "of their rollout: revision, updated, available and desired pods, and whether a "
                "rollout is progressing, done or stuck.",
                "# DaemonSets in the current namespace\n"
                "kubectl dsroll list\n"
                "\n"
                "# In every namespace, with more columns\n"
                "kubectl dsroll list -A -o wide"},
               [options](const BuildContext&) { return buildListCall(*options); });
  return app;
}

CallResult buildListCall(const ListOptions& options) {
  if (!options.positionals.empty()) {
    return tl::unexpected(
        cli::usageError("list takes no arguments, got \"" + options.positionals.front() + "\""));
  }
  if (auto ok = cli::checkOutput(options.output, {"json", "yaml", "name", "wide"}); !ok) {
    return tl::unexpected(ok.error());
  }
  DaemonCall call{"list", {{"allNamespaces", options.allNamespaces}}, {}};
  cli::putIfSet(call.args, "output", options.output);
  return call;
}

}  // namespace dsroll::plugin::commands
