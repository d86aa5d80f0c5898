// Watches that outlive the API server: on a cluster of its own (run-with-cluster, since it stops
// components), a Reflector watches ConfigMaps while they change and the API server is restarted;
// afterwards the reflector has delivered every change once, in order, and its view equals a
// fresh list. Then a watch that resumes from a compacted resourceVersion gets 410 Gone and the
// reflector relists.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "tests/integration/kube/ConfigMapWriter.hpp"
#include "tests/integration/kube/KubeTestSupport.hpp"
#include "tests/integration/kube/ReflectorHarness.hpp"

namespace dsroll::kube {
namespace {

using namespace std::chrono_literals;

/** A write the writer knows succeeded. */
struct Write {
  std::string name;
  std::uint64_t version = 0;  // 0 for deletes (the response does not carry the deletion's)
  bool deleted = false;
};

class WatchSurvivalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    kubeconfig_ = testing::clusterKubeconfig();
    if (kubeconfig_.empty()) GTEST_SKIP() << "DSROLL_TEST_KUBECONFIG is not set";
    cluster_ = testing::clusterName(kubeconfig_);
    admin_ = testing::restConfig(kubeconfig_);
  }

  void component(const std::string& action, const std::string& which) {
    auto done = testing::runProcess(
        {testing::sourceRoot() + "/tests/cluster/component", "--name", cluster_, action, which});
    ASSERT_EQ(0, done.exitCode) << done.err;
  }

  void proxy(const std::string& action) {
    auto done = testing::runProcess(
        {testing::sourceRoot() + "/tests/cluster/proxy", "--name", cluster_, action});
    ASSERT_EQ(0, done.exitCode) << done.err;
  }

  /** Compacts etcd up to its current revision (through its JSON gateway). */
  void compactEtcd() {
    const std::string stateRoot = std::getenv("DSROLL_CLUSTER_STATE")
                                      ? std::getenv("DSROLL_CLUSTER_STATE")  // NOLINT
                                      : "/tmp/dsroll-clusters";
    std::ifstream env(stateRoot + "/" + cluster_ + "/cluster.env");
    std::string line, port;
    while (std::getline(env, line)) {
      if (line.rfind("ETCD_PORT=", 0) == 0) port = line.substr(10);
    }
    ASSERT_FALSE(port.empty());
    const std::string base = "http://127.0.0.1:" + port + "/v3/kv/";
    auto range = testing::runProcess(
        {"curl", "-sf", "-X", "POST", base + "range", "-d", R"({"key":"AA=="})"});
    ASSERT_EQ(0, range.exitCode) << range.err;
    const std::string revision = nlohmann::json::parse(range.out)["header"]["revision"];
    auto compact = testing::runProcess({"curl", "-sf", "-X", "POST", base + "compaction", "-d",
                                        R"({"revision":")" + revision + R"(","physical":true})"});
    ASSERT_EQ(0, compact.exitCode) << compact.err;
    std::printf("compacted etcd at revision %s\n", revision.c_str());
  }

  /** Waits until the reflector's view has caught up with `listing`'s resourceVersion. */
  static bool caughtUp(testing::ReflectorHarness& harness,
                       const testing::ConfigMapWriter::Listing& listing) {
    for (int i = 0; i < 600; ++i) {
      const bool same = harness.inspect<bool>([&] {
        const auto& view = harness.recorder(0).view;
        if (view.size() != listing.items.size()) return false;
        for (const auto& [name, known] : listing.items) {
          auto it = view.find(name);
          if (it == view.end() || it->second.resourceVersion != known.resourceVersion) return false;
        }
        return true;
      });
      if (same) return true;
      std::this_thread::sleep_for(50ms);
    }
    return false;
  }

  static void expectViewEquals(testing::ReflectorHarness& harness,
                               const testing::ConfigMapWriter::Listing& listing) {
    const auto view = harness.inspect<std::map<std::string, testing::Known>>(
        [&] { return harness.recorder(0).view; });
    ASSERT_EQ(listing.items.size(), view.size());
    for (const auto& [name, known] : listing.items) {
      auto it = view.find(name);
      ASSERT_NE(it, view.end()) << name << " is missing from the reflector's view";
      EXPECT_EQ(known.resourceVersion, it->second.resourceVersion) << name;
      EXPECT_EQ(known.value, it->second.value) << name;
    }
  }

  std::string kubeconfig_;
  std::string cluster_;
  RestConfig admin_;
};

