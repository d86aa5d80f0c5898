#pragma once
// A DaemonSet's update strategy: reading it, changing it the way the API server would store the
// change, and checking it with the API server's own rules and words
// (ValidateDaemonSetSpec / ValidateRollingUpdateDaemonSet in pkg/apis/apps/validation), so a bad
// value is refused before anything is sent.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

namespace dsroll::commands {

/** spec.updateStrategy, spec.minReadySeconds and spec.revisionHistoryLimit. */
struct UpdateStrategy {
  std::string type;               // RollingUpdate, OnDelete ("" when absent)
  bool hasRollingUpdate = false;  // spec.updateStrategy.rollingUpdate is present
  nlohmann::json maxUnavailable;  // int or string; null when absent
  nlohmann::json maxSurge;        // int or string; null when absent
  std::int64_t minReadySeconds = 0;
  std::optional<std::int64_t> revisionHistoryLimit;

  bool operator==(const UpdateStrategy&) const = default;
};

/** What the user asked to change (args of the strategy command). */
struct StrategyChange {
  std::optional<std::string> type = std::nullopt;
  std::optional<std::string> maxUnavailable = std::nullopt;  // "1", "25%"
  std::optional<std::string> maxSurge = std::nullopt;
  std::optional<std::int64_t> minReadySeconds = std::nullopt;
  std::optional<std::int64_t> revisionHistoryLimit = std::nullopt;

  bool empty() const {
    return !type && !maxUnavailable && !maxSurge && !minReadySeconds && !revisionHistoryLimit;
  }
};

UpdateStrategy strategyOf(const nlohmann::json& daemonSet);

/** Reads args.type, maxUnavailable, maxSurge, minReadySeconds, revisionHistoryLimit. */
tl::expected<StrategyChange, std::string> strategyChangeArg(const nlohmann::json& args);

/** "1" as the integer 1, anything else ("25%", "abc") as a string, as intstr.Parse does. */
nlohmann::json intOrString(const std::string& text);

/**
 * The strategy after the change. Switching to OnDelete drops rollingUpdate; switching to
 * RollingUpdate starts from the API server's defaults (maxUnavailable 1, maxSurge 0). The error
 * is for rolling-update values given with OnDelete.
 */
tl::expected<UpdateStrategy, std::string> changedStrategy(const UpdateStrategy& current,
                                                          const StrategyChange& change);

/** The API server's field errors for this strategy, in its order ("field: Invalid value: ..."). */
std::vector<std::string> validateStrategy(const UpdateStrategy& strategy);

/** kubectl's line(s) for an Invalid error: `The DaemonSet "x" is invalid: <cause>` (or a list). */
std::string invalidDaemonSet(const std::string& name, const std::vector<std::string>& causes);

/**
 * intstr.GetScaledValueFromIntOrPercent with roundUp, as the DaemonSet controller scales
 * maxUnavailable and maxSurge against desiredNumberScheduled; 0 for null or a bad value.
 */
std::int64_t scaledValue(const nlohmann::json& intOrPercent, std::int64_t total);

/** The numbers the controller uses (its safety net: both 0 with pods to update means 1). */
struct EffectiveStrategy {
  std::int64_t maxUnavailable = 0;
  std::int64_t maxSurge = 0;
};
EffectiveStrategy effectiveStrategy(const UpdateStrategy& strategy, std::int64_t desired);

/** A strategic merge patch from current to next ({} when they are the same). */
nlohmann::json strategyPatch(const UpdateStrategy& current, const UpdateStrategy& next);

}  // namespace dsroll::commands
