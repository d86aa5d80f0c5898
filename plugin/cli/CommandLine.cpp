#include "plugin/cli/CommandLine.hpp"

#include <algorithm>

#include "plugin/Version.hpp"
#include "plugin/cli/ArgScanner.hpp"
#include "plugin/cli/HelpText.hpp"
#include "plugin/commands/ApplyCommand.hpp"
#include "plugin/commands/CacheCommand.hpp"
#include "plugin/commands/CompletionCommand.hpp"
#include "plugin/commands/DaemonCommand.hpp"
#include "plugin/commands/DeleteCommand.hpp"
#include "plugin/commands/DiagnoseCommand.hpp"
#include "plugin/commands/DiffCommand.hpp"
#include "plugin/commands/HistoryCommand.hpp"
#include "plugin/commands/ListCommand.hpp"
#include "plugin/commands/OndeleteRollCommand.hpp"
#include "plugin/commands/OptionsCommand.hpp"
#include "plugin/commands/RestartCommand.hpp"
#include "plugin/commands/RevisionsCommand.hpp"
#include "plugin/commands/SetImageCommand.hpp"
#include "plugin/commands/StatusCommand.hpp"
#include "plugin/commands/StrategyCommand.hpp"
#include "plugin/commands/UndoCommand.hpp"

