#include "plugin/cli/Manifests.hpp"

#include <unistd.h>

#include <gtest/gtest.h>

#include "tests/unit/plugin/CliTestSupport.hpp"
#include "tests/unit/plugin/TempDir.hpp"

namespace dsroll::plugin::testing {
namespace {

tl::expected<std::string, std::string> noStdin() {
  return tl::unexpected(std::string("no stdin in this test"));
}

std::vector<std::string> paths(const std::vector<cli::ManifestFile>& files) {
  std::vector<std::string> out;
  for (const auto& f : files)
    out.push_back(f.path);
  return out;
}

TEST(ManifestsTest, ReadsAFileAsGiven) {
  TempDir dir;
  const std::string path = dir.write("ds.txt", "kind: DaemonSet\n");
  auto files = cli::readManifests({path}, false, noStdin);
  ASSERT_TRUE(files) << files.error().message;
  ASSERT_EQ(files->size(), 1u);
  EXPECT_EQ((*files)[0].path, path);
  EXPECT_EQ((*files)[0].content, "kind: DaemonSet\n");
}

TEST(ManifestsTest, DirectoryGivesManifestExtensionsSorted) {
  TempDir dir;
  dir.write("m/b.yaml", "b");
  dir.write("m/a.json", "a");
  dir.write("m/c.yml", "c");
  dir.write("m/readme.md", "no");
  dir.write("m/sub/d.yaml", "d");
  auto files = cli::readManifests({dir.file("m") + "/"}, false, noStdin);
  ASSERT_TRUE(files) << files.error().message;
  EXPECT_EQ(paths(*files), (std::vector<std::string>{dir.file("m/a.json"), dir.file("m/b.yaml"),
                                                     dir.file("m/c.yml")}));
  EXPECT_EQ((*files)[0].content, "a");
}

TEST(ManifestsTest, RecursiveWalksSubdirectoriesInPlace) {
  TempDir dir;
  dir.write("m/a.yaml", "a");
  dir.write("m/b/x.yaml", "x");
  dir.write("m/b/y/z.json", "z");
  dir.write("m/c.yaml", "c");
  auto files = cli::readManifests({dir.file("m")}, true, noStdin);
  ASSERT_TRUE(files) << files.error().message;
  EXPECT_EQ(paths(*files),
            (std::vector<std::string>{dir.file("m/a.yaml"), dir.file("m/b/x.yaml"),
                                      dir.file("m/b/y/z.json"), dir.file("m/c.yaml")}));
}

TEST(ManifestsTest, RelativeDirectoryKeepsRelativePaths) {
  TempDir dir;
  dir.write("m/a.yaml", "a");
  const std::string previous = std::filesystem::current_path().string();
  ASSERT_EQ(::chdir(dir.path().c_str()), 0);
  auto files = cli::readManifests({"./m"}, false, noStdin);
  ASSERT_EQ(::chdir(previous.c_str()), 0);
  ASSERT_TRUE(files) << files.error().message;
  EXPECT_EQ(paths(*files), std::vector<std::string>{"m/a.yaml"});
}

TEST(ManifestsTest, DashReadsStdin) {
  auto files = cli::readManifests(
      {"-"}, false, [] { return tl::expected<std::string, std::string>("from stdin"); });
  ASSERT_TRUE(files);
  ASSERT_EQ(files->size(), 1u);
  EXPECT_EQ((*files)[0].path, "-");
  EXPECT_EQ((*files)[0].content, "from stdin");
}

TEST(ManifestsTest, MissingPathIsKubectlsError) {
  auto files = cli::readManifests({"/nonexistent/ds.yaml"}, false, noStdin);
  ASSERT_FALSE(files);
  EXPECT_EQ(files.error().message, "the path \"/nonexistent/ds.yaml\" does not exist");
  EXPECT_FALSE(files.error().usageHint);
}

TEST(ManifestsTest, ApplySendsContentsAndPathsAsGiven) {
  TempDir dir;
  const std::string a = dir.write("a.yaml", "A");
  dir.write("d/b.yaml", "B");
  const Parsed parsed =
      parseLine({"apply", "-f", a, "--filename=" + dir.file("d"), "-f", "-"}, "C");
  ASSERT_TRUE(parsed.ok) << parsed.error;
  EXPECT_EQ(parsed.args["files"],
            nlohmann::json::parse(R"([{"path":")" + a + R"(","content":"A"},{"path":")" +
                                  dir.file("d/b.yaml") +
                                  R"(","content":"B"},{"path":"-","content":"C"}])"));
  EXPECT_EQ(parsed.args["forceConflicts"], false);
  EXPECT_EQ(parsed.args["wait"], false);
  EXPECT_EQ(parsed.args["dryRun"], "none");
}

}  // namespace
}  // namespace dsroll::plugin::testing
