#pragma once
// What diagnose fetches on demand with one-off requests rather than watches: the pods bound to
// the nodes that need a closer look, FailedScheduling events, PodDisruptionBudgets and the
// controller manager's lease. A request the user may not make leaves a note, never an error.

#include <string>
#include <vector>

#include "daemon/asio/Awaitable.hpp"
#include "daemon/diagnose/Snapshot.hpp"
#include "daemon/kube/ApiClient.hpp"

namespace dsroll::commands {

/** FailedScheduling events of pods in the namespace. */
Awaitable<void> fetchSchedulingEvents(kube::ApiClient& client,
                                      std::string namespace_,
                                      diagnose::Extras& extras,
                                      std::vector<std::string>& notes);

/** The pods bound to each node (all namespaces), then the budgets of their namespaces. */
Awaitable<void> fetchNodePods(kube::ApiClient& client,
                              std::vector<std::string> nodes,
                              diagnose::Extras& extras,
                              std::vector<std::string>& notes);

/** kube-system/kube-controller-manager's lease. */
Awaitable<void> fetchControllerLease(kube::ApiClient& client, diagnose::Extras& extras);

}  // namespace dsroll::commands
