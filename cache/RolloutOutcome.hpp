#pragma once
// RolloutOutcome as stored in the rollouts table: the names toString() gives. Renaming one needs
// a migration.

#include <optional>
#include <string_view>

#include "cache/RevisionCache.hpp"

namespace dsroll::cache {

/** The outcome whose toString() is text, or nullopt. */
std::optional<RolloutOutcome> parseRolloutOutcome(std::string_view text);

}  // namespace dsroll::cache
