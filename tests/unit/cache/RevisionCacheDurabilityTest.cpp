// A writer killed with SIGKILL in the middle of a burst of transactions leaves a database that
// passes integrity_check and holds every transaction whose commit returned.

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "cache/RevisionCache.hpp"
#include "tests/unit/cache/CacheTestSupport.hpp"

namespace dsroll::cache {
namespace {

using test::makeDaemonSet;
using test::makeRevision;

// The child: commits batches of revisions forever, writing each committed uid to ackFd only
// after commit() returned. Never returns.
[[noreturn]] void writeUntilKilled(const std::string& path, int ackFd, int round) {
  auto cache = RevisionCache::open(path);
  if (!cache) {
    ::_exit(3);
  }
  auto& c = **cache;
  const auto cluster = c.clusterId({"https://127.0.0.1:6443", "kind"});
  if (!cluster || !c.recordDaemonSet(*cluster, makeDaemonSet("ds-1"), 1)) {
    ::_exit(4);
  }
  std::mt19937 gen(static_cast<unsigned>(round));
  for (int batch = 0;; ++batch) {
    const int size = 1 + static_cast<int>(gen() % 20);
    std::vector<std::string> uids;
    auto committed = c.transaction([&]() -> tl::expected<void, CacheError> {
      for (int i = 0; i < size; ++i) {
        // Appended piecewise: g++ 12 -O3 warns falsely (-Wrestrict) on a chain of operator+.
        std::string uid = "r";
        uid.append(std::to_string(round)).append("-").append(std::to_string(batch));
        uids.push_back(uid.append("-").append(std::to_string(i)));
        if (auto r = c.recordRevision(makeRevision(uids.back(), "ds-1", batch * 100 + i), 1); !r) {
          return r;
        }
      }
      return {};
    });
    if (!committed) {
      ::_exit(5);
    }
    for (const std::string& uid : uids) {
      const std::string line = uid + "\n";  // under PIPE_BUF: one atomic write
      if (::write(ackFd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
        ::_exit(6);
      }
    }
  }
}

std::set<std::string> readAcks(int fd, std::string& partial) {
  std::set<std::string> uids;
  char buffer[4096];
  for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;) {
    partial.append(buffer, static_cast<std::size_t>(n));
  }
  for (std::size_t end; (end = partial.find('\n')) != std::string::npos;) {
    uids.insert(partial.substr(0, end));
    partial.erase(0, end + 1);
  }
  return uids;
}

std::string integrityCheck(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
  sqlite3_stmt* stmt = nullptr;
  std::string result = "no answer";
  if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    result = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return result;
}

TEST(RevisionCacheDurabilityTest, EveryAcknowledgedCommitSurvivesSigkill) {
  test::TempDir dir;
  const std::string path = dir.file("cache.db");
  std::set<std::string> acknowledged;
  std::mt19937 gen(20240501);
  constexpr int kRounds = 25;
  for (int round = 0; round < kRounds; ++round) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::close(fds[0]);
      writeUntilKilled(path, fds[1], round);
    }
    ::close(fds[1]);
    // Kill after the first acknowledgement plus a random few milliseconds: mid-burst.
    std::string partial;
    char first = 0;
    ASSERT_EQ(::read(fds[0], &first, 1), 1) << "the writer died before its first commit";
    partial.push_back(first);
    std::this_thread::sleep_for(std::chrono::microseconds(gen() % 30000));
    ASSERT_EQ(::kill(child, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status)) << "writer exited with " << WEXITSTATUS(status);
    const auto acks = readAcks(fds[0], partial);  // the write end is closed: reads to EOF
    ::close(fds[0]);
    acknowledged.insert(acks.begin(), acks.end());

    ASSERT_EQ(integrityCheck(path), "ok") << "round " << round;
    std::vector<OpenNotice> notices;
    auto cache = RevisionCache::open(path, &notices);
    ASSERT_TRUE(cache) << cache.error().message;
    ASSERT_TRUE(notices.empty()) << notices[0].message;
    const auto rows = (*cache)->revisions("ds-1").value();
    std::set<std::string> stored;
    for (const auto& row : rows) {
      stored.insert(row.info.uid);
    }
    for (const auto& uid : acknowledged) {
      ASSERT_EQ(stored.count(uid), 1u)
          << "acknowledged revision " << uid << " lost in round " << round;
    }
  }
  RecordProperty("acknowledged", static_cast<int>(acknowledged.size()));
  std::cout << "acknowledged " << acknowledged.size() << " revisions over " << kRounds
            << " SIGKILLed writers\n";
  EXPECT_GT(acknowledged.size(), static_cast<std::size_t>(kRounds));
}

}  // namespace
}  // namespace dsroll::cache
