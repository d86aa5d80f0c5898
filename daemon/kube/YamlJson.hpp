#pragma once
// YAML read the way kubectl reads a kubeconfig: sigs.k8s.io/yaml turns the document into JSON
// with go-yaml v2's YAML 1.1 typing of plain scalars (yes/no/on/off are booleans, 012 is octal),
// then decodes that JSON. yaml-cpp gives the tree; this gives the JSON view of it.

#include <cstddef>
#include <string>

#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

namespace dsroll::kube {

/** The JSON type a YAML node becomes. */
enum class JsonType { Null, Bool, Number, String, Object, Array };

/** "null", "bool", "number", "string", "object", "array" (the words of Go's json errors). */
const char* jsonTypeName(JsonType type);

/** The JSON type of a node (plain scalars typed as go-yaml v2 types them). */
JsonType jsonTypeOf(const YAML::Node& node);

/** Limits for converting untrusted YAML: aliases can make a small file a huge (or cyclic) tree. */
struct YamlLimits {
  int maxDepth = 64;
  std::size_t maxNodes = 10'000;
};

/** The JSON value of a node; an error names what was refused (too deep, too big, NaN, ...). */
tl::expected<nlohmann::json, std::string> yamlToJson(const YAML::Node& node,
                                                     YamlLimits limits = {});

}  // namespace dsroll::kube
