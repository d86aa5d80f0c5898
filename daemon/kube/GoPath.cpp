#include "daemon/kube/GoPath.hpp"

#include <vector>

namespace dsroll::kube {

std::string cleanPath(std::string_view path) {
  if (path.empty()) {
    return ".";
  }
  const bool rooted = path.front() == '/';
  std::vector<std::string_view> parts;
  std::size_t dotdots = 0;  // leading ".." that cannot be removed (relative paths only)
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) {
      end = path.size();
    }
    const std::string_view part = path.substr(start, end - start);
    start = end + 1;
    if (part.empty() || part == ".") {
      continue;
    }
    if (part == "..") {
      if (parts.size() > dotdots) {
        parts.pop_back();
      } else if (!rooted) {
        parts.push_back(part);
        ++dotdots;
      }
      continue;
    }
    parts.push_back(part);
  }
  std::string out = rooted ? "/" : "";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) {
      out += '/';
    }
    out += parts[i];
  }
  return out.empty() ? "." : out;
}

std::string joinPath(std::string_view base, std::string_view relative) {
  if (base.empty()) {
    return relative.empty() ? std::string() : cleanPath(relative);
  }
  if (relative.empty()) {
    return cleanPath(base);
  }
  std::string joined(base);
  joined += '/';
  joined += relative;
  return cleanPath(joined);
}

std::string dirName(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) {
    return ".";
  }
  return cleanPath(path.substr(0, slash + 1));
}

std::string absolutePath(std::string_view path, std::string_view dir) {
  if (isAbsolutePath(path)) {
    return cleanPath(path);
  }
  return joinPath(dir.empty() ? std::string_view("/") : dir, path);
}

}  // namespace dsroll::kube
