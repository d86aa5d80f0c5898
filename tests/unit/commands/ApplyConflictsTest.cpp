#include "daemon/commands/ApplyConflicts.hpp"

#include <gtest/gtest.h>

namespace dsroll::commands {
namespace {

using Causes = std::vector<std::pair<std::string, std::string>>;

const std::string kImage = ".spec.template.spec.containers[name=\"main\"].image";
const std::string kSide = ".spec.template.spec.containers[name=\"side\"].image";
const std::string kCause = ".metadata.annotations.kubernetes.io/change-cause";

TEST(ApplyConflictsTest, ReadsFieldManagerCauses) {
  const Causes causes{{kSide, "conflict with \"kubectl-client-side-apply\" using apps/v1"},
                      {"", "something else"}};
  const auto conflicts = applyConflicts(causes);
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0].manager, "\"kubectl-client-side-apply\" using apps/v1");
  EXPECT_EQ(conflicts[0].field, kSide);
}

TEST(ApplyConflictsTest, OneConflictMessage) {
  const auto message =
      conflictMessage(applyConflicts({{kImage, "conflict with \"kubectl-set\" using apps/v1"}}));
  EXPECT_EQ(message,
            "Apply failed with 1 conflict: conflict with \"kubectl-set\" using apps/v1: " + kImage +
                " (these fields have other managers: run again with --force-conflicts to take "
                "them over, or remove them from the manifest)");
}

TEST(ApplyConflictsTest, ConflictsGroupedByManager) {
  const auto message = conflictMessage(applyConflicts(
      {{kSide, "conflict with \"kubectl-client-side-apply\" using apps/v1"},
       {kImage, "conflict with \"kubectl-set\" using apps/v1"},
       {".spec.minReadySeconds", "conflict with \"kubectl-client-side-apply\" using apps/v1"}}));
  EXPECT_EQ(message.substr(0, message.find(" (")),
            "Apply failed with 3 conflicts: conflicts with \"kubectl-client-side-apply\" using "
            "apps/v1: " +
                kSide +
                ", .spec.minReadySeconds; conflict with \"kubectl-set\" using apps/v1: " + kImage);
  EXPECT_EQ(message.find('\n'), std::string::npos);
}

TEST(ApplyConflictsTest, OwnImperativeChangesAreForceable) {
  const auto own = applyConflicts({{kImage, "conflict with \"kubectl-dsroll\" using apps/v1"}});
  EXPECT_TRUE(forceableConflicts(own, false));
  const auto mixed = applyConflicts({{kImage, "conflict with \"kubectl-dsroll\" using apps/v1"},
                                     {kSide, "conflict with \"kubectl-set\" using apps/v1"}});
  EXPECT_FALSE(forceableConflicts(mixed, true));
  EXPECT_FALSE(forceableConflicts({}, true));
}

TEST(ApplyConflictsTest, ChangeCauseIsForceableOnlyWhenRecording) {
  const auto cause = applyConflicts({{kCause, "conflict with \"kubectl-set\" using apps/v1"}});
  EXPECT_TRUE(forceableConflicts(cause, true));
  EXPECT_FALSE(forceableConflicts(cause, false));
}

}  // namespace
}  // namespace dsroll::commands
