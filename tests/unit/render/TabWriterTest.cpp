#include "daemon/render/TabWriter.hpp"

#include <gtest/gtest.h>

#include "tests/unit/render/Golden.hpp"

namespace dsroll::render {
namespace {

TEST(TabWriterTest, RolloutHistoryTable) {
  EXPECT_EQ(
      tabwrite("REVISION\tCHANGE-CAUSE\n1\t<none>\n2\tkubectl set image ds/foo c=img:2\n",
               kHistoryTableOptions),
      "REVISION  CHANGE-CAUSE\n1         <none>\n2         kubectl set image ds/foo c=img:2\n");
}

TEST(TabWriterTest, LastCellIsNotPaddedAndWidthsCountRunes) {
  EXPECT_EQ(tabwrite("a\tb\tc\nlonger\té\tx\n"), "a       b  c\nlonger  é  x\n");
}

TEST(TabWriterTest, SingleCellLineEndsColumnBlock) {
  EXPECT_EQ(tabwrite("a\tb\nsingle\nlonger\tc\n"), "a  b\nsingle\nlonger  c\n");
}

TEST(TabWriterTest, UnterminatedLastLineIsWrittenOnFlush) {
  EXPECT_EQ(tabwrite("a\tb\nccc\td"), "a    b\nccc  d");
}

TEST(TabWriterTest, RememberWidthsKeepsColumnsAcrossFlushes) {
  TabWriter w(kGetTableOptions);
  w.write("NAME\tAGE\nlong-name-here\t5m\n");
  w.flush();
  w.write("x\t1s\n");
  w.flush();
  EXPECT_EQ(w.take(), "NAME             AGE\nlong-name-here   5m\nx                1s\n");
}

TEST(TabWriterTest, EscapedTextHasNoWidthOfItsOwnEscapes) {
  EXPECT_EQ(tabwrite("\xff"
                     "a\tb\xff\tc\nxx\ty\n"),
            "\xff"
            "a\tb\xff  c\nxx   y\n");
  EXPECT_EQ(tabwrite("\xff"
                     "a\tb\xff\tc\nxx\ty\n",
                     {0, 8, 2, ' ', kStripEscape}),
            "a\tb  c\nxx   y\n");
}

// Random texts and options formatted by Go's text/tabwriter (regenerate.sh), written in chunks.
TEST(TabWriterTest, MatchesGoTabwriter) {
  const auto rows = test::readJsonl(test::testdata() / "tabwriter" / "cases.jsonl");
  ASSERT_GE(rows.size(), 100U);
  int failures = 0;
  for (const auto& row : rows) {
    const TabWriterOptions options{row["minwidth"], row["tabwidth"], row["padding"],
                                   row["padchar"].get<std::string>()[0], row["flags"]};
    TabWriter w(options);
    for (const auto& chunk : row["chunks"]) {
      w.write(chunk.get<std::string>());
      if (row["flushEach"].get<bool>()) w.flush();
    }
    w.flush();
    const std::string diff = test::firstDifference(w.take(), row["output"]);
    if (!diff.empty() && ++failures <= 5) ADD_FAILURE() << row.dump() << "\n" << diff;
  }
  EXPECT_EQ(failures, 0);
}

}  // namespace
}  // namespace dsroll::render
