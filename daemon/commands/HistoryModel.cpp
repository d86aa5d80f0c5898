#include "daemon/commands/HistoryModel.hpp"

#include <algorithm>
#include <map>

#include "daemon/model/Json.hpp"
#include "daemon/render/Age.hpp"
#include "daemon/render/HistoryTables.hpp"
#include "daemon/render/TabWriter.hpp"

namespace dsroll::commands {

namespace {

std::string outcomeText(const HistoryEntry& e) {
  if (!e.rollout) return "-";
  switch (e.rollout->outcome) {
    case cache::RolloutOutcome::InProgress: return "in progress";
    case cache::RolloutOutcome::Complete: return "complete";
    case cache::RolloutOutcome::Superseded: return "superseded";
    case cache::RolloutOutcome::Stuck: return "stuck";
  }
  return "-";
}

std::string durationText(const HistoryEntry& e, std::int64_t now) {
  if (!e.rollout) return "-";
  const auto& r = *e.rollout;
  std::int64_t end = 0;
  if (r.endedAt) {
    end = *r.endedAt;
  } else if (r.outcome == cache::RolloutOutcome::InProgress) {
    end = now;
  }
  if (end <= 0 || end < r.startedAt) return "-";
  return render::humanDuration(std::chrono::seconds(end - r.startedAt));
}

std::string joined(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += sep;
    out += item;
  }
  return out;
}

}  // namespace

nlohmann::json templateOf(const nlohmann::json& revisionData) {
  const auto* tmpl = model::at(revisionData, {"spec", "template"});
  if (tmpl == nullptr || !tmpl->is_object()) {
    return nlohmann::json::object();
  }
  nlohmann::json out = *tmpl;
  out.erase("$patch");
  return out;
}

std::vector<std::string> imagesOfTemplate(const nlohmann::json& podTemplate) {
  std::vector<std::string> images;
  for (const char* list : {"initContainers", "containers"}) {
    const auto* containers = model::at(podTemplate, {"spec", list});
    if (containers != nullptr && containers->is_array()) {
      for (const auto& c : *containers) {
        images.push_back(model::str(c, {"image"}));
      }
    }
  }
  return images;
}

std::vector<HistoryEntry> mergeHistory(const std::vector<state::RevisionRecord>& live,
                                       const std::vector<cache::RevisionRow>& cached,
                                       const std::vector<cache::RolloutRow>& rollouts,
                                       const std::optional<std::string>& lastKnownGood) {
  std::map<std::string, HistoryEntry> byUid;
  for (const auto& row : cached) {
    HistoryEntry e;
    e.uid = row.info.uid;
    e.name = row.info.name;
    e.revision = row.info.revision;
    e.changeCause = row.info.changeCause;
    e.created = row.info.createdAt;
    e.images = row.info.images;
    e.data = nlohmann::json::parse(row.info.data, nullptr, false);
    for (const auto& n : row.numbers) {
      e.formerNumbers.push_back(n.revision);  // every number; the current one is dropped below
    }
    byUid[e.uid] = std::move(e);
  }
  for (const auto& rev : live) {
    auto& e = byUid[rev.uid];
    e.uid = rev.uid;
    e.name = rev.name;
    e.revision = rev.revision;
    e.changeCause = rev.changeCause();
    e.live = true;
    e.created = model::parseTime(model::str(rev.object, {"metadata", "creationTimestamp"}));
    e.data = rev.object.contains("data") ? rev.object["data"] : nlohmann::json::object();
    e.images = imagesOfTemplate(templateOf(e.data));
  }
  std::vector<HistoryEntry> out;
  for (auto& [uid, e] : byUid) {
    std::erase(e.formerNumbers, e.revision);
    for (const auto& r : rollouts) {
      if (r.revisionUid == uid) e.rollout = r;  // rollouts come oldest first: keep the latest
    }
    e.lastKnownGood = lastKnownGood && *lastKnownGood == uid;
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(), [](const HistoryEntry& a, const HistoryEntry& b) {
    return a.revision != b.revision ? a.revision < b.revision : a.created < b.created;
  });
  return out;
}

std::string renderKubectlTable(const std::string& name, const std::vector<HistoryEntry>& entries) {
  std::map<std::int64_t, std::string> causes;
  for (const auto& e : entries) {
    if (e.live) causes[e.revision] = e.changeCause;
  }
  return render::rolloutHistoryOutput(name, 0, render::rolloutHistoryTable(causes));
}

std::string renderWideTable(const std::string& name, const std::vector<HistoryEntry>& entries,
                            std::int64_t now) {
  std::string table = "REVISION\tCREATED\tIMAGES\tROLLOUT\tDURATION\tNOTES\tCHANGE-CAUSE\n";
  for (const auto& e : entries) {
    std::vector<std::string> notes;
    if (!e.live) notes.emplace_back("cache only");
    if (e.lastKnownGood) notes.emplace_back("last known good");
    if (!e.formerNumbers.empty()) {
      std::vector<std::string> former;
      for (auto n : e.formerNumbers) former.push_back(std::to_string(n));
      notes.push_back("was " + joined(former, ","));
    }
    const std::string created =
        e.created > 0 ? model::formatTime(e.created) + " (" +
                            render::humanDuration(std::chrono::seconds(now - e.created)) + ")"
                      : "-";
    table += std::to_string(e.revision) + "\t" + created + "\t" + joined(e.images, ",") + "\t" +
             outcomeText(e) + "\t" + durationText(e, now) + "\t" +
             (notes.empty() ? "-" : joined(notes, "; ")) + "\t" +
             (e.changeCause.empty() ? "<none>" : e.changeCause) + "\n";
  }
  return "daemonset.apps/" + name + "\n" + render::tabwrite(table, render::kHistoryTableOptions);
}

}  // namespace dsroll::commands
