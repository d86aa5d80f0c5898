#pragma once
// The daemon's directories are its security boundary: the socket inside lets whoever can reach
// it drive the user's credentials, so they must be private to the user.

#include <string>

#include <tl/expected.hpp>

namespace dsroll::lifecycle {

/**
 * Creates path (and missing parents) with mode 0700, then checks that it is a directory owned
 * by the effective uid with no group or world permissions. The error is one line saying what
 * is wrong and how to fix it.
 */
tl::expected<void, std::string> ensureSecureDir(const std::string& path);

}  // namespace dsroll::lifecycle
