#pragma once
// Unified diffs exactly as GNU diff 3.8 prints them with `diff -u --label A --label B` (and with
// --color=always): same edit script among equally short ones, same hunk grouping, same
// "\ No newline at end of file" markers, same ANSI sequences (bold headers, cyan hunk headers,
// red deletions, green insertions).

#include <string>

namespace dsroll::render {

/**
 * The unified diff from a to b, "" when they are identical. The header lines are
 * "--- labelA" and "+++ labelB" (no timestamps, as with --label). context is the number of
 * unchanged lines shown around each change (diff -U; 3 for -u).
 */
std::string unifiedDiff(const std::string& a,
                        const std::string& b,
                        const std::string& labelA,
                        const std::string& labelB,
                        int context = 3,
                        bool color = false);

}  // namespace dsroll::render
