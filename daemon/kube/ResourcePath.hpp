#pragma once
// Building API paths and query strings.

#include <string>
#include <utility>
#include <vector>

#include "daemon/kube/ApiError.hpp"

namespace dsroll::kube {

/** A resource type: apps/v1 daemonsets, v1 pods ("" group = core). */
struct ResourceType {
  std::string group;
  std::string version;
  std::string resource;  // plural
  bool namespaced = true;
};

inline const ResourceType kDaemonSets{"apps", "v1", "daemonsets", true};
inline const ResourceType kControllerRevisions{"apps", "v1", "controllerrevisions", true};
inline const ResourceType kPods{"", "v1", "pods", true};
inline const ResourceType kNodes{"", "v1", "nodes", false};
inline const ResourceType kEvents{"", "v1", "events", true};
inline const ResourceType kPodDisruptionBudgets{"policy", "v1", "poddisruptionbudgets", true};

/** /apis/<group>/<version>[/namespaces/<ns>]/<resource>[/<name>[/<sub>]] (ns "" = all). */
std::string resourcePath(const ResourceType& type, const std::string& namespace_,
                         const std::string& name = "", const std::string& subresource = "");

/** Percent-encodes a query component (RFC 3986 unreserved characters stay). */
std::string urlEncode(const std::string& text);

/** ?k=v&k2=v2 with encoding; empty values are skipped; "" when no pairs. */
std::string queryString(const std::vector<std::pair<std::string, std::string>>& pairs);

/** The RequestTarget for error messages. */
RequestTarget targetOf(const std::string& verb, const ResourceType& type,
                       const std::string& namespace_, const std::string& name = "");

}  // namespace dsroll::kube
