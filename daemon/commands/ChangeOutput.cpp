#include "daemon/commands/ChangeOutput.hpp"

#include "daemon/model/Json.hpp"
#include "daemon/render/KubectlYaml.hpp"

namespace dsroll::commands {

namespace {

nlohmann::json printable(nlohmann::json object) {
  if (!object.contains("apiVersion")) object["apiVersion"] = "apps/v1";
  if (!object.contains("kind")) object["kind"] = "DaemonSet";
  model::dropManagedFields(object);
  return object;
}

/** Indents every line but the first by prefix. */
std::string indentTail(const std::string& text, const std::string& prefix) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    if (text[i] == '\n' && i + 1 < text.size()) out += prefix;
  }
  return out;
}

}  // namespace

std::string changeOutput(const std::string& output,
                         const std::string& name,
                         const std::string& operation,
                         DryRun dryRun,
                         const nlohmann::json& object) {
  if (output == "json") return render::toKubectlJson(printable(object));
  if (output == "yaml") return render::toKubectlYaml(printable(object));
  if (output == "name") return "daemonset.apps/" + name + "\n";
  return "daemonset.apps/" + name + " " + operation + dryRunSuffix(dryRun) + "\n";
}

std::string objectsOutput(const std::string& output, const std::vector<nlohmann::json>& objects) {
  if (objects.empty()) return "";
  if (objects.size() == 1) {
    return output == "json" ? render::toKubectlJson(printable(objects.front()))
                            : render::toKubectlYaml(printable(objects.front()));
  }
  if (output == "yaml") {
    nlohmann::json list{{"apiVersion", "v1"},
                        {"kind", "List"},
                        {"metadata", nlohmann::json::object()},
                        {"items", nlohmann::json::array()}};
    for (const auto& o : objects)
      list["items"].push_back(printable(o));
    return render::toKubectlYaml(list);
  }
  std::string out =
      "{\n    \"kind\": \"List\",\n    \"apiVersion\": \"v1\",\n"
      "    \"metadata\": {},\n    \"items\": [\n";
  for (std::size_t i = 0; i < objects.size(); ++i) {
    std::string item = render::toKubectlJson(printable(objects[i]));
    if (!item.empty() && item.back() == '\n') item.pop_back();
    out += "        " + indentTail(item, "        ") + (i + 1 < objects.size() ? ",\n" : "\n");
  }
  return out + "    ]\n}\n";
}

}  // namespace dsroll::commands