namespace dsroll::plugin::cli {

namespace {

constexpr const char* kRootDescription =
    "kubectl dsroll rolls out DaemonSets and tells you where a rollout stands, node by node.\n\n"
    " Change DaemonSets safely, follow a rollout live, see why it is stuck, compare and restore "
    "revisions - also when the cluster is unreachable, a revision was pruned, or the DaemonSet "
    "was deleted.";

constexpr const char* kRootExamples =
    "# Follow the rollout of a daemonset, live on a terminal\n"
    "kubectl dsroll status ds/fluentd -n kube-system\n"
    "\n"
    "# Its revisions with images, times and rollout outcomes\n"
    "kubectl dsroll history ds/fluentd -n kube-system -o wide\n"
    "\n"
    "# Why is the rollout stuck?\n"
    "kubectl dsroll diagnose ds/fluentd -n kube-system\n"
    "\n"
    "# Roll back to the previous revision\n"
    "kubectl dsroll undo ds/fluentd -n kube-system";

}  // namespace

CommandLine::CommandLine(std::size_t helpWidth)
    : root_("Roll out DaemonSets and see where a rollout stands, node by node", "kubectl dsroll"),
      helpWidth_(helpWidth) {
  root_.require_subcommand(0, 1);
  root_.set_version_flag("--version", "kubectl-dsroll " + std::string(pluginVersion()),
                         "Print the version of kubectl-dsroll and exit.");
  root_.get_version_ptr()->type_name(std::string(flagtype::kBool))->default_str("false");
  setupGlobalFlags(root_, globals_);
  table_.addGroup(&root_, {"", kRootDescription, kRootExamples});
}

namespace {

using Setup = void (*)(CLI::App&, CommandTable&, std::size_t);

struct CommandSetup {
  const char* name;
  Setup setup;
};

// In the order `kubectl dsroll --help` lists them.
constexpr CommandSetup kCommands[] = {
    {"apply", [](CLI::App& r, CommandTable& t, std::size_t) { commands::setupApply(r, t); }},
    {"set", [](CLI::App& r, CommandTable& t, std::size_t) { commands::setupSet(r, t); }},
    {"restart", [](CLI::App& r, CommandTable& t, std::size_t) { commands::setupRestart(r, t); }},
    {"strategy", [](CLI::App& r, CommandTable& t, std::size_t) { commands::setupStrategy(r, t); }},
    {"undo", [](CLI::App& r, CommandTable& t, std::size_t) { commands::setupUndo(r, t); }},
    {"ondelete-roll",
     [](CLI::App& r, CommandTable& t, std::size_t) { commands::setupOndeleteRoll(r, t); }},
    {"delete", [](CLI::App& r, CommandTable& t, std::size_t) { commands::setupDelete(r, t); }},
    {"status", [](CLI::App& r, CommandTable& t, std::size_t) { commands::setupStatus(r, t); }},
    {"history", [](CLI::App& r, CommandTable& t, std::size_t) { commands::setupHistory(r, t); }},
    {"diff", [](CLI::App& r, CommandTable& t, std::size_t) { commands::setupDiff(r, t); }},
    {"revisions",
     [](CLI::App& r, CommandTable& t, std::size_t) { commands::setupRevisions(r, t); }},
    {"diagnose", [](CLI::App& r, CommandTable& t, std::size_t) { commands::setupDiagnose(r, t); }},
    {"list", [](CLI::App& r, CommandTable& t, std::size_t) { commands::setupList(r, t); }},
    {"cache", [](CLI::App& r, CommandTable& t, std::size_t) { commands::setupCache(r, t); }},
    {"daemon", [](CLI::App& r, CommandTable& t, std::size_t) { commands::setupDaemon(r, t); }},
    // completion also declares the hidden __complete.
    {"completion",
     [](CLI::App& r, CommandTable& t, std::size_t) { commands::setupCompletion(r, t); }},
    {"options",
     [](CLI::App& r, CommandTable& t, std::size_t w) { commands::setupOptions(r, t, w); }},
};

}  // namespace

void CommandLine::defineAll() {
  if (allDefined_) return;
  for (const CommandSetup& command : kCommands) {
    if (!defined_.count(command.name)) {
      command.setup(root_, table_, helpWidth_);
      defined_.insert(command.name);
    }
  }
  allDefined_ = true;
  describeValueCompletions();
}

void CommandLine::defineFor(const std::vector<std::string>& args) {
  // Declaring every command costs more than the rest of a run: declare only the one named,
  // unless help, suggestions or completion need them all.
  auto word = firstCommandWord(root_, args);
  if (!word) return;  // root flags only (--version); root help declares the rest when shown
  if (word == "__complete") word = "completion";
  for (const CommandSetup& command : kCommands) {
    if (word && *word == command.name) {
      if (!defined_.count(command.name)) {
        command.setup(root_, table_, helpWidth_);
        defined_.insert(command.name);
        describeValueCompletions();
      }
      return;
    }
  }
  defineAll();
}

void CommandLine::describeValueCompletions() {
  using Source = ValueCompletion::Source;
  std::vector<CLI::App*> apps{&root_};
  for (std::size_t i = 0; i < apps.size(); ++i) {
    for (CLI::App* sub : apps[i]->get_subcommands([](CLI::App*) { return true; })) {
      apps.push_back(sub);
    }
    for (const CLI::Option* option : apps[i]->get_options()) {
      if (option->get_lnames().empty() || table_.valueCompletion(option) != nullptr) continue;
      const std::string& name = option->get_lnames().front();
      const std::string type = option->get_type_name();
      ValueCompletion completion;
      if (type == flagtype::kDryRun) {
        completion = {Source::Values, {"none", "server", "client"}};
      } else if (type == flagtype::kBool) {
        completion = {Source::Values, {"true", "false"}};
      } else if (name == "type") {
        completion = {Source::Values, {"RollingUpdate", "OnDelete"}};
      } else if (name == "filename") {
        completion = {Source::Files, {"yaml", "yml", "json"}};
      } else if (name == "kubeconfig" || name == "certificate-authority" ||
                 name == "client-certificate" || name == "client-key") {
        completion = {Source::Files, {}};
      } else if (name == "cache-dir" || name == "dir") {
        completion = {Source::Directories, {}};
      } else if (name == "namespace" || name == "context" || name == "cluster" || name == "user" ||
                 name == "revision" || name == "to-revision") {
        completion = {Source::Daemon, {}};
      } else {
        continue;
      }
      table_.setValueCompletion(option, std::move(completion));
    }
  }
}

ipc::KubeFlags CommandLine::kubeFlagsOf(const std::vector<std::string>& words) {
  defineAll();
  ArgScan scan = scanForCompletion(root_, words);
  ArgScan globals;
  globals.path = {&root_};
  for (const FlagUse& use : scan.flags) {
    if (use.owner == &root_) globals.flags.push_back(use);
  }
  auto canonical = canonicalArgs(globals);
  std::reverse(canonical.begin(), canonical.end());
  try {
    root_.parse(canonical);
  } catch (const CLI::ParseError&) {
    return {};
  }
  return toKubeFlags(globals_);
}

tl::expected<Invocation, std::string> CommandLine::parse(const std::vector<std::string>& args,
                                                         const ParseEnvironment& environment) {
  defineFor(args);
  auto scan = scanArgs(root_, table_, args);
  if (!scan) {
    return tl::unexpected(formatCliError(scan.error().error, commandPath(scan.error().path)));
  }
  Invocation invocation;
  for (const CLI::App* app : scan->path)
    invocation.path.push_back(app->get_name());
  for (const std::string& warning : scan->warnings)
    invocation.warnings.push_back(warning + "\n");
  const std::string pathText = commandPath(scan->path);
  if (scan->version) {
    invocation.action = PrintText{"kubectl-dsroll " + std::string(pluginVersion()) + "\n"};
    return invocation;
  }
  if (scan->help) {
    if (scan->path.size() == 1) defineAll();
    invocation.action = PrintText{renderHelp(scan->path, table_, helpWidth_)};
    return invocation;
  }
  auto canonical = canonicalArgs(*scan);
  std::reverse(canonical.begin(), canonical.end());
  try {
    root_.parse(canonical);
  } catch (const CLI::ParseError& e) {
    // The scanner accepts only what CLI11 accepts; this is the rest (e.g. stray arguments).
    return tl::unexpected(formatCliError(usageError(e.what()), pathText));
  }
  invocation.kube = toKubeFlags(globals_);
  const ActionBuilder* builder = table_.builder(scan->path.back());
  if (builder == nullptr) {
    // A command that only groups others prints its help, as kubectl's do.
    if (scan->path.size() == 1) defineAll();
    invocation.action = PrintText{renderHelp(scan->path, table_, helpWidth_)};
    return invocation;
  }
  BuildContext context;
  context.argv = args;
  context.nonFlagWords = scan->nonFlagWords;
  for (const FlagUse& use : scan->flags) {
    if (!use.continuation) {
      context.flagsForRecord.emplace_back(use.option->get_lnames().front(), use.typed);
    }
  }
  context.color = environment.color;
  context.readStdin = environment.readStdin;
  auto action = (*builder)(context);
  if (!action) {
    return tl::unexpected(formatCliError(action.error(), pathText));
  }
  invocation.action = std::move(*action);
  return invocation;
}

std::string formatCliError(const CliError& error, const std::string& commandPath) {
  std::string out =
      error.message.rfind("error: ", 0) == 0 ? error.message : "error: " + error.message;
  out += "\n";
  if (error.usageHint && !commandPath.empty()) {
    out += "See '" + commandPath + " --help' for usage.\n";
  }
  return out;
}

}  // namespace dsroll::plugin::cli
