#pragma once
// The tables kubectl prints for a DaemonSet's history: `kubectl rollout history` (REVISION,
// CHANGE-CAUSE, aligned by a tabwriter with padding 2) and `kubectl get controllerrevision`
// (NAME, CONTROLLER, REVISION, AGE, the server's columns aligned by kubectl's get printer).

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace dsroll::render {

/**
 * The table of `kubectl rollout history daemonset/NAME`: one row per revision in ascending order,
 * "<none>" for an empty change-cause. "No rollout history found." (no newline) when empty.
 */
std::string rolloutHistoryTable(const std::map<std::int64_t, std::string>& changeCauses);

/**
 * The whole stdout of `kubectl rollout history daemonset/NAME [--revision=N]`: kubectl prints
 * "daemonset.apps/NAME " (or "... with revision #N"), a newline, the table or describe text, and
 * another newline. revision 0 means no --revision.
 */
std::string rolloutHistoryOutput(std::string_view daemonSetName,
                                 std::int64_t revision,
                                 std::string_view text);

/** A row of `kubectl get controllerrevision`. */
struct ControllerRevisionRow {
  std::string namespaceName;  ///< shown only with -A
  std::string name;
  std::string controller;  ///< controllerRevisionController()
  std::int64_t revision = 0;
  std::string age;  ///< humanDuration since creation, "<unknown>" without a creation time
};

/** The CONTROLLER column: the controller owner as "daemonset.apps/NAME", else "<none>". */
std::string controllerRevisionController(const nlohmann::json& controllerRevision);

/** `kubectl get controllerrevision` output (with -A when withNamespace). Empty for no rows:
 * kubectl then says "No resources found in NS namespace." on stderr. */
std::string controllerRevisionTable(const std::vector<ControllerRevisionRow>& rows,
                                    bool withNamespace = false);

}  // namespace dsroll::render
