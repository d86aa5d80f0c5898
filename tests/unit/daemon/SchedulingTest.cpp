#include "daemon/model/Scheduling.hpp"

#include <gtest/gtest.h>

namespace dsroll::model {
namespace {

using nlohmann::json;

const std::map<std::string, std::string> kWorkerLabels{{"kubernetes.io/hostname", "node-1"},
                                                       {"disk", "ssd"}};
const std::vector<NodeTaint> kControlPlaneTaint{
    {"node-role.kubernetes.io/control-plane", "", "NoSchedule"}};

TEST(SchedulingTest, UntoleratedControlPlaneTaintKeepsThePodOff) {
  const json spec = json::parse(R"({"tolerations": [
      {"key": "node-role.kubernetes.io/master", "effect": "NoSchedule"}]})");
  const auto p = placementOn(spec, NodeFacts{"node-0", &kWorkerLabels, &kControlPlaneTaint});
  EXPECT_EQ(p.verdict, PlacementVerdict::Taint);
  EXPECT_EQ(p.detail, "node-role.kubernetes.io/control-plane:NoSchedule");
}

TEST(SchedulingTest, ExistsTolerationAdmits) {
  const json spec = json::parse(R"({"tolerations": [
      {"key": "node-role.kubernetes.io/control-plane", "operator": "Exists", "effect": "NoSchedule"}]})");
  EXPECT_EQ(placementOn(spec, NodeFacts{"node-0", &kWorkerLabels, &kControlPlaneTaint}).verdict,
            PlacementVerdict::Runs);
}

TEST(SchedulingTest, DaemonPodsTolerateNotReadyAndUnschedulableByDefault) {
  const std::vector<NodeTaint> taints{{"node.kubernetes.io/not-ready", "", "NoExecute"},
                                      {"node.kubernetes.io/unschedulable", "", "NoSchedule"}};
  EXPECT_EQ(placementOn(json::object(), NodeFacts{"n", &kWorkerLabels, &taints}).verdict,
            PlacementVerdict::Runs);
  const std::vector<NodeTaint> notReadySchedule{{"node.kubernetes.io/not-ready", "", "NoSchedule"}};
  EXPECT_EQ(placementOn(json::object(), NodeFacts{"n", &kWorkerLabels, &notReadySchedule}).verdict,
            PlacementVerdict::Taint);
}

TEST(SchedulingTest, PreferNoScheduleIsIgnored) {
  const std::vector<NodeTaint> taints{{"soft", "x", "PreferNoSchedule"}};
  EXPECT_EQ(placementOn(json::object(), NodeFacts{"n", &kWorkerLabels, &taints}).verdict,
            PlacementVerdict::Runs);
}

TEST(SchedulingTest, TolerationValueAndEffectMustMatch) {
  const NodeTaint taint{"dedicated", "gpu", "NoSchedule"};
  EXPECT_TRUE(tolerates(json::parse(R"({"key":"dedicated","value":"gpu"})"), taint));
  EXPECT_FALSE(tolerates(json::parse(R"({"key":"dedicated","value":"cpu"})"), taint));
  EXPECT_FALSE(tolerates(json::parse(R"({"key":"dedicated","operator":"Exists","effect":"NoExecute"})"), taint));
  EXPECT_TRUE(tolerates(json::parse(R"({"operator":"Exists"})"), taint));
  EXPECT_FALSE(tolerates(json::parse(R"({"operator":"Equal"})"), taint));
}

TEST(SchedulingTest, NodeSelector) {
  EXPECT_EQ(placementOn(json::parse(R"({"nodeSelector":{"disk":"ssd"}})"),
                        NodeFacts{"n", &kWorkerLabels, nullptr}).verdict,
            PlacementVerdict::Runs);
  const auto p = placementOn(json::parse(R"({"nodeSelector":{"disk":"hdd"}})"),
                             NodeFacts{"n", &kWorkerLabels, nullptr});
  EXPECT_EQ(p.verdict, PlacementVerdict::NodeSelector);
  EXPECT_EQ(p.detail, "disk=hdd");
}

TEST(SchedulingTest, RequiredNodeAffinityTermsAreOredExpressionsAnded) {
  const json spec = json::parse(R"({"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{
      "nodeSelectorTerms":[
        {"matchExpressions":[{"key":"disk","operator":"In","values":["nvme"]}]},
        {"matchExpressions":[{"key":"disk","operator":"Exists"},
                             {"key":"gpu","operator":"DoesNotExist"}]}]}}}})");
  EXPECT_EQ(placementOn(spec, NodeFacts{"n", &kWorkerLabels, nullptr}).verdict, PlacementVerdict::Runs);
  const std::map<std::string, std::string> gpu{{"disk", "ssd"}, {"gpu", "1"}};
  EXPECT_EQ(placementOn(spec, NodeFacts{"n", &gpu, nullptr}).verdict, PlacementVerdict::NodeAffinity);
}

TEST(SchedulingTest, MatchFieldsOnNodeName) {
  const json spec = json::parse(R"({"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{
      "nodeSelectorTerms":[{"matchFields":[{"key":"metadata.name","operator":"In","values":["node-2"]}]}]}}}})");
  EXPECT_EQ(placementOn(spec, NodeFacts{"node-2", &kWorkerLabels, nullptr}).verdict, PlacementVerdict::Runs);
  EXPECT_EQ(placementOn(spec, NodeFacts{"node-1", &kWorkerLabels, nullptr}).verdict,
            PlacementVerdict::NodeAffinity);
}

TEST(SchedulingTest, GtLtCompareIntegers) {
  const std::map<std::string, std::string> labels{{"cores", "16"}};
  const json gt = json::parse(R"({"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{
      "nodeSelectorTerms":[{"matchExpressions":[{"key":"cores","operator":"Gt","values":["8"]}]}]}}}})");
  EXPECT_EQ(placementOn(gt, NodeFacts{"n", &labels, nullptr}).verdict, PlacementVerdict::Runs);
  const std::map<std::string, std::string> few{{"cores", "4"}};
  EXPECT_EQ(placementOn(gt, NodeFacts{"n", &few, nullptr}).verdict, PlacementVerdict::NodeAffinity);
}

}  // namespace
}  // namespace dsroll::model
