#pragma once
// Helpers for the Kubernetes client tests against the real API server of tests/cluster: the
// cluster's kubeconfig, RestConfigs resolved from it, running a coroutine to completion, the
// pinned kubectl, and temporary files.

#include <chrono>
#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "daemon/asio/Awaitable.hpp"
#include "daemon/kube/RestConfig.hpp"
#include "daemon/lifecycle/Logger.hpp"

namespace dsroll::kube::testing {

/** $DSROLL_TEST_KUBECONFIG, or "" when the tests run without a cluster. */
std::string clusterKubeconfig();

/** The RestConfig of a context of a kubeconfig file, resolved as kubectl would (throws if bad). */
RestConfig restConfig(const std::string& kubeconfig, const std::string& context = "");

/** The current context's name in a kubeconfig (e.g. admin@NAME). */
std::string currentContext(const std::string& kubeconfig);

/** The cluster name: the part after '@' in the current context. */
std::string clusterName(const std::string& kubeconfig);

struct ProcessResult {
  int exitCode = -1;
  std::string out;
  std::string err;
};

/** Runs a program (no shell) and waits for it. */
ProcessResult runProcess(const std::vector<std::string>& argv);

/** tests/cluster/kubectl with --kubeconfig prepended. */
ProcessResult kubectl(const std::string& kubeconfig, std::vector<std::string> args);

/** Runs `body` with `stdin` fed to it, e.g. `kubectl apply -f -`. */
ProcessResult kubectlWithInput(const std::string& kubeconfig,
                               std::vector<std::string> args,
                               const std::string& input);

/** The repository's root (for tests/cluster scripts). */
std::string sourceRoot();

/** A private temporary directory removed at destruction. */
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  /** Writes a file (atomically: a new inode, a new mtime) and returns its path. */
  std::string write(const std::string& name, const std::string& content, unsigned mode = 0600);

 private:
  std::string path_;
};

/** A unique name for a namespace or object: prefix + random suffix. */
std::string uniqueName(const std::string& prefix);

/** A logger that keeps quiet unless DSROLL_TEST_VERBOSE is set. */
lifecycle::Logger& testLogger();

/** Resident set size of this process in KiB. */
std::int64_t residentKiB();

/** Runs `work` on `io` until it completes; rethrows what it threw. */
template <typename T>
T runSync(boost::asio::io_context& io, Awaitable<T> work) {
  std::optional<T> out;
  std::exception_ptr error;
  boost::asio::co_spawn(io, std::move(work), [&](std::exception_ptr e, T value) {
    error = e;
    if (!e) out.emplace(std::move(value));
  });
  io.restart();
  io.run();
  if (error) std::rethrow_exception(error);
  return std::move(*out);
}

}  // namespace dsroll::kube::testing
