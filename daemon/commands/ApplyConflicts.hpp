#pragma once
// Server-side apply conflicts (409, reason Conflict, one FieldManagerConflict cause per field):
// which fields, which managers, and which of them apply may take over without --force-conflicts.

#include <string>
#include <utility>
#include <vector>

namespace dsroll::commands {

/** The field manager kubectl dsroll writes with, for apply and for its imperative commands. */
inline const std::string kFieldManager = "kubectl-dsroll";

struct FieldConflict {
  std::string manager;  // as the server names it: "kubectl-set" using apps/v1
  std::string field;    // .spec.template.spec.containers[name="main"].image
};

/** The conflicts in a 409's causes ((field, message) pairs); empty if there are none. */
std::vector<FieldConflict> applyConflicts(
    const std::vector<std::pair<std::string, std::string>>& causes);

/**
 * Whether apply may force these conflicts by itself: every one is with kubectl dsroll's own
 * imperative changes (set image, restart, strategy, undo write as an Update by the same
 * manager, which apply's own Apply entry conflicts with), or is the change-cause annotation
 * that --record/--cause asked to set. The manifest wins over them, as it does with kubectl apply.
 */
bool forceableConflicts(const std::vector<FieldConflict>& conflicts, bool settingChangeCause);

/**
 * One line naming the fields and their managers, and the way out:
 * `Apply failed with 1 conflict: conflict with "kubectl-set" using apps/v1:
 * .spec.template.spec.containers[name="main"].image (...--force-conflicts...)`
 */
std::string conflictMessage(const std::vector<FieldConflict>& conflicts);

}  // namespace dsroll::commands
