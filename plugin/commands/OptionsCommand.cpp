#include "plugin/commands/OptionsCommand.hpp"

#include "plugin/cli/HelpText.hpp"

namespace dsroll::plugin::commands {

CLI::App* setupOptions(CLI::App& root, cli::CommandTable& table, std::size_t wrapWidth) {
  auto* app = root.add_subcommand("options", "Print the list of flags inherited by all commands");
  app->group(kOtherGroup);
  table.add(app,
            {"options", "Print the list of flags inherited by all commands",
             "# Print flags inherited by all commands\n"
             "kubectl dsroll options"},
            [&root, wrapWidth](const BuildContext&) -> tl::expected<cli::Action, CliError> {
              return cli::Action(cli::PrintText{cli::renderGlobalOptions(root, wrapWidth)});
            });
  return app;
}

}  // namespace dsroll::plugin::commands
