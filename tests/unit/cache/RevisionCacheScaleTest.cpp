// Ten thousand realistic revisions in one transaction: checks they all land and prints the time
// and the bytes per revision (no wall-clock assertion: the machine is shared).

#include <time.h>

#include <chrono>
#include <filesystem>
#include <iostream>

#include <gtest/gtest.h>

#include "cache/RevisionCache.hpp"
#include "tests/unit/cache/CacheTestSupport.hpp"

namespace dsroll::cache {
namespace {

using Clock = std::chrono::steady_clock;

double millisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// CPU time of the process: on a shared machine it says more than the wall clock.
double cpuMilliseconds() {
  timespec ts{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
}

TEST(RevisionCacheScaleTest, TenThousandRevisionsInOneTransaction) {
  constexpr int kDaemonSets = 100;
  constexpr int kPerDaemonSet = 100;
  test::TempDir dir;
  auto cache = RevisionCache::open(dir.file("cache.db")).value();
  const auto cluster = cache->clusterId({"https://127.0.0.1:6443", "kind"}).value();
  std::vector<RevisionInfo> revisions;
  std::size_t dataBytes = 0;
  for (int d = 0; d < kDaemonSets; ++d) {
    const std::string ds = "ds-" + std::to_string(d);
    ASSERT_TRUE(
        cache->recordDaemonSet(cluster, test::makeDaemonSet(ds, "agent-" + std::to_string(d)), 1));
    for (int r = 1; r <= kPerDaemonSet; ++r) {
      revisions.push_back(test::makeRevision(ds + "-rev-" + std::to_string(r), ds, r));
      dataBytes += revisions.back().data.size();
    }
  }

  const auto start = Clock::now();
  const double startCpu = cpuMilliseconds();
  ASSERT_TRUE(cache->transaction([&]() -> tl::expected<void, CacheError> {
    for (const auto& rev : revisions) {
      if (auto recorded = cache->recordRevision(rev, 2); !recorded) {
        return recorded;
      }
    }
    return {};
  }));
  const double writeMs = millisecondsSince(start);
  const double writeCpuMs = cpuMilliseconds() - startCpu;

  const auto again = Clock::now();
  ASSERT_TRUE(cache->transaction([&]() -> tl::expected<void, CacheError> {
    for (const auto& rev : revisions) {
      if (auto recorded = cache->recordRevision(rev, 3); !recorded) {
        return recorded;
      }
    }
    return {};
  }));
  const double unchangedMs = millisecondsSince(again);

  const auto read = Clock::now();
  const auto history = cache->revisions("ds-42").value();
  const double readMs = millisecondsSince(read);
  ASSERT_EQ(history.size(), static_cast<std::size_t>(kPerDaemonSet));
  EXPECT_EQ(history.back().info.data, revisions[42 * kPerDaemonSet + kPerDaemonSet - 1].data);

  const CacheInfo info = cache->info().value();
  ASSERT_EQ(info.revisions, kDaemonSets * kPerDaemonSet);
  const auto count = static_cast<double>(revisions.size());
  std::cout << "recorded " << revisions.size() << " revisions in one transaction: " << writeMs
            << " ms wall, " << writeCpuMs << " ms CPU (" << writeCpuMs * 1000.0 / count
            << " us each); unchanged again: " << unchangedMs
            << " ms; revisions() of one DaemonSet with " << kPerDaemonSet << ": " << readMs
            << " ms\n"
            << "data " << static_cast<double>(dataBytes) / count << " bytes per revision; cache "
            << info.fileBytes << " bytes with WAL = " << static_cast<double>(info.fileBytes) / count
            << " bytes per revision\n";
  // Closing checkpoints the WAL into the file and removes it: the size the cache settles at.
  cache.reset();
  const auto settled = static_cast<double>(std::filesystem::file_size(dir.file("cache.db")));
  const auto reopen = Clock::now();
  ASSERT_TRUE(RevisionCache::open(dir.file("cache.db")));  // includes PRAGMA quick_check
  std::cout << "after close: " << settled << " bytes = " << settled / count
            << " bytes per revision; reopening (quick_check) took " << millisecondsSince(reopen)
            << " ms\n";
  RecordProperty("write_ms", static_cast<int>(writeMs));
  RecordProperty("bytes_per_revision", static_cast<int>(settled / count));
}

}  // namespace
}  // namespace dsroll::cache
