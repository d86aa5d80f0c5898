#include "daemon/commands/DiagnoseSnapshot.hpp"

#include <algorithm>
#include <map>

#include "daemon/commands/RolloutProgress.hpp"
#include "daemon/model/Json.hpp"

namespace dsroll::commands {

diagnose::Snapshot makeSnapshot(const state::DaemonSetRecord& ds,
                                std::vector<state::RevisionRecord> revisions,
                                const std::vector<const state::PodRecord*>& pods,
                                const std::vector<const state::NodeRecord*>& nodes,
                                bool nodesKnown,
                                std::int64_t now) {
  diagnose::Snapshot s;
  s.ds = ds;
  s.now = now;
  s.nodesKnown = nodesKnown;
  std::sort(revisions.begin(), revisions.end(),
            [](const auto& a, const auto& b) { return a.revision < b.revision; });
  s.revisions = std::move(revisions);
  std::string currentHash;
  if (!s.revisions.empty()) {
    s.currentRevision = s.revisions.back().revision;
    currentHash = s.revisions.back().hash;
  }
  std::map<std::string, std::int64_t> revisionOfHash;
  for (const auto& r : s.revisions)
    revisionOfHash[r.hash] = r.revision;

  const auto minReady = model::integer(ds.object, {"spec", "minReadySeconds"});
  const auto generation = model::str(
      ds.object, {"metadata", "annotations", "deprecated.daemonset.template.generation"});
  std::vector<const state::PodRecord*> owned;
  for (const auto* p : pods) {
    if (p->ownerUid != ds.uid) continue;
    owned.push_back(p);
    diagnose::DsPod d;
    d.pod = *p;
    d.node = p->nodeName.empty() ? p->pinnedNode : p->nodeName;
    d.updated = podUpdated(*p, currentHash, generation);
    d.available = podAvailable(*p, minReady, now);
    if (auto it = revisionOfHash.find(p->hash); it != revisionOfHash.end()) d.revision = it->second;
    s.pods.push_back(std::move(d));
  }
  std::sort(s.pods.begin(), s.pods.end(),
            [](const auto& a, const auto& b) { return a.pod.name < b.pod.name; });
  for (const auto* n : nodes)
    s.nodes.push_back(*n);
  std::sort(s.nodes.begin(), s.nodes.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  s.progress = rolloutProgress(ds, currentHash, owned, nodes, now);
  s.status = kubectlStatus(ds.object);
  return s;
}

}  // namespace dsroll::commands
