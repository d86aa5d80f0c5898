#include "plugin/commands/SetImageCommand.hpp"

#include <memory>

namespace dsroll::plugin::commands {

namespace {

// kubectl's GetResourcesAndPairs: resources first, then KEY=VALUE pairs.
bool isPair(const std::string& word) {
  return (word.find('=') != std::string::npos && word[0] != '=') ||
         (word.size() > 1 && word.back() == '-');
}

}  // namespace

CLI::App* setupSet(CLI::App& parent, cli::CommandTable& table) {
  auto* set = parent.add_subcommand("set", "Set specific features on a DaemonSet");
  set->group(kChangeGroup);
  set->require_subcommand(0, 1);
  table.addGroup(set, {"set SUBCOMMAND",
                       "Configure a DaemonSet.\n\n"
                       " These commands help you make changes to an existing DaemonSet.",
                       "# Set the fluentd container's image\n"
                       "kubectl dsroll set image ds/fluentd fluentd=fluentd:v1.17"});

  auto options = std::make_shared<SetImageOptions>();
  auto* app = set->add_subcommand("image", "Update the image of a pod template");
  app->group(kChangeGroup);
  cli::addPositionals(*app, options->positionals);
  addRecordFlag(*app, options->record, table);
  addCauseFlag(*app, options->cause);
  cli::addDryRunFlag(*app, options->dryRun);
  addOutputFlag(*app, options->output, {"json", "yaml", "name"}, table);
  registerCall(
      table, app,
      {"image (TYPE NAME | TYPE/NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... "
       "CONTAINER_NAME_N=CONTAINER_IMAGE_N",
       "Update existing container image(s) of a DaemonSet.\n\n"
       "A container name of * updates every container and init container.",
       "# Set the fluentd container's image\n"
       "kubectl dsroll set image ds/fluentd fluentd=fluentd:v1.17\n"
       "\n"
       "# Set every container's image and record why\n"
       "kubectl dsroll set image daemonset/agent '*=agent:2.4' --cause=\"CVE fix\""},
      [options](const BuildContext& context) { return buildSetImageCall(*options, context); });
  return set;
}

CallResult buildSetImageCall(const SetImageOptions& options, const BuildContext& context) {
  std::vector<std::string> resources;
  std::vector<std::string> pairs;
  for (const std::string& word : options.positionals) {
    if (!word.empty() && isPair(word)) {
      pairs.push_back(word);
    } else if (!pairs.empty()) {
      return tl::unexpected(
          cli::plainError("all resources must be specified before image changes: " + word));
    } else {
      resources.push_back(word);
    }
  }
  auto name = cli::parseSingleResource(resources);
  if (!name) return tl::unexpected(name.error());
  if (pairs.empty()) {
    return tl::unexpected(cli::usageError("at least one image update is required"));
  }
  nlohmann::json images = nlohmann::json::array();
  std::string invalid;
  for (const std::string& pair : pairs) {
    const auto eq = pair.find('=');
    if (eq == std::string::npos || eq + 1 == pair.size()) {
      invalid += (invalid.empty() ? "" : ", ") + pair;
      continue;
    }
    images.push_back({{"container", pair.substr(0, eq)}, {"image", pair.substr(eq + 1)}});
  }
  if (!invalid.empty()) {
    return tl::unexpected(cli::plainError("invalid image format: " + invalid));
  }
  if (auto ok = cli::checkOutput(options.output, {"json", "yaml", "name"}); !ok) {
    return tl::unexpected(ok.error());
  }
  DaemonCall call{
      "set-image", {{"name", *name}, {"images", images}, {"record", options.record}}, {}};
  cli::putIfSet(call.args, "cause", options.cause);
  if (auto ok = putDryRun(call, options.dryRun); !ok) return tl::unexpected(ok.error());
  cli::putIfSet(call.args, "output", options.output);
  call.args["argv"] = cli::recordedCommandLine(context);
  return call;
}

}  // namespace dsroll::plugin::commands
