#pragma once
// Path arithmetic with Go's path/filepath semantics (Unix), which clientcmd uses to resolve the
// relative paths inside a kubeconfig.

#include <string>
#include <string_view>

namespace dsroll::kube {

/** filepath.Clean: the shortest equivalent path ("a/../b/./c//d" -> "b/c/d", "" -> "."). */
std::string cleanPath(std::string_view path);

/** filepath.Join of two elements (cleaned; an empty element is ignored). */
std::string joinPath(std::string_view base, std::string_view relative);

/** filepath.Dir: everything before the last '/', cleaned ("x" -> ".", "/x" -> "/"). */
std::string dirName(std::string_view path);

inline bool isAbsolutePath(std::string_view path) {
  return !path.empty() && path.front() == '/';
}

/** path made absolute against dir (filepath.Abs with dir as the working directory). */
std::string absolutePath(std::string_view path, std::string_view dir);

}  // namespace dsroll::kube
