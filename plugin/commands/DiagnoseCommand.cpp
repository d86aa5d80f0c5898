#include "plugin/commands/DiagnoseCommand.hpp"

#include <memory>

namespace dsroll::plugin::commands {

CLI::App* setupDiagnose(CLI::App& parent, cli::CommandTable& table) {
  auto options = std::make_shared<DiagnoseOptions>();
  auto* app = parent.add_subcommand("diagnose", "Explain why a rollout is stuck");
  app->group(kInspectGroup);
  cli::addPositionals(*app, options->positionals);
  addOutputFlag(*app, options->output, {"json", "yaml"}, table);
  addOfflineFlag(*app, options->offline);
  registerCall(table, app,
               {"diagnose (TYPE NAME | TYPE/NAME)",
                "Explain why a DaemonSet rollout is not progressing.\n\n"
                "Each finding names the cause, the evidence (nodes, pods, numbers, times) and "
                "the command that fixes it: nodes without room for the new pod, a broken "
                "template (image pulls, crash loops, config errors) and the last known good "
                "revision, untolerated taints, NotReady or cordoned nodes, OnDelete pods waiting "
                "for deletion, clock skew with minReadySeconds, and more.",
                "# Why is the fluentd rollout stuck?\n"
                "kubectl dsroll diagnose ds/fluentd -n kube-system\n"
                "\n"
                "# The findings as JSON\n"
                "kubectl dsroll diagnose fluentd -o json"},
               [options](const BuildContext&) { return buildDiagnoseCall(*options); });
  return app;
}

CallResult buildDiagnoseCall(const DiagnoseOptions& options) {
  auto name = cli::parseSingleResource(options.positionals);
  if (!name) return tl::unexpected(name.error());
  if (auto ok = cli::checkOutput(options.output, {"json", "yaml"}); !ok) {
    return tl::unexpected(ok.error());
  }
  DaemonCall call{"diagnose", {{"name", *name}}, {}};
  cli::putIfSet(call.args, "output", options.output);
  call.args["offline"] = options.offline;
  return call;
}

}  // namespace dsroll::plugin::commands
