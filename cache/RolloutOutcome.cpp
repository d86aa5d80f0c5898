#include "cache/RolloutOutcome.hpp"

#include <array>

namespace dsroll::cache {

namespace {
constexpr std::array kOutcomes{RolloutOutcome::InProgress, RolloutOutcome::Complete,
                               RolloutOutcome::Superseded, RolloutOutcome::Stuck};
}  // namespace

std::string_view toString(RolloutOutcome outcome) {
  switch (outcome) {
    case RolloutOutcome::InProgress:
      return "InProgress";
    case RolloutOutcome::Complete:
      return "Complete";
    case RolloutOutcome::Superseded:
      return "Superseded";
    case RolloutOutcome::Stuck:
      return "Stuck";
  }
  return "Unknown";
}

std::optional<RolloutOutcome> parseRolloutOutcome(std::string_view text) {
  for (RolloutOutcome outcome : kOutcomes) {
    if (toString(outcome) == text) {
      return outcome;
    }
  }
  return std::nullopt;
}

}  // namespace dsroll::cache
