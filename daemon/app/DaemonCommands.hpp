#pragma once
// The commands about the daemon itself: daemon.status and daemon.stop.

#include "daemon/DaemonOptions.hpp"
#include "daemon/server/Command.hpp"
#include "ipc/Paths.hpp"

namespace dsroll::server {
class Server;
}
namespace dsroll::state {
class ClusterRegistry;
}

namespace dsroll::app {

struct DaemonInfo {
  server::Server& server;
  const ipc::Paths& paths;
  const DaemonOptions& options;
  const state::ClusterRegistry& clusters;
};

void registerDaemonCommands(server::CommandRegistry& registry, DaemonInfo info);

}  // namespace dsroll::app
