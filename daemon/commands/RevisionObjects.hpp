#pragma once
// ControllerRevisions as objects: rebuilt from the cache (for --offline and cache export), and
// several objects wrapped the way `kubectl get -o json|yaml` wraps a listing.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cache/RevisionCache.hpp"

namespace dsroll::commands {

/**
 * A cached revision as the apps/v1 ControllerRevision the cluster had: name, namespace, uid,
 * creationTimestamp, labels (the template's plus controller-revision-hash), the change-cause
 * annotation, the controller reference to its DaemonSet, revision and data. No resourceVersion,
 * so the object can be created again.
 */
nlohmann::json controllerRevisionObject(const cache::DaemonSetInfo& daemonSet,
                                        const cache::RevisionInfo& revision);

/** {"apiVersion":"v1","items":[...],"kind":"List","metadata":{"resourceVersion":""}} */
nlohmann::json kubectlList(std::vector<nlohmann::json> items);

/** kubectlList(items) as `kubectl get -o json` or `-o yaml` prints it (output "json"/"yaml"). */
std::string printKubectlList(std::vector<nlohmann::json> items, const std::string& output);

/** A listed object (from a list response, which leaves them out) with apiVersion and kind. */
nlohmann::json withKind(nlohmann::json object, const char* apiVersion, const char* kind);

}  // namespace dsroll::commands
