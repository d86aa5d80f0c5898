#pragma once
// `kubectl dsroll completion install`: kubectl finds a plugin's completer as
// kubectl_complete-<plugin> on PATH; krew links only kubectl-dsroll, so this puts the completer
// beside it: a link to the kubectl_complete-dsroll shipped next to the real executable, or a
// script running `kubectl-dsroll __complete` when there is none.

#include <string>

#include <tl/expected.hpp>

namespace dsroll::plugin::completion {

struct InstallRequest {
  std::string dir;             // where to install; empty = the PATH entry holding kubectl-dsroll
  std::string selfExecutable;  // realpath of the running kubectl-dsroll
  std::string pathVariable;    // $PATH
};

/** Installs; the message (for stdout) says what was done, the error is the stderr line. */
tl::expected<std::string, std::string> installCompleter(const InstallRequest& request);

}  // namespace dsroll::plugin::completion
