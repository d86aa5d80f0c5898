#include "daemon/diagnose/CacheReport.hpp"

#include "daemon/diagnose/Findings.hpp"

namespace dsroll::diagnose {

namespace {

std::int64_t numberOf(const CachedView& v, const std::string& uid) {
  for (const auto& r : v.revisions) {
    if (r.info.uid == uid) return r.info.revision;
  }
  return 0;
}

}  // namespace

Report cacheReport(const CachedView& v) {
  Report r;
  r.namespace_ = v.daemonSet.info.namespace_;
  r.name = v.daemonSet.info.name;
  r.source = "cache";
  if (v.lastKnownGoodUid) {
    if (const auto n = numberOf(v, *v.lastKnownGoodUid); n > 0) r.lastKnownGood = n;
  }
  const std::string synced =
      v.lastSynced ? "last synced " + duration(v.now - *v.lastSynced) + " ago" : "never synced";
  if (!v.unreachable.empty()) {
    Finding f;
    f.kind = "ClusterUnreachable";
    f.severity = Severity::Warning;
    f.cause = "the API server could not be reached: pods and nodes cannot be examined";
    f.evidence.push_back(v.unreachable);
    f.evidence.push_back("what follows is what the cache knew (" + synced + ")");
    f.fixes.push_back(Fix{v.style.dsroll("diagnose"), "again once the cluster answers"});
    r.findings.push_back(std::move(f));
  } else {
    r.notes.push_back("--offline: from the cache (" + synced +
                      "); pods and nodes were not examined");
  }
  if (v.daemonSet.deletedAt) {
    Finding f;
    f.kind = "DaemonSetDeleted";
    f.severity = Severity::Info;
    f.cause = "the DaemonSet was deleted " + duration(v.now - *v.daemonSet.deletedAt) + " ago";
    r.findings.push_back(std::move(f));
  }
  std::int64_t current = 0;
  for (const auto& rev : v.revisions) {
    if (!rev.prunedAt && rev.info.revision > current) current = rev.info.revision;
  }
  nlohmann::json rollouts = nlohmann::json::array();
  for (const auto& ro : v.rollouts) {
    rollouts.push_back(
        {{"revision", numberOf(v, ro.revisionUid)},
         {"startedAt", ro.startedAt},
         {"endedAt", ro.endedAt ? nlohmann::json(*ro.endedAt) : nlohmann::json(nullptr)},
         {"outcome", cache::toString(ro.outcome)},
         {"nodesDesired", ro.nodesDesired},
         {"nodesUpdated", ro.nodesUpdated}});
  }
  if (!v.rollouts.empty() && v.rollouts.back().outcome == cache::RolloutOutcome::InProgress &&
      !v.daemonSet.deletedAt) {
    const auto& last = v.rollouts.back();
    const auto revision = numberOf(v, last.revisionUid);
    Finding f;
    f.kind = "RolloutIncomplete";
    f.severity = Severity::Warning;
    f.cause =
        "the last rollout seen, of revision " + std::to_string(revision) + ", had not completed";
    f.evidence.push_back("started " + duration(v.now - last.startedAt) + " ago; " +
                         std::to_string(last.nodesUpdated) + " of " +
                         std::to_string(last.nodesDesired) + " nodes updated when last seen");
    if (r.lastKnownGood && *r.lastKnownGood != revision) {
      f.evidence.push_back("last known good revision: " + std::to_string(*r.lastKnownGood));
      f.fixes.push_back(
          Fix{v.style.dsroll("undo", " --to-revision=" + std::to_string(*r.lastKnownGood)),
              "once the cluster answers, if the rollout is still stuck"});
    }
    r.findings.push_back(std::move(f));
  }
  nlohmann::json revisions = nlohmann::json::array();
  for (const auto& rev : v.revisions) {
    revisions.push_back({{"revision", rev.info.revision},
                         {"hash", rev.info.hash},
                         {"images", rev.info.images},
                         {"changeCause", rev.info.changeCause},
                         {"prunedFromCluster", rev.prunedAt.has_value()}});
  }
  Finding summary;
  summary.kind = "CachedHistory";
  summary.severity = Severity::Info;
  summary.cause = std::to_string(v.revisions.size()) +
                  " revisions cached, newest in the cluster: " +
                  (current > 0 ? std::to_string(current) : std::string("none"));
  for (const auto& rev : v.revisions) {
    std::string images;
    for (const auto& i : rev.info.images)
      images += (images.empty() ? "" : ", ") + i;
    summary.evidence.push_back(
        "revision " + std::to_string(rev.info.revision) + ": " + images +
        (rev.prunedAt ? " (pruned from the cluster)" : "") +
        (r.lastKnownGood && *r.lastKnownGood == rev.info.revision ? " (last known good)" : ""));
  }
  summary.data = {
      {"revisions", std::move(revisions)},
      {"rollouts", std::move(rollouts)},
      {"lastSynced", v.lastSynced ? nlohmann::json(*v.lastSynced) : nlohmann::json(nullptr)}};
  r.findings.push_back(std::move(summary));
  sortFindings(r.findings);
  return r;
}

}  // namespace dsroll::diagnose