TEST_F(WatchSurvivalTest, ApiServerRestartInTheMiddleOfAWatch) {
  const std::string ns = testing::uniqueName("watch-restart");
  testing::ConfigMapWriter writer(admin_, ns);
  ASSERT_TRUE(writer.createNamespace());

  testing::ReflectorHarness harness(admin_);
  ReflectorOptions options;
  options.initialBackoff = 200ms;
  options.maxBackoff = 2s;
  harness.add(WatchTarget{testing::kConfigMaps, ns, testing::kWatchedLabel, ""}, options);
  harness.start();

  std::vector<Write> writes;
  std::map<std::string, bool> exists;
  int failures = 0;
  int step = 0;
  // Writes until `until`; retried on failure (the API server may be down).
  auto writeFor = [&](std::chrono::steady_clock::duration length) {
    const auto until = std::chrono::steady_clock::now() + length;
    while (std::chrono::steady_clock::now() < until) {
      const std::string name = "cm-" + std::to_string(step % 7);
      const std::string value = "v" + std::to_string(step);
      if (exists[name] && step % 11 == 10) {
        if (writer.remove(name)) {
          writes.push_back({name, 0, true});
          exists[name] = false;
          ++step;
        } else {
          ++failures;
          std::this_thread::sleep_for(100ms);
        }
        continue;
      }
      auto version = writer.put(name, value, !exists[name]);
      if (version) {
        writes.push_back({name, *version, false});
        exists[name] = true;
        ++step;
      } else {
        // A create that happened although its answer was lost: replace from now on.
        if (version.error().httpStatus == 409) exists[name] = true;
        if (version.error().httpStatus == 404) exists[name] = false;
        ++failures;
        std::this_thread::sleep_for(100ms);
      }
      std::this_thread::sleep_for(20ms);
    }
  };

  writeFor(3s);
  std::thread restart([&] { component("restart", "apiserver"); });
  writeFor(4s);
  restart.join();
  writeFor(3s);

  auto listing = writer.list();
  ASSERT_TRUE(listing) << listing.error().message;
  ASSERT_TRUE(caughtUp(harness, *listing)) << "the reflector did not catch up with the server";
  expectViewEquals(harness, *listing);

  const auto recorder = harness.inspect<testing::Recorder>([&] { return harness.recorder(0); });
  const auto stats = harness.inspect<ReflectorStats>([&] { return harness.reflector(0).stats(); });
  for (const auto& problem : recorder.problems)
    ADD_FAILURE() << problem;

  // Every write the writer saw succeed was delivered exactly once, unless a relist (after 410)
  // skipped it: then a later version of that object came through the list.
  int collapsed = 0;
  int deletes = 0;
  for (const auto& write : writes) {
    if (write.deleted) {
      ++deletes;
      continue;
    }
    const auto& delivered = recorder.delivered.at(write.name);
    const auto count = std::count(delivered.begin(), delivered.end(), write.version);
    if (count == 1) continue;
    ASSERT_EQ(0, count) << write.name << " version " << write.version << " delivered " << count
                        << " times";
    const auto& listed = recorder.listed.count(write.name) != 0 ? recorder.listed.at(write.name)
                                                                : std::set<std::uint64_t>{};
    const bool supersededByList =
        std::any_of(listed.begin(), listed.end(), [&](auto v) { return v > write.version; }) ||
        (recorder.deletions.count(write.name) != 0);
    EXPECT_TRUE(supersededByList && stats.lists > 1)
        << write.name << " version " << write.version << " was never delivered";
    ++collapsed;
  }
  std::printf(
      "MEASURE watch across an API server restart: %zu writes (%d deletes), %d write "
      "failures while it restarted, %lld events delivered, %lld lists, %lld watches, "
      "%lld 410s, %d writes only seen collapsed into a relist\n",
      writes.size(), deletes, failures, static_cast<long long>(recorder.events),
      static_cast<long long>(stats.lists), static_cast<long long>(stats.watches),
      static_cast<long long>(stats.gone), collapsed);
  EXPECT_GT(failures + static_cast<int>(stats.watches), 1) << "the restart went unnoticed";
  harness.stop();
  writer.deleteNamespace();
}

TEST_F(WatchSurvivalTest, GoneAfterCompactionForcesARelist) {
  const std::string ns = testing::uniqueName("watch-gone");
  testing::ConfigMapWriter writer(admin_, ns);
  ASSERT_TRUE(writer.createNamespace());
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(writer.put("cm-" + std::to_string(i), "a", true));

  // The reflector goes through the proxy, so it alone can be cut off while the rest goes on.
  const RestConfig proxied = testing::restConfig(kubeconfig_, "proxied@" + cluster_);
  testing::ReflectorHarness harness(proxied);
  ReflectorOptions options;
  options.initialBackoff = 200ms;
  options.maxBackoff = 1s;
  harness.add(WatchTarget{testing::kConfigMaps, ns, testing::kWatchedLabel, ""}, options);
  harness.start();
  auto first = writer.list();
  ASSERT_TRUE(first);
  ASSERT_TRUE(caughtUp(harness, *first));

  proxy("disable");
  // Changes it cannot see: updates, a delete, a create.
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 4; ++i)
      ASSERT_TRUE(writer.put("cm-" + std::to_string(i), "b" + std::to_string(round), false));
  }
  ASSERT_TRUE(writer.remove("cm-4"));
  ASSERT_TRUE(writer.put("cm-new", "c", true));
  compactEtcd();
  // A new API server has an empty watch cache: the old resourceVersion is gone for good.
  component("restart", "apiserver");
  proxy("enable");

  auto listing = writer.list();
  ASSERT_TRUE(listing) << listing.error().message;
  ASSERT_TRUE(caughtUp(harness, *listing)) << "the reflector did not catch up after 410";
  expectViewEquals(harness, *listing);
  const auto stats = harness.inspect<ReflectorStats>([&] { return harness.reflector(0).stats(); });
  const auto recorder = harness.inspect<testing::Recorder>([&] { return harness.recorder(0); });
  for (const auto& problem : recorder.problems)
    ADD_FAILURE() << problem;
  std::printf(
      "MEASURE resume from a compacted resourceVersion: %lld lists, %lld watches, %lld "
      "410s\n",
      static_cast<long long>(stats.lists), static_cast<long long>(stats.watches),
      static_cast<long long>(stats.gone));
  EXPECT_GE(stats.gone, 1);
  EXPECT_GE(stats.lists, 2);
  EXPECT_EQ(1u, recorder.deletions.count("cm-4"));
  harness.stop();
  writer.deleteNamespace();
}

}  // namespace
}  // namespace dsroll::kube
