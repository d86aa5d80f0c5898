#pragma once
// Durations as kubectl shows them: the AGE column and "3m ago" style text
// (apimachinery's duration.HumanDuration / ShortHumanDuration).

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace dsroll::render {

/**
 * duration.HumanDuration: "45s", "2m30s", "15m", "3h20m", "10h", "2d5h", "30d", "2y10d", "9y";
 * "0s" for up to 2 s in the future (clock skew), "<invalid>" beyond.
 */
std::string humanDuration(std::chrono::nanoseconds d);

/** duration.ShortHumanDuration: one unit only ("45s", "15m", "10h", "30d", "2y"). */
std::string shortHumanDuration(std::chrono::nanoseconds d);

/** Parses an RFC 3339 timestamp as the API server writes it ("2024-05-01T10:00:00Z", with an
 * optional fraction and offset). */
std::optional<std::chrono::system_clock::time_point> parseRfc3339(std::string_view text);

/** The AGE column for a creationTimestamp: humanDuration(now - t), "<unknown>" if empty or bad. */
std::string ageSince(std::string_view timestamp, std::chrono::system_clock::time_point now);

}  // namespace dsroll::render
