#pragma once

#include <string>

#include <tl/expected.hpp>

namespace dsroll::lifecycle {

/**
 * Detaches from the spawner: fork, setsid, fork again, so the daemon is no session leader and
 * can never get a controlling terminal. Returns in the grandchild only; the parents _exit(0).
 * stdin/stdout/stderr go to /dev/null. Must run before any thread exists.
 */
tl::expected<void, std::string> daemonize();

}  // namespace dsroll::lifecycle
