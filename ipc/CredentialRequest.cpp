#include "ipc/CredentialRequest.hpp"

namespace dsroll::ipc {

namespace {

using nlohmann::json;

bool readString(
    const json& object, const char* key, bool required, std::string& out, std::string& error) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (required) error = std::string("missing field '") + key + "'";
    return !required;
  }
  if (!it->is_string()) {
    error = std::string("field '") + key + "' must be a string";
    return false;
  }
  out = it->get<std::string>();
  return true;
}

}  // namespace

json toJson(const CredentialRequest& request) {
  json env = json::array();
  for (const auto& [name, value] : request.env) {
    env.push_back(json{{"name", name}, {"value", value}});
  }
  return json{{"command", request.command},
              {"args", request.args},
              {"env", std::move(env)},
              {"apiVersion", request.apiVersion},
              {"installHint", request.installHint},
              {"interactiveMode", request.interactiveMode},
              {"execInfo", request.execInfo}};
}

tl::expected<CredentialRequest, std::string> parseCredentialRequest(const json& data) {
  if (!data.is_object()) {
    return tl::unexpected(std::string("credential request is not a JSON object"));
  }
  CredentialRequest out;
  std::string error;
  if (!readString(data, "command", true, out.command, error) ||
      !readString(data, "apiVersion", true, out.apiVersion, error) ||
      !readString(data, "execInfo", true, out.execInfo, error) ||
      !readString(data, "installHint", false, out.installHint, error) ||
      !readString(data, "interactiveMode", false, out.interactiveMode, error)) {
    return tl::unexpected(error);
  }
  if (auto args = data.find("args"); args != data.end() && !args->is_null()) {
    if (!args->is_array()) return tl::unexpected(std::string("field 'args' must be an array"));
    for (const auto& arg : *args) {
      if (!arg.is_string()) return tl::unexpected(std::string("field 'args' must hold strings"));
      out.args.push_back(arg.get<std::string>());
    }
  }
  if (auto env = data.find("env"); env != data.end() && !env->is_null()) {
    if (!env->is_array()) return tl::unexpected(std::string("field 'env' must be an array"));
    for (const auto& entry : *env) {
      std::string name, value;
      if (!entry.is_object() || !readString(entry, "name", true, name, error) ||
          !readString(entry, "value", false, value, error)) {
        return tl::unexpected(std::string("field 'env' must hold {name, value} objects"));
      }
      out.env.emplace_back(std::move(name), std::move(value));
    }
  }
  if (out.command.empty()) return tl::unexpected(std::string("field 'command' is empty"));
  return out;
}

}  // namespace dsroll::ipc
