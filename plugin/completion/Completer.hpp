#pragma once
// Shell completion for kubectl's plugin protocol (kubectl_complete-dsroll, cobra's __complete
// format): candidates one per line with an optional tab and description, then `:<directive>`.
// Commands and flags come from the CLI definition; DaemonSet names, revisions and container
// names from the daemon.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugin/cli/CommandLine.hpp"

namespace dsroll::plugin::completion {

/** cobra's ShellCompDirective bits. */
namespace directive {
inline constexpr int kDefault = 0;
inline constexpr int kError = 1;
inline constexpr int kNoSpace = 2;
inline constexpr int kNoFileComp = 4;
inline constexpr int kFilterFileExt = 8;
inline constexpr int kFilterDirs = 16;
inline constexpr int kKeepOrder = 32;
}  // namespace directive

struct Candidate {
  std::string value;
  std::string description;
};

struct Completion {
  std::vector<Candidate> candidates;
  int directive = directive::kDefault;
};

/** What the CLI definition alone can say about the last word. */
struct LocalCompletion {
  Completion completion;
  bool askDaemon = false;  // the daemon may know values (names, revisions, containers)
  std::string prefix;      // put before daemon values ("--revision=")
  std::string partial;     // the part of the word the values must start with
};

/** `words` are the words after the plugin name; the last is the one being completed. */
LocalCompletion completeLocally(cli::CommandLine& line, const std::vector<std::string>& words);

/** Adds the daemon's rows ({value, description}) and uses its directive when it gives one. */
Completion mergeDaemonAnswer(const LocalCompletion& local,
                             const std::vector<nlohmann::json>& rows,
                             const nlohmann::json& resultData);

/** The protocol text. */
std::string formatCompletion(const Completion& completion);

}  // namespace dsroll::plugin::completion
