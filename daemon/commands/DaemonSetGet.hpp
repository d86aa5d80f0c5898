#pragma once
// One GET of a DaemonSet, for commands that must act on the API server's current object rather
// than on the informer's (which may be a moment behind another client's write).

#include <optional>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

#include "daemon/commands/CommandSupport.hpp"

namespace dsroll::commands {

/** target.name in target.namespace_ now; std::nullopt when it does not exist. */
Awaitable<tl::expected<std::optional<nlohmann::json>, kube::ApiError>> getDaemonSet(Target& target);

/** Like getDaemonSet, but a missing DaemonSet is kubectl's NotFound error. */
Awaitable<tl::expected<nlohmann::json, CommandError>> requireDaemonSet(Target& target);

}  // namespace dsroll::commands
