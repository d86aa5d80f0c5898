#pragma once
// `kubectl dsroll daemon logs [-f] [--tail N]`: the daemon's log file, read directly so it
// works when the daemon is down; -f follows appends, truncation and rotation.

#include <cstdint>
#include <string>
#include <string_view>

#include <uv.h>

#include "plugin/client/FdWriter.hpp"

namespace dsroll::plugin::logs {

/** The last `count` lines of `text` (all of it for count < 0). */
std::string_view lastLines(std::string_view text, std::int64_t count);

struct LogTailOptions {
  std::string path;
  bool follow = false;
  std::int64_t tail = -1;
  std::uint64_t pollMs = 250;
};

/**
 * Prints the log; with follow, keeps printing what is appended until stdout goes away (or the
 * process is interrupted). Returns the exit code; errors go to `err`.
 */
int showLog(uv_loop_t* loop,
            const LogTailOptions& options,
            client::FdWriter& out,
            client::FdWriter& err);

}  // namespace dsroll::plugin::logs
