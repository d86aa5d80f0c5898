// SqliteRevisionCache::prune: only revisions the cluster no longer has, oldest pruned first.

#include <set>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "cache/SqliteRevisionCache.hpp"
#include "tests/unit/cache/CacheTestSupport.hpp"

namespace dsroll::cache {
namespace {

using test::makeDaemonSet;
using test::makeRevision;

class RevisionCachePruneTest : public ::testing::Test {
 protected:
  void SetUp() override { open(":memory:"); }

  void open(const std::string& path) {
    auto opened = RevisionCache::open(path);
    ASSERT_TRUE(opened) << opened.error().message;
    cache_ = std::move(*opened);
    cluster_ = cache_->clusterId({"https://127.0.0.1:6443", "kind"}).value();
    ASSERT_TRUE(cache_->recordDaemonSet(cluster_, makeDaemonSet("ds-1"), 100));
    ASSERT_TRUE(cache_->recordDaemonSet(cluster_, makeDaemonSet("ds-2", "calico"), 100));
    // ds-1: r01..r10; the cluster pruned r01..r06, in an order unlike their names.
    for (int i = 1; i <= 10; ++i) {
      ASSERT_TRUE(cache_->recordRevision(makeRevision(uid(i), "ds-1", i), 100));
    }
    const int prunedOrder[] = {3, 1, 6, 2, 5, 4};
    for (int k = 0; k < 6; ++k) {
      ASSERT_TRUE(cache_->markRevisionPruned(uid(prunedOrder[k]), 1000 + k));
    }
    ASSERT_TRUE(cache_->recordRevision(makeRevision("c01", "ds-2", 1), 100));
    ASSERT_TRUE(cache_->markRevisionPruned("c01", 900));
  }

  static std::string uid(int i) { return (i < 10 ? "r0" : "r") + std::to_string(i); }

  std::set<std::string> kept(const std::string& ds = "ds-1") {
    std::set<std::string> uids;
    const auto rows =
        cache_->revisions(ds).value();  // a named copy: value() of a temporary dangles
    for (const auto& row : rows) {
      uids.insert(row.info.uid);
    }
    return uids;
  }

  std::set<std::string> keptFrom(std::initializer_list<int> numbers) {
    std::set<std::string> uids;
    for (int i : numbers) {
      uids.insert(uid(i));
    }
    return uids;
  }

