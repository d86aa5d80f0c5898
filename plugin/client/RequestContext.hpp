#pragma once
// The parts of a request that describe the caller: its environment (for exec credential
// plugins), terminal and working directory.

#include <map>
#include <string>

#include "ipc/Messages.hpp"
#include "plugin/cli/Action.hpp"

namespace dsroll::plugin::client {

/** NAME=VALUE entries of an environment block as a map (later duplicates lose, like getenv). */
std::map<std::string, std::string> environmentMap(char** environment);

/** The working directory, or "" when it cannot be read (deleted). */
std::string currentDirectory();

/** The request for a parsed command. */
ipc::Request makeRequest(const cli::DaemonCall& call,
                         const ipc::KubeFlags& kube,
                         std::map<std::string, std::string> environment,
                         const ipc::Terminal& terminal,
                         std::string cwd);

}  // namespace dsroll::plugin::client
