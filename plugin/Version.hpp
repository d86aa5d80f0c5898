#pragma once

#include <string_view>

namespace dsroll::plugin {

/** The build's version (the CMake project version), sent in hello and shown by --version. */
std::string_view pluginVersion();

}  // namespace dsroll::plugin
