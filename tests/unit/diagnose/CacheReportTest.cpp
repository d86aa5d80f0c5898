#include "daemon/diagnose/CacheReport.hpp"

#include <gtest/gtest.h>

#include "daemon/diagnose/ReportText.hpp"

namespace dsroll::diagnose {
namespace {

constexpr std::int64_t kNow = 1800000000;

CachedView view() {
  CachedView v;
  v.daemonSet.info = {"ds-uid", "ops", "agent", kNow - 86400, "app=agent"};
  for (int i = 1; i <= 3; ++i) {
    cache::RevisionRow row;
    row.info.uid = "rev-" + std::to_string(i);
    row.info.revision = i;
    row.info.hash = "h" + std::to_string(i);
    row.info.images = {"agent:" + std::to_string(i)};
    v.revisions.push_back(row);
  }
  v.rollouts.push_back(
      {1, "ds-uid", "rev-2", kNow - 7200, kNow - 7000, cache::RolloutOutcome::Complete, 3, 3});
  v.rollouts.push_back(
      {2, "ds-uid", "rev-3", kNow - 3600, std::nullopt, cache::RolloutOutcome::InProgress, 3, 1});
  v.lastKnownGoodUid = "rev-2";
  v.lastSynced = kNow - 180;
  v.now = kNow;
  v.style = CommandStyle{"agent", "ops", ""};
  return v;
}

TEST(CacheReportTest, UnreachableClusterAnswersFromTheCacheAndSaysSo) {
  auto v = view();
  v.unreachable =
      "The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or "
      "port?";
  const auto r = cacheReport(v);
  EXPECT_EQ(r.source, "cache");
  EXPECT_EQ(r.lastKnownGood, 2);
  ASSERT_EQ(r.findings.size(), 3u);
  EXPECT_EQ(r.findings[0].kind, "ClusterUnreachable");
  EXPECT_EQ(r.findings[0].evidence[1], "what follows is what the cache knew (last synced 3m ago)");
  EXPECT_EQ(r.findings[1].kind, "RolloutIncomplete");
  EXPECT_EQ(r.findings[1].evidence[0], "started 60m ago; 1 of 3 nodes updated when last seen");
  EXPECT_EQ(r.findings[1].fixes[0].command, "kubectl dsroll undo agent -n ops --to-revision=2");
  EXPECT_EQ(r.findings[2].kind, "CachedHistory");
  EXPECT_EQ(r.findings[2].evidence[1], "revision 2: agent:2 (last known good)");
  EXPECT_FALSE(r.blocking());
  const auto text = renderText(r, false);
  EXPECT_EQ(text.rfind("daemon set \"agent\" in namespace ops (from the cache)\n", 0), 0u) << text;
}

TEST(CacheReportTest, OfflineIsANoteNotAProblem) {
  auto v = view();
  v.rollouts.pop_back();
  const auto r = cacheReport(v);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.notes[0],
            "--offline: from the cache (last synced 3m ago); pods and nodes were not examined");
}

}  // namespace
}  // namespace dsroll::diagnose
