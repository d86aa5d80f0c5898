#include "plugin/completion/CompletionInstall.hpp"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/unit/plugin/TempDir.hpp"

namespace dsroll::plugin::testing {
namespace {

namespace fs = std::filesystem;

std::string executable(const TempDir& dir, const std::string& name) {
  const std::string path = dir.write(name, "#!/bin/sh\n");
  ::chmod(path.c_str(), 0755);
  return path;
}

TEST(CompletionInstallTest, LinksTheShippedCompleterBesideThePluginOnPath) {
  TempDir dir;
  const std::string self = executable(dir, "store/v1/kubectl-dsroll");
  const std::string shipped = executable(dir, "store/v1/kubectl_complete-dsroll");
  executable(dir, "krew/bin/kubectl-dsroll");
  auto done = completion::installCompleter(
      {"", self, "/nonexistent:" + dir.file("krew/bin") + ":/usr/bin"});
  ASSERT_TRUE(done) << done.error();
  const fs::path target = dir.file("krew/bin/kubectl_complete-dsroll");
  EXPECT_TRUE(fs::is_symlink(target));
  EXPECT_EQ(fs::read_symlink(target), shipped);
  EXPECT_EQ(*done, "installed " + target.string() + " -> " + shipped + "\n");
  // Running it again replaces the link (an upgrade moves the store directory).
  EXPECT_TRUE(completion::installCompleter({"", self, dir.file("krew/bin")}));
}

TEST(CompletionInstallTest, WritesAScriptWhenNoCompleterIsShipped) {
  TempDir dir;
  const std::string self = executable(dir, "bin/kubectl-dsroll");
  auto done = completion::installCompleter({"", self, dir.file("bin")});
  ASSERT_TRUE(done) << done.error();
  std::ifstream in(dir.file("bin/kubectl_complete-dsroll"));
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), "#!/bin/sh\n# Written by kubectl dsroll completion install.\nexec '" +
                            self + "' __complete \"$@\"\n");
  struct stat st {};
  ASSERT_EQ(::stat(dir.file("bin/kubectl_complete-dsroll").c_str(), &st), 0);
  EXPECT_NE(st.st_mode & S_IXUSR, 0u);
}

TEST(CompletionInstallTest, PluginNotOnPathNeedsDir) {
  TempDir dir;
  auto done = completion::installCompleter({"", dir.file("x/kubectl-dsroll"), "/nonexistent"});
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error(),
            "error: kubectl-dsroll is not on PATH, so kubectl would not find a completer beside "
            "it; use --dir");
}

TEST(CompletionInstallTest, DirOutsidePathGetsANote) {
  TempDir dir;
  const std::string self = executable(dir, "bin/kubectl-dsroll");
  fs::create_directories(dir.file("other"));
  auto done = completion::installCompleter({dir.file("other"), self, "/usr/bin"});
  ASSERT_TRUE(done) << done.error();
  EXPECT_NE(done->find("note: " + dir.file("other") + " is not on PATH"), std::string::npos);
}

}  // namespace
}  // namespace dsroll::plugin::testing
