#include "daemon/model/Quantity.hpp"

#include <gtest/gtest.h>

namespace dsroll::model {
namespace {

TEST(QuantityTest, ParsesToThousandths) {
  EXPECT_EQ(parseQuantityMilli("100m"), 100);
  EXPECT_EQ(parseQuantityMilli("2"), 2000);
  EXPECT_EQ(parseQuantityMilli("1.5"), 1500);
  EXPECT_EQ(parseQuantityMilli("1Ki"), 1024000);
  EXPECT_EQ(parseQuantityMilli("200Mi"), 200LL * 1024 * 1024 * 1000);
  EXPECT_EQ(parseQuantityMilli("1G"), 1000000000000LL);
  EXPECT_EQ(parseQuantityMilli("2e3"), 2000000);
  EXPECT_EQ(parseQuantityMilli("110"), 110000);
}

TEST(QuantityTest, RoundsUp) { EXPECT_EQ(parseQuantityMilli("1n"), 1); }

TEST(QuantityTest, RejectsGarbage) {
  EXPECT_FALSE(parseQuantityMilli(""));
  EXPECT_FALSE(parseQuantityMilli("abc"));
  EXPECT_FALSE(parseQuantityMilli("10Qi"));
  EXPECT_FALSE(parseQuantityMilli("1.2.3"));
}

TEST(QuantityTest, Formats) {
  EXPECT_EQ(formatCpuMilli(100), "100m");
  EXPECT_EQ(formatCpuMilli(2000), "2");
  EXPECT_EQ(formatBytes(200LL * 1024 * 1024), "200Mi");
  EXPECT_EQ(formatBytes(1536 * 1024), "1536Ki");
  EXPECT_EQ(formatBytes(1000), "1000");
  EXPECT_EQ(formatBytes(0), "0");
}

}  // namespace
}  // namespace dsroll::model
