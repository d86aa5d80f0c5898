#include "plugin/commands/CompletionCommand.hpp"

#include <memory>

namespace dsroll::plugin::commands {

namespace {

void setupComplete(CLI::App& parent, cli::CommandTable& table) {
  auto words = std::make_shared<std::vector<std::string>>();
  auto* app = parent.add_subcommand("__complete", "Answer a shell completion request");
  app->group("");         // hidden, as cobra's __complete
  app->prefix_command();  // every word after it is a word to complete, flags included
  cli::addPositionals(*app, *words);
  table.add(app, {"__complete [words...]", "", ""},
            [words](const BuildContext&) -> tl::expected<cli::Action, CliError> {
              return cli::Action(cli::RunCompletion{*words});
            });
}

}  // namespace

CLI::App* setupCompletion(CLI::App& parent, cli::CommandTable& table) {
  auto* completion =
      parent.add_subcommand("completion", "Set up shell completion for kubectl dsroll");
  completion->group(kOtherGroup);
  completion->require_subcommand(0, 1);
  table.addGroup(completion,
                 {"completion SUBCOMMAND",
                  "kubectl (1.26 and later) completes a plugin's arguments by running "
                  "kubectl_complete-<plugin> from PATH. krew installs only kubectl-dsroll; "
                  "`completion install` links kubectl_complete-dsroll next to it.",
                  "# Link the completer next to kubectl-dsroll (after krew install dsroll)\n"
                  "kubectl dsroll completion install"});

  auto options = std::make_shared<CompletionInstallOptions>();
  auto* install =
      completion->add_subcommand("install", "Link kubectl_complete-dsroll next to kubectl-dsroll");
  install->group(kOtherGroup);
  cli::addPositionals(*install, options->positionals);
  cli::addStringFlag(*install, "--dir", options->dir,
                     "The directory to install into (default: the PATH directory holding "
                     "kubectl-dsroll).");
  table.add(install,
            {"install",
             "Make shell completion of kubectl dsroll work: link kubectl_complete-dsroll (shipped "
             "beside the plugin) into the PATH directory that holds kubectl-dsroll, or write a "
             "small script there that runs `kubectl-dsroll __complete`.",
             "# After krew install dsroll\n"
             "kubectl dsroll completion install\n"
             "\n"
             "# Into a directory of your choice (it must be on PATH)\n"
             "kubectl dsroll completion install --dir ~/bin"},
            [options](const BuildContext&) -> tl::expected<cli::Action, CliError> {
              return buildCompletionInstall(*options).map(
                  [](cli::InstallCompletion i) { return cli::Action(i); });
            });
  setupComplete(parent, table);
  return completion;
}

tl::expected<cli::InstallCompletion, CliError> buildCompletionInstall(
    const CompletionInstallOptions& options) {
  if (!options.positionals.empty()) {
    return tl::unexpected(cli::usageError("completion install takes no arguments, got \"" +
                                          options.positionals.front() + "\""));
  }
  return cli::InstallCompletion{options.dir.value_or("")};
}

}  // namespace dsroll::plugin::commands
