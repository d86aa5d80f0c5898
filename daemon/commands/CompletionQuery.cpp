#include "daemon/commands/CompletionQuery.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace dsroll::commands {

namespace {

// Flags that take a value in the next word when not given as --flag=value (the plugin's
// definitions; -f is --filename under apply, a bool elsewhere, which never matters here).
constexpr std::array<std::string_view, 31> kValueFlags = {"namespace",
                                                          "context",
                                                          "cluster",
                                                          "user",
                                                          "kubeconfig",
                                                          "server",
                                                          "token",
                                                          "tls-server-name",
                                                          "request-timeout",
                                                          "certificate-authority",
                                                          "client-certificate",
                                                          "client-key",
                                                          "cache-dir",
                                                          "as",
                                                          "as-uid",
                                                          "as-group",
                                                          "v",
                                                          "output",
                                                          "cause",
                                                          "dir",
                                                          "type",
                                                          "max-unavailable",
                                                          "max-surge",
                                                          "max-bytes",
                                                          "revision-history-limit",
                                                          "min-ready-seconds",
                                                          "to-revision",
                                                          "revision",
                                                          "tail",
                                                          "batch",
                                                          "older-than"};

std::string longNameOf(char shorthand) {
  switch (shorthand) {
    case 'n':
      return "namespace";
    case 's':
      return "server";
    case 'v':
      return "v";
    case 'o':
      return "output";
    case 'f':
      return "filename";
    default:
      return "";
  }
}

bool takesValue(std::string_view name) {
  return name == "filename" || name == "timeout" ||
         std::find(kValueFlags.begin(), kValueFlags.end(), name) != kValueFlags.end();
}

bool hasSubcommands(const std::string& command) {
  return command == "set" || command == "cache" || command == "daemon" || command == "completion";
}

bool takesName(const std::string& command) {
  static constexpr std::array<std::string_view, 13> kCommands = {
      "set image", "restart",  "strategy",      "status", "history",     "diff",        "undo",
      "revisions", "diagnose", "ondelete-roll", "delete", "cache prune", "cache export"};
  return std::find(kCommands.begin(), kCommands.end(), command) != kCommands.end();
}

/** Commands that read history, which outlives a deleted DaemonSet in the cache. */
bool readsHistory(const std::string& command) {
  return command == "history" || command == "diff" || command == "revisions" ||
         command == "cache prune" || command == "cache export";
}

CompletionKind flagValueKind(const std::string& flag) {
  if (flag == "revision" || flag == "to-revision") return CompletionKind::Revision;
  if (flag == "namespace") return CompletionKind::Namespace;
  if (flag == "context") return CompletionKind::Context;
  if (flag == "cluster") return CompletionKind::Cluster;
  if (flag == "user") return CompletionKind::User;
  return CompletionKind::None;
}

struct Scan {
  std::vector<std::string> path;  // command words
  std::vector<std::string> positionals;
  std::string pendingFlag;  // the last word is this flag's value
};

Scan scan(const std::vector<std::string>& done) {
  Scan s;
  bool pathDone = false;
  bool flagsEnded = false;
  for (const auto& w : done) {
    if (!s.pendingFlag.empty()) {
      s.pendingFlag.clear();
      continue;
    }
    if (!flagsEnded && w == "--") {
      flagsEnded = true;
      continue;
    }
    if (!flagsEnded && w.rfind("--", 0) == 0) {
      if (w.find('=') == std::string::npos && takesValue(w.substr(2))) s.pendingFlag = w.substr(2);
      continue;
    }
    if (!flagsEnded && w.size() > 1 && w[0] == '-') {
      // Clustered shorthands: the first that takes a value takes the rest of the word, or the
      // next word when it is last.
      for (std::size_t i = 1; i < w.size(); ++i) {
        const std::string flag = longNameOf(w[i]);
        if (!flag.empty() && takesValue(flag)) {
          if (i + 1 == w.size()) s.pendingFlag = flag;
          break;
        }
      }
      continue;
    }
    if (!pathDone) {
      s.path.push_back(w);
      pathDone = s.path.size() == 2 || !hasSubcommands(s.path.front());
      continue;
    }
    s.positionals.push_back(w);
  }
  return s;
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words)
    out += (out.empty() ? "" : " ") + w;
  return out;
}

}  // namespace

bool isDaemonSetType(const std::string& word) {
  return word == "ds" || word == "daemonset" || word == "daemonsets" || word == "daemonset.apps" ||
         word == "daemonsets.apps";
}

CompletionQuery parseCompletion(const std::vector<std::string>& words) {
  CompletionQuery q;
  if (words.empty()) return q;
  const std::string& word = words.back();
  const Scan s = scan(std::vector<std::string>(words.begin(), words.end() - 1));
  q.command = joined(s.path);
  q.partial = word;
  q.cachedNamesToo = readsHistory(q.command);

  // The DaemonSet named so far: NAME, TYPE/NAME, or TYPE NAME.
  std::size_t extra = s.positionals.size();
  if (!s.positionals.empty()) {
    const auto& first = s.positionals.front();
    const auto slash = first.find('/');
    if (slash != std::string::npos) {
      q.name = first.substr(slash + 1);
      extra -= 1;
    } else if (isDaemonSetType(first)) {
      if (s.positionals.size() >= 2) q.name = s.positionals[1];
      extra = s.positionals.size() >= 2 ? s.positionals.size() - 2 : 0;
    } else {
      q.name = first;
      extra -= 1;
    }
  }

  std::string flag = s.pendingFlag;
  if (flag.empty() && word.rfind("--", 0) == 0 && word.find('=') != std::string::npos) {
    flag = word.substr(2, word.find('=') - 2);
    q.partial = word.substr(word.find('=') + 1);
  } else if (flag.empty() && word.rfind("-", 0) == 0) {
    return q;  // a flag name: the plugin knows those
  }
  if (!flag.empty()) {
    q.kind = flagValueKind(flag);
    if (q.kind == CompletionKind::Revision && q.name.empty()) q.kind = CompletionKind::None;
    return q;
  }

  if (!takesName(q.command)) return q;
  const bool typeOnly = s.positionals.size() == 1 && isDaemonSetType(s.positionals.front());
  if (s.positionals.empty() || typeOnly) {
    q.kind = CompletionKind::DaemonSetName;
    q.name.clear();
    if (const auto slash = word.find('/'); slash != std::string::npos && s.positionals.empty()) {
      if (!isDaemonSetType(word.substr(0, slash))) return CompletionQuery{};
      q.valuePrefix = word.substr(0, slash + 1);
    }
    return q;
  }
  if (q.command == "diff" && extra < 2) {
    q.kind = CompletionKind::Revision;
  } else if (q.command == "set image") {
    const auto eq = word.find('=');
    q.kind = eq == std::string::npos ? CompletionKind::Container : CompletionKind::Image;
    if (eq != std::string::npos) q.container = word.substr(0, eq);
  }
  return q;
}

}  // namespace dsroll::commands
