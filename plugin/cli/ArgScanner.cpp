#include "plugin/cli/ArgScanner.hpp"

#include <algorithm>
#include <optional>

#include "plugin/cli/CommandTable.hpp"
#include "plugin/cli/Flags.hpp"

namespace dsroll::plugin::cli {

namespace {

struct Found {
  const CLI::Option* option = nullptr;
  const CLI::App* owner = nullptr;
};

Found findLong(const std::vector<CLI::App*>& path, const std::string& name) {
  for (auto it = path.rbegin(); it != path.rend(); ++it) {
    for (const CLI::Option* option : (*it)->get_options()) {
      const auto& names = option->get_lnames();
      if (std::find(names.begin(), names.end(), name) != names.end()) {
        return {option, *it};
      }
    }
  }
  return {};
}

Found findShort(const std::vector<CLI::App*>& path, char shorthand) {
  const std::string name(1, shorthand);
  for (auto it = path.rbegin(); it != path.rend(); ++it) {
    for (const CLI::Option* option : (*it)->get_options()) {
      const auto& names = option->get_snames();
      if (std::find(names.begin(), names.end(), name) != names.end()) {
        return {option, *it};
      }
    }
  }
  return {};
}

CLI::App* findSubcommand(CLI::App* app, const std::string& name) {
  for (CLI::App* sub : app->get_subcommands([](CLI::App*) { return true; })) {
    if (sub->get_name() == name) {
      return sub;
    }
  }
  return nullptr;
}

bool hasSubcommands(CLI::App* app) {
  return !app->get_subcommands([](CLI::App*) { return true; }).empty();
}

// pflag's flag name normalization in kubectl: `--dry_run` is `--dry-run`.
std::string normalizeName(std::string name) {
  std::replace(name.begin(), name.end(), '_', '-');
  return name;
}

std::size_t editDistance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// cobra's "unknown command" error, with its "Did you mean this?" suggestions.
std::string unknownCommand(CLI::App* app,
                           const std::vector<CLI::App*>& path,
                           const std::string& word) {
  std::string message = "unknown command \"" + word + "\" for \"" + commandPath(path) + "\"";
  std::string suggestions;
  for (CLI::App* sub : app->get_subcommands([](CLI::App* s) { return !s->get_group().empty(); })) {
    const std::string& name = sub->get_name();
    if (editDistance(word, name) <= 2 || name.rfind(word, 0) == 0) {
      suggestions += "\t" + name + "\n";
    }
  }
  if (!suggestions.empty()) {
    message += "\n\nDid you mean this?\n" + suggestions;
    message.pop_back();
  }
  return message;
}

struct Token {
  std::size_t index;
  std::string text;
};

// The index of the first word that is not a flag or what looks like a flag's value (cobra's
// stripFlags: an unknown flag is taken to have a value).
std::optional<std::size_t> nextWord(const std::vector<CLI::App*>& path,
                                    const std::vector<Token>& tokens) {
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& s = tokens[i].text;
    // std::find rather than string::find: g++ 12 -O3 warns falsely on the latter here.
    const bool hasValue = std::find(s.begin(), s.end(), '=') != s.end();
    if (s.size() == 2 && s[0] == '-' && s[1] == '-') return std::nullopt;
    if (s.size() > 2 && s[0] == '-' && s[1] == '-' && !hasValue) {
      const Found f = findLong(path, normalizeName(s.substr(2)));
      if (f.option == nullptr || !isFlagLike(*f.option)) ++i;
      continue;
    }
    if (s.size() == 2 && s[0] == '-') {
      const Found f = findShort(path, s[1]);
      if (f.option == nullptr || !isFlagLike(*f.option)) ++i;
      continue;
    }
    if (!s.empty() && s[0] != '-') return i;
  }
  return std::nullopt;
}

std::vector<Token> tokenize(const std::vector<std::string>& args) {
  std::vector<Token> tokens;
  for (std::size_t i = 0; i < args.size(); ++i)
    tokens.push_back({i, args[i]});
  return tokens;
}

// Finds the command path as cobra's Find does: the first non-flag word names a subcommand,
// then the same from there.
std::vector<CLI::App*> findPath(CLI::App& root,
                                std::vector<Token>& tokens,
                                std::vector<Token>& words) {
  std::vector<CLI::App*> path{&root};
  while (hasSubcommands(path.back())) {
    const std::optional<std::size_t> wordAt = nextWord(path, tokens);
    if (!wordAt) break;
    CLI::App* sub = findSubcommand(path.back(), tokens[*wordAt].text);
    if (sub == nullptr) break;
    words.push_back(tokens[*wordAt]);
    tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(*wordAt));
    path.push_back(sub);
    if (sub->get_prefix_command()) break;  // everything after it is its own words
  }
  return path;
}

