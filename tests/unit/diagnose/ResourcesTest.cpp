#include "daemon/diagnose/Resources.hpp"

#include <gtest/gtest.h>

namespace dsroll::diagnose {
namespace {

nlohmann::json container(const std::string& cpu, const std::string& memory) {
  return {{"name", "c"}, {"resources", {{"requests", {{"cpu", cpu}, {"memory", memory}}}}}};
}

TEST(ResourcesTest, SumsContainersAndCountsOnePod) {
  const nlohmann::json spec = {
      {"containers", {container("100m", "100Mi"), container("250m", "1Gi")}}};
  const auto r = podRequests(spec);
  EXPECT_EQ(r.cpuMilli, 350);
  EXPECT_EQ(r.memoryBytes, 1124LL * 1024 * 1024);
  EXPECT_EQ(r.pods, 1);
}

TEST(ResourcesTest, LimitsStandInForMissingRequests) {
  const nlohmann::json spec = {
      {"containers",
       {{{"name", "c"}, {"resources", {{"limits", {{"cpu", "1"}, {"memory", "2Gi"}}}}}}}}};
  const auto r = podRequests(spec);
  EXPECT_EQ(r.cpuMilli, 1000);
  EXPECT_EQ(r.memoryBytes, 2LL << 30);
}

TEST(ResourcesTest, InitContainersCountAtTheirPeakWithSidecarsBeforeThem) {
  auto sidecar = container("100m", "100Mi");
  sidecar["restartPolicy"] = "Always";
  const nlohmann::json spec = {{"initContainers", {sidecar, container("1", "50Mi")}},
                               {"containers", {container("200m", "200Mi")}},
                               {"overhead", {{"cpu", "10m"}, {"memory", "1Mi"}}}};
  const auto r = podRequests(spec);
  // cpu: init peak 100m + 1 = 1100m beats 200m + 100m; memory: 200Mi + 100Mi beats 150Mi.
  EXPECT_EQ(r.cpuMilli, 1110);
  EXPECT_EQ(r.memoryBytes, 301LL * 1024 * 1024);
}

TEST(ResourcesTest, ShortfallIsPerResourceAndNeverNegative) {
  const auto s = shortfall(Requests{500, 2LL << 30, 1}, Requests{1000, 1LL << 30, 0});
  EXPECT_EQ(s.cpuMilli, 0);
  EXPECT_EQ(s.memoryBytes, 1LL << 30);
  EXPECT_EQ(s.pods, 1);
}

TEST(ResourcesTest, DescribesAmountsAsQuantities) {
  EXPECT_EQ(describe(Requests{100, 2LL << 30, 1}), "cpu 100m, memory 2Gi, 1 pod");
  EXPECT_EQ(describe(Requests{2000, 0, 3}), "cpu 2, 3 pods");
  EXPECT_EQ(describe(Requests{0, 1536LL << 20, 1}, false), "memory 1536Mi");
  EXPECT_EQ(describe(Requests{}), "none");
  EXPECT_EQ(formatMemory(1536LL << 20), "1536Mi");
  EXPECT_EQ(formatMemory((3LL << 30) + 12345), "~3.0Gi");
  EXPECT_EQ(toJson(Requests{100, 512LL << 20, 1}),
            (nlohmann::json{{"cpu", "100m"}, {"memory", "512Mi"}, {"pods", 1}}));
}

}  // namespace
}  // namespace dsroll::diagnose
