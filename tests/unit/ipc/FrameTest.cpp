#include "ipc/Frame.hpp"

#include <gtest/gtest.h>

#include <random>

#include "ipc/Protocol.hpp"

namespace dsroll::ipc {
namespace {

using nlohmann::json;

TEST(FrameTest, RoundTripsOneFrame) {
  const json value{{"type", "hello"}, {"n", 42}, {"s", "ü"}};
  FrameDecoder decoder(kMaxFrameBytes);
  decoder.feed(encodeFrame(value));
  auto frame = decoder.next();
  ASSERT_TRUE(frame.has_value());
  ASSERT_TRUE(frame->has_value());
  EXPECT_EQ(**frame, value);
  EXPECT_EQ(decoder.pendingBytes(), 0u);
}

TEST(FrameTest, HeaderIsBigEndianLength) {
  const std::string bytes = encodeFrame(json::object());
  ASSERT_EQ(bytes.size(), 6u);
  EXPECT_EQ(bytes.substr(0, 4), std::string("\0\0\0\x02", 4));
  EXPECT_EQ(bytes.substr(4), "{}");
}

TEST(FrameTest, ReassemblesFramesSplitAtEveryByte) {
  const json a{{"type", "output"}, {"text", std::string(300, 'x')}};
  const json b{{"type", "result"}, {"exitCode", 3}};
  const std::string stream = encodeFrame(a) + encodeFrame(b);
  FrameDecoder decoder(kMaxFrameBytes);
  std::vector<json> got;
  for (char c : stream) {
    decoder.feed(std::string_view(&c, 1));
    while (true) {
      auto frame = decoder.next();
      ASSERT_TRUE(frame.has_value());
      if (!frame->has_value()) break;
      got.push_back(**frame);
    }
  }
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0], a);
  EXPECT_EQ(got[1], b);
}

TEST(FrameTest, RandomChunkingYieldsSameFrames) {
  std::mt19937 rng(7);
  std::vector<json> sent;
  std::string stream;
  for (int i = 0; i < 200; ++i) {
    json v{
        {"type", "row"}, {"id", i}, {"data", std::string(static_cast<size_t>(rng() % 5000), 'a')}};
    stream += encodeFrame(v);
    sent.push_back(std::move(v));
  }
  FrameDecoder decoder(kMaxFrameBytes);
  std::vector<json> got;
  size_t pos = 0;
  while (pos < stream.size()) {
    const size_t n = std::min<size_t>(stream.size() - pos, 1 + rng() % 9000);
    decoder.feed(std::string_view(stream).substr(pos, n));
    pos += n;
    for (auto f = decoder.next(); f && f->has_value(); f = decoder.next())
      got.push_back(**f);
  }
  EXPECT_EQ(got, sent);
}

TEST(FrameTest, TruncatedFrameWaitsForMoreBytes) {
  const std::string bytes = encodeFrame(json{{"type", "cancel"}, {"id", 1}});
  FrameDecoder decoder(kMaxFrameBytes);
  decoder.feed(std::string_view(bytes).substr(0, bytes.size() - 1));
  auto frame = decoder.next();
  ASSERT_TRUE(frame.has_value());
  EXPECT_FALSE(frame->has_value());
  EXPECT_EQ(decoder.pendingBytes(), bytes.size() - 1);
}

TEST(FrameTest, OversizedFrameIsRefusedBeforeItsBodyArrives) {
  FrameDecoder decoder(1024);
  decoder.feed(std::string("\x00\x00\x04\x01", 4));  // announces 1025 bytes
  auto frame = decoder.next();
  ASSERT_FALSE(frame.has_value());
  EXPECT_NE(frame.error().message.find("exceeds the limit of 1024 bytes"), std::string::npos);
  // The stream has lost its framing: later bytes do not revive it.
  decoder.feed(encodeFrame(json::object()));
  EXPECT_FALSE(decoder.next().has_value());
}

TEST(FrameTest, NonJsonBodyIsAnError) {
  FrameDecoder decoder(kMaxFrameBytes);
  decoder.feed(std::string("\x00\x00\x00\x03{x}", 7));
  auto frame = decoder.next();
  ASSERT_FALSE(frame.has_value());
  EXPECT_EQ(frame.error().message, "frame is not valid JSON");
}

TEST(FrameTest, JsonThatIsNotAnObjectIsAnError) {
  FrameDecoder decoder(kMaxFrameBytes);
  decoder.feed(encodeFrame(json::array({1, 2})));
  auto frame = decoder.next();
  ASSERT_FALSE(frame.has_value());
  EXPECT_EQ(frame.error().message, "frame is not a JSON object");
}

// A request nesting a million arrays in 2 MB crashed the daemon: copying it overflowed the stack.
TEST(FrameTest, DeepNestingIsRefusedBeforeParsing) {
  const std::size_t depth = 1000000;
  const std::string body = R"({"a":)" + std::string(depth, '[') + std::string(depth, ']') + "}";
  FrameDecoder decoder(kMaxFrameBytes);
  decoder.feed(std::string(1, '\0') + std::string(1, static_cast<char>(body.size() >> 16)) +
               std::string(1, static_cast<char>((body.size() >> 8) & 0xff)) +
               std::string(1, static_cast<char>(body.size() & 0xff)) + body);
  auto frame = decoder.next();
  ASSERT_FALSE(frame.has_value());
  EXPECT_EQ(frame.error().message, "frame nests deeper than 64 levels");
}

TEST(FrameTest, NestingUpToTheLimitIsFineAndBracketsInStringsDoNotCount) {
  json value = json::object();
  json* inner = &value;
  for (std::size_t i = 1; i < kMaxFrameDepth; ++i) {
    (*inner)["a"] = json::object();
    inner = &(*inner)["a"];
  }
  (*inner)["text"] = std::string(1000, '[') + "\"{{{";
  FrameDecoder decoder(kMaxFrameBytes);
  decoder.feed(encodeFrame(value));
  auto frame = decoder.next();
  ASSERT_TRUE(frame.has_value()) << frame.error().message;
  ASSERT_TRUE(frame->has_value());
  EXPECT_EQ(**frame, value);
}

TEST(FrameTest, InvalidUtf8IsReplacedNotThrown) {
  json v{{"type", "output"}, {"text", std::string("bad \xff byte")}};
  std::string bytes;
  ASSERT_NO_THROW(bytes = encodeFrame(v));
  FrameDecoder decoder(kMaxFrameBytes);
  decoder.feed(bytes);
  auto frame = decoder.next();
  ASSERT_TRUE(frame && frame->has_value());
  EXPECT_EQ((**frame)["text"], "bad \xEF\xBF\xBD byte");
}

}  // namespace
}  // namespace dsroll::ipc
