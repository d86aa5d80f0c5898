#pragma once
// What a partial `kubectl dsroll` command line asks to complete, read from its words the way the
// plugin's command line reads them (kubectl's flag syntax), for the `complete` command.

#include <string>
#include <vector>

namespace dsroll::commands {

enum class CompletionKind {
  None,
  DaemonSetName,  // the NAME argument
  Revision,       // --revision, --to-revision, diff's REV1 and REV2
  Container,      // set image NAME <container>=
  Image,          // set image NAME container=<image>
  Namespace,      // -n
  Context,        // --context
  Cluster,        // --cluster
  User,           // --user
};

struct CompletionQuery {
  CompletionKind kind = CompletionKind::None;
  std::string command;      // "history", "set image", "cache export", ...
  std::string name;         // the DaemonSet, for Revision, Container and Image
  std::string partial;      // candidates start with this (the word, minus any "--flag=")
  std::string valuePrefix;  // DaemonSetName: the "ds/" typed before the name, part of the value
  std::string container;    // Image: the container named before '='
  /** Whether a DaemonSet known only to the cache (deleted) makes sense here. */
  bool cachedNamesToo = false;
};

/** words: the words after the plugin name, the last one being completed. */
CompletionQuery parseCompletion(const std::vector<std::string>& words);

/** Whether a word names the DaemonSet resource type (ds, daemonset, daemonsets.apps, ...). */
bool isDaemonSetType(const std::string& word);

}  // namespace dsroll::commands
