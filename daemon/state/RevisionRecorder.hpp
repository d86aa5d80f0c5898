#pragma once
// Writes what the DaemonSet and ControllerRevision informers see into the revision cache, and
// keeps the rollout log: a rollout starts when a DaemonSet's newest revision changes and ends
// complete, or superseded by the next one.

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "daemon/state/Informer.hpp"
#include "daemon/state/Records.hpp"

namespace dsroll::cache {
class RevisionCache;
}
namespace dsroll::lifecycle {
class Logger;
}

namespace dsroll::state {

class RevisionRecorder : public std::enable_shared_from_this<RevisionRecorder> {
 public:
  RevisionRecorder(cache::RevisionCache& cache, std::int64_t clusterId, lifecycle::Logger& log);

  void attach(Informer<DaemonSetRecord>& informer);
  void attach(Informer<RevisionRecord>& informer);

  /** The namespace ("" = all) is in step with the API server as of now. */
  void synced(const std::string& namespace_);

 private:
  struct Tracked {
    bool seen = false;          // the DaemonSet's object has been seen
    std::int64_t generation = 0;
    std::int64_t observedGeneration = 0;
    std::int64_t desired = 0;
    std::int64_t updated = 0;
    std::int64_t available = 0;
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> revisions;  // uid -> (rev, created)
    std::int64_t templateGeneration = 0;  // the DaemonSet's template generation annotation
    std::map<std::string, std::int64_t> revisionTemplateGeneration;  // uid -> the same, at creation
    std::string rolloutRevisionUid;
    std::int64_t rolloutId = 0;
    bool rolloutOpen = false;
  };

  void daemonSetChanged(const DaemonSetRecord* before, const DaemonSetRecord* after);
  void revisionChanged(const RevisionRecord* before, const RevisionRecord* after);
  void evaluate(const std::string& daemonSetUid, Tracked& t);
  void report(const std::string& what, const std::string& error);
  void record(const RevisionRecord& revision);

  cache::RevisionCache& cache_;
  std::int64_t clusterId_;
  lifecycle::Logger& log_;
  std::map<std::string, Tracked> tracked_;
  std::map<std::string, std::int64_t> lastSynced_;
  // Revisions seen before their DaemonSet (the two lists race); recorded once it is.
  std::map<std::string, std::map<std::string, RevisionRecord>> waiting_;
};

}  // namespace dsroll::state
