#include "daemon/commands/TemplatePatches.hpp"

#include <algorithm>

#include "daemon/kube/GoText.hpp"

namespace dsroll::commands {

namespace {

const char* const kRestartedAt = "kubectl.kubernetes.io/restartedAt";

/** Applies one change to a container list; the patch entries (name and image) of those changed. */
bool setImages(nlohmann::json& containers, const ImageChange& change, nlohmann::json& patched) {
  bool found = false;
  if (!containers.is_array()) return false;
  for (auto& container : containers) {
    if (!container.is_object()) continue;
    const std::string name = container.value("name", std::string());
    if (change.container != "*" && name != change.container) continue;
    found = true;
    if (container.value("image", std::string()) == change.image) continue;
    container["image"] = change.image;
    bool listed = false;
    for (auto& entry : patched) {
      if (entry["name"] == name) {
        entry["image"] = change.image;
        listed = true;
      }
    }
    if (!listed) patched.push_back({{"name", name}, {"image", change.image}});
  }
  return found;
}

}  // namespace

tl::expected<std::vector<ImageChange>, std::string> imageChangesArg(const nlohmann::json& images) {
  if (!images.is_array() || images.empty()) {
    return tl::unexpected(std::string("at least one image update is required"));
  }
  std::vector<ImageChange> changes;
  for (const auto& item : images) {
    if (!item.is_object()) return tl::unexpected(std::string("malformed image update"));
    ImageChange change{item.value("container", std::string()), item.value("image", std::string())};
    if (change.container.empty() || change.image.empty()) {
      return tl::unexpected("invalid image format: " + change.container + "=" + change.image);
    }
    bool replaced = false;
    for (auto& c : changes) {
      if (c.container == change.container) {
        c.image = change.image;
        replaced = true;
      }
    }
    if (!replaced) changes.push_back(std::move(change));
  }
  const bool wildcard = std::any_of(changes.begin(), changes.end(),
                                    [](const ImageChange& c) { return c.container == "*"; });
  if (wildcard && changes.size() > 1) {
    return tl::unexpected(
        std::string("all containers are already specified by *, but saw more than one "
                    "container_name=container_image pairs"));
  }
  return changes;
}

tl::expected<TemplatePatch, std::string> setImagePatch(const nlohmann::json& daemonSet,
                                                       const std::vector<ImageChange>& changes) {
  TemplatePatch result{nlohmann::json::object(), daemonSet};
  auto& spec = result.updated["spec"]["template"]["spec"];
  nlohmann::json containers = nlohmann::json::array();
  nlohmann::json initContainers = nlohmann::json::array();
  for (const auto& change : changes) {
    bool found = false;
    if (spec.contains("initContainers")) {
      found = setImages(spec["initContainers"], change, initContainers) || found;
    }
    if (spec.contains("containers")) {
      found = setImages(spec["containers"], change, containers) || found;
    }
    if (!found)
      return tl::unexpected("unable to find container named " + kube::goQuote(change.container));
  }
  if (!initContainers.empty()) {
    result.patch["spec"]["template"]["spec"]["initContainers"] = initContainers;
  }
  if (!containers.empty()) result.patch["spec"]["template"]["spec"]["containers"] = containers;
  return result;
}

std::string rfc3339Local(std::time_t when) {
  std::tm local{};
  localtime_r(&when, &local);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &local);
  const long offset = local.tm_gmtoff;
  if (offset == 0) return std::string(text) + "Z";
  const long minutes = (offset < 0 ? -offset : offset) / 60 % (24 * 60);
  const auto two = [](long n) {
    return std::string(1, static_cast<char>('0' + n / 10)) + static_cast<char>('0' + n % 10);
  };
  return std::string(text) + (offset < 0 ? "-" : "+") + two(minutes / 60) + ":" + two(minutes % 60);
}

tl::expected<TemplatePatch, std::string> restartPatch(const nlohmann::json& daemonSet,
                                                      const std::string& name,
                                                      const std::string& now) {
  TemplatePatch result{nlohmann::json::object(), daemonSet};
  auto& metadata = result.updated["spec"]["template"]["metadata"];
  if (!metadata.is_object()) metadata = nlohmann::json::object();
  auto& annotations = metadata["annotations"];
  if (!annotations.is_object()) annotations = nlohmann::json::object();
  if (annotations.value(kRestartedAt, std::string()) == now) {
    return tl::unexpected("failed to create patch for " + name +
                          ": if restart has already been triggered within the past second, "
                          "please wait before attempting to trigger another");
  }
  annotations[kRestartedAt] = now;
  result.patch["spec"]["template"]["metadata"]["annotations"][kRestartedAt] = now;
  return result;
}

}  // namespace dsroll::commands
