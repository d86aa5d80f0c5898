#pragma once
// The shared run of set image and restart: read the DaemonSet, build the template patch, add the
// change cause to the same patch, then print it (client dry run) or send it as a strategic merge
// patch and print what the server answered.

#include <functional>
#include <string>

#include "daemon/commands/CommandSupport.hpp"
#include "daemon/commands/TemplatePatches.hpp"

namespace dsroll::commands {

struct TemplateCommand {
  /** The patch for the live DaemonSet, or the user's error. */
  std::function<tl::expected<TemplatePatch, CommandError>(const nlohmann::json& daemonSet,
                                                          const std::string& name)>
      build;
  std::string operation;             // "image updated", "restarted"
  std::string failurePrefix;         // kubectl's wrapping of a failed PATCH: "failed to patch"
  bool silentWhenUnchanged = false;  // set image prints nothing when no image changes
};

Awaitable<CommandResult> runTemplateCommand(Services& services,
                                            CommandContext& ctx,
                                            const TemplateCommand& command);

}  // namespace dsroll::commands
