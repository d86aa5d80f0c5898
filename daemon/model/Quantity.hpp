#pragma once
// Kubernetes resource quantities ("100m", "1.5", "200Mi", "1G", "2e3") as integers.

#include <cstdint>
#include <optional>
#include <string>

namespace dsroll::model {

/** The quantity in thousandths of a unit (so "100m" cpu = 100, "1Ki" = 1024000), rounded up. */
std::optional<std::int64_t> parseQuantityMilli(const std::string& text);

/** CPU as kubectl prints requests: "100m", or "2" for whole cores. */
std::string formatCpuMilli(std::int64_t milli);
/** Memory bytes the way a person reads them: "200Mi", "1536Ki", "3Gi", else bytes. */
std::string formatBytes(std::int64_t bytes);

}  // namespace dsroll::model
