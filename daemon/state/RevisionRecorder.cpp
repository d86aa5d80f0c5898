#include "daemon/state/RevisionRecorder.hpp"

#include <chrono>
#include <cstdlib>

#include "cache/RevisionCache.hpp"
#include "daemon/lifecycle/Logger.hpp"
#include "daemon/model/Json.hpp"
#include "daemon/model/LabelSelector.hpp"

namespace dsroll::state {

namespace {

cache::Timestamp now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::vector<std::string> imagesOf(const nlohmann::json& data) {
  std::vector<std::string> images;
  const auto* spec = model::at(data, {"spec", "template", "spec"});
  if (spec == nullptr) {
    return images;
  }
  for (const char* list : {"initContainers", "containers"}) {
    if (const auto* containers = model::at(*spec, {list}); containers && containers->is_array()) {
      for (const auto& c : *containers) {
        images.push_back(model::str(c, {"image"}));
      }
    }
  }
  return images;
}

/** deprecated.daemonset.template.generation: on a DaemonSet, and copied to each revision. */
std::int64_t templateGenerationOf(const nlohmann::json& object) {
  const auto text =
      model::str(object, {"metadata", "annotations", "deprecated.daemonset.template.generation"});
  return std::strtoll(text.c_str(), nullptr, 10);
}

}  // namespace

RevisionRecorder::RevisionRecorder(cache::RevisionCache& cache, std::int64_t clusterId,
                                   lifecycle::Logger& log)
    : cache_(cache), clusterId_(clusterId), log_(log) {}

void RevisionRecorder::attach(Informer<DaemonSetRecord>& informer) {
  std::weak_ptr<RevisionRecorder> weak = weak_from_this();
  informer.observe([weak](const DaemonSetRecord* before, const DaemonSetRecord* after) {
    if (auto self = weak.lock()) self->daemonSetChanged(before, after);
  });
}

void RevisionRecorder::attach(Informer<RevisionRecord>& informer) {
  std::weak_ptr<RevisionRecorder> weak = weak_from_this();
  informer.observe([weak](const RevisionRecord* before, const RevisionRecord* after) {
    if (auto self = weak.lock()) self->revisionChanged(before, after);
  });
}

void RevisionRecorder::synced(const std::string& namespace_) {
  const auto at = now();
  auto& last = lastSynced_[namespace_];
  if (at - last < 5) {
    return;  // a busy namespace would otherwise write on every event
  }
  last = at;
  if (auto done = cache_.markSynced(clusterId_, namespace_, at); !done) {
    report("mark synced", done.error().message);
  }
}

void RevisionRecorder::report(const std::string& what, const std::string& error) {
  log_.error("cache: " + what + ": " + error);
}

void RevisionRecorder::daemonSetChanged(const DaemonSetRecord* before,
                                        const DaemonSetRecord* after) {
  if (after == nullptr) {
    if (auto done = cache_.markDaemonSetDeleted(before->uid, now()); !done) {
      report("mark DaemonSet " + before->key() + " deleted", done.error().message);
    }
    // Kept (seen) so the garbage collector's deletion of its revisions is recorded as pruning.
    auto& gone = tracked_[before->uid];
    gone.rolloutOpen = false;
    return;
  }
  const auto& o = after->object;
  cache::DaemonSetInfo info{after->uid, after->namespace_, after->name,
                            model::parseTime(model::str(o, {"metadata", "creationTimestamp"})),
                            model::selectorString(o["spec"]["selector"])};
  if (auto done = cache_.recordDaemonSet(clusterId_, info, now()); !done) {
    report("record DaemonSet " + after->key(), done.error().message);
  }
  auto& t = tracked_[after->uid];
  if (!t.seen) {
    if (auto it = waiting_.find(after->uid); it != waiting_.end()) {
      for (const auto& [uid, revision] : it->second) record(revision);
      waiting_.erase(it);
    }
  }
  t.seen = true;
  t.generation = after->generation;
  t.observedGeneration = after->observedGeneration;
  t.desired = model::integer(o, {"status", "desiredNumberScheduled"});
  t.updated = model::integer(o, {"status", "updatedNumberScheduled"});
  t.available = model::integer(o, {"status", "numberAvailable"});
  t.templateGeneration = templateGenerationOf(o);
  evaluate(after->uid, t);
}

void RevisionRecorder::revisionChanged(const RevisionRecord* before, const RevisionRecord* after) {
  const RevisionRecord& r = after != nullptr ? *after : *before;
  if (r.ownerKind != "DaemonSet" || r.ownerUid.empty()) {
    return;  // StatefulSets keep ControllerRevisions too
  }
  auto& t = tracked_[r.ownerUid];
  if (after == nullptr) {
    if (t.seen) {
      if (auto done = cache_.markRevisionPruned(r.uid, now()); !done) {
        report("mark revision " + r.key() + " pruned", done.error().message);
      }
    }
    waiting_[r.ownerUid].erase(r.uid);
    t.revisions.erase(r.uid);
    t.revisionTemplateGeneration.erase(r.uid);
    return;
  }
  const auto created = model::parseTime(model::str(r.object, {"metadata", "creationTimestamp"}));
  t.revisions[r.uid] = {r.revision, created};
  t.revisionTemplateGeneration[r.uid] = templateGenerationOf(r.object);
  if (!t.seen) {
    waiting_[r.ownerUid][r.uid] = r;
    return;
  }
  record(r);
  evaluate(r.ownerUid, t);
}

void RevisionRecorder::record(const RevisionRecord& r) {
  const auto created = model::parseTime(model::str(r.object, {"metadata", "creationTimestamp"}));
  const auto& data = r.object.contains("data") ? r.object["data"] : nlohmann::json::object();
  cache::RevisionInfo info{r.uid,         r.name,         r.ownerUid,  r.revision, r.hash,
                           r.changeCause(), imagesOf(data), data.dump(), created};
  if (auto done = cache_.recordRevision(info, now()); !done) {
    report("record revision " + r.key(), done.error().message);
  }
}

void RevisionRecorder::evaluate(const std::string& daemonSetUid, Tracked& t) {
  if (!t.seen || t.revisions.empty()) {
    return;
  }
  std::string current;
  std::int64_t best = -1;
  std::int64_t createdAt = 0;
  for (const auto& [uid, rev] : t.revisions) {
    if (rev.first > best) {
      best = rev.first;
      current = uid;
      createdAt = rev.second;
    }
  }
  // The revision and DaemonSet watches race: a new revision can arrive while the DaemonSet
  // still shows the previous template's (complete) status. A revision records the template
  // generation it was created for; status from before that generation says nothing about it.
  const bool statusOfThisTemplate = t.templateGeneration >= t.revisionTemplateGeneration[current];
  const bool observed = t.observedGeneration >= t.generation;
  const bool complete =
      statusOfThisTemplate && observed && t.updated >= t.desired && t.available >= t.desired;
  const auto at = now();
  if (current != t.rolloutRevisionUid) {
    if (t.rolloutOpen) {
      (void)cache_.finishRollout(t.rolloutId, cache::RolloutOutcome::Superseded, at, t.updated);
      t.rolloutOpen = false;
    }
    const bool firstSight = t.rolloutRevisionUid.empty();
    t.rolloutRevisionUid = current;
    // Resume a rollout this daemon logged before it restarted, rather than log it twice.
    auto logged = cache_.rollouts(daemonSetUid);
    if (logged && !logged->empty() && logged->back().revisionUid == current) {
      t.rolloutId = logged->back().id;
      t.rolloutOpen = logged->back().outcome == cache::RolloutOutcome::InProgress;
    } else {
      // Seen for the first time already complete: it started when its revision was created,
      // and when it ended is unknown (0).
      const auto started = firstSight && complete ? createdAt : at;
      auto id = cache_.startRollout(daemonSetUid, current, started, t.desired);
      if (!id) {
        report("start rollout", id.error().message);
        return;
      }
      t.rolloutId = *id;
      t.rolloutOpen = true;
      if (firstSight && complete) {
        (void)cache_.finishRollout(t.rolloutId, cache::RolloutOutcome::Complete, 0, t.updated);
        t.rolloutOpen = false;
      }
    }
  }
  if (t.rolloutOpen && complete) {
    if (auto done = cache_.finishRollout(t.rolloutId, cache::RolloutOutcome::Complete, at, t.updated);
        !done) {
      report("finish rollout", done.error().message);
    }
    t.rolloutOpen = false;
  }
}

}  // namespace dsroll::state
