// Numbers about the Kubernetes client against the real API server, printed for the record and
// never asserted on (the machine is shared): small GETs per second over one kept-alive
// connection, and memory per open watch. What is asserted is behaviour: one connection for all
// the GETs, one stream per watch.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "daemon/kube/ApiClient.hpp"
#include "daemon/kube/ResourcePath.hpp"
#include "tests/integration/kube/ConfigMapWriter.hpp"
#include "tests/integration/kube/KubeTestSupport.hpp"
#include "tests/integration/kube/ReflectorHarness.hpp"

namespace dsroll::kube {
namespace {

class ApiClientMeasureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    kubeconfig_ = testing::clusterKubeconfig();
    if (kubeconfig_.empty()) GTEST_SKIP() << "DSROLL_TEST_KUBECONFIG is not set";
    admin_ = testing::restConfig(kubeconfig_);
  }
  std::string kubeconfig_;
  RestConfig admin_;
};

TEST_F(ApiClientMeasureTest, SmallGetsOverOneKeptAliveConnection) {
  boost::asio::io_context io;
  ApiClient client(io.get_executor(), admin_, testing::testLogger());
  constexpr int kRequests = 2000;
  auto once = [&] {
    HttpRequest request;
    request.target = "/api/v1/namespaces/default";
    request.what = targetOf("get", kNodes, "", "default");
    return testing::runSync(io, client.send(std::move(request)));
  };
  ASSERT_TRUE(once());  // connect and handshake outside the measurement
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kRequests; ++i) {
    auto response = once();
    ASSERT_TRUE(response) << response.error().message;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "MEASURE small GETs over one kept-alive connection: %d in %.2f s = %.0f requests/s "
      "(%.3f ms each)\n",
      kRequests, seconds, kRequests / seconds, seconds * 1000.0 / kRequests);
  EXPECT_EQ(1, client.stats().connectionsOpened);
  EXPECT_EQ(kRequests + 1, client.stats().requests);
}

TEST_F(ApiClientMeasureTest, MemoryPerOpenWatch) {
  const std::string ns = testing::uniqueName("kube-mem");
  testing::ConfigMapWriter writer(admin_, ns);
  ASSERT_TRUE(writer.createNamespace());
  constexpr int kWatches = 100;
  {
    // One reflector first, so the TLS context, allocator arenas and the thread exist before.
    testing::ReflectorHarness warm(admin_);
    warm.add(WatchTarget{testing::kConfigMaps, ns, "w=warm", ""});
    warm.start();
    for (int i = 0;
         i < 100 && !warm.inspect<bool>([&] { return warm.reflector(0).stats().watching; }); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  testing::ReflectorHarness harness(admin_);
  for (int i = 0; i < kWatches; ++i) {
    harness.add(WatchTarget{testing::kConfigMaps, ns, "w=" + std::to_string(i), ""});
  }
  const std::int64_t before = testing::residentKiB();
  harness.start();
  int watching = 0;
  for (int tries = 0; tries < 600 && watching < kWatches; ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    watching = harness.inspect<int>([&] {
      int n = 0;
      for (int i = 0; i < kWatches; ++i)
        n += harness.reflector(static_cast<std::size_t>(i)).stats().watching;
      return n;
    });
  }
  ASSERT_EQ(kWatches, watching);
  const std::int64_t after = testing::residentKiB();
  const auto stats = harness.clientStats();
  std::printf(
      "MEASURE memory per open watch: RSS %lld KiB before, %lld KiB with %d watches: "
      "%.1f KiB per watch (%lld connections opened, %lld streams open)\n",
      static_cast<long long>(before), static_cast<long long>(after), kWatches,
      static_cast<double>(after - before) / kWatches,
      static_cast<long long>(stats.connectionsOpened), static_cast<long long>(stats.streamsOpen));
  EXPECT_EQ(kWatches, stats.streamsOpen);
  harness.stop();
  writer.deleteNamespace();
}

}  // namespace
}  // namespace dsroll::kube
