#pragma once
// A temporary directory removed with everything in it.

#include <filesystem>
#include <fstream>
#include <string>

#include <stdlib.h>

namespace dsroll::plugin::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern = "/tmp/dsroll-plugin-test-XXXXXX";
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

  /** Writes a file (creating parent directories). */
  std::string write(const std::string& name, const std::string& content) const {
    const std::filesystem::path p = file(name);
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p) << content;
    return p.string();
  }

 private:
  std::string path_;
};

}  // namespace dsroll::plugin::testing
