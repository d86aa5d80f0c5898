#include "ipc/Paths.hpp"

#include <gtest/gtest.h>

#include <map>

namespace dsroll::ipc {
namespace {

EnvLookup fakeEnv(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const char* name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(PathsTest, HomeOverridePutsEverythingUnderIt) {
  auto p = computePaths(fakeEnv({{"KUBECTL_DSROLL_HOME", "/tmp/x"}, {"XDG_RUNTIME_DIR", "/run/u"}}), 5);
  EXPECT_EQ(p.socket, "/tmp/x/dsrolld.sock");
  EXPECT_EQ(p.pidFile, "/tmp/x/dsrolld.pid");
  EXPECT_EQ(p.cacheDb, "/tmp/x/cache.db");
  EXPECT_EQ(p.logFile, "/tmp/x/dsrolld.log");
}

TEST(PathsTest, XdgDirectories) {
  auto p = computePaths(
      fakeEnv({{"XDG_RUNTIME_DIR", "/run/user/5"}, {"XDG_STATE_HOME", "/s"}, {"HOME", "/h"}}), 5);
  EXPECT_EQ(p.socket, "/run/user/5/kubectl-dsroll/dsrolld.sock");
  EXPECT_EQ(p.cacheDb, "/s/kubectl-dsroll/cache.db");
}

TEST(PathsTest, FallbacksWithoutXdg) {
  auto p = computePaths(fakeEnv({{"HOME", "/h"}, {"XDG_RUNTIME_DIR", ""}}), 1000);
  EXPECT_EQ(p.runtimeDir, "/tmp/kubectl-dsroll-1000");
  EXPECT_EQ(p.stateDir, "/h/.local/state/kubectl-dsroll");
}

}  // namespace
}  // namespace dsroll::ipc
