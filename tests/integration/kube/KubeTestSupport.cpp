#include "tests/integration/kube/KubeTestSupport.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>

#include "daemon/kube/KubeConfig.hpp"

namespace dsroll::kube::testing {

namespace {

std::string readAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::map<std::string, std::string> processEnvironment() {
  std::map<std::string, std::string> out;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string entry(*e);
    const auto eq = entry.find('=');
    if (eq != std::string::npos) out.emplace(entry.substr(0, eq), entry.substr(eq + 1));
  }
  return out;
}

}  // namespace

std::string clusterKubeconfig() {
  const char* path = std::getenv("DSROLL_TEST_KUBECONFIG");  // NOLINT(concurrency-mt-unsafe)
  return path == nullptr ? "" : path;
}

RestConfig restConfig(const std::string& kubeconfig, const std::string& context) {
  ipc::KubeFlags flags;
  flags.kubeconfig = kubeconfig;
  if (!context.empty()) flags.context = context;
  auto resolved = resolveConfig(flags, processEnvironment(), "/");
  if (!resolved) throw std::runtime_error(resolved.error().display);
  return resolved->rest;
}

std::string currentContext(const std::string& kubeconfig) {
  std::istringstream in(readAll(kubeconfig));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("current-context:", 0) == 0) {
      auto value = line.substr(16);
      value.erase(0, value.find_first_not_of(' '));
      return value;
    }
  }
  throw std::runtime_error("no current-context in " + kubeconfig);
}

std::string clusterName(const std::string& kubeconfig) {
  const std::string context = currentContext(kubeconfig);
  return context.substr(context.find('@') + 1);
}

std::string sourceRoot() {
  return DSROLL_SOURCE_DIR;
}

ProcessResult runProcess(const std::vector<std::string>& argv) {
  char outName[] = "/tmp/dsroll-kt-out.XXXXXX";
  char errName[] = "/tmp/dsroll-kt-err.XXXXXX";
  const int outFd = ::mkstemp(outName);
  const int errFd = ::mkstemp(errName);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(outFd, 1);
    ::dup2(errFd, 2);
    std::vector<char*> args;
    for (const auto& a : argv)
      args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ::close(outFd);
  ::close(errFd);
  ProcessResult result;
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = readAll(outName);
  result.err = readAll(errName);
  ::unlink(outName);
  ::unlink(errName);
  return result;
}

ProcessResult kubectl(const std::string& kubeconfig, std::vector<std::string> args) {
  args.insert(args.begin(), {sourceRoot() + "/tests/cluster/kubectl", "--kubeconfig", kubeconfig});
  return runProcess(args);
}

ProcessResult kubectlWithInput(const std::string& kubeconfig,
                               std::vector<std::string> args,
                               const std::string& input) {
  TempDir dir;
  const std::string file = dir.write("input", input);
  std::string command =
      "'" + sourceRoot() + "/tests/cluster/kubectl' --kubeconfig '" + kubeconfig + "'";
  for (const auto& a : args)
    command += " '" + a + "'";
  command += " < '" + file + "'";
  return runProcess({"/bin/sh", "-c", command});
}

TempDir::TempDir() {
  char name[] = "/tmp/dsroll-kube-test.XXXXXX";
  if (::mkdtemp(name) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = name;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string TempDir::write(const std::string& name, const std::string& content, unsigned mode) {
  const std::string path = path_ + "/" + name;
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << content;
  }
  ::chmod(tmp.c_str(), static_cast<mode_t>(mode));
  std::filesystem::rename(tmp, path);
  return path;
}

std::string uniqueName(const std::string& prefix) {
  static const char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device device;
  std::string out = prefix + "-";
  for (int i = 0; i < 6; ++i)
    out += kAlphabet[device() % (sizeof kAlphabet - 1)];
  return out;
}

lifecycle::Logger& testLogger() {
  static lifecycle::Logger logger(lifecycle::Logger::Options{
      "", 0, 0, std::getenv("DSROLL_TEST_VERBOSE") != nullptr,  // NOLINT(concurrency-mt-unsafe)
      lifecycle::LogLevel::Debug});
  return logger;
}

std::int64_t residentKiB() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoll(line.substr(6));
  }
  return 0;
}

}  // namespace dsroll::kube::testing
