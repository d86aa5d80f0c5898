#pragma once
// A DaemonSet's rollout at a glance, for `list` and `status --all`: the counts from its status,
// its revision and strategy, and one word for where the rollout stands.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace dsroll::commands {

/** No change in a rolling update's counts for this long makes it "stuck?" (the default
 * progressDeadlineSeconds of a Deployment; DaemonSets have no deadline of their own). */
inline constexpr std::int64_t kStuckAfterSeconds = 600;

enum class RolloutPhase {
  Complete,         // observed, every desired pod updated and available
  RollingOut,       // RollingUpdate (or an OnDelete DaemonSet's new pods) under way
  Stuck,            // RollingOut with no change for kStuckAfterSeconds
  OnDeletePending,  // OnDelete: pods on an older revision wait for someone to delete them
  NotObserved,      // the controller has not seen the latest spec yet
};

struct RolloutState {
  RolloutPhase phase = RolloutPhase::Complete;
  std::int64_t done = 0;  // RollingOut/Stuck: updated, or available once all are updated
  std::int64_t of = 0;    // desired; OnDeletePending: done is the number still pending
  /** complete, rolling out 1/3, stuck? 1/3, OnDelete pending 2, not observed */
  std::string text() const;
  /** Nothing to wait for: complete, or waiting on the user (OnDelete). */
  bool settled() const;
};

/**
 * kubectl rollout status's reading of the status (observedGeneration, then updated, then
 * available against desired), and for OnDelete how many pods still run an older revision.
 * stalledSeconds: how long the counts have not changed, when known.
 */
RolloutState rolloutState(const nlohmann::json& daemonSet,
                          std::optional<std::int64_t> stalledSeconds);

/** One row of the `list` table. */
struct DaemonSetSummary {
  std::string namespace_;
  std::string name;
  std::int64_t desired = 0;
  std::int64_t updated = 0;
  std::int64_t available = 0;
  std::optional<std::int64_t> revision;  // the newest ControllerRevision's number
  std::string strategy;
  RolloutState state;
  std::string age;
  std::string containers;  // -o wide, as kubectl get ds -o wide shows them
  std::string images;
  std::string selector;
};

/** The summary of a DaemonSet object; now is for the AGE column. */
DaemonSetSummary summarize(const nlohmann::json& daemonSet,
                           std::optional<std::int64_t> revision,
                           std::optional<std::int64_t> stalledSeconds,
                           std::chrono::system_clock::time_point now);

/** The table, aligned as kubectl get aligns its tables (NAMESPACE first when withNamespace). */
std::string daemonSetTable(const std::vector<DaemonSetSummary>& rows,
                           bool withNamespace,
                           bool wide);

}  // namespace dsroll::commands
