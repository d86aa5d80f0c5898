#pragma once
// Answers one completion request: the local candidates, plus what the daemon knows if it is
// already running and answers within the deadline. Never starts the daemon.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ipc/Paths.hpp"

namespace dsroll::plugin::completion {

struct CompletionEnvironment {
  ipc::Paths paths;
  std::string version;
  std::map<std::string, std::string> env;
  std::string cwd;
  std::uint64_t deadlineMs = 300;
};

/** The protocol text for `words` (the words after the plugin name, the last one partial). */
std::string runCompletion(const std::vector<std::string>& words,
                          const CompletionEnvironment& environment);

}  // namespace dsroll::plugin::completion
