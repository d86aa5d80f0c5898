#pragma once
// What a command that changed DaemonSets prints, as kubectl's printers print it: the name
// printer's `daemonset.apps/NAME <operation>` (with the dry-run suffix), the bare name for
// -o name, or the objects for -o json|yaml.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/commands/Mutation.hpp"

namespace dsroll::commands {

/** Whether -o asks for the objects themselves (json, yaml). */
inline bool printsObjects(const std::string& output) {
  return output == "json" || output == "yaml";
}

/**
 * One changed DaemonSet: for -o json|yaml the object, for -o name `daemonset.apps/NAME`,
 * otherwise `daemonset.apps/NAME <operation><suffix>`.
 */
std::string changeOutput(const std::string& output,
                         const std::string& name,
                         const std::string& operation,
                         DryRun dryRun,
                         const nlohmann::json& object);

/**
 * kubectl apply's -o json|yaml for what it applied: one object as itself, several as a v1 List
 * (typed, so its JSON keys come in Go's field order: kind, apiVersion, metadata, items).
 */
std::string objectsOutput(const std::string& output, const std::vector<nlohmann::json>& objects);

}  // namespace dsroll::commands