class Scanner {
 public:
  Scanner(const CommandTable* table, bool lenient) : table_(table), lenient_(lenient) {}

  tl::expected<ArgScan, ScanFailure> run(CLI::App& root, const std::vector<std::string>& args) {
    std::vector<Token> tokens;
    for (std::size_t i = 0; i < args.size(); ++i)
      tokens.push_back({i, args[i]});
    std::vector<Token> words;
    scan_.path = findPath(root, tokens, words);
    const bool rawWords = scan_.path.back()->get_prefix_command();
    std::vector<Token> positionals;
    bool flagsEnded = rawWords;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const std::string& s = tokens[i].text;
      if (flagsEnded || s.size() < 2 || s[0] != '-') {
        positionals.push_back(tokens[i]);
        continue;
      }
      if (s == "--") {
        flagsEnded = true;
        continue;
      }
      auto ok = s[1] == '-' ? longFlag(tokens, i) : shortFlags(tokens, i);
      if (!ok) {
        if (!lenient_) return tl::unexpected(ScanFailure{usageError(ok.error()), scan_.path});
      }
    }
    for (const Token& p : positionals)
      scan_.positionals.push_back(p.text);
    std::vector<Token> ordered = words;
    ordered.insert(ordered.end(), positionals.begin(), positionals.end());
    std::sort(ordered.begin(), ordered.end(),
              [](const Token& a, const Token& b) { return a.index < b.index; });
    for (const Token& t : ordered)
      scan_.nonFlagWords.push_back(t.text);
    CLI::App* leaf = scan_.path.back();
    if (!lenient_ && !scan_.help && hasSubcommands(leaf) && !scan_.positionals.empty()) {
      return tl::unexpected(ScanFailure{
          usageError(unknownCommand(leaf, scan_.path, scan_.positionals.front())), scan_.path});
    }
    return std::move(scan_);
  }

 private:
  tl::expected<void, std::string> longFlag(const std::vector<Token>& tokens, std::size_t& i) {
    const std::string& s = tokens[i].text;
    std::string name = s.substr(2);
    if (name.empty() || name[0] == '-' || name[0] == '=') {
      return tl::unexpected("bad flag syntax: " + s);
    }
    std::optional<std::string> inlineValue;
    if (auto eq = name.find('='); eq != std::string::npos) {
      inlineValue = name.substr(eq + 1);
      name.resize(eq);
    }
    const Found f = findLong(scan_.path, normalizeName(name));
    if (f.option == nullptr) {
      return tl::unexpected("unknown flag: --" + name);
    }
    std::string value;
    if (inlineValue) {
      value = *inlineValue;
    } else if (isFlagLike(*f.option)) {
      value = bareFlagValue(*f.option);
    } else if (i + 1 < tokens.size()) {
      value = tokens[++i].text;
    } else {
      scan_.pendingValue = f.option;
      return tl::unexpected("flag needs an argument: " + s);
    }
    return record(f, value);
  }

  tl::expected<void, std::string> shortFlags(const std::vector<Token>& tokens, std::size_t& i) {
    std::string shorthands = tokens[i].text.substr(1);
    while (!shorthands.empty()) {
      const char c = shorthands[0];
      const Found f = findShort(scan_.path, c);
      if (f.option == nullptr) {
        return tl::unexpected(std::string("unknown shorthand flag: '") + c + "' in -" + shorthands);
      }
      std::string value;
      if (shorthands.size() > 2 && shorthands[1] == '=') {
        value = shorthands.substr(2);
        shorthands.clear();
      } else if (isFlagLike(*f.option)) {
        value = bareFlagValue(*f.option);
        shorthands.erase(0, 1);
      } else if (shorthands.size() > 1) {
        value = shorthands.substr(1);
        shorthands.clear();
      } else if (i + 1 < tokens.size()) {
        value = tokens[++i].text;
        shorthands.clear();
      } else {
        scan_.pendingValue = f.option;
        return tl::unexpected(std::string("flag needs an argument: '") + c + "' in -" + shorthands);
      }
      if (auto ok = record(f, value); !ok) {
        return ok;
      }
    }
    return {};
  }

  tl::expected<void, std::string> record(const Found& f, const std::string& typed) {
    const std::string& name = f.option->get_lnames().empty() ? f.option->get_snames().front()
                                                             : f.option->get_lnames().front();
    if (name == "help") {
      scan_.help = true;
      return {};
    }
    if (name == "version" && f.owner->get_parent() == nullptr) {
      scan_.version = true;
      return {};
    }
    auto value = normalizeFlagValue(*f.option, typed);
    if (!value) {
      return tl::unexpected(value.error());
    }
    if (table_ != nullptr) {
      if (auto message = table_->deprecation(f.option)) {
        scan_.warnings.push_back("Flag --" + name + " has been deprecated, " + *message);
      }
    }
    if (f.option->get_type_name() == flagtype::kStringSlice) {
      // pflag splits each value of a string slice at commas; --record shows the typed value once.
      std::size_t start = 0;
      bool first = true;
      while (true) {
        const std::size_t comma = value->find(',', start);
        FlagUse use{f.option, f.owner, value->substr(start, comma - start), typed};
        use.continuation = !first;
        scan_.flags.push_back(std::move(use));
        first = false;
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
      return {};
    }
    scan_.flags.push_back({f.option, f.owner, *value, typed});
    return {};
  }

  const CommandTable* table_;
  bool lenient_;
  ArgScan scan_;
};

}  // namespace

