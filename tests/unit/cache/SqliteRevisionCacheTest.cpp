#include "cache/SqliteRevisionCache.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "tests/unit/cache/CacheTestSupport.hpp"

namespace dsroll::cache {
namespace {

using test::makeDaemonSet;
using test::makeRevision;

class SqliteRevisionCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = RevisionCache::open(":memory:");
    ASSERT_TRUE(opened) << opened.error().message;
    cache_ = std::move(*opened);
    cluster_ = cache_->clusterId({"https://127.0.0.1:6443", "kind-a"}).value();
    ASSERT_TRUE(cache_->recordDaemonSet(cluster_, makeDaemonSet("ds-1"), 1100));
  }

  std::vector<RevisionRow> revisionsOf(const std::string& uid) {
    auto rows = cache_->revisions(uid);
    EXPECT_TRUE(rows) << rows.error().message;
    return rows.value_or(std::vector<RevisionRow>{});
  }

  std::unique_ptr<RevisionCache> cache_;
  std::int64_t cluster_ = 0;
};

TEST_F(SqliteRevisionCacheTest, ClustersAreKeyedByServerAndContext) {
  const ClusterKey a{"https://127.0.0.1:6443", "kind-a"};
  const ClusterKey b{"https://127.0.0.1:6443", "kind-b"};
  EXPECT_EQ(cache_->clusterId(a).value(), cluster_);
  EXPECT_EQ(cache_->findCluster(a).value(), cluster_);
  EXPECT_EQ(cache_->findCluster(b).value(), std::nullopt);
  const auto idB = cache_->clusterId(b).value();
  EXPECT_NE(idB, cluster_);
  EXPECT_EQ(cache_->findCluster(b).value(), idB);
}

TEST_F(SqliteRevisionCacheTest, DaemonSetRoundTrip) {
  const auto rows = cache_->findDaemonSets(cluster_, "kube-system", "fluentd").value();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].clusterId, cluster_);
  EXPECT_EQ(rows[0].info.uid, "ds-1");
  EXPECT_EQ(rows[0].info.namespace_, "kube-system");
  EXPECT_EQ(rows[0].info.name, "fluentd");
  EXPECT_EQ(rows[0].info.createdAt, 1000);
  EXPECT_EQ(rows[0].info.selector, "name=fluentd");
  EXPECT_EQ(rows[0].firstSeenAt, 1100);
  EXPECT_EQ(rows[0].lastSeenAt, 1100);
  EXPECT_EQ(rows[0].deletedAt, std::nullopt);
}

TEST_F(SqliteRevisionCacheTest, RecordingAgainRefreshesLastSeenOnly) {
  ASSERT_TRUE(cache_->recordDaemonSet(cluster_, makeDaemonSet("ds-1"), 1500));
  ASSERT_TRUE(cache_->recordDaemonSet(cluster_, makeDaemonSet("ds-1"), 1400));  // late event
  const auto rows = cache_->findDaemonSets(cluster_, "kube-system", "fluentd").value();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].firstSeenAt, 1100);
  EXPECT_EQ(rows[0].lastSeenAt, 1500);
}

TEST_F(SqliteRevisionCacheTest, DeletedIsMarkedOnceAndKept) {
  ASSERT_TRUE(cache_->markDaemonSetDeleted("ds-1", 2000));
  ASSERT_TRUE(cache_->markDaemonSetDeleted("ds-1", 3000));
  const auto rows = cache_->findDaemonSets(cluster_, "kube-system", "fluentd").value();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].deletedAt, 2000);
  auto missing = cache_->markDaemonSetDeleted("ds-unknown", 2000);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("marking DaemonSet ds-unknown deleted: no such DaemonSet"),
            std::string::npos);
}

TEST_F(SqliteRevisionCacheTest, ARecreatedDaemonSetIsAnotherOneAndComesFirst) {
  ASSERT_TRUE(cache_->markDaemonSetDeleted("ds-1", 2000));
  ASSERT_TRUE(cache_->recordDaemonSet(cluster_,
                                      makeDaemonSet("ds-2", "fluentd", "kube-system", 2100), 2100));
  const auto rows = cache_->findDaemonSets(cluster_, "kube-system", "fluentd").value();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].info.uid, "ds-2");
  EXPECT_EQ(rows[0].deletedAt, std::nullopt);
  EXPECT_EQ(rows[1].info.uid, "ds-1");
  EXPECT_EQ(rows[1].deletedAt, 2000);
}

