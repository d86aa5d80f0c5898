#pragma once
// The bridge between the informers and diagnose: copies one DaemonSet's records into a
// diagnose::Snapshot, classifying pods and nodes with the status view's functions.

#include <cstdint>
#include <vector>

#include "daemon/diagnose/Snapshot.hpp"
#include "daemon/state/Records.hpp"

namespace dsroll::commands {

/**
 * pods may hold other pods too (only those the DaemonSet controls are kept); revisions are the
 * DaemonSet's (revisionsOf); now is Unix seconds. serverOffset, lastKnownGood and style are left
 * for the caller.
 */
diagnose::Snapshot makeSnapshot(const state::DaemonSetRecord& ds,
                                std::vector<state::RevisionRecord> revisions,
                                const std::vector<const state::PodRecord*>& pods,
                                const std::vector<const state::NodeRecord*>& nodes,
                                bool nodesKnown,
                                std::int64_t now);

}  // namespace dsroll::commands
