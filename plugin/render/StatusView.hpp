#pragma once
// The live rollout view of `status` on a terminal, as a pure function of one progress frame
// (ipc/COMMANDS.md "Progress frames") and the terminal's size.

#include <string>

#include <nlohmann/json.hpp>

namespace dsroll::plugin::render {

/**
 * Renders a progress frame: a header (namespace/name, strategy, revision), a progress bar of
 * updated and available pods sized to `width`, the counts, elapsed time and ETA, kubectl's
 * status message, the nodes grouped by state (cut to fit `height` with "... and N more"), and
 * the hint. Every line ends in "\n" and is at most `width` columns; the whole is at most
 * `height - 1` lines, so redrawing never scrolls. width/height <= 0 mean 80 columns and no
 * height limit. Missing or null fields render as unknown, never throw.
 */
std::string renderStatus(const nlohmann::json& progress, int width, int height, bool color);

/** "12s", "1m05s", "2h03m". */
std::string formatDuration(double seconds);

}  // namespace dsroll::plugin::render
