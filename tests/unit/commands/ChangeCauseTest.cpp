#include "daemon/commands/ChangeCause.hpp"

#include <gtest/gtest.h>

namespace dsroll::commands {
namespace {

const char* const kArgv = "kubectl dsroll apply --filename=x.yaml --record=true";

TEST(ChangeCauseTest, RecordUsesTheCommandLine) {
  const auto args = nlohmann::json{{"record", true}, {"argv", kArgv}};
  EXPECT_EQ(changeCauseArg(args), std::optional<std::string>(kArgv));
}

TEST(ChangeCauseTest, CauseWinsOverRecord) {
  const auto args = nlohmann::json{{"record", true}, {"argv", kArgv}, {"cause", "CVE fix"}};
  EXPECT_EQ(changeCauseArg(args), std::optional<std::string>("CVE fix"));
  EXPECT_EQ(changeCauseArg(nlohmann::json{{"cause", ""}}), std::optional<std::string>(""));
}

TEST(ChangeCauseTest, NothingWithoutRecordOrCause) {
  EXPECT_EQ(changeCauseArg(nlohmann::json{{"record", false}, {"argv", kArgv}}), std::nullopt);
  EXPECT_EQ(changeCauseArg(nlohmann::json::object()), std::nullopt);
  EXPECT_EQ(changeCauseArg(nlohmann::json()), std::nullopt);
}

TEST(ChangeCauseTest, PutsTheAnnotationOnTheObjectMetadata) {
  nlohmann::json object{{"metadata", {{"name", "x"}, {"annotations", {{"a", "b"}}}}}};
  putChangeCause(object, std::string("why"));
  EXPECT_EQ(object["metadata"]["annotations"]["kubernetes.io/change-cause"], "why");
  EXPECT_EQ(object["metadata"]["annotations"]["a"], "b");

  nlohmann::json patch = nlohmann::json::object();
  putChangeCause(patch, std::nullopt);
  EXPECT_TRUE(patch.empty());
  putChangeCause(patch, std::string("why"));
  EXPECT_EQ(patch.dump(), R"({"metadata":{"annotations":{"kubernetes.io/change-cause":"why"}}})");

  nlohmann::json nullAnnotations{{"metadata", {{"annotations", nullptr}}}};
  putChangeCause(nullAnnotations, std::string("why"));
  EXPECT_EQ(nullAnnotations["metadata"]["annotations"].size(), 1u);
}

}  // namespace
}  // namespace dsroll::commands
