#include "plugin/cli/Flags.hpp"

#include <gtest/gtest.h>

namespace dsroll::plugin::testing {
namespace {

TEST(FlagsTest, ParsesIntegersLikeGo) {
  EXPECT_EQ(cli::parseGoInt("42").value(), 42);
  EXPECT_EQ(cli::parseGoInt("-7").value(), -7);
  EXPECT_EQ(cli::parseGoInt("+7").value(), 7);
  EXPECT_EQ(cli::parseGoInt("0x1f").value(), 31);
  EXPECT_EQ(cli::parseGoInt("010").value(), 8);
  EXPECT_EQ(cli::parseGoInt("0b101").value(), 5);
  EXPECT_EQ(cli::parseGoInt("0").value(), 0);
  EXPECT_EQ(cli::parseGoInt("-9223372036854775808").value(), INT64_MIN);
  EXPECT_EQ(cli::parseGoInt("9223372036854775807").value(), INT64_MAX);
  EXPECT_EQ(cli::parseGoInt("9223372036854775808").error(),
            "strconv.ParseInt: parsing \"9223372036854775808\": value out of range");
  EXPECT_EQ(cli::parseGoInt("").error(), "strconv.ParseInt: parsing \"\": invalid syntax");
  EXPECT_EQ(cli::parseGoInt("1.5").error(), "strconv.ParseInt: parsing \"1.5\": invalid syntax");
  EXPECT_FALSE(cli::parseGoInt("08"));
  EXPECT_FALSE(cli::parseGoInt("0x"));
}

TEST(FlagsTest, ParsesBoolsLikeGo) {
  for (const char* yes : {"1", "t", "T", "true", "TRUE", "True"}) {
    EXPECT_EQ(cli::parseGoBool(yes), true) << yes;
  }
  for (const char* no : {"0", "f", "F", "false", "FALSE", "False"}) {
    EXPECT_EQ(cli::parseGoBool(no), false) << no;
  }
  for (const char* bad : {"", "yes", "tRue", "2"}) {
    EXPECT_FALSE(cli::parseGoBool(bad)) << bad;
  }
}

TEST(FlagsTest, ChecksDurationsLikeGo) {
  for (const char* good : {"0", "30s", "5m", "1h2m", "1.5h", ".5s", "100ms", "-1s", "3us"}) {
    EXPECT_TRUE(cli::checkGoDuration(good)) << good;
  }
  EXPECT_EQ(cli::checkGoDuration("").error(), "time: invalid duration \"\"");
  EXPECT_EQ(cli::checkGoDuration("abc").error(), "time: invalid duration \"abc\"");
  EXPECT_EQ(cli::checkGoDuration("10").error(), "time: missing unit in duration \"10\"");
  EXPECT_EQ(cli::checkGoDuration("2d").error(), "time: unknown unit \"d\" in duration \"2d\"");
  EXPECT_EQ(cli::checkGoDuration(".s").error(), "time: invalid duration \".s\"");
}

}  // namespace
}  // namespace dsroll::plugin::testing
