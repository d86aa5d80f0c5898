#include "plugin/client/ExecRelay.hpp"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "plugin/client/DaemonClient.hpp"
#include "tests/unit/plugin/FakeDaemon.hpp"
#include "tests/unit/plugin/TempDir.hpp"

namespace dsroll::plugin::testing {
namespace {

using nlohmann::json;

constexpr const char* kCredential =
    R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",)"
    R"("status":{"token":"tok"}})";

/** A pseudo-terminal: the exec plugin's stdin is the secondary side, we type on the primary. */
class Pty {
 public:
  Pty() {
    primary_ = ::posix_openpt(O_RDWR | O_NOCTTY);
    if (primary_ >= 0 && ::grantpt(primary_) == 0 && ::unlockpt(primary_) == 0) {
      secondary_ = ::open(::ptsname(primary_), O_RDWR | O_NOCTTY);
    }
  }
  ~Pty() {
    if (secondary_ >= 0) ::close(secondary_);
    if (primary_ >= 0) ::close(primary_);
  }
  Pty(const Pty&) = delete;
  Pty& operator=(const Pty&) = delete;

  bool ok() const { return secondary_ >= 0; }
  int terminal() const { return secondary_; }
  void type(const std::string& text) const {
    ASSERT_EQ(::write(primary_, text.data(), text.size()), static_cast<ssize_t>(text.size()));
  }

 private:
  int primary_ = -1;
  int secondary_ = -1;
};

class ExecRelayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!pty.ok()) GTEST_SKIP() << "no pseudo-terminals here";
    errFd = ::open(dir.file("stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    ASSERT_GE(errFd, 0);
  }
  void TearDown() override {
    if (errFd >= 0) ::close(errFd);
  }

  /** A shell script exec plugin, executable. */
  std::string script(const std::string& body) {
    const std::string path = dir.write("login.sh", "#!/bin/sh\n" + body);
    ::chmod(path.c_str(), 0700);
    return path;
  }

  ipc::CredentialRequest request(const std::string& command) {
    ipc::CredentialRequest r;
    r.command = command;
    r.args = {"--cluster", "prod"};
    r.env = {{"LOGIN_USER", "alice"}, {"PATH", "/usr/bin:/bin"}};
    r.apiVersion = "client.authentication.k8s.io/v1";
    r.installHint = "Install login from https://example.com/login";
    r.interactiveMode = "Always";
    r.execInfo = R"({"kind":"ExecCredential","spec":{"interactive":true}})";
    return r;
  }

  client::RelayIo io(int terminal) {
    client::RelayIo out;
    out.terminalFd = terminal;
    out.stderrFd = errFd;
    out.environment = {{"HOME", "/home/u"}, {"LOGIN_USER", "bob"}, {"PATH", "/usr/bin:/bin"}};
    return out;
  }

  std::string stderrText() const {
    std::ifstream in(dir.file("stderr"));
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  TempDir dir;
  Pty pty;
  int errFd = -1;
};

TEST_F(ExecRelayTest, RunsThePluginOnTheTerminalAndCapturesStdout) {
  const std::string login = script(
      "[ -t 0 ] || exit 9\n"
      "echo 'Password:' >&2\n"
      "IFS= read -r pw\n"
      "printf '%s|%s|%s %s|%s|%s' \"$pw\" \"$LOGIN_USER\" \"$1\" \"$2\" \"$HOME\" "
      "\"$KUBERNETES_EXEC_INFO\"\n");
  pty.type("s3cret\n");
  auto out = client::runCredentialPlugin(request(login), io(pty.terminal()));
  ASSERT_TRUE(out) << out.error();
  // The kubeconfig's env wins over ours; KUBERNETES_EXEC_INFO is exactly what the daemon sent.
  EXPECT_EQ(*out,
            "s3cret|alice|--cluster prod|/home/u|"
            R"({"kind":"ExecCredential","spec":{"interactive":true}})");
  EXPECT_EQ(stderrText(), "Password:\n");  // the prompt goes to the user, not into the credential
}

TEST_F(ExecRelayTest, WithoutATerminalItSaysSoAsKubectlDoes) {
  const std::string login = script("echo ran > " + dir.file("ran") + "\n");
  const int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  auto out = client::runCredentialPlugin(request(login), io(devNull));
  ::close(devNull);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error(),
            "Unable to connect to the server: getting credentials: exec plugin cannot support "
            "interactive mode: standard input is not a terminal");
  EXPECT_FALSE(std::ifstream(dir.file("ran")).good()) << "the exec plugin must not run";
}

TEST_F(ExecRelayTest, AFailingPluginGivesClientGoWords) {
  const std::string login = script("echo 'wrong password' >&2\nexit 4\n");
  auto out = client::runCredentialPlugin(request(login), io(pty.terminal()));
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error(), "Unable to connect to the server: getting credentials: exec: executable " +
                             login + " failed with exit code 4");
  EXPECT_EQ(stderrText(), "wrong password\n");
}

TEST_F(ExecRelayTest, AKilledPluginHasExitCodeMinusOneAsInGo) {
  const std::string login = script("kill -TERM $$\n");
  auto out = client::runCredentialPlugin(request(login), io(pty.terminal()));
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error(), "Unable to connect to the server: getting credentials: exec: executable " +
                             login + " failed with exit code -1");
}

