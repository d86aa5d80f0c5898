#include "daemon/commands/StallTracker.hpp"

#include <gtest/gtest.h>

namespace dsroll::commands {
namespace {

state::DaemonSetRecord record(std::int64_t updated) {
  state::DaemonSetRecord ds;
  ds.uid = "u1";
  ds.name = "agent";
  ds.generation = 2;
  ds.observedGeneration = 2;
  ds.object = {{"status", {{"desiredNumberScheduled", 3}, {"updatedNumberScheduled", updated}}}};
  return ds;
}

TEST(StallTrackerTest, CountsTimeSinceTheLastChange) {
  auto tracker = std::make_shared<StallTracker>();
  EXPECT_EQ(tracker->stalledFor(record(1), 1000), 0);
  EXPECT_EQ(tracker->stalledFor(record(1), 1300), 300);
  tracker->see(record(1), 1400);
  EXPECT_EQ(tracker->stalledFor(record(1), 1500), 500);
  tracker->see(record(2), 1600);
  EXPECT_EQ(tracker->stalledFor(record(2), 1700), 100);
  tracker->forget("u1");
  EXPECT_EQ(tracker->stalledFor(record(2), 1800), 0);
}

}  // namespace
}  // namespace dsroll::commands
