#include "plugin/client/DaemonLauncher.hpp"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include <fstream>

#include "tests/unit/plugin/TempDir.hpp"

namespace dsroll::plugin::testing {
namespace {

using Kind = client::StartupResult::Kind;

std::string script(const TempDir& dir, const std::string& name, const std::string& body) {
  const std::string path = dir.write(name, "#!/bin/sh\n" + body);
  ::chmod(path.c_str(), 0755);
  return path;
}

client::StartupResult launch(const std::string& executable) {
  client::UvLoop loop;
  client::ProcessLauncher launcher(loop.get(), executable);
  std::optional<client::StartupResult> result;
  launcher.launch([&](client::StartupResult r) { result = std::move(r); });
  while (!result)
    uv_run(loop.get(), UV_RUN_ONCE);
  return *result;
}

TEST(DaemonLauncherTest, ParsesStartupLines) {
  EXPECT_EQ(client::parseStartupLine("ready 123").kind, Kind::Ready);
  EXPECT_EQ(client::parseStartupLine("ready 123").detail, "123");
  EXPECT_EQ(client::parseStartupLine("locked 9").kind, Kind::Locked);
  EXPECT_EQ(client::parseStartupLine("error bad things").detail, "bad things");
  EXPECT_EQ(client::parseStartupLine("error bad things").kind, Kind::Failed);
  EXPECT_EQ(client::parseStartupLine("hello").kind, Kind::Failed);
  EXPECT_EQ(client::parseStartupLine("readyx").kind, Kind::Failed);
}

TEST(DaemonLauncherTest, RunsTheDaemonWithTheStartupPipeOnFd3) {
  TempDir dir;
  const std::string args = dir.file("args");
  const std::string path = script(dir, "dsrolld",
                                  "echo \"$@\" > '" + args +
                                      "'\n"
                                      "out=$(readlink /proc/$$/fd/1)\n"
                                      "echo \"$out\" >> '" +
                                      args +
                                      "'\n"
                                      "echo 'ready 4242' >&3\n");
  const client::StartupResult result = launch(path);
  EXPECT_EQ(result.kind, Kind::Ready);
  EXPECT_EQ(result.detail, "4242");
  std::ifstream in(args);
  std::string flags;
  std::string stdoutTarget;
  std::getline(in, flags);
  std::getline(in, stdoutTarget);
  EXPECT_EQ(flags, "--startup-fd=3");
  EXPECT_EQ(stdoutTarget, "/dev/null");
}

TEST(DaemonLauncherTest, ReportsLockedErrorAndDeath) {
  TempDir dir;
  EXPECT_EQ(launch(script(dir, "locked", "echo 'locked 17' >&3\n")).kind, Kind::Locked);
  const auto failed = launch(script(dir, "failed", "echo 'error state dir is not ours' >&3\n"));
  EXPECT_EQ(failed.kind, Kind::Failed);
  EXPECT_EQ(failed.detail, "state dir is not ours");
  EXPECT_EQ(launch(script(dir, "died", "exit 3\n")).kind, Kind::Died);
  EXPECT_EQ(launch(script(dir, "nonewline", "printf 'ready 5' >&3\n")).kind, Kind::Ready);
}

TEST(DaemonLauncherTest, MissingExecutableFails) {
  TempDir dir;
  const auto result = launch(dir.file("nothing-here"));
  EXPECT_EQ(result.kind, Kind::Failed);
  EXPECT_NE(result.detail.find("cannot run"), std::string::npos) << result.detail;
}

TEST(DaemonLauncherTest, FindsTheDaemonBesideThePluginThenOnPath) {
  TempDir dir;
  script(dir, "store/dsrolld", "");
  script(dir, "bin/dsrolld", "");
  EXPECT_EQ(client::findDaemonExecutable(dir.file("store/kubectl-dsroll"), dir.file("bin")),
            dir.file("store/dsrolld"));
  EXPECT_EQ(client::findDaemonExecutable(dir.file("elsewhere/kubectl-dsroll"),
                                         "/nonexistent:" + dir.file("bin")),
            dir.file("bin/dsrolld"));
  EXPECT_EQ(client::findDaemonExecutable(dir.file("elsewhere/kubectl-dsroll"), "/nonexistent"),
            std::nullopt);
}

}  // namespace
}  // namespace dsroll::plugin::testing
