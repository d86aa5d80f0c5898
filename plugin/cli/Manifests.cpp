#include "plugin/cli/Manifests.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace dsroll::plugin::cli {

namespace fs = std::filesystem;

namespace {

bool hasManifestExtension(const fs::path& path) {
  const std::string ext = path.extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

tl::expected<std::string, CliError> readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return tl::unexpected(plainError("open " + path + ": " + std::strerror(errno)));
  }
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) {
    return tl::unexpected(plainError("read " + path + ": " + std::strerror(errno)));
  }
  return content.str();
}

// filepath.Walk order: entries sorted by name, a directory's contents right after it; links to
// directories are not followed.
tl::expected<void, CliError> walk(const fs::path& dir,
                                  bool recursive,
                                  std::vector<ManifestFile>& out) {
  std::error_code ec;
  std::vector<fs::directory_entry> entries;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    entries.push_back(*it);
  }
  if (ec) {
    return tl::unexpected(plainError("open " + dir.generic_string() + ": " + ec.message()));
  }
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return a.path().filename().string() < b.path().filename().string();
  });
  for (const auto& entry : entries) {
    const fs::path path = entry.path().lexically_normal();
    if (entry.symlink_status(ec).type() == fs::file_type::directory) {
      if (recursive) {
        if (auto ok = walk(path, recursive, out); !ok) return ok;
      }
      continue;
    }
    if (!hasManifestExtension(path)) continue;
    auto content = readFile(path.generic_string());
    if (!content) return tl::unexpected(content.error());
    out.push_back({path.generic_string(), std::move(*content)});
  }
  return {};
}

}  // namespace

tl::expected<std::vector<ManifestFile>, CliError> readManifests(
    const std::vector<std::string>& filenames, bool recursive, const StdinReader& readStdin) {
  std::vector<ManifestFile> out;
  for (const std::string& name : filenames) {
    if (name == "-") {
      auto content = readStdin();
      if (!content) return tl::unexpected(plainError("reading stdin: " + content.error()));
      out.push_back({"-", std::move(*content)});
      continue;
    }
    std::error_code ec;
    const fs::file_status status = fs::status(name, ec);
    if (status.type() == fs::file_type::not_found) {
      return tl::unexpected(plainError("the path \"" + name + "\" does not exist"));
    }
    if (ec) {
      return tl::unexpected(plainError("stat " + name + ": " + ec.message()));
    }
    if (status.type() == fs::file_type::directory) {
      if (auto ok = walk(fs::path(name), recursive, out); !ok) return tl::unexpected(ok.error());
      continue;
    }
    // A file named explicitly is read whatever its extension (kubectl does the same).
    auto content = readFile(name);
    if (!content) return tl::unexpected(content.error());
    out.push_back({name, std::move(*content)});
  }
  return out;
}

tl::expected<std::string, std::string> readAllFromFd(int fd) {
  std::string out;
  char buffer[65536];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      return tl::unexpected(std::string(std::strerror(errno)));
    }
    out.append(buffer, static_cast<std::size_t>(n));
  }
  return out;
}

}  // namespace dsroll::plugin::cli
