#pragma once
// kubectl's describe.DescribePodTemplate: the text `kubectl rollout history ds/NAME --revision=N`
// prints (and `rollout undo --dry-run=client` after "will roll back to "). It is written through a
// plain PrefixWriter, not a tabwriter, so it keeps its literal TAB characters.
//
// Covered: labels, annotations, service account, init containers and containers (image, ports,
// host ports, seccomp profile, command, args, limits, requests, probes, environment with every
// valueFrom kind kubectl prints, envFrom, mounts, devices), every volume type kubectl describes,
// topology spread constraints, priority class, node selectors, tolerations and scheduling group.
// Where kubectl's Go code would crash on a nil pointer (a probe's missing grpc service, an
// AzureDisk without its defaulted fields) the empty value is printed instead.

#include <string>

#include <nlohmann/json.hpp>

namespace dsroll::render {

/**
 * The describe text of a pod template (a DaemonSet's spec.template, or the template a
 * ControllerRevision stores under data.spec.template; a "$patch" key is ignored). Starts with
 * "Pod Template:\n"; a null template gives "Pod Template:\n  <unset>".
 */
std::string describePodTemplate(const nlohmann::json& podTemplateSpec);

}  // namespace dsroll::render
