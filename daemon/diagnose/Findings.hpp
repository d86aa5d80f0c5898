#pragma once
// The individual checks. Each looks at the snapshot (and the extras fetched for it) and returns
// the findings it makes, none when all is well. Diagnose.hpp runs them all.

#include <optional>
#include <string>
#include <vector>

#include "daemon/diagnose/Finding.hpp"
#include "daemon/diagnose/Snapshot.hpp"

namespace dsroll::diagnose {

/** Nodes whose DaemonSet pod is Pending for lack of cpu, memory or pod slots. */
std::vector<std::string> nodesShortOfResources(const Snapshot& s,
                                               const std::vector<SchedulingEvent>& events);

/** Those nodes: the pod's requests, allocatable, requested, shortfall, who could make room. */
std::optional<Finding> resourceFinding(const Snapshot& s, const Extras& x);

/** New pods crash-looping, failing to pull, failing to start. */
std::optional<Finding> brokenTemplateFinding(const Snapshot& s);

/** Ready pods not counted available under minReadySeconds; clocks compared. */
std::optional<Finding> clockSkewFinding(const Snapshot& s, const Extras& x);

/** Nodes left out by taints the template does not tolerate. */
std::optional<Finding> taintFinding(const Snapshot& s);

/** NotReady or unreachable nodes, pods stuck Terminating, cordoned nodes. */
std::vector<Finding> nodeHealthFindings(const Snapshot& s);

/** OnDelete: old pods that wait for someone to delete them. */
std::optional<Finding> onDeleteFinding(const Snapshot& s);

/** hostPort with maxSurge: the surge pod cannot bind the port the old pod holds. */
std::optional<Finding> hostPortSurgeFinding(const Snapshot& s);

/** The controller has not observed the latest generation. */
std::optional<Finding> generationFinding(const Snapshot& s, const Extras& x);

/** Old pods left, nothing in flight, nothing changing: the controller stopped rolling. */
std::optional<Finding> controllerIdleFinding(const Snapshot& s, const Extras& x);

/** The rollout waits because maxUnavailable (or maxSurge) is used up by unavailable nodes. */
std::optional<Finding> budgetFinding(const Snapshot& s);

/** desiredNumberScheduled is 0: why no node qualifies. */
std::optional<Finding> noNodesFinding(const Snapshot& s);

// Helpers the checks share.

/** A container reason that means the template itself is broken (CrashLoopBackOff, ...). */
bool templateFailureReason(const std::string& reason);

/** "a, b, c and 4 more" */
std::string nameList(const std::vector<std::string>& names, std::size_t limit = 5);

/** "3m20s" for a number of seconds (kubectl's HumanDuration); "0s" for negatives. */
std::string duration(std::int64_t seconds);

/** A scaled IntOrString (maxUnavailable, maxSurge) against total, rounding up as DaemonSets do. */
std::int64_t scaledValue(const nlohmann::json* value, std::int64_t total, std::int64_t fallback);

/** The string form of an IntOrString field ("1", "25%"), or fallback when absent. */
std::string intOrString(const nlohmann::json* value, const std::string& fallback);

/** The revision whose template to go back to: the last known good one, else the previous. */
struct GoodRevision {
  std::int64_t revision = 0;
  bool lastKnownGood = false;                     // false: only the revision before the current one
  const state::RevisionRecord* record = nullptr;  // nullptr when the cluster pruned it
};
std::optional<GoodRevision> revisionToRestore(const Snapshot& s);

/** The pod spec stored in a revision's data. */
const nlohmann::json* revisionPodSpec(const state::RevisionRecord& revision);

}  // namespace dsroll::diagnose
