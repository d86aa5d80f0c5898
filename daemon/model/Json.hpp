#pragma once
// Reading Kubernetes objects without exceptions: a missing or mistyped field is a default.

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace dsroll::model {

/** The value at a path of object keys, or nullptr. */
const nlohmann::json* at(const nlohmann::json& object, std::initializer_list<std::string_view> path);

std::string str(const nlohmann::json& object, std::initializer_list<std::string_view> path,
                const std::string& fallback = "");
std::int64_t integer(const nlohmann::json& object, std::initializer_list<std::string_view> path,
                     std::int64_t fallback = 0);
bool boolean(const nlohmann::json& object, std::initializer_list<std::string_view> path,
             bool fallback = false);

/** metadata.name etc. */
inline std::string nameOf(const nlohmann::json& o) { return str(o, {"metadata", "name"}); }
inline std::string namespaceOf(const nlohmann::json& o) { return str(o, {"metadata", "namespace"}); }
inline std::string uidOf(const nlohmann::json& o) { return str(o, {"metadata", "uid"}); }

struct OwnerRef {
  std::string uid;
  std::string kind;
  std::string name;
};

/** The ownerReference with controller: true; empty fields if none. */
OwnerRef controllerRef(const nlohmann::json& object);

/** RFC 3339 ("2026-11-26T14:08:23Z", fractional seconds allowed) to Unix seconds; 0 if bad. */
std::int64_t parseTime(const std::string& text);
std::string formatTime(std::int64_t unixSeconds);

/** Removes metadata.managedFields, which is large and never needed here. */
void dropManagedFields(nlohmann::json& object);

}  // namespace dsroll::model
