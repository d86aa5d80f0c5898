#include "daemon/kube/KubeConfigLoader.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "daemon/kube/ConfigErrors.hpp"
#include "daemon/kube/GoPath.hpp"
#include "daemon/kube/GoText.hpp"

namespace dsroll::kube {

namespace {

// Far above any real kubeconfig or certificate; stops a path like /dev/zero from eating memory.
constexpr std::size_t kMaxFileBytes = 16u * 1024u * 1024u;

std::string envValue(const std::map<std::string, std::string>& env, const std::string& name) {
  auto it = env.find(name);
  return it == env.end() ? std::string() : it->second;
}

std::vector<std::string> splitList(const std::string& list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t end = list.find(':', start);
    if (end == std::string::npos) end = list.size();
    std::string item = list.substr(start, end - start);
    if (!item.empty() && std::find(out.begin(), out.end(), item) == out.end()) {
      out.push_back(std::move(item));
    }
    start = end + 1;
  }
  return out;
}

// The first definition of a name wins, whole: nothing inside it is merged from later files.
void mergeInto(KubeConfigFile& merged, KubeConfigFile&& file) {
  merged.clusters.merge(file.clusters);
  merged.users.merge(file.users);
  merged.contexts.merge(file.contexts);
  if (merged.currentContext.empty()) {
    merged.currentContext = std::move(file.currentContext);
  }
}

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

std::string readErrorText(const ReadError& error, const std::string& path) {
  return error.op + " " + path + ": " + error.reason;
}

FileReader diskReader() {
  return [](const std::string& path) -> tl::expected<std::string, ReadError> {
    const FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
      const int err = errno;
      return tl::make_unexpected(ReadError{err == ENOENT, "open", errnoText(err)});
    }
    std::string content;
    char buffer[16384];
    while (true) {
      const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        const int err = errno;
        return tl::make_unexpected(ReadError{false, "read", errnoText(err)});
      }
      if (n == 0) return content;
      content.append(buffer, static_cast<std::size_t>(n));
      if (content.size() > kMaxFileBytes) {
        return tl::make_unexpected(ReadError{false, "read", "file too large"});
      }
    }
  };
}

tl::expected<LoadedKubeConfig, ConfigError> loadKubeConfigs(
    const std::optional<std::string>& kubeconfigFlag,
    const std::map<std::string, std::string>& env,
    const std::string& cwd,
    const FileReader& read) {
  const bool explicitFile = kubeconfigFlag && !kubeconfigFlag->empty();
  std::vector<std::string> precedence;
  if (explicitFile) {
    precedence.push_back(*kubeconfigFlag);
  } else if (const std::string list = envValue(env, "KUBECONFIG"); !list.empty()) {
    precedence = splitList(list);
  } else if (const std::string home = envValue(env, "HOME"); !home.empty()) {
    precedence.push_back(joinPath(home, ".kube/config"));
  }

  LoadedKubeConfig loaded;
  std::vector<std::string> errors;
  for (const std::string& given : precedence) {
    const std::string path = absolutePath(given, cwd);
    auto text = read(path);
    if (!text && text.error().notFound) {
      if (explicitFile) {
        return tl::make_unexpected(plainConfigError("stat " + given + ": " + text.error().reason));
      }
      continue;  // a missing entry of $KUBECONFIG (or no ~/.kube/config) is not an error
    }
    const std::string prefix = "error loading config file \"" + given + "\": ";
    if (!text) {
      errors.push_back(prefix + readErrorText(text.error(), given));
      continue;
    }
    auto file = parseKubeConfigFile(*text, path);
    if (!file) {
      errors.push_back(prefix + file.error());
      continue;
    }
    mergeInto(loaded.merged, std::move(*file));
    loaded.files.push_back(path);
  }
  if (!errors.empty()) {
    return tl::make_unexpected(severalConfigErrors(std::move(errors)));
  }
  return loaded;
}

}  // namespace dsroll::kube
