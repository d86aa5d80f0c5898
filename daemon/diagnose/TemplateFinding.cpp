// A broken template: the new pods crash, cannot pull their image or cannot start. The rollout
// stops at maxUnavailable; going back to the last known good revision (or any new template
// update: the controller does not wait for broken pods) unblocks it.

#include <algorithm>
#include <map>

#include "daemon/diagnose/Findings.hpp"
#include "daemon/model/Json.hpp"

namespace dsroll::diagnose {

namespace {

constexpr std::size_t kPodsShown = 5;

}  // namespace

bool templateFailureReason(const std::string& reason) {
  static const char* const kReasons[] = {
      "CrashLoopBackOff",     "ImagePullBackOff",  "ErrImagePull",
      "InvalidImageName",     "ErrImageNeverPull", "CreateContainerConfigError",
      "CreateContainerError", "RunContainerError", "StartError"};
  return std::any_of(std::begin(kReasons), std::end(kReasons),
                     [&](const char* r) { return reason == r; });
}

namespace {

bool imageProblem(const std::string& reason) {
  return reason == "ImagePullBackOff" || reason == "ErrImagePull" || reason == "InvalidImageName" ||
         reason == "ErrImageNeverPull";
}

/** The image the good revision ran in a container, "" if unknown. */
std::string imageIn(const nlohmann::json* podSpec, const std::string& container) {
  if (podSpec == nullptr) return "";
  for (const char* list : {"containers", "initContainers"}) {
    if (const auto* cs = model::at(*podSpec, {list}); cs && cs->is_array()) {
      for (const auto& c : *cs) {
        if (model::str(c, {"name"}) == container) return model::str(c, {"image"});
      }
    }
  }
  return "";
}

}  // namespace

std::optional<Finding> brokenTemplateFinding(const Snapshot& s) {
  std::map<std::string, std::vector<const DsPod*>> byReason;
  for (const auto& p : s.pods) {
    if (p.updated && !p.pod.deleting && !p.available && templateFailureReason(p.pod.reason)) {
      byReason[p.pod.reason].push_back(&p);
    }
  }
  if (byReason.empty()) return std::nullopt;

  const auto good = revisionToRestore(s);
  const nlohmann::json* goodSpec = good && good->record ? revisionPodSpec(*good->record) : nullptr;
  Finding f;
  f.kind = "BrokenTemplate";
  f.severity = Severity::Blocking;
  std::size_t total = 0;
  std::string reasons;
  nlohmann::json groups = nlohmann::json::array();
  bool images = false;
  std::string container;
  for (const auto& [reason, pods] : byReason) {
    total += pods.size();
    reasons += (reasons.empty() ? "" : ", ") + reason;
    images = images || imageProblem(reason);
    const auto& first = pods.front()->pod;
    if (container.empty()) container = first.container;
    int restarts = 0;
    std::vector<std::string> where;
    nlohmann::json podsJson = nlohmann::json::array();
    for (const auto* p : pods) {
      restarts = std::max(restarts, p->pod.restartCount);
      where.push_back(p->pod.name + " on " + (p->node.empty() ? "<no node>" : p->node));
      podsJson.push_back({{"name", p->pod.name},
                          {"node", p->node},
                          {"container", p->pod.container},
                          {"image", p->pod.image},
                          {"restartCount", p->pod.restartCount},
                          {"lastExitCode", p->pod.lastExitCode},
                          {"message", p->pod.message}});
    }
    f.evidence.push_back(reason + ": " + std::to_string(pods.size()) +
                         (pods.size() == 1 ? " new pod" : " new pods") + " (revision " +
                         std::to_string(s.currentRevision) + "): " + nameList(where, kPodsShown));
    std::string detail = "  container " + first.container + ", image " + first.image;
    if (reason == "CrashLoopBackOff" || first.restartCount > 0) {
      detail += ", last exit code " + std::to_string(first.lastExitCode) + ", " +
                std::to_string(restarts) + (restarts == 1 ? " restart" : " restarts");
    }
    if (!first.message.empty()) detail += ": " + first.message;
    f.evidence.push_back(detail);
    if (const auto before = imageIn(goodSpec, first.container);
        !before.empty() && before != first.image) {
      f.evidence.push_back("  revision " + std::to_string(good->revision) + " ran " + before +
                           " in container " + first.container);
    }
    groups.push_back({{"reason", reason}, {"pods", std::move(podsJson)}});
  }
  f.cause = "the new template is broken: " + std::to_string(total) +
            (total == 1 ? " new pod" : " new pods") + " in " + reasons;
  if (good) {
    f.fixes.push_back(
        Fix{s.style.dsroll("undo", " --to-revision=" + std::to_string(good->revision)),
            good->lastKnownGood
                ? "revision " + std::to_string(good->revision) +
                      " is the last known good one: its rollout completed"
                : "revision " + std::to_string(good->revision) +
                      " is the previous one (no completed rollout of any revision was recorded)"});
  }
  f.fixes.push_back(Fix{
      s.style.dsroll("set image", " " + (container.empty() ? "CONTAINER" : container) + "=IMAGE"),
      std::string(images ? "or name an image that exists: " : "or fix the template: ") +
          "a new template update also unblocks the rollout, it does not wait for the broken pods"});
  if (byReason.count("CrashLoopBackOff") != 0) {
    const auto& p = byReason["CrashLoopBackOff"].front()->pod;
    f.fixes.push_back(Fix{
        s.style.kubectl("logs " + p.name + " -c " + p.container + " --previous", s.ds.namespace_),
        "why it crashes: the last run's output"});
  }
  f.data = {{"revision", s.currentRevision},
            {"restoreRevision", good ? nlohmann::json(good->revision) : nlohmann::json(nullptr)},
            {"restoreIsLastKnownGood", good && good->lastKnownGood},
            {"reasons", std::move(groups)}};
  return f;
}

}  // namespace dsroll::diagnose
