// runExecPlugin against real shell scripts in a temporary directory.

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "daemon/kube/ExecCredential.hpp"

namespace dsroll::kube {
namespace {

namespace fs = std::filesystem;

constexpr const char* kTokenJson =
    R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}})";

class ExecPluginTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "dsroll-exec-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }

  /** Writes an executable /bin/sh script and returns its path. */
  std::string script(const std::string& name, const std::string& body, bool executable = true) {
    const fs::path path = dir_ / name;
    std::ofstream(path) << "#!/bin/sh\n" << body;
    fs::permissions(path, executable ? fs::perms::owner_all : fs::perms::owner_read);
    return path.string();
  }

  std::string read(const std::string& name) const {
    std::ifstream in(dir_ / name);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  static std::string printToken(const std::string& tokenExpression) {
    std::string json = kTokenJson;
    json.replace(json.find("%s"), 2, tokenExpression);
    return "printf '%s\\n' \"" + escapeQuotes(json) + "\"\n";
  }

  static std::string escapeQuotes(const std::string& text) {
    std::string out;
    for (char c : text) {
      if (c == '"') out += '\\';
      out += c;
    }
    return out;
  }

  ExecConfig exec(const std::string& command) const {
    ExecConfig config;
    config.command = command;
    config.apiVersion = "client.authentication.k8s.io/v1";
    config.interactiveMode = "Never";
    return config;
  }

  std::map<std::string, std::string> env_{{"PATH", "/usr/bin:/bin"}};
  fs::path dir_;
};

std::size_t openDescriptors() {
  std::size_t count = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator("/proc/self/fd"))
    ++count;
  return count;
}

/** True when pid no longer exists or is a zombie (killed, waiting for its reaper). */
bool gone(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  if (!stat) return true;
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  const auto close = text.rfind(')');
  return close != std::string::npos && close + 2 < text.size() && text[close + 2] == 'Z';
}

/** SIGKILL is delivered asynchronously: wait (boundedly) for the process to die. */
bool dies(pid_t pid) {
  for (int i = 0; i < 200 && !gone(pid); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return gone(pid);
}

TEST_F(ExecPluginTest, ReturnsTheToken) {
  const std::string path = script("token.sh", printToken("tok-123"));
  auto result = runExecPlugin(exec(path), RestConfig{}, env_, std::chrono::seconds(30));
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->token, "tok-123");
}

TEST_F(ExecPluginTest, PassesArgsEnvAndExecInfo) {
  ExecConfig config = exec(script("env.sh",
                                  "printf '%s' \"$KUBERNETES_EXEC_INFO\" > \"$(dirname $0)/info\"\n"
                                  "printf '%s' \"$*\" > \"$(dirname $0)/args\"\n" +
                                      printToken("$FROM_CALLER-$FROM_EXEC-$BOTH")));
  config.args = {"--region", "eu west"};
  config.env = {{"FROM_EXEC", "e"}, {"BOTH", "exec-wins"}};
  config.provideClusterInfo = true;
  RestConfig cluster;
  cluster.server = "https://10.0.0.1:6443";
  env_["FROM_CALLER"] = "c";
  env_["BOTH"] = "caller";
  env_["KUBERNETES_EXEC_INFO"] = "from the caller, replaced";

  auto result = runExecPlugin(config, cluster, env_, std::chrono::seconds(30));
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->token, "c-e-exec-wins");
  EXPECT_EQ(read("info"), execInfoJson(config, cluster, false));
  EXPECT_EQ(read("args"), "--region eu west");
}

TEST_F(ExecPluginTest, StdinIsDevNull) {
  const std::string path = script("stdin.sh", "if read line; then exit 9; fi\n" + printToken("ok"));
  auto result = runExecPlugin(exec(path), RestConfig{}, env_, std::chrono::seconds(30));
  ASSERT_TRUE(result) << result.error().message;
}

TEST_F(ExecPluginTest, FailingPluginReportsExitCodeAndStderr) {
  const std::string path = script("fail.sh",
                                  "echo '  something bad happened  ' >&2\n"
                                  "echo 'second line' >&2\nexit 3\n");
  auto result = runExecPlugin(exec(path), RestConfig{}, env_, std::chrono::seconds(30));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "exec: executable " + path +
                                        " failed with exit code 3: something bad happened  \n"
                                        "second line");
}

TEST_F(ExecPluginTest, PluginKilledBySignal) {
  const std::string path = script("signal.sh", "kill -9 $$\n");
  auto result = runExecPlugin(exec(path), RestConfig{}, env_, std::chrono::seconds(30));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "exec: executable " + path + " was killed by signal 9");
}

TEST_F(ExecPluginTest, MissingCommandGivesInstallHint) {
  ExecConfig config = exec("no-such-plugin-dsroll");
  config.installHint = "install it with: brew install no-such-plugin";
  auto result = runExecPlugin(config, RestConfig{}, env_, std::chrono::seconds(30));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message,
            "exec: executable no-such-plugin-dsroll not found\n\n"
            "It looks like you are trying to use a client-go credential plugin that is not "
            "installed.\n\n"
            "To learn more about this feature, consult the documentation available at:\n"
            "      https://kubernetes.io/docs/reference/access-authn-authz/authentication/"
            "#client-go-credential-plugins\n\n"
            "install it with: brew install no-such-plugin");
}

TEST_F(ExecPluginTest, MissingAbsoluteCommandIsNotFoundToo) {
  const std::string path = (dir_ / "absent").string();
  auto result = runExecPlugin(exec(path), RestConfig{}, env_, std::chrono::seconds(30));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message.rfind("exec: executable " + path + " not found\n\n", 0), 0u)
      << result.error().message;
}

