// runExecPlugin: spawning a client-go credential plugin and collecting what it writes.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <vector>

#include "daemon/kube/Duration.hpp"
#include "daemon/kube/ExecCredential.hpp"
#include "daemon/kube/GoText.hpp"
#include "ipc/ExecEnvironment.hpp"

namespace dsroll::kube {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kMaxStdout = 1u << 20;  // an ExecCredential is a few KiB
constexpr std::size_t kMaxStderr = 8u << 10;  // enough for the error a plugin prints

constexpr const char* kInstallHelp =
    "\n\nIt looks like you are trying to use a client-go credential plugin that is not "
    "installed.\n\nTo learn more about this feature, consult the documentation available at:\n"
    "      https://kubernetes.io/docs/reference/access-authn-authz/authentication/"
    "#client-go-credential-plugins";

tl::unexpected<ExecError> fail(std::string message, bool needsTerminal = false) {
  return tl::make_unexpected(
      ExecError{.message = std::move(message), .needsTerminal = needsTerminal});
}

ExecError notFound(const ExecConfig& exec) {
  std::string message = "exec: executable " + exec.command + " not found" + kInstallHelp;
  if (!exec.installHint.empty()) message += "\n\n" + exec.installHint;
  return ExecError{.message = std::move(message), .notFound = true};
}

class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  int get() const { return fd_; }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

/** A pipe whose ends are close-on-exec and never 0-2 (dup2 onto itself would keep CLOEXEC). */
bool makePipe(Fd& readEnd, Fd& writeEnd) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return false;
  for (int& fd : fds) {
    if (fd <= 2) {
      const int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
      ::close(fd);
      fd = moved;
    }
  }
  readEnd.reset(fds[0]);
  writeEnd.reset(fds[1]);
  return readEnd.get() >= 0 && writeEnd.get() >= 0;
}

/** Kills (the whole process group) and reaps a child that is still running when we leave. */
class Child {
 public:
  explicit Child(pid_t pid) : pid_(pid) {}
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  ~Child() {
    if (!reaped_) {
      kill();
      wait(0);
    }
  }
  void kill() const {
    ::kill(-pid_, SIGKILL);  // the plugin and whatever it started
    if (!reaped_) ::kill(pid_, SIGKILL);
  }
  /** Reaps without blocking (flags = WNOHANG) or blocking (flags = 0); true once reaped. */
  bool wait(int flags) {
    while (!reaped_) {
      const pid_t r = ::waitpid(pid_, &status_, flags);
      if (r == pid_ || (r < 0 && errno != EINTR)) reaped_ = true;
      if (r == 0) break;
    }
    return reaped_;
  }
  bool reaped() const { return reaped_; }
  int status() const { return status_; }

 private:
  pid_t pid_;
  bool reaped_ = false;
  int status_ = 0;
};

bool executable(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && !S_ISDIR(st.st_mode) && (st.st_mode & 0111) != 0 &&
         ::access(path.c_str(), X_OK) == 0;
}

/** exec.LookPath with the caller's PATH (relative PATH entries are refused, as Go does). */
std::optional<std::string> lookPath(const std::string& command,
                                    const std::map<std::string, std::string>& env) {
  if (command.find('/') != std::string::npos) return command;
  const auto path = env.find("PATH");
  if (path == env.end()) return std::nullopt;
  const std::string& list = path->second;
  for (std::size_t start = 0; start <= list.size();) {
    std::size_t end = std::min(list.find(':', start), list.size());
    const std::string dir = list.substr(start, end - start);
    start = end + 1;
    if (dir.empty() || dir.front() != '/') continue;
    std::string candidate = dir + "/" + command;
    if (executable(candidate)) return candidate;
  }
  return std::nullopt;
}

struct Captured {
  std::string out;
  std::string err;
  bool timedOut = false;
};

void drain(Fd& fd, std::string& sink, std::size_t limit) {
  char buffer[4096];
  const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
  if (n > 0) {
    const auto take = std::min(static_cast<std::size_t>(n), limit - std::min(limit, sink.size()));
    sink.append(buffer, take);  // beyond the limit keep reading so the plugin never blocks
  } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
    fd.reset();
  }
}