TEST_F(SqliteRevisionCacheTest, ListsByNamespaceThenName) {
  const auto other = cache_->clusterId({"https://10.0.0.1", "prod"}).value();
  ASSERT_TRUE(
      cache_->recordDaemonSet(cluster_, makeDaemonSet("ds-b", "node-exporter", "monitoring"), 1));
  ASSERT_TRUE(cache_->recordDaemonSet(cluster_, makeDaemonSet("ds-a", "calico", "kube-system"), 1));
  ASSERT_TRUE(cache_->recordDaemonSet(other, makeDaemonSet("ds-x", "cilium", "kube-system"), 1));

  auto uidsIn = [&](const std::string& namespace_) {
    std::vector<std::string> uids;
    const auto rows = cache_->listDaemonSets(cluster_, namespace_).value();
    for (const auto& row : rows) {
      uids.push_back(row.info.uid);
    }
    return uids;
  };
  EXPECT_EQ(uidsIn(""), (std::vector<std::string>{"ds-a", "ds-1", "ds-b"}));
  EXPECT_EQ(uidsIn("kube-system"), (std::vector<std::string>{"ds-a", "ds-1"}));
  EXPECT_TRUE(cache_->listDaemonSets(cluster_, "absent").value().empty());
}

TEST_F(SqliteRevisionCacheTest, RevisionRoundTripKeepsEveryField) {
  RevisionInfo rev = makeRevision("rev-1", "ds-1", 1, 1050);
  rev.data += std::string("\n\0\xe2\x9c\x93 ", 6);  // bytes as given, not re-serialised JSON
  rev.changeCause = "";
  ASSERT_TRUE(cache_->recordRevision(rev, 1100));
  const auto rows = revisionsOf("ds-1");
  ASSERT_EQ(rows.size(), 1u);
  const RevisionRow& row = rows[0];
  EXPECT_EQ(row.info.uid, rev.uid);
  EXPECT_EQ(row.info.name, rev.name);
  EXPECT_EQ(row.info.daemonSetUid, "ds-1");
  EXPECT_EQ(row.info.revision, 1);
  EXPECT_EQ(row.info.hash, rev.hash);
  EXPECT_EQ(row.info.changeCause, "");
  EXPECT_EQ(row.info.images, rev.images);
  EXPECT_EQ(row.info.data, rev.data);
  EXPECT_EQ(row.info.createdAt, 1050);
  EXPECT_EQ(row.firstSeenAt, 1100);
  EXPECT_EQ(row.prunedAt, std::nullopt);
  ASSERT_EQ(row.numbers.size(), 1u);
  EXPECT_EQ(row.numbers[0].revision, 1);
  EXPECT_EQ(row.numbers[0].seenAt, 1100);
}

TEST_F(SqliteRevisionCacheTest, RecordingTheSameRevisionTwiceChangesNothing) {
  const RevisionInfo rev = makeRevision("rev-1", "ds-1", 1);
  ASSERT_TRUE(cache_->recordRevision(rev, 1100));
  const auto before = revisionsOf("ds-1");
  ASSERT_TRUE(cache_->recordRevision(rev, 1200));
  const auto after = revisionsOf("ds-1");
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].firstSeenAt, before[0].firstSeenAt);
  EXPECT_EQ(after[0].numbers.size(), 1u);
  EXPECT_EQ(after[0].numbers[0].seenAt, 1100);
}

TEST_F(SqliteRevisionCacheTest, RenumberingKeepsEveryNumber) {
  // kubectl rollout undo to revision 1 turns it into revision 3 (the next number).
  ASSERT_TRUE(cache_->recordRevision(makeRevision("rev-a", "ds-1", 1), 1100));
  ASSERT_TRUE(cache_->recordRevision(makeRevision("rev-b", "ds-1", 2), 1200));
  ASSERT_TRUE(cache_->recordRevision(makeRevision("rev-a", "ds-1", 3), 1300));
  const auto rows = revisionsOf("ds-1");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].info.uid, "rev-b");  // sorted by current number
  EXPECT_EQ(rows[1].info.uid, "rev-a");
  EXPECT_EQ(rows[1].info.revision, 3);
  ASSERT_EQ(rows[1].numbers.size(), 2u);
  EXPECT_EQ(rows[1].numbers[0].revision, 1);
  EXPECT_EQ(rows[1].numbers[0].seenAt, 1100);
  EXPECT_EQ(rows[1].numbers[1].revision, 3);
  EXPECT_EQ(rows[1].numbers[1].seenAt, 1300);
  EXPECT_EQ(rows[1].firstSeenAt, 1100);
}

