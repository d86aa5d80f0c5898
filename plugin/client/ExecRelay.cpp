#include "plugin/client/ExecRelay.hpp"

#include "ipc/ExecEnvironment.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <vector>

namespace dsroll::plugin::client {

namespace {

constexpr std::size_t kMaxStdout = 1u << 20;  // an ExecCredential is a few KiB

constexpr const char* kGettingCredentials =
    "Unable to connect to the server: getting credentials: ";

// client-go's installHintVerboseHelp.
constexpr const char* kInstallHelp =
    "\n\nIt looks like you are trying to use a client-go credential plugin that is not "
    "installed.\n\nTo learn more about this feature, consult the documentation available at:\n"
    "      https://kubernetes.io/docs/reference/access-authn-authz/authentication/"
    "#client-go-credential-plugins";

tl::unexpected<std::string> fail(const std::string& message) {
  return tl::make_unexpected(kGettingCredentials + message);
}

/** Go's error text for an errno: strerror with a lower-case first letter. */
std::string errnoText(int error) {
  std::string text = std::strerror(error);
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

/** posix_spawnp: stdin and stderr as given, stdout into the pipe, default signals. */
int spawn(pid_t& pid, const ipc::CredentialRequest& request, const RelayIo& io, int stdoutFd) {
  std::vector<std::string> argv{request.command};
  argv.insert(argv.end(), request.args.begin(), request.args.end());
  std::vector<std::string> env =
      ipc::execEnvironment(io.environment, request.env, request.execInfo);
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attr);
  if (io.terminalFd != 0) posix_spawn_file_actions_adddup2(&actions, io.terminalFd, 0);
  posix_spawn_file_actions_adddup2(&actions, stdoutFd, 1);
  if (io.stderrFd != 2) posix_spawn_file_actions_adddup2(&actions, io.stderrFd, 2);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
#endif
  // Same process group as ours: the exec plugin reads the terminal in the foreground.
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);  // we ignore SIGPIPE; it must not
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  auto argvPointers = ipc::spawnPointers(argv);
  auto envPointers = ipc::spawnPointers(env);
  const int rc = ::posix_spawnp(&pid, request.command.c_str(), &actions, &attr, argvPointers.data(),
                                envPointers.data());
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&actions);
  return rc;
}

std::string readAll(int fd) {
  std::string out;
  char buffer[4096];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) {
      // Past the limit keep reading, so the exec plugin never blocks on a full pipe.
      const auto room = kMaxStdout - std::min(kMaxStdout, out.size());
      out.append(buffer, std::min(static_cast<std::size_t>(n), room));
    } else if (n == 0 || errno != EINTR) {
      return out;
    }
  }
}

}  // namespace

tl::expected<std::string, std::string> runCredentialPlugin(const ipc::CredentialRequest& request,
                                                           const RelayIo& io) {
  if (::isatty(io.terminalFd) != 1) return tl::make_unexpected(std::string(kNoTerminalMessage));
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return fail("exec: pipe: " + errnoText(errno));
  pid_t pid = -1;
  const int rc = spawn(pid, request, io, fds[1]);
  ::close(fds[1]);  // EOF comes when the exec plugin (and anything it started) is done
  if (rc != 0) {
    ::close(fds[0]);
    if (rc == ENOENT || rc == EACCES) {
      std::string message = "exec: executable " + request.command + " not found" + kInstallHelp;
      if (!request.installHint.empty()) message += "\n\n" + request.installHint;
      return fail(message);
    }
    return fail("exec: fork/exec " + request.command + ": " + errnoText(rc));
  }
  std::string out = readAll(fds[0]);
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;  // Go's ExitCode()
    return fail("exec: executable " + request.command + " failed with exit code " +
                std::to_string(code));
  }
  return out;
}

SessionOutcome runWithCredentialRelay(
    const std::function<SessionOutcome(const ipc::Request&)>& runOnce,
    ipc::Request request,
    const RelayIo& io) {
  SessionOutcome outcome = runOnce(request);
  if (!outcome.credentialRequest) return outcome;
  auto wanted = ipc::parseCredentialRequest(*outcome.credentialRequest);
  if (!wanted) {
    return {1, {}, "error: dsrolld sent a malformed reply: " + wanted.error(), false, {}};
  }
  auto credential = runCredentialPlugin(*wanted, io);
  if (!credential) return {1, {}, credential.error(), false, {}};
  request.execCredential = std::move(*credential);
  outcome = runOnce(request);
  outcome.credentialRequest.reset();  // never twice: the daemon's message is the answer
  return outcome;
}

}  // namespace dsroll::plugin::client
