#include "plugin/cli/HelpText.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include "plugin/cli/ArgScanner.hpp"
#include "plugin/cli/CommandTable.hpp"
#include "plugin/cli/Flags.hpp"

namespace dsroll::plugin::cli {

namespace {

constexpr std::size_t kMinNamePadding = 11;  // cobra's minimum command name column
constexpr std::size_t kFlagIndent = 10;      // kubectl wraps flag usages this much narrower

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\n");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\n");
  return text.substr(first, last - first + 1);
}

std::string trimRight(const std::string& text) {
  const auto last = text.find_last_not_of(" \t\n");
  return last == std::string::npos ? "" : text.substr(0, last + 1);
}

// Greedy word wrap as go-wordwrap does it: break at spaces, never inside a word.
std::string wordWrap(const std::string& text, std::size_t limit) {
  if (limit == 0) return text;
  std::string out;
  std::size_t lineLength = 0;
  std::istringstream words(text);
  std::string word;
  while (words >> word) {
    if (lineLength > 0 && lineLength + 1 + word.size() > limit) {
      out += "\n";
      lineLength = 0;
    } else if (lineLength > 0) {
      out += " ";
      ++lineLength;
    }
    out += word;
    lineLength += word.size();
  }
  return out;
}

std::string indent(const std::string& text) {
  std::string out;
  std::istringstream lines(trim(text));
  std::string line;
  while (std::getline(lines, line)) {
    out += "  " + line + "\n";
  }
  return out;
}

std::string flagUsage(const CLI::Option& option, std::size_t wrapWidth) {
  const std::string type = option.get_type_name();
  const bool quoted = type == flagtype::kString || type == flagtype::kDryRun;
  std::string line = "    ";
  if (!option.get_snames().empty()) {
    line += "-" + option.get_snames().front() + ", ";
  }
  line += "--" + option.get_lnames().front() + "=";
  line += quoted ? "'" + option.get_default_str() + "'" : option.get_default_str();
  line += ":";
  const std::size_t limit = wrapWidth > kFlagIndent ? wrapWidth - kFlagIndent : 0;
  std::string usage = wordWrap(option.get_description(), limit);
  std::string out = line + "\n" + usage;
  std::string tabbed;
  for (char c : out) {
    tabbed += c;
    if (c == '\n') tabbed += '\t';
  }
  return tabbed + "\n\n";
}

std::string flagsSection(const std::vector<const CLI::Option*>& options, std::size_t wrapWidth) {
  std::string out;
  for (const CLI::Option* option : options) {
    out += flagUsage(*option, wrapWidth);
  }
  return out;
}

bool visibleCommand(const CLI::App* app) {
  return !app->get_group().empty();
}

std::string commandsSection(const CLI::App& app) {
  const auto subs = app.get_subcommands([](const CLI::App*) { return true; });
  std::size_t padding = kMinNamePadding;
  for (const CLI::App* sub : subs)
    padding = std::max(padding, sub->get_name().size());
  auto row = [padding](const CLI::App* sub) {
    std::string name = sub->get_name();
    name.resize(padding, ' ');
    return "  " + name + "   " + sub->get_description() + "\n";
  };
  std::string out;
  if (app.get_parent() == nullptr) {
    // The root lists its commands in groups, in the order they were defined (kubectl's root).
    std::vector<std::string> groups;
    for (const CLI::App* sub : subs) {
      if (visibleCommand(sub) &&
          std::find(groups.begin(), groups.end(), sub->get_group()) == groups.end()) {
        groups.push_back(sub->get_group());
      }
    }
    for (const std::string& group : groups) {
      if (!out.empty()) out += "\n";
      out += group + ":\n";
      for (const CLI::App* sub : subs) {
        if (sub->get_group() == group) out += row(sub);
      }
    }
    return out;
  }
  std::vector<const CLI::App*> sorted;
  for (const CLI::App* sub : subs) {
    if (visibleCommand(sub)) sorted.push_back(sub);
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const CLI::App* a, const CLI::App* b) { return a->get_name() < b->get_name(); });
  out = "Available Commands:\n";
  for (const CLI::App* sub : sorted)
    out += row(sub);
  return out;
}

}  // namespace

bool isGlobalFlag(const CLI::Option& option) {
  if (option.get_lnames().empty()) return false;
  const std::string& name = option.get_lnames().front();
  return name != "help" && name != "version";
}

std::vector<const CLI::Option*> listedOptions(const CLI::App& app, const CommandTable& table) {
  std::vector<const CLI::Option*> out;
  const bool root = app.get_parent() == nullptr;
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_lnames().empty()) continue;  // positionals
    if (option->get_group().empty()) continue;   // hidden
    if (table.deprecation(option)) continue;
    if (option->get_lnames().front() == "help") continue;
    if (root && isGlobalFlag(*option)) continue;  // listed by `kubectl dsroll options`
    out.push_back(option);
  }
  std::sort(out.begin(), out.end(), [](const CLI::Option* a, const CLI::Option* b) {
    return a->get_lnames().front() < b->get_lnames().front();
  });
  return out;
}

std::string renderHelp(const std::vector<CLI::App*>& path,
                       const CommandTable& table,
                       std::size_t wrapWidth) {
  const CLI::App& app = *path.back();
  const CommandDoc* doc = table.doc(&app);
  const bool hasSubcommands =
      !app.get_subcommands([](const CLI::App* s) { return visibleCommand(s); }).empty();
  const std::string pathText = commandPath(path);

  std::string out =
      trim(doc != nullptr && !doc->longHelp.empty() ? doc->longHelp : app.get_description());
  out += "\n\n";
  if (doc != nullptr && !doc->examples.empty()) {
    out += "Examples:\n" + trimRight(indent(doc->examples)) + "\n\n";
  }
  if (hasSubcommands) {
    out += commandsSection(app) + "\n";
  }
  const auto options = listedOptions(app, table);
  if (!options.empty()) {
    out += "Options:\n" + trimRight(flagsSection(options, wrapWidth)) + "\n\n";
  }
  std::string usage =
      app.get_parent() == nullptr ? pathText : commandPath({path.begin(), path.end() - 1});
  if (doc != nullptr && !doc->use.empty()) {
    usage += " " + doc->use;
  }
  if ((!hasSubcommands || app.get_parent() == nullptr) &&
      usage.find("[flags]") == std::string::npos) {
    usage += " [flags]";
  }
  out += "Usage:\n  " + usage + " [options]\n\n";
  if (hasSubcommands) {
    out +=
        "Use \"" + pathText + " <command> --help\" for more information about a given command.\n";
  }
  out += "Use \"" + commandPath({path.front()}) +
         " options\" for a list of global command-line options (applies to all commands).\n";
  return out;
}

std::string renderGlobalOptions(const CLI::App& root, std::size_t wrapWidth) {
  std::vector<const CLI::Option*> options;
  for (const CLI::Option* option : root.get_options()) {
    if (isGlobalFlag(*option)) options.push_back(option);
  }
  std::sort(options.begin(), options.end(), [](const CLI::Option* a, const CLI::Option* b) {
    return a->get_lnames().front() < b->get_lnames().front();
  });
  return "The following options can be passed to any command:\n\n" +
         flagsSection(options, wrapWidth);
}

}  // namespace dsroll::plugin::cli
