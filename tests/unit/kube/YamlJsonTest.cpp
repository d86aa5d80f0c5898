// The JSON view of YAML, typed as kubectl's go-yaml v2 types plain scalars.

#include <gtest/gtest.h>

#include "daemon/kube/YamlJson.hpp"

namespace dsroll::kube {
namespace {

nlohmann::json convert(const std::string& yaml) {
  auto json = yamlToJson(YAML::Load(yaml));
  EXPECT_TRUE(json) << json.error();
  return json ? *json : nlohmann::json();
}

TEST(YamlJson, Yaml11Scalars) {
  // What kubectl put into KUBERNETES_EXEC_INFO for these extension values (recorded run).
  EXPECT_EQ(convert("{audience: foo, yes: no, num: 012, other: [1, \"a\", true, null]}"),
            nlohmann::json::parse(
                R"({"audience":"foo","num":10,"other":[1,"a",true,null],"true":false})"));
  EXPECT_EQ(convert("[on, Off, y, N, ~, '', 0x1F, 0b101, 0o17, -3, 1_000, 1.5, 1e3, .5, '12']"),
            nlohmann::json::parse(
                R"([true,false,true,false,null,"",31,5,15,-3,1000,1.5,1000.0,0.5,"12"])"));
  EXPECT_EQ(
      convert("[09, 1.2.3, 18446744073709551615, 0x, +1, 2001-12-14, \"yes\"]"),
      nlohmann::json::parse(R"([9.0,"1.2.3",18446744073709551615,"0x",1,"2001-12-14","yes"])"));
}

TEST(YamlJson, Types) {
  EXPECT_EQ(jsonTypeOf(YAML::Load("yes")), JsonType::Bool);
  EXPECT_EQ(jsonTypeOf(YAML::Load("'yes'")), JsonType::String);
  EXPECT_EQ(jsonTypeOf(YAML::Load("12")), JsonType::Number);
  EXPECT_EQ(jsonTypeOf(YAML::Load("~")), JsonType::Null);
  EXPECT_EQ(jsonTypeOf(YAML::Load("[1]")), JsonType::Array);
  EXPECT_EQ(jsonTypeOf(YAML::Load("{a: 1}")), JsonType::Object);
  EXPECT_EQ(jsonTypeOf(YAML::Load("!!str 12")), JsonType::String);
}

TEST(YamlJson, RefusesWhatJsonCannotHold) {
  EXPECT_EQ(yamlToJson(YAML::Load(".inf")).error(), "unsupported value: +Inf");
  EXPECT_EQ(yamlToJson(YAML::Load("[.nan]")).error(), "unsupported value: NaN");
  EXPECT_EQ(yamlToJson(YAML::Load("{[1]: a}")).error(), "a map key is not a scalar");
}

TEST(YamlJson, LimitsStopAliasBombsAndCycles) {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char name = 'b'; name <= 'j'; ++name) {
    const char previous = static_cast<char>(name - 1);
    bomb += std::string(1, name) + ": &" + name + " [";
    for (int i = 0; i < 10; ++i)
      bomb += std::string(i ? ", *" : "*") + previous;
    bomb += "]\n";
  }
  EXPECT_EQ(yamlToJson(YAML::Load(bomb)).error(), "more than 10000 values");
  std::string deep(100, '[');
  deep += std::string(100, ']');
  EXPECT_EQ(yamlToJson(YAML::Load(deep)).error(), "nested more than 64 levels deep");
}

}  // namespace
}  // namespace dsroll::kube
