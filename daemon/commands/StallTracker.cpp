#include "daemon/commands/StallTracker.hpp"

#include <algorithm>

#include "daemon/commands/CommandSupport.hpp"
#include "daemon/model/Json.hpp"

namespace dsroll::commands {

namespace {

/** What moves while a rollout progresses. */
std::string countsOf(const state::DaemonSetRecord& ds) {
  std::string out = std::to_string(ds.generation) + "/" + std::to_string(ds.observedGeneration);
  for (const char* field : {"desiredNumberScheduled", "updatedNumberScheduled", "numberAvailable",
                            "numberReady", "currentNumberScheduled"}) {
    out += "/" + std::to_string(model::integer(ds.object, {"status", field}));
  }
  return out;
}

}  // namespace

void StallTracker::follow(const std::shared_ptr<state::DaemonSetInformer>& informer,
                          std::int64_t now) {
  std::erase_if(followed_, [](const auto& w) { return w.expired(); });
  for (const auto& w : followed_) {
    if (w.lock() == informer) return;
  }
  followed_.push_back(informer);
  for (const auto& [key, ds] : informer->items())
    see(ds, now);
  std::weak_ptr<StallTracker> self = weak_from_this();
  informer->observe(
      [self](const state::DaemonSetRecord* before, const state::DaemonSetRecord* after) {
        auto tracker = self.lock();
        if (!tracker) return;
        if (after != nullptr) {
          tracker->see(*after, nowSeconds());
        } else if (before != nullptr) {
          tracker->forget(before->uid);
        }
      });
}

void StallTracker::see(const state::DaemonSetRecord& daemonSet, std::int64_t now) {
  auto counts = countsOf(daemonSet);
  auto [it, inserted] = seen_.try_emplace(daemonSet.uid, Seen{counts, now});
  if (!inserted && it->second.counts != counts) it->second = Seen{std::move(counts), now};
}

void StallTracker::forget(const std::string& uid) {
  seen_.erase(uid);
}

std::int64_t StallTracker::stalledFor(const state::DaemonSetRecord& daemonSet, std::int64_t now) {
  see(daemonSet, now);
  return std::max<std::int64_t>(0, now - seen_[daemonSet.uid].since);
}

}  // namespace dsroll::commands
