#include "daemon/commands/TemplatePatches.hpp"

#include <gtest/gtest.h>

namespace dsroll::commands {
namespace {

nlohmann::json daemonSet() {
  return nlohmann::json::parse(R"({"metadata": {"name": "agent"}, "spec": {"template": {
    "metadata": {"labels": {"app": "agent"}},
    "spec": {
      "initContainers": [{"name": "init", "image": "busybox:1"}],
      "containers": [{"name": "main", "image": "agent:1"}, {"name": "side", "image": "proxy:1"}]
    }}}})");
}

TEST(TemplatePatchesTest, SetsOneContainer) {
  auto result = setImagePatch(daemonSet(), {{"main", "agent:2"}});
  ASSERT_TRUE(result) << result.error();
  EXPECT_EQ(result->patch.dump(),
            R"({"spec":{"template":{"spec":{"containers":[{"image":"agent:2","name":"main"}]}}}})");
  EXPECT_EQ(result->updated["spec"]["template"]["spec"]["containers"][0]["image"], "agent:2");
  EXPECT_EQ(result->updated["spec"]["template"]["spec"]["containers"][1]["image"], "proxy:1");
}

TEST(TemplatePatchesTest, InitContainersToo) {
  auto result = setImagePatch(daemonSet(), {{"init", "busybox:2"}});
  ASSERT_TRUE(result) << result.error();
  EXPECT_EQ(
      result->patch.dump(),
      R"({"spec":{"template":{"spec":{"initContainers":[{"image":"busybox:2","name":"init"}]}}}})");
}

TEST(TemplatePatchesTest, StarSetsEveryContainer) {
  auto result = setImagePatch(daemonSet(), {{"*", "all:3"}});
  ASSERT_TRUE(result) << result.error();
  const auto& spec = result->patch["spec"]["template"]["spec"];
  EXPECT_EQ(spec["containers"].size(), 2u);
  EXPECT_EQ(spec["initContainers"].size(), 1u);
  EXPECT_EQ(spec["containers"][1], (nlohmann::json{{"name", "side"}, {"image", "all:3"}}));
}

TEST(TemplatePatchesTest, UnchangedImagesMakeAnEmptyPatch) {
  auto result = setImagePatch(daemonSet(), {{"main", "agent:1"}});
  ASSERT_TRUE(result) << result.error();
  EXPECT_TRUE(result->patch.empty());
}

TEST(TemplatePatchesTest, UnknownContainerIsKubectlsError) {
  auto result = setImagePatch(daemonSet(), {{"main", "agent:2"}, {"nope", "x:1"}});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error(), "unable to find container named \"nope\"");
}

TEST(TemplatePatchesTest, ImageArguments) {
  auto changes = imageChangesArg(nlohmann::json::parse(
      R"([{"container": "main", "image": "a:1"}, {"container": "main", "image": "a:2"}])"));
  ASSERT_TRUE(changes);
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ(changes->front().image, "a:2");
  auto star = imageChangesArg(nlohmann::json::parse(
      R"([{"container": "*", "image": "a:1"}, {"container": "main", "image": "a:2"}])"));
  ASSERT_FALSE(star);
  EXPECT_EQ(star.error(),
            "all containers are already specified by *, but saw more than one "
            "container_name=container_image pairs");
  EXPECT_FALSE(imageChangesArg(nlohmann::json::array()));
}

TEST(TemplatePatchesTest, RestartSetsRestartedAt) {
  auto result = restartPatch(daemonSet(), "agent", "2026-11-26T15:04:05Z");
  ASSERT_TRUE(result) << result.error();
  EXPECT_EQ(
      result->patch.dump(),
      R"({"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-11-26T15:04:05Z"}}}}})");
  EXPECT_EQ(result->updated["spec"]["template"]["metadata"]["labels"]["app"], "agent");
}

TEST(TemplatePatchesTest, RestartTwiceInOneSecondIsKubectlsError) {
  auto first = restartPatch(daemonSet(), "agent", "2026-11-26T15:04:05Z");
  ASSERT_TRUE(first);
  auto again = restartPatch(first->updated, "agent", "2026-11-26T15:04:05Z");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error(),
            "failed to create patch for agent: if restart has already been triggered within the "
            "past second, please wait before attempting to trigger another");
  EXPECT_TRUE(restartPatch(first->updated, "agent", "2026-11-26T15:04:06Z"));
}

TEST(TemplatePatchesTest, Rfc3339) {
  const std::string text = rfc3339Local(0);
  ASSERT_GE(text.size(), 20u);
  EXPECT_EQ(text[4], '-');
  EXPECT_EQ(text[10], 'T');
  const bool zone =
      text.back() == 'Z' || text[text.size() - 6] == '+' || text[text.size() - 6] == '-';
  EXPECT_TRUE(zone) << text;
}

}  // namespace
}  // namespace dsroll::commands
