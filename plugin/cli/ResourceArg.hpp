#pragma once
// The DaemonSet a command names: NAME, ds/NAME, daemonset/NAME, daemonsets.apps/NAME, ... or
// the two-word form `daemonset NAME`; any other resource type is refused.

#include <cstddef>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "plugin/cli/CliError.hpp"

namespace dsroll::plugin::cli {

struct ResourceArg {
  std::string name;
  std::size_t consumed = 0;  // positionals used (1, or 2 for the two-word form)
};

/** Whether `word` names the DaemonSet resource type (ds, daemonset, daemonsets.apps, ...). */
bool isDaemonSetType(const std::string& word);

/**
 * Reads the DaemonSet from the front of `positionals`. `moreFollow` says whether the command
 * takes further positionals (diff's revisions), which limits the two-word form to DaemonSet
 * type words and to other well-known types followed by a name.
 */
tl::expected<ResourceArg, CliError> parseResourceArg(const std::vector<std::string>& positionals,
                                                     bool moreFollow);

/** For commands taking exactly one DaemonSet and nothing else. */
tl::expected<std::string, CliError> parseSingleResource(
    const std::vector<std::string>& positionals);

}  // namespace dsroll::plugin::cli
