#pragma once

#include <nlohmann/json.hpp>

namespace dsroll::commands {

/**
 * Whether two pod templates are the same once the server's serialisation quirks are set aside
 * ("$patch", metadata.creationTimestamp: null). kubectl compares bytes, which version skew
 * defeats; the meaning is what decides "skipped rollback".
 */
bool sameTemplate(const nlohmann::json& a, const nlohmann::json& b);

}  // namespace dsroll::commands
