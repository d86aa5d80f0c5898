#include "daemon/diagnose/Diagnose.hpp"

#include "daemon/diagnose/Findings.hpp"
#include "daemon/model/Json.hpp"

namespace dsroll::diagnose {

std::vector<std::string> nodesToInspect(const Snapshot& s,
                                        const std::vector<SchedulingEvent>& events) {
  return nodesShortOfResources(s, events);
}

bool wantsSchedulingEvents(const Snapshot& s) {
  for (const auto& p : s.pods) {
    if (p.pod.nodeName.empty() && !p.pod.deleting) return true;
  }
  return false;
}

ProgressSummary summarize(const Snapshot& s) {
  const auto& o = s.ds.object;
  ProgressSummary p;
  p.strategy = model::str(o, {"spec", "updateStrategy", "type"}, "RollingUpdate");
  if (p.strategy == "RollingUpdate") {
    p.maxUnavailable = intOrString(
        model::at(o, {"spec", "updateStrategy", "rollingUpdate", "maxUnavailable"}), "1");
    p.maxSurge =
        intOrString(model::at(o, {"spec", "updateStrategy", "rollingUpdate", "maxSurge"}), "0");
  }
  p.minReadySeconds = model::integer(o, {"spec", "minReadySeconds"});
  p.generation = s.ds.generation;
  p.observedGeneration = s.ds.observedGeneration;
  p.revision = s.currentRevision;
  p.desired = model::integer(o, {"status", "desiredNumberScheduled"});
  p.updated = model::integer(o, {"status", "updatedNumberScheduled"});
  p.available = model::integer(o, {"status", "numberAvailable"});
  p.ready = model::integer(o, {"status", "numberReady"});
  if (p.strategy == "RollingUpdate") {
    p.done = s.status.done;
    p.message = s.status.message;
    if (!p.message.empty() && p.message.back() == '\n') p.message.pop_back();
  } else {
    // OnDelete: kubectl has no line for it; done when every node runs an available new pod.
    p.done =
        p.observedGeneration >= p.generation && p.updated >= p.desired && p.available >= p.desired;
  }
  return p;
}

Report analyze(const Snapshot& s, const Extras& x, std::vector<std::string> notes) {
  Report r;
  r.namespace_ = s.ds.namespace_;
  r.name = s.ds.name;
  r.progress = summarize(s);
  r.lastKnownGood = s.lastKnownGood;
  r.notes = std::move(notes);
  auto add = [&](std::optional<Finding> f) {
    if (f) r.findings.push_back(std::move(*f));
  };
  add(generationFinding(s, x));
  add(controllerIdleFinding(s, x));
  add(brokenTemplateFinding(s));
  add(resourceFinding(s, x));
  add(hostPortSurgeFinding(s));
  for (auto& f : nodeHealthFindings(s))
    r.findings.push_back(std::move(f));
  add(clockSkewFinding(s, x));
  add(onDeleteFinding(s));
  add(budgetFinding(s));
  add(taintFinding(s));
  add(noNodesFinding(s));
  sortFindings(r.findings);
  return r;
}

}  // namespace dsroll::diagnose
