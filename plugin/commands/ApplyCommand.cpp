#include "plugin/commands/ApplyCommand.hpp"

#include <memory>

#include "ipc/Protocol.hpp"

namespace dsroll::plugin::commands {

namespace {

// Room left in a request frame for everything but the manifests.
constexpr std::size_t kRequestOverhead = 1024u * 1024u;

}  // namespace

CLI::App* setupApply(CLI::App& parent, cli::CommandTable& table) {
  auto options = std::make_shared<ApplyOptions>();
  auto* app = parent.add_subcommand("apply", "Create or update DaemonSets from files or stdin");
  app->group(kChangeGroup);
  cli::addPositionals(*app, options->positionals);
  cli::addStringSliceFlag(*app, "-f,--filename", options->filenames,
                          "The files that contain the DaemonSets to apply: a file, a directory "
                          "(its .yaml, .yml and .json files) or - for stdin.");
  cli::addBoolFlag(*app, "-R,--recursive", options->recursive,
                   "Process the directory used in -f, --filename recursively. Useful when you "
                   "want to manage related manifests organized within the same directory.");
  addRecordFlag(*app, options->record, table);
  addCauseFlag(*app, options->cause);
  cli::addBoolFlag(*app, "--force-conflicts", options->forceConflicts,
                   "If true, server-side apply will force the changes against conflicts.");
  cli::addDryRunFlag(*app, options->dryRun);
  cli::addBoolFlag(*app, "--wait", options->wait,
                   "If true, wait for the rollout of each applied DaemonSet to finish.");
  cli::addDurationFlag(*app, "--timeout", options->timeout,
                       "The length of time to wait with --wait, zero means never.");
  addOutputFlag(*app, options->output, {"json", "yaml", "name"}, table);
  registerCall(
      table, app,
      {"apply (-f FILENAME)",
       "Create or update DaemonSets from files or stdin with server-side apply.\n\n"
       "Files may hold several YAML documents; objects other than DaemonSets are refused. "
       "--record and --cause set the kubernetes.io/change-cause annotation that history shows.",
       "# Apply a daemonset manifest and record the command as its change-cause\n"
       "kubectl dsroll apply -f fluentd-daemonset.yaml --record\n"
       "\n"
       "# Apply every manifest of a directory tree and wait for the rollouts\n"
       "kubectl dsroll apply -f manifests/ -R --wait --timeout=10m\n"
       "\n"
       "# Apply from stdin\n"
       "cat fluentd.yaml | kubectl dsroll apply -f -"},
      [options](const BuildContext& context) -> CallResult {
        if (auto ok = checkApplyOptions(*options); !ok) return tl::unexpected(ok.error());
        auto files = cli::readManifests(options->filenames, options->recursive, context.readStdin);
        if (!files) return tl::unexpected(files.error());
        return buildApplyCall(*options, *files, context);
      });
  return app;
}

tl::expected<void, CliError> checkApplyOptions(const ApplyOptions& options) {
  if (!options.positionals.empty()) {
    return tl::unexpected(
        cli::usageError("unexpected arguments: apply reads DaemonSets from -f, "
                        "not from \"" +
                        options.positionals.front() + "\""));
  }
  if (options.filenames.empty()) {
    return tl::unexpected(cli::usageError("must specify -f (a file, a directory or - for stdin)"));
  }
  if (auto ok = cli::checkOutput(options.output, {"json", "yaml", "name"}); !ok) {
    return tl::unexpected(ok.error());
  }
  return cli::parseDryRun(options.dryRun).map([](const cli::DryRun&) {});
}

CallResult buildApplyCall(const ApplyOptions& options,
                          const std::vector<cli::ManifestFile>& files,
                          const BuildContext& context) {
  nlohmann::json list = nlohmann::json::array();
  std::size_t total = 0;
  for (const auto& file : files) {
    total += file.content.size();
    list.push_back({{"path", file.path}, {"content", file.content}});
  }
  if (total + kRequestOverhead > ipc::kMaxFrameBytes) {
    return tl::unexpected(cli::plainError(
        "the manifests hold " + std::to_string(total) + " bytes; one apply can send at most " +
        std::to_string((ipc::kMaxFrameBytes - kRequestOverhead) / (1024 * 1024)) + " MiB"));
  }
  DaemonCall call{"apply", {{"files", list}, {"record", options.record}}, {}};
  cli::putIfSet(call.args, "cause", options.cause);
  call.args["forceConflicts"] = options.forceConflicts;
  if (auto ok = putDryRun(call, options.dryRun); !ok) return tl::unexpected(ok.error());
  call.args["wait"] = options.wait;
  cli::putIfSet(call.args, "timeout", options.timeout);
  cli::putIfSet(call.args, "output", options.output);
  call.args["argv"] = cli::recordedCommandLine(context);
  return call;
}

}  // namespace dsroll::plugin::commands
