#pragma once
// Typed reads of kubeconfig fields from a yaml-cpp tree, with errors worded as Go's JSON decoder
// words them in kubectl (`json: cannot unmarshal string into Go struct field Cluster.clusters.
// cluster.insecure-skip-tls-verify of type bool`).

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>
#include <tl/expected.hpp>

namespace dsroll::kube {

template <typename T>
using FieldResult = tl::expected<T, std::string>;

/** Where a value sits: the Go struct holding it and its JSON path from the top. */
struct Field {
  std::string structName;  // Config, Cluster, AuthInfo, ExecConfig, Context...
  std::string path;        // clusters.cluster.server
};

Field childField(const Field& parent, std::string_view structName, std::string_view key);

std::string typeError(const YAML::Node& node, const Field& field, std::string_view goType);

/** A string; lenient where kubectl is strict: `token: 123` (a YAML number) gives "123". */
FieldResult<std::string> readString(const YAML::Node& node, const Field& field);

/** A boolean as YAML 1.1 spells it (true, yes, on...); null is false. */
FieldResult<bool> readBool(const YAML::Node& node, const Field& field);

FieldResult<std::vector<std::string>> readStrings(const YAML::Node& node, const Field& field);

/** A base64 *-data field, decoded; the error names the field and its owner. */
FieldResult<std::string> readBase64(const YAML::Node& node,
                                    const Field& field,
                                    std::string_view key,
                                    std::string_view owner);

/** Calls fn(key, value) for each entry of a mapping whose key is a scalar; null is empty. */
template <typename Fn>
FieldResult<bool> forEachKey(const YAML::Node& node,
                             const Field& field,
                             std::string_view goType,
                             Fn&& fn) {
  if (node.IsNull()) return true;
  if (!node.IsMap()) return tl::make_unexpected(typeError(node, field, goType));
  for (const auto& entry : node) {
    if (!entry.first.IsScalar()) continue;
    auto ok = fn(entry.first.Scalar(), entry.second);
    if (!ok) return ok;
  }
  return true;
}

/**
 * A named list (clusters, users, contexts, extensions) as name -> body node; a repeated name is
 * clientcmd's conversion error.
 */
FieldResult<std::vector<std::pair<std::string, YAML::Node>>> readNamedList(
    const YAML::Node& node,
    const Field& field,
    std::string_view bodyKey,
    std::string_view goItem,
    std::string_view conversion);

/** One string member of T read from the key of the same name. */
template <typename T>
struct StringField {
  std::string_view key;
  std::string T::*member;
  bool base64 = false;
};

/** Reads key into target when the table names it; false when it does not. */
template <typename T, std::size_t N>
FieldResult<bool> readStringField(const StringField<T> (&table)[N],
                                  const std::string& key,
                                  const YAML::Node& value,
                                  const Field& field,
                                  std::string_view owner,
                                  T& target) {
  for (const auto& entry : table) {
    if (entry.key != key) continue;
    auto text = entry.base64 ? readBase64(value, field, key, owner) : readString(value, field);
    if (!text) return tl::make_unexpected(text.error());
    target.*entry.member = std::move(*text);
    return true;
  }
  return false;
}

}  // namespace dsroll::kube