TEST_F(SqliteRevisionCacheTest, ContentOfARevisionIsImmutable) {
  ASSERT_TRUE(cache_->recordRevision(makeRevision("rev-a", "ds-1", 1, 1000), 1100));
  RevisionInfo changed = makeRevision("rev-a", "ds-1", 4, 9999);
  changed.data = "{}";
  changed.hash = "other";
  changed.changeCause = "other";
  ASSERT_TRUE(cache_->recordRevision(changed, 1400));
  const auto rows = revisionsOf("ds-1");
  ASSERT_EQ(rows.size(), 1u);
  const RevisionInfo original = makeRevision("rev-a", "ds-1", 1, 1000);
  EXPECT_EQ(rows[0].info.revision, 4);
  EXPECT_EQ(rows[0].info.data, original.data);
  EXPECT_EQ(rows[0].info.hash, original.hash);
  EXPECT_EQ(rows[0].info.changeCause, original.changeCause);
  EXPECT_EQ(rows[0].info.createdAt, 1000);
}

TEST_F(SqliteRevisionCacheTest, ARevisionNeedsItsDaemonSet) {
  auto recorded = cache_->recordRevision(makeRevision("rev-x", "ds-unknown", 1), 1100);
  ASSERT_FALSE(recorded);
  EXPECT_EQ(recorded.error().code, SQLITE_CONSTRAINT_FOREIGNKEY);
  EXPECT_NE(recorded.error().message.find("DaemonSet ds-unknown is not in the cache"),
            std::string::npos)
      << recorded.error().message;
  EXPECT_TRUE(revisionsOf("ds-unknown").empty());
}

TEST_F(SqliteRevisionCacheTest, PrunedIsMarkedOnce) {
  ASSERT_TRUE(cache_->recordRevision(makeRevision("rev-a", "ds-1", 1), 1100));
  ASSERT_TRUE(cache_->markRevisionPruned("rev-a", 2000));
  ASSERT_TRUE(cache_->markRevisionPruned("rev-a", 3000));
  EXPECT_EQ(revisionsOf("ds-1")[0].prunedAt, 2000);
  auto missing = cache_->markRevisionPruned("rev-unknown", 2000);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("no such revision"), std::string::npos);
}

TEST_F(SqliteRevisionCacheTest, RolloutLogAndLastKnownGood) {
  EXPECT_EQ(cache_->lastKnownGood("ds-1").value(), std::nullopt);
  const auto first = cache_->startRollout("ds-1", "rev-a", 100, 3).value();
  ASSERT_TRUE(cache_->finishRollout(first, RolloutOutcome::Complete, 160, 3));
  const auto second = cache_->startRollout("ds-1", "rev-b", 200, 3).value();
  ASSERT_TRUE(cache_->finishRollout(second, RolloutOutcome::InProgress, 210, 1));  // progress
  ASSERT_TRUE(cache_->finishRollout(second, RolloutOutcome::Stuck, 900, 1));
  const auto third = cache_->startRollout("ds-1", "rev-c", 1000, 4).value();
  EXPECT_EQ(cache_->lastKnownGood("ds-1").value(), "rev-a");

  ASSERT_TRUE(cache_->finishRollout(third, RolloutOutcome::Complete, 1100, 4));
  EXPECT_EQ(cache_->lastKnownGood("ds-1").value(), "rev-c");

  const auto rows = cache_->rollouts("ds-1").value();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].id, first);
  EXPECT_EQ(rows[0].revisionUid, "rev-a");
  EXPECT_EQ(rows[0].startedAt, 100);
  EXPECT_EQ(rows[0].endedAt, 160);
  EXPECT_EQ(rows[0].outcome, RolloutOutcome::Complete);
  EXPECT_EQ(rows[0].nodesDesired, 3);
  EXPECT_EQ(rows[0].nodesUpdated, 3);
  EXPECT_EQ(rows[1].outcome, RolloutOutcome::Stuck);
  EXPECT_EQ(rows[1].endedAt, 900);
  EXPECT_EQ(rows[1].nodesUpdated, 1);
  EXPECT_EQ(rows[2].daemonSetUid, "ds-1");
  EXPECT_EQ(rows[2].nodesDesired, 4);
}

TEST_F(SqliteRevisionCacheTest, AnOpenRolloutHasNoEnd) {
  const auto id = cache_->startRollout("ds-1", "rev-a", 100, 3).value();
  ASSERT_TRUE(cache_->finishRollout(id, RolloutOutcome::InProgress, 150, 2));
  const auto rows = cache_->rollouts("ds-1").value();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].outcome, RolloutOutcome::InProgress);
  EXPECT_EQ(rows[0].endedAt, std::nullopt);
  EXPECT_EQ(rows[0].nodesUpdated, 2);
  EXPECT_FALSE(cache_->finishRollout(id + 1, RolloutOutcome::Complete, 1, 1));
  EXPECT_FALSE(cache_->startRollout("ds-unknown", "rev-a", 1, 1));
}

