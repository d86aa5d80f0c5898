#include "plugin/commands/DiffCommand.hpp"

#include <memory>

namespace dsroll::plugin::commands {

namespace {

tl::expected<std::int64_t, CliError> parseRevision(const std::string& text) {
  auto value = cli::parseGoInt(text);
  if (!value || *value <= 0) {
    return tl::unexpected(cli::plainError("revision must be a positive integer: " + text));
  }
  return *value;
}

}  // namespace

CLI::App* setupDiff(CLI::App& parent, cli::CommandTable& table) {
  auto options = std::make_shared<DiffOptions>();
  auto* app = parent.add_subcommand("diff", "Show what changed between two revisions");
  app->group(kInspectGroup);
  cli::addPositionals(*app, options->positionals);
  addOfflineFlag(*app, options->offline);
  registerCall(
      table, app,
      {"diff (TYPE NAME | TYPE/NAME) [REVISION1 [REVISION2]]",
       "Show a unified diff of the pod templates of two revisions of a DaemonSet.\n\n"
       "Without revisions it compares the previous revision with the current one; with "
       "one it compares that revision with the current one. Revisions pruned from the "
       "cluster are read from the local cache.",
       "# What the last rollout changed\n"
       "kubectl dsroll diff ds/fluentd\n"
       "\n"
       "# What changed from revision 3 to revision 5\n"
       "kubectl dsroll diff fluentd 3 5 -n kube-system"},
      [options](const BuildContext& context) { return buildDiffCall(*options, context.color); });
  return app;
}

CallResult buildDiffCall(const DiffOptions& options, bool color) {
  auto resource = cli::parseResourceArg(options.positionals, true);
  if (!resource) return tl::unexpected(resource.error());
  const std::size_t revisions = options.positionals.size() - resource->consumed;
  if (revisions > 2) {
    return tl::unexpected(
        cli::usageError("diff takes at most two revisions, got " + std::to_string(revisions)));
  }
  DaemonCall call{"diff", {{"name", resource->name}}, {}};
  const char* keys[] = {"from", "to"};
  for (std::size_t i = 0; i < revisions; ++i) {
    auto revision = parseRevision(options.positionals[resource->consumed + i]);
    if (!revision) return tl::unexpected(revision.error());
    call.args[keys[i]] = *revision;
  }
  call.args["offline"] = options.offline;
  call.args["color"] = color;
  return call;
}

}  // namespace dsroll::plugin::commands
