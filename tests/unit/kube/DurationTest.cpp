// parseDuration (kubectl's --request-timeout) and formatDuration (Go's Duration.String).

#include <gtest/gtest.h>

#include "daemon/kube/Duration.hpp"
#include "daemon/kube/KubeConfig.hpp"

namespace dsroll::kube {
namespace {

using std::chrono::milliseconds;

TEST(ParseDuration, AcceptsWhatKubectlAccepts) {
  const std::pair<const char*, milliseconds> cases[] = {
      {"0", milliseconds(0)},
      {"+0", milliseconds(0)},
      {"0s", milliseconds(0)},
      {"30", milliseconds(30'000)},  // a bare integer counts seconds
      {"+5", milliseconds(5'000)},
      {"30s", milliseconds(30'000)},
      {"1.5s", milliseconds(1'500)},
      {".5s", milliseconds(500)},
      {"1.s", milliseconds(1'000)},
      {"250ms", milliseconds(250)},
      {"1m30s", milliseconds(90'000)},
      {"1h2m3s", milliseconds(3'723'000)},
      {"2h", milliseconds(7'200'000)},
      {"1h1h", milliseconds(7'200'000)},
      {"1.25m", milliseconds(75'000)},
      {"1500us", milliseconds(2)},    // rounded up: 1.5ms
      {"1\u00b5s", milliseconds(1)},  // micro sign
      {"1\u03bcs", milliseconds(1)},  // Greek mu
      {"1ns", milliseconds(1)},       // never "no timeout" by rounding
      {"2562047h", milliseconds(2562047LL * 3'600'000)},
  };
  for (const auto& [text, expected] : cases) {
    auto parsed = parseDuration(text);
    ASSERT_TRUE(parsed) << text;
    EXPECT_EQ(*parsed, expected) << text;
  }
}

TEST(ParseDuration, RefusesWithKubectlsMessage) {
  for (const char* text : {"", "soon", "-1s", "-5", "1.5", "1x", "s", "1s2", ".s", "1e3s",
                           "3000000h", "9223372036854775808ns", "1 s", " 1s"}) {
    auto parsed = parseDuration(text);
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().display,
              "error: Invalid timeout value. Timeout must be a single integer in seconds, or an "
              "integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)");
  }
}

TEST(FormatDuration, AsGoPrintsIt) {
  EXPECT_EQ(formatDuration(milliseconds(0)), "0s");
  EXPECT_EQ(formatDuration(milliseconds(250)), "250ms");
  EXPECT_EQ(formatDuration(milliseconds(5'000)), "5s");
  EXPECT_EQ(formatDuration(milliseconds(1'500)), "1.5s");
  EXPECT_EQ(formatDuration(milliseconds(90'000)), "1m30s");
  EXPECT_EQ(formatDuration(milliseconds(3'600'000)), "1h0m0s");
  EXPECT_EQ(formatDuration(milliseconds(3'723'500)), "1h2m3.5s");
  EXPECT_EQ(formatDuration(milliseconds(60'010)), "1m0.01s");
  EXPECT_EQ(formatDuration(milliseconds(-1'500)), "-1.5s");
}

}  // namespace
}  // namespace dsroll::kube
