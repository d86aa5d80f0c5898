#include "daemon/lifecycle/SecureDir.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace dsroll::lifecycle {

namespace {

std::string errnoText(int err) { return std::strerror(err); }  // NOLINT(concurrency-mt-unsafe)

std::string octal(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

tl::expected<void, std::string> makeDirs(const std::string& path) {
  if (path.empty()) {
    return tl::unexpected(std::string("empty directory path"));
  }
  for (std::size_t pos = 1; pos <= path.size(); ++pos) {
    if (pos != path.size() && path[pos] != '/') {
      continue;
    }
    const std::string prefix = path.substr(0, pos);
    if (::mkdir(prefix.c_str(), 0700) != 0 && errno != EEXIST) {
      return tl::unexpected("cannot create directory " + prefix + ": " + errnoText(errno));
    }
  }
  return {};
}

}  // namespace

tl::expected<void, std::string> ensureSecureDir(const std::string& path) {
  if (auto made = makeDirs(path); !made) {
    return made;
  }
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    return tl::unexpected("cannot stat " + path + ": " + errnoText(errno));
  }
  if (!S_ISDIR(st.st_mode)) {
    return tl::unexpected(path + " is not a directory");
  }
  if (st.st_uid != ::geteuid()) {
    return tl::unexpected("state directory " + path + " is owned by uid " +
                          std::to_string(st.st_uid) + ", not by you (uid " +
                          std::to_string(::geteuid()) + "); refusing to use it");
  }
  if ((st.st_mode & 077) != 0) {
    return tl::unexpected("state directory " + path + " has mode " + octal(st.st_mode) +
                          "; it must be private (run: chmod 700 " + path + ")");
  }
  return {};
}

}  // namespace dsroll::lifecycle
