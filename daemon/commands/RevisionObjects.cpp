#include "daemon/commands/RevisionObjects.hpp"

#include "daemon/commands/HistoryModel.hpp"
#include "daemon/model/Json.hpp"
#include "daemon/render/KubectlYaml.hpp"

namespace dsroll::commands {

nlohmann::json controllerRevisionObject(const cache::DaemonSetInfo& daemonSet,
                                        const cache::RevisionInfo& revision) {
  auto data = nlohmann::json::parse(revision.data, nullptr, false);
  if (data.is_discarded()) data = nlohmann::json::object();

  nlohmann::json labels = nlohmann::json::object();
  const auto podTemplate = templateOf(data);
  if (const auto* l = model::at(podTemplate, {"metadata", "labels"}); l && l->is_object()) {
    labels = *l;
  }
  if (!revision.hash.empty()) labels["controller-revision-hash"] = revision.hash;

  const nlohmann::json owner = {{"apiVersion", "apps/v1"}, {"kind", "DaemonSet"},
                                {"name", daemonSet.name},  {"uid", daemonSet.uid},
                                {"controller", true},      {"blockOwnerDeletion", true}};
  nlohmann::json metadata = {{"name", revision.name},
                             {"namespace", daemonSet.namespace_},
                             {"uid", revision.uid},
                             {"labels", labels}};
  metadata["ownerReferences"] = nlohmann::json::array({owner});
  if (revision.createdAt > 0) {
    metadata["creationTimestamp"] = model::formatTime(revision.createdAt);
  }
  if (!revision.changeCause.empty()) {
    metadata["annotations"] = {{"kubernetes.io/change-cause", revision.changeCause}};
  }
  return {{"apiVersion", "apps/v1"},
          {"kind", "ControllerRevision"},
          {"metadata", std::move(metadata)},
          {"data", std::move(data)},
          {"revision", revision.revision}};
}

nlohmann::json kubectlList(std::vector<nlohmann::json> items) {
  nlohmann::json list = {
      {"apiVersion", "v1"}, {"kind", "List"}, {"metadata", {{"resourceVersion", ""}}}};
  list["items"] = nlohmann::json::array();
  for (auto& item : items)
    list["items"].push_back(std::move(item));
  return list;
}

std::string printKubectlList(std::vector<nlohmann::json> items, const std::string& output) {
  const auto list = kubectlList(std::move(items));
  return output == "json" ? render::toKubectlJson(list) : render::toKubectlYaml(list);
}

nlohmann::json withKind(nlohmann::json object, const char* apiVersion, const char* kind) {
  if (!object.contains("apiVersion")) object["apiVersion"] = apiVersion;
  if (!object.contains("kind")) object["kind"] = kind;
  return object;
}

}  // namespace dsroll::commands
