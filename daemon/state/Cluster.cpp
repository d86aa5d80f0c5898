#include "daemon/state/Cluster.hpp"

#include "daemon/kube/ResourcePath.hpp"
#include "daemon/lifecycle/Logger.hpp"
#include "daemon/state/RevisionRecorder.hpp"

namespace dsroll::state {

namespace {

template <typename Map>
int stopIdle(Map& informers, std::chrono::steady_clock::time_point cutoff) {
  int stopped = 0;
  for (auto it = informers.begin(); it != informers.end();) {
    // use_count 1: no command is holding it right now.
    if (it->second.use_count() == 1 && it->second->lastUsed() < cutoff) {
      it->second->stop();
      it = informers.erase(it);
      ++stopped;
    } else {
      ++it;
    }
  }
  return stopped;
}

template <typename Map>
void addStats(const Map& informers, ClusterStats& stats) {
  for (const auto& [key, informer] : informers) {
    ++stats.informers;
    if (informer->reflector().stats().watching) ++stats.watching;
    stats.objects += static_cast<std::int64_t>(informer->items().size());
  }
}

}  // namespace

Cluster::Cluster(Executor executor, kube::RestConfig config, lifecycle::Logger& log,
                 cache::RevisionCache* cache, std::int64_t cacheClusterId)
    : executor_(executor),
      log_(log),
      client_(executor, std::move(config), log),
      cacheClusterId_(cacheClusterId) {
  if (cache != nullptr && cacheClusterId >= 0) {
    recorder_ = std::make_shared<RevisionRecorder>(*cache, cacheClusterId, log);
  }
}

Cluster::~Cluster() { stopAll(); }

template <typename I>
std::shared_ptr<I> Cluster::getOrStart(std::map<std::string, std::shared_ptr<I>>& informers,
                                       const std::string& key, kube::WatchTarget target) {
  auto& slot = informers[key];
  if (!slot) {
    slot = std::make_shared<I>(executor_, client_, target, log_);
    if (recorder_) {
      if constexpr (std::is_same_v<I, DaemonSetInformer> || std::is_same_v<I, RevisionInformer>) {
        recorder_->attach(*slot);
        if constexpr (std::is_same_v<I, DaemonSetInformer>) {
          std::weak_ptr<RevisionRecorder> recorder = recorder_;
          slot->onCurrent([recorder, ns = target.namespace_] {
            if (auto r = recorder.lock()) r->synced(ns);
          });
        }
      }
    }
    slot->start();
  }
  slot->touch();
  return slot;
}

std::shared_ptr<DaemonSetInformer> Cluster::daemonSets(const std::string& namespace_) {
  return getOrStart(daemonSets_, namespace_, kube::WatchTarget{kube::kDaemonSets, namespace_, "", ""});
}

std::shared_ptr<RevisionInformer> Cluster::revisions(const std::string& namespace_) {
  return getOrStart(revisions_, namespace_,
                    kube::WatchTarget{kube::kControllerRevisions, namespace_, "", ""});
}

std::shared_ptr<PodInformer> Cluster::pods(const std::string& namespace_,
                                           const std::string& selector) {
  return getOrStart(pods_, namespace_ + "?" + selector,
                    kube::WatchTarget{kube::kPods, namespace_, selector, ""});
}

std::shared_ptr<NodeInformer> Cluster::nodes() {
  return getOrStart(nodes_, "", kube::WatchTarget{kube::kNodes, "", "", ""});
}

std::shared_ptr<DaemonSetInformer> Cluster::runningDaemonSets(
    const std::string& namespace_) const {
  auto it = daemonSets_.find(namespace_);
  return it == daemonSets_.end() ? nullptr : it->second;
}

std::shared_ptr<RevisionInformer> Cluster::runningRevisions(const std::string& namespace_) const {
  auto it = revisions_.find(namespace_);
  return it == revisions_.end() ? nullptr : it->second;
}

int Cluster::stopUnused(std::chrono::steady_clock::duration idle) {
  const auto cutoff = std::chrono::steady_clock::now() - idle;
  const int stopped = stopIdle(pods_, cutoff) + stopIdle(nodes_, cutoff) +
                      stopIdle(daemonSets_, cutoff) + stopIdle(revisions_, cutoff);
  if (stopped > 0) {
    log_.info("stopped " + std::to_string(stopped) + " unused watches on " + client_.config().server);
    client_.closeIdle();
  }
  return stopped;
}

void Cluster::stopAll() {
  for (auto& [k, i] : pods_) i->stop();
  for (auto& [k, i] : nodes_) i->stop();
  for (auto& [k, i] : daemonSets_) i->stop();
  for (auto& [k, i] : revisions_) i->stop();
}

ClusterStats Cluster::stats() const {
  ClusterStats stats;
  stats.server = client_.config().server;
  addStats(daemonSets_, stats);
  addStats(revisions_, stats);
  addStats(pods_, stats);
  addStats(nodes_, stats);
  stats.client = client_.stats();
  return stats;
}

}  // namespace dsroll::state
