#include "daemon/kube/LineSplitter.hpp"

#include <gtest/gtest.h>

#include <random>

namespace dsroll::kube {
namespace {

std::vector<std::string> feedAll(LineSplitter& splitter, const std::vector<std::string>& chunks) {
  std::vector<std::string> out;
  for (const auto& chunk : chunks) {
    for (auto& line : splitter.feed(chunk))
      out.push_back(std::move(line));
  }
  return out;
}

TEST(LineSplitterTest, LinesCutAnywhereComeOutWhole) {
  LineSplitter splitter(1024);
  EXPECT_EQ((std::vector<std::string>{"{\"a\":1}", "{\"b\":2}", "{\"c\":\"\xc3\xa9\"}"}),
            feedAll(splitter, {"{\"a\"", ":1}\n{\"b\":2}", "\n{\"c\":\"\xc3", "\xa9\"}\n"}));
  EXPECT_EQ(0u, splitter.pending());
}

TEST(LineSplitterTest, EmptyLinesAndCarriageReturnsAreDropped) {
  LineSplitter splitter(1024);
  EXPECT_EQ((std::vector<std::string>{"a", "b"}), feedAll(splitter, {"\n\r\na\r\n\n", "b\n"}));
}

TEST(LineSplitterTest, AnUnfinishedLineWaits) {
  LineSplitter splitter(1024);
  EXPECT_TRUE(splitter.feed("abc").empty());
  EXPECT_EQ(3u, splitter.pending());
  EXPECT_EQ(std::vector<std::string>{"abcd"}, splitter.feed("d\n"));
}

TEST(LineSplitterTest, ALineLongerThanTheLimitOverflowsHoweverItArrives) {
  for (const std::vector<std::string>& chunks :
       {std::vector<std::string>{std::string(20, 'x') + "\n"},
        std::vector<std::string>{std::string(10, 'x'), std::string(10, 'x') + "\nok\n"},
        std::vector<std::string>{std::string(20, 'x')}}) {
    LineSplitter splitter(16);
    const auto lines = feedAll(splitter, chunks);
    EXPECT_TRUE(splitter.overflowed());
    for (const auto& line : lines)
      EXPECT_LE(line.size(), 16u) << line;
    EXPECT_TRUE(splitter.feed("more\n").empty()) << "the stream is unusable after an overflow";
  }
  LineSplitter exact(16);
  EXPECT_EQ(std::vector<std::string>{std::string(16, 'y')},
            exact.feed(std::string(16, 'y') + "\n"));
  EXPECT_FALSE(exact.overflowed());
}

TEST(LineSplitterTest, RandomChunkingGivesTheSameLines) {
  std::string stream;
  std::vector<std::string> expected;
  std::mt19937 rng(7);
  for (int i = 0; i < 500; ++i) {
    std::string line(rng() % 300 + 1, 'a');
    for (char& c : line)
      c = static_cast<char>('a' + rng() % 26);
    expected.push_back(line);
    stream += line + "\n";
  }
  for (int round = 0; round < 20; ++round) {
    LineSplitter splitter(1024);
    std::vector<std::string> chunks;
    for (std::size_t at = 0; at < stream.size();) {
      const std::size_t n = std::min<std::size_t>(rng() % 700 + 1, stream.size() - at);
      chunks.push_back(stream.substr(at, n));
      at += n;
    }
    EXPECT_EQ(expected, feedAll(splitter, chunks));
  }
}

}  // namespace
}  // namespace dsroll::kube
