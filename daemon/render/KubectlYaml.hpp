#pragma once
// kubectl's `-o yaml` and `-o json` text for an object as the API server returned it. kubectl
// decodes the response into an unstructured map and prints it with encoding/json (MarshalIndent,
// four spaces) or with sigs.k8s.io/yaml (encoding/json, then go-yaml v2 re-encoding: keys sorted
// in go-yaml's natural order, sequences in a mapping not indented, go-yaml's quoting and its
// folding of long lines at 80 columns).

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace dsroll::render {

/**
 * Exactly what `kubectl get ... -o yaml` prints for this object (ends with a newline). Like
 * kubectl, metadata.managedFields is left out unless showManagedFields (--show-managed-fields).
 */
std::string toKubectlYaml(const nlohmann::json& object, bool showManagedFields = false);

/** Several objects the way kubectl's YAML printer prints successive objects: "---" between them
 * (e.g. `kubectl rollout history ds/NAME -o yaml`). */
std::string toKubectlYamlDocuments(const std::vector<nlohmann::json>& objects,
                                   bool showManagedFields = false);

/**
 * The error kubectl reports instead of printing YAML, if any. kubectl turns the object into JSON
 * and has go-yaml read that back; go-yaml refuses raw DEL, C1 control characters and U+FFFE/U+FFFF
 * ("yaml: control characters are not allowed") and keys holding NEL (U+0085, a YAML line break).
 * toKubectlYaml still renders such objects.
 */
std::optional<std::string> kubectlYamlError(const nlohmann::json& object);

/** Exactly what `kubectl get ... -o json` prints for this object (ends with a newline), without
 * metadata.managedFields unless showManagedFields. */
std::string toKubectlJson(const nlohmann::json& object, bool showManagedFields = false);

}  // namespace dsroll::render
