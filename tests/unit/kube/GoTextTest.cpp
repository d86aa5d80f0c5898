// Go-compatible text and path helpers used in kubectl-worded messages.

#include <gtest/gtest.h>

#include "daemon/kube/GoPath.hpp"
#include "daemon/kube/GoText.hpp"

namespace dsroll::kube {
namespace {

TEST(GoText, QuoteEscapesAsPercentQ) {
  EXPECT_EQ(goQuote("foo"), "\"foo\"");
  EXPECT_EQ(goQuote("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(goQuote("tab\tnl\n"), "\"tab\\tnl\\n\"");
  EXPECT_EQ(goQuote(std::string("\x01\x7f", 2)), "\"\\x01\\x7f\"");
  EXPECT_EQ(goQuote("caf\xc3\xa9"), "\"caf\xc3\xa9\"");
}

TEST(GoText, TrimSpace) {
  EXPECT_EQ(trimSpace(" \t a b \r\n"), "a b");
  EXPECT_EQ(trimSpace("   "), "");
}

TEST(GoText, ErrnoTextIsLowerCase) {
  EXPECT_EQ(errnoText(ENOENT), "no such file or directory");
  EXPECT_EQ(errnoText(EACCES), "permission denied");
  EXPECT_EQ(errnoText(EISDIR), "is a directory");
}

TEST(GoText, ControlCharactersAreNeutralised) {
  EXPECT_EQ(cleanControlCharacters("a\x1b[1mb\tc\nd"), "aU+001B[1mb\tc\nd");
  EXPECT_EQ(cleanControlCharacters("x\xc2\x9by \xc3\xa9"), "xU+009By \xc3\xa9");
}

TEST(GoPath, CleanAsFilepathClean) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "."},
      {"/", "/"},
      {"a/b/../c", "a/c"},
      {"a//b/./c/", "a/b/c"},
      {"../a", "../a"},
      {"a/../..", ".."},
      {"/../a", "/a"},
      {"./", "."},
      {"/a/b/../../..", "/"},
      {"a/../../b", "../b"},
  };
  for (const auto& [in, out] : cases)
    EXPECT_EQ(cleanPath(in), out) << in;
}

TEST(GoPath, JoinDirAndAbsolute) {
  EXPECT_EQ(joinPath("/home/u/.kube", "../certs/ca.crt"), "/home/u/certs/ca.crt");
  EXPECT_EQ(joinPath("", "a"), "a");
  EXPECT_EQ(dirName("/home/u/.kube/config"), "/home/u/.kube");
  EXPECT_EQ(dirName("config"), ".");
  EXPECT_EQ(dirName("/config"), "/");
  EXPECT_EQ(absolutePath("x/y", "/cwd"), "/cwd/x/y");
  EXPECT_EQ(absolutePath("/abs/./y", "/cwd"), "/abs/y");
  EXPECT_EQ(absolutePath("x", ""), "/x");
}

}  // namespace
}  // namespace dsroll::kube
