#include "daemon/render/Quantity.hpp"

#include <gtest/gtest.h>

#include "tests/unit/render/Golden.hpp"

namespace dsroll::render {
namespace {

// Quantities parsed and printed by apimachinery's resource.Quantity (regenerate.sh's oracle).
TEST(QuantityTest, MatchesApimachinery) {
  const auto rows = test::readJsonl(test::testdata() / "quantity" / "cases.jsonl");
  ASSERT_GE(rows.size(), 50U);
  for (const auto& row : rows) {
    const std::string input = row["input"];
    const auto q = parseQuantity(input);
    if (row.contains("error")) {
      EXPECT_FALSE(q.has_value()) << input;
      EXPECT_EQ(canonicalQuantity(input), input);
      continue;
    }
    if (!q.has_value()) {
      // Beyond int64 (apimachinery's arbitrary-precision path) only the text is kept, which is
      // what apimachinery prints for these inputs too.
      EXPECT_GE(input.size(), 19U) << input;
      EXPECT_EQ(canonicalQuantity(input), row["string"].get<std::string>()) << input;
      continue;
    }
    EXPECT_EQ(canonicalQuantity(input), row["string"].get<std::string>()) << input;
    EXPECT_EQ(quantityValue(*q), row["value"].get<std::int64_t>()) << input;
    EXPECT_EQ(quantityMilliValue(*q), row["milli"].get<std::int64_t>()) << input;
    EXPECT_EQ(quantitySign(*q), row["sign"].get<int>()) << input;
  }
}

TEST(QuantityTest, CanonicalForms) {
  EXPECT_EQ(canonicalQuantity("1.5"), "1500m");
  EXPECT_EQ(canonicalQuantity("1024Mi"), "1Gi");
  EXPECT_EQ(canonicalQuantity("1000"), "1k");
  EXPECT_EQ(canonicalQuantity("100m"), "100m");
  EXPECT_EQ(canonicalQuantity("not a quantity"), "not a quantity");
}

}  // namespace
}  // namespace dsroll::render
