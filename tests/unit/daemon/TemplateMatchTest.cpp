#include "daemon/commands/TemplateMatch.hpp"

#include <gtest/gtest.h>

namespace dsroll::commands {
namespace {

using nlohmann::json;

TEST(TemplateMatchTest, IgnoresPatchDirectiveAndNullCreationTimestamp) {
  const json live = json::parse(R"({"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"image":"x"}]}})");
  const json stored = json::parse(
      R"({"$patch":"replace","metadata":{"creationTimestamp":null,"labels":{"a":"b"}},"spec":{"containers":[{"image":"x"}]}})");
  EXPECT_TRUE(sameTemplate(live, stored));
}

TEST(TemplateMatchTest, KeyOrderDoesNotMatterButValuesDo) {
  const json a = json::parse(R"({"spec":{"a":1,"b":2}})");
  const json b = json::parse(R"({"spec":{"b":2,"a":1}})");
  const json c = json::parse(R"({"spec":{"b":2,"a":3}})");
  EXPECT_TRUE(sameTemplate(a, b));
  EXPECT_FALSE(sameTemplate(a, c));
}

TEST(TemplateMatchTest, EmptyMetadataEqualsNone) {
  EXPECT_TRUE(sameTemplate(json::parse(R"({"metadata":{"creationTimestamp":null},"spec":{}})"),
                           json::parse(R"({"spec":{}})")));
}

}  // namespace
}  // namespace dsroll::commands
