#include "daemon/render/HistoryTables.hpp"

#include <cctype>

#include "daemon/render/TabWriter.hpp"

namespace dsroll::render {

std::string rolloutHistoryTable(const std::map<std::int64_t, std::string>& changeCauses) {
  if (changeCauses.empty()) return "No rollout history found.";
  std::string text = "REVISION\tCHANGE-CAUSE\n";
  for (const auto& [revision, cause] : changeCauses) {
    text += std::to_string(revision) + "\t" + (cause.empty() ? "<none>" : cause) + "\n";
  }
  return tabwrite(text, kHistoryTableOptions);
}

std::string rolloutHistoryOutput(std::string_view daemonSetName,
                                 std::int64_t revision,
                                 std::string_view text) {
  const std::string withRevision =
      revision > 0 ? "with revision #" + std::to_string(revision) : std::string();
  return "daemonset.apps/" + std::string(daemonSetName) + " " + withRevision + "\n" +
         std::string(text) + "\n";
}

std::string controllerRevisionController(const nlohmann::json& controllerRevision) {
  const auto metadata = controllerRevision.find("metadata");
  if (metadata == controllerRevision.end() || !metadata->is_object()) return "<none>";
  const auto owners = metadata->find("ownerReferences");
  if (owners == metadata->end() || !owners->is_array()) return "<none>";
  for (const auto& owner : *owners) {
    if (!owner.is_object() || owner.value("controller", false) != true) continue;
    const std::string apiVersion = owner.value("apiVersion", "");
    const std::string kind = owner.value("kind", "");
    const std::size_t slash = apiVersion.find('/');
    const std::string group = slash == std::string::npos ? "" : apiVersion.substr(0, slash);
    std::string groupKind = group.empty() ? kind : kind + "." + group;
    for (char& c : groupKind)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string name = owner.value("name", "");
    return groupKind.empty() ? name : groupKind + "/" + name;
  }
  return "<none>";
}

std::string controllerRevisionTable(const std::vector<ControllerRevisionRow>& rows,
                                    bool withNamespace) {
  if (rows.empty()) return "";
  std::string text = withNamespace ? "NAMESPACE\t" : "";
  text += "NAME\tCONTROLLER\tREVISION\tAGE\n";
  for (const ControllerRevisionRow& row : rows) {
    if (withNamespace) text += row.namespaceName + "\t";
    text += row.name + "\t" + row.controller + "\t" + std::to_string(row.revision) + "\t" +
            row.age + "\n";
  }
  return tabwrite(text, kGetTableOptions);
}

}  // namespace dsroll::render
