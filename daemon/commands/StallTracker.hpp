#pragma once
// Remembers when each DaemonSet's rollout counts last changed, as the daemon's DaemonSet watches
// see it, so `list` can tell a rollout that stopped moving ("stuck?") from one under way.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "daemon/state/Cluster.hpp"

namespace dsroll::commands {

class StallTracker : public std::enable_shared_from_this<StallTracker> {
 public:
  /** Follows every change of the informer's DaemonSets from now on (once per informer). */
  void follow(const std::shared_ptr<state::DaemonSetInformer>& informer, std::int64_t now);

  /** A DaemonSet as seen at now (Unix seconds): its counts, and since when they are so. */
  void see(const state::DaemonSetRecord& daemonSet, std::int64_t now);
  void forget(const std::string& uid);

  /** Seconds the DaemonSet's counts have not changed (0 the first time it is seen). */
  std::int64_t stalledFor(const state::DaemonSetRecord& daemonSet, std::int64_t now);

 private:
  struct Seen {
    std::string counts;
    std::int64_t since = 0;
  };
  std::map<std::string, Seen> seen_;  // by uid
  std::vector<std::weak_ptr<state::DaemonSetInformer>> followed_;
};

}  // namespace dsroll::commands
