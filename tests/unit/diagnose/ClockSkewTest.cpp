#include <gtest/gtest.h>

#include "daemon/diagnose/Findings.hpp"
#include "daemon/model/Json.hpp"
#include "tests/unit/diagnose/Fixtures.hpp"

namespace dsroll::diagnose {
namespace {

using testing::Scenario;

Scenario withMinReady() {
  Scenario sc;
  sc.ds["spec"]["minReadySeconds"] = 30;
  sc.addNode("node-1");
  sc.addNode("node-2");
  sc.addPod("agent-1", "node-1", 2);
  sc.addPod("agent-2", "node-2", 2);
  sc.serverOffset = 0;
  return sc;
}

std::string text(const Finding& f) {
  std::string out;
  for (const auto& l : f.evidence)
    out += l + "\n";
  return out;
}

TEST(ClockSkewTest, NothingWithoutMinReadySeconds) {
  Scenario sc;
  sc.addNode("node-1");
  sc.addPod("agent-1", "node-1", 2);
  sc.status(1, 1, 0, 1);
  EXPECT_FALSE(clockSkewFinding(sc.snapshot(), {}));
}

TEST(ClockSkewTest, NothingWhenEveryReadyPodIsAvailable) {
  auto sc = withMinReady();
  sc.status(2, 2, 2, 2);
  EXPECT_FALSE(clockSkewFinding(sc.snapshot(), {}));
}

TEST(ClockSkewTest, ANodeClockAheadHoldsItsPodsBack) {
  auto sc = withMinReady();
  sc.status(2, 2, 1, 2);
  // node-2's kubelet writes times an hour ahead: its heartbeat and its pod's Ready time.
  sc.nodes[1]["status"]["conditions"][0]["lastHeartbeatTime"] =
      model::formatTime(Scenario::kNow + 3600);
  sc.pods[1]["status"]["conditions"][0]["lastTransitionTime"] =
      model::formatTime(Scenario::kNow + 3590);
  sc.serverOffset = 2;  // this machine 2 s behind the API server: within the threshold
  const auto f = clockSkewFinding(sc.snapshot(), {});
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::Blocking);
  EXPECT_EQ(f->cause,
            "clock skew holds back availability: 1 Ready pod is not counted available under "
            "minReadySeconds 30 (node-2 ahead of the API server)");
  const auto t = text(*f);
  EXPECT_NE(
      t.find(
          "node-2: clock about 59m ahead of the API server (last heartbeat 2027-01-15T09:00:00Z)"),
      std::string::npos)
      << t;
  EXPECT_NE(t.find("this machine 2027-01-15T08:00:00Z, in step"), std::string::npos) << t;
  EXPECT_EQ(t.find("node-1:"), std::string::npos) << t;
  ASSERT_EQ(f->data["nodes"].size(), 1u);
  EXPECT_EQ(f->data["nodes"][0]["node"], "node-2");
  EXPECT_EQ(f->data["nodes"][0]["skewSeconds"], 3598);
  EXPECT_EQ(f->data["nodes"][0]["readyTimeAheadSeconds"], 3588);
  EXPECT_EQ(f->data["nodes"][0]["heldPods"][0], "agent-2");
  ASSERT_EQ(f->fixes.size(), 2u);
  EXPECT_EQ(f->fixes[0].command, "chronyc makestep");
  EXPECT_EQ(f->fixes[1].command, "kubectl delete pod agent-2 -n ops");
}

TEST(ClockSkewTest, ReportsThisMachinesClockWhenItDiffers) {
  auto sc = withMinReady();
  sc.status(2, 2, 1, 2);
  sc.pods[1]["status"]["conditions"][0]["lastTransitionTime"] =
      model::formatTime(Scenario::kNow - 10);
  sc.serverOffset = -120;  // the API server is 2 minutes behind us
  const auto f = clockSkewFinding(sc.snapshot(), {});
  ASSERT_TRUE(f);
  EXPECT_NE(text(*f).find("this machine 2027-01-15T08:00:00Z, 2m ahead of the API server"),
            std::string::npos)
      << text(*f);
  EXPECT_EQ(f->data["apiServerMinusLocalSeconds"], -120);
}

TEST(ClockSkewTest, AHeartbeatAheadWithoutFutureReadyTimesIsAWarning) {
  auto sc = withMinReady();
  sc.status(2, 2, 1, 2);
  sc.nodes[1]["status"]["conditions"][0]["lastHeartbeatTime"] = model::formatTime(Scenario::kNow + 600);
  sc.pods[1]["status"]["conditions"][0]["lastTransitionTime"] = model::formatTime(Scenario::kNow - 10);
  const auto f = clockSkewFinding(sc.snapshot(), {});
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::Warning);
  EXPECT_EQ(f->cause,
            "node-2 reports times ahead of the API server: with minReadySeconds 30 that delays availability");
  EXPECT_EQ(f->data["nodes"][0]["heartbeatSkewSeconds"], 600);
}

TEST(ClockSkewTest, PodsStillWaitingOutMinReadySecondsAreANote) {
  auto sc = withMinReady();
  sc.status(2, 2, 1, 2);
  sc.pods[1]["status"]["conditions"][0]["lastTransitionTime"] =
      model::formatTime(Scenario::kNow - 10);
  const auto f = clockSkewFinding(sc.snapshot(), {});
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::Info);
  EXPECT_EQ(f->cause,
            "1 pod is Ready and waiting out minReadySeconds 30 (all available within 20s); no "
            "clock skew seen");
}

TEST(ClockSkewTest, ReadyLongEnoughButUncountedPointsAtTheControllersClock) {
  auto sc = withMinReady();
  sc.status(2, 2, 0, 2);
  Extras x;
  x.controllerLease = ControllerLease{"cm", Scenario::kNow - 300, 15};
  const auto f = clockSkewFinding(sc.snapshot(), x);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::Warning);
  EXPECT_NE(text(*f).find(
                "kube-controller-manager's lease was renewed at 2027-01-15T07:55:00Z by its clock, "
                "5m behind the API server's"),
            std::string::npos)
      << text(*f);
}

}  // namespace
}  // namespace dsroll::diagnose