  std::unique_ptr<RevisionCache> cache_;
  std::int64_t cluster_ = 0;
};

TEST_F(RevisionCachePruneTest, AnEmptyPolicyRemovesNoRevision) {
  const auto result = cache_->prune({}).value();
  EXPECT_EQ(result.revisionsRemoved, 0);
  EXPECT_EQ(kept().size(), 10u);
  EXPECT_EQ(result.bytesAfter, result.bytesBefore);
}

TEST_F(RevisionCachePruneTest, PrunedBeforeRemovesOnlyThoseTheClusterDroppedEarlier) {
  // Pruned at 1000 (r03), 1001 (r01), 1002 (r06); r02, r05, r04 later; r07..r10 still live.
  const auto result = cache_->prune({.prunedBefore = 1003}).value();
  EXPECT_EQ(result.revisionsRemoved, 4);  // and c01 of ds-2, pruned at 900
  EXPECT_EQ(kept(), keptFrom({2, 4, 5, 7, 8, 9, 10}));
  EXPECT_TRUE(kept("ds-2").empty());
  EXPECT_EQ(result.daemonSetsRemoved, 0);  // ds-2 is not deleted
}

TEST_F(RevisionCachePruneTest, NeverRemovesWhatTheClusterStillHas) {
  const auto result = cache_->prune({.prunedBefore = 1'000'000, .maxBytes = 0}).value();
  EXPECT_EQ(result.revisionsRemoved, 7);
  EXPECT_EQ(kept(), keptFrom({7, 8, 9, 10}));
  EXPECT_GT(result.bytesAfter, 0);
}

TEST_F(RevisionCachePruneTest, MaxBytesRemovesTheOldestPrunedFirstUntilUnder) {
  const auto before = cache_->prune({}).value().bytesBefore;
  // Each revision holds about 3 KB: ask for roughly two of them back.
  const std::int64_t target = before - 6000;
  const auto result = cache_->prune({.maxBytes = target}).value();
  EXPECT_EQ(result.bytesBefore, before);
  EXPECT_LE(result.bytesAfter, target);
  EXPECT_GE(result.revisionsRemoved, 2);
  EXPECT_LT(result.revisionsRemoved, 7);
  // Order of pruning: c01 (900), r03, r01, r06, r02, r05, r04.
  const std::vector<std::string> order{"c01", "r03", "r01", "r06", "r02", "r05", "r04"};
  std::set<std::string> all = kept();
  for (const auto& u : kept("ds-2")) {
    all.insert(u);
  }
  for (std::size_t i = 0; i < order.size(); ++i) {
    const bool removed = i < static_cast<std::size_t>(result.revisionsRemoved);
    EXPECT_EQ(all.count(order[i]), removed ? 0u : 1u) << order[i];
  }
  EXPECT_EQ(all.size(), 11u - static_cast<std::size_t>(result.revisionsRemoved));
}

TEST_F(RevisionCachePruneTest, KeepsTheLastKnownGoodOfALiveDaemonSet) {
  const auto id = cache_->startRollout("ds-1", uid(2), 50, 3).value();
  ASSERT_TRUE(cache_->finishRollout(id, RolloutOutcome::Complete, 60, 3));
  ASSERT_TRUE(cache_->prune({.prunedBefore = 1'000'000}));
  EXPECT_EQ(kept(), keptFrom({2, 7, 8, 9, 10}));
  EXPECT_EQ(cache_->lastKnownGood("ds-1").value(), uid(2));

  ASSERT_TRUE(cache_->markDaemonSetDeleted("ds-1", 2000));
  ASSERT_TRUE(cache_->prune({.prunedBefore = 1'000'000}));
  EXPECT_EQ(kept(), keptFrom({7, 8, 9, 10}));
}

TEST_F(RevisionCachePruneTest, RemovesDeletedDaemonSetsWithNoRevisionsLeft) {
  ASSERT_TRUE(cache_->startRollout("ds-2", "c01", 50, 3));
  ASSERT_TRUE(cache_->markDaemonSetDeleted("ds-2", 950));
  ASSERT_TRUE(cache_->markDaemonSetDeleted("ds-1", 950));  // still has live revisions
  const auto result = cache_->prune({.prunedBefore = 1'000'000}).value();
  EXPECT_EQ(result.daemonSetsRemoved, 1);
  EXPECT_TRUE(cache_->findDaemonSets(cluster_, "kube-system", "calico").value().empty());
  EXPECT_TRUE(cache_->rollouts("ds-2").value().empty());
  EXPECT_EQ(cache_->findDaemonSets(cluster_, "kube-system", "fluentd").value().size(), 1u);
}

TEST_F(RevisionCachePruneTest, ADeletedDaemonSetIsKeptUntilTheCutoff) {
  ASSERT_TRUE(cache_->markDaemonSetDeleted("ds-2", 5000));
  const auto result = cache_->prune({.prunedBefore = 4000}).value();
  EXPECT_EQ(result.daemonSetsRemoved, 0);
  EXPECT_EQ(cache_->findDaemonSets(cluster_, "kube-system", "calico").value().size(), 1u);
}

TEST_F(RevisionCachePruneTest, CanBeLimitedToOneDaemonSet) {
  const auto result = cache_->prune({.prunedBefore = 1'000'000, .daemonSetUid = "ds-2"}).value();
  EXPECT_EQ(result.revisionsRemoved, 1);
  EXPECT_TRUE(kept("ds-2").empty());
  EXPECT_EQ(kept().size(), 10u);
}

TEST(RevisionCachePruneFileTest, RemovesTheNumberHistoryWithTheRevision) {
  test::TempDir dir;
  const std::string path = dir.file("cache.db");
  {
    auto cache = RevisionCache::open(path).value();
    const auto cluster = cache->clusterId({"s", "c"}).value();
    ASSERT_TRUE(cache->recordDaemonSet(cluster, makeDaemonSet("ds-1"), 1));
    ASSERT_TRUE(cache->recordRevision(makeRevision("r1", "ds-1", 1), 1));
    ASSERT_TRUE(cache->recordRevision(makeRevision("r1", "ds-1", 3), 2));
    ASSERT_TRUE(cache->recordRevision(makeRevision("r2", "ds-1", 2), 1));
    ASSERT_TRUE(cache->markRevisionPruned("r1", 5));
    EXPECT_EQ(cache->prune({.prunedBefore = 10}).value().revisionsRemoved, 1);
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT group_concat(revision_uid) FROM revision_numbers", -1,
                               &stmt, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "r2");
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

}  // namespace
}  // namespace dsroll::cache