TEST_F(ExecRelayTest, AMissingPluginGivesTheInstallHint) {
  auto out = client::runCredentialPlugin(request(dir.file("no-such-login")), io(pty.terminal()));
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().rfind("Unable to connect to the server: getting credentials: exec: "
                              "executable " +
                                  dir.file("no-such-login") +
                                  " not found\n\nIt looks like you are trying to use a client-go "
                                  "credential plugin that is not installed.",
                              0),
            0u)
      << out.error();
  EXPECT_NE(out.error().find("\n\nInstall login from https://example.com/login"),
            std::string::npos);
}

TEST_F(ExecRelayTest, RelaysOnceAndSendsTheCredentialWithTheSameRequest) {
  const std::string login =
      script("IFS= read -r pw\nprintf '%s' '" + std::string(kCredential) + "'\n");
  pty.type("pw\n");
  std::vector<ipc::Request> seen;
  auto runOnce = [&](const ipc::Request& r) {
    seen.push_back(r);
    client::SessionOutcome outcome;
    if (seen.size() == 1) {
      outcome = {1, {}, std::string("Unable to connect"), false};
      outcome.credentialRequest = ipc::toJson(request(login));
    }
    return outcome;
  };
  ipc::Request first;
  first.command = "history";
  first.args = {{"name", "fluentd"}};
  const auto outcome = client::runWithCredentialRelay(runOnce, first, io(pty.terminal()));
  EXPECT_EQ(outcome.exitCode, 0);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_FALSE(seen[0].execCredential);
  EXPECT_EQ(seen[1].execCredential, std::optional<std::string>(kCredential));
  EXPECT_EQ(seen[1].command, "history");
  EXPECT_EQ(seen[1].args, first.args);
}

TEST_F(ExecRelayTest, NeverRelaysTwice) {
  const std::string login = script("printf '%s' '" + std::string(kCredential) + "'\n");
  int runs = 0;
  auto runOnce = [&](const ipc::Request&) {
    ++runs;
    client::SessionOutcome outcome{1, {}, std::string("still no credential"), false};
    outcome.credentialRequest = ipc::toJson(request(login));
    return outcome;
  };
  const auto outcome = client::runWithCredentialRelay(runOnce, ipc::Request{}, io(pty.terminal()));
  EXPECT_EQ(runs, 2);
  EXPECT_EQ(outcome.exitCode, 1);
  EXPECT_EQ(outcome.message, std::optional<std::string>("still no credential"));
  EXPECT_FALSE(outcome.credentialRequest);
}

TEST_F(ExecRelayTest, WithoutATerminalTheRequestIsNotSentAgain) {
  int runs = 0;
  auto runOnce = [&](const ipc::Request&) {
    ++runs;
    client::SessionOutcome outcome{1, {}, std::string("daemon's line"), false};
    outcome.credentialRequest = ipc::toJson(request("/bin/true"));
    return outcome;
  };
  const int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  const auto outcome = client::runWithCredentialRelay(runOnce, ipc::Request{}, io(devNull));
  ::close(devNull);
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(outcome.exitCode, 1);
  EXPECT_EQ(outcome.message, std::optional<std::string>(client::kNoTerminalMessage));
}

TEST_F(ExecRelayTest, MalformedCredentialRequestIsAnError) {
  auto runOnce = [&](const ipc::Request&) {
    client::SessionOutcome outcome{1, {}, std::string("x"), false};
    outcome.credentialRequest = json{{"args", 3}};
    return outcome;
  };
  const auto outcome = client::runWithCredentialRelay(runOnce, ipc::Request{}, io(pty.terminal()));
  EXPECT_EQ(outcome.message, std::optional<std::string>(
                                 "error: dsrolld sent a malformed reply: missing field 'command'"));
}

/** The whole exchange over the socket: the error frame's data reaches the relay. */
TEST_F(ExecRelayTest, NeedsCredentialFrameIsRelayedOverTheSocket) {
  const std::string login =
      script("IFS= read -r pw\nprintf '%s' '" + std::string(kCredential) + "'\n");
  pty.type("pw\n");
  json second;
  FakeDaemon daemon(dir.file("dsrolld.sock"), [&](FakeConnection& c) {
    c.handshake();
    const json request = c.read().value_or(nullptr);
    if (!request.contains("execCredential")) {
      c.send({{"type", "error"},
              {"id", 1},
              {"kind", "needs-credential"},
              {"message", client::kNoTerminalMessage},
              {"exitCode", 1},
              {"data", ipc::toJson(this->request(login))}});
      return;
    }
    second = request;
    c.send({{"type", "result"}, {"id", 1}, {"exitCode", 0}});
  });
  client::DaemonClientOptions options;
  options.connector.socketPath = dir.file("dsrolld.sock");
  options.connector.budgetMs = 3000;
  options.connector.firstDelayMs = 1;
  options.version = "1.2.3";
  options.handleSigint = false;
  struct NullSink final : client::FrameSink {
    void output(ipc::Stream, const std::string&) override {}
    void progress(const json&) override {}
    void row(const json&) override {}
    bool broken() const override { return false; }
  } sink;
  client::UvLoop loop;
  auto runOnce = [&](const ipc::Request& r) {
    client::DaemonClient client(loop.get(), options, sink);
    return client.run(r);
  };
  ipc::Request first;
  first.command = "history";
  const auto outcome = client::runWithCredentialRelay(runOnce, first, io(pty.terminal()));
  daemon.finish();
  EXPECT_EQ(outcome.exitCode, 0);
  EXPECT_FALSE(outcome.message);
  EXPECT_EQ(daemon.connections(), 2);
  EXPECT_EQ(second.value("execCredential", std::string()), kCredential);
}

}  // namespace
}  // namespace dsroll::plugin::testing
