// Base64 as Go's StdEncoding reads it, with the offsets kubectl reports.

#include <gtest/gtest.h>

#include "daemon/kube/Base64.hpp"

namespace dsroll::kube {
namespace {

TEST(Base64, RoundTrips) {
  for (std::string text : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
    EXPECT_EQ(decodeBase64(encodeBase64(text)), text) << text;
  }
  std::string binary;
  for (int i = 0; i < 256; ++i)
    binary += static_cast<char>(i);
  EXPECT_EQ(decodeBase64(encodeBase64(binary)), binary);
  EXPECT_EQ(encodeBase64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(encodeBase64("fooba"), "Zm9vYmE=");
  EXPECT_EQ(encodeBase64("foob"), "Zm9vYg==");
}

TEST(Base64, SkipsLineBreaksLikeGo) {
  EXPECT_EQ(decodeBase64("Zm9v\nYmFy\r\n"), "foobar");
  EXPECT_EQ(decodeBase64("Zm9vYg=\n="), "foob");
}

TEST(Base64, ErrorOffsetsMatchGo) {
  // Offsets checked against kubectl v1.32 ("illegal base64 data at input byte N").
  EXPECT_EQ(decodeBase64("notbase64*").error(), 9u);
  EXPECT_EQ(decodeBase64("YWJ").error(), 0u);
  EXPECT_EQ(decodeBase64("YW Jj").error(), 2u);
  EXPECT_EQ(decodeBase64("Zm9vY").error(), 4u);
  EXPECT_EQ(decodeBase64("Zg=").error(), 3u);       // not enough padding
  EXPECT_EQ(decodeBase64("Zg=x").error(), 2u);      // bad second padding character
  EXPECT_EQ(decodeBase64("Z===").error(), 1u);      // padding too early
  EXPECT_EQ(decodeBase64("Zg==Zg==").error(), 4u);  // data after padding
  EXPECT_EQ(decodeBase64("Zm9v-").error(), 4u);     // URL alphabet is not standard
}

}  // namespace
}  // namespace dsroll::kube
