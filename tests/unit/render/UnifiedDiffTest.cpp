#include "daemon/render/UnifiedDiff.hpp"

#include <gtest/gtest.h>

#include "tests/unit/render/Golden.hpp"

namespace dsroll::render {
namespace {

// Compares the recorded cases whose first text is small (or large) with GNU diff's output.
int countMismatches(bool large) {
  const auto rows = test::readJsonl(test::testdata() / "diff" / "cases.jsonl");
  EXPECT_GE(rows.size(), 500U);
  int failures = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    if ((row["a"].get_ref<const std::string&>().size() > 20000) != large) continue;
    const std::string actual = unifiedDiff(row["a"], row["b"], "A", "B", row["context"].get<int>(),
                                           row["color"].get<bool>());
    const std::string diff = test::firstDifference(actual, row["diff"]);
    if (!diff.empty() && ++failures <= 5) {
      ADD_FAILURE() << "case " << i << " a=" << nlohmann::json(row["a"]).dump().substr(0, 400)
                    << " b=" << nlohmann::json(row["b"]).dump().substr(0, 400) << "\n"
                    << diff;
    }
  }
  return failures;
}

// Random texts compared by GNU diff 3.8 (`diff -U<n> --label A --label B [--color=always]`,
// recorded by regenerate.sh): same edit script, hunks, markers and colours.
TEST(UnifiedDiffTest, MatchesGnuDiff) {
  EXPECT_EQ(countMismatches(false), 0);
}

// 9000 lines with 8000 changes: GNU diff's TOO_EXPENSIVE cut-off decides the edit script.
TEST(UnifiedDiffTest, MatchesGnuDiffPastItsCostCutOff) {
  EXPECT_EQ(countMismatches(true), 0);
}

TEST(UnifiedDiffTest, IdenticalTextsHaveNoDiff) {
  EXPECT_EQ(unifiedDiff("a\nb\n", "a\nb\n", "A", "B"), "");
}

TEST(UnifiedDiffTest, SimpleChange) {
  EXPECT_EQ(
      unifiedDiff("a\nb\nc\n", "a\nB\nc\nd", "old", "new"),
      "--- old\n+++ new\n@@ -1,3 +1,4 @@\n a\n-b\n+B\n c\n+d\n\\ No newline at end of file\n");
}

TEST(UnifiedDiffTest, Colours) {
  EXPECT_EQ(unifiedDiff("a\n", "b\n", "A", "B", 3, true),
            "\x1b[1m--- A\x1b[0m\n\x1b[1m+++ B\x1b[0m\n\x1b[36m@@ -1 +1 @@\x1b[0m\n"
            "\x1b[31m-a\x1b[0m\n\x1b[32m+b\x1b[0m\n");
}

TEST(UnifiedDiffTest, EmptySides) {
  EXPECT_EQ(unifiedDiff("", "x\n", "A", "B"), "--- A\n+++ B\n@@ -0,0 +1 @@\n+x\n");
  EXPECT_EQ(unifiedDiff("x\ny\n", "", "A", "B"), "--- A\n+++ B\n@@ -1,2 +0,0 @@\n-x\n-y\n");
}

}  // namespace
}  // namespace dsroll::render
