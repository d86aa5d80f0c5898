#pragma once
// The whole command-line interface: the CLI11 tree of every command, and parsing a command line
// into what to do. Shared by kubectl-dsroll and kubectl_complete-dsroll.

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <tl/expected.hpp>

#include "ipc/Messages.hpp"
#include "plugin/cli/Action.hpp"
#include "plugin/cli/CommandTable.hpp"
#include "plugin/cli/GlobalFlags.hpp"
#include "plugin/cli/Manifests.hpp"

namespace dsroll::plugin::cli {

/** What the process around the parser provides. */
struct ParseEnvironment {
  bool color = false;     // for diff: stdout is a TTY and NO_COLOR is unset
  StdinReader readStdin;  // apply -f -
};

/** A command line understood. */
struct Invocation {
  Action action;
  ipc::KubeFlags kube;
  std::vector<std::string> warnings;  // lines for stderr (deprecated flags), newline included
  std::vector<std::string> path;      // command names, root first
};

class CommandLine {
 public:
  /** Builds every command; `helpWidth` wraps help text (0 = no wrapping). */
  explicit CommandLine(std::size_t helpWidth = 0);
  CommandLine(const CommandLine&) = delete;
  CommandLine& operator=(const CommandLine&) = delete;

  /**
   * Parses the arguments after the program name. Can be called once per CommandLine. The
   * error is the complete text for stderr (`error: ...` and the usage hint).
   */
  tl::expected<Invocation, std::string> parse(const std::vector<std::string>& args,
                                              const ParseEnvironment& environment);

  /** Declares every command (the constructor declares only the root and its global flags). */
  void defineAll();

  /** The global flags a (partial) command line sets, for completion requests. */
  ipc::KubeFlags kubeFlagsOf(const std::vector<std::string>& words);

  CLI::App& root() { return root_; }
  const CommandTable& table() const { return table_; }

 private:
  void defineFor(const std::vector<std::string>& args);
  void describeValueCompletions();

  CLI::App root_;
  CommandTable table_;
  GlobalOptions globals_;
  std::size_t helpWidth_;
  std::set<std::string> defined_;
  bool allDefined_ = false;
};

}  // namespace dsroll::plugin::cli
