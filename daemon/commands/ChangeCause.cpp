#include "daemon/commands/ChangeCause.hpp"

namespace dsroll::commands {

std::optional<std::string> changeCauseArg(const nlohmann::json& args) {
  if (!args.is_object()) return std::nullopt;
  if (const auto cause = args.find("cause"); cause != args.end() && cause->is_string()) {
    return cause->get<std::string>();
  }
  if (const auto record = args.find("record");
      record != args.end() && record->is_boolean() && record->get<bool>()) {
    return args.value("argv", std::string());
  }
  return std::nullopt;
}

void putChangeCause(nlohmann::json& objectOrPatch, const std::optional<std::string>& cause) {
  if (!cause) return;
  auto& metadata = objectOrPatch["metadata"];
  if (!metadata.is_object()) metadata = nlohmann::json::object();
  auto& annotations = metadata["annotations"];
  if (!annotations.is_object()) annotations = nlohmann::json::object();
  annotations[kChangeCauseAnnotation] = *cause;
}

}  // namespace dsroll::commands
