#pragma once
// Go's time.Duration text: parsing lives in KubeConfig.hpp (parseDuration), printing here.

#include <chrono>
#include <string>

namespace dsroll::kube {

/** Formats as Go's Duration.String does: "0s", "250ms", "5s", "1m30s", "1h2m3.5s". */
std::string formatDuration(std::chrono::milliseconds duration);

}  // namespace dsroll::kube
