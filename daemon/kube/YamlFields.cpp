#include "daemon/kube/YamlFields.hpp"

#include <set>

#include "daemon/kube/Base64.hpp"
#include "daemon/kube/GoText.hpp"
#include "daemon/kube/YamlJson.hpp"

namespace dsroll::kube {

Field childField(const Field& parent, std::string_view structName, std::string_view key) {
  return {std::string(structName),
          parent.path.empty() ? std::string(key) : parent.path + "." + std::string(key)};
}

std::string typeError(const YAML::Node& node, const Field& field, std::string_view goType) {
  return "json: cannot unmarshal " + std::string(jsonTypeName(jsonTypeOf(node))) +
         " into Go struct field " + field.structName + "." + field.path + " of type " +
         std::string(goType);
}

FieldResult<std::string> readString(const YAML::Node& node, const Field& field) {
  if (node.IsNull()) return std::string();
  if (!node.IsScalar()) return tl::make_unexpected(typeError(node, field, "string"));
  return node.Scalar();
}

FieldResult<bool> readBool(const YAML::Node& node, const Field& field) {
  if (jsonTypeOf(node) == JsonType::Null) return false;
  auto value = jsonTypeOf(node) == JsonType::Bool ? yamlToJson(node) : nlohmann::json();
  if (!value || !value->is_boolean()) return tl::make_unexpected(typeError(node, field, "bool"));
  return value->get<bool>();
}

FieldResult<std::vector<std::string>> readStrings(const YAML::Node& node, const Field& field) {
  std::vector<std::string> out;
  if (node.IsNull()) return out;
  if (!node.IsSequence()) return tl::make_unexpected(typeError(node, field, "[]string"));
  for (const auto& item : node) {
    auto text = readString(item, field);
    if (!text) return tl::make_unexpected(text.error());
    out.push_back(std::move(*text));
  }
  return out;
}

FieldResult<std::string> readBase64(const YAML::Node& node,
                                    const Field& field,
                                    std::string_view key,
                                    std::string_view owner) {
  auto text = readString(node, field);
  if (!text) return text;
  auto decoded = decodeBase64(*text);
  if (!decoded) {
    return tl::make_unexpected("illegal base64 data at input byte " +
                               std::to_string(decoded.error()) + " in " + std::string(key) +
                               " of " + std::string(owner));
  }
  return *decoded;
}

FieldResult<std::vector<std::pair<std::string, YAML::Node>>> readNamedList(
    const YAML::Node& node,
    const Field& field,
    std::string_view bodyKey,
    std::string_view goItem,
    std::string_view conversion) {
  std::vector<std::pair<std::string, YAML::Node>> out;
  if (node.IsNull()) return out;
  if (!node.IsSequence()) {
    return tl::make_unexpected(typeError(node, field, "[]v1." + std::string(goItem)));
  }
  const Field itemField{std::string(goItem), field.path};
  std::set<std::string> seen;
  for (const auto& item : node) {
    std::string name;
    YAML::Node body;
    auto ok = forEachKey(item, itemField, "v1." + std::string(goItem),
                         [&](const std::string& key, const YAML::Node& value) -> FieldResult<bool> {
                           if (key == "name") {
                             auto text = readString(value, childField(itemField, goItem, key));
                             if (!text) return tl::make_unexpected(text.error());
                             name = std::move(*text);
                           } else if (key == bodyKey) {
                             body.reset(value);
                           }
                           return true;
                         });
    if (!ok) return tl::make_unexpected(ok.error());
    if (!seen.insert(name).second) {
      return tl::make_unexpected("error converting " + std::string(conversion) +
                                 ": duplicate name " + goQuote(name) + " in list");
    }
    out.emplace_back(std::move(name), body);
  }
  return out;
}

}  // namespace dsroll::kube
