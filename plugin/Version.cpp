#include "plugin/Version.hpp"

#ifndef DSROLL_VERSION
#error "DSROLL_VERSION must be defined by the build"
#endif

namespace dsroll::plugin {

std::string_view pluginVersion() {
  return DSROLL_VERSION;
}

}  // namespace dsroll::plugin
