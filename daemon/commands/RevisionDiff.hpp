#pragma once
// The pure part of `diff NAME [REV1 [REV2]]`: which two revisions to compare and the unified diff
// of their pod templates as `kubectl get -o yaml` prints them.

#include <cstdint>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "daemon/commands/HistoryModel.hpp"

namespace dsroll::commands {

struct DiffPair {
  const HistoryEntry* from = nullptr;
  const HistoryEntry* to = nullptr;
};

/**
 * from and to are revision numbers, 0 when not given: none compares the previous revision with
 * the current one (the two highest numbers), one compares it with the current one. When a number
 * is held by several entries (a cache-only revision with a stale number), the live one wins.
 * The error is the text after "error: ".
 */
tl::expected<DiffPair, std::string> chooseDiffPair(const std::vector<HistoryEntry>& entries,
                                                   std::int64_t from,
                                                   std::int64_t to,
                                                   const std::string& daemonSetName);

/** "revision 2 (fluentd-elasticsearch-6d8b6c6b7f)" */
std::string revisionLabel(const HistoryEntry& entry);

/** The unified diff of the two templates' YAML, "" when they are the same. */
std::string revisionDiff(const DiffPair& pair, bool color);

}  // namespace dsroll::commands
