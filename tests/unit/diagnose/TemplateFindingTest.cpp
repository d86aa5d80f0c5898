#include <gtest/gtest.h>

#include "daemon/diagnose/Findings.hpp"
#include "daemon/model/Json.hpp"
#include "tests/unit/diagnose/Fixtures.hpp"

namespace dsroll::diagnose {
namespace {

using testing::loadJson;

Snapshot crashLoop() {
  return testing::snapshotOf(loadJson("crashloop-ds.json"), loadJson("crashloop-revisions.json"),
                             loadJson("crashloop-pods.json"), loadJson("nodes.json"),
                             model::parseTime("2026-11-26T15:50:00Z"));
}

TEST(TemplateFindingTest, RecordedCrashLoopNamesPodsExitCodeAndThePreviousRevision) {
  const auto f = brokenTemplateFinding(crashLoop());
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::Blocking);
  EXPECT_EQ(f->cause, "the new template is broken: 2 new pods in CrashLoopBackOff");
  ASSERT_GE(f->evidence.size(), 3u);
  EXPECT_EQ(f->evidence[0],
            "CrashLoopBackOff: 2 new pods (revision 2): b-hhghl on node-3, b-xrljl on node-1");
  EXPECT_EQ(
      f->evidence[1],
      "  container a, image crashloop.invalid/x:1, last exit code 1, 5 restarts: back-off 2m40s "
      "restarting failed container=a");
  EXPECT_EQ(f->evidence[2], "  revision 1 ran good:1 in container a");
  ASSERT_EQ(f->fixes.size(), 3u);
  EXPECT_EQ(f->fixes[0].command, "kubectl dsroll undo b -n brk --to-revision=1");
  EXPECT_EQ(f->fixes[0].note,
            "revision 1 is the previous one (no completed rollout of any revision was recorded)");
  EXPECT_EQ(f->fixes[1].command, "kubectl dsroll set image b -n brk a=IMAGE");
  EXPECT_EQ(f->fixes[2].command, "kubectl logs b-hhghl -c a --previous -n brk");
  EXPECT_EQ(f->data["restoreRevision"], 1);
  EXPECT_EQ(f->data["reasons"][0]["pods"][0]["lastExitCode"], 1);
  EXPECT_EQ(f->data["reasons"][0]["pods"][0]["restartCount"], 5);
}

TEST(TemplateFindingTest, PrefersTheLastKnownGoodRevision) {
  testing::Scenario sc;
  sc.addNode("node-1");
  auto& p = sc.addPod("agent-a", "node-1", 2);
  p["status"]["conditions"][0]["status"] = "False";
  p["status"]["phase"] = "Pending";
  p["status"]["containerStatuses"][0]["ready"] = false;
  p["status"]["containerStatuses"][0]["image"] = "pullfail.invalid/agent:2";
  p["status"]["containerStatuses"][0]["state"] = {
      {"waiting",
       {{"reason", "ImagePullBackOff"},
        {"message", "Back-off pulling image \"pullfail.invalid/agent:2\""}}}};
  // A third revision that was never good: the last known good one is 1, not the previous.
  sc.revisions[1]["revision"] = 3;
  auto middle = sc.revisions[0];
  middle["revision"] = 2;
  middle["metadata"]["name"] = "agent-hx";
  middle["metadata"]["uid"] = "rev-uid-x";
  middle["metadata"]["labels"]["controller-revision-hash"] = "hx";
  sc.revisions.push_back(middle);
  sc.lastKnownGood = 1;
  const auto f = brokenTemplateFinding(sc.snapshot());
  ASSERT_TRUE(f);
  EXPECT_EQ(f->evidence[0], "ImagePullBackOff: 1 new pod (revision 3): agent-a on node-1");
  EXPECT_EQ(f->evidence[1],
            "  container a, image pullfail.invalid/agent:2: Back-off pulling image "
            "\"pullfail.invalid/agent:2\"");
  EXPECT_EQ(f->fixes[0].command, "kubectl dsroll undo agent -n ops --to-revision=1");
  EXPECT_EQ(f->fixes[0].note, "revision 1 is the last known good one: its rollout completed");
  EXPECT_EQ(f->fixes[1].note.rfind("or name an image that exists", 0), 0u);
  EXPECT_EQ(f->fixes.size(), 2u);  // no logs for an image that never ran
}

TEST(TemplateFindingTest, OldPodsFailingAreNotTheTemplatesFault) {
  testing::Scenario sc;
  sc.addNode("node-1");
  auto& p = sc.addPod("agent-old", "node-1", 1);
  p["status"]["conditions"][0]["status"] = "False";
  p["status"]["containerStatuses"][0]["ready"] = false;
  p["status"]["containerStatuses"][0]["state"] = {{"waiting", {{"reason", "CrashLoopBackOff"}}}};
  EXPECT_FALSE(brokenTemplateFinding(sc.snapshot()));
}

TEST(TemplateFindingTest, ConfigErrorsAreReported) {
  testing::Scenario sc;
  sc.addNode("node-1");
  auto& p = sc.addPod("agent-a", "node-1", 2);
  p["status"]["conditions"][0]["status"] = "False";
  p["status"]["containerStatuses"][0]["ready"] = false;
  p["status"]["containerStatuses"][0]["state"] = {
      {"waiting",
       {{"reason", "CreateContainerConfigError"}, {"message", "configmap \"cfg\" not found"}}}};
  const auto f = brokenTemplateFinding(sc.snapshot());
  ASSERT_TRUE(f);
  EXPECT_EQ(f->cause, "the new template is broken: 1 new pod in CreateContainerConfigError");
  EXPECT_NE(f->evidence[1].find("configmap \"cfg\" not found"), std::string::npos);
}

}  // namespace
}  // namespace dsroll::diagnose
