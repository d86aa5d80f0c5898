#pragma once
// Helpers shared by the cache tests: a temporary directory and realistic DaemonSet and
// ControllerRevision records.

#include <cstdint>
#include <filesystem>
#include <string>

#include "cache/RevisionCache.hpp"

namespace dsroll::cache::test {

/** A fresh directory under the system temp dir, removed with everything in it. */
class TempDir {
 public:
  TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir();

  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

DaemonSetInfo makeDaemonSet(const std::string& uid,
                            const std::string& name = "fluentd",
                            const std::string& namespace_ = "kube-system",
                            Timestamp createdAt = 1000);

/** The data of a ControllerRevision of a fluentd-like DaemonSet: about 2.5 KB of JSON. */
std::string realisticRevisionData(std::int64_t revision);

RevisionInfo makeRevision(const std::string& uid,
                          const std::string& daemonSetUid,
                          std::int64_t revision,
                          Timestamp createdAt = 1000);

/** The whole file as bytes ("" when it does not exist). */
std::string readFile(const std::string& path);
void writeFile(const std::string& path, const std::string& bytes);

}  // namespace dsroll::cache::test
