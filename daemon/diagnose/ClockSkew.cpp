// Clock skew with minReadySeconds. A pod's Ready time is written by its node's kubelet (node
// clock) and compared by the controller with its own clock: a node clock ahead holds pods back
// from being counted available. Compare, per node, the times its kubelet wrote (heartbeat, Ready
// transitions) with the API server's clock (its Date header), and this machine's clock too.

#include <algorithm>
#include <cstdlib>
#include <map>

#include "daemon/diagnose/Findings.hpp"
#include "daemon/model/Json.hpp"

namespace dsroll::diagnose {

namespace {

constexpr std::int64_t kThreshold = 5;  // seconds; the Date header and status times have 1 s steps
constexpr std::int64_t kLeaseRenewSlack = 3;
constexpr std::int64_t kControllerGrace = 30;  // the controller re-counts after minReadySeconds

std::string aheadOrBehind(std::int64_t skew) {
  return duration(std::llabs(skew)) + (skew > 0 ? " ahead of" : " behind");
}

struct NodeSkew {
  std::int64_t heartbeat = 0;   // its last heartbeat minus the API server's now (0: none)
  std::int64_t readyAhead = 0;  // how far in the future its pods' Ready times are, at most
  std::vector<const DsPod*> held;
  std::int64_t skew() const { return std::max(heartbeat, readyAhead); }
};

}  // namespace

std::optional<Finding> clockSkewFinding(const Snapshot& s, const Extras& x) {
  const auto minReady = model::integer(s.ds.object, {"spec", "minReadySeconds"});
  if (minReady <= 0) return std::nullopt;
  const auto statusReady = model::integer(s.ds.object, {"status", "numberReady"});
  const auto statusAvailable = model::integer(s.ds.object, {"status", "numberAvailable"});
  const std::int64_t offset = s.serverOffset.value_or(0);
  const std::int64_t serverNow = s.now + offset;

  // Ready pods that by the API server's clock have not been Ready for minReadySeconds yet.
  std::map<std::string, NodeSkew> nodes;
  std::int64_t held = 0;
  std::int64_t pastDue = 0;  // Ready for well over minReadySeconds by the API server's clock
  for (const auto& p : s.pods) {
    if (!p.pod.ready || p.pod.deleting) continue;
    auto& n = nodes[p.node];
    if (p.pod.readySince + minReady > serverNow) {
      n.held.push_back(&p);
      ++held;
      n.readyAhead = std::max(n.readyAhead, p.pod.readySince - serverNow);
    } else if (p.pod.readySince + minReady + kControllerGrace <= serverNow) {
      ++pastDue;
    }
  }
  const bool uncounted = statusReady > statusAvailable && pastDue > statusAvailable;
  if (held == 0 && !uncounted) return std::nullopt;
  for (auto& [name, n] : nodes) {
    if (const auto* node = s.node(name); node != nullptr && node->heartbeat > 0) {
      n.heartbeat = node->heartbeat - serverNow;
    }
  }

  Finding f;
  f.kind = "ClockSkew";
  f.evidence.push_back("minReadySeconds " + std::to_string(minReady) +
                       "; status: " + std::to_string(statusReady) + " ready, " +
                       std::to_string(statusAvailable) + " available");
  nlohmann::json data = {{"minReadySeconds", minReady}};
  if (s.serverOffset) {
    data["apiServerMinusLocalSeconds"] = offset;
    f.evidence.push_back("API server clock " + model::formatTime(serverNow) +
                         " (its Date header); this machine " + model::formatTime(s.now) +
                         (std::llabs(offset) > kThreshold
                              ? ", " + aheadOrBehind(-offset) + " the API server"
                              : ", in step"));
  }
  nlohmann::json skewed = nlohmann::json::array();
  std::vector<std::string> skewedNames;
  std::vector<std::string> heldBySkew;  // pods whose Ready time is in the future
  for (const auto& [name, n] : nodes) {
    if (n.skew() <= kThreshold) continue;
    skewedNames.push_back(name);
    std::string line = name + ": clock about " + aheadOrBehind(n.skew()) + " the API server";
    if (const auto* node = s.node(name); node != nullptr && node->heartbeat > 0) {
      line += " (last heartbeat " + model::formatTime(node->heartbeat) + ")";
    }
    f.evidence.push_back(line);
    nlohmann::json pods = nlohmann::json::array();
    for (const auto* p : n.held) {
      const bool future = p->pod.readySince - serverNow > kThreshold;
      f.evidence.push_back(
          "  pod " + p->pod.name + " Ready since " + model::formatTime(p->pod.readySince) +
          (future ? " (in the future)" : "") + ": counted available only after " +
          model::formatTime(p->pod.readySince + minReady) + " by the controller's clock");
      pods.push_back(p->pod.name);
      if (future) heldBySkew.push_back(p->pod.name);
    }
    skewed.push_back({{"node", name},
                      {"skewSeconds", n.skew()},
                      {"heartbeatSkewSeconds", n.heartbeat},
                      {"readyTimeAheadSeconds", n.readyAhead},
                      {"heldPods", pods}});
  }
  data["nodes"] = skewed;
  if (x.controllerLease) {
    const auto lag = serverNow - x.controllerLease->renewTime;
    if (lag > kThreshold + kLeaseRenewSlack || lag < -kThreshold) {
      f.evidence.push_back("kube-controller-manager's lease was renewed at " +
                           model::formatTime(x.controllerLease->renewTime) + " by its clock, " +
                           aheadOrBehind(-lag) + " the API server's");
      data["controllerLeaseLagSeconds"] = lag;
    }
  }
  for (const auto& name : skewedNames) {
    f.fixes.push_back(Fix{"chronyc makestep", "on " + name +
                                                  ": step its clock to NTP time "
                                                  "(or timedatectl set-ntp true)"});
  }
  if (!heldBySkew.empty()) {
    f.severity = Severity::Blocking;
    const auto count = heldBySkew.size();
    f.cause = "clock skew holds back availability: " + std::to_string(count) +
              (count == 1 ? " Ready pod is" : " Ready pods are") +
              " not counted available under minReadySeconds " + std::to_string(minReady) + " (" +
              nameList(skewedNames) + " ahead of the API server)";
    std::string args = "delete pod";
    for (const auto& p : heldBySkew)
      args += " " + p;
    f.fixes.push_back(Fix{s.style.kubectl(args, s.ds.namespace_),
                          "then recreate the held pods: their Ready time stays in the future "
                          "until they are replaced"});
  } else if (!skewedNames.empty()) {
    f.severity = Severity::Warning;
    f.cause = nameList(skewedNames) + (skewedNames.size() == 1 ? " reports" : " report") +
              " times ahead of the API server: with minReadySeconds " + std::to_string(minReady) +
              " that delays availability";
  } else if (held > 0) {
    f.severity = Severity::Info;
    std::int64_t wait = 0;
    for (const auto& [name, n] : nodes) {
      for (const auto* p : n.held)
        wait = std::max(wait, p->pod.readySince + minReady - serverNow);
    }
    f.cause = std::to_string(held) + (held == 1 ? " pod is" : " pods are") +
              " Ready and waiting out minReadySeconds " + std::to_string(minReady) +
              " (all available within " + duration(wait) + "); no clock skew seen";
  } else {
    // Ready long enough by the API server's clock, yet not counted: the controller's clock.
    f.severity = Severity::Warning;
    f.cause = std::to_string(statusReady - statusAvailable) +
              " Ready pods are not counted available although minReadySeconds " +
              std::to_string(minReady) + " has passed by the API server's clock";
    f.fixes.push_back(
        Fix{"chronyc makestep", "on the kube-controller-manager host: its clock may be behind"});
  }
  f.data = std::move(data);
  return f;
}

}  // namespace dsroll::diagnose
