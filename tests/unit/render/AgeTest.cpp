#include "daemon/render/Age.hpp"

#include <gtest/gtest.h>

#include "tests/unit/render/Golden.hpp"

namespace dsroll::render {
namespace {

using namespace std::chrono_literals;

// Expected values follow apimachinery's duration.HumanDuration (and its unit tests' table).
TEST(AgeTest, HumanDurationMatchesKubectl) {
  EXPECT_EQ(humanDuration(-2s), "<invalid>");
  EXPECT_EQ(humanDuration(-1999ms), "0s");
  EXPECT_EQ(humanDuration(-1s), "0s");
  EXPECT_EQ(humanDuration(0s), "0s");
  EXPECT_EQ(humanDuration(1s), "1s");
  EXPECT_EQ(humanDuration(1999ms), "1s");
  EXPECT_EQ(humanDuration(119s), "119s");
  EXPECT_EQ(humanDuration(120s), "2m");
  EXPECT_EQ(humanDuration(150s), "2m30s");
  EXPECT_EQ(humanDuration(9min + 59s), "9m59s");
  EXPECT_EQ(humanDuration(10min), "10m");
  EXPECT_EQ(humanDuration(10min + 30s), "10m");
  EXPECT_EQ(humanDuration(179min), "179m");
  EXPECT_EQ(humanDuration(3h), "3h");
  EXPECT_EQ(humanDuration(3h + 30min), "3h30m");
  EXPECT_EQ(humanDuration(7h + 59min), "7h59m");
  EXPECT_EQ(humanDuration(8h), "8h");
  EXPECT_EQ(humanDuration(47h + 59min), "47h");
  EXPECT_EQ(humanDuration(48h), "2d");
  EXPECT_EQ(humanDuration(48h + 5h), "2d5h");
  EXPECT_EQ(humanDuration(24h * 8 - 1h), "7d23h");
  EXPECT_EQ(humanDuration(24h * 8), "8d");
  EXPECT_EQ(humanDuration(24h * 729), "729d");
  EXPECT_EQ(humanDuration(24h * 730), "2y");
  EXPECT_EQ(humanDuration(24h * 740), "2y10d");
  EXPECT_EQ(humanDuration(24h * 365 * 8 - 1h), "7y364d");
  EXPECT_EQ(humanDuration(24h * 365 * 8), "8y");
  EXPECT_EQ(humanDuration(24h * 365 * 100), "100y");
}

// Durations formatted by apimachinery's duration package (regenerate.sh's oracle).
TEST(AgeTest, MatchesApimachineryDurations) {
  const auto rows = test::readJsonl(test::testdata() / "duration" / "cases.jsonl");
  ASSERT_GE(rows.size(), 30U);
  for (const auto& row : rows) {
    const std::chrono::nanoseconds d(row["ns"].get<std::int64_t>());
    EXPECT_EQ(humanDuration(d), row["human"].get<std::string>()) << d.count();
    EXPECT_EQ(shortHumanDuration(d), row["short"].get<std::string>()) << d.count();
  }
}

TEST(AgeTest, ShortHumanDurationMatchesKubectl) {
  EXPECT_EQ(shortHumanDuration(-2s), "<invalid>");
  EXPECT_EQ(shortHumanDuration(-1s), "0s");
  EXPECT_EQ(shortHumanDuration(59s), "59s");
  EXPECT_EQ(shortHumanDuration(60s), "1m");
  EXPECT_EQ(shortHumanDuration(59min + 59s), "59m");
  EXPECT_EQ(shortHumanDuration(60min), "1h");
  EXPECT_EQ(shortHumanDuration(23h + 59min), "23h");
  EXPECT_EQ(shortHumanDuration(24h), "1d");
  EXPECT_EQ(shortHumanDuration(24h * 364), "364d");
  EXPECT_EQ(shortHumanDuration(24h * 365), "1y");
  EXPECT_EQ(shortHumanDuration(24h * 365 * 3 + 24h * 100), "3y");
}

TEST(AgeTest, ParsesApiServerTimestamps) {
  const auto t = parseRfc3339("2026-05-01T10:00:00Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::seconds>(t->time_since_epoch()).count(),
            1777629600);
  EXPECT_EQ(parseRfc3339("2026-05-01T12:00:00+02:00"), t);
  EXPECT_EQ(*parseRfc3339("2026-05-01T10:00:00.5Z") - *t, 500ms);
  EXPECT_FALSE(parseRfc3339("").has_value());
  EXPECT_FALSE(parseRfc3339("2026-05-01").has_value());
  EXPECT_FALSE(parseRfc3339("2026-05-01T10:00:00").has_value());
  EXPECT_FALSE(parseRfc3339("2026-13-01T10:00:00Z").has_value());
}

TEST(AgeTest, AgeSinceCreation) {
  const auto now = *parseRfc3339("2026-05-03T12:30:00Z");
  EXPECT_EQ(ageSince("2026-05-01T10:00:00Z", now), "2d2h");
  EXPECT_EQ(ageSince("2026-05-03T12:29:00Z", now), "60s");
  EXPECT_EQ(ageSince("", now), "<unknown>");
  EXPECT_EQ(ageSince("not a time", now), "<unknown>");
}

}  // namespace
}  // namespace dsroll::render
