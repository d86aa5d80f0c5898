#include "plugin/completion/Completer.hpp"

#include <algorithm>

#include "plugin/cli/ArgScanner.hpp"
#include "plugin/cli/Flags.hpp"

namespace dsroll::plugin::completion {

namespace {

bool startsWith(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

std::string firstLine(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  std::replace(line.begin(), line.end(), '\t', ' ');
  return line;
}

bool listedFlag(const CLI::Option* option, const cli::CommandTable& table) {
  return !option->get_lnames().empty() && !option->get_group().empty() &&
         !table.deprecation(option);
}

LocalCompletion valueCandidates(const cli::CommandTable& table,
                                const CLI::Option* option,
                                const std::string& partial,
                                const std::string& prefix) {
  LocalCompletion out;
  out.prefix = prefix;
  out.partial = partial;
  out.completion.directive = directive::kNoFileComp;
  const cli::ValueCompletion* how = table.valueCompletion(option);
  if (how == nullptr) return out;
  using Source = cli::ValueCompletion::Source;
  switch (how->source) {
    case Source::None:
      break;
    case Source::Values:
      for (const std::string& value : how->values) {
        if (startsWith(value, partial)) out.completion.candidates.push_back({prefix + value, ""});
      }
      break;
    case Source::Files:
      if (how->values.empty()) {
        out.completion.directive = directive::kDefault;
      } else {
        // With FilterFileExt the candidates are the extensions the shell should offer.
        for (const std::string& ext : how->values)
          out.completion.candidates.push_back({ext, ""});
        out.completion.directive = directive::kFilterFileExt;
      }
      break;
    case Source::Directories:
      out.completion.directive = directive::kFilterDirs;
      break;
    case Source::Daemon:
      out.askDaemon = true;
      break;
  }
  return out;
}

LocalCompletion flagCandidates(const std::vector<CLI::App*>& path,
                               const cli::CommandTable& table,
                               const std::string& partial) {
  LocalCompletion out;
  out.partial = partial;
  out.completion.directive = directive::kNoFileComp;
  // The command's own flags first, then those it inherits (cobra's order), each sorted.
  for (auto app = path.rbegin(); app != path.rend(); ++app) {
    std::vector<const CLI::Option*> options;
    for (const CLI::Option* option : (*app)->get_options()) {
      if (listedFlag(option, table)) options.push_back(option);
    }
    std::sort(options.begin(), options.end(), [](const CLI::Option* a, const CLI::Option* b) {
      return a->get_lnames().front() < b->get_lnames().front();
    });
    for (const CLI::Option* option : options) {
      const std::string description = firstLine(option->get_description());
      const std::string longName = "--" + option->get_lnames().front();
      if (startsWith(longName, partial))
        out.completion.candidates.push_back({longName, description});
      if (!option->get_snames().empty()) {
        const std::string shortName = "-" + option->get_snames().front();
        if (startsWith(shortName, partial)) {
          out.completion.candidates.push_back({shortName, description});
        }
      }
    }
  }
  return out;
}

}  // namespace

LocalCompletion completeLocally(cli::CommandLine& line, const std::vector<std::string>& words) {
  line.defineAll();
  const std::string partial = words.empty() ? "" : words.back();
  const std::vector<std::string> done =
      words.empty() ? std::vector<std::string>{}
                    : std::vector<std::string>(words.begin(), words.end() - 1);
  const cli::ArgScan scan = cli::scanForCompletion(line.root(), done);
  const cli::CommandTable& table = line.table();
  std::vector<CLI::App*> path =
      scan.path.empty() ? std::vector<CLI::App*>{&line.root()} : scan.path;

  if (scan.pendingValue != nullptr) {
    return valueCandidates(table, scan.pendingValue, partial, "");
  }
  if (startsWith(partial, "--") && partial.find('=') != std::string::npos) {
    const auto eq = partial.find('=');
    if (const CLI::Option* option = cli::findLongFlag(path, partial.substr(2, eq - 2))) {
      return valueCandidates(table, option, partial.substr(eq + 1), partial.substr(0, eq + 1));
    }
    return {{{}, directive::kNoFileComp}, false, "", partial};
  }
  if (startsWith(partial, "-")) {
    return flagCandidates(path, table, partial);
  }
  LocalCompletion out;
  out.partial = partial;
  out.completion.directive = directive::kNoFileComp;
  const CLI::App* app = path.back();
  const auto subcommands =
      app->get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); });
  if (!subcommands.empty()) {
    if (scan.positionals.empty()) {
      for (const CLI::App* sub : subcommands) {
        if (startsWith(sub->get_name(), partial)) {
          out.completion.candidates.push_back({sub->get_name(), sub->get_description()});
        }
      }
    }
    return out;
  }
  const cli::CommandDoc* doc = table.doc(app);
  out.askDaemon = doc != nullptr && doc->use.find("NAME") != std::string::npos;
  return out;
}

Completion mergeDaemonAnswer(const LocalCompletion& local,
                             const std::vector<nlohmann::json>& rows,
                             const nlohmann::json& resultData) {
  Completion out = local.completion;
  for (const nlohmann::json& row : rows) {
    if (!row.is_object()) continue;
    auto value = row.find("value");
    if (value == row.end() || !value->is_string()) continue;
    const std::string text = value->get<std::string>();
    if (!startsWith(text, local.partial)) continue;
    std::string description;
    if (auto d = row.find("description"); d != row.end() && d->is_string()) {
      description = firstLine(d->get<std::string>());
    }
    out.candidates.push_back({local.prefix + text, description});
  }
  if (resultData.is_object()) {
    if (auto d = resultData.find("directive"); d != resultData.end() && d->is_number_integer()) {
      out.directive = d->get<int>();
    }
  }
  return out;
}

std::string formatCompletion(const Completion& completion) {
  std::string out;
  for (const Candidate& candidate : completion.candidates) {
    out += candidate.value;
    if (!candidate.description.empty()) out += "\t" + candidate.description;
    out += "\n";
  }
  out += ":" + std::to_string(completion.directive) + "\n";
  return out;
}

}  // namespace dsroll::plugin::completion
