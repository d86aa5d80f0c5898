#pragma once
// The strategic merge patches that change a DaemonSet's pod template: set image and restart,
// as kubectl set image and kubectl rollout restart compute them.

#include <ctime>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

namespace dsroll::commands {

/** One CONTAINER=IMAGE of set image; container "*" means every container and init container. */
struct ImageChange {
  std::string container;
  std::string image;
};

/** args.images as ImageChanges (later pairs for the same container win, as in kubectl's map). */
tl::expected<std::vector<ImageChange>, std::string> imageChangesArg(const nlohmann::json& images);

/** A patch and the object as it would be after it. */
struct TemplatePatch {
  nlohmann::json patch;    // {} when nothing would change
  nlohmann::json updated;  // the DaemonSet with the change applied
};

/**
 * The patch that sets the images, for containers and init containers alike. The error is
 * kubectl's `unable to find container named "x"` for a name matching neither.
 */
tl::expected<TemplatePatch, std::string> setImagePatch(const nlohmann::json& daemonSet,
                                                       const std::vector<ImageChange>& changes);

/** time.Now().Format(time.RFC3339) in the local time zone: 2026-11-26T15:04:05+01:00 or ...Z. */
std::string rfc3339Local(std::time_t when);

/**
 * kubectl rollout restart's patch: the template annotation kubectl.kubernetes.io/restartedAt set
 * to now. The error is kubectl's when the template already carries that very value (a restart
 * within the same second).
 */
tl::expected<TemplatePatch, std::string> restartPatch(const nlohmann::json& daemonSet,
                                                      const std::string& name,
                                                      const std::string& now);

}  // namespace dsroll::commands
