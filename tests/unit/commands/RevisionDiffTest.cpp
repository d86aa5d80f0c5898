#include "daemon/commands/RevisionDiff.hpp"

#include <gtest/gtest.h>

namespace dsroll::commands {
namespace {

nlohmann::json dataWithImage(const std::string& image) {
  return {{"spec",
           {{"template",
             {{"$patch", "replace"},
              {"metadata", {{"labels", {{"name", "agent"}}}}},
              {"spec", {{"containers", {{{"name", "agent"}, {"image", image}}}}}}}}}}};
}

HistoryEntry entry(std::int64_t revision, const std::string& image, bool live = true) {
  HistoryEntry e;
  e.uid = "uid-" + std::to_string(revision) + (live ? "" : "-cached");
  e.name = "agent-hash" + std::to_string(revision);
  e.revision = revision;
  e.live = live;
  e.data = dataWithImage(image);
  return e;
}

TEST(RevisionDiffTest, DefaultsToPreviousAgainstCurrent) {
  const std::vector<HistoryEntry> entries = {entry(1, "a:1"), entry(2, "a:2"), entry(3, "a:3")};
  auto pair = chooseDiffPair(entries, 0, 0, "agent");
  ASSERT_TRUE(pair) << pair.error();
  EXPECT_EQ(pair->from->revision, 2);
  EXPECT_EQ(pair->to->revision, 3);
}

TEST(RevisionDiffTest, OneRevisionIsComparedWithTheCurrentOne) {
  const std::vector<HistoryEntry> entries = {entry(1, "a:1"), entry(2, "a:2"), entry(3, "a:3")};
  auto pair = chooseDiffPair(entries, 1, 0, "agent");
  ASSERT_TRUE(pair);
  EXPECT_EQ(pair->from->revision, 1);
  EXPECT_EQ(pair->to->revision, 3);
  pair = chooseDiffPair(entries, 3, 1, "agent");
  ASSERT_TRUE(pair);
  EXPECT_EQ(pair->from->revision, 3);
  EXPECT_EQ(pair->to->revision, 1);
}

TEST(RevisionDiffTest, CacheOnlyRevisionsCount) {
  const std::vector<HistoryEntry> entries = {entry(1, "a:1", false), entry(5, "a:5")};
  auto pair = chooseDiffPair(entries, 0, 0, "agent");
  ASSERT_TRUE(pair);
  EXPECT_EQ(pair->from->revision, 1);
  EXPECT_FALSE(pair->from->live);
}

TEST(RevisionDiffTest, TheLiveEntryWinsAnotherWithTheSameNumber) {
  const std::vector<HistoryEntry> entries = {entry(2, "stale", false), entry(2, "live"),
                                             entry(3, "a:3")};
  auto pair = chooseDiffPair(entries, 2, 3, "agent");
  ASSERT_TRUE(pair);
  EXPECT_TRUE(pair->from->live);
  EXPECT_EQ(pair->from->uid, "uid-2");
}

TEST(RevisionDiffTest, MissingRevisionsAreNamed) {
  const std::vector<HistoryEntry> entries = {entry(4, "a:4"), entry(6, "a:6")};
  auto pair = chooseDiffPair(entries, 5, 0, "agent");
  ASSERT_FALSE(pair);
  EXPECT_EQ(pair.error(),
            "unable to find the specified revision 5 (daemonset \"agent\" has revisions 4, 6)");
  pair = chooseDiffPair(entries, 4, 9, "agent");
  ASSERT_FALSE(pair);
  EXPECT_EQ(pair.error(),
            "unable to find the specified revision 9 (daemonset \"agent\" has revisions 4, 6)");
}

TEST(RevisionDiffTest, OneRevisionHasNothingToCompareWith) {
  auto pair = chooseDiffPair({entry(1, "a:1")}, 0, 0, "agent");
  ASSERT_FALSE(pair);
  EXPECT_EQ(pair.error(),
            "daemonset \"agent\" has only revision 1: there is no previous revision to compare "
            "it with");
  pair = chooseDiffPair({}, 0, 0, "agent");
  ASSERT_FALSE(pair);
  EXPECT_EQ(pair.error(), "no rollout history found for daemonset \"agent\"");
}

TEST(RevisionDiffTest, DiffOfTheTemplatesAsYaml) {
  const std::vector<HistoryEntry> entries = {entry(1, "a:1"), entry(2, "a:2")};
  auto pair = chooseDiffPair(entries, 0, 0, "agent");
  ASSERT_TRUE(pair);
  EXPECT_EQ(revisionLabel(*pair->from), "revision 1 (agent-hash1)");
  EXPECT_EQ(revisionDiff(*pair, false),
            "--- revision 1 (agent-hash1)\n"
            "+++ revision 2 (agent-hash2)\n"
            "@@ -3,5 +3,5 @@\n"
            "     name: agent\n"
            " spec:\n"
            "   containers:\n"
            "-  - image: a:1\n"
            "+  - image: a:2\n"
            "     name: agent\n");
  const auto colored = revisionDiff(*pair, true);
  EXPECT_NE(colored.find("\x1b["), std::string::npos);
}

TEST(RevisionDiffTest, SameTemplateNoDiff) {
  const std::vector<HistoryEntry> entries = {entry(1, "a:1"), entry(2, "a:1")};
  auto pair = chooseDiffPair(entries, 0, 0, "agent");
  ASSERT_TRUE(pair);
  EXPECT_EQ(revisionDiff(*pair, false), "");
}

}  // namespace
}  // namespace dsroll::commands
