#pragma once
// The documentation and the action builder of each command, keyed by its CLI11 App.
// CLI11 holds the options; this holds what CLI11 has no place for (kubectl-style help,
// deprecated flags, what to do once parsed).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "plugin/cli/Action.hpp"

namespace dsroll::plugin::cli {

/** kubectl's Use, Long and Example texts of one command (Short is the App's description). */
struct CommandDoc {
  std::string use;       // e.g. "history (TYPE NAME | TYPE/NAME)"
  std::string longHelp;  // empty = the short description
  std::string examples;  // unindented; help indents each line by two spaces
};

/** Where the values of a flag come from, for shell completion. */
struct ValueCompletion {
  enum class Source { None, Values, Files, Directories, Daemon };
  Source source = Source::None;
  std::vector<std::string> values;  // Values: the candidates; Files: extensions (empty = any)
};

class CommandTable {
 public:
  /** A command the user can run. */
  void add(const CLI::App* app, CommandDoc doc, ActionBuilder build);

  /** A command that only groups subcommands (cache, daemon, set). */
  void addGroup(const CLI::App* app, CommandDoc doc);

  /** Marks a flag deprecated: it works, help hides it, using it prints pflag's notice. */
  void deprecate(const CLI::Option* option, std::string message);

  /** Says how to complete the flag's value. */
  void setValueCompletion(const CLI::Option* option, ValueCompletion completion);

  const CommandDoc* doc(const CLI::App* app) const;
  const ActionBuilder* builder(const CLI::App* app) const;
  std::optional<std::string> deprecation(const CLI::Option* option) const;
  const ValueCompletion* valueCompletion(const CLI::Option* option) const;

 private:
  struct Entry {
    CommandDoc doc;
    ActionBuilder build;  // empty for groups
  };
  std::map<const CLI::App*, Entry> entries_;
  std::map<const CLI::Option*, std::string> deprecated_;
  std::map<const CLI::Option*, ValueCompletion> completions_;
};

}  // namespace dsroll::plugin::cli