Captured collect(Child& child, Fd& out, Fd& err, Clock::time_point deadline) {
  Captured captured;
  while (true) {
    child.wait(WNOHANG);
    if (child.reaped() && out.get() < 0 && err.get() < 0) return captured;
    const auto remaining = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    if (remaining.count() <= 0) {
      captured.timedOut = true;
      return captured;
    }
    pollfd fds[2];
    nfds_t count = 0;
    for (Fd* fd : {&out, &err}) {
      if (fd->get() >= 0) fds[count++] = pollfd{fd->get(), POLLIN, 0};
    }
    // With both pipes closed only the exit is left to notice: look again shortly.
    const auto wait = count == 0 ? std::min<std::int64_t>(remaining.count(), 10)
                                 : std::min<std::int64_t>(remaining.count(), 1000);
    if (::poll(fds, count, static_cast<int>(wait)) <= 0) continue;
    for (nfds_t i = 0; i < count; ++i) {
      if (fds[i].revents == 0) continue;
      const bool isOut = fds[i].fd == out.get();
      drain(isOut ? out : err, isOut ? captured.out : captured.err,
            isOut ? kMaxStdout : kMaxStderr);
    }
  }
}

/** posix_spawn with stdin from /dev/null, stdout/stderr into the pipes, default signals. */
int spawn(pid_t& pid,
          const std::string& path,
          std::vector<std::string> argv,
          std::vector<std::string> env,
          const Fd& out,
          const Fd& err) {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attr);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out.get(), 1);
  posix_spawn_file_actions_adddup2(&actions, err.get(), 2);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);  // descriptors the daemon leaked
#endif
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
  auto argvPointers = ipc::spawnPointers(argv);
  auto envPointers = ipc::spawnPointers(env);
  const int rc =
      ::posix_spawn(&pid, path.c_str(), &actions, &attr, argvPointers.data(), envPointers.data());
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&actions);
  return rc;
}

std::string withStderr(std::string message, const std::string& stderrText) {
  const std::string_view trimmed = trimSpace(stderrText);
  if (!trimmed.empty()) message += ": " + std::string(trimmed);
  return message;
}

}  // namespace

tl::expected<ExecCredential, ExecError> runExecPlugin(
    const ExecConfig& exec,
    const RestConfig& cluster,
    const std::map<std::string, std::string>& callerEnv,
    std::chrono::milliseconds deadline) {
  if (exec.apiVersion != "client.authentication.k8s.io/v1" &&
      exec.apiVersion != "client.authentication.k8s.io/v1beta1") {
    return fail("exec plugin: invalid apiVersion " + goQuote(exec.apiVersion));
  }
  const std::string& mode = exec.interactiveMode;
  if (mode == "Always") {
    return fail("exec plugin cannot support interactive mode: standard input is not a terminal",
                true);
  }
  if (!mode.empty() && mode != "Never" && mode != "IfAvailable") {
    return fail("exec plugin cannot support interactive mode: unknown interactiveMode: " +
                goQuote(mode));
  }
  const auto path = lookPath(exec.command, callerEnv);
  if (exec.command.empty() || !path) return tl::make_unexpected(notFound(exec));

  Fd outRead, outWrite, errRead, errWrite;
  if (!makePipe(outRead, outWrite) || !makePipe(errRead, errWrite)) {
    return fail("exec: pipe: " + errnoText(errno));
  }
  std::vector<std::string> argv{exec.command};
  argv.insert(argv.end(), exec.args.begin(), exec.args.end());
  pid_t pid = -1;
  const int rc =
      spawn(pid, *path, std::move(argv),
            ipc::execEnvironment(callerEnv, exec.env, execInfoJson(exec, cluster, false)), outWrite,
            errWrite);
  outWrite.reset();  // the child holds its own copies; EOF comes when it (and its children) exit
  errWrite.reset();
  if (rc == ENOENT) return tl::make_unexpected(notFound(exec));
  if (rc != 0) return fail("exec: fork/exec " + *path + ": " + errnoText(rc));

  Child child(pid);
  const Captured captured = collect(child, outRead, errRead, Clock::now() + deadline);
  if (captured.timedOut) {
    child.kill();
    child.wait(0);
    return fail(withStderr("exec: executable " + exec.command + " did not finish within " +
                               formatDuration(deadline) + " and was killed",
                           captured.err));
  }
  const int status = child.status();
  if (WIFSIGNALED(status)) {
    return fail(withStderr("exec: executable " + exec.command + " was killed by signal " +
                               std::to_string(WTERMSIG(status)),
                           captured.err));
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
    return fail(withStderr("exec: executable " + exec.command + " failed with exit code " +
                               std::to_string(WEXITSTATUS(status)),
                           captured.err));
  }
  return parseExecOutput(exec, captured.out);
}

}  // namespace dsroll::kube
