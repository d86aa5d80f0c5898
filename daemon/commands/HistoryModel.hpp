#pragma once
// A DaemonSet's revisions merged from the cluster (what kubectl sees) and the cache (what the
// daemon remembers), and the ways `history` prints them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cache/RevisionCache.hpp"
#include "daemon/state/Records.hpp"

namespace dsroll::commands {

struct HistoryEntry {
  std::string uid;
  std::string name;
  std::int64_t revision = 0;
  std::string changeCause;
  bool live = false;  // the cluster still has it (kubectl would list it)
  std::int64_t created = 0;
  std::vector<std::string> images;
  std::vector<std::int64_t> formerNumbers;  // earlier .revision values (renumbered by undo)
  std::optional<cache::RolloutRow> rollout;  // the latest rollout of this revision
  bool lastKnownGood = false;
  nlohmann::json data;  // ControllerRevision data ({"spec":{"template":...}})
};

/** Live revisions first-hand, plus cache-only ones; sorted by revision number. */
std::vector<HistoryEntry> mergeHistory(const std::vector<state::RevisionRecord>& live,
                                       const std::vector<cache::RevisionRow>& cached,
                                       const std::vector<cache::RolloutRow>& rollouts,
                                       const std::optional<std::string>& lastKnownGood);

/** kubectl's `rollout history` output for the live entries, byte for byte. */
std::string renderKubectlTable(const std::string& name, const std::vector<HistoryEntry>& entries);

/** The -o wide table: created time, images, rollout outcome and duration, notes. */
std::string renderWideTable(const std::string& name, const std::vector<HistoryEntry>& entries,
                            std::int64_t now);

/** The pod template a revision stores (its data without the "$patch" directive). */
nlohmann::json templateOf(const nlohmann::json& revisionData);

/** Images of a template, init containers first. */
std::vector<std::string> imagesOfTemplate(const nlohmann::json& podTemplate);

}  // namespace dsroll::commands
