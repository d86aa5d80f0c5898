#include "daemon/model/Json.hpp"

#include <ctime>

namespace dsroll::model {

const nlohmann::json* at(const nlohmann::json& object,
                         std::initializer_list<std::string_view> path) {
  const nlohmann::json* node = &object;
  for (auto key : path) {
    if (!node->is_object()) {
      return nullptr;
    }
    auto it = node->find(key);
    if (it == node->end()) {
      return nullptr;
    }
    node = &*it;
  }
  return node;
}

std::string str(const nlohmann::json& object, std::initializer_list<std::string_view> path,
                const std::string& fallback) {
  const auto* v = at(object, path);
  return (v != nullptr && v->is_string()) ? v->get<std::string>() : fallback;
}

std::int64_t integer(const nlohmann::json& object, std::initializer_list<std::string_view> path,
                     std::int64_t fallback) {
  const auto* v = at(object, path);
  return (v != nullptr && v->is_number_integer()) ? v->get<std::int64_t>() : fallback;
}

bool boolean(const nlohmann::json& object, std::initializer_list<std::string_view> path,
             bool fallback) {
  const auto* v = at(object, path);
  return (v != nullptr && v->is_boolean()) ? v->get<bool>() : fallback;
}

OwnerRef controllerRef(const nlohmann::json& object) {
  const auto* refs = at(object, {"metadata", "ownerReferences"});
  if (refs == nullptr || !refs->is_array()) {
    return {};
  }
  for (const auto& ref : *refs) {
    if (boolean(ref, {"controller"})) {
      return OwnerRef{str(ref, {"uid"}), str(ref, {"kind"}), str(ref, {"name"})};
    }
  }
  return {};
}

std::int64_t parseTime(const std::string& text) {
  std::tm tm{};
  const char* end = ::strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  if (end == nullptr) {
    return 0;
  }
  return static_cast<std::int64_t>(::timegm(&tm));
}

std::string formatTime(std::int64_t unixSeconds) {
  const auto t = static_cast<std::time_t>(unixSeconds);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void dropManagedFields(nlohmann::json& object) {
  auto meta = object.find("metadata");
  if (meta != object.end() && meta->is_object()) {
    meta->erase("managedFields");
  }
}

}  // namespace dsroll::model
