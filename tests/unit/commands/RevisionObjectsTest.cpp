#include "daemon/commands/RevisionObjects.hpp"

#include <gtest/gtest.h>

namespace dsroll::commands {
namespace {

TEST(RevisionObjectsTest, ACachedRevisionAsAControllerRevision) {
  cache::DaemonSetInfo ds{"ds-uid", "ops", "agent", 1700000000, "name=agent"};
  cache::RevisionInfo rev;
  rev.uid = "rev-uid";
  rev.name = "agent-6d8b6c6b7f";
  rev.daemonSetUid = "ds-uid";
  rev.revision = 3;
  rev.hash = "6d8b6c6b7f";
  rev.changeCause = "kubectl set image ds/agent agent=a:3 --record=true";
  rev.data =
      R"({"spec":{"template":{"$patch":"replace","metadata":{"labels":{"name":"agent"}},"spec":{"containers":[{"image":"a:3","name":"agent"}]}}}})";
  rev.createdAt = 1700000100;
  const auto o = controllerRevisionObject(ds, rev);
  EXPECT_EQ(o["apiVersion"], "apps/v1");
  EXPECT_EQ(o["kind"], "ControllerRevision");
  EXPECT_EQ(o["revision"], 3);
  EXPECT_EQ(o["metadata"]["name"], "agent-6d8b6c6b7f");
  EXPECT_EQ(o["metadata"]["namespace"], "ops");
  EXPECT_EQ(o["metadata"]["uid"], "rev-uid");
  EXPECT_EQ(o["metadata"]["creationTimestamp"], "2023-11-14T22:15:00Z");
  EXPECT_EQ(o["metadata"]["labels"],
            (nlohmann::json{{"name", "agent"}, {"controller-revision-hash", "6d8b6c6b7f"}}));
  EXPECT_EQ(o["metadata"]["annotations"]["kubernetes.io/change-cause"], rev.changeCause);
  const nlohmann::json owner = {{"apiVersion", "apps/v1"}, {"kind", "DaemonSet"},
                                {"name", "agent"},         {"uid", "ds-uid"},
                                {"controller", true},      {"blockOwnerDeletion", true}};
  EXPECT_EQ(o["metadata"]["ownerReferences"], nlohmann::json::array({owner}));
  EXPECT_FALSE(o["metadata"].contains("resourceVersion"));
  EXPECT_EQ(o["data"]["spec"]["template"]["$patch"], "replace");
}

TEST(RevisionObjectsTest, NoCauseNoAnnotations) {
  cache::DaemonSetInfo ds{"u", "ops", "agent", 0, ""};
  cache::RevisionInfo rev;
  rev.name = "agent-1";
  rev.data = "not json";
  const auto o = controllerRevisionObject(ds, rev);
  EXPECT_FALSE(o["metadata"].contains("annotations"));
  EXPECT_FALSE(o["metadata"].contains("creationTimestamp"));
  EXPECT_EQ(o["data"], nlohmann::json::object());
}

TEST(RevisionObjectsTest, ListsAsKubectlPrintsThem) {
  const auto item = withKind({{"metadata", {{"name", "a"}}}}, "apps/v1", "ControllerRevision");
  EXPECT_EQ(printKubectlList({item}, "yaml"),
            "apiVersion: v1\n"
            "items:\n"
            "- apiVersion: apps/v1\n"
            "  kind: ControllerRevision\n"
            "  metadata:\n"
            "    name: a\n"
            "kind: List\n"
            "metadata:\n"
            "  resourceVersion: \"\"\n");
  EXPECT_EQ(printKubectlList({}, "json"),
            "{\n"
            "    \"apiVersion\": \"v1\",\n"
            "    \"items\": [],\n"
            "    \"kind\": \"List\",\n"
            "    \"metadata\": {\n"
            "        \"resourceVersion\": \"\"\n"
            "    }\n"
            "}\n");
  EXPECT_EQ(withKind({{"kind", "X"}}, "v1", "Y")["kind"], "X");
}

}  // namespace
}  // namespace dsroll::commands
