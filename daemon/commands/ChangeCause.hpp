#pragma once
// kubernetes.io/change-cause: what `history` shows in CHANGE-CAUSE. The DaemonSet controller
// copies the DaemonSet's annotations into a new ControllerRevision when it creates it, so the
// annotation must be set by the same write that changes the template.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace dsroll::commands {

inline const std::string kChangeCauseAnnotation = "kubernetes.io/change-cause";

/**
 * The change cause a request asks for: args.cause when given (--cause TEXT), else args.argv when
 * args.record (--record, the command line as kubectl records it), else none.
 */
std::optional<std::string> changeCauseArg(const nlohmann::json& args);

/** Sets metadata.annotations[kubernetes.io/change-cause] in an object or patch when cause is set.
 */
void putChangeCause(nlohmann::json& objectOrPatch, const std::optional<std::string>& cause);

}  // namespace dsroll::commands
