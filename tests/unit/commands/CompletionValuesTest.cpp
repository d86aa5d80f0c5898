#include "daemon/commands/CompletionValues.hpp"

#include <gtest/gtest.h>

namespace dsroll::commands {
namespace {

nlohmann::json podTemplate(const std::string& image) {
  return {{"spec",
           {{"initContainers", {{{"name", "init"}, {"image", "busybox:1"}}}},
            {"containers",
             {{{"name", "agent"}, {"image", image}}, {{"name", "sidecar"}, {"image", "s:1"}}}}}}};
}

HistoryEntry entry(std::int64_t revision,
                   const std::string& image,
                   const std::string& cause,
                   bool live = true) {
  HistoryEntry e;
  e.revision = revision;
  e.changeCause = cause;
  e.live = live;
  e.images = {"busybox:1", image, "s:1"};
  e.data = {{"spec", {{"template", podTemplate(image)}}}};
  return e;
}

std::vector<std::string> values(const std::vector<CompletionCandidate>& candidates) {
  std::vector<std::string> out;
  for (const auto& c : candidates)
    out.push_back(c.value);
  return out;
}

TEST(CompletionValuesTest, RevisionsNewestFirstWithTheirCause) {
  const auto c = revisionCandidates({entry(1, "a:1", "", false),
                                     entry(2, "a:2", "kubectl set image ds/x agent=a:2"),
                                     entry(10, "a:1", "rollback")});
  ASSERT_EQ(values(c), (std::vector<std::string>{"10", "2", "1"}));
  EXPECT_EQ(c[0].description, "rollback (current)");
  EXPECT_EQ(c[1].description, "kubectl set image ds/x agent=a:2");
  EXPECT_EQ(c[2].description, "busybox:1,a:1,s:1 (cache only)");
}

TEST(CompletionValuesTest, Containers) {
  const auto c = containerCandidates(podTemplate("a:3"));
  ASSERT_EQ(values(c), (std::vector<std::string>{"agent=", "sidecar=", "init="}));
  EXPECT_EQ(c[0].description, "image a:3");
  EXPECT_EQ(c[2].description, "init container, image busybox:1");
}

TEST(CompletionValuesTest, ImagesAContainerHasHad) {
  const auto c = imageCandidates("agent", {entry(1, "a:1", ""), entry(2, "a:2", ""),
                                           entry(3, "a:1", ""), entry(4, "a:4", "")});
  ASSERT_EQ(values(c), (std::vector<std::string>{"agent=a:4", "agent=a:1", "agent=a:2"}));
  EXPECT_EQ(c[0].description, "current image");
  EXPECT_EQ(c[1].description, "revision 3");
  EXPECT_TRUE(imageCandidates("nope", {entry(1, "a:1", "")}).empty());
}

TEST(CompletionValuesTest, Prefix) {
  const auto c = startingWith({{"fluentd", ""}, {"flannel", ""}, {"kube-proxy", ""}}, "fl");
  EXPECT_EQ(values(c), (std::vector<std::string>{"fluentd", "flannel"}));
  EXPECT_EQ(startingWith({{"a", ""}}, "").size(), 1U);
}

TEST(CompletionValuesTest, Directives) {
  EXPECT_EQ(completionDirective(CompletionKind::DaemonSetName), 4);
  EXPECT_EQ(completionDirective(CompletionKind::Revision), 36);
  EXPECT_EQ(completionDirective(CompletionKind::Container), 6);
  EXPECT_EQ(completionDirective(CompletionKind::Image), 36);
}

}  // namespace
}  // namespace dsroll::commands
