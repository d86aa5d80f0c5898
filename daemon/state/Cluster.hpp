#pragma once
// One API server as one identity: its client and the informers commands have asked for,
// shared by every client of the daemon. Informers start on first use and stop after a while
// unused; DaemonSet and ControllerRevision informers also feed the revision cache.

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "daemon/asio/Awaitable.hpp"
#include "daemon/kube/ApiClient.hpp"
#include "daemon/state/Informer.hpp"
#include "daemon/state/Records.hpp"

namespace dsroll::cache {
class RevisionCache;
}

namespace dsroll::state {

class RevisionRecorder;

using DaemonSetInformer = Informer<DaemonSetRecord>;
using RevisionInformer = Informer<RevisionRecord>;
using PodInformer = Informer<PodRecord>;
using NodeInformer = Informer<NodeRecord>;

struct ClusterStats {
  std::string server;
  std::int64_t informers = 0;
  std::int64_t watching = 0;  // informers whose watch is open now
  std::int64_t objects = 0;
  kube::ClientStats client;
};

class Cluster {
 public:
  /** cacheClusterId < 0: nothing is recorded (the cache is unavailable). */
  Cluster(Executor executor, kube::RestConfig config, lifecycle::Logger& log,
          cache::RevisionCache* cache, std::int64_t cacheClusterId);
  ~Cluster();
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  kube::ApiClient& client() { return client_; }
  std::int64_t cacheClusterId() const { return cacheClusterId_; }

  /** namespace "" = all namespaces. Started on first use. */
  std::shared_ptr<DaemonSetInformer> daemonSets(const std::string& namespace_);
  std::shared_ptr<RevisionInformer> revisions(const std::string& namespace_);
  std::shared_ptr<PodInformer> pods(const std::string& namespace_, const std::string& selector);
  std::shared_ptr<NodeInformer> nodes();

  /** The informer for the namespace if one is running, else nullptr; never starts one
   * (for answers that must not wait on the network, such as shell completion). */
  std::shared_ptr<DaemonSetInformer> runningDaemonSets(const std::string& namespace_) const;
  std::shared_ptr<RevisionInformer> runningRevisions(const std::string& namespace_) const;

  /** Stops informers nobody used for idle; returns how many stopped. */
  int stopUnused(std::chrono::steady_clock::duration idle);
  void stopAll();

  ClusterStats stats() const;

 private:
  template <typename I>
  std::shared_ptr<I> getOrStart(std::map<std::string, std::shared_ptr<I>>& informers,
                                const std::string& key, kube::WatchTarget target);

  Executor executor_;
  lifecycle::Logger& log_;
  kube::ApiClient client_;
  std::int64_t cacheClusterId_;
  std::shared_ptr<RevisionRecorder> recorder_;
  std::map<std::string, std::shared_ptr<DaemonSetInformer>> daemonSets_;
  std::map<std::string, std::shared_ptr<RevisionInformer>> revisions_;
  std::map<std::string, std::shared_ptr<PodInformer>> pods_;
  std::map<std::string, std::shared_ptr<NodeInformer>> nodes_;
};

}  // namespace dsroll::state
