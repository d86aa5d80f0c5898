#pragma once
// Test inputs for diagnose: objects recorded from the test cluster (data/, see data/README.md)
// and a hand-built scenario whose objects each test adjusts.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/diagnose/Snapshot.hpp"

namespace dsroll::diagnose::testing {

/** data/<file>, parsed. */
nlohmann::json loadJson(const std::string& file);

/** A snapshot from whole objects (a List's items each), the way the daemon builds it. */
Snapshot snapshotOf(const nlohmann::json& ds,
                    const nlohmann::json& revisions,
                    const nlohmann::json& pods,
                    const nlohmann::json& nodes,
                    std::int64_t now);

/**
 * DaemonSet ops/agent (uid ds-uid), RollingUpdate maxUnavailable 1, template container "a"
 * image agent:2 requesting cpu 100m and memory 100Mi; revision 1 (hash h1, agent:1) and
 * revision 2 (hash h2, the current template). No nodes and no pods until a test adds them.
 */
class Scenario {
 public:
  Scenario();

  static constexpr std::int64_t kNow = 1800000000;  // 2027-01-15T08:00:00Z

  /** A Ready node node-N with this allocatable. */
  nlohmann::json& addNode(const std::string& name,
                          const std::string& cpu = "2",
                          const std::string& memory = "4Gi");
  /** A pod of the DaemonSet bound to node (revision 1 or 2), Ready for 10 minutes. */
  nlohmann::json& addPod(const std::string& name, const std::string& node, int revision);
  /** A Pending pod of revision 2, pinned to node by the controller's affinity, unscheduled. */
  nlohmann::json& addPendingPod(const std::string& name,
                                const std::string& node,
                                const std::string& schedulerMessage);
  /** Sets the DaemonSet's status counts. */
  void status(std::int64_t desired,
              std::int64_t updated,
              std::int64_t available,
              std::int64_t ready);

  Snapshot snapshot() const;

  nlohmann::json ds;
  std::vector<nlohmann::json> revisions;
  std::vector<nlohmann::json> pods;
  std::vector<nlohmann::json> nodes;
  std::int64_t now = kNow;
  std::optional<std::int64_t> serverOffset;
  std::optional<std::int64_t> lastKnownGood;
};

/** An OtherPod as fetched: namespace/name, owner kind/name ("" = bare), requests. */
OtherPod otherPod(const std::string& ns,
                  const std::string& name,
                  const std::string& ownerKind,
                  const std::string& cpu,
                  const std::string& memory,
                  std::map<std::string, std::string> labels = {});

}  // namespace dsroll::diagnose::testing
