#include "plugin/commands/CommandSupport.hpp"

namespace dsroll::plugin::commands {

CLI::Option* addOutputFlag(CLI::App& app,
                           std::optional<std::string>& target,
                           std::initializer_list<std::string_view> formats,
                           cli::CommandTable& table) {
  std::string list;
  cli::ValueCompletion completion{cli::ValueCompletion::Source::Values, {}};
  for (std::string_view format : formats) {
    list += (list.empty() ? "" : ", ") + std::string(format);
    completion.values.emplace_back(format);
  }
  auto* option =
      cli::addStringFlag(app, "-o,--output", target, "Output format. One of: (" + list + ").");
  table.setValueCompletion(option, std::move(completion));
  return option;
}

CLI::Option* addOfflineFlag(CLI::App& app, bool& target) {
  return cli::addBoolFlag(app, "--offline", target,
                          "If true, answer from the local cache without contacting the API "
                          "server.");
}

CLI::Option* addRecordFlag(CLI::App& app, bool& target, cli::CommandTable& table) {
  auto* option = cli::addBoolFlag(
      app, "--record", target,
      "Record current kubectl command in the resource annotation. If set to false, do not record "
      "the command. If set to true, record the command. If not set, default to updating the "
      "existing annotation value only if one already exists.");
  option->group("");
  table.deprecate(option, "--record will be removed in the future");
  return option;
}

CLI::Option* addCauseFlag(CLI::App& app, std::optional<std::string>& target) {
  return cli::addStringFlag(app, "--cause", target,
                            "The change-cause to record in the kubernetes.io/change-cause "
                            "annotation (shown by history).");
}

void registerCall(cli::CommandTable& table,
                  const CLI::App* app,
                  cli::CommandDoc doc,
                  std::function<CallResult(const BuildContext&)> build) {
  table.add(app, std::move(doc),
            [build = std::move(build)](
                const BuildContext& context) -> tl::expected<cli::Action, CliError> {
              auto call = build(context);
              if (!call) {
                return tl::unexpected(call.error());
              }
              return cli::Action(std::move(*call));
            });
}

tl::expected<void, CliError> putDryRun(DaemonCall& call, const std::string& raw) {
  auto dryRun = cli::parseDryRun(raw);
  if (!dryRun) {
    return tl::unexpected(dryRun.error());
  }
  call.args["dryRun"] = dryRun->strategy;
  if (dryRun->warning) {
    call.klogWarnings.push_back(*dryRun->warning);
  }
  return {};
}

}  // namespace dsroll::plugin::commands
