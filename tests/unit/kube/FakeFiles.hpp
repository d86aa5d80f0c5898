#pragma once
// An in-memory FileReader for kubeconfig tests: no disk, exact control over what fails.

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "daemon/kube/KubeConfig.hpp"

namespace dsroll::kube::test {

struct FakeFiles {
  FakeFiles() = default;
  explicit FakeFiles(std::map<std::string, std::string> contents) : files(std::move(contents)) {}

  std::map<std::string, std::string> files;  // absolute path -> content
  std::set<std::string> unreadable;          // open fails with EACCES
  std::set<std::string> directories;         // read fails with EISDIR
  mutable std::vector<std::string> reads;    // every path asked for, in order

  FileReader reader() const {
    return [this](const std::string& path) -> tl::expected<std::string, ReadError> {
      reads.push_back(path);
      if (unreadable.count(path) != 0) {
        return tl::make_unexpected(ReadError{false, "open", "permission denied"});
      }
      if (directories.count(path) != 0) {
        return tl::make_unexpected(ReadError{false, "read", "is a directory"});
      }
      auto it = files.find(path);
      if (it == files.end()) {
        return tl::make_unexpected(ReadError{true, "open", "no such file or directory"});
      }
      return it->second;
    };
  }
};

}  // namespace dsroll::kube::test
