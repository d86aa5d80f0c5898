#pragma once
// Every cluster the daemon talks to, keyed by identity (server, CA, credentials, impersonation),
// so contexts that name the same server with the same credentials share one set of watches.

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "daemon/asio/Awaitable.hpp"
#include "daemon/kube/KubeConfig.hpp"
#include "daemon/state/Cluster.hpp"

namespace dsroll::state {

struct ClusterHandle {
  std::shared_ptr<Cluster> cluster;
  kube::ResolvedConfig config;
  std::int64_t cacheClusterId = -1;  // for this server and context
};

class ClusterRegistry {
 public:
  ClusterRegistry(Executor executor, lifecycle::Logger& log, cache::RevisionCache* cache);
  ~ClusterRegistry();
  ClusterRegistry(const ClusterRegistry&) = delete;
  ClusterRegistry& operator=(const ClusterRegistry&) = delete;

  /** The cluster for a resolved kubeconfig, created on first use. */
  ClusterHandle get(kube::ResolvedConfig config, const std::map<std::string, std::string>& env);

  /** Starts the janitor that stops watches unused for idle. */
  void startJanitor(std::chrono::steady_clock::duration idle);
  void stopAll();

  std::vector<ClusterStats> stats() const;

 private:
  Executor executor_;
  lifecycle::Logger& log_;
  cache::RevisionCache* cache_;
  std::map<std::string, std::shared_ptr<Cluster>> clusters_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

/** The identity string two configs share exactly when they may share watches. */
std::string clusterIdentity(const kube::RestConfig& config);

}  // namespace dsroll::state