TEST_F(ExecPluginTest, BareCommandIsLookedUpInTheCallersPath) {
  script("my-plugin", printToken("from-path"));
  env_["PATH"] = "relative/dir:/nonexistent:" + dir_.string();
  auto result = runExecPlugin(exec("my-plugin"), RestConfig{}, env_, std::chrono::seconds(30));
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->token, "from-path");
}

TEST_F(ExecPluginTest, NotExecutable) {
  const std::string path = script("plain.sh", printToken("x"), false);
  auto result = runExecPlugin(exec(path), RestConfig{}, env_, std::chrono::seconds(30));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "exec: fork/exec " + path + ": permission denied");
}

TEST_F(ExecPluginTest, TimeoutKillsThePluginAndWhatItStarted) {
  const std::string path = script("slow.sh",
                                  "sleep 60 &\necho $! > \"$(dirname $0)/child\"\n"
                                  "echo 'waiting' >&2\nwait\n");
  // Long enough for the script to get to `wait` on a loaded machine.
  auto result = runExecPlugin(exec(path), RestConfig{}, env_, std::chrono::milliseconds(1500));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message,
            "exec: executable " + path + " did not finish within 1.5s and was killed: waiting");
  const std::string child = read("child");
  ASSERT_FALSE(child.empty());
  EXPECT_TRUE(dies(std::stoi(child)));
}

TEST_F(ExecPluginTest, BackgroundProcessHoldingStdoutDoesNotHang) {
  const std::string path = script("leak.sh", printToken("t") + "sleep 60 &\nexit 0\n");
  auto result = runExecPlugin(exec(path), RestConfig{}, env_, std::chrono::milliseconds(500));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message,
            "exec: executable " + path + " did not finish within 500ms and was killed");
}

TEST_F(ExecPluginTest, InteractiveAlwaysIsRefusedWithoutRunning) {
  ExecConfig config = exec(script("always.sh", "touch \"$(dirname $0)/ran\"\n"));
  config.interactiveMode = "Always";
  auto result = runExecPlugin(config, RestConfig{}, env_, std::chrono::seconds(30));
  ASSERT_FALSE(result);
  EXPECT_TRUE(result.error().needsTerminal);
  EXPECT_EQ(result.error().message,
            "exec plugin cannot support interactive mode: standard input is not a terminal");
  EXPECT_FALSE(fs::exists(dir_ / "ran"));
}

TEST_F(ExecPluginTest, WrongVersionFromPlugin) {
  ExecConfig config = exec(script("v1.sh", printToken("t")));
  config.apiVersion = "client.authentication.k8s.io/v1beta1";
  config.interactiveMode = "IfAvailable";
  auto result = runExecPlugin(config, RestConfig{}, env_, std::chrono::seconds(30));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message,
            "exec plugin is configured to use API version client.authentication.k8s.io/v1beta1, "
            "plugin returned version client.authentication.k8s.io/v1");
}

TEST_F(ExecPluginTest, HugeOutputIsCappedNotBuffered) {
  const std::string path = script("flood.sh", "head -c 5000000 /dev/zero\n");
  auto result = runExecPlugin(exec(path), RestConfig{}, env_, std::chrono::seconds(30));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message.rfind("decoding stdout:", 0), 0u) << result.error().message;
}

TEST_F(ExecPluginTest, LeavesNoDescriptorsAndNoChildren) {
  const std::string ok = script("ok.sh", printToken("t"));
  const std::string bad = script("bad.sh", "exit 1\n");
  const std::size_t before = openDescriptors();
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(runExecPlugin(exec(ok), RestConfig{}, env_, std::chrono::seconds(30)));
    EXPECT_FALSE(runExecPlugin(exec(bad), RestConfig{}, env_, std::chrono::seconds(30)));
    EXPECT_FALSE(runExecPlugin(exec("missing-x"), RestConfig{}, env_, std::chrono::seconds(30)));
  }
  EXPECT_EQ(openDescriptors(), before);
  errno = 0;
  EXPECT_EQ(::waitpid(-1, nullptr, WNOHANG), -1);
  EXPECT_EQ(errno, ECHILD);
}

TEST_F(ExecPluginTest, DescriptorsOfTheCallerDoNotReachThePlugin) {
  const int leaked = ::open("/dev/null", O_RDONLY);  // deliberately without O_CLOEXEC
  ASSERT_GE(leaked, 3);
  const std::string path = script("fds.sh", "if [ -e /proc/$$/fd/" + std::to_string(leaked) +
                                                " ]; then exit 7; fi\n" + printToken("t"));
  auto result = runExecPlugin(exec(path), RestConfig{}, env_, std::chrono::seconds(30));
  ::close(leaked);
  EXPECT_TRUE(result) << result.error().message;
}

TEST_F(ExecPluginTest, ManyThreadsAtOnce) {
  const std::string path = script("parallel.sh", printToken("p"));
  std::vector<std::thread> threads;
  std::vector<int> ok(8, 0);
  for (std::size_t i = 0; i < ok.size(); ++i) {
    threads.emplace_back([&, i] {
      for (int round = 0; round < 5; ++round) {
        auto result = runExecPlugin(exec(path), RestConfig{}, env_, std::chrono::seconds(30));
        ok[i] += result && result->token == "p" ? 1 : 0;
      }
    });
  }
  for (auto& thread : threads)
    thread.join();
  for (int count : ok)
    EXPECT_EQ(count, 5);
}

}  // namespace
}  // namespace dsroll::kube
