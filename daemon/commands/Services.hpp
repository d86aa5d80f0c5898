#pragma once
// What commands work with: the clusters (live state), the revision cache (memory), the log,
// and the server (to keep the daemon busy while a rollout is driven).

#include <string>
#include <vector>

#include "daemon/asio/Awaitable.hpp"

namespace dsroll::cache {
class RevisionCache;
}
namespace dsroll::lifecycle {
class Logger;
}
namespace dsroll::server {
class Server;
}
namespace dsroll::state {
class ClusterRegistry;
}

namespace dsroll::commands {

struct Services {
  Executor executor;
  lifecycle::Logger& log;
  state::ClusterRegistry& clusters;
  server::Server& server;
  cache::RevisionCache* cache;  // nullptr when the cache could not be opened
  std::string cacheProblem;     // why it could not, for messages
  std::vector<std::string> notices;  // told to the next client once (e.g. a corrupt cache moved aside)
};

}  // namespace dsroll::commands