TEST_F(SqliteRevisionCacheTest, OutcomeNames) {
  EXPECT_EQ(toString(RolloutOutcome::InProgress), "InProgress");
  EXPECT_EQ(toString(RolloutOutcome::Complete), "Complete");
  EXPECT_EQ(toString(RolloutOutcome::Superseded), "Superseded");
  EXPECT_EQ(toString(RolloutOutcome::Stuck), "Stuck");
}

TEST_F(SqliteRevisionCacheTest, LastSyncedPerNamespaceAndForAll) {
  EXPECT_EQ(cache_->lastSynced(cluster_, "kube-system").value(), std::nullopt);
  ASSERT_TRUE(cache_->markSynced(cluster_, "kube-system", 500));
  ASSERT_TRUE(cache_->markSynced(cluster_, "kube-system", 400));  // never goes back
  EXPECT_EQ(cache_->lastSynced(cluster_, "kube-system").value(), 500);
  EXPECT_EQ(cache_->lastSynced(cluster_, "monitoring").value(), std::nullopt);
  ASSERT_TRUE(cache_->markSynced(cluster_, "", 700));  // every namespace
  EXPECT_EQ(cache_->lastSynced(cluster_, "monitoring").value(), 700);
  EXPECT_EQ(cache_->lastSynced(cluster_, "kube-system").value(), 700);
  EXPECT_EQ(cache_->lastSynced(cluster_, "").value(), 700);
  EXPECT_FALSE(cache_->markSynced(cluster_ + 100, "x", 1));
}

TEST_F(SqliteRevisionCacheTest, TransactionRollsBackWhenTheFunctionFails) {
  auto result = cache_->transaction([&]() -> tl::expected<void, CacheError> {
    if (auto r = cache_->recordRevision(makeRevision("rev-a", "ds-1", 1), 1100); !r) {
      return r;
    }
    return tl::unexpected(CacheError{"stop"});
  });
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "stop");
  EXPECT_TRUE(revisionsOf("ds-1").empty());
}

TEST_F(SqliteRevisionCacheTest, TransactionRollsBackOnAFailedWrite) {
  auto result = cache_->transaction([&]() -> tl::expected<void, CacheError> {
    if (auto r = cache_->recordRevision(makeRevision("rev-a", "ds-1", 1), 1100); !r) {
      return r;
    }
    return cache_->recordRevision(makeRevision("rev-b", "ds-unknown", 1), 1100);
  });
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, SQLITE_CONSTRAINT_FOREIGNKEY);
  EXPECT_TRUE(revisionsOf("ds-1").empty());
}

TEST_F(SqliteRevisionCacheTest, TransactionRollsBackOnAnException) {
  EXPECT_THROW((void)cache_->transaction([&]() -> tl::expected<void, CacheError> {
    (void)cache_->recordRevision(makeRevision("rev-a", "ds-1", 1), 1100);
    throw std::runtime_error("broken invariant");
  }),
               std::runtime_error);
  EXPECT_TRUE(revisionsOf("ds-1").empty());
  // And the connection is usable again.
  ASSERT_TRUE(cache_->recordRevision(makeRevision("rev-a", "ds-1", 1), 1100));
}

TEST_F(SqliteRevisionCacheTest, AFailedWriteInsideATransactionLeavesTheOthers) {
  // The caller may decide to carry on: a failed step undoes only its own writes.
  auto result = cache_->transaction([&]() -> tl::expected<void, CacheError> {
    (void)cache_->recordRevision(makeRevision("rev-a", "ds-1", 1), 1100);
    EXPECT_FALSE(cache_->recordRevision(makeRevision("rev-b", "ds-unknown", 1), 1100));
    return {};
  });
  ASSERT_TRUE(result);
  EXPECT_EQ(revisionsOf("ds-1").size(), 1u);
}

TEST_F(SqliteRevisionCacheTest, InfoCountsEverything) {
  ASSERT_TRUE(cache_->recordRevision(makeRevision("rev-a", "ds-1", 1), 1100));
  ASSERT_TRUE(cache_->recordRevision(makeRevision("rev-b", "ds-1", 2), 1100));
  ASSERT_TRUE(cache_->startRollout("ds-1", "rev-b", 1, 1));
  const CacheInfo info = cache_->info().value();
  EXPECT_EQ(info.path, ":memory:");
  EXPECT_EQ(info.clusters, 1);
  EXPECT_EQ(info.daemonSets, 1);
  EXPECT_EQ(info.revisions, 2);
  EXPECT_EQ(info.rollouts, 1);
  EXPECT_EQ(info.schemaVersion, 1);
  EXPECT_GT(info.fileBytes, 0);
  EXPECT_GE(info.freeBytes, 0);
}

}  // namespace
}  // namespace dsroll::cache