tl::expected<ArgScan, ScanFailure> scanArgs(CLI::App& root,
                                            const CommandTable& table,
                                            const std::vector<std::string>& args) {
  return Scanner(&table, false).run(root, args);
}

ArgScan scanForCompletion(CLI::App& root, const std::vector<std::string>& words) {
  auto scan = Scanner(nullptr, true).run(root, words);
  return scan ? std::move(*scan) : ArgScan{};
}

std::optional<std::string> firstCommandWord(CLI::App& root, const std::vector<std::string>& args) {
  const std::vector<Token> tokens = tokenize(args);
  const auto at = nextWord({&root}, tokens);
  if (!at) return std::nullopt;
  return tokens[*at].text;
}

std::vector<std::string> canonicalArgs(const ArgScan& scan) {
  std::vector<std::string> out;
  for (std::size_t level = 0; level < scan.path.size(); ++level) {
    const CLI::App* app = scan.path[level];
    if (level > 0) out.push_back(app->get_name());
    for (std::size_t k = 0; k < scan.flags.size(); ++k) {
      const FlagUse& use = scan.flags[k];
      if (use.owner != app) continue;
      const std::string type = use.option->get_type_name();
      const bool repeatable = type == flagtype::kStringArray || type == flagtype::kStringSlice;
      if (!repeatable) {
        // pflag keeps the last value of a flag given twice.
        const bool later =
            std::any_of(scan.flags.begin() + static_cast<std::ptrdiff_t>(k) + 1, scan.flags.end(),
                        [&](const FlagUse& u) { return u.option == use.option; });
        if (later) continue;
      }
      const std::string name = "--" + use.option->get_lnames().front();
      if (isFlagLike(*use.option)) {
        out.push_back(name + "=" + use.value);
      } else {
        out.push_back(name);
        out.push_back(use.value);
      }
    }
  }
  if (!scan.positionals.empty()) {
    out.push_back("--");
    out.insert(out.end(), scan.positionals.begin(), scan.positionals.end());
  }
  return out;
}

std::string commandPath(const std::vector<CLI::App*>& path) {
  std::string out;
  for (const CLI::App* app : path) {
    if (!out.empty()) out += " ";
    out += app->get_name();
  }
  return out;
}

const CLI::Option* findLongFlag(const std::vector<CLI::App*>& path, const std::string& name) {
  return findLong(path, name).option;
}

const CLI::Option* findShortFlag(const std::vector<CLI::App*>& path, char shorthand) {
  return findShort(path, shorthand).option;
}

}  // namespace dsroll::plugin::cli
